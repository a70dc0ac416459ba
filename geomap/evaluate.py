"""Accuracy evaluation of a geoparser against gold corpora (GeoWebNews, TR-News, GeoVirus, UCDP).

The corpora are read at run time from an evaluation root (by default ``../shared/eval`` beside
the repository, overridable with ``GEOMAP_EVAL_ROOT``); nothing of them is stored in the repo.

Metrics follow Gritta et al. (2018, "What's missing in geoparsing?"; 2019, "A pragmatic guide
to geoparsing evaluation"):

- recognition precision/recall/F1 over character spans, a predicted span matching a gold span
  when the two overlap; matching is one-to-one (largest overlap first);
- accuracy@161 km among found toponyms: matched gold toponyms that have gold coordinates,
  scored by the distance of the matched prediction (an unresolved prediction counts as the
  maximum error, 20,039 km, half the Earth's circumference);
- end-to-end accuracy@161 km over all gold toponyms with coordinates (unfound count as wrong);
- median and mean error in km over the found toponyms;
- AUC of the log error curve, with ``e_i = ln(1 + error_km_i)`` sorted ascending::

      AUC = trapz(e_1..e_n) / ((n - 1) * ln(20039))

  (trapezoid rule with unit spacing, normalised so 0 is perfect and 1 is every toponym at the
  antipode; for n = 1 it is ``e_1 / ln(20039)``). Lower is better. Gritta's published script
  applies the trapezoid rule to the errors in data order; sorting (the curve the papers plot)
  changes only which two values get the half weight at the ends.

Accuracy@161 counts errors <= 161 km (Gritta's script tests ln(1 + e) < ln(161), i.e.
e < 160 km; the difference is immaterial at corpus scale).

Distances are great-circle kilometres (geopy).
"""

from __future__ import annotations

import csv
import math
import os
import re
import statistics
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from geopy.distance import great_circle

from geomap.errors import EvalCorpusError

EARTH_HALF_CIRCUMFERENCE_KM = 20039.0
ACC_KM = 161.0  # 100 miles, the customary geocoding threshold
UCDP_KM = 25.0

CORPORA: dict[str, str] = {
    "gwn": "geowebnews/GWN.xml",
    "trnews": "tr-news/TR-News.xml",
    "geovirus": "geovirus/GeoVirus.xml",
    "ucdp": "ucdp/UCDP-Ukraine_2023-05-03.csv",
}

# GeoWebNews annotates toponyms and also things that are not toponyms. The evaluated set
# (issue 3, Gritta et al. 2019) keeps the literal and the associative (metonymic) toponym
# types and leaves out demonyms, languages, homonyms, non-toponyms and the two
# "expression" types (common nouns such as "the area", "citizens").
GWN_LITERAL_TYPES = frozenset(
    {"Literal", "Mixed", "Literal_Modifier", "Embedded_Literal", "Coercion"}
)
GWN_ASSOCIATIVE_TYPES = frozenset({"Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit"})
GWN_TOPONYM_TYPES = GWN_LITERAL_TYPES | GWN_ASSOCIATIVE_TYPES
GWN_EXCLUDED_TYPES = frozenset(
    {"Demonym", "Language", "Homonym", "Non_Toponym", "Literal_Expression", "Non_Lit_Expression"}
)

# UCDP where_prec codes (UCDP GED codebook).
UCDP_PRECISION = {
    1: "exact place",
    2: "near a place (<25 km)",
    3: "admin-2 (district)",
    4: "admin-1 (oblast)",
    5: "larger region",
    6: "country",
    7: "sea / airspace",
}
UCDP_HEADLINE_PRECISION = (1, 2)

# Specificity of GeoNames feature codes, for "the most specific place" of a UCDP description.
_SPECIFICITY_BY_CODE = {"ADM1": 2, "ADM2": 3, "ADM3": 4, "ADM4": 5, "ADMD": 3, "RGN": 1,
                        "PCLI": 0, "PCL": 0, "PCLD": 0, "PCLS": 0, "PCLF": 0, "PCLIX": 0}
_SPECIFICITY_BY_CLASS = {"P": 6, "S": 7, "H": 5, "T": 5, "L": 1, "V": 5, "R": 5, "U": 1,
                         "A": 2}

ENV_ROOT = "GEOMAP_EVAL_ROOT"


# --------------------------------------------------------------------------- data types


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """One annotated toponym: a character span and (when known) its coordinates."""

    start: int
    end: int
    text: str
    type: str = ""  # GeoWebNews toponym type; "" for corpora without types
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One gold document: its text and toponyms, or (UCDP) one gold point for the text."""

    id: str
    corpus: str
    text: str
    toponyms: tuple[GoldToponym, ...] = ()
    title: str | None = None
    date: str | None = None
    lat: float | None = None  # UCDP: the event location
    lon: float | None = None
    precision: int | None = None  # UCDP where_prec


@dataclass(frozen=True, slots=True)
class Prediction:
    """One place a geoparser found: span, coordinates (None when unresolved) and extras."""

    start: int
    end: int
    lat: float | None = None
    lon: float | None = None
    name: str = ""
    feature_code: str = ""
    feature_class: str = ""
    role: str = ""  # literal / metonymic when the system says
    id: str = ""
    alternatives: tuple[tuple[str, float, float], ...] = ()  # runner-ups: (name, lat, lon)
    geonameid: int | None = None


PredictionLike = Prediction | tuple[int, int, float | None, float | None]
GeoparseFn = Callable[[str], Sequence[PredictionLike]]


@runtime_checkable
class BatchGeoparser(Protocol):
    """A geoparser that can parse many texts at once (faster: nlp.pipe batching)."""

    def parse_many(self, texts: Sequence[str]) -> Iterable[Sequence[PredictionLike]]:
        """Predictions for each text, in order."""
        ...


@runtime_checkable
class GoldAwareGeoparser(Protocol):
    """A system that may look at the gold documents (the oracle-span baseline)."""

    def parse_docs(self, docs: Sequence[GoldDoc]) -> Iterable[Sequence[PredictionLike]]:
        """Predictions for each document, in order."""
        ...


@dataclass(slots=True)
class TypeStats:
    """Recognition and resolution numbers for one group of gold toponyms."""

    gold: int = 0
    found: int = 0
    geo_gold: int = 0  # gold toponyms with coordinates
    geo_found: int = 0  # ... of which found
    found_within: int = 0  # ... of which resolved within ACC_KM
    errors_km: list[float] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return _ratio(self.found, self.gold)

    @property
    def acc_found(self) -> float:
        return _ratio(self.found_within, self.geo_found)

    @property
    def acc_e2e(self) -> float:
        return _ratio(self.found_within, self.geo_gold)

    def as_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "found": self.found, "recall": self.recall,
                "geo_gold": self.geo_gold, "geo_found": self.geo_found,
                "acc161_found": self.acc_found, "acc161_e2e": self.acc_e2e,
                "median_km": _median(self.errors_km)}


@dataclass(slots=True)
class ErrorRecord:
    """One miss, for the --errors dump: missed gold, wrong place or spurious prediction."""

    kind: str  # "missed", "wrong", "unresolved", "spurious"
    doc_id: str
    gold_text: str = ""
    gold_type: str = ""
    gold_lat: float | None = None
    gold_lon: float | None = None
    pred_text: str = ""
    pred_name: str = ""
    pred_code: str = ""
    pred_lat: float | None = None
    pred_lon: float | None = None
    distance_km: float | None = None
    alternative: str = ""  # a runner-up within ACC_KM of the gold point, when there is one
    context: str = ""


@dataclass(slots=True)
class Report:
    """Scores of one system on one span-annotated corpus."""

    corpus: str
    system: str
    docs: int
    gold: int
    predicted: int
    matched: int
    exact: int  # matches whose boundaries agree exactly
    overall: TypeStats
    by_type: dict[str, TypeStats]
    types: tuple[str, ...]  # the gold types evaluated ("" = untyped corpus)
    unresolved: int  # matched predictions without coordinates
    wrong_with_right_alternative: int  # misplaced, but a runner-up was within ACC_KM
    spurious_on_excluded: dict[str, int]  # false positives overlapping excluded gold spans
    role_confusion: dict[str, int]  # "<gold group>/<predicted role>" counts (GeoWebNews)
    id_gold: int = 0  # found toponyms whose gold and prediction both carry a GeoNames id
    id_match: int = 0  # ... of which the ids agree
    wrong_same_id: int = 0  # misplaced although the GeoNames id is right (point differs)
    seconds: float = 0.0
    errors: list[ErrorRecord] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.predicted)

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def exact_f1(self) -> float:
        """F1 when only exact boundary matches count (the stricter span metric)."""
        return _ratio(2 * self.exact, self.gold + self.predicted)

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        """The numbers (no error records) as plain JSON-ready data."""
        errs = self.overall.errors_km
        return {
            "corpus": self.corpus, "system": self.system, "docs": self.docs,
            "gold": self.gold, "predicted": self.predicted, "matched": self.matched,
            "precision": self.precision, "recall": self.recall, "f1": self.f1,
            "exact": self.exact, "exact_f1": self.exact_f1,
            "geo_gold": self.overall.geo_gold, "geo_found": self.overall.geo_found,
            "acc161_found": self.overall.acc_found, "acc161_e2e": self.overall.acc_e2e,
            "median_km": _median(errs), "mean_km": statistics.fmean(errs) if errs else None,
            "auc": auc_log_error(errs), "unresolved": self.unresolved,
            "wrong_with_right_alternative": self.wrong_with_right_alternative,
            "id_gold": self.id_gold, "id_match": self.id_match,
            "id_accuracy": _ratio(self.id_match, self.id_gold),
            "wrong_same_id": self.wrong_same_id,
            "types": list(self.types),
            "by_type": {k: v.as_dict() for k, v in sorted(self.by_type.items())},
            "spurious_on_excluded": dict(self.spurious_on_excluded),
            "role_confusion": dict(self.role_confusion),
            "seconds": self.seconds, "docs_per_s": self.docs_per_s,
        }


@dataclass(slots=True)
class PointReport:
    """Scores of one system on a text -> one point corpus (UCDP where_description)."""

    corpus: str
    system: str
    rows: int  # events evaluated (non-empty description, precision 1-5)
    texts: int  # distinct descriptions parsed
    skipped: int  # events without a description or at country/sea precision
    by_precision: dict[int, dict[str, Any]]
    placed: int
    within: int
    errors_km: list[float]
    headline_rows: int
    headline_within: int
    seconds: float = 0.0
    errors: list[ErrorRecord] = field(default_factory=list)

    @property
    def within_share(self) -> float:
        return _ratio(self.within, self.rows)

    @property
    def headline_share(self) -> float:
        return _ratio(self.headline_within, self.headline_rows)

    @property
    def docs_per_s(self) -> float:
        return self.texts / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        """The numbers (no error records) as plain JSON-ready data."""
        return {
            "corpus": self.corpus, "system": self.system, "rows": self.rows,
            "texts": self.texts, "skipped": self.skipped, "placed": self.placed,
            "placed_share": _ratio(self.placed, self.rows),
            "within25": self.within, "within25_share": self.within_share,
            "headline_precision": list(UCDP_HEADLINE_PRECISION),
            "headline_rows": self.headline_rows, "headline_within25_share": self.headline_share,
            "median_km": _median(self.errors_km),
            "by_precision": {str(k): v for k, v in sorted(self.by_precision.items())},
            "seconds": self.seconds, "docs_per_s": self.docs_per_s,
        }


AnyReport = Report | PointReport


# --------------------------------------------------------------------------- metrics


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two (lat, lon) points in degrees."""
    return great_circle((lat1, lon1), (lat2, lon2)).km


def auc_log_error(errors_km: Sequence[float]) -> float | None:
    """Gritta et al.'s AUC of sorted ln(1 + error) scaled by ln(20039); None when empty."""
    if not errors_km:
        return None
    logs = sorted(math.log1p(max(0.0, e)) for e in errors_km)
    scale = math.log(EARTH_HALF_CIRCUMFERENCE_KM)
    if len(logs) == 1:
        return logs[0] / scale
    area = sum((a + b) / 2 for a, b in zip(logs, logs[1:], strict=False))
    return area / ((len(logs) - 1) * scale)


def match_spans(gold: Sequence[tuple[int, int]],
                predicted: Sequence[tuple[int, int]]) -> dict[int, int]:
    """One-to-one overlap matching: {gold index: predicted index}, largest overlap first."""
    pairs = []
    for gi, (gs, ge) in enumerate(gold):
        for pi, (ps, pe) in enumerate(predicted):
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > 0:
                # ties: the closer start, then document order, keep matching deterministic
                pairs.append((-overlap, abs(gs - ps), gi, pi))
    pairs.sort()
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, _, gi, pi in pairs:
        if gi not in matched and pi not in used:
            matched[gi] = pi
            used.add(pi)
    return matched


def as_prediction(p: PredictionLike) -> Prediction:
    """A Prediction from a Prediction or a (start, end, lat, lon) tuple."""
    if isinstance(p, Prediction):
        return p
    start, end, lat, lon = p
    return Prediction(int(start), int(end), lat, lon)


# --------------------------------------------------------------------------- corpora


def default_eval_root() -> Path:
    """``$GEOMAP_EVAL_ROOT``, else ``shared/eval`` beside the repository checkout."""
    env = os.environ.get(ENV_ROOT)
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def corpus_available(name: str, root: Path | None = None) -> bool:
    """Whether the corpus file exists under the evaluation root."""
    if name not in CORPORA:
        return False
    return ((root or default_eval_root()) / CORPORA[name]).is_file()


def load_corpus(name: str, root: Path | None = None, *, limit: int | None = None) -> list[GoldDoc]:
    """Read one gold corpus ("gwn", "trnews", "geovirus", "ucdp") from the evaluation root.

    Raises EvalCorpusError when the name is unknown or the file is missing or malformed.
    """
    if name not in CORPORA:
        raise EvalCorpusError(
            f"Unknown corpus {name!r}. Fix: use one of {', '.join(CORPORA)}."
        )
    path = (root or default_eval_root()) / CORPORA[name]
    if not path.is_file():
        raise EvalCorpusError(
            f"Corpus file {path} not found. Fix: pass --root (or set {ENV_ROOT}) to the folder "
            "holding geowebnews/, tr-news/, geovirus/ and ucdp/."
        )
    reader = {"gwn": _read_gwn, "trnews": _read_trnews, "geovirus": _read_geovirus,
              "ucdp": _read_ucdp}[name]
    try:
        docs = list(reader(path))
    except (ET.ParseError, ValueError, KeyError) as exc:
        raise EvalCorpusError(f"Cannot read corpus {path}: {exc}. Fix: restore the file.") from exc
    return docs[:limit] if limit is not None else docs


def _float(s: str | None) -> float | None:
    s = (s or "").strip()
    return float(s) if s else None


def _int(s: str | None) -> int | None:
    s = (s or "").strip()
    return int(float(s)) if s else None


def _align(text: str, start: int, end: int, surface: str, window: int = 60) -> tuple[int, int]:
    """Gold offsets re-anchored on the surface string (TR-News and GeoVirus offsets drift).

    The nearest occurrence of ``surface`` within ``window`` characters wins; when there is
    none, the given offsets stay.
    """
    if not surface or text[start:end] == surface:
        return start, end
    lo = max(0, start - window)
    best: int | None = None
    for m in re.finditer(re.escape(surface), text[lo:start + window + len(surface)]):
        s = lo + m.start()
        if best is None or abs(s - start) < abs(best - start):
            best = s
    if best is None:
        return start, end
    return best, best + len(surface)


def _read_gwn(path: Path) -> Iterator[GoldDoc]:
    root = ET.parse(path).getroot()
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        tops = []
        for t in art.find("toponyms") or ():
            name = t.findtext("extractedName") or ""
            s, e = int(t.findtext("start")), int(t.findtext("end"))
            if s < 0:  # five spans carry negative offsets (into the title?): not in the text
                continue
            s, e = _align(text, s, e, name)
            tops.append(GoldToponym(s, e, text[s:e], t.findtext("type") or "",
                                    _float(t.findtext("latitude")),
                                    _float(t.findtext("longitude")),
                                    _int(t.findtext("geonamesID"))))
        yield GoldDoc(f"gwn:{art.get('file')}", "gwn", text, _sorted(tops),
                      title=(art.findtext("title") or "").strip() or None)


def _read_trnews(path: Path) -> Iterator[GoldDoc]:
    root = ET.parse(path).getroot()
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        tops = []
        for t in art.find("toponyms") or ():
            phrase = t.findtext("phrase") or ""
            s, e = _align(text, int(t.findtext("start")), int(t.findtext("end")), phrase)
            gaz = t.find("gaztag")
            lat = lon = gid = None
            if gaz is not None:
                lat, lon = _float(gaz.findtext("lat")), _float(gaz.findtext("lon"))
                gid = _int(gaz.get("geonameid"))
            tops.append(GoldToponym(s, e, text[s:e], "", lat, lon, gid))
        yield GoldDoc(f"trnews:{art.get('docid')}", "trnews", text, _sorted(tops),
                      title=(art.findtext("title") or "").strip() or None,
                      date=(art.findtext("dltime") or "").strip() or None)


def _read_geovirus(path: Path) -> Iterator[GoldDoc]:
    root = ET.parse(path).getroot()
    for i, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        tops = []
        for t in art.find("locations") or ():
            name = t.findtext("name") or ""
            s, e = _align(text, int(t.findtext("start")), int(t.findtext("end")), name)
            tops.append(GoldToponym(s, e, text[s:e], "", _float(t.findtext("lat")),
                                    _float(t.findtext("lon"))))
        yield GoldDoc(f"geovirus:{i}", "geovirus", text, _sorted(tops))


def _read_ucdp(path: Path) -> Iterator[GoldDoc]:
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            yield GoldDoc(
                f"ucdp:{row['id']}", "ucdp", (row.get("where_description") or "").strip(),
                title=(row.get("source_headline") or "").split(";")[0].strip() or None,
                date=(row.get("date_start") or "").split(" ")[0] or None,
                lat=_float(row["latitude"]), lon=_float(row["longitude"]),
                precision=_int(row["where_prec"]),
            )


def _sorted(tops: list[GoldToponym]) -> tuple[GoldToponym, ...]:
    return tuple(sorted(tops, key=lambda t: (t.start, t.end)))


# --------------------------------------------------------------------------- scoring


def run_system(system: GeoparseFn | BatchGeoparser | GoldAwareGeoparser,
               docs: Sequence[GoldDoc]) -> list[list[Prediction]]:
    """Predictions of the system for each document, batched when the system supports it."""
    if isinstance(system, GoldAwareGeoparser):
        out = system.parse_docs(docs)
    elif isinstance(system, BatchGeoparser):
        out = system.parse_many([d.text for d in docs])
    else:
        out = (system(d.text) for d in docs)
    preds = [[as_prediction(p) for p in ps] for ps in out]
    if len(preds) != len(docs):
        raise ValueError(f"The system returned {len(preds)} results for {len(docs)} documents")
    return preds


def default_types(corpus: str) -> frozenset[str] | None:
    """The gold toponym types scored by default: GeoWebNews toponyms, else all (None)."""
    return GWN_TOPONYM_TYPES if corpus == "gwn" else None


def score(corpus: Sequence[GoldDoc], system: GeoparseFn | BatchGeoparser | GoldAwareGeoparser,
          *, types: Iterable[str] | None = None, system_name: str = "",
          headline: bool = False, resolved_only: bool = False,
          predictions: Sequence[Sequence[Prediction]] | None = None) -> AnyReport:
    """Run the system on the corpus and score it (UCDP documents get a PointReport).

    ``types`` restricts the gold toponyms scored (default: ``default_types``); predictions
    overlapping gold spans of other types still count as false positives. ``headline``
    (UCDP only) appends the first source headline to each location description.
    ``resolved_only`` drops predictions without coordinates before scoring (a geoparser
    that only reports the places it could put on the map).
    """
    t0 = time.perf_counter()
    if predictions is None:
        if corpus and corpus[0].corpus == "ucdp":
            return score_points(corpus, system, system_name=system_name, headline=headline)
        predictions = run_system(system, corpus)
    seconds = time.perf_counter() - t0
    if resolved_only:
        predictions = [[p for p in ps if p.lat is not None and p.lon is not None]
                       for ps in predictions]
    name = corpus[0].corpus if corpus else ""
    report = score_predictions(corpus, predictions,
                               types=default_types(name) if types is None else types,
                               system_name=system_name)
    report.seconds = seconds
    return report


def score_predictions(corpus: Sequence[GoldDoc], predictions: Sequence[Sequence[Prediction]],
                      *, types: Iterable[str] | None = None, system_name: str = "") -> Report:
    """Score given predictions against span-annotated gold documents."""
    keep = frozenset(types) if types is not None else None
    overall = TypeStats()
    by_type: dict[str, TypeStats] = defaultdict(TypeStats)
    spurious_excluded: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    errors: list[ErrorRecord] = []
    n_gold = n_pred = n_matched = n_exact = unresolved = rescuable = 0
    id_gold = id_match = wrong_same_id = 0
    for doc, preds in zip(corpus, predictions, strict=True):
        gold = [g for g in doc.toponyms if keep is None or g.type in keep]
        other = [g for g in doc.toponyms if keep is not None and g.type not in keep]
        matched = match_spans([(g.start, g.end) for g in gold],
                              [(p.start, p.end) for p in preds])
        n_gold += len(gold)
        n_pred += len(preds)
        n_matched += len(matched)
        n_exact += sum((gold[gi].start, gold[gi].end) == (preds[pi].start, preds[pi].end)
                       for gi, pi in matched.items())
        for gi, g in enumerate(gold):
            stats = (overall, by_type[g.type or "all"])
            has_geo = g.lat is not None and g.lon is not None
            pi = matched.get(gi)
            p = preds[pi] if pi is not None else None
            for s in stats:
                s.gold += 1
                s.geo_gold += has_geo
                s.found += p is not None
            if p is not None and g.type:
                group = "literal" if g.type in GWN_LITERAL_TYPES else (
                    "metonymic" if g.type in GWN_ASSOCIATIVE_TYPES else g.type)
                roles[f"{group}/{p.role or '?'}"] += 1
            if p is None:
                errors.append(_error("missed", doc, g, None, None))
                continue
            if p.lat is None or p.lon is None:
                unresolved += 1
            same_id = g.geonameid is not None and p.geonameid == g.geonameid
            if g.geonameid is not None and p.geonameid is not None:
                id_gold += 1
                id_match += same_id
            if not has_geo:
                continue
            if p.lat is None or p.lon is None:
                err = EARTH_HALF_CIRCUMFERENCE_KM
            else:
                err = distance_km(g.lat, g.lon, p.lat, p.lon)
            for s in stats:
                s.geo_found += 1
                s.errors_km.append(err)
                s.found_within += err <= ACC_KM
            if err > ACC_KM:
                wrong_same_id += same_id
                kind = "unresolved" if p.lat is None else "wrong"
                record = _error(kind, doc, g, p, None if p.lat is None else err)
                alt = next((a for a in p.alternatives
                            if distance_km(g.lat, g.lon, a[1], a[2]) <= ACC_KM), None)
                if alt is not None:
                    rescuable += 1
                    record.alternative = alt[0]
                errors.append(record)
        used = set(matched.values())
        for pi, p in enumerate(preds):
            if pi in used:
                continue
            hit = next((g for g in other if min(g.end, p.end) - max(g.start, p.start) > 0), None)
            if hit is not None:
                spurious_excluded[hit.type] += 1
            errors.append(_error("spurious", doc, hit, p, None))
    shown = tuple(sorted(keep)) if keep is not None else ()
    return Report(
        corpus=corpus[0].corpus if corpus else "", system=system_name, docs=len(corpus),
        gold=n_gold, predicted=n_pred, matched=n_matched, exact=n_exact, overall=overall,
        by_type=dict(by_type), types=shown, unresolved=unresolved,
        wrong_with_right_alternative=rescuable, id_gold=id_gold, id_match=id_match,
        wrong_same_id=wrong_same_id,
        spurious_on_excluded=dict(spurious_excluded), role_confusion=dict(roles),
        errors=errors,
    )


def _error(kind: str, doc: GoldDoc, g: GoldToponym | None, p: Prediction | None,
           dist: float | None) -> ErrorRecord:
    anchor = g if g is not None else p
    lo, hi = max(0, anchor.start - 50), min(len(doc.text), anchor.end + 50)
    ctx = (doc.text[lo:anchor.start] + "[" + doc.text[anchor.start:anchor.end] + "]"
           + doc.text[anchor.end:hi])
    return ErrorRecord(
        kind=kind, doc_id=doc.id,
        gold_text=g.text if g else "", gold_type=g.type if g else "",
        gold_lat=g.lat if g else None, gold_lon=g.lon if g else None,
        pred_text=doc.text[p.start:p.end] if p else "", pred_name=p.name if p else "",
        pred_code=p.feature_code if p else "",
        pred_lat=p.lat if p else None, pred_lon=p.lon if p else None,
        distance_km=None if dist is None else round(dist, 1),
        context=" ".join(ctx.split()),
    )


def specificity(p: Prediction) -> int:
    """How local a place is: sites/villages > districts > regions > countries (higher = finer)."""
    if p.feature_code in _SPECIFICITY_BY_CODE:
        return _SPECIFICITY_BY_CODE[p.feature_code]
    if p.feature_code.startswith("PPL"):
        return _SPECIFICITY_BY_CLASS["P"]
    return _SPECIFICITY_BY_CLASS.get(p.feature_class, 3)


def most_specific(preds: Sequence[Prediction]) -> Prediction | None:
    """The finest resolved place; among equals the first mentioned (UCDP lists it first)."""
    placed = [p for p in preds if p.lat is not None and p.lon is not None]
    if not placed:
        return None
    return min(placed, key=lambda p: (-specificity(p), p.start))


def ucdp_text(doc: GoldDoc, *, headline: bool = False) -> str:
    """The text fed to the geoparser for a UCDP event: where_description (plus headline)."""
    if headline and doc.title:
        return f"{doc.text}. {doc.title}"
    return doc.text


def score_points(corpus: Sequence[GoldDoc],
                 system: GeoparseFn | BatchGeoparser | GoldAwareGeoparser,
                 *, system_name: str = "", headline: bool = False,
                 km: float = UCDP_KM) -> PointReport:
    """Score a text -> point corpus: the most specific place found vs the gold point.

    Events without a description or coded at country/sea precision (6, 7) are skipped;
    distinct texts are parsed once.
    """
    t0 = time.perf_counter()
    rows = [d for d in corpus if d.text and d.lat is not None and (d.precision or 9) <= 5]
    texts = sorted({ucdp_text(d, headline=headline) for d in rows})
    pseudo = [GoldDoc(f"text:{i}", "ucdp", t) for i, t in enumerate(texts)]
    preds = dict(zip(texts, run_system(system, pseudo), strict=True))
    seconds = time.perf_counter() - t0
    by_prec: dict[int, dict[str, Any]] = {}
    errors_all: list[float] = []
    placed = within = head_rows = head_within = 0
    errors: list[ErrorRecord] = []
    prec_errors: dict[int, list[float]] = defaultdict(list)
    for d in rows:
        text = ucdp_text(d, headline=headline)
        best = most_specific(preds[text])
        stats = by_prec.setdefault(d.precision or 0, {"label": UCDP_PRECISION.get(
            d.precision or 0, "?"), "rows": 0, "placed": 0, "within25": 0})
        stats["rows"] += 1
        ok = False
        dist = None
        if best is not None:
            dist = distance_km(d.lat, d.lon, best.lat, best.lon)
            placed += 1
            stats["placed"] += 1
            errors_all.append(dist)
            prec_errors[d.precision or 0].append(dist)
            ok = dist <= km
        within += ok
        stats["within25"] += ok
        if d.precision in UCDP_HEADLINE_PRECISION:
            head_rows += 1
            head_within += ok
        if not ok:
            errors.append(ErrorRecord(
                kind="unplaced" if best is None else "wrong", doc_id=d.id,
                gold_text=text, gold_type=f"prec{d.precision}", gold_lat=d.lat, gold_lon=d.lon,
                pred_text=text[best.start:best.end] if best else "",
                pred_name=best.name if best else "", pred_code=best.feature_code if best else "",
                pred_lat=best.lat if best else None, pred_lon=best.lon if best else None,
                distance_km=None if dist is None else round(dist, 1), context=text))
    for prec, stats in by_prec.items():
        stats["within25_share"] = _ratio(stats["within25"], stats["rows"])
        stats["median_km"] = _median(prec_errors[prec])
    return PointReport(
        corpus="ucdp", system=system_name, rows=len(rows), texts=len(texts),
        skipped=len(corpus) - len(rows), by_precision=by_prec, placed=placed, within=within,
        errors_km=errors_all, headline_rows=head_rows, headline_within=head_within,
        seconds=seconds, errors=errors,
    )


# --------------------------------------------------------------------------- formatting


def format_report(report: AnyReport) -> str:
    """A plain-text table of the report's numbers."""
    if isinstance(report, PointReport):
        return _format_points(report)
    r, o = report, report.overall
    lines = [
        f"== {r.corpus} · {r.system or 'system'} · {r.docs} docs "
        f"({r.seconds:.1f} s, {r.docs_per_s:.1f} docs/s)",
        f"recognition  P {r.precision:.3f}  R {r.recall:.3f}  F1 {r.f1:.3f}   "
        f"(gold {r.gold}, predicted {r.predicted}, matched {r.matched}; "
        f"exact-boundary F1 {r.exact_f1:.3f})",
        f"resolution   acc@161 found {o.acc_found:.3f} (n={o.geo_found})   "
        f"end-to-end acc@161 {o.acc_e2e:.3f} (n={o.geo_gold})",
        f"error km     median {_fmt(_median(o.errors_km))}   "
        f"mean {_fmt(statistics.fmean(o.errors_km) if o.errors_km else None)}   "
        f"AUC {_fmt(auc_log_error(o.errors_km), 3)}   unresolved matches {r.unresolved}   "
        f"misplaced with a right runner-up {r.wrong_with_right_alternative}",
        f"geonames id  match {_ratio(r.id_match, r.id_gold):.3f} (n={r.id_gold})   "
        f"misplaced although the id is right {r.wrong_same_id}",
    ]
    if r.types:
        lines.append("")
        lines.append(f"{'gold type':<22}{'gold':>6}{'recall':>8}{'geo':>6}"
                     f"{'acc@161':>9}{'e2e':>7}{'median':>9}")
        groups = [("literal", GWN_LITERAL_TYPES), ("metonymic", GWN_ASSOCIATIVE_TYPES)]
        for t in r.types:
            lines.append(_type_line(t, r.by_type.get(t, TypeStats())))
        for label, members in groups:
            if members & set(r.types):
                lines.append(_type_line(f"[{label}]", _merge(r.by_type, members & set(r.types))))
        if r.spurious_on_excluded:
            parts = ", ".join(f"{k} {v}" for k, v in sorted(r.spurious_on_excluded.items(),
                                                            key=lambda kv: -kv[1]))
            lines.append(f"false positives on excluded gold spans: {parts}")
        if r.role_confusion:
            p, rec, f1 = role_scores(r.role_confusion)
            lines.append(f"role         metonymic P {p:.3f}  R {rec:.3f}  F1 {f1:.3f}   "
                         "(found toponyms; Mixed counts as literal)")
            parts = ", ".join(f"{k} {v}" for k, v in sorted(r.role_confusion.items()))
            lines.append(f"gold group/predicted role: {parts}")
    return "\n".join(lines)


def role_scores(confusion: dict[str, int]) -> tuple[float, float, float]:
    """Precision, recall and F1 of the metonymic role over "<gold group>/<role>" counts."""
    tp = confusion.get("metonymic/metonymic", 0)
    predicted = sum(v for k, v in confusion.items() if k.endswith("/metonymic"))
    gold = sum(v for k, v in confusion.items() if k.startswith("metonymic/"))
    p, r = _ratio(tp, predicted), _ratio(tp, gold)
    return p, r, _ratio(2 * p * r, p + r)


def _format_points(r: PointReport) -> str:
    lines = [
        f"== {r.corpus} · {r.system or 'system'} · {r.rows} events, {r.texts} distinct "
        f"descriptions ({r.seconds:.1f} s, {r.docs_per_s:.1f} texts/s; skipped {r.skipped})",
        f"within {UCDP_KM:.0f} km  all {r.within_share:.3f}   precision "
        f"{'/'.join(map(str, UCDP_HEADLINE_PRECISION))} {r.headline_share:.3f} "
        f"(n={r.headline_rows})   placed {_ratio(r.placed, r.rows):.3f}   "
        f"median {_fmt(_median(r.errors_km))} km",
        "",
        f"{'where_prec':<30}{'rows':>6}{'placed':>8}{'≤25km':>8}{'median':>9}",
    ]
    for prec, s in sorted(r.by_precision.items()):
        label = f"{prec} {s['label']}"
        lines.append(f"{label:<30}{s['rows']:>6}"
                     f"{_ratio(s['placed'], s['rows']):>8.3f}{s['within25_share']:>8.3f}"
                     f"{_fmt(s['median_km']):>9}")
    return "\n".join(lines)


def _type_line(label: str, s: TypeStats) -> str:
    return (f"{label:<22}{s.gold:>6}{s.recall:>8.3f}{s.geo_gold:>6}{s.acc_found:>9.3f}"
            f"{s.acc_e2e:>7.3f}{_fmt(_median(s.errors_km)):>9}")


def _merge(by_type: dict[str, TypeStats], members: Iterable[str]) -> TypeStats:
    out = TypeStats()
    for t in members:
        s = by_type.get(t)
        if s is None:
            continue
        out.gold += s.gold
        out.found += s.found
        out.geo_gold += s.geo_gold
        out.geo_found += s.geo_found
        out.found_within += s.found_within
        out.errors_km.extend(s.errors_km)
    return out


def error_rows(report: AnyReport) -> list[dict[str, Any]]:
    """The report's error records as dicts (for a TSV/JSONL dump)."""
    return [{"corpus": report.corpus, **asdict(e)} for e in report.errors]


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _median(xs: Sequence[float]) -> float | None:
    return statistics.median(xs) if xs else None


def _fmt(x: float | None, digits: int = 1) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


# --------------------------------------------------------------------------- systems

SYSTEMS = ("pipeline", "baseline-pop", "oracle-spans")
BASELINE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NOT_FOR_NER = frozenset({"tagger", "parser", "lemmatizer", "attribute_ruler", "senter",
                          "morphologizer"})
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


def _query_name(surface: str) -> str:
    """The name a baseline looks up: without a leading "the" or a possessive."""
    return _LEADING_THE.sub("", _POSSESSIVE.sub("", surface.strip())).strip()


def _from_candidate(start: int, end: int, cand: Any, role: str = "",
                    alternatives: Sequence[Any] = ()) -> Prediction:
    alts = tuple((a.name, a.lat, a.lon) for a in alternatives if a is not cand)
    if cand is None:
        return Prediction(start, end, role=role, alternatives=alts)
    return Prediction(start, end, cand.lat, cand.lon, name=cand.name,
                      feature_code=cand.feature_code, feature_class=cand.feature_class,
                      role=role, id=cand.id, alternatives=alts, geonameid=cand.geonameid)


class PipelineGeoparser:
    """geomap's own pipeline (``geomap.pipeline.Pipeline``) behind the harness interface."""

    name = "pipeline"

    def __init__(self, pipeline: Any = None, *, batch_size: int = 16,
                 country: str | None = None, demonyms: bool = False) -> None:
        if pipeline is None:
            from geomap.pipeline import Pipeline

            pipeline = Pipeline(events=False, country=country, demonyms=demonyms)
        self.pipeline = pipeline
        self.batch_size = batch_size

    def parse_docs(self, docs: Sequence[GoldDoc]) -> Iterator[list[Prediction]]:
        from geomap.model import Document

        documents = [Document(id=d.id, text=d.text, source=d.corpus, date=d.date,
                              title=d.title) for d in docs]
        if hasattr(self.pipeline, "process_many"):
            articles = self.pipeline.process_many(documents, batch_size=self.batch_size)
        else:
            articles = (self.pipeline.process(d) for d in documents)
        for article in articles:
            yield [_from_candidate(p.mention.start, p.mention.end, p.candidate, p.role,
                                   p.alternatives)
                   for p in article.places]


class PopulationBaseline:
    """spaCy NER GPE/LOC/FAC spans, each placed at its most populous gazetteer namesake."""

    name = "baseline-pop"

    def __init__(self, gazetteer: Any = None, nlp: Any = None, *, batch_size: int = 32) -> None:
        if gazetteer is None:
            from geomap.gazetteer import Gazetteer

            gazetteer = Gazetteer.open()
        if nlp is None:
            from geomap.nlp import load_nlp

            nlp = load_nlp()
        self.gazetteer = gazetteer
        self.nlp = nlp
        self.batch_size = batch_size
        self._cache: dict[str, Any] = {}

    def place(self, name: str) -> tuple[Any, list[Any]]:
        """The most populous candidate for a name (None if none) and the other candidates."""
        key = _query_name(name)
        if key not in self._cache:
            cands = self.gazetteer.lookup(key, limit=10) if key else []
            self._cache[key] = (max(cands, key=lambda c: c.population, default=None), cands)
        return self._cache[key]

    def parse_many(self, texts: Sequence[str]) -> Iterator[list[Prediction]]:
        # Only the entities are needed; the tagger, parser and lemmatizer cost time.
        disable = [p for p in self.nlp.pipe_names if p in _NOT_FOR_NER]
        for doc in self.nlp.pipe(texts, batch_size=self.batch_size, disable=disable):
            yield [_from_candidate(e.start_char, e.end_char, *self._placed(e.text))
                   for e in doc.ents if e.label_ in BASELINE_LABELS]

    def _placed(self, name: str) -> tuple[Any, str, list[Any]]:
        best, cands = self.place(name)
        return best, "", cands

    def __call__(self, text: str) -> list[Prediction]:
        return next(iter(self.parse_many([text])))


class OracleSpanBaseline:
    """Gold spans, each placed at the gazetteer's top-ranked candidate: resolution alone."""

    name = "oracle-spans"

    def __init__(self, gazetteer: Any = None, *, types: Iterable[str] | None = None) -> None:
        if gazetteer is None:
            from geomap.gazetteer import Gazetteer

            gazetteer = Gazetteer.open()
        self.gazetteer = gazetteer
        self.types = frozenset(types) if types is not None else None
        self._cache: dict[str, Any] = {}

    def place(self, name: str) -> tuple[Any, list[Any]]:
        """The gazetteer's first candidate for a name (None if none) and all candidates."""
        key = _query_name(name)
        if key not in self._cache:
            cands = self.gazetteer.lookup(key, limit=10) if key else []
            self._cache[key] = (cands[0] if cands else None, cands)
        return self._cache[key]

    def parse_docs(self, docs: Sequence[GoldDoc]) -> Iterator[list[Prediction]]:
        for d in docs:
            keep = self.types if self.types is not None else default_types(d.corpus)
            if d.corpus == "ucdp":
                raise ValueError("oracle-spans needs span-annotated gold; UCDP has none")
            yield [_from_candidate(g.start, g.end, best, "", cands)
                   for g in d.toponyms if keep is None or g.type in keep
                   for best, cands in [self.place(g.text)]]


def make_system(name: str, *, gazetteer: Any = None, nlp: Any = None,
                country: str | None = None, demonyms: bool = False) -> Any:
    """One of SYSTEMS by name, sharing an open gazetteer and spaCy pipeline when given.

    ``country`` (ISO alpha-2) is the pipeline's focus hint (``Pipeline(country=...)``),
    e.g. UA for UCDP, whose events are all in Ukraine; ``demonyms`` makes the pipeline
    report nationality adjectives as places, as GeoWebNews and TR-News annotate them. The
    baselines ignore both.
    """
    if name == "pipeline":
        if gazetteer is None and nlp is None:
            return PipelineGeoparser(country=country, demonyms=demonyms)
        from geomap.pipeline import Pipeline

        pipe = Pipeline(gazetteer, nlp, events=False, country=country, demonyms=demonyms)
        return PipelineGeoparser(pipe)
    if name == "baseline-pop":
        return PopulationBaseline(gazetteer, nlp)
    if name == "oracle-spans":
        return OracleSpanBaseline(gazetteer)
    raise ValueError(f"Unknown system {name!r}; use one of {', '.join(SYSTEMS)}")


def evaluate(corpora: Sequence[str], system: Any = "pipeline", *, root: Path | None = None,
             limit: int | None = None, types: Iterable[str] | None = None,
             headline: bool = False, resolved_only: bool = False,
             country: str | None = None) -> list[AnyReport]:
    """Score a system (a name from SYSTEMS or a geoparser object) on each named corpus.

    ``country`` is the focus hint for a system given by name (see `make_system`).
    Raises EvalCorpusError when a corpus is unknown or missing under ``root``.
    """
    name = system if isinstance(system, str) else getattr(system, "name", "system")
    parser = make_system(system, country=country) if isinstance(system, str) else system
    reports: list[AnyReport] = []
    for corpus in corpora:
        docs = load_corpus(corpus, root, limit=limit)
        reports.append(score(docs, parser, types=types if corpus == "gwn" else None,
                             system_name=name, headline=headline,
                             resolved_only=resolved_only))
    return reports


def write_errors(path: Path, reports: Sequence[AnyReport]) -> int:
    """Write the error records of all reports to ``path`` (.jsonl, else TSV); the row count.

    The rows quote gold text: keep the file out of the repository (GeoWebNews is GPL).
    """
    import json

    rows = [row for r in reports for row in error_rows(r)]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        if path.suffix == ".jsonl":
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif rows:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter="\t")
            writer.writeheader()
            writer.writerows(rows)
    return len(rows)
