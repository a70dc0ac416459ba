"""Event tagging: what happened at each place, with trigger, date, actor and status.

Triggers come from ``data/event_triggers.tsv`` (matched with a spaCy ``Matcher`` on lemmas and
lowercase forms), context rules and status cues from ``data/event_cues.tsv``, and the type
priorities/ACLED/PLOVER alignment from ``data/event_taxonomy.tsv``. Each trigger is linked to
a literal place through the dependency parse (link="parse"); when its clause holds no literal
place it falls back to the nearest literal place of the sentence ("sentence"), then to the
article's focus place ("focus") when the article names the focus as a place (a focus
mentioned only as an actor, "Russia announced …", is no fallback). What a government does at
home (mobilisation, fortification: "Russia will conscript 147,000 men") falls back last to the
acting state itself ("actor").

Placement: the cheapest dependency path from the trigger to a literal place wins; paths
through goal/agent prepositions ("towards X", "by X"), through a nationality or origin ("a US
soldier", "a volunteer from Georgia"), a source ("according to officials in X"), a possessor,
the victim of a harm verb ("the head of the X port was detained"), to rivers/regions, or to
parenthetical qualifiers ("Nikopol (Nikopol, Dnipropetrovsk)") cost more; subjects of
say-verbs and of transitive triggers are actors, not locations, but a subject located by
"in/at/near" locates the event ("residents in X protested"), and conjoined verbs share their
adjuncts ("shot and killed … in X"). Of two places on one noun the container loses ("the
West Bank town of X", "X's Y district", "the Y district of X", "the X plant near Y"; word
classes in ``data/place_links.tsv``). Then specificity: among places in the trigger's clause,
a place inside the chosen one's admin-1 region or country, or a town hanging off a chosen
river/region in the parse, wins within ``NESTED_SLACK`` ("the coast of Crimea near Saky").
Resolved places are preferred over unresolved ones (an event needs coordinates). Diplomacy is
placed only at an explicit venue ("talks between the ministers in Istanbul"), never by
fallback.

Dates: the date expression of the trigger's sentence nearest to it in the parse, resolved by
``geomap.dates`` against the article date; ``None`` when the sentence has none (the article
date is not copied into undated events).

Status policy (ACLED-style: code what the text asserts, keep the rest visible but marked):
``threatened`` for harms that are warned of, planned or feared ("warned Russia not to blow up
a dam", "could strike"); ``denied`` for negated or denied events ("denied shelling", "no
evidence that"); ``hypothetical`` for conditionals and for what an appeal asks for ("urged
Moscow to implement a ceasefire": the appeal is a reported diplomacy event, the ceasefire a
hypothetical one). Attributed claims ("Ukraine said it retook…", "accused X of shelling")
stay ``reported``, as ACLED codes attributed reports. A damaged or mined dam with no
flooding reported is a ``threatened`` flooding.

Strike or infrastructure damage: a report whose main clause is the attack ("a drone hit a
pumping station, leaving the district without water", "missiles destroyed the plant",
"shelling cut the power line", "saboteurs blew up a bridge") is a strike, with the damage
second. infrastructure_damage comes first when the main clause is the damage or outage itself
and the attack is only its cause: the facility as the subject of a verb of ruin or stoppage
("the plant was destroyed in a missile attack", "a pipeline was damaged by shelling", "the
bridge collapsed after a blast", "rail traffic was suspended after a missile hit a
substation"), an outage as the main clause ("left without water after a drone hit a pumping
station", "blackouts were imposed after ..."), no attack named at all (a damaged pipeline,
sabotage or arson without explosives, "hostilities damaged"), an attack dated earlier, or the
aftermath ("remained without gas after a strike", "restored power after the outage caused by
shelling"). (Blind writers of held-out sets put infrastructure_damage first in these; a fire at
a depot or port an attack hit is no outage and stays a strike.) Likewise a flooding threat a
report warns of outranks the reported shelling behind it ("officials warned the dam could fail
after repeated shelling"); a shelled dam with no warning or flood stays a strike.

Clash or strike when no weapon is named (ACLED: an armed clash when armed groups fight, a
strike when remote weapons are used): "attack"/"fire on" with troops, positions or defensive
lines as objects, or an assault/storming, is a clash; with a town, building or infrastructure
as object a strike; gunmen on foot attacking civilians or a place, or troops firing on a
civilian vehicle, harm civilians. A death or destruction caused "in/by" a remote weapon or an
explosion ("killed in an airstrike", "destroyed by anti-tank missiles") is a strike.
Terror and crime reports: an attack with no remote weapon and no armed side as target that is
called a knife, gun or terror(ist) attack, or that harms people with no armed side named as its
owner ("two people were wounded in the attack", "a series of attacks left 130 people dead"),
or a charge of assault, is civilian_harm; an arson attack is property destruction
(infrastructure_damage); gunmen attacking or firing on police or a patrol, and deaths in
clashes or a shootout, are clashes.

ACLED note labels (``note_label_type``): a note that opens with an ACLED sub-event name that
maps to one of our types ("Looting: …", "Property destruction: …", "Mob violence: …") takes
that type for the events of its first sentence, the coder's own classification.

One short report, one type (``dominant_event`` / ``classify_event_type``): reported events
before the rest, main-clause events before "after …/as …/during …" background (unless the
main clause is only a consequence such as damage or casualties and the background is not
dated earlier: "without power after strikes a day earlier" is about the outage; an
aftermath report always is), weak cues (soldiers killed, 'hostilities', unnamed victims)
last, topic words ("activists", "troops", "electricity"; rules weighted below
``TOPIC_WEIGHT``) only when the report names no event at all, then the taxonomy priority:
protest > air_defense > flooding > withdrawal > advance > clash > strike > civilian_harm >
infrastructure_damage > fortification > mobilisation > diplomacy. Words that set the scene
yield to any other reported event of the report: what talks discuss ("met to discuss Russian
attacks on the grid"), movement with no ground taken ("advanced towards X", "advanced 1 km"),
troops controlling ground, a "flooded" modifier, and what a "where …" clause says happens.

Fallback (``nearest_type``): a short report (at most ``FALLBACK_MAX_SENTENCES``) in which no
trigger matches at all takes the type its nearest labelled reports agree on (tf-idf over
content lemmas, ``data/event_exemplars.tsv``, built from tests/data by ``benchmarks/
eval_events.py --write-exemplars``), as a weak event on the main verb of its first sentence.
A trigger its context rule turned down is never overridden ("soldiers marched in the parade").
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from geopy.distance import great_circle
from spacy.tokens import Doc, Span, Token

from geomap.dates import resolve_date
from geomap.errors import LexiconError
from geomap.event_senses import is_event_sense, load_senses
from geomap.gazetteer import normalize_name
from geomap.model import EVENT_TYPES, Candidate, Event, Mention, Place
from geomap.roles import GOVERNMENT_CODES, is_headline

STATUS_RANK = {"reported": 0, "threatened": 1, "hypothetical": 2, "denied": 3}
LINK_FACTOR = {"parse": 1.0, "sentence": 0.75, "focus": 0.5, "actor": 0.5, "none": 0.4}
PARTICLES = frozenset({"up", "down", "out", "back", "off", "in", "forward", "through", "over"})
_NOUN_DEPS = frozenset({"nsubj", "csubj", "dobj", "pobj", "nsubjpass", "compound"})
_PARTICLE_DEPS = frozenset({"prt", "advmod", "prep"})
CLAUSAL = frozenset({"ccomp", "advcl", "relcl", "xcomp", "parataxis", "csubj", "acl", "pcomp"})
HARMFUL = frozenset({"strike", "flooding", "infrastructure_damage", "civilian_harm", "clash"})
# Extra cost of reaching a place through these prepositions: "towards X" is a goal, not
# where the event happened; "by X" is an agent.
PREP_COST = {"towards": 5, "toward": 5, "to": 1, "into": 1, "from": 3, "by": 5, "with": 3,
             "for": 3, "since": 4, "after": 4, "before": 4, "like": 5, "than": 5, "against": 1,
             "about": 4, "between": 2, "despite": 4, "across": 1, "through": 1}
MAX_PARSE_COST = 10
# Confidence = rule weight x link factor x a parse-cost factor in [0.8, 1]. Rules weighted
# below 0.5 in the lexicon (soldiers killed -> clash) are weak: dominant_event ranks them
# after every other reported event whatever their type priority.
WEAK_WEIGHT = 0.45
# A downed weapon's debris ("drone debris fell on a house") is an interception only by
# implication: a weak event, below WEAK_WEIGHT, which any event the text names outranks.
DEBRIS_WEIGHT = 0.4
# Rules weighted below this are topic words ("activists", "troops", "electricity"): a
# short report's type falls back on them only when it names no event at all.
TOPIC_WEIGHT = 0.3
# A short report in which no trigger matches takes the type of its nearest labelled reports
# (data/event_exemplars.tsv, content lemmas, tf-idf cosine) when at least FALLBACK_SHARE of
# the FALLBACK_K nearest neighbours' similarity agrees; the event is weighted below the topic
# words and linked from the sentence's main verb.
FALLBACK_K = 5
FALLBACK_SHARE = 0.6
FALLBACK_WEIGHT = 0.2
FALLBACK_MAX_SENTENCES = 3
_CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV"})
# Exemplars whose source starts with this are left out (the evaluation scores each labelled
# set against the others: see held_out_exemplars).
_EXEMPLAR_EXCLUDE: ContextVar[str | None] = ContextVar("exemplar_exclude", default=None)
_DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast",
                         "southwest"})
_MODIFIER_CLAUSES = frozenset({"relcl", "parataxis"})
_CONSEQUENCES = frozenset({"infrastructure_damage", "civilian_harm"})
# Subordinators whose clause the sentence does not assert: a condition, and a time still to
# come ("before/until/once"; "after" presupposes its clause, so it is not among them).
_CONDITIONAL_MARKS = frozenset({"if", "unless"})
_PENDING_MARKS = frozenset({"before", "until", "till", "once"})
# ("even though/although air defences were firing": a concession sets the scene as
# "despite air defence fire" does)
_BACKGROUND = frozenset({"after", "before", "following", "since", "as", "while", "once",
                         "during", "despite", "though", "although",
                         "amid", "ahead"})
# Words of blame and their preposition: what they govern was done before the news.
_BLAME = frozenset({("blame", "for"), ("accuse", "of"), ("responsible", "for"),
                    ("convict", "of"), ("suspect", "of"), ("charge", "with")})
# Where an event of a type happens relative to "from"/"to": a withdrawal or a deportation
# happens where it starts, a deployment where it ends, an interception near the target.
_TYPE_PREP_COST = {("withdrawal", "from"): 0, ("civilian_harm", "from"): 0,
                   ("civilian_harm", "to"): 3, ("withdrawal", "to"): 3,
                   # looted goods are taken from where the looting was ("removed paintings
                   # from the museum in Kherson and took them to Crimea")
                   ("infrastructure_damage", "from"): 1, ("infrastructure_damage", "to"): 3,
                   ("mobilisation", "to"): 0, ("mobilisation", "into"): 0,
                   ("mobilisation", "towards"): 1, ("mobilisation", "from"): 4,
                   # a line "from X to Y" runs between its ends: the goal's cost, so the
                   # first-named end wins the tie ("trenches stretching from X to Y")
                   ("fortification", "from"): 1,
                   # a weapon is downed on its way, near what it flew at, far from its
                   # launch site ("intercepted rockets fired from Gaza towards Ashkelon")
                   ("air_defense", "towards"): 1, ("air_defense", "toward"): 1,
                   ("air_defense", "from"): 6}
_GOAL_PREPS = frozenset({"to", "into", "towards", "toward"})
_ADJUNCT_PREPS = frozenset({"after", "before", "since", "despite", "following", "amid", "during",
                            "until", "because"})
# The venue of talks may sit past their parties and the deal ("signed separate deals with
# Turkey and the UN in Istanbul", cost 9); the prepositions of _venue_preps still decide.
MAX_DIPLOMACY_COST = 10
# Rivers, seas and vague regions make poor event points; a town in the same clause wins.
FEATURE_COST = {"H": 2, "L": 1, "A": 1}
QUALIFIER_COST = 6
# A place that only locates another one on the same noun ("the West Bank town of Tulkarm").
CONTAINER_COST = 4
ORIGIN_COST = 4
# Extra cost of the country across a border ("the border with Syria"): like an origin.
BORDER_COST = 4
VICTIM_COST = 4
# A place naming a stretch of front ("the Melitopol direction") gives way to a concrete place
# beyond a clause-free conjoined verb ("… and are having success near Verbove", cost 6).
SECTOR_COST = 4
# How far from the town a front sector is named after ("the Pokrovsk direction") the places
# along it lie: General Staff sectors run a few tens of km (Chasiv Yar in the Kramatorsk
# direction, 25 km; Robotyne in the Orikhiv direction, 10 km).
SECTOR_KM = 60.0
SOURCE_COST = 6
# A headline's label ("Kyiv: Russia lost 1,200 troops near Pokrovsk", "Tetkino: drones hit
# …") names where the story is filed under, or who says it; a place the clause names itself
# is where the event happened, the label only when the clause names none.
LABEL_COST = 4
# "Four US soldiers were killed … in Baquba": a nationality is no place, dearer than a place
# across a clause boundary.
NATIONALITY_COST = 10
# How much dearer a contained place may be and still beat its container in the clause.
NESTED_SLACK = 4
_PARTY_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
_NON_CONTENT_POS = frozenset({"ADP", "DET", "PRON", "PART", "PUNCT", "CCONJ", "SCONJ", "NUM",
                              "SPACE", "SYM", "X"})


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One row of data/event_triggers.tsv."""

    pattern: tuple[str, ...]
    kind: str  # verb, noun, adj, phrase
    pos: str  # VERB, NOUN, ADJ, ANY
    strict: bool  # POS must match exactly
    type: str  # an EVENT_TYPES member or "attack"
    requires: str
    weight: float
    line: int


@dataclass(frozen=True, slots=True)
class TaxonomyRow:
    """One row of data/event_taxonomy.tsv."""

    type: str
    priority: int
    acled_event_type: str
    acled_sub_event_types: tuple[str, ...]
    plover_event_types: tuple[str, ...]
    fallback: str  # "focus": all fallbacks; "parse": place only when the parse says so;
    # "actor": all fallbacks, then the acting state's own territory ("Russia will conscript")


@dataclass(slots=True)
class _Hit:
    """A matched trigger before it becomes an Event."""

    start: int  # token indices (end exclusive)
    end: int
    head: Token
    rule: TriggerRule
    type: str = ""
    alts: tuple[TriggerRule, ...] = ()  # every rule of the pattern that fits the POS


def _data_rows(name: str, text: str | None = None) -> Iterable[tuple[int, list[str]]]:
    if text is None:
        text = resources.files("geomap.data").joinpath(name).read_text(encoding="utf-8")
    header_seen = False
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        yield lineno, next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))


def parse_triggers(text: str | None = None) -> tuple[TriggerRule, ...]:
    """Rules of a trigger table (the packaged data/event_triggers.tsv by default)."""
    where = "geomap/data/event_triggers.tsv"
    rules = []
    for lineno, row in _data_rows("event_triggers.tsv", text):
        if len(row) < 7:
            raise LexiconError(f"{where}:{lineno}: expected 8 tab-separated columns, got "
                               f"{len(row)}. Fix the row (tabs, not spaces).")
        pattern, kind, pos, typ, requires, weight = row[:6]
        if typ not in EVENT_TYPES and typ != "attack":
            raise LexiconError(f"{where}:{lineno}: unknown type {typ!r}; "
                               f"use one of {', '.join(EVENT_TYPES)} or 'attack'.")
        try:
            value = float(weight)
        except ValueError:
            raise LexiconError(f"{where}:{lineno}: weight {weight!r} is not a number; "
                               "use a value between 0 and 1.") from None
        rules.append(TriggerRule(tuple(pattern.lower().split()), kind, pos.rstrip("!"),
                                 pos.endswith("!"), typ, requires, value, lineno))
    return tuple(rules)


@lru_cache(maxsize=1)
def load_triggers() -> tuple[TriggerRule, ...]:
    """The trigger lexicon (data/event_triggers.tsv)."""
    return parse_triggers()


@lru_cache(maxsize=1)
def load_cues() -> dict[str, frozenset[str]]:
    """Word classes for status cues and context rules (data/event_cues.tsv)."""
    return {row[0]: frozenset(row[1].lower().split()) for _, row in _data_rows("event_cues.tsv")}


@lru_cache(maxsize=1)
def load_taxonomy() -> dict[str, TaxonomyRow]:
    """Our event types with their priority and ACLED/PLOVER equivalents."""
    out = {}
    for lineno, row in _data_rows("event_taxonomy.tsv"):
        if len(row) < 6 or row[0] not in EVENT_TYPES:
            raise LexiconError(f"geomap/data/event_taxonomy.tsv:{lineno}: expected a known "
                               "type and 7 tab-separated columns. Fix the row.")
        out[row[0]] = TaxonomyRow(row[0], int(row[1]), row[2],
                                  tuple(s.strip() for s in row[3].split(";")),
                                  tuple(s.strip() for s in row[4].split(";")), row[5])
    return out


@lru_cache(maxsize=1)
def note_labels() -> dict[str, str]:
    """ACLED sub-event labels (lowercase) that name exactly one of our types, with that type.

    ACLED notes of some sub-event types open with the sub-event's name ("Looting: On 5 May
    ...", "Property destruction: ...", "Mob violence: ..."); the label is the coder's own
    classification and settles the type where the verbs alone would read another ("Property
    destruction: ... blew up the bridge" is no strike). A combined name counts whole and by
    its parts ("Looting/property destruction": "looting", "property destruction"); a name
    shared by two of our types ("Other") settles nothing.
    """
    seen: dict[str, set[str]] = {}
    for row in load_taxonomy().values():
        for sub in row.acled_sub_event_types:
            for name in {sub, *sub.split("/")}:
                # (a short lowercase fragment is a modifier, no name: 'Air' of 'Air/drone
                # strike'; an acronym is: 'IED')
                if len(name.strip()) > 3 or name.strip().isupper():
                    seen.setdefault(name.strip().lower(), set()).add(row.type)
    return {name: next(iter(types)) for name, types in seen.items() if len(types) == 1}


_NOTE_LABEL = re.compile(r"\s*([A-Za-z][A-Za-z /-]{2,60}?)\s*:")


def note_label_type(text: str) -> str | None:
    """The type an ACLED sub-event label opening ``text`` names ("Looting: ..."), else None."""
    m = _NOTE_LABEL.match(text)
    return note_labels().get(m.group(1).lower()) if m else None


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """Trigger patterns indexed by their first word, and the rules of each pattern."""

    by_first: dict[str, tuple[tuple[str, tuple[str, ...]], ...]]  # word -> (name, words)
    by_pattern: dict[str, list[TriggerRule]]


_ARTICLES = frozenset({"the", "a", "an"})


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    # A dict keyed on the first word replaces a spaCy Matcher over ~440 patterns: the
    # Matcher tried every pattern at every token (45 ms of ~55 ms per article after the
    # parse); this finds the same matches in well under a millisecond.
    by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    by_pattern: dict[str, list[TriggerRule]] = {}
    for rule in load_triggers():
        name = " ".join(rule.pattern)
        if name not in by_pattern:
            words = tuple(_split_words(rule.pattern))
            # headlines drop articles: "take to the street" also as "take to streets"
            bare = tuple(w for w in words[1:] if w not in _ARTICLES)
            for form in dict.fromkeys((words, (words[0], *bare))):
                by_first.setdefault(form[0], []).append((name, form))
                if form[0].title() != form[0]:
                    by_first.setdefault(form[0].title(), []).append((name, form))
        by_pattern.setdefault(name, []).append(rule)
    return _Lexicon({k: tuple(v) for k, v in by_first.items()}, by_pattern)


def _lemma_fits(tok: Token, word: str) -> bool:
    return tok.lemma_ == word or tok.lemma_ == word.title()


def _matches(doc: Doc, lex: _Lexicon) -> list[tuple[str, int, int]]:
    """(pattern name, start, end) for every pattern that matches all its words' lemmas
    (or title-cased lemmas), or all their lower-case forms, in order of start."""
    out: list[tuple[str, int, int]] = []
    n = len(doc)
    for i, tok in enumerate(doc):
        seen: set[str] = set()
        keys = [tok.lemma_, tok.lower_]
        # the re- family of a one-word verb trigger ("reoccupied" is "occupied" again)
        lem = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lem.startswith("re") and len(lem) > 5 \
                and lem not in lex.by_first:
            base = next((b for b in _stems(lem[2:], tok.lower_[2:]) if b in lex.by_first), None)
            if base is not None:
                keys.append(base)
        family = keys[2] if len(keys) > 2 else None
        for key in dict.fromkeys(keys):  # ordered: stable output
            for name, words in lex.by_first.get(key, ()):
                if name in seen or i + len(words) > n:
                    continue
                toks = doc[i:i + len(words)]
                if (key == family and len(words) == 1) or (
                        all(_lemma_fits(t, w) for t, w in zip(toks, words))
                        or all(t.lower_ == w for t, w in zip(toks, words))):
                    seen.add(name)
                    out.append((name, i, i + len(words)))
    return out


def _stems(*forms: str) -> Iterator[str]:
    """A word and its plain verb stems ("occupied" -> occupy, occupie, occupi, occupied)."""
    for w in forms:
        yield w
        if w.endswith("ied"):
            yield w[:-3] + "y"
        for suffix in ("ed", "es", "ing", "s", "d"):
            if w.endswith(suffix) and len(w) > len(suffix) + 2:
                yield w[:-len(suffix)]
                yield w[:-len(suffix)] + "e"


def _split_words(words: tuple[str, ...]) -> list[str]:
    """Pattern words split like spaCy splits them: "anti-tank" -> anti - tank, "dragon's"."""
    return [p for w in words for p in re.findall(r"'s|’s|\w+|[^\w\s]", w)]


@lru_cache(maxsize=1)
def load_link_cues() -> dict[str, frozenset[str]]:
    """Word classes for place linking (data/place_links.tsv)."""
    return {row[0]: frozenset(row[1].lower().split())
            for _, row in _data_rows("place_links.tsv")}


def _lw(name: str) -> frozenset[str]:
    """A word class of data/place_links.tsv."""
    return load_link_cues()[name]


def _w(name: str) -> frozenset[str]:
    """A word class of data/event_cues.tsv."""
    return load_cues()[name]


def _trigger_root(doc: Doc, ev: Event) -> Token | None:
    """The syntactic head of an event's trigger in ``doc`` (None if its offsets cut a
    token the parse cannot align)."""
    span = doc.char_span(ev.trigger_start, ev.trigger_end, alignment_mode="expand")
    return None if span is None else span.root


def _lem(tok: Token) -> str:
    return tok.lemma_.lower() if tok.lemma_ else tok.lower_


def _pos_kind(tok: Token) -> str:
    return {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN",
            "ADJ": "ADJ"}.get(tok.pos_, "OTHER")


def _pick_rules(rules: list[TriggerRule], head: Token) -> list[TriggerRule]:
    """The rules of a pattern that fit the head's POS, in file order."""
    kind = _pos_kind(head)
    exact = [r for r in rules if r.pos == kind or r.pos == "ANY"]
    if exact and kind == "VERB" and head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
        # a verb-tagged subject or object ("Control over the village has been restored")
        # may still be the noun: its noun rules are tried after the verb's
        exact += [r for r in rules if r.pos == "NOUN" and not r.strict]
    if exact:
        return exact
    if _headline_verb(head):
        # "Ukraine downs 'all' drones": the verb only, which the tagger took for a noun
        return [r for r in rules if r.pos == "VERB"]
    loose = [r for r in rules if not r.strict]
    if not loose or head.pos_ in _NON_CONTENT_POS:
        return []
    return [r for r in loose if _loose_fit(r, head, kind)]


def _headline_verb(tok: Token) -> bool:
    """Whether a noun-tagged word is a headline's present-tense verb: an '-s' form right
    after a named subject ("Ukraine downs drones", "Russian artillery hammers Kherson"), in
    a sentence with no verb before it and no full stop at its end (a headline)."""
    sent = tok.sent
    if tok.tag_ not in ("NNS", "NNPS") or not tok.lower_.endswith("s") or tok.i == sent.start:
        return False
    prev = tok.doc[tok.i - 1]
    if prev.pos_ not in ("PROPN", "NOUN"):
        return False
    if any(t.pos_ in ("VERB", "AUX") for t in tok.doc[sent.start:tok.i]):
        return False
    last = next((t for t in reversed(sent) if not t.is_space), tok)
    return last.text not in (".", "!", "?") and tok.i + 1 < sent.end


def _loose_fit(r: TriggerRule, head: Token, kind: str) -> bool:
    # The small model mistags some triggers ("as Kyiv's forces advance" -> NOUN, "Shelling"
    # -> VERB); accept a noun reading on a gerund and a verb reading on a verb-tagged token,
    # but not "called" as the noun "call".
    if r.pos == "NOUN":
        return kind != "VERB" or head.tag_ == "VBG" or head.dep_ in _NOUN_DEPS
    if r.pos == "VERB":
        return head.tag_.startswith("VB") or head.dep_ == "ROOT"
    return r.pos == "ADJ" and head.tag_ in ("VBN", "JJ")


def find_triggers(doc: Doc) -> list[_Hit]:
    """Lexicon matches (longest first, no overlaps) with the rule chosen by POS."""
    lex = _lexicon()
    by_pattern = lex.by_pattern
    hits: list[_Hit] = []
    for name, start, end in _matches(doc, lex):
        rules = by_pattern[name]
        words = _split_words(tuple(name.split()))
        span = doc[start:end]
        head = span.root
        # A verb with its particle ("blow up") must really have that particle.
        if len(words) == 2 and words[1] in PARTICLES and any(r.kind == "verb" for r in rules):
            head = doc[start]
            # (an adverb right after the verb counts even when the parser hung it on the
            # object: "pulling back artillery"; a preposition does not: "took over 50")
            if not any(c.dep_ in _PARTICLE_DEPS and c.lower_ == words[1]
                       for c in head.children) and doc[start + 1].pos_ not in ("ADV", "PART"):
                continue
        fits = _pick_rules(rules, head)
        if fits:
            hits.append(_Hit(start, end, head, fits[0], alts=tuple(fits)))
    # Particle verbs split by their object: "blow it up", "shot the drone down".
    for tok in doc:
        for child in tok.children:
            if child.dep_ in _PARTICLE_DEPS and child.i > tok.i + 1 and child.lower_ in PARTICLES:
                name = f"{_lem(tok)} {child.lower_}"
                if name in by_pattern:
                    fits = _pick_rules(by_pattern[name], tok)
                    if fits:
                        hits.append(_Hit(tok.i, tok.i + 1, tok, fits[0], alts=tuple(fits)))
    # (a split particle verb outranks its bare verb on the same token: "moved several
    # kilometres forward" is "move forward", not "move")
    hits.sort(key=lambda h: (-(h.end - h.start), h.start, -len(h.rule.pattern)))
    taken: set[int] = set()
    chosen = []
    for h in hits:
        if taken.isdisjoint(range(h.start, h.end)):
            chosen.append(h)
            taken.update(range(h.start, h.end))
    chosen.sort(key=lambda h: h.start)
    return chosen


# --- context rules --------------------------------------------------------------------


def _ancestors(tok: Token, n: int) -> list[Token]:
    out = []
    cur = tok
    while cur.head.i != cur.i and len(out) < n:
        cur = cur.head
        out.append(cur)
    return out


def _objects(tok: Token) -> list[Token]:
    """Direct objects, passive subjects and prepositional objects of a verb or noun."""
    out = []
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
            out.append(c)
            out.extend(x for x in c.children if x.dep_ in ("conj", "appos"))
        elif c.dep_ == "prep":
            out.extend(x for x in c.children if x.dep_ == "pobj")
    return out


def _subtree_lemmas(tok: Token) -> set[str]:
    return {_lem(t) for t in tok.subtree}


def _rigged_dam(verb: Token, cues: dict[str, frozenset[str]]) -> Token | None:
    """The dam that ``verb`` lays explosives on ("laid explosives on the dam of the
    reservoir", "planted mines at the dam"), or None."""
    if _lem(verb) in _w("rig_verb"):  # "have mined the Kakhovka dam"
        return next((o for o in _objects(verb) if _lem(o) in cues["dam"]), None)
    if _lem(verb) not in _w("lay_verb") or not any(
            _lem(o) in _w("explosive") for o in _objects(verb)):
        return None
    return next((g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "at", "under")
                 for g in c.children if g.dep_ == "pobj" and _lem(g) in cues["dam"]), None)


def _has_damage_context(tok: Token, cues: dict[str, frozenset[str]], triggers: set[int]) -> bool:
    damage = cues["damage"]
    if tok.dep_ == "pobj" and _rigged_dam(tok.head.head, cues) == tok:
        return True  # a dam rigged with explosives is a threat to it, as a mined dam is
    for a in _ancestors(tok, 4):
        if _lays_mines(a):
            break  # "mined the approaches and placed concrete blocks on the roads"
        if _lem(a) in damage or (a.i in triggers and _lem(a) in cues["weapon"]):
            return True
        if _lem(a) == "give" and any(c.dep_ == "dobj" and c.lower_ == "way" for c in a.children):
            return True  # "two dams gave way": they collapsed
        if a.dep_ in CLAUSAL and a.pos_ == "VERB" and _lem(a) not in damage:
            break
    gov = next((a for a in _ancestors(tok, 3) if a.pos_ in ("VERB", "AUX")), None)
    if gov is not None and any(_lem(g) in damage for c in gov.children
                               if c.dep_ in ("prep", "agent", "oprd", "acomp", "advcl", "ccomp",
                                             "xcomp")
                               for g in [c, *c.children]):
        return True  # "the bridge was rendered unusable after repeated damage"
    for c in tok.children:
        if c.dep_ in ("amod", "acl", "relcl", "compound") and _lem(c) in damage:
            return True
        if c.dep_ in ("acl", "relcl") and any(_lem(x) in damage for x in c.subtree):
            return True
    return False


def _is_civilian(tokens: Iterable[Token], cues: dict[str, frozenset[str]]) -> bool:
    civ = cues["civilian"]
    for t in tokens:
        if t.pos_ in ("NOUN", "PROPN", "PRON", "ADJ") and (_lem(t) in civ or t.lower_ in civ
                                                          or _civilian_compound(_lem(t), civ)
                                                          and _lem(t) not in cues["force"]):
            return True
    return False


# The shortest civilian word that may end a closed compound of its kind ("woman", "man" end
# "servicewoman", "gunman").
_COMPOUND_HEAD_MIN = 6


def _civilian_compound(lemma: str, civ: frozenset[str]) -> bool:
    """A closed compound whose head is a civilian word ("schoolteacher", "farmworker",
    "taxidriver"): English writes many of these as one word."""
    return any(lemma.endswith(w) and len(lemma) - len(w) >= 3
               for w in civ if len(w) >= _COMPOUND_HEAD_MIN)


def _victims(tok: Token) -> list[Token]:
    """Who a kill/wound verb or casualty noun is about (objects, passive subjects, modifiers;
    a verb with no object shares its conjunct's: "beat and robbed a family")."""
    out = []
    if tok.pos_ == "VERB" and not any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children):
        out.extend(t for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"
                   for o in c.children if o.dep_ == "dobj" for t in o.subtree)
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "amod", "compound", "nsubj"):
            out.extend(c.subtree)
        elif c.dep_ == "prep" and c.lower_ in ("among", "of", "at", "on", "over"):
            out.extend(c.subtree)
    if tok.dep_ in ("amod", "acl") or tok.pos_ == "ADJ":
        out.append(tok.head)
        out.extend(c for c in tok.head.children if c.dep_ in ("amod", "compound"))
    if tok.dep_ == "pobj" and tok.head.lower_ == "among" and tok.head.head.i != tok.head.i:
        out.append(tok.head.head)  # "children among the dead": the children are the victims
    return out


def _harm_clauses(tok: Token) -> Iterator[Token]:
    """The verbs of the participle and conjoined clauses that tell what an assault went on to
    do ("stormed a village, abducting eight women and looting livestock"; "attacked villages,
    burning houses and beheading three people", however the parser hung the list), not those
    of a relative, reported or modifying clause ("a truck carrying workers")."""
    stack = [c for c in tok.children if c.dep_ not in ("nsubj", "nsubjpass")]
    while stack:
        t = stack.pop()
        if t.dep_ in ("relcl", "acl", "ccomp", "csubj"):
            continue
        if t.pos_ == "VERB":
            yield t
        stack.extend(t.children)


def _shared_subjects(verb: Token) -> list[Token]:
    """The subjects of ``verb``, or of the verb it is conjoined to when it has none of its
    own: conjoined verbs share their subject; so does a verb the parser hangs on a reduced
    relative of suspicion ("gunmen suspected to be Boko Haram stormed the town")."""
    own = [c for c in verb.children if c.dep_ == "nsubj"]
    if own or not (verb.dep_ == "conj" or verb.dep_ == "ccomp" and verb.head.tag_ == "VBN"
                   and _lem(verb.head) in _w("suspicion_verb")):
        return own
    return [c for c in verb.head.children if c.dep_ == "nsubj"]


def _irregular_killing(tok: Token, cues: dict[str, frozenset[str]]) -> bool:
    """Attackers on foot (gunmen, bandits, gangs, or the fighters, insurgents and militants
    of a non-state group) whose assault on anything but an armed side goes on to kill,
    wound, abduct or behead civilians in a participle or conjoined verb ("gunmen stormed a
    village, killing 100 people", "insurgents ambushed a truck carrying workers, killing the
    driver", "fighters stormed a village, abducting eight women"): violence against
    civilians (ACLED's Attack or Abduction), as for their 'attack' on a place."""
    if not any(_subtree_lemmas(c) & (_w("gunman") | _w("hostile_person"))
               for c in _shared_subjects(tok)):
        return False
    if _armed_target(tok, cues):
        return False  # "ambushed a convoy, killing ten soldiers": a fight
    return any(_lem(v) in (_w("hands_on_harm") - {"loot"}) | {"kill", "wound", "injure"}
               and _is_civilian(_victims(v), cues) for v in _harm_clauses(tok))


def _armed_target(tok: Token, cues: dict[str, frozenset[str]]) -> bool:
    """Is what the verb ``tok`` assails an armed side (a base, a patrol, troops, "the
    gendarmerie brigade", "a police station")?"""
    return any(_lem(o) in cues["military_target"] | cues["troops"] or any(
        c.dep_ in ("compound", "amod") and _lem(c) in _w("security_mod") for c in o.children)
        for o in tok.children if o.dep_ in ("dobj", "nsubjpass"))


def _named_as(tok: Token) -> bool:
    """Is ``tok`` what a naming verb calls something ("called the attack a war crime",
    "calling it an attempt to hide evidence of a war crime", "described it as terrorism")?
    The verb's object is the event; its complement only labels it."""
    below: list[Token] = [tok]
    for a in _ancestors(tok, 8):
        child = below[-1]
        if a.pos_ == "VERB" and _lem(a) in _w("naming_verb"):
            if child.dep_ == "oprd":
                return True
            if child.dep_ == "prep" and child.lower_ == "as":
                # "described it as terrorism" (not "described mayhem as shells rained down",
                # a clause however the parser hung its subject)
                obj = below[-2] if len(below) > 1 else None
                after = obj.right_edge.i + 1 if obj is not None else len(tok.doc)
                return obj is not None and obj.dep_ == "pobj" and not (
                    after < len(tok.doc) and tok.doc[after].pos_ in ("VERB", "AUX"))
            # a complement the parser hung as an apposition inside the object
            return child.dep_ == "dobj" and any(t.dep_ == "appos" for t in below[:-1])
        below.append(a)
    return False


def _resolve_type(hit: _Hit, doc: Doc, places_tokens: set[int],
                  cues: dict[str, frozenset[str]], trigger_idx: set[int]) -> str | None:
    """The event type of a match after its context rule, or None to drop it."""
    tok, rule, req = hit.head, hit.rule, hit.rule.requires
    typ = rule.type
    sent = tok.sent
    objs = _objects(tok)
    obj_lemmas = {_lem(o) for o in objs}
    if typ == "advance" and rule.kind == "verb" and (any(
            c.dep_ == "nsubj" and _lem(c) in _w("water_agent") for c in tok.children) or (
            tok.i > sent.start and _lem(doc[tok.i - 1]) in _w("water_agent")
            and not any(c.dep_ == "nsubj" for c in tok.children))):
        return "flooding"  # "water entered dozens of courtyards", "floodwaters reached X"
        # (the noun right before a subjectless verb, however the list was parsed)
    if typ == "strike" and rule.kind == "noun" and tok.dep_ == "dobj" \
            and _rigged_dam(tok.head, cues) is not None:
        return None  # "laid explosives on the dam": the dam's threat (flooding) is the event
    if rule.kind != "verb" and _named_as(tok):
        return None  # "called the attack a war crime": a label for an event told elsewhere
    if typ == "clash" and rule.kind == "noun" and tok.dep_ == "pobj" \
            and tok.head.lower_ in ("in", "during") and tok.head.head.pos_ == "VERB" \
            and _lem(tok.head.head) in _w("hands_on_harm"):
        return "civilian_harm"  # "abducted 30 villagers in a raid on X": the raid is the abduction
    if typ == "clash" and rule.kind == "noun" and tok.dep_ == "pobj" \
            and tok.head.lower_ in ("in", "during") and _lem(tok.head.head) in _w("say") \
            and any(t.pos_ == "VERB" and _lem(t) in _w("hands_on_harm") - {"loot"}
                    and t.i < tok.i for t in sent):
        # the same, with the phrase hung on the reporting verb ("Bandits abducted 30
        # villagers in a raid on X, residents told reporters"): no one tells in a raid
        return "civilian_harm"
    if typ in ("clash", "attack") and rule.kind == "verb" and _irregular_killing(tok, cues):
        return "civilian_harm"  # "gunmen stormed a village, killing 100 people"
    if req == "damage" and not _has_damage_context(tok, cues, trigger_idx) and not (
            typ == "infrastructure_damage" and (
                tok.dep_ in ("nsubjpass", "nsubj") and _lem(tok.head) in _w("restore_word")
                or tok.dep_ == "pobj" and tok.head.lower_ == "to"
                and _lem(tok.head.head) in _w("restore_word"))):  # "reconnected … to the grid"
        return None  # ("water supply has been restored": the outage is the news)
    if req == "not_damage" and _has_damage_context(tok, cues, trigger_idx):
        return None
    if req == "no_for" and any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children):
        return None
    direct = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if req == "territory_obj" and not any(
            o.i in places_tokens or _lem(o) in cues["territory"] or o.ent_type_ in ("GPE", "LOC")
            or (o.pos_ == "PROPN" and o.ent_type_ not in ("ORG", "NORP", "DATE"))
            # a military post named for its town ("captured the Lashio regional command")
            or _lem(o) in _w("named_post") and any(
                c.dep_ in ("compound", "nmod") and c.i in places_tokens for c in o.children)
            for o in direct) and not (
                # a building occupied as part of taking a town ("stormed the village and
                # occupied the school"); a building alone is not territory ("occupied the
                # hospital and turned it into a base")
                _lem(tok) == "occupy" and tok.dep_ == "conj" and any(
                    o.i in places_tokens or _lem(o) in cues["territory"]
                    for c in tok.head.children if c.dep_ == "dobj" for o in c.subtree)):
        return None
    if req == "take_control":
        gov = tok.head.head if tok.head.dep_ == "prep" and tok.head.lower_ in (
            "under", "into", "to") else tok.head  # "returned under Ukrainian control"
        before = [t for t in doc[max(sent.start, tok.i - 4):tok.i]
                  if t.pos_ not in ("DET", "PUNCT", "PART")
                  and (t.pos_ != "ADJ" or _lem(t) in _w("take_verb"))]
        # "re-established control": the tagger splits the prefix off and hangs
        # "established" on the object as a modifier
        if tok.dep_ == "compound" or (_lem(gov) not in _w("take_verb") and not (
                before and _lem(before[-1]) in _w("take_verb"))):
            return None
    if req == "ad_subject":
        subj = _shared_subjects(tok)
        # ("deminers cleared 45 hectares and destroyed 250 explosive items")
        sl = _subtree_lemmas(subj[0]) if subj else set()
        by_ad = bool(sl & _w("defence")) and bool(
            sl & _w("air_word")) or "anti-aircraft" in sl
        # The object itself (or "N of the drones"), not a later item of a list.
        aerial = [o for o in tok.children if o.dep_ in ("dobj", "nsubjpass")
                  if _lem(o) in _w("aerial") or any(
                      _lem(g) in _w("aerial") for c in o.children if c.dep_ == "prep"
                      for g in c.children if g.dep_ == "pobj")]
        if not aerial and tok.dep_ == "conj" and any(c.dep_ == "auxpass" for c in tok.children) \
                and not any(c.dep_ == "nsubjpass" for c in tok.children):
            # "missiles fired at the capital had been destroyed": the first verb's subject
            aerial = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")
                      and _lem(c) in _w("aerial")]
        if not aerial and not any(c.dep_ in ("dobj", "nsubjpass", "auxpass")
                                  for c in tok.children):
            # misparsed objects ("destroyed all 30 Iranian-made drones Russia launched")
            aerial = [t for t in doc[tok.i + 1:min(tok.i + 7, sent.end)]
                      if _lem(t) in _w("aerial")]
        demining = bool(sl & _w("demining")) and any(
            _lem(t) in _w("explosive") for o in objs for t in o.subtree)
        if not by_ad and not aerial and not demining:
            return None
        if not by_ad and tok.dep_ in ("advcl", "conj") and _lem(tok.head) in _w("hit_verb"):
            return None  # "struck the air base, destroying six jets": on the ground
        # (a series or wave is what it is of: "a series of explosions destroyed warplanes")
        heads = [subj[0], *(g for c in subj[0].children if c.dep_ == "prep" and c.lower_ == "of"
                            for g in c.children if g.dep_ == "pobj")] \
            if subj and _lem(subj[0]) in _w("attack_series") else subj[:1]
        if heads and not by_ad and any(_lem(h) in _w("strike_noun") for h in heads):
            return None  # "an explosion at the airbase destroyed warplanes": a strike
    if req == "infra_obj" and not obj_lemmas & _w("utility"):
        return None
    gov = tok.head.head if tok.head.dep_ == "prep" else tok.head  # "turned X into a base"
    if tok.head.lower_ == "of" and _lem(gov) in _w("collective_noun"):
        gov = gov.head  # "built a string of fortified outposts": what the string is of
    if req == "defences_ctx" and any(c.dep_ == "prep" and c.lower_ == "of"
                                     for c in tok.children):
        return None  # "reinforce the defence of Soledar" is defending it, not building
    if req in ("build_ctx", "defences_ctx") and _lem(gov) not in _w("build_verb"):
        # ("used a private house as a firing position")
        if not any(_lem(c) == "new" for c in tok.children) and not (
                _lem(gov) == "use" and tok.head.lower_ == "as"):
            return None
    if req == "dam_ctx" and not (cues["dam"] & ({_lem(t) for t in tok.subtree}
                                                | {_lem(tok.head)})):
        return None
    if req == "civ_obj" and not _is_civilian(_victims(tok), cues):
        return None
    if req == "civ_subj" or req == "protest_ctx":
        ctx = cues["civilian"] | _w("protest_ctx")
        dobj = {_lem(c) for c in tok.children if c.dep_ == "dobj"}
        if not ({_lem(t) for t in sent} & ctx) or "support" in dobj:
            return None
        if req == "protest_ctx" and any(
                _lem(g) in _lw("meeting_noun") for c in tok.children
                if c.dep_ == "prep" and c.lower_ in ("for", "at") for g in c.children):
            return None  # "officials gathered for talks": a meeting, not a crowd
        if req == "protest_ctx" and tok.dep_ == "acl" and not ({_lem(tok.head), *(
                _lem(c) for c in tok.head.children if c.dep_ != "prep"), *(
                _lem(g) for c in tok.head.children if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children if g.dep_ == "pobj")} & ctx):
            return None  # what the participle describes gathers: "a convoy of civilian cars
            # gathering on the outskirts" is no crowd ("crowds gathering outside" is)
        if req == "protest_ctx" and tok.dep_ == "advcl" and _lem(tok.head) in _w(
                "toll_verb") and any(c.dep_ == "mark" and c.lower_ in _w("scene_mark")
                                     for c in tok.children) and not (
                {_lem(t) for t in tok.subtree} & _w("protest_ctx")):
            # a time clause under a toll tells what the victims were doing: "killed 35
            # people as they gathered for Palm Sunday" (not "… as they gathered to demand")
            return None
        if req == "protest_ctx" and tok.dep_ == "relcl" and not (
                {_lem(t) for t in tok.subtree} & _w("protest_ctx")):
            # a relative clause says who was there: "killing 52 people who had gathered
            # for a wake" (not "detained people who had gathered to demand ...")
            return None
    if req == "diplo_ctx":
        lemmas = {_lem(t) for t in sent}
        partners = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "between")
                    for g in c.subtree if g.ent_type_ in _PARTY_ENTS or g.i in places_tokens]
        gov = next((a for a in [tok, *_ancestors(tok, 3)] if a.pos_ in ("VERB", "AUX")), None)
        parties = [t for c in (gov.children if gov is not None else ()) if c.dep_ == "nsubj"
                   for t in c.subtree if t.ent_type_ in _PARTY_ENTS or t.i in places_tokens]
        named = {e.text for e in sent.ents if e.label_ in _PARTY_ENTS} | {
            t.text for t in sent if t.i in places_tokens}
        if not (lemmas & cues["diplo"]) and not partners and not parties and len(named) < 2:
            return None
        if _lem(tok) in _lw("meeting_noun") and any(
                c.dep_ in ("compound", "amod") and _lem(c) in _w("internal_meeting")
                for c in tok.children):
            return None  # "chaired a board meeting": the body's own business, not talks
        if _lem(tok) in _w("host_verb") and any(
                _lem(o) in cues["troops"] | _w("visit_mil") for o in objs):
            return None  # "Zelensky visits troops near X": a morale visit to the front
        if _lem(tok) == "exchange" and obj_lemmas & {"fire", "shot", "blow", "gunfire"}:
            weapons = {_lem(t) for o in objs for t in o.subtree} & cues["weapon"]
            return "strike" if weapons else "clash"  # "exchanged artillery fire"
    # an intransitive use has the troops as its subject ("thousands of troops massed
    # outside Sderot", which the parser may read as a reduced relative clause); with an
    # object, the subject is who sends them
    movers = [] if any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children) else [
        c for c in tok.children if c.dep_ == "nsubj"] + ([tok.head] if tok.dep_ == "acl" else [])
    if req == "troop_obj" and not ((obj_lemmas | _controlled_objects(tok) | {
            _lem(g) for o in [*objs, *movers] if _lem(o) in _w("amount") for c in o.children
            if c.dep_ == "prep" and c.lower_ == "of" for g in c.children}
            | {_lem(m) for m in movers}) & (cues["troops"] | cues["warship"])
            # "sending newly mobilised men to the front": drafted men are troops
            or any(_lem(g) in _w("troop_mod") for o in objs for g in o.children
                   if g.dep_ in ("amod", "compound"))):
        return None  # ("doubled the number of troops")
    if req == "mine_ctx" and not (
            _lem(tok.head) in _w("mine_head")
            or any(_lem(c) in _w("mine_mod")
                   for c in [*tok.children, tok.head])):
        return None
    if req == "body_ctx" and not (
            _lem(tok.head) in _w("find_verb")
            and _is_civilian(sent, cues)):
        return None
    if req == "infra_ctx" and not ({_lem(t) for t in sent} & _w("infra_word")):
        return None
    if req == "agent_subj":
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        if not subj or not _agentive(subj[0], places_tokens, cues, trigger_idx):
            return None
    if req == "mil_victim" and not (
            {_lem(t) for t in _victims(tok)} & cues["troops"]) or (
            req == "mil_victim" and _is_civilian(_victims(tok), cues)):
        return None
    if req == "offer_ctx" and not (
            any(c.dep_ == "xcomp" for c in tok.children)
            or obj_lemmas & (_w("deal") | _w("offer_obj"))):
        return None
    if req == "explosive_obj" and not any(
            _lem(t) in _w("explosive")
            for o in objs for t in o.subtree):
        return None
    if req == "deal_obj" and not any(_lem(t) in _w("deal") for o in objs for t in o.subtree):
        return None
    if req == "envoy_obj" and not any(_lem(t) in _w("envoy") for o in objs for t in o.subtree):
        return None  # "expelled the enemy from X" is an advance (troop_obj), not diplomacy
    if req == "envoy_subj" and not any(_lem(t) in _w("envoy") for c in tok.children
                                       if c.dep_ == "nsubj" for t in c.subtree):
        return None  # "an envoy arrived in Beirut" is a visit; troops arriving are not
    if req == "troop_ctx" and not ({_lem(t) for t in sent} & (cues["troops"] | {"military",
                                                                           "mobilisation",
                                                                           "mobilization"})):
        return None
    if req == "amod_only" and tok.dep_ not in ("amod", "acl"):
        return None
    if req == "not_alert" and _lem(tok.head) in ("siren", "alert", "alarm", "warning",
                                                  "shelter", "signal"):
        return None
    if req == "flag_ctx" and _lem(tok.head) not in _w("flag_verb") and not any(
            c.dep_ in ("acl", "relcl") and _lem(c) in _w("flag_verb") for c in tok.children):
        return None  # (a headline's participle: "Russian flag raised over X")
    if req == "exchange_obj" and not any(_lem(t) in _w("exchanged") for o in objs
                                         for t in o.subtree):
        return None
    if req == "mil_obj" and not any(_lem(t) in cues["military_target"] | _w("assault_noun")
                                    for o in objs for t in [o, *o.children]):
        return None
    if req == "rise_ctx" and not (_lem(tok.head) in _w("rise_verb") or any(
            _lem(c) in _w("rise_verb") for c in tok.children)):
        return None
    if req == "held_ctx" and _lem(tok.head) not in _w("hold_verb"):
        return None
    if req == "mil_subj":
        # (a passive subject too: "the garrison was evacuated", "troops were withdrawn"; not
        # "civilians were evacuated")
        subj = [c for c in tok.children if c.dep_ == "nsubj"] or [
            c for c in tok.children if c.dep_ == "nsubjpass"]
        if not subj and tok.dep_ in ("xcomp", "oprd", "ccomp"):
            # "units were seen arriving", "ordered its troops to leave": the controller
            subj = [c for c in tok.head.children if c.dep_ == "dobj"] or [
                c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        elif not subj and tok.dep_ == "acl":
            subj = [tok.head]  # "soldiers heading to X"
        elif not subj and tok.dep_ == "conj" and not any(c.dep_ == "dobj"
                                                          for c in tok.children):
            # "troops abandoned their tanks and fled": the first verb's subject (not for
            # "executed a man and left his body")
            subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
        # the subject's own words ("a column of civilian cars"), not its clauses
        head_words = [t for t in subj[0].subtree if not any(
            a.dep_ in ("relcl", "acl") for a in t.ancestors if a.i != subj[0].i
            and subj[0] in a.ancestors)] if subj else []
        if subj and _lem(subj[0]) in cues["munition"]:
            return None  # "the group's rockets could reach Haifa": a weapon's range
        # "newly mobilised men" are troops, whatever the head noun
        drafted = bool({_lem(t) for t in head_words} & _w("troop_mod"))
        if not subj or not (drafted or _subtree_lemmas(subj[0]) & cues["troops"]) or (
                not drafted and _is_civilian(head_words, cues)):
            return None  # (not "a column of civilian cars evacuating")
    if req == "not_amod" and tok.dep_ in ("amod", "acl"):
        return None
    if req == "liberated_ctx" and not (
            any(o.i in places_tokens or _lem(o) in cues["territory"]
                or o.ent_type_ in ("GPE", "LOC") for o in direct)
            or any(_lem(t) in _w("force_word") or _lem(t) == "occupation"
                   for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"
                   for t in c.subtree)):
        return None  # "freed the village", "it was freed from Russian forces"
    if req == "to_force" and not any(
            _lem(t) in _w("force_word") or t.ent_type_ == "NORP"
            for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"
            for t in c.subtree):
        return None  # "the town fell to Russian forces"
    if req == "into_town" and not (_subtree_lemmas(tok) & cues["troops"] or any(
            _subtree_lemmas(c) & cues["troops"] for c in tok.children if c.dep_ == "nsubj")
            ) or req == "into_town" and not any(
            o.i in places_tokens or o.ent_type_ in ("GPE", "LOC")
            or _lem(o) in ("village", "town", "city", "settlement")
            for c in tok.children if c.dep_ == "prep" and c.lower_ == "into"
            for o in c.children if o.dep_ == "pobj"):
        return None  # "forces moved into Snihurivka" (not "troops moved into positions")
    if req in _EXTRA_RULES and not _EXTRA_RULES[req](tok, doc, places_tokens, cues):
        return None
    if req == "territory_in_obj" and not any(
            t.i in places_tokens or _lem(t) in cues["territory"] for o in direct
            for t in o.subtree):
        return None  # "recovered 500 square kilometres of territory"
    if typ == "strike" and rule.kind == "noun" and tok.dep_ == "compound" and (
            _lem(tok.head) in _w("not_strike_head")
            or tok.i + 1 < len(doc) and _lem(doc[tok.i + 1]) in _w("not_strike_head")):
        return None  # "drone footage shows …" (however the compound chain was parsed)
    # (what a quantity is of: "burned dozens of homes", "destroyed 12 of the houses")
    counted = {_lem(g) for o in objs if o.pos_ == "NUM" or _lem(o) in _w("quantity_noun")
               for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
               for g in c.children if g.dep_ == "pobj"}
    if req == "target_obj" and not (obj_lemmas | counted) & _w("target"):
        return None  # "homes were burned down"
    if req == "protest_agent":
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        who = _subtree_lemmas(subj[0]) if subj else set()
        grievance = any(c.dep_ == "prep" and c.lower_ in ("over", "against")
                        for c in tok.children)  # "blocked the boulevard over fuel prices"
        if not (who & (cues["civilian"] | _w("protest_ctx"))) or not (
                {_lem(t) for t in sent} & _w("protest_ctx") or grievance):
            return None  # "residents blocked a road, demanding …"
    lem = _lem(tok)
    if typ == "diplomacy" and rule.kind == "verb" and lem in cues["appeal"] and any(
            c.dep_ == "dobj" and _lem(c) in cues["civilian"] - cues["diplo"]
            for c in tok.children):
        return None  # "urged residents to evacuate": a warning to the public, no diplomacy
    left = [o for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "of")
            for o in c.children if o.dep_ == "pobj"] + [c for c in tok.children
                                                        if c.dep_ == "dobj"]
    if typ == "advance" and rule.kind == "verb" and any(_lem(o) in _w("property")
                                                       for o in direct):
        return "civilian_harm" if _is_civilian(
            [t for o in direct for t in o.subtree], cues) else None  # "seized the homes of …"
    if lem == "occupy" and tok.lower_ == "occupied" and tok.i > sent.start \
            and doc[tok.i - 1].lower_ in _w("before_adjective") and tok.i + 1 < len(doc) \
            and (tok.i + 1 in places_tokens or doc[tok.i + 1].pos_ == "PROPN"):
        return None  # "camps in Russia and occupied Crimea": an adjective, not a capture
    if lem == "sign" and obj_lemmas & _w("not_deal"):
        return None  # "refused to sign contracts with Rosatom", "signed a decree"
    if lem in ("explode", "blow") and any(
            c.dep_ in ("nsubj", "nsubjpass") and _lem(c) in _w("utility_item")
            for c in tok.children):
        return "infrastructure_damage"  # "a gas pipeline exploded": no attack named
    if lem in ("surround", "encircle") and any(
            c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):
        return None  # "surrounded it with concrete blocks": no encirclement
    if typ == "withdrawal" and rule.pattern == ("lose", "control") and any(
            c.dep_ == "prep" and c.lower_ == "to"
            and any(g.dep_ in ("pobj", "pcomp") for g in c.children)
            for c in tok.children):
        return "advance"  # "lost control of Lalibela to Fano militiamen": the winner took it
    if typ == "withdrawal" and any(_lem(o) in _w("deal") for o in left):
        return "diplomacy"  # "Russia withdrew from the grain deal"
    if typ == "advance" and rule.pattern[-1:] == ("back",) and any(
            c.dep_ == "auxpass" for c in tok.children):
        return "clash"  # "Russian forces were pushed back": a repelled attack
    if typ == "advance" and rule.kind == "verb" and (
            rule.pattern[-1:] == ("out",) or rule.pattern[0] in ("expel", "oust", "dislodge")) \
            and any(c.dep_ == "auxpass" for c in tok.children):
        return "withdrawal"  # "defenders have been pushed out of the centre": they lost it
    if typ in ("advance", "withdrawal", "mobilisation") and rule.kind == "verb" and (
            _attributive(tok) or tok.tag_ == "VBG" and tok.dep_ in ("csubj", "compound")
            and any(_lem(t) in cues["troops"] for t in doc[tok.i + 1:tok.i + 4])):
        return None  # "retreating forces" describes the actor of another event (however
        # the tagger parsed it: "retreating Russian forces blew up …" as a clausal subject)
    if typ == "clash" and rule.kind == "verb" and _attributive(tok):
        return None  # "the besieged city", "embattled Bakhmut" describes the place
    if rule.kind == "noun" and tok.dep_ == "compound" and _lem(tok.head) in _w("zone_noun") \
            and typ in ("withdrawal", "advance", "clash"):
        return None  # "tanks in violation of withdrawal lines": a demarcated line, no event
    if typ == "strike" and rule.kind == "noun" and _lem(tok) in _w("aerial") \
            and tok.dep_ == "nsubj" and _lem(tok.head) in _w("perceive_verb"):
        return None  # "a mini-UAV spotted a new trench": a drone that watches, no strike
    if typ == "strike" and rule.kind == "verb" and (tok.dep_ in ("amod", "compound") or (
            tok.lower_ == "firing" and tok.i + 1 < len(doc)
            and _lem(doc[tok.i + 1]) in _w("firing_noun"))):
        return None  # "firing positions": a kind of position, not a strike
    if typ == "strike" and rule.kind == "verb" and lem in _w("hit_verb"):
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        if subj and not _agentive(subj[0], places_tokens, cues, trigger_idx):
            return None  # "power outages hit Kharkiv"
    if typ == "civilian_harm" and rule.requires == "civ_obj" and any(
            _subtree_lemmas(c) & _w("protest_act") for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "for"):
        return "protest"  # "detained for painting an anti-war slogan": a protest stopped
    if typ == "withdrawal" and rule.kind == "verb" and tok.dep_ == "conj" and any(
            _lem(a) in cues["attempt"] for a in _conj_heads(tok)):
        return "clash"  # "attempted to storm positions but failed and withdrew": repelled
    if typ == "clash" and rule.kind == "verb" and lem in _w("raid_verb") and not any(
            _lem(t) in cues["weapon"] for t in sent) and any(
            c.dep_ in ("advcl", "conj") and _lem(c) in _CASUALTY_VERBS
            and _is_civilian(_victims(c), cues) for c in tok.children):
        return "civilian_harm"  # "militants raided a village, killing 12 civilians"
    if typ == "air_defense" and rule.kind == "verb" and tok.dep_ == "xcomp" \
            and _lem(tok.head) in cues["attempt"]:
        return None  # "air defences trying to intercept a missile": what it did is told
        # elsewhere (the missile that hit), an attempt disrupted nothing
    if typ == "attack":
        typ = _resolve_attack(tok, sent, cues, places_tokens, trigger_idx, doc)
    if typ == "clash" and rule.kind == "verb" and lem in _CASUALTY_VERBS | {"shoot", "shot"} \
            and any(_lem(t) in _w("hors_de_combat") or t.dep_ == "amod" and _lem(t) in (
                "capture", "captured") for c in tok.children if c.dep_ in ("dobj", "nsubjpass")
                    for t in c.subtree):
        # soldiers shot while surrendering or in captivity are out of the fight: ACLED codes
        # their killing as violence against civilians, not an armed clash
        return "civilian_harm"
    if typ == "clash" and rule.kind == "verb" and any(
            c.dep_ == "dobj" and c.i not in places_tokens and _is_civilian([c], cues)
            for c in tok.children) and not {_lem(t) for t in tok.subtree} & cues["weapon"]:
        return "civilian_harm"  # "a soldier assaulted a woman": a person, not a unit
    if lem in _CASUALTY_VERBS and typ == "civilian_harm" and req == "-" and any(
            _lem(g) in _w("clash_cause") for c in tok.children
            if c.dep_ == "prep" and c.lower_ in ("in", "during")
            for g in c.children if g.dep_ == "pobj") and not _is_civilian(_victims(tok), cues):
        return "clash"  # "dozens have been killed in sectarian clashes"
    if typ in ("clash", "strike") and rule.kind == "noun" and lem in ("assault", "attack"):
        n = tok
        while n.dep_ == "conj":
            n = n.head
        if n.dep_ == "pobj" and n.head.lower_ in ("with", "for") \
                and _lem(n.head.head) in _w("charge_verb"):
            return "civilian_harm"  # "charged with assault": a crime against a person
    if lem in _CASUALTY_VERBS and (typ == "clash" or typ == "civilian_harm" and req == "-") \
            and _weapon_cause(tok, cues):
        # "militants killed in an airstrike", "five wounded by shelling": the strike (civilian
        # victims stay civilian_harm beside the strike, which outranks them)
        return "strike"
    if lem == "shot":
        lem = "shoot"  # the tagger's lemma for some "shot" verbs
    if lem in ("shoot", "fire", "open") or (typ == "clash" and rule.pattern == ("open", "fire")):
        span_toks = doc[hit.start:hit.end]
        targets = [x for t in span_toks for o in _objects(t) for x in o.subtree]
        if hit.rule.pattern[-1:] != ("down",) and any(_lem(t) in cues["weapon"] | {"plane",
                                                      "aircraft", "helicopter"} for t in objs):
            return "air_defense" if lem == "shoot" else typ
        if rule.pattern[-1:] == ("down",):
            return typ  # "shot down": an interception whatever else the sentence mentions
        if lem == "fire" and any(_subtree_lemmas(c) & _w("gun_platform") for c in tok.children
                                 if c.dep_ == "nsubj"):
            return "strike"  # "a Russian tank fired at a civilian car": tank fire is shelling
        if lem == "fire" and _is_civilian([c for c in tok.children if c.dep_ == "dobj"], cues) \
                and not any(c.dep_ == "prep" for c in tok.children if c.lower_ in (
                    "at", "on", "upon", "into", "toward", "towards")):
            return None  # "the company fired 20 workers": dismissed, not shot at
        if _is_civilian(targets, cues):
            return "civilian_harm"
        if lem == "shoot" and any(t.ent_type_ in ("PERSON", "NORP") or t.lower_ in (
                "he", "she", "him", "her") for t in targets) and not any(
                _lem(t) in cues["military_target"] | cues["troops"] for t in targets):
            return "civilian_harm"  # a person shot ("a Palestinian was shot dead")
        near = {_lem(t) for t in sent}
        if lem == "shoot" and rule.pattern[-1:] != ("down",) and _is_civilian(sent, cues) \
                and not near & cues["weapon"] \
                and not any(_lem(t) in cues["military_target"] for t in targets):
            return "civilian_harm"
        heads = [o for t in span_toks for o in _objects(t)]
        if lem == "fire" and _is_civilian(sent, cues) and not near & cues["weapon"] \
                and heads and not any(t.i in places_tokens or _lem(t) in _w("town_word") or (
                    _lem(t) in cues["military_target"]
                    and not any(_lem(c) in _w("civil_mod") for c in t.children))
                    for t in heads):
            return "civilian_harm"  # "troops fired on their evacuation vehicle": no weapon
        if lem == "fire" and not near & cues["weapon"] and any(
                _subtree_lemmas(c) & _w("gunman") for c in tok.children if c.dep_ == "nsubj") \
                and any(_lem(t) in cues["military_target"] for t in heads):
            return "clash"  # "gunmen fired on a security patrol": an armed exchange
        if rule.pattern == ("open", "fire"):
            return typ
    if typ in ("advance", "clash") and rule.kind == "noun" and tok.dep_ in ("compound", "amod") \
            and _lem(tok.head) in cues["troops"] | _w("non_event_head"):
        return None  # "assault brigades", "combat service": a kind of troops or duty, no event
    if typ in ("advance", "clash") and rule.kind == "noun" and tok.dep_ == "pobj" \
            and tok.head.lower_ == "for" and (tok.head.head.pos_ in ("VERB", "AUX")
                                              or tok.head.head.dep_ in ("dobj", "nsubjpass")) \
            and _lem(tok.head.head) not in _w("claim_noun"):
        return None  # "massing forces for a new offensive": a purpose, not an event
        # (but "claimed responsibility for an attack on a post" claims one that happened)
    if typ in ("advance", "clash") and rule.kind == "noun" and tok.dep_ == "pobj" \
            and tok.head.lower_ == "of" and tok.head.head.lower_ in ("ahead", "anticipation"):
        return None  # "troops massed ahead of a new offensive": one expected, not under way
    if typ == "advance" and rule.kind == "noun" and tok.dep_ == "dobj" and _lem(tok.head) in (
            *_w("launch_verb"),):
        return "clash"  # an offensive launched is fighting until ground changes hands
    if typ == "advance":
        chain = [tok, *_ancestors(tok, 3)]
        # (not a repulse one side tells in a participle clause of its own: "denied claims
        # that Russian forces had captured X, saying its troops had repelled attacks")
        aside = {t.i for a in sent if a.dep_ == "advcl" and a.tag_ == "VBG"
                 and _lem(a) in _w("say_aside") and tok not in a.subtree for t in a.subtree}
        if any(_lem(a) in cues["attempt"] for a in chain) or (
                {_lem(t) for t in sent if t.i not in aside} & cues["repel"]):
            return "clash"
    return typ


def _attributive(tok: Token) -> bool:
    """Is the participle a modifier of the noun after it ("the besieged city")? Also where
    the tagger took it for a verb with that noun as its object, right after a preposition
    and with no subject or auxiliary of its own ("trenches around occupied Tokmak"), or
    conjoined to the verb before ("X and surrounding villages")."""
    if tok.dep_ == "amod":
        return True
    # "evacuated from Pokrovsk and surrounding communities": the tagger's verb conjoined to
    # the one before, with a bare plural settlement noun as its object
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < tok.sent.end else None
    if tok.tag_ == "VBG" and tok.dep_ == "conj" and nxt is not None and nxt.head == tok \
            and nxt.dep_ == "dobj" and nxt.tag_ == "NNS" and _lem(nxt) in _w("locnoun") \
            and not any(c.dep_ == "det" for c in nxt.children) \
            and not any(c.dep_ in ("nsubj", "aux") for c in tok.children):
        return True
    prev = tok.doc[tok.i - 1] if tok.i > tok.sent.start else None
    return (tok.tag_ in ("VBN", "VBD") and prev is not None and prev.pos_ == "ADP"
            and prev.dep_ == "prep" and not any(
                c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children))


def _conj_heads(tok: Token) -> list[Token]:
    """The verbs a conjoined verb hangs on ("attempted … but failed and withdrew")."""
    out = []
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
        out.append(tok)
    return out


def _controlled_objects(tok: Token) -> set[str]:
    """Lemmas of what a passive infinitive acts on through its controller or agent: "ordered
    the army to be increased by 170,000 soldiers" -> army, soldier."""
    out = {_lem(g) for c in tok.children if c.dep_ == "agent" for g in c.children
           if g.dep_ == "pobj"}
    if tok.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in tok.children):
        out |= {_lem(c) for c in tok.head.children if c.dep_ == "dobj"}
    return out


_CASUALTY_VERBS = frozenset({"kill", "wound", "injure", "die"})
_CAUSE_PREPS = frozenset({"in", "by", "during", "from", "with", "after"})


def _cause_objects(prep: Token) -> list[Token]:
    """The objects of a cause preposition: "in an airstrike", and the complex ones "as a
    result of shelling", "because of shelling", "due to shelling" (their last object)."""
    if prep.dep_ == "agent" or prep.lower_ in _CAUSE_PREPS:
        return [g for g in prep.children if g.dep_ == "pobj"]
    inner = [g for g in prep.children if g.dep_ == "pobj" and _lem(g) in _w("cause_link")]
    if prep.lower_ in _w("cause_link") or inner:  # "because of", "due to" / "as a result of"
        return [o for n in [prep, *inner] for c in n.children
                if c.dep_ in ("prep", "pcomp") and c.lower_ in ("of", "to")
                for o in c.children if o.dep_ == "pobj"]
    return []


def _weapon_cause(tok: Token, cues: dict[str, frozenset[str]]) -> bool:
    """Is a remote weapon or an explosion the cause of ``tok`` ("killed in an airstrike",
    "destroyed by anti-tank missiles", "their air force killed …", "killed as a result of
    shelling")? A cause after the last of coordinated casualty verbs is theirs too ("a man
    was killed and two were injured in the shelling")."""
    words = cues["weapon"] | _w("cause_noun")
    conjuncts = [c for c in tok.children if c.dep_ == "conj" and _lem(c) in _CASUALTY_VERBS]
    for c in [*tok.children, *(g for v in conjuncts for g in v.children)]:
        if c.dep_ in ("agent", "prep"):
            if any(_lem(t) in words for g in _cause_objects(c)
                   for t in [g, *g.children] if t.dep_ != "relcl"):
                return True
        if c.dep_ == "nsubj" and any(_lem(t) in cues["weapon"] | _w("cause_noun")
                                     for t in [c, *c.children]):
            return True
    if tok.dep_ == "conj" and tok.head.pos_ == "VERB" and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        # "a car bomb killed 13 soldiers and wounded 56 more": the shared subject
        return any(c.dep_ == "nsubj" and any(_lem(t) in cues["weapon"] | _w("cause_noun")
                                             for t in [c, *c.children])
                   for c in tok.head.children)
    return False


def _passive_subject(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ == "nsubjpass"]


def _rule_protest_sign(tok: Token, doc: Doc, places: set[int],
                       cues: dict[str, frozenset[str]]) -> bool:
    """Laying flowers is a protest where people are detained for it or protest words are
    near ("laid flowers at the monument; police detained several")."""
    return bool({_lem(t) for t in tok.sent} & (_w("protest_ctx") | _w("protest_sign")))


def _rule_protest_purpose(tok: Token, doc: Doc, places: set[int],
                          cues: dict[str, frozenset[str]]) -> bool:
    """'Farmers drove tractors into Warsaw to oppose …': a crowd's purpose."""
    if tok.dep_ not in ("advcl", "xcomp") or not _is_infinitive(tok):
        return False
    gov = tok.head
    if _lem(gov) in _w("say") | cues["appeal"]:
        return False
    subj = [c for c in gov.children if c.dep_ == "nsubj"]
    return bool(subj) and bool(_subtree_lemmas(subj[0]) & _w("protest_crowd"))


def _rule_lay_ctx(tok: Token, doc: Doc, places: set[int],
                  cues: dict[str, frozenset[str]]) -> bool:
    """Mines laid or planted ('laid anti-tank mines along the border')."""
    gov = tok.head.head if tok.dep_ == "conj" else tok.head
    return _lem(gov) in _w("lay_verb") or _lem(tok.head) in _w("lay_verb")


def _rule_age_ctx(tok: Token, doc: Doc, places: set[int],
                  cues: dict[str, frozenset[str]]) -> bool:
    """'Raised the age limit for military service', 'lowered the conscription age'."""
    return any(_lem(a) in _w("change_verb") for a in _ancestors(tok, 3)) and bool(
        {_lem(t) for t in tok.sent} & _w("service_word"))


def _rule_march_crowd(tok: Token, doc: Doc, places: set[int],
                      cues: dict[str, frozenset[str]]) -> bool:
    """'About 500 marched through X': a counted crowd that is no troop or band."""
    subj = [c for c in tok.children if c.dep_ == "nsubj"]
    if not subj:
        return False
    words = list(subj[0].subtree)
    counted = subj[0].like_num or any(t.dep_ == "nummod" or t.like_num for t in words)
    return counted and not ({_lem(t) for t in words} & (cues["troops"] | {"band", "parade",
                                                                         "cadet"}))


def _rule_march_troops(tok: Token, doc: Doc, places: set[int],
                       cues: dict[str, frozenset[str]]) -> bool:
    """'Troops marched towards X' (a movement), not 'soldiers marched in the parade'."""
    subj = [c for c in tok.children if c.dep_ == "nsubj"]
    return bool(subj) and bool(_subtree_lemmas(subj[0]) & cues["troops"]) and any(
        c.dep_ == "prep" and c.lower_ in _w("march_dir") for c in tok.children) and not (
        {_lem(t) for t in tok.sent} & {"parade", "ceremony", "review"})


def _rule_protest_prop(tok: Token, doc: Doc, places: set[int],
                       cues: dict[str, frozenset[str]]) -> bool:
    """A crowd holding placards, portraits or candles ("relatives lined up along the street
    holding photographs of their loved ones")."""
    # (the tagger may hang "holding" on its object as a modifier)
    objs = [*_objects(tok), *([tok.head] if tok.dep_ == "amod" else [])]
    if not any(_lem(o) in _w("protest_prop") for o in objs):
        return False
    subj = [c for c in tok.children if c.dep_ == "nsubj"]
    if not subj and tok.dep_ in ("advcl", "xcomp", "conj"):
        subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
    elif not subj and tok.dep_ == "acl":
        subj = [tok.head]
    if not subj:
        subj = [c for c in tok.sent.root.children if c.dep_ == "nsubj"]
    return bool(subj) and bool(_subtree_lemmas(subj[0]) & _w("protest_crowd"))


def _rule_prop_with(tok: Token, doc: Doc, places: set[int],
                    cues: dict[str, frozenset[str]]) -> bool:
    """A civilian or a crowd out 'with' a placard, banner or ribbon ("a man stood alone in
    the square with a sign reading 'No to war'")."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "with":
        return False
    verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
    subj = [c for c in verb.children if c.dep_ == "nsubj"] if verb is not None else []
    return bool(subj) and bool(_subtree_lemmas(subj[0]) & (_w("protest_crowd")
                                                          | cues["civilian"]))


def _rule_leave_from(tok: Token, doc: Doc, places: set[int],
                     cues: dict[str, frozenset[str]]) -> bool:
    """'The occupation administration relocated its offices from X to Y': a pull-out."""
    subj = [c for c in tok.children if c.dep_ == "nsubj"]
    if not subj or not _subtree_lemmas(subj[0]) & (cues["force"] | cues["troops"]):
        return False
    heads = [tok, *(c for c in tok.children if c.dep_ == "dobj")]  # ("its offices from X")
    return any(c.dep_ == "prep" and c.lower_ == "from" for h in heads for c in h.children)


def _rule_passive(tok: Token, doc: Doc, places: set[int],
                  cues: dict[str, frozenset[str]]) -> bool:
    """'men crossing the border to avoid being drafted'."""
    return any(c.dep_ == "auxpass" for c in tok.children)


def _rule_aerial_next(tok: Token, doc: Doc, places: set[int],
                      cues: dict[str, frozenset[str]]) -> bool:
    """'used electronic warfare to down a drone' (the tagger reads 'down' as a preposition)."""
    return any(_lem(t) in _w("aerial") for t in doc[tok.i + 1:min(tok.i + 7, tok.sent.end)])


def _rule_distance_obj(tok: Token, doc: Doc, places: set[int],
                       cues: dict[str, frozenset[str]]) -> bool:
    """'gained up to 3 km near Bakhmut': ground measured in distance."""
    # (the parser may hang "3 km" on the next preposition)
    return any(_lem(t) in _w("distance") for t in doc[tok.i + 1:min(tok.i + 6, tok.sent.end)])


def _rule_power_cut(tok: Token, doc: Doc, places: set[int],
                    cues: dict[str, frozenset[str]]) -> bool:
    """'Power has been cut in most of the region' (not 'the plant lost external power')."""
    return tok.dep_ in ("nsubjpass", "nsubj", "dobj") and _lem(tok.head) in _w("cut_verb")


def _rule_no_supply(tok: Token, doc: Doc, places: set[int],
                    cues: dict[str, frozenset[str]]) -> bool:
    """'Mykolaiv has had no drinking water since April', 'there is no electricity in X': a
    supply its place has, or is left, with none of (as 'without water')."""
    # (not a capacity: "has no power to stop the fighting")
    return any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children) and not any(
        c.dep_ in ("acl", "relcl") for c in tok.children) and (
        _lem(tok.head) in _w("have_verb")
        or tok.head.lower_ == "with" and _lem(tok.head.head) in _w("have_verb"))


def _rule_not_compound(tok: Token, doc: Doc, places: set[int],
                       cues: dict[str, frozenset[str]]) -> bool:
    """Not a modifier ('a sabotage group'), nor the first of two modifiers of a unit, which
    the parser hangs as the head with the unit as its conjunct ('a sabotage and
    reconnaissance group tried to cross the border')."""
    return tok.dep_ not in ("compound", "amod") and not any(
        c.dep_ == "conj" and c.i > tok.i and _lem(c) in cues["troops"]
        and any(g.dep_ in ("compound", "amod") and g.i < c.i for g in c.children)
        for c in tok.children)


def _rule_not_weapon_mod(tok: Token, doc: Doc, places: set[int],
                         cues: dict[str, frozenset[str]]) -> bool:
    """Not the kind of a weapon: 'blaming a Ukrainian air defence missile for the blast'
    names the missile that struck, no interception (which its own verb would tell); nor the
    target of an attack ('a missile hit an air defence position', 'a strike on air defence
    systems'), nor who reports what others did ('air defence reported that a missile had
    struck X'): air defence that fights has its own verb or stands alone."""
    modifier = tok.dep_ in ("compound", "amod", "nmod")
    if modifier and _lem(tok.head) in _w("explosive"):
        return False
    noun = tok.head if modifier else tok
    gov = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ in ("on", "against") \
        else noun.head
    if noun.dep_ in ("dobj", "nsubjpass", "pobj") and noun.head is not noun and (
            _lem(gov) in cues["damage"] or _lem(gov) in cues["strike_noun"]):
        return False
    verb = noun.head.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "agent" and _lem(verb) in cues["fire_verb"] \
            and any(c.dep_ == "nsubjpass" and _lem(c) in cues["munition"]
                    for c in verb.children):
        return False  # "a missile that hit X was fired by air defences": who fired what struck
    if noun.dep_ == "nsubj" and _lem(noun.head) in cues["attempt"]:
        return False  # "air defences tried to intercept the missiles, but one hit X"
    return not (noun.dep_ == "nsubj" and _lem(noun.head) in cues["say"]
                and any(c.dep_ == "ccomp" for c in noun.head.children))


def _rule_not_visited(tok: Token, doc: Doc, places: set[int],
                      cues: dict[str, frozenset[str]]) -> bool:
    """Troops someone visits are not deployed by it: 'the minister visited troops near X'."""
    gov = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "to" else tok.head
    return not (tok.dep_ in ("dobj", "pobj") and _lem(gov) in _w("host_verb"))


def _rule_from_aerial(tok: Token, doc: Doc, places: set[int],
                      cues: dict[str, frozenset[str]]) -> bool:
    """'Kharkiv could be shielded from Russian missiles', 'protect cities from air
    attacks': protection from what flies is air defence (not 'protect civilians from
    shelling', nor 'protected from the cold')."""
    return any(_lem(t) in _w("aerial") | {"air", "airstrike"}
               for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"
               for t in c.subtree)


def _rule_forum_obj(tok: Token, doc: Doc, places: set[int],
                    cues: dict[str, frozenset[str]]) -> bool:
    return any(_lem(o) in _w("forum") for o in _objects(tok))


def _left_casualties(tok: Token) -> list[Token] | None:
    """The victims of '…, leaving five civilians dead', or None when nothing is left dead."""
    near = [t for c in tok.children for t in [c, *c.children]]
    if not any(_lem(t) in _w("casualty_word") or t.lower_ in _w("casualty_word")
               for t in near):
        return None
    return [t for c in tok.children if c.dep_ in ("dobj", "ccomp", "oprd", "xcomp", "nsubj")
            for t in c.subtree]


def _rule_leave_civ(tok: Token, doc: Doc, places: set[int],
                    cues: dict[str, frozenset[str]]) -> bool:
    victims = _left_casualties(tok)
    return victims is not None and _is_civilian(victims, cues)


def _rule_leave_mil(tok: Token, doc: Doc, places: set[int],
                    cues: dict[str, frozenset[str]]) -> bool:
    victims = _left_casualties(tok)
    return victims is not None and bool({_lem(t) for t in victims} & cues["troops"])


def _rule_leave_dead(tok: Token, doc: Doc, places: set[int],
                     cues: dict[str, frozenset[str]]) -> bool:
    return _left_casualties(tok) is not None


def _rule_weapon_cause(tok: Token, doc: Doc, places: set[int],
                       cues: dict[str, frozenset[str]]) -> bool:
    return _weapon_cause(tok, cues)


def _rule_passive_property(tok: Token, doc: Doc, places: set[int],
                           cues: dict[str, frozenset[str]]) -> bool:
    """'Much of the village was destroyed', 'an office was destroyed by fire': property
    destroyed with no weapon or force named (not tanks or aircraft)."""
    subj = _passive_subject(tok)
    if not subj:
        return False
    agent = [g for c in tok.children if c.dep_ == "agent" for g in c.subtree]
    if agent and not {_lem(t) for t in agent} & _w("fire_word"):
        return False
    words = list(subj[0].subtree)
    lemmas = {_lem(t) for t in words}
    if lemmas & (cues["troops"] | cues["military_target"] | _w("aerial") | cues["weapon"]):
        return False
    return any(t.i in places for t in words) or bool(
        lemmas & (_w("target") | cues["locnoun"] | _w("building")))


def _lays_mines(tok: Token) -> bool:
    """'mined the approaches to X', 'mined fields': mines laid on ground (a fortification);
    also the mines themselves, laid or planted ("laid mines around the plant", the parser
    sometimes reading "laid" as the noun's adjective)."""
    if _lem(tok) == "mine" and tok.pos_ == "NOUN":
        return _lem(tok.head) in _w("lay_verb") or any(
            c.dep_ in ("amod", "acl") and _lem(c) in _w("lay_verb") for c in tok.children)
    return _lem(tok) == "mine" and tok.pos_ == "VERB" and any(
        _lem(c) in _w("minable") for c in tok.children if c.dep_ in ("dobj", "nsubjpass"))


def _rule_mine_area(tok: Token, doc: Doc, places: set[int],
                    cues: dict[str, frozenset[str]]) -> bool:
    return _lays_mines(tok)


def _rule_summons_ctx(tok: Token, doc: Doc, places: set[int],
                      cues: dict[str, frozenset[str]]) -> bool:
    """Call-up papers: served ('summons were handed out to men') or in a military sentence."""
    gov = next((a for a in _ancestors(tok, 2) if a.pos_ in ("VERB", "AUX")), None)
    return (gov is not None and _lem(gov) in _w("summons_verb")) or bool(
        {_lem(t) for t in tok.sent} & (cues["troops"] | {"military", "mobilisation",
                                                         "mobilization", "army"}))


def _rule_enlist_ctx(tok: Token, doc: Doc, places: set[int],
                     cues: dict[str, frozenset[str]]) -> bool:
    """'volunteers signed up for the territorial defence', 'enlisted in the army'."""
    return bool({_lem(t) for t in tok.subtree} & _w("enlist_word"))


def _rule_people_obj(tok: Token, doc: Doc, places: set[int],
                     cues: dict[str, frozenset[str]]) -> bool:
    """'drafted 5,000 men', 'drafts students': people as the object (not 'drafted a law')."""
    return any(_lem(t) in cues["civilian"] | cues["troops"]
               for c in tok.children if c.dep_ in ("dobj", "nsubjpass")
               for t in (c, *(x for x in c.children if x.dep_ == "conj")))


def _hostile_obj(tok: Token) -> bool:
    """'neutralised 20 terrorists', 'neutralised scores of fighters': armed people as the
    object, also through a quantity ('scores of', 'dozens of')."""
    people = _w("hostile_person") | load_cues()["troops"]
    for c in tok.children:
        if c.dep_ not in ("dobj", "nsubjpass"):
            continue
        heads = [c, *(x for x in c.children if x.dep_ == "conj")]
        heads += [o for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ == "of"
                  for o in p.children if o.dep_ == "pobj"]
        if any(_lem(h) in people for h in heads):
            return True
    return False


def _rule_hostile_obj(tok: Token, doc: Doc, places: set[int],
                      cues: dict[str, frozenset[str]]) -> bool:
    return _hostile_obj(tok)


def _rule_not_hostile_obj(tok: Token, doc: Doc, places: set[int],
                          cues: dict[str, frozenset[str]]) -> bool:
    return not _hostile_obj(tok)


def _rule_not_celebration(tok: Token, doc: Doc, places: set[int],
                          cues: dict[str, frozenset[str]]) -> bool:
    """'took to the streets to celebrate the liberation' is no protest (ACLED leaves out
    celebrations); 'in solidarity with Gaza' is."""
    return not ({_lem(t) for t in tok.sent} & _w("celebrate_word"))


def _rule_hold_town(tok: Token, doc: Doc, places: set[int],
                    cues: dict[str, frozenset[str]]) -> bool:
    """'the rebels now hold the town of X' (not 'held their ground', 'held positions')."""
    return any(c.dep_ == "dobj" and (c.i in places or _lem(c) in _w("town_word"))
               for c in tok.children)


def _rule_town_subj(tok: Token, doc: Doc, places: set[int],
                    cues: dict[str, frozenset[str]]) -> bool:
    """'after Lysychansk falls', 'the town has fallen': a town or city as the subject (not
    'prices fell', 'shells fell on X', 'temperatures fell')."""
    return any(c.dep_ == "nsubj" and (c.i in places or _lem(c) in _w("town_word"))
               and not any(g.dep_ == "prep" and g.lower_ in ("on", "onto", "in", "into", "near")
                           for g in tok.children)
               for c in tok.children)


def _rule_position_obj(tok: Token, doc: Doc, places: set[int],
                       cues: dict[str, frozenset[str]]) -> bool:
    return any(c.dep_ in ("dobj", "nsubjpass") and _lem(c) in _w("position_word")
               for c in tok.children)


def _rule_front_success(tok: Token, doc: Doc, places: set[int],
                        cues: dict[str, frozenset[str]]) -> bool:
    """'forces are having success near X': success at a place, said of armed forces, is
    ground gained there (not 'success in talks', 'the success of the festival in Lviv')."""
    # (the place may hang off the verb "success" is the object of: "achieved success near X")
    holders = [tok, tok.head] if tok.dep_ == "dobj" else [tok]
    at_place = any(c.dep_ == "prep" and (c.lower_ in _lw("locative_prep")
                                         or _lem(c) in _DIRECTIONS)
                   and any(t.i in places for t in c.subtree)
                   for h in holders for c in h.children)
    return at_place and any(_lem(t) in cues["force"] for t in tok.sent)


def _rule_labour_ctx(tok: Token, doc: Doc, places: set[int],
                     cues: dict[str, frozenset[str]]) -> bool:
    """A labour strike: workers own it ("miners' strike", "a strike by teachers", "striking
    dock workers", "miners are striking") or it is over pay ("a strike over unpaid wages").
    A military strike has a weapon, a target or a place instead, never a trade or a claim."""
    labour, claim = _w("labour"), _w("labour_claim")
    if tok.dep_ == "amod":
        return _lem(tok.head) in labour  # "striking miners"
    if any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children):
        return False  # "struck a depot": a target
    owners = [c for c in tok.children if c.dep_ in ("poss", "compound", "nsubj")] + [
        g for c in tok.children if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "of")
        for g in c.children if g.dep_ == "pobj"]
    over = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("over", "for", "against")
            for g in c.children if g.dep_ == "pobj"]
    return any(_subtree_lemmas(o) & labour for o in owners) or any(
        _subtree_lemmas(o) & claim for o in over)


def _rule_troop_subj(tok: Token, doc: Doc, places: set[int],
                     cues: dict[str, frozenset[str]]) -> bool:
    """Troops massing of their own ("Russian troops massed near X", "thousands of soldiers
    gathered on the border"): the subject's head is a troop word, or an amount of troops;
    not a crowd that only names soldiers ("wives of mobilised soldiers gathered")."""
    if any(c.dep_ == "dobj" for c in tok.children):
        return False
    subj = [c for c in tok.children if c.dep_ == "nsubj"]
    if not subj:
        return False
    head = subj[0]
    if _lem(head) in _w("amount"):  # ("a group of mothers of conscripts gathered")
        head = next((g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"), head)
    return _lem(head) in cues["troops"] or _lem(head) in _w("force_word")


def _rule_aerial_attack_obj(tok: Token, doc: Doc, places: set[int],
                            cues: dict[str, frozenset[str]]) -> bool:
    """An aerial attack stopped: "foiled a drone attack on Moscow", "a missile attack was
    repelled", the headline "drone attack on Moscow foiled" (its subject is the attack)."""
    objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if not objs:  # (a headline's reduced passive, however it was tagged: no weapon or
        # attack foils anything itself)
        objs = [c for c in tok.children if c.dep_ == "nsubj"]
    return any(_lem(t) in _w("aerial") for o in objs
               for t in [o, *(c for c in o.children if c.dep_ in ("compound", "amod"))])


def _rule_guest_to(tok: Token, doc: Doc, places: set[int],
                   cues: dict[str, frozenset[str]]) -> bool:
    """A person welcomed to a place ("Biden welcomed Zelenskiy to Washington") is a visit
    hosted there; not a decision or a move welcomed ("Kyiv welcomed the decision")."""
    guest = any(c.dep_ == "dobj" and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN"
                                      or _lem(c) in cues["diplo"]) for c in tok.children)
    return guest and any(c.dep_ == "prep" and c.lower_ in ("to", "in", "at") and any(
        g.i in places or g.ent_type_ in ("GPE", "LOC", "FAC") for g in c.subtree)
        for c in tok.children)


def _rule_vote_body(tok: Token, doc: Doc, places: set[int],
                    cues: dict[str, frozenset[str]]) -> bool:
    """An international body votes ("the UN General Assembly voted to condemn …", "the
    Security Council voted 13-0"): an act between states; a parliament's vote is not."""
    subj = [c for c in tok.children if c.dep_ == "nsubj"]
    if not subj:
        return False
    words = list(subj[0].subtree)
    if {_lem(t) for t in words} & _w("intl_body"):
        return True
    head = subj[0]
    return _lem(head) in _w("intl_chamber") and any(
        _lem(c) in ("general", "security", "right") for c in head.children
        if c.dep_ in ("compound", "amod"))


def _rule_evac_order(tok: Token, doc: Doc, places: set[int],
                     cues: dict[str, frozenset[str]]) -> bool:
    """Civilians ordered to leave ("ordered residents of eastern Khan Younis to leave their
    homes"): an order, with civilians as its object and leaving as what it orders."""
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    if any(c.dep_ == "advcl" and (_lem(c) in cues["threat"] or _lem(c) in _w("say_aside") and any(
            t.dep_ == "aux" and t.lower_ in ("could", "might", "may", "would") for t in c.subtree))
           for c in tok.children):
        # "ordered residents to leave, warning that it would strike" or "saying strikes
        # could breach the dam": the harm the order foresees is the report's threat
        return False
    return _is_civilian(objs, cues) and any(
        c.dep_ in ("xcomp", "ccomp") and _lem(c) in _w("leave_verb") for c in tok.children)


def _rule_control_of_place(tok: Token, doc: Doc, places: set[int],
                           cues: dict[str, frozenset[str]]) -> bool:
    """Control lost of ground ("lost control of Ocheretyne", "of the town"), not of a car."""
    return any(g.i in places or _lem(g) in cues["territory"] or g.ent_type_ in ("GPE", "LOC")
               for c in tok.children if c.dep_ == "dobj" and _lem(c) == "control"
               for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
               for g in p.children if g.dep_ == "pobj")


_EXTRA_RULES = {
    "guest_to": _rule_guest_to,
    "control_of_place": _rule_control_of_place,
    "evac_order": _rule_evac_order,
    "vote_body": _rule_vote_body,
    "aerial_attack_obj": _rule_aerial_attack_obj,
    "troop_subj": _rule_troop_subj,
    "labour_ctx": _rule_labour_ctx,
    "front_success": _rule_front_success,
    "position_obj": _rule_position_obj,
    "town_subj": _rule_town_subj,
    "hold_town": _rule_hold_town,
    "not_celebration": _rule_not_celebration,
    "enlist_ctx": _rule_enlist_ctx,
    "people_obj": _rule_people_obj,
    "hostile_obj": _rule_hostile_obj,
    "not_hostile_obj": _rule_not_hostile_obj,
    "mine_area": _rule_mine_area,
    "summons_ctx": _rule_summons_ctx,
    "protest_sign": _rule_protest_sign,
    "protest_purpose": _rule_protest_purpose,
    "lay_ctx": _rule_lay_ctx,
    "age_ctx": _rule_age_ctx,
    "march_crowd": _rule_march_crowd,
    "march_troops": _rule_march_troops,
    "protest_prop": _rule_protest_prop,
    "prop_with": _rule_prop_with,
    "not_compound": _rule_not_compound,
    "from_aerial": _rule_from_aerial,
    "not_weapon_mod": _rule_not_weapon_mod,
    "not_visited": _rule_not_visited,
    "forum_obj": _rule_forum_obj,
    "leave_from": _rule_leave_from,
    "passive": _rule_passive,
    "aerial_next": _rule_aerial_next,
    "distance_obj": _rule_distance_obj,
    "power_cut": _rule_power_cut,
    "no_supply": _rule_no_supply,
    "leave_civ": _rule_leave_civ,
    "leave_mil": _rule_leave_mil,
    "leave_dead": _rule_leave_dead,
    "weapon_cause": _rule_weapon_cause,
    "passive_property": _rule_passive_property,
}


@lru_cache(maxsize=1)
def _infrastructure_nouns() -> frozenset[str]:
    """One-word infrastructure_damage noun triggers ("pipeline", "substation")."""
    return frozenset(r.pattern[0] for r in load_triggers() if r.type == "infrastructure_damage"
                     and r.kind == "noun" and len(r.pattern) == 1)


def _agentive(tok: Token, places_tokens: set[int], cues: dict[str, frozenset[str]],
               trigger_idx: set[int]) -> bool:
    """Can this subject carry out a strike (a weapon, a force, a country, a strike noun)?"""
    lem = _lem(tok)
    if lem in cues["weapon"] or lem in cues["force"] or lem in _w("strike_noun"):
        return True
    if tok.i in places_tokens or tok.ent_type_ in ("GPE", "NORP", "ORG", "PRODUCT"):
        return True
    # (an infrastructure noun is what was hit, not who hit it: the headline "pipeline
    # destroyed" drops its passive auxiliary)
    if tok.pos_ in ("PRON", "PROPN") or (tok.i in trigger_idx and lem not in _w("not_agent")
                                         and lem not in _infrastructure_nouns()):
        return True
    return any(_lem(c) in cues["weapon"] or _lem(c) in cues["force"] for c in tok.subtree)


def _resolve_attack(tok: Token, sent: Span, cues: dict[str, frozenset[str]],
                    places_tokens: set[int], trigger_idx: set[int], doc: Doc) -> str:
    """'attack' is a strike with a weapon or a civilian/infrastructure target, else a clash."""
    return _attack_evidence(tok, sent, cues, places_tokens, trigger_idx, doc) or "clash"


def _attack_evidence(tok: Token, sent: Span, cues: dict[str, frozenset[str]],
                     places_tokens: set[int], trigger_idx: set[int], doc: Doc) -> str | None:
    """The type of an 'attack' that its own clause shows, None when nothing there does."""
    near = list(tok.subtree) + _ancestors(tok, 2)
    if tok.dep_ == "dobj":
        # "carried out an attack on the bridge using naval drones": the instrument hangs on
        # the light verb, not on the attack it carries
        near += [t for c in tok.head.children if c.dep_ in ("advcl", "acl", "prep") and (
            _lem(c) == "use" or c.lower_ == "with") for t in c.subtree]
    lemmas = {_lem(t) for t in near}
    if lemmas & cues["weapon"]:
        return "strike"
    under = tok if tok.lower_ == "under" else tok.head if tok.dep_ == "pobj" else None
    if under is not None and under.lower_ == "under" and any(
            s.i in places_tokens or _lem(s) in _w("town_word") for s in under.head.children
            if s.dep_ in ("nsubj", "nsubjpass")):
        # "the settlement of X came under fire", "Kupiansk came under fire": a town is
        # shelled (troops or positions under fire are fighting, below)
        return "strike"
    targets = _objects(tok)
    subj = [c for c in tok.children if c.dep_ in ("nsubj", "poss")]
    # (through a series: "militias killed hundreds of civilians in a wave of attacks")
    series = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" \
        and _lem(tok.head.head) in _w("attack_series") else tok
    host = next((a for a in _ancestors(series, 3) if a.pos_ == "VERB"), None) \
        if series.dep_ == "pobj" and series.head.lower_ in ("in", "during") else None
    if host is not None and _lem(host) in _w("hands_on_harm"):
        return "civilian_harm"  # "insurgents beheaded five civilians in an attack on a village"
    if not subj and host is not None:
        # "gunmen kill 20 villagers in an attack": the attack's agent and victims
        # (a conjoined verb shares its head's: "gangs torched homes and killed 20 people")
        subj = [c for c in host.children if c.dep_ == "nsubj"] or [
            c for c in host.head.children if c.dep_ == "nsubj" and host.dep_ == "conj"]
        targets = targets + [c for c in host.children if c.dep_ in ("dobj", "nsubjpass")]
    if tok.pos_ == "VERB" and not any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children):
        # "attacked and looted the village": conjoined verbs share their object
        targets = targets + [o for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"
                   for o in c.children if o.dep_ == "dobj"]
    if any(_lem(t) in cues["military_target"] or _lem(t) == "line" and any(
            _lem(c) in _w("front_mod") for c in t.children) or any(
            c.dep_ in ("compound", "amod") and _lem(c) in _w("security_mod") for c in t.children)
            for t in targets):
        return "clash"  # (also "attacked Ukrainian defensive lines")
    if any(_lem(c) in _w("ground_mod") for c in tok.children) or tok.dep_ in (
            "dobj", "nsubjpass") and (_lem(tok.head) in cues["repel"] or any(
                c.dep_ == "prt" and c.lower_ in ("off", "back") for c in tok.head.children)):
        return "clash"  # "beat off a Russian armoured attack near Vuhledar": a ground assault
    mods = {_lem(c) for c in tok.children if c.dep_ in ("amod", "compound", "nmod")}
    if mods & _w("arson_word"):
        return "infrastructure_damage"  # "the arson attacks on the synagogues": no weapon
    if mods & (_w("hand_weapon") | _w("terror_word")) or any(
            (c.dep_ == "acl" or c.lower_ == "with") and _subtree_lemmas(c) & _w("hand_weapon")
            for c in [*tok.children, *(c for o in targets for c in o.children)]
            if c.dep_ in ("acl", "prep")):
        # (the parser may hang "with machetes" on the victims: "attacked villagers with
        # machetes")
        # "a knife attack at a Walmart", "a wave of terrorist attacks in Tunisia", "the
        # attack, made using a kitchen knife": no remote weapon and no armed opponent (both
        # checked above)
        return "civilian_harm"
    # attackers on foot: gunmen, mobs, or any common-noun group that is no armed force
    # ("settlers attacked the village"); an attack of theirs on a place harms civilians
    irregular = bool(subj) and (bool(_subtree_lemmas(subj[0]) & _w("gunman")) or (
        subj[0].pos_ == "NOUN" and not _subtree_lemmas(subj[0]) & (
            cues["force"] | cues["troops"] | cues["weapon"] | _w("strike_noun")
            | cues["military_target"])))
    # an armed side's attack as the subject of the killing ("Russian attacks killed two
    # people"): the report is of the civilians it harmed, no weapon or target named (an
    # attack on a place or premises is a strike, below)
    owned_cause = host is None and tok.dep_ == "nsubj" and not targets \
        and _armed_owner(tok, cues)
    if (not subj or irregular) and (owned_cause or not _armed_owner(tok, cues)) and not any(
            t.i in places_tokens or _lem(t) in _w("target") for t in _objects(tok)) \
            and _is_civilian(_attack_victims(tok, host), cues):
        # "three people were wounded in the attack", "a series of attacks left 130 people
        # dead": people harmed by an attack no armed force or weapon is named for
        return "civilian_harm"
    if irregular and any(
            t.i in places_tokens or _lem(t) in cues["civilian"] | _w("target")
            for o in targets for t in o.subtree):
        return "civilian_harm"  # gunmen storming a market: no remote weapon, civilian targets
    # a place after "near"/"around" is where an attack went in, not what it hit ("the
    # enemy attacked near Terny": a ground assault; "an attack on Terny": a target)
    aimed = [t for t in targets if not (t.dep_ == "pobj" and t.head.lower_ in _w("vicinity_prep"))]
    if any(t.i in places_tokens or t.i in trigger_idx or _lem(t) in cues["civilian"]
           or _lem(t) in _w("target") | _w("premises") for t in aimed):
        return "strike"  # ("a Russian attack on a grocery store")
    if any(_lem(c) in cues["damage"] for c in tok.children if c.dep_ in ("relcl", "acl")):
        return "strike"
    if subj and _subtree_lemmas(subj[0]) & _w("ground_force"):
        return "clash"
    if {_lem(t) for t in sent} & (cues["weapon"] | _w("infra_target")):
        return "strike"
    return None


# Types an article's attack may have, for "the attack" that refers back to it.
_ATTACK_TYPES = frozenset({"strike", "civilian_harm", "clash", "infrastructure_damage"})


def _anaphoric_attack(hit: _Hit, doc: Doc, places_tokens: set[int],
                      trigger_idx: set[int]) -> bool:
    """Is the hit a definite "the attack" ("condemned the attack", "no claim of
    responsibility for the attack") whose clause shows nothing of what it was? Such an
    attack is one the article has already told of."""
    tok = hit.head
    if hit.rule.type != "attack" or hit.rule.kind != "noun" or tok.pos_ != "NOUN":
        return False
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")
               or c.dep_ == "poss" for c in tok.children):
        return False
    if any(c.dep_ in ("compound", "nmod", "amod") and c.pos_ == "PROPN" for c in tok.children):
        return False  # "the Ben Guerdane attack": another attack, named
    return _attack_evidence(tok, tok.sent, load_cues(), places_tokens, trigger_idx,
                            doc) is None


def _refer_back(kept: list[_Hit], doc: Doc, places_tokens: set[int],
                trigger_idx: set[int]) -> None:
    """"The attack" takes the type of the article's first attack (the bombing, the shooting)
    instead of the clash an attack with no evidence of its own defaults to."""
    first: _Hit | None = None
    for h in sorted(kept, key=lambda h: h.start):
        if h.type not in _ATTACK_TYPES:
            continue
        # (told in an earlier sentence: "were killed in Sunday's attacks" tells it first)
        if first is not None and first.head.sent.start < h.head.sent.start \
                and _anaphoric_attack(h, doc, places_tokens, trigger_idx):
            h.type = first.type
        elif first is None and _lem(h.head) not in _CASUALTY_VERBS:
            first = h  # the attack itself, not its dead and wounded


def _armed_owner(tok: Token, cues: dict[str, frozenset[str]]) -> bool:
    """Does the attack noun ``tok`` name an armed side as its owner or agent ("a Russian
    attack", "Kyiv's attack", "an attack by armed groups")?"""
    owners = [c for c in tok.children if c.dep_ in ("poss", "amod", "compound", "nmod")]
    owners += [g for c in tok.children if c.dep_ in ("prep", "agent") and c.lower_ in (
        "by", "from") for g in c.children if g.dep_ == "pobj"]
    return any(c.ent_type_ in ("NORP", "GPE", "ORG") or _subtree_lemmas(c) & (
        cues["force"] | cues["troops"]) for c in owners)


def _attack_victims(tok: Token, host: Token | None) -> list[Token]:
    """Who an attack noun harmed: the subject of "were wounded in the attack", the object of
    "(a series of) attacks left 130 people dead"."""
    if host is not None:
        return [t for c in host.children if c.dep_ in ("nsubjpass", "dobj") for t in c.subtree]
    head = tok
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" \
            and _lem(tok.head.head) in _w("attack_series"):
        head = tok.head.head
    if head.dep_ != "nsubj" or head.head.pos_ != "VERB":
        return []
    return [t for c in head.head.children if c.dep_ in ("dobj", "ccomp", "oprd")
            for t in c.subtree]


def _remains_of(tok: Token) -> bool:
    """Is the weapon noun only what debris is of ('drone debris', 'debris of a missile',
    'wreckage from a drone')?"""
    if _lem(tok) not in _w("aerial"):
        return False
    while tok.dep_ in ("compound", "amod") and _lem(tok.head) in _w("aerial"):
        tok = tok.head  # "a Shahed drone"
    if tok.dep_ in ("compound", "nmod", "amod"):
        return _lem(tok.head) in _w("remains_word")
    return tok.dep_ == "pobj" and tok.head.lower_ in ("of", "from") \
        and _lem(tok.head.head) in _w("remains_word")


def _struck_target(tok: Token, struck: set[int]) -> bool:
    """Is ``tok`` (or the noun it modifies) the object of a strike verb ("destroyed a Russian
    Tor air defence system", "hit an S-300 battery")?"""
    n = tok
    for _ in range(3):
        if n.dep_ in ("dobj", "nsubjpass") and n.head.i in struck:
            return True
        if n.dep_ not in ("compound", "amod", "nmod"):
            return False
        n = n.head
    return False


def _drop_intercepted(hits: list[_Hit], cues: dict[str, frozenset[str]]) -> list[_Hit]:
    """Drop weapon-noun strikes that an air-defence trigger intercepted ("shot down 12 drones")
    and weapon or air-defence nouns that are only moved or supplied ("deployed Iskander
    systems", "deployed air defence systems near the border")."""
    struck = {h.head.i for h in hits if h.type == "strike" and h.rule.kind == "verb"}
    # an air-defence system a strike destroyed is its target, no interception ("a Bayraktar
    # destroyed a Tor air defence system")
    targets = {id(h) for h in hits if h.type == "air_defense" and h.rule.kind == "noun"
               and _struck_target(h.head, struck)}
    hits = [h for h in hits if id(h) not in targets]
    ad = {i for h in hits if h.type == "air_defense" for i in range(h.start, h.end)}
    out = []
    for h in hits:
        if h.type == "strike" and h.rule.kind == "noun" and _remains_of(h.head):
            # "drone debris damaged a power line": what is left of a downed drone tells of
            # an interception, weakly (the damage it did is the news when one is named)
            h.type = "air_defense"
            h.rule = replace(h.rule, type="air_defense", weight=DEBRIS_WEIGHT)
            out.append(h)
            continue
        if h.type == "strike" and h.rule.kind == "noun" and _lem(h.head) in _w("strike_noun") \
                and _lem(h.head.head) in _w("heard_verb") \
                and any(i in ad for i in range(h.head.sent.start, h.head.sent.end)):
            continue  # "explosions were heard in Kyiv as air defences went into action"
        if h.type in ("strike", "air_defense") and h.rule.kind == "noun":
            gov = next((a for a in _ancestors(h.head, 4) if a.pos_ in ("VERB", "AUX")), None)
            # ("delivered a massive strike" is a strike, "delivered shells" a supply)
            if gov is not None and _lem(gov) in _w("not_use_verb") \
                    and _lem(h.head) not in _w("event_noun") | _w("strike_noun"):
                continue
            # a weapon listed with the troops a report moves is equipment on the move, not
            # a strike ("flew reinforcements and combat drones into Goma")
            if h.head.dep_ == "conj" and _lem(h.head.head) in cues["troops"] \
                    and h.head.head.dep_ in ("dobj", "nsubjpass") \
                    and _lem(h.head) not in _w("event_noun") | _w("strike_noun"):
                continue
        if not ad:
            out.append(h)
            continue
        if h.type == "strike" and h.rule.kind == "noun":
            chain = _ancestors(h.head, 4)
            # a semicolon ends the clause: "launched a missile attack; air defence
            # intercepted 54 of 69 missiles" (the parser may hang the first on the second)
            cut = next((k for k, a in enumerate(chain) if any(
                t.lower_ == ";" for t in h.head.doc[min(a.i, h.head.i):max(a.i, h.head.i)])),
                       len(chain))
            chain = chain[:cut]
            gov = next((a for a in chain if a.pos_ in ("VERB", "AUX")), None)
            hit_ad = any(a.i in ad for a in chain)
            if gov is not None and not hit_ad:
                hit_ad = any(t.i in ad for c in gov.children if c.dep_ in ("nsubj", "agent")
                             for t in c.subtree)
            if hit_ad:
                continue
        out.append(h)
    return out


# --- status ---------------------------------------------------------------------------


def _is_infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _is_rule_out(tok: Token) -> bool:
    """ "ruled out talks": a denial phrased as a particle verb (not when negated: see
    _not_ruled_out)."""
    return _lem(tok) == "rule" and any(c.dep_ == "prt" and c.lower_ == "out"
                                       for c in tok.children) and not _not_ruled_out(tok)


def _not_ruled_out(tok: Token) -> bool:
    """ "an offensive cannot be ruled out", "did not rule out strikes": a possibility left
    open, not a denial (status hypothetical)."""
    return _lem(tok) == "rule" and any(c.dep_ == "prt" and c.lower_ == "out"
                                       for c in tok.children) \
        and any(c.dep_ == "neg" for c in tok.children)


def _is_subject_of(child: Token, head: Token) -> bool:
    """True when ``child`` is the subject of ``head`` ("Demonstrators called for…")."""
    return child.head.i == head.i and child.dep_ in ("nsubj", "nsubjpass", "csubj")


def _stated_fact(clause: Token) -> bool:
    """Is ``clause`` (what a warning says) a finite clause of something done or going on
    ("is recruiting minors", "have killed", "destroyed"), not of something to come?"""
    if clause.dep_ != "ccomp" or clause.pos_ not in ("VERB", "AUX"):
        return False
    aux = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"will", "would", "could", "might", "may", "can", "should", "to", "'ll"}:
        return False
    return clause.tag_ == "VBD" or clause.tag_ == "VBG" and bool(
        aux & {"is", "are", "'s", "'re", "was", "were", "has", "have", "had"}) or (
        clause.tag_ == "VBN" and bool(aux & {"has", "have", "had"}))


def _announced(verb: Token) -> bool:
    """Is ``verb`` the clause an announcement reports ("Russia announced it would withdraw",
    "Medvedev said missiles would target Kyiv")?"""
    return verb.dep_ == "ccomp" and _lem(verb.head) in _w("say") | {"decide", "declare"}


def _conditional(verb: Token) -> bool:
    """Does ``verb`` carry a condition of its own ("would withdraw only if …")?"""
    return any(c.lower_ == "only" or c.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in _CONDITIONAL_MARKS for m in c.children)
        for c in verb.children)


def _denied_aside(tok: Token, cues: dict[str, frozenset[str]]) -> bool:
    """Is the trigger's clause denied in a relative clause set off after its object
    ("entered Chasiv Yar, which the Ukrainian military denied"; "captured Robotyne, a claim
    Kyiv denied"), not negated ("a claim Kyiv did not deny")? Only a verb's clause: what
    "the shelling of the plant, which both sides denied" denies is who did it."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    args = [g for c in tok.children if c.dep_ in ("dobj", "prep")
            for g in ([c] if c.dep_ == "dobj" else c.children) if g.dep_ in ("dobj", "pobj")]
    hosts = args + [a for g in args for a in g.children
                    if a.dep_ == "appos" and _lem(a) in _w("claim_report")]
    for host in hosts:
        for r in host.children:
            if r.dep_ != "relcl" or _lem(r) not in cues["deny"] or r.i < 2 \
                    or any(c.dep_ == "neg" for c in r.children):
                continue
            # set off by a comma: before the relative clause, or before the claim noun
            aside = tok.doc[r.left_edge.i - 1].text == "," if host in args else \
                host.left_edge.i > 0 and tok.doc[host.left_edge.i - 1].text == ","
            if aside and (host not in args or any(c.lower_ == "which" for c in r.children)):
                return True
    return False


def _denial_scene(clause: Token, cues: dict[str, frozenset[str]]) -> bool:
    """Is an 'as/while/after …' clause with a subject of its own hung on a denial or on the
    gerund it denies ("Russia denies losing Robotyne as Ukrainian troops raise their flag
    over the village")? It sets the scene and is asserted, not denied."""
    head = clause.head
    if head.dep_ == "xcomp" and _lem(head.head) in cues["deny"]:
        head = head.head
    return _lem(head) in cues["deny"] and any(
        c.dep_ == "mark" and c.lower_ in _BACKGROUND for c in clause.children) and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)


def event_status(tok: Token, typ: str, cues: dict[str, frozenset[str]] | None = None, *,
                 own_negation: bool = False) -> str:
    """reported / threatened / denied / hypothetical from the cues governing ``tok``.

    ``own_negation``: the trigger's own "no" is part of it ("had no electricity").
    """
    cues = cues or load_cues()
    tentative: str | None = None
    doc = tok.doc
    chain = [tok, *_ancestors(tok, 12)]
    # (a denial governs what it denies, not a clause conjoined to it or set off by a
    # semicolon: "Putin ordered a ceasefire; Ukraine rejected it, and shelling continued")
    # ... nor a scene-setting clause hung on the denial itself: "Russia denies losing
    # Robotyne as Ukrainian troops raise their flag over the village" reports the flag)
    reach = next((k + 1 for k, t in enumerate(chain[:-1]) if t.dep_ == "conj" and t.pos_ in (
        "VERB", "AUX") or any(x.text == ";" for x in doc[min(t.i, t.head.i):max(t.i, t.head.i)])
        or t.dep_ == "advcl" and _denial_scene(t, cues)), len(chain))
    if any((_lem(a) in cues["deny"] or _is_rule_out(a)) and not _is_subject_of(chain[k], a)
           for k, a in enumerate(chain[1:reach])) or _denied_aside(tok, cues):
        return "denied"  # (a denial above a plan denies it: "dismissed reports that troops
        # were preparing to leave Kherson")
    np_head = tok  # (the noun phrase's head: "the plant" in "a direct hit on the plant")
    while np_head.dep_ in ("pobj", "prep", "compound", "amod") and np_head.head.i != np_head.i:
        np_head = np_head.head
    # (an indefinite subject is a supposed event; "the shelling could cause a disaster" and
    # "continued shelling …" are real, only their consequence is open)
    if np_head.dep_ == "nsubj" and _lem(np_head.head) in _w("consequence_verb") and any(
            c.dep_ == "aux" and c.lower_ in ("could", "would", "might", "may")
            for c in np_head.head.children) and any(
            c.dep_ == "det" and c.lower_ in ("a", "an", "any") for c in np_head.children):
        return "hypothetical"  # "a direct hit on the plant could cause an accident"
    if any(_not_ruled_out(a) for a in chain[1:reach]):
        return "hypothetical"  # (its negation is no denial of the event it leaves open)
    if tok.i >= 2 and doc[tok.i - 1].lower_ == "to" and doc[tok.i - 1].dep_ == "aux" \
            and _lem(doc[tok.i - 2]) in cues["threat"] - {"could", "might", "may"} \
            and doc[tok.i - 2].pos_ in ("VERB", "NOUN"):
        # "accused Russia of planning to blow up the dam", however the infinitive was attached
        return "threatened"
    # no cue reaches across a semicolon ("forces clashed in X; Russian forces were pushed
    # back" parsed as one clause under the other)
    chain = chain[:next((k + 1 for k, t in enumerate(chain[:-1]) if any(
        x.text == ";" for x in doc[min(t.i, t.head.i):max(t.i, t.head.i)])), len(chain))]
    same_clause = True  # modals, "if" and negation count only in the trigger's own clause
    # ... but a verb phrase coordinated without its own subject or auxiliary shares the
    # first one's modal: "may attempt to cross the river and advance on X"
    shared_vp = True
    for d, node in enumerate(chain):
        if d > 0 and chain[d - 1].dep_ in _MODIFIER_CLAUSES:
            break  # "Austin, who initiated the call, declined …": the call stays reported
        if d > 0 and chain[d - 1].dep_ == "advcl":
            mark = {c.lower_ for c in chain[d - 1].children if c.dep_ == "mark"}
            if mark & _CONDITIONAL_MARKS:
                # The condition of a threat or a promise is not asserted, whatever governs
                # it: "threatened strikes on Kyiv if Ukraine attacked Crimea".
                return "hypothetical"
            if mark & _PENDING_MARKS:
                # "before/until/once" do not assert their clause; under a clause that is
                # itself not asserted it stays as open ("weighing whether to pull out
                # before the road was cut", "would meet only once a deal was ready"), but
                # "withdrew before the bridge was blown up" keeps the bridge reported, and so
                # does "did not leave until the bridge was blown up".
                head = event_status(node, typ, cues)
                if head in ("threatened", "hypothetical"):
                    return head
        if d > 0:
            prev = chain[d - 1]
            if prev.dep_ in ("advcl", "relcl", "ccomp", "parataxis", "conj", "acl") or (
                    prev.dep_ == "pobj" and prev.head.lower_ in _ADJUNCT_PREPS):
                same_clause = False
            shared_vp = shared_vp and (
                prev.dep_ in ("xcomp", "dobj", "prep", "pobj", "compound")
                or prev.dep_ == "conj" and not any(
                    c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in prev.children))
        lem = _lem(node)
        kids = list(node.children)
        if d > 0 and not _is_subject_of(chain[d - 1], node):
            if lem in cues["deny"] and d < reach:
                return "denied"
            if lem in _w("warn_verb") and _stated_fact(chain[d - 1]):
                continue  # "is recruiting minors, the ombudsman warned": a warning of a fact
            if lem in cues["threat"] - {"could", "might", "may"} and not (
                    typ == "fortification" and lem in _w("build_verb")
                    and chain[d - 1].dep_ == "dobj") and not (
                    # the meeting a pledge was made at took place ("pledged tanks to Ukraine
                    # at the Ramstein meeting"): only what is pledged is still to come
                    typ == "diplomacy" and chain[d - 1].dep_ == "prep"
                    and chain[d - 1].lower_ in ("at", "during")):
                if typ == "flooding" and any(
                        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in
                                                  _CONDITIONAL_MARKS for m in c.children)
                        for n in chain[:d] for c in n.children):
                    # a flood warned of on a condition no one is said to intend ("the river
                    # could overflow if the dam is breached, officials warned") is a
                    # possibility, not an actor's threat
                    return "hypothetical"
                return "threatened"  # (but "preparing defences" is building them)
            if lem in cues["appeal"] and (node.pos_ == "VERB" or d <= 2) and not (
                    lem in _w("naming_verb") and chain[d - 1].dep_ in ("dobj", "oprd")):
                # ("called the attack a war crime" names it; "called for talks" appeals)
                return tentative or "hypothetical"
            if lem in cues["hypothetical"] and tentative is None:
                tentative = "hypothetical"
            if lem in cues["no_evidence"] and any(
                    _lem(c) in ("no", "not", "never") or c.dep_ == "neg"
                    for c in [*kids, *node.head.children] if c.dep_ in ("det", "neg")):
                return "denied"
        infinitive_under_cue = _is_infinitive(node) and _lem(node.head) in (
            cues["threat"] | cues["appeal"] | cues["deny"] | {"want", "intend", "plan"})
        outage = typ == "infrastructure_damage" and (d == 0 and own_negation or (
            d > 0 and lem in _w("function_verb") | _w("restore_word")
            and chain[d - 1].dep_ in ("nsubj", "nsubjpass")))  # "the water is not working"
        if same_clause and not outage and any(
                c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"
                                    and not (own_negation and d == 0))
                for c in kids) \
                and not infinitive_under_cue and (d == 0 or node.pos_ in ("VERB", "AUX")):
            return "denied"
        if tentative is None and not same_clause and shared_vp:
            if any(c.dep_ == "aux" and c.lower_ in ("could", "might", "may", "would")
                   for c in kids):
                tentative = "hypothetical"
        # "the drone attack could have killed Putin": a modal perfect said of what the event
        # might have done (its subject) takes the event itself as having happened
        consequence = d > 0 and chain[d - 1].dep_ in ("nsubj", "nsubjpass") and any(
            c.dep_ == "aux" and c.lower_ in ("have", "'ve") for c in kids)
        if tentative is None and same_clause and not consequence:
            for c in kids:
                if c.dep_ == "aux" and c.lower_ in ("could", "might", "may"):
                    # A threat is an actor's possible harm: "Russia might blow it up" (the
                    # modal on the trigger itself); "Kyiv could face blackouts" is a risk.
                    own = d == 0 or (d == 1 and chain[0].dep_ == "dobj"
                                     and lem not in _w("experience_verb"))
                    subj = [x for x in kids if x.dep_ in ("nsubj", "nsubjpass")] if own else []
                    actor = bool(subj) and (subj[0].ent_type_ in ("GPE", "NORP", "ORG")
                                            or _lem(subj[0]) in cues["force"]
                                            or subj[0].pos_ in ("PRON", "PROPN")
                                            or _lem(subj[0]) in cues["dam"])
                    tentative = "threatened" if typ in HARMFUL and actor else "hypothetical"
                elif c.dep_ == "aux" and c.lower_ in ("would", "'d") and d == 0 \
                        and _announced(node) and (typ in HARMFUL or typ != "diplomacy"
                                                  and not _conditional(node)):
                    # "announced it would withdraw", "said missiles would target Kyiv": the
                    # backshifted "will" of an announcement; a decision announced is the
                    # news, harm announced a threat (if only on a condition); a meeting
                    # promised is still to happen
                    if typ in HARMFUL:
                        tentative = "threatened"
                elif c.dep_ == "aux" and c.lower_ in ("would", "should", "'d"):
                    tentative = "hypothetical"
                elif c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
                    tentative = "hypothetical"
                elif c.dep_ == "amod" and _lem(c) in ("possible", "potential", "hypothetical"):
                    tentative = "hypothetical"
                elif c.dep_ == "amod" and d == 0 and typ in HARMFUL \
                        and _lem(c) in cues["threat"]:
                    tentative = "threatened"  # "expected flooding", "a feared assault"
        if node.dep_ in ("ccomp",) and _lem(node.head) in _w("say") and tentative is None:
            # Reported speech: the saying does not change the status of what was said,
            # but a denial or threat verb above it still can.
            continue
    return tentative or "reported"


# --- actor ----------------------------------------------------------------------------


def _actor_span(tok: Token) -> Span:
    """The actor's noun phrase without determiners, participles or relative clauses;
    coordinated actors ("Russia and Ukraine") are kept together."""
    left = [c for c in tok.lefts if c.dep_ not in ("det", "punct", "predet", "nummod", "advmod")
            and not (c.dep_ == "amod" and c.tag_ in ("VBG", "VBN"))]
    start = min((c.left_edge.i for c in left), default=tok.i)
    start = max(start, tok.left_edge.i)
    while start < tok.i and tok.doc[start].dep_ in ("det", "punct"):
        start += 1
    end = tok.i + 1
    for c in tok.rights:
        if c.dep_ == "conj":
            end = max(end, c.i + 1)
        elif c.dep_ == "prep" and c.lower_ == "of" and _lem(tok) in _w("group"):
            end = max(end, c.right_edge.i + 1)  # "Residents of Kherson"
    return tok.doc[start:end]


def _resolve_pronoun(tok: Token) -> Token | None:
    """'Ukraine said it had retaken': the sayer stands for 'it'/'its'/'they'."""
    cur = tok.head
    for _ in range(6):
        if _lem(cur) in _w("say") | {"accuse"} or cur.dep_ == "ROOT":
            subj = [c for c in cur.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
            return subj[0] if subj else None
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return None


def _actor_ok(tok: Token, place_tokens: set[int], cues: dict[str, frozenset[str]]) -> bool:
    return (tok.i in place_tokens or tok.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")
            or _lem(tok) in cues["force"] or _lem(tok) in _w("group")
            or any(c.dep_ == "poss" and (c.i in place_tokens or c.ent_type_ in ("GPE", "ORG"))
                   for c in tok.children))


def event_actor(tok: Token, place_tokens: set[int], cues: dict[str, frozenset[str]],
                _depth: int = 0) -> str | None:
    """The agent of the trigger when it is a country, force, government or metonymic place."""
    if _depth > 2:
        return None
    cand: Token | None = None
    if tok.pos_ in ("VERB", "AUX") or tok.dep_ in ("ROOT", "advcl", "xcomp", "ccomp", "conj"):
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
        agent = [g for c in tok.children if c.dep_ == "agent" for g in c.children
                 if g.dep_ == "pobj"]
        cand = subj[0] if subj else (agent[0] if agent else None)
        cur = tok
        hops = 0
        while cand is None and cur.dep_ in ("xcomp", "advcl", "conj", "pcomp", "acl") and hops < 4:
            if cur.dep_ == "pcomp" and _lem(cur.head.head) == "accuse":
                objs = [c for c in cur.head.head.children if c.dep_ == "dobj"]
                cand = objs[0] if objs else None
                break
            was_xcomp = cur.dep_ == "xcomp"
            cur = cur.head
            if cur.dep_ == "prep":
                cur = cur.head
            # Object control: "warned Russia not to blow up the dam" -> Russia.
            objs = [c for c in cur.children if c.dep_ == "dobj"] if was_xcomp else []
            subj = objs or [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")]
            cand = subj[0] if subj else None
            hops += 1
    else:
        poss = [c for c in tok.children if c.dep_ == "poss"]
        # "Russian attacks" (NORP) names an actor; "the Kakhovka dam" (a place) does not.
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound")
                and c.ent_type_ in ("NORP", "ORG") and c.i not in place_tokens]
        agent = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"
                 for g in c.children if g.dep_ == "pobj"]
        cand = poss[0] if poss else (mods[0] if mods else (agent[0] if agent else None))
        if cand is not None and cand in mods:
            return cand.text
        if cand is None and tok.dep_ in ("dobj", "pobj", "attr", "nsubjpass", "oprd"):
            gov = tok.head.head if tok.dep_ == "pobj" else tok.head
            if tok.dep_ == "pobj" and tok.head.lower_ == "under":
                return None  # "Kupiansk came under artillery fire": the target, not the actor
            if tok.dep_ == "dobj" and _lem(gov) in _w("comment_verb") | _w("naming_verb"):
                return None  # "Kuleba condemned the attack": who comments, not who attacked
            if gov.pos_ in ("VERB", "AUX") and tok.head.lower_ not in _ADJUNCT_PREPS:
                return event_actor(gov, place_tokens, cues, _depth + 1)
    if cand is None:
        return None
    if cand.pos_ == "PRON":
        cand = _resolve_pronoun(cand)
        if cand is None:
            return None
    if _lem(cand) in _w("event_noun"):
        # "Ukraine's counteroffensive has regained…": the actor of the event noun.
        if cand.pos_ == "VERB" or cand.i == tok.i:
            return None
        return event_actor(cand, place_tokens, cues, _depth + 1)
    owner = [c for c in cand.children if c.dep_ == "poss" and c.lower_ in ("its", "their")]
    if owner and _lem(cand) in cues["force"]:
        sayer = _resolve_pronoun(owner[0])  # "Moscow said its forces had …" -> Moscow
        if sayer is not None and _actor_ok(sayer, place_tokens, cues):
            return _clean_actor(_actor_span(sayer).text)
    if not _actor_ok(cand, place_tokens, cues):
        return None
    return _clean_actor(_actor_span(cand).text)


def _clean_actor(text: str) -> str | None:
    """The actor text on one line, without caption debris: "…/Reuters]\n\nLloyd Austin"."""
    text = text.split("\n")[-1].strip(" []()\"'“”‘’,;:-–")
    return text or None


# --- place linking --------------------------------------------------------------------


def _edge_cost(child: Token, downward: bool, typ: str, trigger: Token,
               cues: dict[str, frozenset[str]], below: Sequence[Token] = (),
               places: frozenset[int] | None = None) -> tuple[int, int]:
    """(cost, clause crossings) of the edge from ``child`` to its head.

    ``below`` are the path's tokens beyond this edge (towards the target); ``places`` the
    place tokens of the sentence when linking to places (the rules that need them).
    """
    cost, cross = 1, 0
    if downward and child.dep_ in ("acl", "relcl") and child.head.i == trigger.i \
            and trigger.tag_ == "VBG" and child.pos_ == "VERB" \
            and not any(c.dep_ in ("nsubj", "dobj") for c in trigger.children):
        pass  # a gerund taken for its clause's verb ("Fighting flared near X", with
        # "flared" hung on it): that clause is the gerund's own, no crossing
    elif downward and typ in ("air_defense", "strike") and child.dep_ == "acl" \
            and child.tag_ == "VBN" and _lem(child.head) in cues["weapon"]:
        pass  # where the weapons were sent is the attack's place ("shot down 22 of the 30
        # drones launched at the Dnipropetrovsk region")
    elif child.dep_ in CLAUSAL or (child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")):
        cross = 1
        if places is not None and child.dep_ == "conj" and not _own_subject(child):
            cross, cost = 0, 2  # "shot and killed … in X": conjoined verbs share adjuncts
    elif child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN") \
            and child.head.pos_ in ("VERB", "AUX"):
        # a noun "coordinated" with a verb is a clause the parser broke up ("set fire to a
        # cabinet near X, halting trains on the line to Y": "trains" hangs on "set")
        cross = 1
    located = places is not None and _located(below)
    if downward:
        dep, head = child.dep_, child.head
        if places is not None and _is_victim(child) and not located:
            # "Zeevi was shot", "the head of the Zaporizhzhia plant was detained": who was
            # harmed, not where ("a resident of Balakliia was tortured" still places it)
            target = below[0] if below else child
            if child.i in places:
                cost += VICTIM_COST
            elif target.dep_ in ("poss", "compound", "amod", "nmod"):
                cost += VICTIM_COST // 2
        if dep == "prep":
            p = child.lower_
            origin = places is not None and _is_origin(child, cues) and not _moved_from(
                child, typ, trigger)
            if p == "from" and typ in ("mobilisation", "advance") and below \
                    and below[-1].dep_ == "prep" and below[-1].lower_ in _GOAL_PREPS:
                pass  # "moved units from Lviv to Odesa" (the goal hung on the origin)
            elif origin:
                # where the people come from is no argument of the event: not the "from"
                # of a deportation or a withdrawal ("shot dead 23 men from Punjab")
                cost += PREP_COST.get(p, 0)
            else:
                cost += _TYPE_PREP_COST.get((typ, p), PREP_COST.get(p, 0))
            if typ == "protest" and p in ("over", "about", "against", "for", "on", "with"):
                cost += 4  # what a protest is about ("in solidarity with Gaza"), not where
            if origin:
                cost += ORIGIN_COST
            if places is not None and p in _lw("source_prep"):
                cost += SOURCE_COST  # "according to a military source in Damascus"
            if p == "of" and places is not None and _lem(head) in cues["locnoun"] \
                    and any(c.i in places for c in child.children) \
                    and not _named_by_compound(head):
                cost -= 1  # "the town of X": X names the town
        elif dep == "agent":
            cost += 0 if located else 5  # "killed by gunmen in X" reaches X through them
        elif dep in ("nsubj", "csubj") and head.pos_ in ("VERB", "AUX"):
            cost += 0 if located else 4  # "people in Nepal protested": located subjects
        elif places is not None and dep in ("compound", "poss", "nmod", "amod", "appos") \
                and _container(child, places):
            cost += CONTAINER_COST
        elif dep == "poss":
            cost += 5 if _lem(head) in cues["force"] else (1 if places is None else 3)
        elif dep in ("compound", "nmod", "amod"):
            if head.i == trigger.i:
                pass
            elif _lem(head) in cues["locnoun"] or _lem(head) in _lw("place_noun"):
                # "the West Bank city of Nablus": the head's own name is nearer; when
                # linking, containers pay instead and "Keysansey hospital" is its name
                cost += 1 if places is None else 0
            elif _lem(head) in cues["force"] or _lem(head) in cues["civilian"]:
                cost += 6 if places is None else NATIONALITY_COST  # "a US soldier"
            else:
                cost += 2 if places is None else 4  # "a US patrol", "a Utah architect"
        elif dep in ("dative", "npadvmod"):
            cost += 2
        if dep == "pobj" and places is not None and _container(child, places):
            cost += CONTAINER_COST
        if dep == "dobj" and places is not None and _lem(head) in _w("heading_verb"):
            cost += 2  # "a drone approaching Moscow near Domodedovo": the goal, not the site
        if dep == "pobj" and head.dep_ == "prep" and head.lower_ == "of" \
                and _lem(head.head) in _DIRECTIONS:
            cost += 3  # "south of Bakhmut": near it, not in it
        if places is not None and dep == "pobj" and head.lower_ == "with" \
                and _lem(head.head) in _lw("border_noun") and _side_of(head.head):
            # "near al-Qaim, on the Iraqi side of the border with Syria": the neighbour
            # across the border, not the side the event is on (a line "along the border
            # with Belarus" runs on it)
            cost += BORDER_COST
        if places is not None and child.i in places and dep in ("compound", "amod", "nmod") \
                and _lem(head) in _lw("front_sector"):
            cost += SECTOR_COST  # "in the Melitopol direction": somewhere along that front
    return cost, cross


def _side_of(border: Token) -> bool:
    """Is this border noun the one whose side the text names ("on the Iraqi side of the
    border", "the Lebanese side of the frontier")?"""
    return border.dep_ == "pobj" and border.head.lower_ == "of" \
        and _lem(border.head.head) == "side"


def _is_origin(prep: Token, cues: dict[str, frozenset[str]]) -> bool:
    """Where someone comes from, not where they are: "a soldier from New Zealand",
    "Moussa Ranimat, 28, of Kafr Tsurif" (but "residents of Izium" live there)."""
    head = prep.head
    if prep.lower_ == "from":
        # the parser often hangs "from X" on the verb rather than on the victims right
        # before it ("shot dead 23 men from Punjab"): a harm verb is done where it is done,
        # so "from" there still names the victims' home (people taken away from a place,
        # "abducted residents from X", were there: _moved_from)
        before = prep.doc[prep.i - 1] if prep.i > 0 else None
        victims = before is not None and head.pos_ == "VERB" and before.head.i == head.i \
            and before.dep_ == "dobj" and _lem(head) in _lw("victim_verb") \
            and _lem(head) not in _lw("displace_verb")
        return head.ent_type_ == "PERSON" or _lem(head) in cues["force"] | cues["civilian"] \
            or head.pos_ in ("PRON", "NUM") or victims and (
                _lem(before) in cues["force"] | cues["civilian"] or before.ent_type_ == "PERSON")
    return prep.lower_ == "of" and head.ent_type_ == "PERSON"


def _moved_from(prep: Token, typ: str, trigger: Token) -> bool:
    """Is this "from X" where people were moved from in a deportation ("children from
    Kherson were taken to Russia", "deported residents from Oleshky")? The harm began
    there; elsewhere "from" names a person's home, not the event's place."""
    people = prep.head
    return (typ == "civilian_harm" and prep.lower_ == "from"
            and people.dep_ in ("dobj", "nsubjpass") and people.head.i == trigger.i
            and _lem(trigger) in _lw("displace_verb"))


def _is_victim(arg: Token) -> bool:
    """Is this the person a harm verb harmed ("killed X", "X was shot")?"""
    return arg.dep_ in ("dobj", "nsubjpass") and _lem(arg.head) in _lw("victim_verb")


def _own_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _located(below: Sequence[Token]) -> bool:
    """Does the rest of a path go through a locative preposition ("people in Nepal")?"""
    return any(t.dep_ == "prep" and t.lower_ in _lw("locative_prep") for t in below)


def _container(child: Token, places: frozenset[int]) -> bool:
    """Is this place only the container of another place named on the same noun?

    "the West Bank town of Tulkarm", "Mogadishu's Yaqshid district", "a US base at Balad",
    "the Shaab district of Baghdad", "Makhmur district, northern Iraq".
    """
    head = child.head
    if child.dep_ == "pobj":
        # "the Shaab district of Baghdad", "the Saky air base in Crimea"
        noun = head.head
        named = any(c.dep_ == "compound" and c.i in places for c in noun.children)
        return named and (head.lower_ == "in" and _lem(noun) in load_cues()["locnoun"]
                          or head.lower_ == "of" and _named_by_compound(noun))
    if child.dep_ == "appos":
        return head.i in places or any(c.dep_ == "compound" and c.i in places
                                       for c in head.children)
    for c in head.children:
        if c.i == child.i:
            continue
        if c.dep_ == "prep" and c.lower_ in _lw("locative_prep") | {"of"} and any(
                g.i in places for g in c.subtree):
            if c.lower_ == "of":
                # "the Raman district of Yala province": the compound names the district.
                return child.dep_ == "poss" or not _named_by_compound(head)
            # "the Saky air base in Crimea" names the base; "a US patrol in X" does not.
            return child.dep_ == "poss" or c.lower_ in _lw("point_prep") \
                or _lem(head) not in load_cues()["locnoun"]
        if c.dep_ == "compound" and c.i in places and child.dep_ == "poss":
            return True
    return False


def _named_by_compound(noun: Token) -> bool:
    """Nouns named by a compound and located by 'of' ("the East Ghouta region of rural
    Damascus", "Orgun District of Paktika"), unlike "the West Bank town of Tulkarm"."""
    return noun.pos_ == "PROPN" or _lem(noun) in _lw("named_by_compound")


def _path(a: Token, b: Token) -> tuple[list[Token], list[Token]]:
    """Tokens whose head-edges lie on the path a -> LCA (up) and LCA -> b (down)."""
    up_chain = [a, *a.ancestors]
    pos = {t.i: k for k, t in enumerate(up_chain)}
    down: list[Token] = []
    cur = b
    while cur.i not in pos:
        down.append(cur)
        if cur.head.i == cur.i:
            return up_chain, down  # different trees (should not happen within a sentence)
        cur = cur.head
    return up_chain[:pos[cur.i]], down


def place_cost(trigger: Token, target: Token, typ: str,
               cues: dict[str, frozenset[str]] | None = None,
               places: frozenset[int] | None = None) -> tuple[int, int]:
    """(clause crossings, cost) of reaching ``target`` from ``trigger`` in the parse;
    ``places`` (the sentence's place tokens) turns on the rules between places."""
    cues = cues or load_cues()
    up, down = _path(trigger, target)
    cost = cross = 0
    for t in up:
        c, x = _edge_cost(t, False, typ, trigger, cues, places=places)
        cost, cross = cost + c, cross + x
    for k, t in enumerate(down):
        c, x = _edge_cost(t, True, typ, trigger, cues, down[:k], places)
        cost, cross = cost + c, cross + x
    top = down[-1] if down else None
    if top is not None and top.dep_ == "prep" and top.i > 0:
        # a prepositional phrase right after an elliptical conjunct belongs to it, however
        # the parser hung it on the verb ("destroyed a drone over Bryansk and another over
        # Kaluga": the second place is the second drone's, reached through the object)
        ellipsis = trigger.doc[top.i - 1]
        verb = top.head
        if ellipsis.dep_ == "conj" and ellipsis.lower_ in cues["elliptical"] \
                and ellipsis.head.i != verb.i and verb in ellipsis.head.ancestors:
            x, c = place_cost(verb, ellipsis, typ, cues, places)
            cost, cross = cost + c - 3 * x, cross + x
    if typ == "air_defense":
        # the goal the parser hung on the launch site is still the goal: "missiles
        # launched from Crimea towards Odesa" pays for neither the origin nor the goal
        preps = [t.lower_ for t in reversed(down) if t.dep_ == "prep"]  # top down
        if "from" in preps and set(preps[preps.index("from") + 1:]) & _GOAL_PREPS:
            cost -= _TYPE_PREP_COST[("air_defense", "from")]
    return cross, cost + 3 * cross


def actor_tokens(tok: Token, typ: str, places: Sequence[Place], by_place: dict[int, list[int]],
                 place_tokens: set[int], cues: dict[str, frozenset[str]]) -> frozenset[int]:
    """Place tokens of the trigger's sentence that are actors, not where it happened."""
    sent = tok.sent
    # "Ukraine said it retook X", "Ukraine's ministry said …", "the Donetsk regional
    # governor said …" (but "residents of Izium said …" still places Izium).
    # (not the speaker's noun the trigger itself describes: "Velyka Novosilka hit by glide
    # bombs, governor says", a headline the parser reads as the town saying)
    exclude = {t.i for c in sent if c.dep_ == "nsubj" and _lem(c.head) in _w("say")
               and not (tok.dep_ in ("acl", "relcl") and tok.head.i == c.i)
               for t in [c, *(x for x in c.children if x.dep_ in ("poss", "compound", "nmod"))]}
    # The subject of a transitive trigger is its agent ("Russia attacks Kyiv"), and a
    # country as the subject of any verb is an actor, whatever the role tagger said.
    # A headline drops the auxiliary of a passive: a town that is the subject of a harm
    # verb with no object is what was harmed ("Vuhledar shelled overnight", "Kyiv without
    # power after missile strikes" read with 'strikes' as its verb), not who did it.
    headline = is_headline(sent)
    for c in sent:
        if c.dep_ != "nsubj" or c.i not in place_tokens:
            continue
        transitive = any(x.dep_ == "dobj" for x in c.head.children)
        country = _is_country(c, places, by_place)
        harmed = headline and not transitive and typ in HARMFUL and not country \
            and _reduced_passive(c.head, c)
        if (c.head.i == tok.i and (transitive or typ != "flooding") and not harmed) or country:
            exclude.add(c.i)
    return frozenset(exclude)


def _reduced_passive(verb: Token, subj: Token) -> bool:
    """A headline verb whose subject is what it was done to: a participle with its
    auxiliary dropped ("Vuhledar shelled overnight"), or a plural noun the tagger read as a
    verb right after the noun it compounds with ("after missile strikes"); not "Kyiv
    strikes back"."""
    if any(c.dep_ in ("dobj", "aux", "auxpass") or c.lower_ == "back" for c in verb.children):
        return False
    if verb.tag_ in ("VBD", "VBN"):
        return True
    prev = verb.doc[verb.i - 1] if verb.i > 0 else None
    return verb.tag_ == "VBZ" and prev is not None and prev.pos_ == "NOUN" \
        and prev.i != subj.i and prev.dep_ != "nsubj"


def _colon_label(doc: Doc, toks: Sequence[int]) -> bool:
    """Whether the place at ``toks`` opens a line and a colon follows it: a headline's
    label ("Kyiv: …", "Sevastopol: …")."""
    first, last = min(toks), max(toks)
    return last + 1 < len(doc) and doc[last + 1].text == ":" and (
        first == 0 or "\n" in doc[first - 1].text_with_ws)


def link_place(trigger: Token, candidates: dict[int, list[int]], places: Sequence[Place],
               typ: str, *, exclude: frozenset[int] = frozenset(),
               qualifiers: Mapping[int, int] | None = None,
               cues: dict[str, frozenset[str]] | None = None) -> tuple[int | None, str, int]:
    """Best literal place for a trigger: (place index, "parse"|"sentence", cost), or
    (None, "none", 0) when the sentence has no candidate.

    ``candidates`` maps place index -> token indices of that place inside the sentence;
    ``qualifiers`` maps places that only qualify another one ("Bucha (Kyiv)") to their
    rank inside the parentheses.
    """
    qualifiers = qualifiers or {}
    cues = cues or load_cues()
    doc = trigger.doc
    place_toks = frozenset(i for toks in candidates.values() for i in toks)
    if typ == "infrastructure_damage":
        # the ends of a route that was cut ("rail traffic between Kyiv and Odesa was
        # suspended after a missile hit a substation near Koziatyn", "a section of the
        # Kyiv-Kharkiv motorway") are not where it was cut, when the sentence names another
        route = {idx for idx, toks in candidates.items() if toks and all(
            _route_end(trigger, doc[i], place_toks) for i in toks)}
        if route and set(candidates) - route:
            candidates = {k: v for k, v in candidates.items() if k not in route}
    scored = []
    for idx, toks in candidates.items():
        toks = [i for i in toks if i not in exclude]
        if typ == "withdrawal":  # "withdrew towards Belarus" did not happen in Belarus
            toks = [i for i in toks if not any(
                t.dep_ == "prep" and t.lower_ in ("to", "towards", "toward", "into")
                for t in _path(trigger, doc[i])[1])]
        if typ == "strike":  # "Shelling from Ukraine wounded two people in X": where the
            # fire came from is not where it landed
            toks = [i for i in toks if not any(
                t.dep_ == "prep" and t.lower_ == "from"
                and _lem(t.head) in cues["weapon"] | _w("strike_noun")
                for t in _path(trigger, doc[i])[1])]
        if typ not in ("diplomacy", "protest"):  # "…, the spokesman told reporters in
            # Washington": where it was said, not where it happened (talks and rallies
            # may be held where the words were spoken)
            toks = [i for i in toks if not _speech_site(trigger, [i])]
        if typ == "flooding":  # "floodwaters from the Kakhovka dam submerged X": the source
            toks = [i for i in toks if not any(  # is not where the water went
                t.dep_ == "prep" and t.lower_ == "from" for t in _path(trigger, doc[i])[1])]
        if not toks:
            continue
        # a conjoined place costs what its first conjunct costs ("over the Poltava and
        # Kharkiv regions": the list is one argument; nearness to the trigger breaks the tie)
        # (so is a hyphened pair: its first town is where the line runs from)
        partner, second = _hyphen_partner(doc, toks, place_toks)
        if not partner:
            partner, second = _between_partner(doc, toks, candidates)
        cross, cost = min(place_cost(trigger, doc[_first_conjunct(doc[i], place_toks)], typ,
                                     cues, place_toks) for i in [*toks, *partner])
        later = second or all(_first_conjunct(doc[i], place_toks) != i for i in toks)
        place = places[idx] if idx < len(places) else None
        resolved = place is None or place.candidate is not None
        feature = 0
        if place is not None and place.candidate is not None:
            feature = FEATURE_COST.get(place.candidate.feature_class, 0)
            cost += feature
        if idx in qualifiers:
            cost += QUALIFIER_COST + qualifiers[idx]  # the district before the oblast
        if _colon_label(doc, toks):
            cost += LABEL_COST
        scored.append((cross > 0 or cost > MAX_PARSE_COST, not resolved, cost, feature,
                       later, abs(toks[0] - trigger.i), idx))
    if not scored:
        return None, "none", 0
    scored.sort()
    far, _, cost, _, _, _, idx = scored[0]
    base = cost
    if not far:
        # A village beats its oblast, an oblast its country, when both are in the clause
        # ("the beaches of Crimea near Yevpatoria").
        seen = {idx}
        while True:
            inner = [s for s in scored if not s[0] and s[2] <= base + NESTED_SLACK
                     and s[6] not in seen and (_contains(places, idx, s[6]) or _finer_inside(
                         places, candidates, idx, s[6], doc) or _held_finer(
                         places, candidates, idx, s[6], doc))]
            if not inner:
                break
            cost, idx = inner[0][2], inner[0][6]
            seen.add(idx)
    # A river or reservoir is no point to put an event at: a town named by it about as near
    # in the parse is ("crossed the Dnipro and landed near Hola Prystan", "an attempt to
    # cross the Dnipro near Kherson"), unless the event only heads for the town
    # ("advancing along the Dnieper towards Kherson").
    if _water(places, idx):
        towns = [s for s in scored if s[0] == far and s[2] <= base + NESTED_SLACK
                 and _town(places, s[6]) and not _heads_for(trigger, candidates[s[6]])]
        # Failing that, any settlement or area the sentence names beats the water body: a
        # river's point lies hundreds of km from the reach the report means ("evacuating
        # civilians across the Dnipro" after "martial law in Kherson region"; "the water
        # level in the Dnipro" that "officials in Kherson" warned of).
        # (Not a place down in a purpose clause: "flooded the Irpin floodplain to slow the
        # advance on Kyiv".)
        # (A sea the clause itself names is where a ship was hit: a town only across a
        # clause is where the claim was made, "in a statement from Sanaa".)
        land = [s for s in scored if not s[1] and _on_land(places, s[6])
                and not (s[0] and not far and _marine(places, idx))
                and not _heads_for(trigger, candidates[s[6]])
                and any(not any(t.dep_ in CLAUSAL for t in _path(trigger, doc[i])[1])
                        for i in candidates[s[6]])]
        if towns:
            cost, idx = towns[0][2], towns[0][6]
        elif land:
            far, cost, idx = land[0][0], land[0][2], land[0][6]
    # A country is no point to put an event at: a town of it that the sentence names is
    # ("missiles at cities across Ukraine, with hits recorded in Dnipro").
    if _country(places, idx):
        # (not the town of whoever reports it: "troops began arriving in Belarus, the
        # defence ministry in Minsk said")
        inside = [s for s in scored if _town(places, s[6]) and _contains(places, idx, s[6])
                  and not _in_source(doc, candidates[s[6]])]
        if inside:
            far, cost, idx = inside[0][0], inside[0][2], inside[0][6]
        # a country modifying the attack noun is who attacked ("Israel strike kills seven
        # aid workers in Deir al-Balah", "Russia's attack on Kharkiv"): any place named
        # within the country's borders or not, but no other country, wins
        elif any(doc[i].dep_ in ("compound", "poss") and doc[i].head.i == trigger.i
                 for i in candidates[idx]):
            towns = [s for s in scored if s[6] != idx and not s[1]
                     and not _country(places, s[6]) and not _water(places, s[6])]
            if towns:
                far, cost, idx = towns[0][0], towns[0][2], towns[0][6]
    # Nor is a first-level region when the same clause narrows it down to a town of it
    # ("killed in Donetsk Oblast, most of them in Pokrovsk"); not the region's own
    # qualifier ("in Zaporizhzhia region (Zaporizhzhia)"), nor a town of another verb
    # ("drones launched at the Kyiv region, but debris damaged a house in Bucha").
    elif _region1(places, idx):
        inside = [s for s in scored if _town(places, s[6]) and s[6] not in qualifiers
                  and _contains(places, idx, s[6])
                  and _same_verb(doc, candidates[idx], candidates[s[6]])]
        if inside:
            far, cost, idx = inside[0][0], inside[0][2], inside[0][6]
    # Nor is a region that only locates the town named right before it ("shot down drones
    # over Kosti, in White Nile state", "Nikopol (Nikopol, Dnipropetrovsk)"), however the
    # parser hung it: that town is where it happened.
    if idx in qualifiers and idx < len(places):
        located = [s for s in scored if s[6] != idx and not s[1] and _town(places, s[6])
                   and places[s[6]].mention.end <= places[idx].mention.start
                   and _contains(places, idx, s[6])]
        if located:
            town = max(located, key=lambda s: places[s[6]].mention.end)
            far, cost, idx = town[0], town[2], town[6]
    # Nor is a stretch of front named after a town ("in the Kramatorsk direction the enemy
    # tried to advance near Chasiv Yar and was repelled"): a town along that front the
    # sentence sets something at is, even down another clause (not a source's town, a
    # qualifier or an origin: "Kharkiv governor", "(Donetsk)", "from Kherson").
    if _sector(doc, candidates[idx], place_toks) and _cand(places, idx) is not None:
        along = [s for s in scored if s[6] != idx and not s[1] and _town(places, s[6])
                 and s[6] not in qualifiers
                 and not _sector(doc, candidates[s[6]], place_toks)
                 and any(doc[i].dep_ == "pobj" and doc[i].head.lower_ in _lw("site_prep")
                         for i in candidates[s[6]])
                 and _km(places[s[6]].candidate, places[idx].candidate) <= SECTOR_KM]
        if along:
            far, cost, idx = along[0][0], along[0][2], along[0][6]
    # A district the gazetteer knows only as a namesake elsewhere ("the Korabel district"
    # read as a locality 400 km away) is a part of the city the sentence names: the city.
    if _city_part(places, idx):
        cities = [s for s in scored if _city(places, s[6])
                  and _km(places[s[6]].candidate, places[idx].candidate) > CITY_PART_KM]
        if cities:
            far, cost, idx = cities[0][0], cities[0][2], cities[0][6]
    # A street, square or village said to be in a town ("Khreshchatyk in Kyiv", "Kyiv's
    # Independence Square") whose reading lies far from that town is a namesake: the town.
    # (A village in another region's namesake: "Bilozerka in Kherson" names the oblast.)
    inner = _cand(places, idx)
    holders = [s for s in scored if s[6] != idx and _town(places, s[6])
               and (_holds(doc, candidates[idx], candidates[s[6]]) or (
                   # "the X neighbourhood of Y" reads either way round: the town is the
                   # larger of the two readings
                   _holds(doc, candidates[idx], candidates[s[6]], parts=True)
                   and places[s[6]].candidate.population >= inner.population))
               and _km(places[s[6]].candidate, inner) > HELD_FAR_KM
               and (places[s[6]].candidate.country_code, places[s[6]].candidate.admin1_code)
               != (inner.country_code, inner.admin1_code)] if inner is not None else []
    # So is a place said to be in a region or country whose reading lies in another
    # country ("the Ain al-Asad air base in Iraq's Anbar province" read as Ain, France).
    if inner is not None and not holders:
        holders = [s for s in scored if s[6] != idx and not s[1]
                   and (_region1(places, s[6]) or _country(places, s[6]))
                   and places[s[6]].candidate.country_code not in ("", inner.country_code)
                   and _holds(doc, candidates[idx], candidates[s[6]])]
    if holders:
        far, cost, idx = holders[0][0], holders[0][2], holders[0][6]
    # A site named after one place and set at or near another ("the Kursk nuclear power
    # plant at Kurchatov", "the Machulishchy airfield near Minsk") stands at one of them.
    site = _named_site(doc, places, candidates, idx)
    if site is not None:
        found = [s for s in scored if s[6] == site and s[0] <= far and not s[1]]
        if found:
            far, cost, idx = found[0][0], found[0][2], site
    return idx, ("sentence" if far else "parse"), cost


# A site named after a town "near" a larger one within this distance stands at its
# namesake: the larger town only says where that is.
NAMESAKE_SITE_KM = 30.0


def _site_head(tok: Token) -> Token | None:
    """The site noun a place's name modifies ("Kursk" -> "plant" in "the Kursk nuclear
    power plant"; "Saky" -> "base" in "the Saky air base"), or None."""
    if tok.dep_ not in ("compound", "nmod", "amod", "poss"):
        return None
    head = tok.head
    while head.dep_ in ("compound", "amod", "nmod") and head.head.i > head.i \
            and head.pos_ in ("NOUN", "ADJ", "PROPN"):
        head = head.head
    return head if head.i > tok.i and _lem(head) in _lw("site_noun") else None


def _named_site(doc: Doc, places: Sequence[Place], candidates: Mapping[int, list[int]],
                idx: int) -> int | None:
    """Where a site named after one place and set at or near another by a point
    preposition stands, when the event's place is one of the two: at the place the
    preposition names ("the Kursk nuclear power plant at Kurchatov", "the Zaporizhzhia
    plant near Enerhodar"), unless "near" names a larger town within NAMESAKE_SITE_KM of
    the site's namesake ("the Machulishchy airfield near Minsk", "the Engels air base near
    Saratov": airfields and bases take the name of the village they stand by, and reports
    add the city everyone knows). None when no such pair holds the event's place."""
    heads = {}
    for i, toks in candidates.items():
        if _lem(doc[toks[-1]]) in _lw("site_noun"):
            heads[i] = doc[toks[-1]]  # the mention is the site ("the Engels air base")
            continue
        for t in toks:
            h = _site_head(doc[t])
            if h is not None and h.i not in toks:
                heads[i] = h
    if not heads:
        return None
    for name, head in heads.items():
        for at, toks in candidates.items():
            if at == name or idx not in (name, at):
                continue
            prep = next((doc[t].head for t in toks if doc[t].dep_ == "pobj"
                         and doc[t].head.lower_ in _lw("point_prep")), None)
            if prep is None or not (prep.head.i == head.i or (
                    prep.head.i == head.head.i and head.dep_ in ("dobj", "pobj", "nsubjpass"))):
                continue
            named, site = _cand(places, name), _cand(places, at)
            if named is None or site is None:
                continue
            if named.feature_class == "S" and site.feature_class != "S":
                return name  # the gazetteer knows the site itself
            if (prep.lower_ != "at" and named.feature_class == site.feature_class == "P"
                    and named.population < site.population
                    and _km(named, site) <= NAMESAKE_SITE_KM):
                return name
            return at
    return None


# A place said to be in a town lies within this distance of the town's point.
HELD_FAR_KM = 50.0


def _holds(doc: Doc, inner: Sequence[int], outer: Sequence[int], parts: bool = False) -> bool:
    """Does the parse put the inner place in the outer one: "X in Y", "Y's X", "Y's X
    Square" (the outer one owning, or the object of "in" on, the noun the inner one names)?
    With ``parts``, also "the X neighbourhood of Y" and "the Y neighbourhood of X" (English
    names the part first as often as the town: only where the inner reading cannot lie in
    the outer place)."""
    out = set(outer)
    last = max(inner)
    if last + 2 < len(doc) and doc[last + 1].lower_ == "in":
        # (however the parser attached "in Kyiv"; past "the" and a compass part: "Khan
        # Younis in southern Gaza", "Sittwe in the west of Rakhine")
        k = last + 2
        while k < len(doc) - 1 and k not in out and (
                doc[k].lower_ == "the" or _compass_word(doc[k]) or doc[k].text in ("-", "‐")
                or doc[k].lower_ == "of" and _compass_word(doc[k - 1])):
            k += 1
        if k in out:
            return True
    part_nouns = load_cues()["locnoun"] | _lw("place_noun") | _lw("named_by_compound")
    for i in inner:
        tok = doc[i]
        while tok.dep_ == "compound" and tok.head.i != tok.i:
            tok = tok.head
        if parts and tok.dep_ == "pobj" and tok.head.lower_ == "of" \
                and _lem(tok.head.head) in part_nouns and any(
                    c.dep_ == "compound" and c.i in out for c in tok.head.head.children):
            return True  # "the Gaza neighbourhood of Shujaiya"
        for c in tok.children:
            if c.dep_ == "poss" and c.i in out:
                return True
            if c.dep_ == "prep" and any(g.i in out for g in c.children) and (
                    c.lower_ == "in" or parts and c.lower_ == "of" and tok.i != i
                    and _lem(tok) in part_nouns):
                return True
    return False


def _in_source(doc: Doc, toks: Sequence[int]) -> bool:
    """Is the place inside the subject of a verb of saying ("the defence ministry in Minsk
    said")?"""
    return any(a.dep_ == "nsubj" and _lem(a.head) in _w("say")
               for i in toks for a in [doc[i], *doc[i].ancestors])


def _compass_word(tok: Token) -> bool:
    """A compass part or its adjective: "southern", "north-eastern", "central"."""
    word = tok.lower_.replace("-", "")
    return word in _DIRECTIONS or word == "central" or (
        word.endswith("ern") and word[:-3] in _DIRECTIONS)


# A gazetteer point this close to the city may be the named part of it.
CITY_PART_KM = 10.0
_CITY_CODES = frozenset({"PPLC", "PPLA", "PPLA2"})


def _sector(doc: Doc, toks: Sequence[int], place_toks: frozenset[int]) -> bool:
    """Does the place name a stretch of front ("the Kramatorsk direction", "the Bakhmut
    front", either of "the Bakhmut and Avdiivka directions")?"""
    inside = set(toks)
    heads = [doc[_first_conjunct(doc[i], place_toks)] for i in toks]
    return any(t.head.i not in inside and t.dep_ in ("compound", "amod", "nmod")
               and _lem(t.head) in _lw("front_sector") for t in [*map(doc.__getitem__, toks),
                                                                 *heads])


def _city_part(places: Sequence[Place], idx: int) -> bool:
    """A mention worded as a district ("the Korabel district") whose reading is no
    administrative area: a city district the gazetteer does not hold."""
    if idx >= len(places):
        return False
    p = places[idx]
    return p.mention.hint == "district" and p.candidate is not None \
        and p.candidate.feature_class != "A"


def _city_before(places: Sequence[Place], idx: int, literal: Mapping[int, object]) -> int | None:
    """For an unresolved mention worded as a district, the nearest literal city (capital or
    admin centre) named before it, else None."""
    p = places[idx]
    if p.mention.hint != "district":
        return None
    before = [i for i in literal if _city(places, i) and places[i].mention.end <= p.mention.start]
    return max(before, key=lambda i: places[i].mention.start, default=None)


def _cand(places: Sequence[Place], idx: int) -> Candidate | None:
    """The resolved entry of place ``idx``, None when unresolved or out of range."""
    return places[idx].candidate if idx < len(places) else None


def _country(places: Sequence[Place], idx: int) -> bool:
    c = _cand(places, idx)
    return c is not None and c.feature_code.startswith("PCL")


def _verb_of(tok: Token) -> Token:
    """The nearest verb above a token (the token's clause), else the root. A participle in
    an absolute "with" phrase belongs to the verb the phrase elaborates ("announced
    mobilisation in Crimea, with summonses handed out in Simferopol")."""
    while tok.head.i != tok.i and (tok.pos_ not in ("VERB", "AUX") or (
            tok.dep_ == "acl" and tok.head.dep_ == "pobj" and tok.head.head.lower_ == "with")):
        tok = tok.head
    return tok


def _same_verb(doc: Doc, outer: Sequence[int], inner: Sequence[int]) -> bool:
    """Do two places hang off the same verb ("killed in X, most of them in Y")?"""
    return bool({_verb_of(doc[i]).i for i in outer} & {_verb_of(doc[i]).i for i in inner})


def _region1(places: Sequence[Place], idx: int) -> bool:
    """A first-level region or one like it (a peninsula such as Crimea, a named region)."""
    c = _cand(places, idx)
    return c is not None and c.feature_code.lower() in _lw("admin1_code")


def _city(places: Sequence[Place], idx: int) -> bool:
    c = _cand(places, idx)
    return c is not None and c.feature_code in _CITY_CODES


def _km(a: Candidate, b: Candidate) -> float:
    return great_circle((a.lat, a.lon), (b.lat, b.lon)).km


def _heads_for(trigger: Token, toks: Sequence[int]) -> bool:
    """Is the place reached from the trigger only as a goal ("towards Kherson", "to Izium")?"""
    doc = trigger.doc
    return all(any(t.dep_ == "prep" and t.lower_ in ("to", "towards", "toward", "into")
                   for t in _path(trigger, doc[i])[1]) for i in toks)


def _water(places: Sequence[Place], idx: int) -> bool:
    c = _cand(places, idx)
    return c is not None and c.feature_class == "H"


def _speech_site(trigger: Token, toks: Sequence[int]) -> bool:
    """Is the place where something was said rather than done: the place of a verb of
    saying ("told reporters in Washington", "said in a statement from Sanaa", "speaking at
    a briefing in Brussels")? Not when the event is what the verb reports ("announced the
    withdrawal from X", "claims capture of X", "air defences were reported active over X")."""
    doc = trigger.doc
    for i in toks:
        tok = doc[i]
        if tok in trigger.subtree:
            continue
        while tok.dep_ == "compound" and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ != "pobj" or tok.head.dep_ != "prep":
            continue
        head = tok.head.head
        # up through the nouns the place hangs on ("a statement from X", "reporters in X")
        while head.pos_ in ("NOUN", "PROPN") and head.i != trigger.i and head.head.i != head.i \
                and (head.dep_ == "pobj" and head.head.dep_ == "prep"
                     or head.dep_ in ("dobj", "dative") and _lem(head.head) == "tell"):
            head = head.head.head if head.dep_ == "pobj" else head.head
        if head.pos_ not in ("VERB", "AUX") or _lem(head) not in _w("say") | {"speak"}:
            continue
        reported = [t for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr",
                                                            "oprd") for t in c.subtree]
        if trigger not in reported:
            return True
    return False


def _marine(places: Sequence[Place], idx: int) -> bool:
    """A sea, gulf, strait or ocean (not a river, lake or reservoir)."""
    c = _cand(places, idx)
    return c is not None and c.feature_code.lower() in _lw("marine_code")


def _on_land(places: Sequence[Place], idx: int) -> bool:
    """A resolved place finer than a country that is no water body: a settlement, spot or
    administrative area."""
    c = _cand(places, idx)
    return c is not None and c.feature_class != "H" and not c.feature_code.startswith("PCL")


def _town(places: Sequence[Place], idx: int) -> bool:
    c = _cand(places, idx)
    return c is not None and c.feature_class == "P"


def _first_conjunct(tok: Token, place_toks: frozenset[int]) -> int:
    """The first of a list of places that ``tok`` is a later conjunct of (else ``tok``)."""
    while tok.dep_ == "conj" and tok.head.i in place_toks and tok.head.i != tok.i:
        tok = tok.head
    return tok.i


def _route_end(trigger: Token, tok: Token, place_toks: frozenset[int]) -> bool:
    """Is a place token one end of the route a trigger names: under its 'between' ("traffic
    between Kyiv and Odesa") or one of a hyphened pair modifying it ("the Kyiv-Kharkiv
    motorway")?"""
    up, down = _path(trigger, tok)
    if any(t.dep_ == "prep" and t.lower_ == "between" for t in [*up[1:], *down]):
        return True
    return bool(_hyphen_partner(tok.doc, [tok.i], place_toks)[0]) and any(
        t.i == trigger.i or t.head.i == trigger.i for t in down)


def _hyphen_partner(doc: Doc, toks: Sequence[int], place_toks: frozenset[int]
                    ) -> tuple[list[int], bool]:
    """The other town of a hyphened pair ("the Svatove-Kreminna line"), and whether this
    one is the second: the pair is one argument that runs from the first."""
    def unspaced(k: int) -> bool:
        return 0 < k < len(doc) - 1 and doc[k].text in ("-", "‐") \
            and not doc[k - 1].whitespace_ and not doc[k].whitespace_
    lo, hi = min(toks), max(toks)
    if unspaced(lo - 1) and lo - 2 in place_toks:
        return [lo - 2], True
    if unspaced(hi + 1) and hi + 2 in place_toks:
        return [hi + 2], False
    return [], False


def _between_partner(doc: Doc, toks: Sequence[int], candidates: Mapping[int, list[int]]
                     ) -> tuple[list[int], bool]:
    """The other place of "between A and B" ("the highway between Bakhmut and Chasiv
    Yar"), and whether this one is B: the pair is one argument, however the parser split
    it, and runs from A. So is "in A and B" after a locative preposition ("water levels
    peaked in Oleshky and Hola Prystan", parsed with A as a modifier of B's last word)."""
    lo, hi = min(toks), max(toks)
    spans = [sorted(t) for t in candidates.values() if t]
    preps = _lw("locative_prep") | {"between"}
    if lo >= 1 and doc[lo - 1].lower_ in preps and hi + 2 < len(doc) \
            and doc[hi + 1].lower_ == "and":
        other = next((t for t in spans if t[0] == hi + 2), None)
        if other:
            return other, False
    if lo >= 3 and doc[lo - 1].lower_ == "and":
        other = next((t for t in spans if t[-1] == lo - 2), None)
        if other and other[0] >= 1 and doc[other[0] - 1].lower_ in preps:
            return other, True
    return [], False


def _finer_inside(places: Sequence[Place], candidates: Mapping[int, list[int]], outer: int,
                  inner: int, doc: Doc) -> bool:
    """Does a finer place hang off a coarser one in the parse: "the right bank of the
    Dnipro, including Kherson", "a dam on the Inhulets river in Kryvyi Rih"?"""
    if max(outer, inner) >= len(places):
        return False
    a, b = places[outer].candidate, places[inner].candidate
    if a is None or b is None or _coarseness(b) >= _coarseness(a):
        return False
    outer_toks = set(candidates[outer])
    return any(t.i in outer_toks for i in candidates[inner] for t in doc[i].ancestors)


def _held_finer(places: Sequence[Place], candidates: Mapping[int, list[int]], outer: int,
                inner: int, doc: Doc) -> bool:
    """Does the sentence put a place no coarser than another one inside it ("Khan Younis
    in southern Gaza", "Crimea's Saky air base"): the place it names in the other is the
    more specific one. (A reading far away is a namesake: see HELD_FAR_KM.)"""
    if max(outer, inner) >= len(places):
        return False
    a, b = places[outer].candidate, places[inner].candidate
    if a is None or b is None or a.id == b.id or b.feature_class == "H" \
            or 0 < _coarseness(b) >= _coarseness(a):  # ("its border with Russia in the
        return False                                   # Kharkiv region": no town inside)
    return _holds(doc, candidates[inner], candidates[outer])


def _coarseness(c: Candidate) -> int:
    """0 for a town or spot, 1 for a district, 2 for a river, region or country."""
    if c.feature_class in ("H", "L") or c.feature_code.startswith("PCL") \
            or c.feature_code.lower() in _lw("admin1_code"):
        return 2
    return 1 if c.feature_class == "A" else 0


def _contains(places: Sequence[Place], outer: int, inner: int) -> bool:
    """Does the gazetteer entry of place ``outer`` (a country or admin-1 region) contain
    that of ``inner``?"""
    if max(outer, inner) >= len(places):
        return False
    a, b = places[outer].candidate, places[inner].candidate
    if a is None or b is None or a.id == b.id:
        return False
    if a.feature_code.startswith("PCL"):
        return b.country_code == a.country_code and not b.feature_code.startswith("PCL")
    regions = _lw("admin1_code")  # lower-cased feature codes
    if a.feature_code.lower() in regions and a.admin1_code:
        return b.admin1_code == a.admin1_code and b.feature_code.lower() not in regions \
            and not b.feature_code.startswith("PCL")
    # The gazetteer keeps no second-level code: a district holds a finer place of its
    # admin-1 region that lies within a district's reach of its point ("Bilohorivka
    # village, Sievierodonetsk district").
    if a.feature_code.lower() in _lw("district_code") and a.admin1_code:
        return b.admin1_code == a.admin1_code and _coarseness(b) == 0 \
            and _km(a, b) <= DISTRICT_REACH_KM
    return False


# How far from a district's point a place of it may lie (a Ukrainian raion since 2020, a
# Syrian or Somali district, spans up to ~100 km).
DISTRICT_REACH_KM = 60.0


# --- dates ----------------------------------------------------------------------------


def event_date(trigger: Token, article_date: str | None) -> str | None:
    """The date of the sentence's date expression nearest to the trigger in the parse."""
    sent = trigger.sent
    ents = [e for e in sent.ents if e.label_ in ("DATE", "TIME")]
    ranked = sorted(ents, key=lambda e: (place_cost(trigger, e.root, "")[1],
                                         abs(e.start - trigger.i)))
    for ent in ranked:
        text = ent.text
        # spaCy leaves the preposition out of the entity; "since"/"back in" do not change
        # the start date, "last" is inside the entity already.
        iso = resolve_date(text, article_date)
        if iso:
            return iso
    return None


# --- the public interface -------------------------------------------------------------


def _own_territory(tok: Token, places: Sequence[Place],
                   by_place: dict[int, list[int]]) -> int | None:
    """The state or capital that is the subject of the trigger's clause, for actions a
    government takes at home ("Russia will conscript 147,000 men", "Belarus is forming
    units"): with no place named, its own territory is where they happen."""
    verb = tok
    while verb.dep_ in ("dobj", "pobj", "prep", "xcomp", "attr", "compound", "amod", "conj") \
            and verb.head.i != verb.i:
        verb = verb.head
    while verb.dep_ == "advcl" and verb.tag_ == "VBG" and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        verb = verb.head  # "…, calling up 300,000 reservists": the main clause's actor
    # (or the state whose call-up the trigger or the verb's object is: "ordered Russia's
    # first mobilisation, calling up 300,000 reservists")
    subjects = {c.i for c in verb.children if c.dep_ == "nsubj"} | {
        c.i for n in [tok, *(o for o in verb.children if o.dep_ == "dobj"
                             and _lem(o) in _w("home_call_up"))]
        for c in n.children if c.dep_ == "poss"}
    for idx, toks in by_place.items():
        cand = places[idx].candidate
        if subjects & set(toks) and cand is not None and (
                cand.feature_code in GOVERNMENT_CODES):
            return idx
    return None


def _is_country(tok: Token, places: Sequence[Place], by_place: dict[int, list[int]]) -> bool:
    for idx, toks in by_place.items():
        if tok.i in toks:
            cand = places[idx].candidate
            return cand is not None and cand.feature_code.startswith("PCL")
    return False


def _qualifier_places(text: str, places: Sequence[Place]) -> dict[int, int]:
    """Places in parentheses right after another place: "Nikopol (Nikopol, Dnipropetrovsk)",
    mapped to their rank inside the parentheses (0 for the district, 1 for the oblast); a
    region after a comma that contains the place before it ("Falam township, Chin state"),
    rank 1."""
    # A mention may carry the bracket or a space ("Bakhmut ("): compare where its name ends.
    ends = sorted(p.mention.start + len(p.mention.text.rstrip(" ([")) for p in places)
    out: dict[int, int] = {}
    for idx, p in enumerate(places):
        open_at = text.rfind("(", 0, p.mention.start)
        if open_at < 0 or ")" in text[open_at:p.mention.start]:
            continue
        if text.find(")", p.mention.end) < 0:
            continue
        before = text[:open_at].rstrip()
        # "Nikopol (…)", "Marhanets community (…)": a place, then at most two words.
        cuts = {len(before)}
        for n in (1, 2):
            words = re.search(rf"(?:\s+[\w'’-]+){{{n}}}$", before)
            if words:
                cuts.add(words.start())
        if any(e in cuts for e in ends):
            out[idx] = text.count(",", open_at, p.mention.start)
    # The region after a comma that locates the place before it ("in Falam township, Chin
    # state"; the parser may hang it anywhere): only a region containing that place.
    for idx, p in enumerate(places):
        comma = text.rfind(",", 0, p.mention.start)
        # (also "in Ariha, in southern Idlib": a preposition and a compass word between)
        if idx in out or comma < 0 or not _QUALIFIER_GAP.fullmatch(
                text[comma + 1:p.mention.start]):
            continue
        before = text[:comma].rstrip()
        cuts = {len(before)}
        words = re.search(r"\s+[\w'’-]+$", before)  # "Falam township"
        if words:
            cuts.add(words.start())
        if any(q.mention.start + len(q.mention.text.rstrip(" ([")) in cuts
               and (_contains(places, idx, j) or _seat_for_region(places, idx, j))
               for j, q in enumerate(places)):
            out[idx] = 1
    # The town a place is measured from ("the village of Huwara, south of Nablus", "the
    # al-Mawasi area west of Khan Younis", "Sake, a town about 25 km west of Goma") only
    # locates the place named before it: the event is at that place, not at the town.
    # (Not a sea: "a tanker in the Gulf of Aden, 60 nautical miles southeast of Aden" is
    # placed at the port it is measured from, a point the sea's centre is not.)
    for idx, p in enumerate(places):
        if idx in out:
            continue
        gap_end = p.mention.start
        for j, q in enumerate(places):
            end = q.mention.start + len(q.mention.text.rstrip(" ([,"))
            if end < gap_end and not _water(places, j) \
                    and _MEASURED_GAP.fullmatch(text[end:gap_end]):
                out[idx] = 1
                break
    return out


# between a place and the town it is measured from: a comma or a place noun, an optional
# "a town", an optional distance, a compass word and "of" ("Huwara, south of Nablus",
# "the al-Mawasi area west of Khan Younis", "Sake, a town about 25 km west of Goma")
_MEASURED_GAP = re.compile(
    r"(?:\s*,|\s+(?:area|district|camp|neighbourhood|neighborhood|village|town|suburb|"
    r"quarter|base|crossing))\s+(?:(?:an?|the)\s+(?:[\w-]+\s+)?(?:town|village|city|camp|area|"
    r"district|suburb|settlement|base|port|outpost|crossing)\s+)?"
    r"(?:(?:about|some|around|roughly|nearly|almost|just|only)\s+)?"
    r"(?:[\d.,]+\s*-?\s*(?:km|kilometres?|kilometers?|miles?|nautical\s+miles?)\s+)?"
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)\s+of\s+"
    r"(?:the\s+)?(?:city\s+of\s+|town\s+of\s+)?", re.IGNORECASE)


# between the comma and a qualifying region: nothing, or "in (the) southern"
_QUALIFIER_GAP = re.compile(r"\s*(?:in\s+(?:the\s+)?(?:(?:north|south)?-?(?:east|west)?(?:ern)?"
                            r"|central)?\s*)?", re.IGNORECASE)


def _seat_for_region(places: Sequence[Place], outer: int, inner: int) -> bool:
    """Is place ``outer`` read as the admin-1 seat named like its region ("Idlib") where the
    text qualifies a town of that region with it ("Ariha, in southern Idlib")? A town does
    not contain another town: the name stands for the region."""
    a, b = _cand(places, outer), _cand(places, inner)
    if a is None or b is None or a.id == b.id or a.feature_code != "PPLA" or not a.admin1_code:
        return False
    return b.admin1_code == a.admin1_code and b.feature_class == "P" \
        and normalize_name(a.name) in normalize_name(a.admin1)


def _place_tokens(doc: Doc, places: Sequence[Place]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for idx, p in enumerate(places):
        span = doc.char_span(p.mention.start, p.mention.end, alignment_mode="expand")
        if span is None:
            continue
        out[idx] = [t.i for t in span]
    return out


def content_lemmas(tokens: Iterable[Token]) -> list[str]:
    """The words a report's type is guessed from: lower-case lemmas of nouns, verbs,
    adjectives and adverbs outside named entities (no places, parties or dates)."""
    return [_lem(t) for t in tokens if t.pos_ in _CONTENT_POS and t.is_alpha and not t.is_stop
            and not t.ent_type_]


@dataclass(frozen=True, slots=True)
class _Exemplars:
    types: tuple[str, ...]
    sources: tuple[str, ...]
    vectors: tuple[dict[str, float], ...]
    norms: tuple[float, ...]
    idf: dict[str, float]


def _tfidf(words: Iterable[str], idf: Mapping[str, float]) -> dict[str, float]:
    return {w: (1 + math.log(c)) * idf.get(w, 0.0) for w, c in Counter(words).items()}


@lru_cache(maxsize=1)
def load_exemplars() -> _Exemplars:
    """Labelled reports as tf-idf vectors (data/event_exemplars.tsv; type '-' = no event)."""
    rows = []
    for lineno, row in _data_rows("event_exemplars.tsv"):
        if len(row) < 3 or (row[0] not in EVENT_TYPES and row[0] != "-"):
            raise LexiconError(f"geomap/data/event_exemplars.tsv:{lineno}: expected type, "
                               "lemmas and source (tab-separated) with a known type or '-'. "
                               "Rebuild it: python benchmarks/eval_events.py --write-exemplars")
        rows.append((row[0], row[1].split(), row[2]))
    df = Counter(w for _, words, _ in rows for w in set(words))
    idf = {w: math.log(len(rows) / (1 + n)) for w, n in df.items()}
    vectors = tuple(_tfidf(words, idf) for _, words, _ in rows)
    return _Exemplars(tuple(r[0] for r in rows), tuple(r[2] for r in rows), vectors,
                      tuple(math.sqrt(sum(x * x for x in v.values())) or 1.0 for v in vectors),
                      idf)


@contextmanager
def held_out_exemplars(source_prefix: str) -> Iterator[None]:
    """Leave the exemplars whose source starts with ``source_prefix`` out of the fallback
    (an evaluation scores a labelled set without its own rows)."""
    token = _EXEMPLAR_EXCLUDE.set(source_prefix)
    try:
        yield
    finally:
        _EXEMPLAR_EXCLUDE.reset(token)


def nearest_type(words: Sequence[str]) -> tuple[str, float]:
    """The type its FALLBACK_K nearest exemplars give a bag of content lemmas, with the
    share of their similarity that agrees ('-' = no event; ('-', 0.0) with no overlap)."""
    ex = load_exemplars()
    query = _tfidf(words, ex.idf)
    qnorm = math.sqrt(sum(x * x for x in query.values()))
    if not qnorm:
        return "-", 0.0
    skip = _EXEMPLAR_EXCLUDE.get()
    sims = []
    for typ, source, vec, norm in zip(ex.types, ex.sources, ex.vectors, ex.norms):
        if skip and source.startswith(skip):
            continue
        sim = sum(x * vec.get(w, 0.0) for w, x in query.items()) / (qnorm * norm)
        if sim > 0:
            sims.append((sim, typ))
    sims.sort(reverse=True)
    vote: Counter[str] = Counter()
    for sim, typ in sims[:FALLBACK_K]:
        vote[typ] += sim
    if not vote:
        return "-", 0.0
    typ, weight = vote.most_common(1)[0]
    return typ, weight / sum(vote.values())


def _falling_level(tok: Token) -> bool:
    """A water level said to fall ("the falling water level", "the level is dropping"),
    with no breach of the dam reported (then the fall is that flood's effect)."""
    words = [tok, tok.head, *tok.children, *(c for c in tok.head.children if c.i != tok.i)]
    return "level" in tok.text.lower() and any(_lem(t) in _w("level_fall") for t in words) \
        and not any(_lem(t) in _w("dam_break") for t in tok.sent)


def _fallback_hit(doc: Doc) -> _Hit | None:
    """For a short report that names no event: its nearest exemplars' type on the main verb
    of its first sentence, when they agree well enough (not a verb of giving: "France will
    deliver more howitzers" is aid, whatever its neighbours were; nor of procedure: "the
    council approved the budget" shares only topic words with protests over budgets)."""
    sents = list(doc.sents)
    if not sents or len(sents) > FALLBACK_MAX_SENTENCES:
        return None
    senses = load_senses()
    if _lem(sents[0].root) in senses["transfer_verb"] | senses["send_verb"] \
            | senses["procedure_verb"]:
        return None  # aid given, or a council's procedure ("the council approved the budget")
    typ, share = nearest_type(content_lemmas(doc))
    if typ == "-" or share < FALLBACK_SHARE:
        return None
    root = sents[0].root
    rule = TriggerRule((_lem(root),), "fallback", "ANY", False, typ, "-", FALLBACK_WEIGHT, 0)
    return _Hit(root.i, root.i + 1, root, rule, typ)


def _headline_passives(doc: Doc) -> None:
    """Relabel the subject of a headline's reduced passive as a passive subject.

    Headlines drop the auxiliary ("Kharkiv plant destroyed", "Rail link severed"): the
    tagger reads a past participle with no auxiliary and no object, but the subject it
    finds is what the verb was done to, not who did it (the rules read ``nsubjpass``).
    Only in a headline (no full stop ends it): in prose such a participle is mostly a
    mis-tagged past tense ("Dozens of relatives lined up along the street."). Where the
    tagger reads the participle as a past tense ("Odesa substation destroyed"), only a
    subject that cannot be an agent (no people, forces, weapons or named actors) is read
    as what was done to it: "Russian troops retreated" keeps its subject.
    """
    agents = _w("troops") | _w("force_word") | _w("weapon") | _w("aerial") | _w("civilian")
    for tok in doc:
        if tok.tag_ not in ("VBN", "VBD") or tok.dep_ not in ("ROOT", "conj") or any(
                c.dep_ in ("aux", "auxpass", "dobj", "nsubjpass") for c in tok.children):
            continue
        last = next((t for t in reversed(tok.sent) if not t.is_space), tok)
        if last.text in (".", "!", "?") or last.is_quote and last.i > tok.sent.start \
                and doc[last.i - 1].text in (".", "!", "?"):
            continue
        for c in tok.children:
            if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") and (
                    tok.tag_ == "VBN" or c.pos_ == "NOUN" and not c.ent_type_
                    and _lem(c) not in agents):
                c.dep_ = "nsubjpass"


def tag_events(doc: Doc, places: Sequence[Place], *, date: str | None = None,
               focus: int | None = None) -> list[Event]:
    """Events found in ``doc``, each linked to an index of ``places`` (or None).

    ``places[i].mention.start/end`` are character offsets into ``doc.text``; metonymic places
    are never event locations but may be actors. ``date`` is the article date (ISO) that
    relative dates resolve against; ``focus`` the index of the article's focus place.
    """
    cues = load_cues()
    tax = load_taxonomy()
    _headline_passives(doc)
    by_place = _place_tokens(doc, places)
    all_place_tokens = {i for toks in by_place.values() for i in toks}
    literal = {idx: toks for idx, toks in by_place.items() if _locatable(places[idx])}
    qualifiers = _qualifier_places(doc.text, places)
    literal_focus = _literal_mention(places, focus)
    dateline = _dateline_town(places)
    hits = find_triggers(doc)
    trigger_idx = {i for h in hits for i in range(h.start, h.end)}
    unknown = True  # no trigger matched at all: the lexicon does not know this report
    kept = []
    for h in hits:
        # A place name is never a trigger ("Grad" the rocket vs a place called Grad), nor is
        # a date ("On 4 March"); the generic words of a facility's name may be ("the
        # Kakhovka dam", "the Zaporizhzhia nuclear power plant").
        if any((i in all_place_tokens and not doc[i].is_lower)
               or doc[i].ent_type_ in ("DATE", "TIME") for i in range(h.start, h.end)):
            continue
        unknown = False
        typ = None
        for rule in h.alts or (h.rule,):
            h.rule = rule
            typ = _resolve_type(h, doc, all_place_tokens, cues, trigger_idx)
            if typ is not None and not is_event_sense(h.head, doc[h.start:h.end], typ,
                                                      all_place_tokens,
                                                      topic=rule.weight < TOPIC_WEIGHT):
                typ = None  # a metaphor, a name, goods, a chat (geomap.event_senses)
            if typ is not None:
                break
        if typ is None:
            continue
        if typ == "strike" and _reciprocal(h.head):
            typ = "clash"  # fire both ways between two sides is an armed clash
        h.type = typ
        kept.append(h)
    kept = _drop_intercepted(kept, cues)
    labelled = note_label_type(doc.text)
    if labelled is not None and kept:
        # the note's own sub-event label types the events of its first sentence (the note's
        # event); later sentences (casualties, context) keep their own types
        first = doc[0].sent.start
        for h in kept:
            if h.head.sent.start == first:
                h.type = labelled
    _refer_back(kept, doc, all_place_tokens, trigger_idx)
    # topic words ("troops", "electricity") stand in only for a sentence that names no event
    eventful = {h.head.sent.start for h in kept if h.rule.weight >= TOPIC_WEIGHT}
    kept = [h for h in kept if h.rule.weight >= TOPIC_WEIGHT or h.head.sent.start not in eventful]
    if unknown:
        # (a trigger its context rules turned down stays turned down: "soldiers marched in
        # the parade" is no protest, whatever similar reports say)
        fallback_hit = _fallback_hit(doc)
        kept = [fallback_hit] if fallback_hit is not None else []

    events: list[Event] = []
    for h in kept:
        tok = h.head
        sent = tok.sent
        in_sent = {idx: [i for i in toks if sent.start <= i < sent.end]
                   for idx, toks in literal.items()}
        in_sent = {k: v for k, v in in_sent.items() if v}
        fallback = tax[h.type].fallback if h.type in tax else "focus"
        exclude = actor_tokens(tok, h.type, places, by_place, all_place_tokens, cues)
        place, link, cost = link_place(tok, in_sent, places, h.type, exclude=exclude,
                                       qualifiers=qualifiers, cues=cues)
        if h.type == "diplomacy" and place is not None:
            # Talks happen where the text says ("talks in Istanbul"), not where their topic is.
            cross, cost = min(place_cost(tok, doc[i], h.type, cues) for i in in_sent[place])
            via = _venue_preps(tok, in_sent[place])
            if "compound" in via and _town(places, place):
                via.add("at")
            if link != "parse" or cost > MAX_DIPLOMACY_COST or not via & {"in", "at", "near"}:
                place, link = None, "none"
        if h.type == "diplomacy":
            # (a venue hung inside the topic overrides the topic's own place)
            stray = _stray_venue(tok, in_sent, places, by_place)
            if stray is not None:
                place, link = stray, "parse"
        if fallback == "parse" and link != "parse":
            place, link = None, "none"
        if fallback == "actor" and link == "sentence" and _lem(tok) in _w("home_call_up") \
                and not _located_by(tok, in_sent[place]):
            # a call-up happens at home: a place the sentence only names as a modifier, not
            # as where anything is ("Russia calls up reservists to shore up the Ukraine
            # front"), gives way to the calling state's own territory
            own = _own_territory(tok, places, by_place)
            if own is not None:
                place, link = own, "actor"
        if place is not None and places[place].candidate is None:
            # a city district the gazetteer lacks ("hit in the Darnytskyi district") is a part
            # of the city the report named before it: the city, not no point at all
            city = _city_before(places, place, literal)
            if city is not None:
                place, link = city, "sentence"
        if place is None and fallback in ("focus", "actor") and literal_focus is not None:
            place, link = literal_focus, "focus"
        if fallback in ("focus", "actor") and dateline is not None and (
                place is None
                or link == "focus" and _contains(places, place, dateline)):
            # a wire flash whose event names no place of its own happened where it was
            # filed ("KHARKIV, Ukraine (AP) — A Russian missile slammed into a printing
            # house"): the dateline's town, not its country
            place, link = dateline, "focus"
        if place is None and fallback == "actor":
            place = _own_territory(tok, places, by_place)
            link = "actor" if place is not None else link
        cand = places[place].candidate if place is not None else None
        status = event_status(tok, h.type, cues, own_negation=h.rule.pattern[0] in ("no", "not")
                              or h.rule.requires == "no_supply")
        if h.type == "flooding" and status == "reported" and (
                _lem(tok) in cues["dam"] or h.rule.requires == "damage") \
                and not any(_lem(t) in _w("flood_word") and event_status(t, "flooding", cues)
                            == "reported" for t in sent):
            status = "threatened"  # a dam hit or mined is a flood threat, not a flood
        if h.type == "flooding" and status == "reported" and _falling_level(tok):
            status = "threatened"  # "the reservoir level is falling dangerously"
        span = doc[h.start:h.end]
        events.append(Event(
            type=h.type,
            trigger=span.text,
            trigger_start=span.start_char,
            trigger_end=span.end_char,
            sentence=sent.text.strip(),
            place=place,
            lat=cand.lat if cand else None,
            lon=cand.lon if cand else None,
            date=event_date(tok, date),
            actor=event_actor(tok, all_place_tokens, cues),
            status=status,  # type: ignore[arg-type]
            confidence=round(h.rule.weight * LINK_FACTOR[link] * max(0.8, 1 - 0.02 * cost), 3),
            link=link,
        ))
    return _dedupe(_share_venue(_narrow_to_contained(events, places, doc), doc), doc)


def _narrow_to_contained(events: list[Event], places: Sequence[Place], doc: Doc
                         ) -> list[Event]:
    """An event placed at a first-level region takes the place of an event of its type and
    status that its sentence, or the next one, places inside it: a headline and its deck,
    a clause or a lead and its detail, name one attack twice, once more precisely
    ("Explosions rock Crimea's Saky air base; Russia says ammunition detonated at Crimea
    airfield"). (Not an interception across a region: debris falls on a town of it, "shot
    down 14 drones over the Odesa region. Debris damaged a warehouse in Izmail". A country
    is the scale of a nationwide attack: "missiles across Ukraine ... strikes hit Kyiv"; an aim is
    no second report: "retaken 88 villages in the region since launching its offensive to
    retake Kherson".)"""
    out = []
    for ev in events:
        if ev.place is not None and _region1(places, ev.place):
            finer = next((o.place for o in events if o is not ev and o.type == ev.type
                          and o.status == ev.status and o.link == "parse"
                          and (o.sentence == ev.sentence or ev.type != "air_defense"
                               and _next_sentence(doc, ev, o))
                          and not _is_infinitive(_trigger_root(doc, o) or doc[0])
                          and o.place is not None and _cand(places, o.place) is not None
                          and _coarseness(places[o.place].candidate) == 0
                          and _contains(places, ev.place, o.place)), None)
            if finer is not None:
                cand = places[finer].candidate
                ev = replace(ev, place=finer, lat=cand.lat if cand else None,
                             lon=cand.lon if cand else None)
        out.append(ev)
    return out


def _next_sentence(doc: Doc, ev: Event, other: Event) -> bool:
    """Is ``other`` told in the sentence right after ``ev``'s? A lead that places an attack
    in a region is followed by the detail that names the town ("hit a landing ship off
    the coast of Crimea. The ship sank near Alupka")."""
    a, b = _trigger_root(doc, ev), _trigger_root(doc, other)
    return a is not None and b is not None and b.sent.start == a.sent.end


def _share_venue(events: list[Event], doc: Doc) -> list[Event]:
    """An offer, a plan or an agreement to meet is one gathering with the meeting its
    infinitive names: "offered to mediate … during an audience in Rome", "agreed to hold
    talks in Istanbul" take the venue of their complement."""
    heads: dict[int, Event] = {}
    for ev in events:
        trig = _trigger_root(doc, ev)
        if trig is not None and ev.type == "diplomacy":
            heads[trig.i] = ev
    out = []
    for ev in events:
        trig = _trigger_root(doc, ev)
        if ev.type == "diplomacy" and ev.place is None and trig is not None:
            venue = next((heads[c.i] for c in trig.children if c.dep_ == "xcomp"
                          and _is_infinitive(c) and c.i in heads
                          and heads[c.i].place is not None and heads[c.i].link == "parse"),
                         None)
            if venue is not None:
                ev = replace(ev, place=venue.place, lat=venue.lat, lon=venue.lon, link="parse",
                             confidence=round(ev.confidence / LINK_FACTOR[ev.link], 3))
        out.append(ev)
    return out


def _located_by(trigger: Token, targets: Iterable[int]) -> bool:
    """Whether a place is a location in the parse: reached from the trigger through a
    preposition other than 'of' ("stationed in Belarus", "sent to the front")."""
    doc = trigger.doc
    for i in targets:
        up, down = _path(trigger, doc[i])
        if any(t.dep_ == "prep" and t.lower_ != "of" for t in up + down):
            return True
    return False


def _venue_preps(trigger: Token, targets: Iterable[int]) -> set[str]:
    """How a diplomacy trigger reaches a place when that place is its venue: the venue
    hangs off the trigger, its verb, its object ("signed the deal in Istanbul") or its
    parties ("talks between the ministers in Istanbul"), not off the topic ("the situation
    in Ukraine was discussed")."""
    doc = trigger.doc
    # "travelled to Kaliningrad for talks": the goal of a journey made for the talks
    # ("arrived in Cairo for a new round of negotiations": the round is what it was for)
    purpose = trigger.head.head if trigger.head.lower_ == "of" and _lem(
        trigger.head.head) in _w("talks_round") else trigger
    host = _lem(trigger) in _w("host_verb") or (
        purpose.head.dep_ == "prep" and purpose.head.lower_ == "for"
        and _lem(purpose.head.head) in _w("journey_verb"))
    via: set[str] = set()
    for i in targets:
        up, down = _path(trigger, doc[i])
        # ("round of" adds two steps up)
        if not down or len(up) > (3 if purpose is trigger else 5) \
                or any(t.dep_ in CLAUSAL for t in up):
            continue
        steps = 0
        parties = False
        path = list(reversed(down))  # from the trigger's side
        gathering = -1
        for k, t in enumerate(path):
            if k == gathering:
                continue
            if t.dep_ == "compound" and _lem(t.head) in _lw("meeting_noun") and (
                    k == len(path) - 1):
                # "the Lviv talks", "the Istanbul round": a gathering named by its venue (a
                # town only, which the caller checks: "Ukraine talks" are about Ukraine)
                via.add("compound")
                break
            if t.dep_ == "prep" and t.lower_ in _lw("party_prep") and not parties:
                parties = True  # the venue of the talks may hang off their parties
                continue
            if parties and (t.dep_ in ("pobj", "conj", "appos")
                            or t.dep_ == "prep" and t.lower_ == "of"):
                continue  # ("talks with the head of Rosatom in Istanbul")
            if t.dep_ == "prep" and t.lower_ in ("during", "at") and k + 1 < len(path) \
                    and path[k + 1].dep_ == "pobj" and _lem(path[k + 1]) in _lw("meeting_noun"):
                gathering = k + 1  # "during talks in Sochi": the gathering's place is the venue
                continue
            steps += 1
            if steps > 2:
                break
            if t.dep_ == "prep" and t.lower_ == "on" and k + 1 < len(path) \
                    and _lem(path[k + 1]) in _w("locnoun"):
                via.add("at")  # "met on the border near Gomel" (not "talks on grain")
                break
            if t.dep_ == "prep":
                via.add("at" if t.lower_ == "to" and host else t.lower_)
                break
            if t.dep_ == "dobj" and _lem(t.head) in _w("host_verb"):
                via.add("at")
                break
            if k == 0 and t.dep_ == "nsubj" and _lem(trigger) == "vote":
                continue  # a body votes where it sits ("the UN General Assembly in New York
                # voted"; the vote trigger needs an international body as its subject)
            if (t.dep_ == "dobj" or t.dep_ == "appos" and t.head.i == trigger.i) and (
                    t.ent_type_ in _PARTY_ENTS or _lem(t) in load_cues()["diplo"]):
                # the party met: "met Erdogan in Istanbul" (in a headline whose verb is
                # tagged a noun the party is parsed as its apposition: "Zelensky hosts
                # Macron, Scholz and Draghi in Kyiv; …")
                continue
            if t.dep_ not in ("dobj", "attr") or _lem(t) not in _w("deal"):
                break
    return via


def _stray_venue(trigger: Token, candidates: Mapping[int, list[int]],
                 places: Sequence[Place], by_place: Mapping[int, list[int]]) -> int | None:
    """The venue of talks that the parser hung inside their topic: an 'in/at X' at the end
    of a topic phrase ("talks on ending the war in Ukraine in Jeddah") that cannot modify
    the noun it hangs on: a second locative stacked after one already there ("the war in
    Ukraine in Jeddah"), a place hung on another place it does not contain ("a peace plan
    for Ukraine in Copenhagen"), or the parties met hung on the topic ("talks on the
    plant's safety with Russian officials in Istanbul")."""
    doc = trigger.doc
    owner = {i: idx for idx, toks in by_place.items() for i in toks}  # metonymic too
    found = []
    for idx, toks in candidates.items():
        for i in toks:
            tok = doc[i]
            prep = tok.head
            if tok.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ("in", "at"):
                continue
            noun = prep.head
            chain = [noun, *noun.ancestors]
            if trigger not in chain:
                continue
            chain = chain[:chain.index(trigger)]
            if noun.i == trigger.i:
                # on the talks, after their topic: "talks on humanitarian issues in Ukraine
                # in Moscow" (the place right after the topic belongs to it)
                chain = [c for c in trigger.children if c.i < prep.i]
            if any(t.dep_ in CLAUSAL and t.dep_ not in ("pcomp", "acl") for t in chain) \
                    or not any(t.dep_ == "prep" and t.lower_ in _lw("topic_prep")
                               for t in chain):
                continue  # the venue hangs on the talks themselves, or off a clause
            # (also after a place of origin or goal: "children deported from Kherson in Doha")
            stacked = any(c.dep_ == "prep" and c.lower_ in _lw("locative_prep") | {"from", "to"}
                          and c.i < prep.i and any(g.i in owner for g in c.children)
                          for c in noun.children)
            if noun.i == trigger.i and not stacked:
                continue
            on_place = noun.i in owner and owner[noun.i] != idx \
                and not _contains(places, idx, owner[noun.i])
            party = noun.dep_ == "pobj" and noun.head.lower_ in _lw("party_prep") and (
                noun.ent_type_ in _PARTY_ENTS or _lem(noun) in load_cues()["diplo"])
            if stacked or on_place or party:
                found.append((i, idx))
    return max(found)[1] if found else None  # the last one: the sentence's own adjunct


def _locatable(place: Place) -> bool:
    """Whether an event may happen at this mention: a literal place that is no dateline
    ("KYIV, Nov 14 (Reuters) -" is where the reporter filed)."""
    return place.role == "literal" and place.mention.label != "DL"


def _dateline_town(places: Sequence[Place]) -> int | None:
    """The place of the text's dateline when it is a resolved town, else None."""
    for idx, p in enumerate(places):
        if p.mention.label == "DL" and p.role == "literal" and p.candidate is not None \
                and p.candidate.feature_class == "P":
            return idx
    return None


def _literal_mention(places: Sequence[Place], idx: int | None) -> int | None:
    """A literal mention of the same entry as place ``idx``: the focus is a fallback
    location only where the article names it as one ("Russia announced …" is an actor)."""
    if idx is None or not 0 <= idx < len(places):
        return None
    if _locatable(places[idx]):
        return idx
    cand = places[idx].candidate
    return next((i for i, p in enumerate(places) if _locatable(p) and cand is not None
                 and p.candidate is not None and p.candidate.id == cand.id), None)


def _dedupe(events: list[Event], doc: Doc | None = None) -> list[Event]:
    """One event per (sentence, type, place): the most factual, main-clause, best-linked one
    ("has had no running water since forces blew up the pumping station": the outage, not
    the station in the background clause)."""
    best: dict[tuple[str, str, int | None], Event] = {}
    order: list[tuple[str, str, int | None]] = []

    def rank(e: Event) -> tuple[int, bool, float, float]:
        return (STATUS_RANK[e.status], doc is not None and _in_background(doc, e),
                -LINK_FACTOR[e.link], -e.confidence)

    for ev in events:
        key = (ev.sentence, ev.type, ev.place)
        old = best.get(key)
        if old is None:
            best[key] = ev
            order.append(key)
        elif rank(ev) < rank(old):
            best[key] = ev
    return sorted((best[k] for k in order), key=lambda e: e.trigger_start)


def place_event_types(events: Sequence[Event], n_places: int) -> list[tuple[str, ...]]:
    """Per place index, the sorted unique event types placed there."""
    out: list[set[str]] = [set() for _ in range(n_places)]
    for ev in events:
        if ev.place is not None and 0 <= ev.place < n_places:
            out[ev.place].add(ev.type)
    return [tuple(sorted(s)) for s in out]


def _background_clause(doc: Doc, ev: Event) -> Token | None:
    """The 'after …'/'as …' clause that sets the scene for another event, if the trigger
    is inside one."""
    trig = _trigger_root(doc, ev)
    if trig is None:
        return None
    for a in [trig, *trig.ancestors]:
        if a.dep_ == "prep" and a.lower_ == "as" and any(
                g.dep_ == "pobj" and _lem(g) in _w("cause_link") for g in a.children):
            continue  # "as a result of shelling" names the cause, it sets no scene
        if a.dep_ == "prep" and (a.lower_ in _BACKGROUND or a.head.lower_ in _BACKGROUND):
            return a
        # only the provocation itself, the motive's object ("in response to questions about
        # the bomb" leaves the bomb alone)
        if a.dep_ == "prep" and a.head.lower_ in _w("motive") and (
                trig.head == a or trig.dep_ == "conj" and trig.head.head == a):
            return a
        # what someone is blamed for is an earlier act ("killing a commander it blamed for a
        # rocket attack on X", "a man accused of shelling Y")
        if a.dep_ == "prep" and (a.head.lemma_.lower(), a.lower_) in _BLAME:
            return a
        if a.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _BACKGROUND
                                     for c in a.children):
            return a
        # (the parser may hang the clause's conjunction on its subject: "as Arakan Army
        # fighters close in on the capital")
        if a.dep_ == "advcl" and a.left_edge.dep_ == "mark" \
                and a.left_edge.lower_ in _BACKGROUND:
            return a
    return None


def _describes_participant(doc: Doc, ev: Event) -> bool:
    """Is the trigger, inside a background clause, only a description of someone or
    something in it ("cables were cut after the anchor of a ship sunk by the Houthis tore
    across the seabed")? Then it is no cause of the main clause's damage: a participle or
    relative clause on a noun says what the noun is, not what happened to cause the news."""
    clause = _background_clause(doc, ev)
    trig = _trigger_root(doc, ev)
    if clause is None or trig is None:
        return False
    for a in [trig, *trig.ancestors]:
        if a.i == clause.i:
            return False
        if a.dep_ in ("acl", "relcl") and a.head.pos_ in ("NOUN", "PROPN"):
            return True
    return False


def _in_background(doc: Doc, ev: Event) -> bool:
    """Is the trigger inside an 'after …'/'as …' clause that sets the scene for another event?"""
    return _background_clause(doc, ev) is not None


def _in_condition(doc: Doc, ev: Event) -> bool:
    """Is the trigger inside an 'if/unless …' clause? The condition is what the main clause
    depends on ("missiles would target Kyiv if Ukraine attacked Crimea" is about Kyiv)."""
    trig = _trigger_root(doc, ev)
    if trig is None:
        return False
    return any(a.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS
                                         for c in a.children)
               for a in [trig, *trig.ancestors])


def _earlier_background(doc: Doc, ev: Event) -> bool:
    """Is the background clause dated before the main one ('after shelling in April',
    'after strikes … a day earlier')? Then even a consequence in the main clause is the news."""
    clause = _background_clause(doc, ev)
    if clause is None:
        return False
    earlier = ("earlier", "ago", "previously")
    if clause.lower_ == "since" or any(c.dep_ == "mark" and c.lower_ == "since"
                                       for c in clause.children):
        return True  # "has had no running water since forces blew up the station"
    # a date inside the clause, or "… a day earlier" hung on the main verb after it
    return any(t.ent_type_ == "DATE" or t.lower_ in earlier for t in clause.subtree) or any(
        t.lower_ in earlier for c in clause.head.children if c.i > clause.i
        for t in c.subtree)


def _facility_subject(tok: Token) -> Token:
    """The subject a facility noun stands in: itself, or the share of it that is the
    subject ("half of the energy infrastructure has been damaged", "part of the grid", "the
    bridge span collapsed")."""
    if tok.dep_ == "compound":
        return tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ in (
            "nsubj", "nsubjpass"):
        return tok.head.head
    return tok


def _outage_or_ruin(doc: Doc, ev: Event) -> bool:
    """Is an infrastructure_damage trigger an outage or a facility's ruin in its own right
    ("left without power", "blackouts were imposed", "rail traffic was suspended", "the
    plant lost external power", "the bridge collapsed"), not a place an attack hit ("a fire
    broke out at an oil depot")?"""
    trig = _trigger_root(doc, ev)
    if trig is None:
        return False
    if _lem(trig) in _w("outage_noun") or _lem(trig) in _w("halt_verb") or any(a.lower_ == "without"
                                               for a in [trig, *trig.ancestors]):
        return True
    if trig.dep_ in _PARTICLE_DEPS and _lem(trig.head) in _w("ruin_verb") and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in trig.head.children):
        return True  # "the spring was put out of service"
    subj = _facility_subject(trig)
    return subj.dep_ in ("nsubj", "nsubjpass") and (
        _lem(subj.head) in _w("ruin_verb") or _lem(subj.head) in _w("halt_verb"))


def _halted_root(doc: Doc, ev: Event) -> bool:
    """Is the main verb of the trigger's sentence a service's stoppage ("trains were
    delayed", "traffic was halted")?"""
    trig = _trigger_root(doc, ev)
    return trig is not None and _lem(_reported_root(trig)) in _w("halt_verb")


def _damage_cause(doc: Doc, ev: Event, damage: Event) -> bool:
    """Is the trigger only the cause phrase of a facility's damage, the facility the subject
    of the damage verb ("the plant was destroyed in a missile attack", "a pipeline was
    damaged by shelling", "the bridge collapsed after the blast")?"""
    trig, fac = _trigger_root(doc, ev), _trigger_root(doc, damage)
    if trig is None or fac is None:
        return False
    without = next((a for a in [fac, *fac.ancestors] if a.lower_ == "without"
                    and a.head.pos_ in ("VERB", "AUX")), None)
    if without is not None:
        verb = without.head  # "as a result of the shelling, customers were left without power"
        if verb.i == trig.i:
            return False
    elif fac.dep_ in _PARTICLE_DEPS and _lem(fac.head) in _w("ruin_verb"):
        verb = fac.head  # "was put out of operation by shelling"
    else:
        fac = _facility_subject(fac)
        if fac.dep_ not in ("nsubjpass", "nsubj"):
            return False
        verb = fac.head
    if without is None and (_lem(verb) not in _w("ruin_verb") or verb.i == trig.i):
        return False
    return any(a.head == verb and (a.dep_ == "agent" or a.dep_ == "prep" and (
        a.lower_ in ("in", "by") or a.lower_ in _BACKGROUND))
        for a in [trig, *trig.ancestors])


def _aftermath_background(doc: Doc, ev: Event) -> bool:
    """Is the trigger the cause in a report about an aftermath ("… remained without gas after
    a strike damaged the station", "restored power after the outage caused by shelling",
    "repairing a water main that was hit during the attack")? The main verb says the damage
    lasts or is repaired; the strike below it in a clause or an after-phrase is background."""
    trig = _trigger_root(doc, ev)
    if trig is None or not _aftermath_root(doc, ev):
        return False
    root = _reported_root(trig)
    chain = [trig, *trig.ancestors]
    return root in chain[1:] and any(
        t.dep_ in ("advcl", "relcl", "acl") or (t.dep_ == "prep" and t.lower_ in _BACKGROUND)
        for t in chain if t is not root)


def _aftermath_root(doc: Doc, ev: Event) -> bool:
    """Does the main verb of the trigger's sentence say that damage lasts or is repaired?"""
    trig = _trigger_root(doc, ev)
    if trig is None:
        return False
    root = _reported_root(trig)
    return _lem(root) in _w("aftermath") or any(c.dep_ == "advmod" and c.lower_ == "still"
                                                for c in root.children)


def _reported_root(trig: Token) -> Token:
    """The main verb of the trigger's sentence, or, where that is a verb of saying, the
    verb of what was said ("power was restored after the shelling, the governor said")."""
    root = trig.sent.root
    if _lem(root) in _w("say"):
        said = next((a for a in [trig, *trig.ancestors] if a.head == root
                     and a.dep_ in ("ccomp", "parataxis")), None)
        if said is not None:
            return said
    return root


def _habitual(doc: Doc, ev: Event) -> bool:
    """Is the trigger's verb said to recur ("has repeatedly targeted", "regularly
    shells")?"""
    trig = _trigger_root(doc, ev)
    if trig is None:
        return False
    verb = _verb_of(trig)
    return any(c.dep_ == "advmod" and c.lower_ in _w("iterative") for c in verb.children)


def _flood_warning(doc: Doc, ev: Event) -> bool:
    """Is this a flooding threat that a report warns of ("officials warned the dam could
    fail after shelling")? The warning is the reported news, not the shelling behind it."""
    if ev.type != "flooding" or ev.status != "threatened":
        return False
    trig = _trigger_root(doc, ev)
    # (a dam rigged with explosives is that threat made real: "troops had laid explosives on
    # the dam and could blow it up")
    return trig is not None and (any(_lem(t) in _w("warning") for t in trig.sent) or (
        trig.dep_ == "pobj" and _rigged_dam(trig.head.head, load_cues()) == trig
        or trig.dep_ == "dobj" and _rigged_dam(trig.head, load_cues()) == trig))


def _source_of(doc: Doc, ev: Event, other: Event) -> bool:
    """Is ``ev`` named only as where ``other`` (of the same type) came from: "floodwaters
    from the destroyed dam submerged X" is the flood of X, not of the dam."""
    span = doc.char_span(ev.trigger_start, ev.trigger_end, alignment_mode="expand")
    head = doc.char_span(other.trigger_start, other.trigger_end, alignment_mode="expand")
    if span is None or head is None or other.type != ev.type:
        return False
    for t in span.root.ancestors:
        if t.dep_ == "prep" and t.lower_ == "from":
            # off the other trigger or its subject ("floodwaters from the dam submerged X")
            owner = t.head
            return owner.i in {h.i for h in head} or (
                owner.dep_ in ("nsubj", "nsubjpass") and owner.head.i == head.root.i)
        if t.dep_ in CLAUSAL:
            return False
    return False


def _said_aside(doc: Doc, ev: Event) -> bool:
    """Is the trigger inside a participle clause of saying ("…, saying it had fought
    militias there", "…, claiming it hit a command post")?"""
    trig = _trigger_root(doc, ev)
    if trig is None:
        return False
    return any(a.dep_ == "advcl" and a.tag_ == "VBG" and _lem(a) in _w("say_aside")
               for a in trig.ancestors)


def _forced_outcome(doc: Doc, ev: Event) -> bool:
    """Is the trigger what a participle clause of outcome forces ("overran a military base,
    forcing troops to withdraw")? The clause tells what the main event led to."""
    trig = _trigger_root(doc, ev)
    if trig is None:
        return False
    return any(a.dep_ == "advcl" and a.tag_ == "VBG" and _lem(a) in _w("compel")
               for a in trig.ancestors)


def _armed_killing(doc: Doc, ev: Event) -> bool:
    """Is ``ev`` civilians killed or harmed by an armed side named as the active subject
    ("members of the auxiliary force killed 28 civilians")?"""
    if ev.type != "civilian_harm":
        return False
    trig = _trigger_root(doc, ev)
    if trig is None or trig.pos_ != "VERB":
        return False
    cues = load_cues()
    return any(c.dep_ == "nsubj" and _subtree_lemmas(c) & (cues["force"] | cues["troops"]
                                                           | _w("gunman"))
               for c in trig.children)


def _partial_interception(doc: Doc, ev: Event, other: Event) -> bool:
    """Is ``ev`` the interception of only part ("most of the missiles", "54 of 69") of an
    attack the report also tells as a strike outside the interception's own clause
    ("launched a missile attack on Kyiv", "strikes hit infrastructure in Lviv")?"""
    if ev.type != "air_defense" or other.type != "strike" or other.status != "reported":
        return False
    trig = _trigger_root(doc, ev)
    other_trig = _trigger_root(doc, other)
    if trig is None or other_trig is None:
        return False
    verb = trig
    if verb.pos_ != "VERB" and verb.dep_ in ("nsubj", "nsubjpass"):
        verb = verb.head  # "air defences shot down ...": the interception is the verb
    if other_trig.i in {t.i for t in verb.subtree} and not any(
            a.dep_ in ("ccomp", "parataxis") for a in [other_trig, *other_trig.ancestors]
            if verb in a.ancestors):
        # "downed 43 of the 84 missiles launched at Ukrainian cities" (not a clause the
        # parser hung below it: "launched 25 drones at Odesa; air defences shot down 19")
        return False
    if _lem(verb) in _w("limit_verb"):
        return True  # "its air defences had limited the damage": some got through
    objs = [t for c in verb.children if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree]
    # "most/some/part of the missiles", "54 of 69 missiles", "four of the missiles" (a
    # number of the weapons named before)
    if any(t.dep_ == "prep" and t.lower_ == "of" and (
            _lem(t.head) in _w("partial_share") or t.head.like_num and any(
                g.like_num or g.dep_ == "pobj" and any(
                    d.dep_ == "det" and d.lower_ == "the" for d in g.children)
                for g in t.subtree if g is not t)) for t in objs):
        return True
    # fewer of a weapon downed than the attack counted ("launched 40 drones … shot down 32
    # drones"; "fired 10 missiles at Kyiv; eight were shot down", "15 of them")
    launched = _counts([other_trig, *other_trig.conjuncts, *(
        t for c in other_trig.children if c.dep_ == "dobj" or c.dep_ == "prep"
        and c.lower_ == "with" for t in (c, *c.children) if t.dep_ in ("dobj", "pobj"))])
    downed = _counts(t for t in objs if t.dep_ in ("dobj", "nsubjpass", "conj"))
    return any(n < launched.get(lemma, 0) for lemma, n in downed.items() if lemma) or any(
        n < max(launched.values(), default=0) for lemma, n in downed.items() if not lemma)


def _counts(nouns: Iterable[Token]) -> dict[str, int]:
    """Weapon counts written in digits on the nouns and their conjuncts: {"drone": 40}; a
    bare number ("eight were shot down", "15 of them") counts under ""."""
    out: dict[str, int] = {}
    for noun in nouns:
        for n in (noun, *noun.conjuncts):
            if n.like_num and n.text.replace(",", "").isdigit() and not any(
                    c.dep_ == "prep" and c.lower_ == "of" and any(
                        g.dep_ == "pobj" and g.pos_ != "PRON" for g in c.children)
                    for c in n.children):
                out[""] = int(n.text.replace(",", ""))  # (not "8 of the 10 drones")
                continue
            num = next((c.text.replace(",", "") for c in n.children if c.dep_ == "nummod"), "")
            if num.isdigit():
                out[_lem(n)] = int(num)
    return out


def _reciprocal(tok: Token) -> bool:
    """Is the attack two sides' fire at each other ("troops fired at each other", "shelled
    one another's positions")? (Not blame: "accused each other of shelling the plant" is
    one strike whose author is disputed.)"""
    return any(t.lower_ == "other" and t.i > 0 and t.doc[t.i - 1].lower_ == "each"
               or t.lower_ == "another" and t.i > 0 and t.doc[t.i - 1].lower_ == "one"
               for t in tok.subtree)


def _fight_outcome(doc: Doc, ev: Event, other: Event) -> bool:
    """Is the withdrawal ``ev`` how the sentence's earlier fight or capture ``other`` ended:
    the losers leaving the place just taken ("the army retook X, and the rebels withdrew
    towards the east") or attackers falling back from a raid with no place named ("attacked
    an army post in X; after hours of fighting the assailants withdrew")? The lead's
    capture or attack is the news."""
    if ev.type != "withdrawal" or other.type not in ("advance", "clash") \
            or other.status != "reported" or other.trigger_start >= ev.trigger_start:
        return False
    tok, lead = _trigger_root(doc, ev), _trigger_root(doc, other)
    if tok is None or lead is None or tok.sent.start != lead.sent.start:
        return False
    if other.type == "advance":
        return True
    verb = _verb_of(tok)
    return not any(c.dep_ == "dobj" or c.dep_ == "prep" and c.lower_ == "from"
                   for c in verb.children)


def _additional(doc: Doc, ev: Event, other: Event) -> bool:
    """Is ``ev`` told as one more of the ``other`` event's kind, after it: "Other missiles
    hit Lviv", "Another drone struck Sumy", "Strikes hit Kyiv" after a lead attack (the lead
    event came first)."""
    if other.type != ev.type or other.trigger_start >= ev.trigger_start:
        return False
    tok, lead = _trigger_root(doc, ev), _trigger_root(doc, other)
    if tok is None or lead is None:
        return False
    heads = [tok, *(c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass"))]
    if any(c.dep_ in ("amod", "det") and c.lower_ in ("other", "another")
           for h in heads for c in h.children):
        return True
    # a bare plural attack noun in a later sentence spells out where the lead attack landed
    # ("launched a massive missile attack across Ukraine. Strikes hit Kyiv, Lviv and Odesa")
    return other.type == "strike" and any(
        h.i != tok.i and h.tag_ == "NNS" and _lem(h) in ("strike", "attack")
        and not any(c.dep_ in ("det", "nummod", "amod", "compound", "poss") for c in h.children)
        and h.sent.start > lead.sent.start
        for h in heads)


def _scene(doc: Doc, ev: Event) -> bool:
    """Does the trigger describe the setting rather than report an event: an advance with
    only a goal ('advanced towards X'), a 'flooded' modifier, or a trigger in a 'where …'
    relative clause?"""
    span = doc.char_span(ev.trigger_start, ev.trigger_end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    if ev.type == "advance" and tok.pos_ == "VERB" and _lem(tok) in ("control", "hold"):
        return True  # a state: "fighting continues, with Russian forces controlling the north"
    if ev.type == "advance" and tok.pos_ == "VERB" and _lem(tok) in _w("entry_verb") and any(
            c.dep_ == "conj" and _lem(c) in _w("fight_verb") for c in tok.children):
        return True  # an incursion: "entered the village and clashed with border guards"
    if ev.type == "advance" and tok.dep_ == "dobj" and _lem(tok.head) in _w("hold_state"):
        return True  # a state too: "where marines have held a foothold since October"
    if ev.type == "clash" and tok.dep_ in ("pobj", "pcomp") and tok.head.dep_ == "agent" \
            and _lem(tok.head.head) in load_cues()["damage"]:
        return True  # "the road has been cut by fighting": the damage is the news
    if ev.type == "clash" and tok.dep_ == "pobj" and tok.head.dep_ == "prep" \
            and tok.head.lower_ in ("in", "during") and tok.head.head.tag_ == "VBN" \
            and _lem(tok.head.head) in load_cues()["damage"]:
        return True  # ("the pipeline was damaged in fighting", "destroyed during fighting")
    if ev.type in HARMFUL and (
            tok.dep_ == "dobj" and _lem(tok.head) in _w("flee_verb")
            or tok.dep_ == "pobj" and tok.head.lower_ == "from"
            and _lem(tok.head.head) in _w("flee_verb")):
        return True  # why people left: "the route used by thousands fleeing the fighting"
    if ev.type != "protest" and any(a.dep_ == "advcl" and _is_infinitive(a)
                                    for a in [tok, *_ancestors(tok, 3)]
                                    if a.i != tok.sent.root.i):
        return True  # a purpose: "sent troops to Kursk to repel the incursion"
    if ev.type == "advance" and tok.pos_ == "VERB" and _lem(tok) in _w("move_verb") \
            and not any(c.dep_ in ("dobj", "nsubjpass") and _lem(c) not in _w("distance")
                        or c.dep_ in ("prep", "prt") and c.lower_ == "into"
                        and tok.tag_ in ("VBD", "VBN") for c in tok.children):
        # progress with no ground taken ("advanced towards X", "advanced 1 km"); having
        # pushed "into" a place is entering it ("pushed into the outskirts of X"; not a
        # headline's "as Russia pushes into the centre", the scene of its battles)
        return True
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.dep_ == "appos":
        return True  # describes the place: "in Bucha, a town retaken from Russian forces"
    if ev.type == "flooding" and any(t.dep_ == "amod" and t.lower_ in ("flooded", "inundated")
                                     for t in (tok, span[0])):
        return True  # ("flooded" or the pattern "flooded areas")
    # ("… to the Bakhmut direction, where fighting intensified"; "rockets hit troops in X,
    # where units were regrouping", "fighting is under way in X, where troops entered the
    # north": the clause describes the place of the event before it; not "a resident of
    # Khan Younis, where an air strike flattened a house", who is no event)
    # (also past an "of" that names the area: "spread to Dhiban, in the eastern countryside
    # of Deir ez-Zor, where tribesmen seized checkpoints")
    return any(a.dep_ == "relcl" and any(c.lower_ == "where" for c in a.children)
               and (prep := _governing_prep(a.head)) is not None
               and (prep.lower_ in ("to", "towards", "into")
                    or prep.lower_ in _lw("locative_prep"))
               for a in [tok, *tok.ancestors])


def _governing_prep(noun: Token) -> Token | None:
    """The preposition a noun is the object of, past "of" phrases that name it ("in the
    countryside of X" for X), or None."""
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ == "pobj":
        noun = noun.head.head
    return noun.head if noun.dep_ == "pobj" else None


def _direct_topic(doc: Doc, ev: Event) -> bool:
    """A deal or truce that is itself what a discussion word is about ("talks on a
    ceasefire", "discussed a truce"); not a gathering ("discuss grain corridor in Lviv
    talks") nor a call hung lower in the topic ("discuss air defence in phone call")."""
    trig = _trigger_root(doc, ev)
    if trig is None or _lem(trig) in _lw("meeting_noun"):
        return False
    root = trig
    if root.dep_ == "dobj":
        return _lem(root.head) in _w("discuss_word")
    return root.dep_ == "pobj" and root.head.lower_ in ("on", "about", "over", "regarding",
                                                        "concerning") \
        and _lem(root.head.head) in _w("discuss_word")


def _discussed(doc: Doc, ev: Event) -> bool:
    """Is the trigger the topic of talks: the object or 'about/on …' phrase of a discussion
    word ("met to discuss Russian attacks on energy infrastructure", "talks on the grain
    corridor")?"""
    trig = _trigger_root(doc, ev)
    if trig is None:
        return False
    prev = trig
    for a in _ancestors(trig, 6):
        if _lem(a) in _w("discuss_word") and (
                prev.dep_ == "dobj" or prev.dep_ == "prep"
                and prev.lower_ in ("about", "on", "over", "regarding", "concerning", "at")):
            return True  # (with 'at': "discussed the situation at the front and air defence
            # supplies", however the list was attached)
        if prev.dep_ == "prep" and prev.lower_ in ("about", "on", "over", "regarding",
                                                   "concerning") and any(
                c.dep_ == "dobj" and _lem(c) in _w("discuss_word") for c in a.children):
            return True  # "resumed talks in Doha on a ceasefire and the release of hostages"
            # (the topic hung on the verb whose object the talks are)
        if prev.dep_ in CLAUSAL and not (prev.dep_ == "acl" and prev.tag_ == "VBN") \
                or prev.dep_ in ("nsubj", "nsubjpass"):
            return False  # "… discussed it as missiles hit the city" is no topic (but
            # "talks on the return of children deported from Kherson" is)
        prev = a
    return False


def dominant_event(events: Sequence[Event], doc: Doc | None = None) -> Event | None:
    """The event a short report is about: reported events first, then type priority.

    With the ``doc``, events set in a background clause ("… after Russian troops left")
    give way to the main-clause events.
    """
    if not events:
        return None
    real = [e for e in events if e.confidence / LINK_FACTOR.get(e.link, 1.0) >= TOPIC_WEIGHT]
    events = real or events
    tax = load_taxonomy()
    # (a protest is the news even "during" or "after" something: it is never background)
    background = {id(e) for e in events if doc is not None and e.type != "protest" and (
        e.type not in _CONSEQUENCES and (_in_background(doc, e) or _aftermath_background(doc, e))
        or e.type in _CONSEQUENCES and _in_background(doc, e) and not _aftermath_root(doc, e))}
    if doc is not None and not any(e.type in _CONSEQUENCES for e in events):
        background = {i for i in background if any(id(e) == i and _in_background(doc, e)
                                                    for e in events)}
    # Otherwise only a main-clause event that is an event in its own right pushes the
    # background aside: "two people were wounded after shelling" is about the shelling.
    # ... and only background that can have caused the consequence gives way to it:
    # "bodies were found after the Russian withdrawal" is about the bodies.
    # ... but armed men who kill civilians after a fight do it themselves: a reprisal, not a
    # toll of the fight ("militia members killed 28 civilians after an attack on their post")
    reprisal = doc is not None and any(
        id(e) not in background and e.status == "reported" and _armed_killing(doc, e)
        for e in events)
    # A report whose main clause is an outage or a facility's damage is about that damage;
    # the attack that caused it stays background ("Nikopol was left without water after
    # shelling damaged a pumping station"; "a power station was destroyed in air strikes")
    background |= {id(e) for e in events if doc is not None and e.type == "strike"
                   and any(_damage_cause(doc, e, o) for o in events
                           if o.type == "infrastructure_damage" and o.status == "reported")}
    fore = [e for e in events if id(e) not in background and e.status == "reported"]
    # a service stopped in a main clause with no event of its own ("trains were delayed for
    # hours after shelling damaged the power lines") is about the damage behind it
    halted = doc is not None and not fore and any(
        e.type == "infrastructure_damage" and e.status == "reported"
        and _halted_root(doc, e) for e in events)
    if halted:
        background -= {id(e) for e in events if e.type == "infrastructure_damage"}
        fore = [e for e in events if id(e) not in background and e.status == "reported"]
    outage_news = doc is not None and bool(fore) and all(
        e.type == "infrastructure_damage" for e in fore) and (halted or any(
            _outage_or_ruin(doc, e) for e in fore))
    if not outage_news and not any(id(e) not in background and e.status == "reported"
               and e.type not in _CONSEQUENCES for e in events) and any(
            id(e) in background and e.type in HARMFUL for e in events):
        background = {id(e) for e in events if id(e) in background
                      and doc is not None and (_earlier_background(doc, e)
                                               or _aftermath_background(doc, e)
                                               or _describes_participant(doc, e)
                                               or reprisal and e.type == "clash")}
    # Talks after which a deal was agreed are the same diplomacy, not its background: the
    # deal was struck where they were held ("agreed on a treaty after talks in Washington")
    if {e.type for e in events if id(e) not in background} == {"diplomacy"}:
        background -= {id(e) for e in events if e.type == "diplomacy"}
    # What talks are about is their topic, not a second event of the report ("the Security
    # Council met to discuss Russian attacks on the grid", "discuss air defence in a call").
    # (a truce or deal the talks are about is their topic too: "met for talks on a
    # ceasefire in Ukraine in Antalya" is about the talks; a gathering is never a topic:
    # "discuss grain corridor in Lviv talks")
    topic = {id(e) for e in events if doc is not None and _discussed(doc, e) and (
        e.type != "diplomacy" or _direct_topic(doc, e))}
    if topic and any(e.type == "diplomacy" and e.status == "reported" and id(e) not in topic
                     for e in events):
        background |= topic
    # Scene-setting words give way to any other reported event: a movement towards a goal
    # ("advanced towards Svatove and clashed near Kuzemivka"), a flooded area that is the
    # object of something else ("shelled the flooded areas"), what happens at a place a
    # relative clause describes ("transferred soldiers to Bakhmut, where fighting raged").
    # What a side says in a participle clause is its account of the main clause's event
    # ("denied that its fighters had killed villagers, saying it had fought militias")
    said = {id(e) for e in events if doc is not None and _said_aside(doc, e)}
    # ... and what a participle clause says the main event forced is its outcome ("overran
    # a base, forcing troops to withdraw" is the overrun)
    said |= {id(e) for e in events if doc is not None and _forced_outcome(doc, e)}
    if any(id(e) not in said | background for e in events):
        background |= said
    scene = {id(e) for e in events if doc is not None and _scene(doc, e)}
    if any(id(e) not in scene | background and e.status == "reported" for e in events):
        background |= scene
    # A condition gives way to an event of its own type that would follow from it: the
    # retaliation threatened ("missiles would target Kyiv if Ukraine attacked Crimea"); a
    # consequence of another type stays secondary ("if troops recapture Melitopol, the land
    # bridge would be cut" is about the recapture).
    condition = {id(e) for e in events if doc is not None and _in_condition(doc, e)
                 and any(o.type == e.type and not _in_condition(doc, o) for o in events)}
    background |= condition
    # A pattern of attacks ("Russia has repeatedly targeted Odesa's ports") is the
    # background of the one event a report goes on to date ("early on Monday, drones set
    # fire to silos in Izmail").
    habitual = {id(e) for e in events if doc is not None and _habitual(doc, e)}
    if any(id(e) not in habitual | background and e.status == "reported" for e in events):
        background |= habitual
    # An attack the report leads with stays its event when the interceptions that follow
    # stopped only part of it ("launched a missile attack on Kyiv. Air defences shot down
    # most of the missiles"): some got through
    background |= {id(e) for e in events if doc is not None and id(e) not in background
                   and any(_partial_interception(doc, e, o) for o in events
                           if id(o) not in background)}
    warned = {id(e) for e in events if doc is not None and _flood_warning(doc, e)}
    source = {id(e) for e in events if doc is not None
              and any(o is not e and _source_of(doc, e, o) for o in events)}
    # An ACLED note writes its coded location with its admin qualifier ("Pokrovsk
    # (Pokrovsk, Donetsk)"): of two events of one type, the one in the sentence with the
    # qualifier is the note's event (an earlier attack the note recalls is context).
    qualified = {id(e) for e in events if _ADMIN_QUALIFIER.search(e.sentence)}
    more = {id(e) for e in events if doc is not None
            and any(o is not e and _additional(doc, e, o) for o in events)}
    later = _after_lead(doc, events, background) if doc is not None else set()
    # A lead that tells only a threat, a denial or a condition is still the report's event:
    # a reported event later on is its context ("If Ukrainian forces take Svatove, the line
    # could collapse … Russian forces are reinforcing the town").
    unsure = _after_unsure_lead(doc, events, background) if doc is not None else set()
    # A report that leads with a denial is about the denied event: the other side's claim
    # or a monitor's finding told after it is the dispute's background ("Ukraine denied
    # that its drones had attacked the plant. The IAEA said it had seen a drone strike")
    denied = _denied_lead(doc, events, background) if doc is not None else set()
    if denied:
        lead = min(_sentence_index(doc, e) for e in events if id(e) in denied)
        later |= {id(e) for e in events if _sentence_index(doc, e) > lead}
    # a withdrawal that ends the sentence's earlier capture or attack is its outcome
    outcome = {id(e) for e in events if doc is not None and any(
        id(o) not in background and _fight_outcome(doc, e, o) for o in events)}
    return min(events, key=lambda e: (id(e) in unsure,
                                      0 if id(e) in warned | denied else STATUS_RANK[e.status],
                                      id(e) in background,
                                      e.confidence / LINK_FACTOR.get(e.link, 1.0) < WEAK_WEIGHT,
                                      bool(qualified) and id(e) not in qualified,
                                      id(e) in later,
                                      id(e) in outcome,
                                      tax[e.type].priority if e.type in tax else 99,
                                      id(e) in source or id(e) in more, -e.confidence,
                                      e.trigger_start))


# links that place an event in its own sentence (not the article's focus or the actor's land)
_OWN_LINKS = frozenset({"parse", "sentence"})


def _sentence_index(doc: Doc, e: Event) -> int:
    """Index of the sentence that holds the event's trigger (-1 if none)."""
    return next((i for i, s in enumerate(doc.sents)
                 if s.start_char <= e.trigger_start < s.end_char), -1)


def _lead_events(doc: Doc, events: Sequence[Event], background: set[int]
                 ) -> tuple[int, list[Event]]:
    """The first sentence with a foreground event (not background, not weakly linked)
    and its foreground events; (-1, []) when there are none."""
    fore = [e for e in events if id(e) not in background
            and e.confidence / LINK_FACTOR.get(e.link, 1.0) >= WEAK_WEIGHT]
    if not fore:
        return -1, []
    first = min(_sentence_index(doc, e) for e in fore)
    return first, [e for e in fore if _sentence_index(doc, e) == first]


def _denied_lead(doc: Doc, events: Sequence[Event], background: set[int]) -> set[int]:
    """The denied events of a report whose first sentence with a foreground event has
    only denied ones ("X denied that its troops had left Y"), when a later sentence tells
    something as reported; else nothing."""
    first, lead = _lead_events(doc, events, background)
    if not lead or not all(e.status == "denied" for e in lead) or not any(
            e.status == "reported" and _sentence_index(doc, e) > first for e in events):
        return set()
    return {id(e) for e in lead}


def _after_lead(doc: Doc, events: Sequence[Event], background: set[int]) -> set[int]:
    """Events after a report's lead sentence. A news report puts its event in the lead and
    goes on with reactions, earlier attacks and a second, smaller event: the first sentence
    with a reported foreground event of its own is the report's lead."""
    span = 2 * len(doc)  # clause numbers of one sentence: i * span + semicolons before

    def sent_of(e: Event) -> int:
        # (a clause after a semicolon is a sentence of its own: "Putin ordered a ceasefire;
        # Ukraine rejected it, and shelling continued in Bakhmut", headline pairs)
        return next((i * span + sum(t.text == ";" for t in s if t.idx < e.trigger_start)
                     for i, s in enumerate(doc.sents)
                     if s.start_char <= e.trigger_start < s.end_char), -1)
    lead = sorted((sent_of(e), e.type in _CONSEQUENCES and not e.actor) for e in events
                  if id(e) not in background and e.status == "reported"
                  and e.confidence / LINK_FACTOR.get(e.link, 1.0) >= WEAK_WEIGHT)
    if not lead:
        return set()
    first = lead[0][0]
    # a lead that only reports harm ("power cuts in seven regions") is followed by its
    # cause ("the outages followed a night in which missiles hit a plant"): both lead
    # (not harm someone did: "fighters killed dozens of civilians in X" is the news)
    if all(harm_only for i, harm_only in lead if i == first):
        first = next((i for i, harm_only in lead if not harm_only), first)
    # a briefing's summary line places nothing ("There were 71 combat clashes over the past
    # day"; "Russia attacked overnight with five drones and two missiles"): the first
    # sentence that places an event of that type is where the report says it happened,
    # and the summary is its preamble (which still says what the report is about: "...
    # missiles. One hit a plant in Kryvyi Rih; all the drones were shot down" is a strike)
    fore = [e for e in events if id(e) not in background and e.status == "reported"
            and e.confidence / LINK_FACTOR.get(e.link, 1.0) >= WEAK_WEIGHT]
    summary = {e.type for e in fore if sent_of(e) == first}
    if summary and all(e.link not in _OWN_LINKS for e in fore if sent_of(e) == first):
        placed = [sent_of(e) for e in fore if sent_of(e) > first and e.type in summary
                  and e.link in _OWN_LINKS]
        if placed:
            preamble = first
            first = min(placed)
            return {id(e) for e in events if sent_of(e) > first or sent_of(e) == preamble
                    or sent_of(e) == first and e.type not in summary}
    # ... but the fate of the lead's own weapon is the lead's outcome: "launched a drone at a
    # ship off Hodeidah. The drone was intercepted" is an interception ("a drone was shot
    # down" or "five missiles were downed" is one part of the attack, which stays the news)
    weapons = {doc.char_span(e.trigger_start, e.trigger_end,
                             alignment_mode="expand").root.lemma_.lower()
               for e in events if sent_of(e) == first and e.type == "strike"
               and doc.char_span(e.trigger_start, e.trigger_end, alignment_mode="expand")}
    # (and an interception after a semicolon is the lead attack's too, unless only part of
    # it: "launched 25 drones at Odesa; air defences shot down 25")
    return {id(e) for e in events if sent_of(e) > first
            and not (e.type == "air_defense" and (
                _downs_the(doc, e, weapons) or sent_of(e) // span == first // span))}


def _after_unsure_lead(doc: Doc, events: Sequence[Event], background: set[int]) -> set[int]:
    """Events after a lead sentence whose foreground events are all placed and none
    reported (threatened, denied, hypothetical)."""
    first, lead = _lead_events(doc, events, background)
    if not lead or any(e.status == "reported" for e in lead) \
            or not any(e.link in _OWN_LINKS for e in lead):
        return set()
    return {id(e) for e in events if _sentence_index(doc, e) > first}


def _downs_the(doc: Doc, ev: Event, weapons: set[str]) -> bool:
    """Is the trigger's verb said of 'the <weapon>' (the one named before) as its subject?"""
    trig = _trigger_root(doc, ev)
    if trig is None:
        return False
    verb = _verb_of(trig)
    return any(c.dep_ in ("nsubjpass", "nsubj") and c.lemma_.lower() in weapons
               and any(d.dep_ == "det" and d.lower_ == "the" for d in c.children)
               for c in verb.children)


# "X (District, Region)": a capitalised name, then two capitalised names in brackets
_ADMIN_QUALIFIER = re.compile(r"\b[A-Z][\w'’-]+ \([A-Z][\w'’ -]*, [A-Z][\w'’ -]*\)")


def classify_event_type(text: str) -> str | None:
    """The single dominant event type of a short report (ACLED-notes style), or None."""
    from geomap.nlp import load_nlp

    doc = load_nlp()(text)
    # Without geomap's extractor, spaCy's place entities stand in for the places (they
    # matter to the rules: "took Lyman" is an advance, "attacked Kyiv" a strike).
    places = [Place(Mention(e.text, e.start_char, e.end_char, e.sent.text, e.label_), None)
              for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")]
    ev = dominant_event(tag_events(doc, places), doc)
    return ev.type if ev else None
