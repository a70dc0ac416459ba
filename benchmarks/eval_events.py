"""Accuracy of geomap.events on the labelled sentences and (optionally) the shared corpus.

Usage:
    python benchmarks/eval_events.py                 # tests/data/event_sentences.tsv
    python benchmarks/eval_events.py --event-location
        # also: place linking on ../shared/eval/event_location (every record, or the first N
        # with --event-location N), split by a hash of the sentence into a dev half (tune on
        # it) and a test half (report only); skipped cleanly when ../shared is absent
    python benchmarks/eval_events.py --errors        # list the misclassified sentences
    python benchmarks/eval_events.py --pipeline      # the ACLED-style report sets through the
        # whole pipeline (extractor + gazetteer + events): type accuracy, place accuracy and
        # the share of events within 10 km of the gazetteer's best match for the gold place

Prints per-type precision/recall/F1 (multi-label: the set of types tag_events finds in a
sentence against the gold set), dominant-type accuracy and balanced accuracy (the type
dominant_event picks against the first gold type), status accuracy, place-link accuracy and
actor accuracy of the dominant gold event.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spacy.tokens import Doc, Token  # noqa: E402

from geomap.events import (  # noqa: E402
    CLAUSAL,
    _path,
    _resolve_type,
    actor_tokens,
    dominant_event,
    find_triggers,
    link_place,
    load_cues,
    tag_events,
)
from geomap.model import EVENT_TYPES, Article, Candidate, Mention, Place  # noqa: E402
from geomap.nlp import load_nlp  # noqa: E402

SENTENCES = ROOT / "tests" / "data" / "event_sentences.tsv"
EVENT_LOCATION = ROOT.parent / "shared" / "eval" / "event_location" / "labeled_text.jsonl.gz"


def read_sentences(path: Path = SENTENCES) -> list[dict[str, str]]:
    """Rows of the labelled sentence table as dicts."""
    rows = []
    header: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        rows.append(dict(zip(header, cells)))
    return rows


def build_places(text: str, spec: str) -> list[Place]:
    """Places from 'Kherson;Moscow:m;Dnipro:H' (first occurrence of each name; ':m'
    metonymic, ':H' a water feature, else a populated place)."""
    places = []
    for item in [] if spec == "-" else spec.split(";"):
        name, _, flag = item.partition(":")
        start = text.index(name)
        cls = "H" if flag == "H" else "P"
        cand = Candidate(id=f"test:{name}", name=name, lat=48.0, lon=35.0, feature_class=cls,
                         feature_code="STM" if cls == "H" else "PPL", country_code="UA")
        places.append(Place(Mention(name, start, start + len(name), text, "GPE"), cand,
                            "metonymic" if flag == "m" else "literal", 0.9))
    return sorted(places, key=lambda p: p.mention.start)


def _norm(s: str | None) -> str:
    """Actors compare without case, a leading article or typographic apostrophes."""
    text = (s or "-").replace("’", "'").strip().lower()
    return text[4:] if text.startswith("the ") else text


def evaluate(rows: list[dict[str, str]], show_errors: bool = False) -> dict[str, float]:
    """Run tag_events over the rows and print/return the metrics."""
    nlp = load_nlp()
    labels = [*EVENT_TYPES]
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    correct = 0
    per_class: Counter[str] = Counter()
    per_class_ok: Counter[str] = Counter()
    status_ok = place_ok = actor_ok = n_gold = n_actor = 0
    t0 = time.perf_counter()
    docs = list(nlp.pipe(r["text"] for r in rows))
    for row, doc in zip(rows, docs):
        places = build_places(row["text"], row["places"])
        events = tag_events(doc, places, date="2022-11-11")
        gold = [] if row["types"] == "-" else row["types"].split("|")
        pred = {e.type for e in events}
        for t in labels:
            if t in pred and t in gold:
                tp[t] += 1
            elif t in pred:
                fp[t] += 1
            elif t in gold:
                fn[t] += 1
        dom = dominant_event(events, doc)
        gold_dom = gold[0] if gold else "-"
        pred_dom = dom.type if dom else "-"
        per_class[gold_dom] += 1
        if pred_dom == gold_dom:
            correct += 1
            per_class_ok[gold_dom] += 1
        elif show_errors:
            print(f"  TYPE {row['id']}: gold {gold_dom} got {pred_dom} | {row['text']}")
        if not gold:
            continue
        n_gold += 1
        of_type = [e for e in events if e.type == gold_dom]
        best = dominant_event(of_type, doc)
        got_status = best.status if best else "-"
        got_place = places[best.place].mention.text if best and best.place is not None else "-"
        status_ok += got_status == row["status"]
        place_ok += got_place == row["place"]
        if show_errors and got_status != row["status"]:
            print(f"  STATUS {row['id']}: gold {row['status']} got {got_status} | {row['text']}")
        if show_errors and got_place != row["place"]:
            print(f"  PLACE {row['id']}: gold {row['place']} got {got_place} | {row['text']}")
        if row["actor"] != "-":
            n_actor += 1
            actor_ok += _norm(best.actor if best else None) == _norm(row["actor"])
    elapsed = time.perf_counter() - t0

    print(f"{'type':22} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}")
    f1s = []
    for t in labels:
        p = tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else 0.0
        r = tp[t] / (tp[t] + fn[t]) if tp[t] + fn[t] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        f1s.append(f)
        print(f"{t:22} {p:6.3f} {r:6.3f} {f:6.3f} {tp[t]:4} {fp[t]:4} {fn[t]:4}")
    n = len(rows)
    bal = sum(per_class_ok[c] / per_class[c] for c in per_class) / len(per_class)
    out = {
        "sentences": n,
        "macro_f1": sum(f1s) / len(f1s),
        "accuracy": correct / n,
        "balanced_accuracy": bal,
        "status_accuracy": status_ok / n_gold,
        "place_accuracy": place_ok / n_gold,
        "seconds": elapsed,
    }
    if n_actor:  # the report sets carry no gold actors
        out["actor_accuracy"] = actor_ok / n_actor
    for k, v in out.items():
        print(f"{k:22} {v:.3f}" if isinstance(v, float) else f"{k:22} {v}")
    return out


def read_event_location(limit: int = 0) -> list[tuple[str, dict, list[dict]]]:
    """(text, verb span, location spans) of the records with one verb and aligned locations."""
    with gzip.open(EVENT_LOCATION, "rt", encoding="utf-8") as fh:
        records = json.load(fh)
    items = []
    for rec in records:
        spans = rec.get("spans") or []
        verbs = [s for s in spans if s["label"] == "VERB"]
        text = rec["text"]
        # Some records carry offsets into another version of the text: keep aligned ones.
        locs = [s for s in spans if s["label"] == "LOCATION"
                and s.get("text", text[s["start"]:s["end"]]) == text[s["start"]:s["end"]]
                and text[s["start"]:s["start"] + 1].isupper() and s["end"] - s["start"] > 2]
        if len(verbs) == 1 and locs:
            items.append((text, verbs[0], locs))
        if limit and len(items) >= limit:
            break
    return items


def split_of(text: str) -> str:
    """'dev' or 'test', fixed by a hash of the sentence (its copies land in the same half)."""
    return "dev" if hashlib.md5(text.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def gold_relation(trig: Token, gold: Token) -> str:
    """A coarse class of how the gold place hangs off the trigger, for per-class accuracy."""
    if gold.sent.start != trig.sent.start:
        return "other sentence"
    up, down = _path(trig, gold)
    clausal = any(t.dep_ in CLAUSAL or (t.dep_ == "conj" and t.pos_ in ("VERB", "AUX"))
                  for t in [*up, *down])
    if clausal:
        return "other clause"
    preps = [t.lower_ for t in down if t.dep_ in ("prep", "agent")]
    if any(t.dep_ in ("nsubj", "nsubjpass") for t in down):
        return "subject"
    if preps:
        return f"prep {preps[-1]}" if preps[-1] in ("in", "near", "at", "of", "on", "from",
                                                      "to", "by") else "prep other"
    if any(t.dep_ in ("compound", "poss", "amod", "nmod") for t in down):
        return "modifier"
    if any(t.dep_ in ("dobj", "attr", "oprd") for t in down):
        return "object"
    if any(t.dep_ in ("appos", "conj") for t in down):
        return "appos/conj"
    return "other"


@dataclass(frozen=True, slots=True)
class LinkResult:
    """One event_location sentence: the half it belongs to and how linking did."""

    half: str
    hit: bool
    baseline_hit: bool
    relation: str  # gold_relation of the gold place
    verb: str
    gold: str
    got: str


def link_one(text: str, verb: dict, locs: list[dict], doc: Doc) -> LinkResult | None:
    """Link the gold verb of one record among the gold spans and spaCy's place entities;
    None when the sentence has fewer than two candidates."""
    spans = [(s["start"], s["end"]) for s in locs]
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC", "FAC") and not any(
                ent.start_char < e and s < ent.end_char for s, e in spans):
            spans.append((ent.start_char, ent.end_char))
    if len(spans) < 2:
        return None  # a single candidate says nothing about linking
    places = [Place(Mention(text[s:e], s, e, text, "GPE"), None) for s, e in spans]
    vspan = doc.char_span(verb["start"], verb["end"], alignment_mode="expand")
    if vspan is None:
        return None
    trig = vspan.root
    by_place: dict[int, list[int]] = {}
    for i, (s, e) in enumerate(spans):
        sp = doc.char_span(s, e, alignment_mode="expand")
        if sp is not None and len(sp):
            by_place[i] = [t.i for t in sp]
    cands = {i: toks for i, toks in by_place.items()
             if doc[toks[0]].sent.start == trig.sent.start}
    if len(cands) < 2:
        return None
    # The type the lexicon gives the verb (its from/to and protest costs), else a strike.
    typ = next((h.rule.type for h in find_triggers(doc) if h.start <= trig.i < h.end), "strike")
    typ = "strike" if typ == "attack" else typ
    cues = load_cues()
    place_toks = {t for toks in by_place.values() for t in toks}
    exclude = actor_tokens(trig, typ, places, by_place, place_toks, cues)
    idx, _, _ = link_place(trig, cands, places, typ, exclude=exclude, cues=cues)
    gold = set(range(len(locs)))
    nearest = min(cands, key=lambda i: min(abs(t - trig.i) for t in cands[i]))
    gold_idx = min((i for i in gold if i in cands), default=None)
    relation = "gold not in sentence" if gold_idx is None else gold_relation(
        trig, doc[by_place[gold_idx][-1]])
    return LinkResult(split_of(text), idx in gold, nearest in gold, relation, vspan.text,
                      "|".join(text[s["start"]:s["end"]] for s in locs),
                      places[idx].mention.text if idx is not None else "-")


def eval_event_location(limit: int = 0, show_errors: bool = False) -> dict[str, float]:
    """Place linking on the shared event_location corpus: the gold verb linked among all
    GPE/LOC/FAC entities plus the gold location spans; compared with nearest-by-tokens.
    The records split into a dev half (tune on it) and a test half (report only)."""
    if not EVENT_LOCATION.exists():
        print(f"skip event_location: {EVENT_LOCATION} not found")
        return {}
    items = read_event_location(limit)
    t0 = time.perf_counter()
    docs = load_nlp().pipe((t for t, _, _ in items), batch_size=64)
    results = [r for (text, verb, locs), doc in zip(items, docs)
               if (r := link_one(text, verb, locs, doc)) is not None]
    out = report_links(results, show_errors)
    print(f"  ({len(items)} records read, {time.perf_counter() - t0:.1f}s)")
    return out


def report_links(results: list[LinkResult], show_errors: bool = False) -> dict[str, float]:
    """Print accuracy per half, the baseline, and dev accuracy per gold relation."""
    out = {}
    print(f"event_location: {len(results)} sentences with >=2 candidate places")
    for half in ("dev", "test"):
        part = [r for r in results if r.half == half]
        if part:
            out[half] = sum(r.hit for r in part) / len(part)
            base = sum(r.baseline_hit for r in part) / len(part)
            print(f"  {half:4} n={len(part):5}  parse link accuracy {out[half]:.3f}  "
                  f"nearest-token baseline {base:.3f}")
    dev = [r for r in results if r.half == "dev"]
    print("  dev accuracy by how the gold place hangs off the verb:")
    for rel, k in Counter(r.relation for r in dev).most_common():
        hits = sum(r.hit for r in dev if r.relation == rel)
        print(f"    {rel:22} {k:5}  {hits / k:.3f}  ({k - hits} wrong)")
    if show_errors:
        for r in dev:
            if not r.hit:
                print(f"  LINK [{r.relation}] verb {r.verb!r} gold {r.gold!r} got {r.got!r}")
    return out


# Annotated verbs of the event_location corpus that name no event of our taxonomy (reporting,
# light and copular verbs, patrols): left out of the coverage denominator, counted apart.
NON_EVENT_VERBS = frozenset({
    "say", "tell", "claim", "report", "announce", "confirm", "add", "state", "be", "have",
    "do", "go", "come", "include", "know", "call", "see", "use", "manage", "bring", "accuse",
    "declare", "make", "get", "find", "patrol", "occur", "begin", "continue", "happen",
    "take place", "try", "fail", "aim", "set", "hold", "stage", "carry", "conduct"})
# Verbs that carry the event in their subject or object ("clashes erupted", "launched an
# attack"): a trigger among their arguments counts for them.
LIGHT_VERBS = frozenset({"occur", "erupt", "break", "begin", "continue", "launch", "carry",
                         "conduct", "stage", "hold", "take", "come", "resume", "happen",
                         "open", "mount", "set"})


def typed_triggers(doc: Doc, places: Sequence[Place]) -> list[tuple[int, int, str]]:
    """(start, end, type) of every trigger tag_events would type, before it merges the
    events of one sentence, type and place into one (coverage counts each trigger)."""
    cues = load_cues()
    place_toks = {t.i for p in places
                  for t in (doc.char_span(p.mention.start, p.mention.end,
                                          alignment_mode="expand") or ())}
    hits = find_triggers(doc)
    trigger_idx = {i for h in hits for i in range(h.start, h.end)}
    out = []
    for h in hits:
        if any(i in place_toks or doc[i].ent_type_ in ("DATE", "TIME")
               for i in range(h.start, h.end)):
            continue
        for rule in h.alts or (h.rule,):
            h.rule = rule
            typ = _resolve_type(h, doc, place_toks, cues, trigger_idx)
            if typ is not None:
                out.append((h.start, h.end, typ))
                break
    return out


def eval_trigger_coverage(limit: int = 0, show_errors: bool = False) -> None:
    """Trigger coverage on the shared event_location corpus (AP/AFP/Xinhua sentences with an
    annotated event verb): the share of annotated event verbs that tag_events gives a type,
    the types it gives per frequent lemma, and the most frequent lemmas it misses."""
    if not EVENT_LOCATION.exists():
        print(f"skip trigger coverage: {EVENT_LOCATION} not found")
        return
    with gzip.open(EVENT_LOCATION, "rt", encoding="utf-8") as fh:
        records = json.load(fh)
    items = []
    for rec in records:
        text = rec["text"]
        verbs = [s for s in rec.get("spans") or [] if s["label"] == "VERB"
                 and s.get("text", text[s["start"]:s["end"]]) == text[s["start"]:s["end"]]]
        if verbs:
            items.append((text, verbs))
        if limit and len(items) >= limit:
            break
    nlp = load_nlp()
    n = covered = skipped = 0
    types_of: dict[str, Counter[str]] = {}
    missed: Counter[str] = Counter()
    examples: dict[str, str] = {}
    t0 = time.perf_counter()
    for (text, verbs), doc in zip(items, nlp.pipe((t for t, _ in items), batch_size=64)):
        places = [Place(Mention(e.text, e.start_char, e.end_char, e.sent.text, e.label_), None)
                  for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")]
        typed = typed_triggers(doc, places)
        for v in verbs:
            span = doc.char_span(v["start"], v["end"], alignment_mode="expand")
            if span is None:
                continue
            verb = span.root
            lemma = verb.lemma_.lower()
            if lemma in NON_EVENT_VERBS:
                skipped += 1
                continue
            args = {verb.i} | ({c.i for c in verb.children
                                if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr")}
                               if lemma in LIGHT_VERBS else set())
            got = [typ for start, end, typ in typed if any(start <= i < end for i in args)
                   or (start < span.end and span.start < end)]
            n += 1
            types_of.setdefault(lemma, Counter())[got[0] if got else "-"] += 1
            if got:
                covered += 1
            else:
                missed[lemma] += 1
                examples.setdefault(lemma, text.strip()[:150])
    print(f"trigger coverage on event_location: {n} annotated event verbs in {len(items)} "
          f"records ({skipped} reporting/light/patrol verbs left out), "
          f"{time.perf_counter() - t0:.1f}s")
    print(f"  verbs given an event type  {covered / n:.3f}" if n else "  no verbs")
    print("  types per frequent lemma (- = none):")
    for lemma, c in sorted(types_of.items(), key=lambda kv: -sum(kv[1].values()))[:40]:
        total = sum(c.values())
        shares = ", ".join(f"{t} {k / total:.2f}" for t, k in c.most_common(4))
        print(f"    {lemma:14} {total:5}  {shares}")
    print("  most frequent missed lemmas:")
    for lemma, k in missed.most_common(30):
        extra = f" | {examples[lemma]}" if show_errors else ""
        print(f"    {lemma:14} {k:5}{extra}")


REPORT_SETS = ("event_reports.tsv", "event_reports_blind.tsv", "event_reports_blind2.tsv",
               "event_reports_blind3.tsv", "event_reports_blind4.tsv", "event_reports_blind5.tsv",
               "event_reports_blind6.tsv", "event_reports_blind7.tsv", "event_reports_blind8.tsv",
               "event_reports_blind9.tsv")


def newer_report_sets() -> tuple[str, ...]:
    """Report sets written after the linking work was tuned on REPORT_SETS (held out)."""
    return tuple(sorted((p.name for p in SENTENCES.parent.glob("event_reports*.tsv")
                         if p.name not in REPORT_SETS),
                        key=lambda n: (len(n), n)))


def eval_pipeline(show_errors: bool = False) -> None:
    """The report sets through the real pipeline (places found and resolved by geomap)."""
    from geomap.errors import GeomapError
    from geomap.pipeline import Pipeline

    try:
        pipe = Pipeline()
    except GeomapError as exc:
        print(f"skip pipeline: {exc}")
        return
    for label, sets in (("tuned-on sets", REPORT_SETS), ("newer sets", newer_report_sets())):
        if sets:
            pipeline_sets(pipe, label, sets, show_errors)


def pipeline_sets(pipe: Any, label: str, sets: Sequence[str],
                  show_errors: bool = False) -> None:
    """Type, mention and 10 km accuracy of the dominant event, and why the misses missed."""
    from geopy.distance import distance

    from geomap.model import Document

    nlp = load_nlp()
    rows = [r for name in sets for r in read_sentences(SENTENCES.parent / name)]
    n = type_ok = place_ok = near_ok = 0
    why: Counter[str] = Counter()
    t0 = time.perf_counter()
    for row in rows:
        article = pipe.process(Document(row["id"], row["text"], "eval"))
        ev = dominant_event(list(article.events), nlp(row["text"]))
        n += 1
        gold_type, gold_place = row["types"].split("|")[0], row["place"]
        type_ok += (ev.type if ev else "-") == gold_type
        got = article.places[ev.place].mention.text if ev and ev.place is not None else "-"
        same = (gold_place == got == "-") or (
            "-" not in (gold_place, got) and (gold_place in got or got in gold_place))
        place_ok += same
        near = False
        if gold_place != "-" and ev is not None and ev.lat is not None:
            best = pipe.gazetteer.lookup(gold_place, country="UA", limit=1) or \
                pipe.gazetteer.lookup(gold_place, limit=1)
            if best:
                near = distance((ev.lat, ev.lon), (best[0].lat, best[0].lon)).km <= 10
        elif gold_place == "-" and (ev is None or ev.place is None):
            near = True
        near_ok += near
        if not near:
            why[miss_reason(article, gold_place, got)] += 1
        if show_errors and not same:
            print(f"  PIPELINE {row['id']}: gold {gold_place} got {got} | {row['text'][:90]}")
    print(f"pipeline, {label}: {n} reports ({', '.join(sets)}), "
          f"{time.perf_counter() - t0:.1f}s")
    print(f"  type accuracy            {type_ok / n:.3f}")
    print(f"  place (mention) accuracy {place_ok / n:.3f}")
    print(f"  within 10 km of the gazetteer's match for the gold place  {near_ok / n:.3f}")
    print("  misses by cause: " + ", ".join(f"{k} {v}" for k, v in why.most_common()))


def miss_reason(article: Article, gold: str, got: str) -> str:
    """Why the dominant event is not within 10 km of the gold place (a coarse class)."""
    if gold == "-":
        return "placed, gold unplaced"
    found = [p for p in article.places
             if gold.lower() in p.mention.text.lower() or p.mention.text.lower() in gold.lower()]
    if not found:
        return "gold not extracted"
    if all(p.role != "literal" for p in found):
        return "gold extracted as metonymic"
    if got != "-" and (gold in got or got in gold):
        words = set(got.lower().split()) - set(gold.lower().split())
        if words & {"region", "oblast", "province", "district", "raion"}:
            return "region, gold its namesake city"
        return "gold mention, other coordinates"
    if all(p.candidate is None for p in found):
        return "gold unresolved"
    return "linked elsewhere" if got != "-" else "not placed"


def naive_baseline(rows: list[dict[str, str]]) -> None:
    """A first-match keyword classifier over the same lexicon (no context, no priorities)."""
    from geomap.events import load_triggers

    first: dict[str, str] = {}
    for rule in load_triggers():
        if len(rule.pattern) == 1:
            first.setdefault(rule.pattern[0], "strike" if rule.type == "attack" else rule.type)
    nlp = load_nlp()
    per: Counter[str] = Counter()
    ok: Counter[str] = Counter()
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows)):
        got = next((first[t.lemma_.lower()] for t in doc if t.lemma_.lower() in first
                    and t.ent_type_ not in ("DATE", "TIME")), "-")
        gold = row["types"].split("|")[0]
        per[gold] += 1
        ok[gold] += got == gold
    bal = sum(ok[c] / per[c] for c in per) / len(per)
    print(f"naive first-match baseline: accuracy {sum(ok.values()) / len(rows):.3f}, "
          f"balanced accuracy {bal:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true", help="print each error")
    ap.add_argument("--file", type=Path, default=SENTENCES,
                    help="labelled TSV (default tests/data/event_sentences.tsv; "
                         "tests/data/event_reports.tsv holds ACLED-notes-style reports)")
    ap.add_argument("--baseline", action="store_true",
                    help="also score a naive first-match keyword classifier")
    ap.add_argument("--pipeline", action="store_true",
                    help="also run the report sets through the whole pipeline")
    ap.add_argument("--event-location", type=int, nargs="?", const=0, default=None,
                    metavar="N", help="also evaluate place linking on the shared corpus "
                    "(all records, or the first N)")
    ap.add_argument("--trigger-coverage", type=int, nargs="?", const=0, default=None,
                    metavar="N", help="also measure trigger coverage of the annotated event "
                    "verbs of the shared event_location corpus (all records, or the first N)")
    args = ap.parse_args()
    rows = read_sentences(args.file)
    evaluate(rows, show_errors=args.errors)
    if args.baseline:
        naive_baseline(rows)
    if args.pipeline:
        eval_pipeline(show_errors=args.errors)
    if args.event_location is not None:
        eval_event_location(args.event_location, show_errors=args.errors)
    if args.trigger_coverage is not None:
        eval_trigger_coverage(args.trigger_coverage, show_errors=args.errors)


if __name__ == "__main__":
    main()
