"""Finding the places an article mentions: spaCy NER joined with a gazetteer matcher.

The small English model misses or mislabels many toponyms ("Kherson" as PERSON, "Dnieper"
as NORP), so every capitalised n-gram is also checked against the gazetteer. The NER's
PERSON and ORG spans still veto gazetteer hits that are parts of people's names: once
"Lloyd J. Austin" appears, a bare "Austin" in the same article is that person.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from geomap.gazetteer import (
    COUNTRY_CODES,
    VARIANT_COUNTRIES,
    Gazetteer,
    normalize_name,
    variant_key,
)
from geomap.lexicon import (
    Lexicon,
    is_common_word,
    is_foreign_name,
    is_foreign_phrase,
    is_rare_word,
    load_lexicon,
    read_tsv,
    zipf,
)
from geomap.model import Mention
from geomap.roles import is_headline

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entity labels whose tokens the gazetteer matcher leaves alone.
# (The small model's LANGUAGE, PRODUCT, EVENT … labels on unknown names are unreliable.)
BLOCKING_LABELS = frozenset({
    "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY",
})
# Lower-case words that may sit inside a multiword name ("Sea of Azov", "Rostov-on-Don").
JOINERS = frozenset({
    "of", "on", "upon", "de", "del", "la", "le", "les", "am", "an", "der", "di", "da",
    "do", "dos", "das",  # "Rio Grande do Sul"
    "el", "al", "du", "des", "sur", "-", "‐", "–", "and", "'s", "’s",  # "Donetsk People's Republic"
})
MAX_NGRAM = 6
MAX_TAIL = 3  # lower-case words a feature name may run on with ("nuclear power plant")
# A mention that the gazetteer alone found (no NER support) must look like a real place:
# populous, or an administrative/physical feature rather than a hamlet sharing a word.
STRONG_CODES = frozenset({
    "PCLI", "PCLD", "PCLF", "PCLS", "PCL", "PCLIX", "TERR", "PPLC", "PPLA", "ADM1", "ADM2",
    "RGN", "CONT", "SEA", "OCN", "GULF", "STM", "RSV", "LK", "ISL", "PEN", "MTS", "DAM",
    "PPLA2", "BAY", "STRT", "LKI", "PRT", "NPP", "PS", "AREA",
})
# Words after which a capitalised name is most likely a location.
LOCATIVES = frozenset({
    "in", "near", "at", "from", "to", "towards", "toward", "into", "outside", "around",
    "entered", "captured", "retook", "liberated", "took", "shelled", "struck", "hit",
    "seized", "recaptured", "encircled", "surrounded", "reached", "via", "through", "across",
    "along", "past", "between", "and", "of", "north", "south", "east", "west", "outskirts",
    "attacked", "bombed", "targeted", "stormed", "assaulted", "occupied", "besieged",
    "raided", "evacuated", "liberate", "capture", "retake", "recapture", "enter",
    # nouns before "of X": "the shelling of X", "the battle for X"
    "shelling", "bombardment", "bombing", "attack", "attacks", "assault", "liberation",
    "occupation", "siege", "battle", "defence", "defense", "evacuation", "for",
    "area", "areas", "vicinity", "environs", "suburbs",
    # front-line reports: "took control of X", "the eastern part of X", "the streets of X",
    # "ordered troops to leave X", "Russian troops are storming X"
    "control", "part", "streets", "edge", "centre", "center", "residents", "resident", "left",
    "leave", "abandoned", "storming", "defending", "approaches",
    # the airspace of air war: "drones shot down over X", "missiles intercepted over X"
    "over",
    # "pulled out of X", "floodwaters submerged X"
    "out", "flooded", "floods", "submerged", "submerges", "inundated", "taken", "retaken",
    # headlines speak in the present: "Russia seizes X", "Ukraine retakes X"
    "seize", "seizes", "enters", "captures", "retakes", "recaptures", "liberates", "shells",
    "hits", "strikes", "pounds", "hammers", "storms", "takes", "reaches",
    "surrounds", "encircles", "bombs", "targets", "raids", "occupies", "abandons", "leaves",
})
# The same verbs and nouns as lemmas, for their other inflections ("has taken", "seize").
LOCATIVE_LEMMAS = frozenset({
    "enter", "capture", "retake", "liberate", "take", "shell", "strike", "hit", "seize",
    "recapture", "encircle", "surround", "reach", "attack", "bomb", "target", "storm",
    "assault", "occupy", "besiege", "raid", "evacuate", "flood", "submerge", "inundate",
    "part", "street", "outskirt", "approach", "abandon", "defend", "leave",
    # nouns for a part of a town before "of X": "the main square of Finote Selam"
    "square", "centre", "center", "suburb", "edge", "port",
})
# Of those, the verbs done only to places (a person is hit, attacked or captured too): in a
# reduced passive ("Vuhledar shelled overnight") their subject is a place.
PLACE_ONLY_LEMMAS = frozenset({
    "shell", "bomb", "bombard", "liberate", "recapture", "retake", "encircle", "besiege",
    "occupy", "flood", "submerge", "inundate",
})
# Weapons that make an attack verb's patient a place ("hit by glide bombs").
ORDNANCE = frozenset({
    "missile", "missiles", "rocket", "rockets", "drone", "drones", "bomb", "bombs", "shell",
    "shells", "shelling", "artillery", "airstrike", "airstrikes", "mortar", "mortars",
    "strike", "strikes", "shahed", "shaheds", "himars", "grad",
})
# Nouns a hyphened pair of towns runs between ("the Svatove-Kreminna line").
ROUTE_NOUNS = frozenset({"line", "road", "highway", "motorway", "railway", "direction", "axis",
                         "front", "sector", "route", "corridor"})
# Nouns whose "on X" is the place attacked ("an assault on Vuhledar", "airstrikes on X"),
# as lemmas and as written.
ATTACK_NOUNS = frozenset({
    "attack", "attacks", "assault", "assaults", "strike", "strikes", "airstrike", "airstrikes",
    "offensive", "advance", "push", "raid", "raids", "bombardment", "shelling", "march",
    "drive", "onslaught", "fire", "fired", "firing", "converge", "converged",
})
SPATIAL = frozenset({"in", "near", "at", "along", "across", "into", "outside", "around",
                     "through", "towards", "toward", "to", "from"})
CALENDAR_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "today", "yesterday", "tomorrow", "tonight", "day",
    "days", "week", "weeks", "month", "months", "year", "years", "morning", "evening",
    "night", "afternoon", "decade", "century", "spring", "summer", "autumn", "fall",
    "winter", "weekend", "christmas", "easter", "ramadan", "noon", "midnight", "hour",
    "hours", "am", "pm", "a.m.", "p.m.", "now", "recent", "last", "next", "ago", "era",
})
# Word classes of data/extract_words.tsv (settlement nouns, the parts of a town, sites named
# after the town they stand in and the words between), each a set of lower-case words.
_EXTRACT_WORDS = read_tsv("extract_words.tsv")


def _extract_words(kind: str) -> frozenset[str]:
    """A word class of data/extract_words.tsv."""
    return frozenset(r["word"] for r in _EXTRACT_WORDS if r["kind"] == kind)


SETTLEMENT_WORDS = _extract_words("settlement")
PLURAL_SETTLEMENT_WORDS = _extract_words("plural_settlement")
TOWN_PARTS = _extract_words("town_part")
ROAD_CONTEXT = _extract_words("road_context")
ANAPHORA = frozenset({"region", "oblast", "province"})
# Codes of places important enough to accept through an alternate name.
MAJOR_CODES = COUNTRY_CODES | {"PPLC", "ADM1", "CONT", "RGN"}
# A town this large keeps its name even when the NER calls it a person or firm throughout.
TOWN_POPULATION = 50_000
# Last words of street names ("King Edward Street"); the first two also open numbered
# ones ("Highway 403", "Route 66").
STREET_WORDS = frozenset({"street", "avenue", "road", "boulevard", "lane", "drive",
                          "highway", "route", "square", "plaza"})
NUMBERED_ROADS = frozenset({"highway", "route"})
# A British or Irish road number: "A417", "M4", "N7".
_ROAD_CODE = re.compile(r"\b[AMN]\d{1,4}\b")
_STREET_HASHES = frozenset(hash_string(w) for w in STREET_WORDS)
# Verbs of speaking whose one-word subject is a person's name ("said Noma"), not a place;
# "announce", "confirm" or "accuse" often have a country or capital for subject.
SPEECH_VERBS = frozenset({"say", "tell", "add", "explain", "stress", "insist", "recall",
                          "reply", "admit", "ask"})
# Last words of the names of institutions rather than sites (see MentionFinder._embedded).
INSTITUTION_WORDS = frozenset({"hospital", "school", "university", "college", "academy"})
# Nouns of a stretch of front or terrain named after the town it lies by ("Kreminna forest",
# "the Vuhledar direction", "Bakhmut axis"): people lend their names to no forest or axis.
FRONT_NOUNS = frozenset({"forest", "forests", "woods", "direction", "axis", "front",
                         "sector", "salient", "bulge", "bridgehead", "outskirts", "suburbs"})
# Reservoirs, dams and air bases are named for the town they stand by ("the Pechenihy
# reservoir", "the Pechenihy dam", "Saky air base"); the gazetteer seldom holds the site
# itself, so a name the model calls a person (or nothing) before one is the town.
NAMED_FOR_TOWN = frozenset({"reservoir", "reservoirs", "dam", "dams", "airfield", "airbase"})
# Plants, refineries and depots are named after the town they stand in as often, but after
# lower-case words that say what they are ("the Burshtyn thermal power plant", "the Klintsy
# oil depot"); the model calls such a name a person.
NAMED_FOR_TOWN_AFTER = _extract_words("site_after")
# The words that may stand between such a name and its site noun.
SITE_MODIFIERS = _extract_words("site_modifier")
# Border and road posts are named after the village they stand by ("the Hoptivka
# checkpoint", "Krasna Talivka border post", "the Milove border crossing"); the model calls
# such a name an organisation or person.
POST_NOUNS = frozenset({"checkpoint", "checkpoints", "crossing", "post"})
# Feature hints (feature_hints.tsv) of natural features, whose title words may open a name
# the model calls an organisation ("Mount Hermon", "Lake Chad").
NATURAL_HINTS = frozenset({"river", "lake", "island", "mountain", "sea"})
# A name that opens a headline or sentence and that the gazetteer holds as a town of this
# size under its own name is read as that town even when the model calls it a person
# ("Nova Kakhovka underwater"); villages that share a politician's surname (Medvedev,
# Reznikov, Tymoshenko in Ukraine) are hamlets of a few hundred people.
LEAD_TOWN_POPULATION = 10_000
BANK_WORDS = frozenset({"bank", "side", "part", "coast", "shore", "outskirts", "edge"})


@dataclass(frozen=True, slots=True)
class Extraction:
    """What extraction found in one document."""

    mentions: tuple[Mention, ...]
    demonym_countries: tuple[tuple[str, int], ...]  # (ISO code, count), most common first
    # the countries whose armed forces a demonym names ("Russian troops"), with counts
    force_countries: tuple[tuple[str, int], ...] = ()


def _strong_place(gazetteer: Gazetteer, name: str, min_population: int) -> bool:
    """True when the gazetteer's best reading of `name` is a significant place.

    A candidate found only through an alternate name ("Minister" is an old name of
    Minster, Ohio) must be a major place to count.
    """
    key = normalize_name(name)
    for cand in gazetteer.lookup(name, limit=5):
        primary = normalize_name(cand.name) == key
        if primary and (cand.feature_code in STRONG_CODES or cand.population >= min_population):
            return True
        if cand.feature_code in MAJOR_CODES or cand.population >= 100 * min_population:
            return True
    return False


def _town_of(gazetteer: Gazetteer, name: str, population: int) -> bool:
    """Whether a place of at least `population` people bears `name` as its own name."""
    key = normalize_name(name)
    return any(normalize_name(c.name) == key and c.population >= population
               for c in gazetteer.lookup(name, limit=5))


def _town_of_any_name(gazetteer: Gazetteer, name: str, population: int) -> bool:
    """Whether a place of at least `population` people bears `name`, as its own name or
    an alternate one ("Nikolaev" is Mykolaiv)."""
    return any(c.feature_class == "P" and c.population >= population
               for c in gazetteer.lookup(name, limit=5))


def _major_place(gazetteer: Gazetteer, name: str) -> bool:
    """A country, capital, first-level region or city of 100,000+ under its own name."""
    key = normalize_name(name)
    return any(c.feature_code in MAJOR_CODES
               or (normalize_name(c.name) == key and c.population >= 100_000)
               for c in gazetteer.lookup(name, limit=5))


def _hyphen_place(gazetteer: Gazetteer, name: str) -> bool:
    """Whether one side of a hyphenated compound the gazetteer lacks is a place of its
    own ("Asia-Pacific", "Middlesex-London"): a country, capital or continent, or a
    city of 100,000+ under its own name ("Saur-Mogila" names no municipality Mogila)."""
    key = normalize_name(name)
    return any(c.feature_code in MAJOR_CODES - {"ADM1", "RGN"}
               or (normalize_name(c.name) == key and c.population >= 100_000)
               for c in gazetteer.lookup(name, limit=5))


def _common_word_place(gazetteer: Gazetteer, doc: Doc, i: int) -> bool:
    """Whether a one-word name that is also an everyday word is the place here: a country,
    capital or continent (under any of its names: "Britain"), a city of 100,000+ under its
    own name, or a first-level region after a locative ("in Centre"). "The Centre" of an
    Indian article is the government, and "Federal Ministry" names no region."""
    key = normalize_name(doc[i].text)
    for c in gazetteer.lookup(doc[i].text, limit=5):
        if c.feature_code in MAJOR_CODES - {"ADM1", "RGN"}:
            return True  # also under another name: "Britain", "America"
        if normalize_name(c.name) == key and (c.population >= 100_000 or (
                c.feature_code in ("ADM1", "RGN") and _locative(doc, i)
                and doc[i - 1].lower_ != "the")):
            return True
    return False


# After a dateline's place: ", Nov 14 (Reuters) -", " —", ", Ukraine (AP) —".
_DATELINE_TAIL = re.compile(r"(?:,[^.\n]{0,40}?)?\s*(\([A-Za-z][\w .&-]{0,30}\)\s*)?[—–-]")
DATELINE_WITHIN = 400  # characters from the start of the text
# A dotted abbreviation hyphenated to a lower-case word in one token: "U.S.-led".
_DOTTED_PREFIX = re.compile(r"((?:[A-Z]\.){2,4})-[a-z]+$")
# A numbered part of a settlement ("Zolote-4", "Zolote-5": mine villages of Zolote).
_NUMBERED_PART = re.compile(r"([A-Z][a-z'’]{3,})-\d{1,2}$")
# Decimal latitude, longitude as OSINT posts and geolocation notes write them
# ("Verbivka, Kharkiv Oblast. 49.48613, 36.84078"; "@GeoConfirmed 49.23796, 37.86989"):
# four or more decimals each and five or more in one, so no pair of prices, exchange
# rates or scores reads as one; a full stop may end the sentence after it.
_COORDINATES = re.compile(
    r"(?<![\d.])(-?\d{1,2}\.(\d{4,}))\s*,\s*(-?\d{1,3}\.(\d{4,}))(?!\d|\.\d)")
COORDINATE_DECIMALS = 5


def find_coordinates(text: str) -> list[tuple[int, int, float, float]]:
    """(start, end, lat, lon) of each decimal coordinate pair the text writes out."""
    out = []
    for m in _COORDINATES.finditer(text):
        lat, lon = float(m[1]), float(m[3])
        if (max(len(m[2]), len(m[4])) >= COORDINATE_DECIMALS
                and -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            out.append((m.start(), m.end(), lat, lon))
    return out



def _dateline(text: str, m: Mention) -> bool:
    """Whether a mention is a dateline ("KYIV, Nov 14 (Reuters) -", "BEIRUT —"): where
    the reporter filed from, not where the story happens. It opens a line near the top,
    and is in capitals or followed by the agency in brackets, then a dash. (A report list
    such as "Kharkiv – shelling hit …" names where things happened: not a dateline.)"""
    return _dateline_at(text, m.start, m.end)


def _dateline_at(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands where a dateline's place stands (see _dateline)."""
    line_start = text.rfind("\n", 0, start) + 1
    if start > DATELINE_WITHIN or text[line_start:start].strip():
        return False
    name = text[start:end]
    tail = _DATELINE_TAIL.match(text, end)
    if name.isupper() and len(name) > 3:
        return bool(tail) or text[end:end + 1] == ","
    return bool(tail and tail.group(1))


def _caps_dateline(doc: Doc, s: int, e: int) -> bool:
    """An ALL-CAPS name in a dateline ("BANTAM — A mason was …"): the place the report
    was filed from, however small."""
    span = doc[s:e]
    return (span.start_char <= DATELINE_WITHIN and span.text.isupper()
            and _dateline_at(doc.text, span.start_char, span.end_char))


def _headline_label(doc: Doc, s: int, e: int) -> bool:
    """A name that opens a line and is followed by a colon ("Bilohorivka: Russian assault
    repelled"): a headline's label for where the story happens, unless a quote follows
    (a speaker's name: "Zelensky: 'We will not give up'")."""
    if e >= len(doc) or doc[e].text != ":" or e - s > 4:
        return False
    start = doc[s].idx
    line_start = doc.text.rfind("\n", 0, start) + 1
    if doc.text[line_start:start].strip():
        return False
    after = doc.text[doc[e].idx + 1:].lstrip()[:1]
    return after not in ("'", '"', "\u2018", "\u201c")


def _caps_lead(doc: Doc, i: int) -> bool:
    """A short ALL-CAPS word that opens an ALL-CAPS name ("SAN DIEGO", "EL PASO"), which
    _capitalised alone takes for an acronym."""
    tok = doc[i]
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    return (tok.is_alpha and tok.text.isupper() and nxt is not None and nxt.is_alpha
            and nxt.text.isupper() and len(nxt.text) > 3)


def _mapped_water(gazetteer: Gazetteer, name: str) -> bool:
    """A river or lake drawn on Natural Earth's maps ("Cauvery Water Board"), under a name
    that is no everyday English word ("White House", "Fox News" name no river)."""
    if zipf(name) >= 4.0:
        return False
    key = normalize_name(name)
    return any(c.feature_class == "H" and c.has_geometry and normalize_name(c.name) == key
               for c in gazetteer.lookup(name, limit=5))


def _place_acronym(gazetteer: Gazetteer, text: str) -> bool:
    """'US', 'UK', 'UAE', 'EU': the initials of a country or major region."""
    letters = text.replace(".", "")
    if not (2 <= len(letters) <= 4 and letters.isalpha() and letters.isupper()):
        return False
    for c in gazetteer.lookup(text, limit=3):
        initials = "".join(w[0] for w in c.name.replace("-", " ").split() if w[0].isupper())
        if c.feature_code in MAJOR_CODES and initials == letters:
            return True
    return False


def _country_tail(gazetteer: Gazetteer, doc: Doc, i: int) -> bool:
    """'Member States', '155 States', 'the party States': the last word of a country's
    name ("United States") that the gazetteer keeps as the country's alternate name is a
    common noun after any word but "the" ("back in the States" is the country)."""
    text = doc[i].text
    key = normalize_name(text)
    cands = gazetteer.lookup(text, limit=3)
    if not cands or not all(
            c.feature_code in COUNTRY_CODES and normalize_name(c.name) != key
            and normalize_name(c.name).split()[-1] == key for c in cands):
        return False
    return i == 0 or doc[i - 1].lower_ != "the"


def _attributive_demonym(doc: Doc, s: int, e: int, lex: Lexicon) -> bool:
    """A regional or ethnic demonym used as one: before the noun it qualifies ("allied Arab
    militias", "the Arab world") or in the plural ("Arabs"); "Arab, Alabama" is the town."""
    text = doc[s:e].text
    if not lex.is_demonym(text):
        return False
    plural = text.casefold() not in lex.demonyms  # known only by its singular
    return plural or (e < len(doc) and doc[e].pos_ in ("NOUN", "PROPN", "ADJ"))


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range without a leading article, a trailing possessive or punctuation."""
    while start < end and (doc[start].lower_ in ("the", "a") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct
                           or doc[end - 1].lower_ in ("'s", "’s", "'")):
        end -= 1
    return start, end


@lru_cache(maxsize=4)
def _phrase_lengths(phrases: frozenset[tuple[str, ...]]) -> dict[str, tuple[int, ...]]:
    """First word of each phrase name -> the lengths of its phrases, longest first."""
    by_first: dict[str, set[int]] = {}
    for p in phrases:
        by_first.setdefault(p[0], set()).add(len(p))
    return {w: tuple(sorted(ns, reverse=True)) for w, ns in by_first.items()}


# The longest code name of a military operation after the word "Operation".
_OPERATION_NAME_MAX = 4


def _operation_name_tokens(doc: Doc) -> list[int]:
    """Tokens of military operation code names ("Operation Safe Haven", "Operation Hadin
    Kai", "Operation Barkhane"): the capitalised words right after a capitalised
    "Operation" name the operation, even where a word is also a place ("Haven")."""
    out = []
    for tok in doc:
        if tok.text != "Operation":
            continue
        j = tok.i + 1
        while j < len(doc) and j - tok.i <= _OPERATION_NAME_MAX and (
                _capitalised(doc[j]) or doc[j].text == "-" and j + 1 < len(doc)
                and _capitalised(doc[j + 1])):
            j += 1
        out.extend(range(tok.i + 1, j))
    return out


_APPOSITIVE_SETTLEMENTS = frozenset({"town", "village", "city", "settlement", "hamlet"})


def _appositive_settlement(doc: Doc, e: int) -> bool:
    """Is the name ending before token ``e`` glossed by an apposition that calls it a
    settlement ("Bali, a town in Mezam division", "Minova, a lakeside town", "Kuriga, a
    remote village")? Then the name means a populated place, not a region or island."""
    if e + 2 >= len(doc) or doc[e].text != "," or doc[e + 1].lower_ not in ("a", "an"):
        return False
    for tok in doc[e + 2:min(e + 5, len(doc))]:
        if tok.lower_ in _APPOSITIVE_SETTLEMENTS:
            return True
        if tok.is_punct or tok.pos_ not in ("ADJ", "NOUN", "ADV", "VERB"):
            return False
    return False


_PLURAL_HINTS = ("region", "district", "river")


def _shared_plural_hint(doc: Doc, e: int,
                        hints_after: dict[str, str]) -> tuple[str, str] | None:
    """(hint, singular word) when a plural feature word
    ends the list this name is in: "the Mykolaiv and Kherson regions", "the Donetsk, Luhansk
    and Zaporizhzhia oblasts". None for a name alone ("Kherson residents")."""
    joined = False
    for j in range(e, min(len(doc), e + 12)):
        tok = doc[j]
        low = tok.lower_
        if low.endswith("s") and hints_after.get(low[:-1]) in _PLURAL_HINTS:
            # (the plural word stays out of the last name's span, as it belongs to all)
            return (hints_after[low[:-1]], low[:-1]) if joined or j == e else None
        if low in (",", "and", "&", "-") or tok.is_title or tok.is_upper:
            joined = joined or low in (",", "and", "&")
            continue
        return None
    return None


def _bank_before(doc: Doc, s: int) -> bool:
    """Whether the name follows "bank(s) of (the)"."""
    j = s - 1
    if j >= 0 and doc[j].lower_ == "the":
        j -= 1
    return j >= 1 and doc[j].lower_ == "of" and doc[j - 1].lower_ in ("bank", "banks")


def _feature_context(doc: Doc, s: int, e: int, lex: Lexicon) -> bool:
    """A settlement word right after or before the name: "Mospino town", "village of X";
    or the part of a town it is of: "the outskirts of El Geneina"."""
    if e < len(doc) and doc[e].lower_ in SETTLEMENT_WORDS:
        return True
    j = s - 1
    if j >= 0 and doc[j].lower_ == "of":
        j -= 1
        if j >= 0 and doc[j].lower_ in TOWN_PARTS:
            return True
    return j >= 0 and doc[j].lower_ in SETTLEMENT_WORDS


def _qualifies_settlements(doc: Doc, s: int, e: int) -> bool:
    """A lone word before a plural settlement noun ("two pro-government Shiite villages",
    "Alawite towns"): one name cannot be several villages', so it is an adjective of
    faith, sect or people; a list before it ("the Nova and Stara villages") is not this."""
    return (e < len(doc) and doc[e].lower_ in PLURAL_SETTLEMENT_WORDS
            and not (s > 0 and doc[s - 1].lower_ in (",", "and", "&", "or")))


def _before_site(doc: Doc, e: int) -> bool:
    """Whether the name ending before token e names the site written after it, one of
    NAMED_FOR_TOWN or an "air base", and hangs on that noun ("the Pechenihy dam"), or
    one of NAMED_FOR_TOWN_AFTER after words of SITE_MODIFIERS ("the Burshtyn thermal
    power plant")."""
    if e >= len(doc):
        return False
    if doc[e].lower_ in NAMED_FOR_TOWN:
        k = e
        while k + 1 < len(doc) and doc[k + 1].lower_ in NAMED_FOR_TOWN:
            k += 1  # "the Pechenihy reservoir dam": the name hangs on either noun
        return doc[e - 1].head.i in range(e, k + 1)
    k = e
    while k < len(doc) and k < e + 3 and doc[k].lower_ in SITE_MODIFIERS:
        k += 1
    if k < len(doc) and doc[k].lower_ in NAMED_FOR_TOWN_AFTER:
        return doc[e - 1].head.i in range(e, k + 1)  # "the Burshtyn thermal power plant"
    return (doc[e].lower_ == "air" and e + 1 < len(doc) and doc[e + 1].lower_ == "base"
            and doc[e - 1].head.i in (e, e + 1))


def _before_post(doc: Doc, e: int) -> bool:
    """Whether the name ending before token e names a checkpoint, crossing or border post
    ("the Hoptivka checkpoint", "Krasna Talivka border post"): a noun of POST_NOUNS, or
    "border" and one, follows it, and the name hangs on that noun."""
    if e >= len(doc) or doc[e - 1].dep_ != "compound":
        return False
    i = e + 1 if doc[e].lower_ == "border" and e + 1 < len(doc) else e
    return doc[i].lower_ in POST_NOUNS and (doc[i].lower_ != "post" or i > e)


def _natural_feature(gazetteer: Gazetteer, text: str, lex: Lexicon) -> bool:
    """Whether a name of words English never uses is that of a hill, river or other
    natural feature the gazetteer holds ("Savur-Mohyla"): the small model calls such
    names an organisation, but no company is named after a hill in a foreign tongue.
    The name may open with the title word of a natural feature (feature_hints.tsv:
    "Mount Hermon", "Lake Chad")."""
    words = normalize_name(text).replace("-", " ").split()
    if len(words) > 1 and lex.hints_before.get(words[0]) in NATURAL_HINTS:
        words = words[1:]
    return (is_foreign_name(" ".join(words)) and any(
        c.feature_class in ("T", "H") for c in gazetteer.lookup(text, limit=5)))


def _compound_side(gazetteer: Gazetteer, doc: Doc, s: int, e: int,
                   min_population: int) -> bool:
    """Whether tokens s..e, one side of a hyphenated compound (_hyphen_part), name a
    place apart from the compound: a country, capital or continent always; a city of
    100,000+ only when the other side is a place too ("Asia-Pacific"), not when that
    side is a word of the name ("Yuzhno-Donetsk direction" is no direction of Donetsk)."""
    text = doc[s:e].text
    if not _hyphen_place(gazetteer, text):
        return False
    if any(c.feature_code in MAJOR_CODES - {"ADM1", "RGN"}
           for c in gazetteer.lookup(text, limit=5)):
        return True
    other = doc[e + 1] if e + 1 < len(doc) and doc[e].text in ("-", "‐") else doc[s - 2]
    return gazetteer.has_name(other.text) and _strong_place(gazetteer, other.text,
                                                            min_population)


def _whole_text(doc: Doc, s: int, e: int) -> bool:
    """Whether tokens s..e are all the text says, apart from punctuation, "the", a
    settlement word after the name or a bracketed remark: a location field or a caption
    that is only a name ("Nova Kakhovka", "Stanitsa Luhanska (near)")."""
    if any(not (t.is_punct or t.lower_ == "the") for t in doc[:s]):
        return False
    for t in doc[e:]:
        if t.text in ("(", "["):
            return True
        if not (t.is_punct or t.lower_ in SETTLEMENT_WORDS):
            return False
    return True


def _hyphen_part(doc: Doc, s: int, e: int) -> bool:
    """Whether tokens s..e are one side of an unspaced hyphenated compound whose other
    side is a capitalised word ("Yuzhno" of "Yuzhno-Donetsk", "Mogila" of "Saur-Mogila")."""
    hyphens = ("-", "‐")
    after = (e + 1 < len(doc) and doc[e].text in hyphens and not doc[e - 1].whitespace_
             and not doc[e].whitespace_ and _capitalised(doc[e + 1]))
    before = (s >= 2 and doc[s - 1].text in hyphens and not doc[s - 2].whitespace_
              and not doc[s - 1].whitespace_ and doc[s - 2].is_alpha
              and doc[s - 2].text[:1].isupper())
    return after or before


def _inner_hyphen(doc: Doc, i: int, s: int, e: int) -> bool:
    """Whether token i is an unspaced hyphen inside the name s..e ("Ust-Luga")."""
    return s < i < e - 1 and doc[i].text in ("-", "‐") and not doc[i - 1].whitespace_ \
        and not doc[i].whitespace_


def _locative(doc: Doc, i: int) -> bool:
    """Whether the token at i follows a word that introduces a location (in any inflection:
    "has taken Soledar", "forces seize Pidhorodne"), or is what an attack is on ("a Russian
    assault on Vuhledar") or the subject of a capture ("Pervomaiske was liberated")."""
    j = i - 1
    # (a compass adjective names a part of the place: "residents of eastern Khan Younis";
    # quotation marks are the writer's distance from a word: "had 'liberated' Selidovo",
    # "shelled 'Krasnogorovka'")
    # (nor does a share of it: "the water submerged most of Hola Prystan")
    while j >= 0 and (doc[j].is_quote or doc[j].lower_ in (
            "the", "village", "town", "city", "settlement", "of",
            "northern", "southern", "eastern", "western", "central",
            "most", "much", "half", "all", "rest")):
        j -= 1
    if j < 0:
        return _captured(doc[i])
    if doc[j].lower_ in LOCATIVES or (doc[j].pos_ in ("VERB", "NOUN")
                                      and doc[j].lemma_.lower() in LOCATIVE_LEMMAS):
        return True
    if doc[j].lower_ == "on" and (
            j == i - 1 and doc[j].head.lemma_.lower() in ATTACK_NOUNS
            or j > 0 and (doc[j - 1].lemma_.lower() in ATTACK_NOUNS
                          or doc[j - 1].lower_ in ATTACK_NOUNS | ORDNANCE)):
        return True  # "Russian assault on Vuhledar", "dropped guided bombs on Staryi Saltiv"
    return _captured(doc[i])


def _captured(tok: Token) -> bool:
    """The passive subject of a verb of taking or attacking ("Pervomaiske was liberated"),
    also in a reduced passive: a participle that modifies it ("Velyka Novosilka hit by
    glide bombs") or a headline's verb with its auxiliary dropped ("Vuhledar shelled
    overnight")."""
    while tok.dep_ == "compound" and tok.head.i > tok.i:
        tok = tok.head
    if tok.dep_ == "nsubjpass" and tok.head.lemma_.lower() in LOCATIVE_LEMMAS:
        return True
    if any(c.dep_ == "acl" and c.tag_ == "VBN" and c.i > tok.i and _done_to_a_place(c)
           for c in tok.children):
        return True
    verb = tok.head
    return (tok.dep_ == "nsubj" and verb.tag_ in ("VBD", "VBN") and verb.i > tok.i
            and _done_to_a_place(verb) and is_headline(verb.sent)
            and not any(c.dep_ in ("dobj", "aux", "auxpass") for c in verb.children))


def _done_to_a_place(verb: Token) -> bool:
    """A participle whose patient is a place: a verb only places undergo ("shelled",
    "liberated"), or a verb of attack whose weapon is named ("hit by glide bombs"); a
    person is "targeted in a smear campaign" or "attacked by critics"."""
    lemma = verb.lemma_.lower()
    if lemma in PLACE_ONLY_LEMMAS:
        return True
    return lemma in LOCATIVE_LEMMAS and any(t.lower_ in ORDNANCE for t in verb.subtree)


def _everyday(text: str) -> bool:
    """is_common_word, also for a word in capitals longer than initials ("ROCK", "BRIDGE"
    of an ALL-CAPS headline; "US" stays a name)."""
    if text.isupper() and len(text) > 3 and text.isalpha():
        return is_common_word(text.capitalize())
    return is_common_word(text)


def _spatial_before(doc: Doc, i: int) -> bool:
    """Whether a spatial preposition introduces the name at i ("along the Ebola")."""
    j = i - 1
    if j >= 0 and doc[j].lower_ == "the":
        j -= 1
    return j >= 0 and doc[j].lower_ in SPATIAL


# Prepositions that put a lone name where only a place stands ("owns horses nearby in
# Riverdale"); "to", "for" and "at" also take people and firms ("offered the job to Bolton").
PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "around"})
SITE_PREPOSITIONS = PLACE_PREPOSITIONS | {"at"}

# Prepositions after which a name the NER calls a place is one even when no gazetteer
# knows it ("moved back to Khayelitsha"); "at" and "from" also introduce firms ("an analyst
# at Wedbush").
WHERE_WORDS = frozenset({"in", "near", "outside", "around", "across", "through", "into",
                         "towards", "toward", "along", "to"})


def introduced_as_place(doc: Doc, start: int, end: int) -> bool:
    """Whether the text at characters start..end is a name (no acronym, no modifier or
    owner of a noun after it: "in the Skripal affair", "in Modi's cabinet") that follows
    a preposition of place ("in Khayelitsha", "near the Sabie"), not "according to"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not all(t.is_alpha and not t.is_upper for t in span):
        return False
    last = doc[span.end - 1]
    if last.dep_ in ("compound", "amod", "poss") or span.end < len(doc) and (
            doc[span.end].tag_ == "POS"):
        return False
    j = span.start - 1
    if j >= 0 and doc[j].lower_ == "the":
        j -= 1
    return (j >= 0 and doc[j].lower_ in WHERE_WORDS
            and not (j > 0 and doc[j].lower_ == "to"
                     and doc[j - 1].lower_ in ("according", "due", "thanks", "owing")))


def _indices_of(doc: Doc, lower_hashes: frozenset[int]) -> list[int]:
    """Indices of the tokens whose lower-case form is one of these (string hashes),
    read from the doc's array without making a Token for every word."""
    return [k for k, h in enumerate(doc.to_array(LOWER).tolist()) if h in lower_hashes]


def _road_codes(doc: Doc) -> list[tuple[int, int]]:
    """British and Irish road numbers ("the A417", "via the A436, A40 and A429") in a
    sentence about traffic (data/extract_words.tsv, kind road_context): an "A330" or
    "M777" elsewhere is an aircraft or a gun."""
    out = []
    for m in _ROAD_CODE.finditer(doc.text):
        span = doc.char_span(m.start(), m.end())
        if span is None or len(span) != 1:
            continue
        k = span.start
        if not (k > 0 and (doc[k - 1].lower_ == "the" or doc[k - 1].text in (",", "and")
                           and k > 1 and _ROAD_CODE.fullmatch(doc[k - 2].text))):
            continue
        if any(t.lower_ in ROAD_CONTEXT for t in doc[k].sent):
            out.append((k, k + 1))
    return out


def _capitalised(tok: Token) -> bool:
    text = tok.text
    if not text[:1].isupper():
        return False
    if text.isupper() and len(text) <= 3:
        return False  # acronyms (UN, EU, US) are left to the NER, which labels them
    return True


def sentence_of(doc: Doc, i: int) -> Span:
    """The sentence holding token i. (Span.sent walks doc.sents on every call; this indexes
    the sentences once per document.)"""
    cached = doc.user_data.get("geomap_sent_bounds")
    if cached is None or cached[0] != len(doc):
        cached = (len(doc), [s.start for s in doc.sents] + [len(doc)])
        doc.user_data["geomap_sent_bounds"] = cached
    bounds = cached[1]
    k = bisect_right(bounds, i) - 1
    return doc[bounds[k]:bounds[k + 1]]


def _adjectival(tok: Token) -> bool:
    """A word modifying a noun after it ("Russian forces"), not a plural people-noun."""
    return (tok.tag_ not in ("NNS", "NNPS") and tok.head.i > tok.i
            and tok.dep_ in ("amod", "compound", "nmod", "npadvmod"))


def _entities(doc: Doc) -> list[Span]:
    """The NER's entities, with the model's run-on spans cut where they clearly end.

    "Mr Trump - Wisconsin" (PERSON) is a person, then a place (an unspaced hyphen joins a
    name: "Kamianka-Dniprovska"); any entity ends at an opening bracket ("Lugansk People's
    Republic (LPR"); a DATE or TIME with no number or calendar word ("in Winnipeg"
    labelled DATE) is dropped.
    """
    out = []
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME") and not any(
                t.like_num or t.lower_ in CALENDAR_WORDS for t in ent):
            continue
        cut = next((t.i for t in ent if t.text in ("(", "[") and t.i > ent.start), None)
        if cut is None and ent.label_ in ("PERSON", "ORG"):
            cut = next((t.i for t in ent if t.text in ("-", "–", "—", "/", ",")
                        and t.i > ent.start
                        and (t.text == "," or doc[t.i - 1].whitespace_)), None)
        elif cut is None and ent.label_ in PLACE_LABELS:
            # "Thruxton, Hampshire" or "Central Africa - Nigeria" as one GPE: two places,
            # the second left to the matcher
            cut = next((t.i for t in ent if t.i > ent.start and (
                t.text == "," or t.text in ("-", "–", "—", "/") and doc[t.i - 1].whitespace_)),
                None)
        if cut is not None:
            out.append(Span(doc, ent.start, cut, label=ent.label_))
            continue
        joint = next((t.i for t in ent if t.lower_ == "and" and ent.start < t.i < ent.end - 1),
                     None)
        if joint is not None and ent.label_ in ("PERSON", "ORG") and ent.start > 0 \
                and doc[ent.start - 1].lower_ == "between":
            # "the road between Nabatieh and Kfar Remen" (one ORG): "between" pairs two of
            # a kind, so the model ran two names together
            out.append(Span(doc, ent.start, joint, label=ent.label_))
            out.append(Span(doc, joint + 1, ent.end, label=ent.label_))
            continue
        out.append(ent)
    return out


def _person_name(ent: Span) -> bool:
    """A PERSON entity that can be a person's name: not one opening with a settlement word
    ("SOS Children's Village Malakal" gives the PERSON "Village Malakal")."""
    return ent.label_ == "PERSON" and not (ent[0].is_alpha and ent[0].lower_ in SETTLEMENT_WORDS)


def _first_names(doc: Doc, ents: list[Span]) -> frozenset[str]:
    """Folded first words of multi-token PERSON names ("Georgia Stevens" -> georgia), not
    of those written where a site stands ("police at Karak Castle", labelled PERSON)."""
    out = set()
    for ent in ents:
        words = [t for t in ent if t.is_alpha and len(t) > 1]
        if (_person_name(ent) and len(words) >= 2 and words[0].i == ent.start
                and not (ent.start > 0 and doc[ent.start - 1].lower_ in SITE_PREPOSITIONS)):
            out.add(words[0].lower_)
    return frozenset(out)


def _surnames(ents: list[Span]) -> frozenset[str]:
    """Folded last words of multi-token PERSON names ("Lloyd J. Austin" -> austin)."""
    out = set()
    for ent in ents:
        words = [t for t in ent if t.is_alpha and len(t) > 1]
        if _person_name(ent) and len(words) >= 2:
            out.add(words[-1].lower_)
    return frozenset(out)


def _person_tokens(ents: list[Span]) -> frozenset[str]:
    """Folded tokens of multi-token PERSON names ("Lloyd J. Austin" -> lloyd, austin)."""
    out: set[str] = set()
    for ent in ents:
        if _person_name(ent) and sum(1 for t in ent if t.is_alpha) >= 2:
            out.update(t.lower_ for t in ent if t.is_alpha and len(t) > 1)
    return frozenset(out)


class MentionFinder:
    """Finds toponym mentions in parsed documents (NER + gazetteer n-grams)."""

    def __init__(self, gazetteer: Gazetteer, *, lexicon: Lexicon | None = None,
                 min_population: int = 1000, country_hint: str | None = None,
                 demonyms: bool = False) -> None:
        self.gazetteer = gazetteer
        self.country_hint = country_hint
        # Also report nationality adjectives ("Russian forces") as mentions of the country
        # (label DEM), as CLIFF does and as GeoWebNews/TR-News annotate them.
        self.demonyms = demonyms
        self.lexicon = lexicon or load_lexicon()
        self.min_population = min_population
        # Titles that open a person's name ("Ms Raggi", "Gen. Gerasimov").
        self._titles = frozenset(row["title"].casefold() for row in read_tsv("person_titles.tsv"))
        self._kin_words = frozenset(row["word"] for row in read_tsv("kin_words.tsv"))
        # Words after a name that make the phrase a thing named after it ("Ebola virus").
        self._eponym_words = frozenset(row["word"].casefold()
                                       for row in read_tsv("eponym_words.tsv"))
        # Nouns for ships: a name right after one is a vessel's ("the cruiser Moskva").
        self._vessel_words = frozenset(row["word"].casefold()
                                       for row in read_tsv("vessel_words.tsv"))
        # ... and a name after a ship prefix ("the destroyer USS Carney", "HMS Diamond")
        self._vessel_prefixes = frozenset(row["prefix"]
                                          for row in read_tsv("vessel_prefixes.tsv"))
        # Words that make an organisation's name a local one ("... City Council").
        self._org_heads = {row["word"].casefold(): row["kind"]
                           for row in read_tsv("org_heads.tsv")}
        # Last words of the names of streets and buildings ("Royal Street", "Barclays
        # Center"), the list the resolver places such names with, less the words of
        # institutions, whose names mostly stand for the body ("a researcher at Loyola
        # University", "Rutgers University said", "treated at Kenyatta National Hospital")
        self._facility_words = frozenset(
            row["word"] for row in read_tsv("resolve_words.tsv")
            if row["kind"] == "facility") - INSTITUTION_WORDS

    # -- matching ---------------------------------------------------------------------
    def match(self, doc: Doc) -> tuple[list[tuple[int, int, str]], Counter[str]]:
        """Token spans (start, end, label) that name places, and demonym country counts."""
        lex, gaz = self.lexicon, self.gazetteer
        demonyms: Counter[str] = Counter()
        spans: list[tuple[int, int, str]] = []
        taken = [False] * len(doc)
        ents = [self._feature_named(doc, ent) for ent in _entities(doc)]
        ner_place_names = self._ner_place_names(doc, ents)
        # a word the NER also labels a place on its own is no person's name ("Karak" once
        # the model has called "Karak Castle" a PERSON), unless it ends a person's name
        # ("Mr. Heiden", labelled GPE once, is a surname)
        # a name the gazetteer knows that stands alone or in a settlement phrase ("Nova
        # Kakhovka", "the village of Krasny Liman") is no person, whatever the NER says
        named = [ent for ent in ents if ent.label_ in ("PERSON", "ORG", "NORP")
                 and self._named_by_context(doc, *_trim(doc, ent.start, ent.end))]
        ents_left = [ent for ent in ents if ent not in named]
        # a nationality the model calls a person ("Saint Lucian", "Sri Lankan") names no
        # one: its words must not veto the country ("the Saint Lucia National Trust")
        people = [ent for ent in ents_left
                  if not (ent.label_ == "PERSON" and lex.demonym_country(ent.text))]
        surnames = _surnames(people)
        speakers = self._speakers(doc)
        as_places = self._written_as_places(doc)
        person_tokens = ((_person_tokens(people) - (ner_place_names - surnames) - as_places)
                         | self._recurring_names(doc, ents_left) | speakers)
        # one sense per article: a first name the article never writes where a place
        # stands is the person's throughout
        first_names = _first_names(doc, people) - as_places

        def free(s: int, e: int) -> bool:
            return not any(taken[s:e])

        def take(s: int, e: int, label: str) -> None:
            spans.append((s, e, label))
            for i in range(s, e):
                taken[i] = True

        embedded: list[tuple[int, int]] = []
        areas: list[tuple[int, int]] = []  # everyday words naming a state, in org names
        weak: list[tuple[int, int]] = []
        hyphen_parts: list[tuple[int, int]] = []
        ent_label = [""] * len(doc)
        for ent in ents:
            for i in range(ent.start, ent.end):
                ent_label[i] = ent.label_
        blocked = [False] * len(doc)
        for ent in ents:
            if ent.label_ in BLOCKING_LABELS:
                for i in range(ent.start, ent.end):
                    blocked[i] = True
        for i in self._defined_acronyms(doc):
            blocked[i] = True
        for i in _operation_name_tokens(doc):
            taken[i] = True  # "Operation Safe Haven" names a military operation, no place
        whole = self._whole_name(doc)
        if whole is not None and not any(  # "Nova Vodolaha" (the model: "Nova" ORG)
                ent.label_ in PLACE_LABELS and _trim(doc, ent.start, ent.end) == whole
                for ent in ents):
            take(*whole, "CTX" if _feature_context(doc, *whole, lex) else "GAZ")
        for s, e in self._phrases(doc):  # "in the anti-terrorist operation zone"
            if free(s, e):
                take(s, e, "GAZ")
        for a, b in self._route_ends(doc):  # "the Svatove-Kreminna line"
            if free(a, b) and not any(blocked[a:b]):
                take(a, b, "GAZ")

        for ent in ents:
            s, e = _trim(doc, ent.start, ent.end)
            if s >= e or not free(s, e):
                continue
            whole_end = self._hyphen_run(doc, s, e)
            if whole_end > e and free(s, whole_end) and not any(blocked[s:whole_end]):
                take(s, whole_end, "GAZ")  # "Croix-des-Bouquets" (the model: "Croix")
                continue
            if (ent.label_ in ("PERSON", "ORG") and e - s == 1 and e < len(doc)
                    and not ent_label[e] and _capitalised(doc[e]) and free(s, e + 1)
                    and not any(blocked[s:e + 1])
                    and _town_of_any_name(gaz, doc[s:e + 1].text, LEAD_TOWN_POPULATION)):
                # "the Krasny Liman direction" (the model: "Krasny" ORG): the entity only
                # begins the two-word name of a town the gazetteer knows
                take(s, e + 1, "GAZ")
                continue
            text = doc[s:e].text
            key = normalize_name(text)
            if ent in named:
                take(s, e, "CTX" if _feature_context(doc, s, e, lex) else "GAZ")
                continue
            if ent.label_ == "NORP":
                tail = self._feature_tail(doc, s, e)
                if tail > e and free(s, tail):
                    take(s, tail, "GAZ")  # "the Crimean bridge", "the Syrian desert"
                    continue
                cc = lex.demonym_country(text)
                if cc:
                    demonyms[cc] += 1
                elif _attributive_demonym(doc, s, e, lex):
                    pass  # "allied Arab militias": an ethnic adjective, not Arab, Alabama
                elif text.islower():
                    pass  # place names are capitalised; "café" is not one
                elif e - s == 1 and is_common_word(text) and not _common_word_place(gaz, doc, s):
                    pass  # "Western tanks": an adjective, not the Western Province of Ghana
                elif gaz.has_name(text) and _strong_place(gaz, text, self.min_population):
                    take(s, e, "GAZ")  # "Dnieper" labelled NORP by the small model
                elif _feature_context(doc, s, e, lex) and not _qualifies_settlements(doc, s, e):
                    take(s, e, "CTX")  # "Severodonetsk town", not "Shiite villages"
                elif gaz.has_name(text) and (_locative(doc, s) or self._listed(doc, s, e)):
                    weak.append((s, e))  # "attacked Energodar" labelled NORP
                continue
            if ent.label_ in PLACE_LABELS:
                if e - s == 1 and (doc[s].lower_ in speakers or (
                        doc[s].lower_ in surnames and not _locative(doc, s)
                        and not _major_place(gaz, text))):
                    continue  # "said Noma", "John Mamo ... Mamo stressed" labelled GPE/FAC
                if (e - s >= 2 and doc[e - 1].is_alpha and doc[e - 1].lower_ in surnames
                        and doc[e - 1].lower_ not in self._facility_words
                        and not _locative(doc, s) and not gaz.has_name(text)):
                    # "Helen Kunz" (FAC) beside "Randy Kunz": a relative, no place, nor is
                    # any part of it ("Helen"); but "Trump Tower" is one, however often
                    # the model calls it a person, and so is a village after "in"
                    for i in range(s, e):
                        blocked[i] = True
                    continue
                if e - s == 1 and doc[s].lower_ in first_names:
                    # "Georgia Stevens is lacing her skates ... Georgia began skating at
                    # four", labelled GPE: the person named in full, called by her first
                    # name as feature stories do, not the country
                    blocked[s] = True
                    continue
                while e - s > 1 and doc[e - 1].text in ("village", "town", "settlement",
                                                        "township", "city"):
                    e -= 1  # "Hryaschuvate village": the name, then a feature word
                e = self._extend(doc, s, e)  # "Trinidad" + "and Tobago"
                s = self._extend_back(doc, s, e, ent_label, free)  # "Hola" + "Prystan"
                text, key = doc[s:e].text, normalize_name(doc[s:e].text)
                if key in lex.not_places or text.casefold() in lex.not_places:
                    continue
                cc = lex.demonym_country(text)
                if cc and not gaz.has_name(text):
                    demonyms[cc] += 1
                    continue
                if (e - s == 1 and doc[s].lower_ in _surnames([p for p in ents_left
                                                               if p.end <= s])
                        and not _strong_place(gaz, text, self.min_population)):
                    continue  # "Nataliia Mykolska ... Mykolska is also an envoy" (GPE)
                if self._bank_of(doc, s, e) or text.islower():
                    continue  # "the west bank of …"; "café" labelled GPE
                if e - s == 1 and is_common_word(text) and not _common_word_place(gaz, doc, s):
                    continue  # "Centre", "Republican", "Police" labelled GPE
                if _hyphen_part(doc, s, e) and not _compound_side(gaz, doc, s, e,
                                                                  self.min_population):
                    hyphen_parts.append((s, e))  # "Yuzhno" of "Yuzhno-Donetsk direction"
                    continue
                pair = self._hyphened_pair(doc, s, e)
                if pair is not None:  # "Asia-Pacific": two places
                    for a, b in pair:
                        take(a, b, ent.label_)
                    continue
                take(s, e, "CTX" if _feature_context(doc, s, e, lex) else ent.label_)
                continue
            if (ent.label_ == "ORG" and e - s == 1 and text.isupper() and 2 < len(text) <= 5
                    and not _place_acronym(gaz, text) and not _major_place(gaz, text)):
                continue  # an organisation's acronym ("MENA", "NATO"), not "ROME" or "DPRK"
            if ent.label_ in ("PERSON", "ORG"):
                if (e - s >= 2 and not text.isupper() and _natural_feature(gaz, text, lex)):
                    weak.append((s, e))  # "the storming of Savur-Mohyla" (ORG): a hill;
                    continue  # kept if the name's namesakes fit the article
                if (2 <= e - s <= 3 and _feature_context(doc, s, e, lex)
                        and all(doc[i].text[:1].isupper() and not is_common_word(doc[i].text)
                                or _inner_hyphen(doc, i, s, e) for i in range(s, e))):
                    take(s, e, "CTX")  # "the village of Kryvaya Luka" labelled PERSON
                    continue
                if (e - s >= 2 and not text.islower() and gaz.has_name(text)
                        and _major_place(gaz, text)):
                    take(s, e, "GAZ")  # "Tamil Nadu" labelled PERSON
                    continue
                pair = self._hyphened_pair(doc, s, e)
                if pair is not None and all(_town_of_any_name(gaz, doc[a:b].text, 100_000)
                                            for a, b in pair):
                    # "the Nikolaev-Kryvyi Rih direction" (PERSON): two cities of 100,000+,
                    # which a double surname ("Ambassador Phillips-Spencer") seldom is
                    for a, b in pair:
                        take(a, b, "GAZ")
                    continue
                if (ent.label_ == "PERSON" and e - s >= 2 and _locative(doc, s)
                        and doc[s - 1].lower_ in ("in", "near", "outside")
                        and gaz.has_name(text) and _strong_place(gaz, text, self.min_population)):
                    take(s, e, "GAZ")  # "in Klamath Falls" labelled PERSON
                    continue
                if (ent.label_ == "PERSON" and e - s >= 2 and _locative(doc, s)
                        and gaz.has_name(text) and not self._titled(doc, s, e)
                        and _town_of_any_name(gaz, text, LEAD_TOWN_POPULATION)):
                    take(s, e, "GAZ")  # "withdrew from Khan Younis", "residents of Chasiv Yar"
                    continue
                if (e - s >= 2 and not text.isupper()
                        and (_locative(doc, s) or self._listed(doc, s, e)
                             or _headline_label(doc, s, e))
                        and gaz.has_name(text) and not (ent.label_ == "ORG" and _strong_place(
                            gaz, text, 5 * self.min_population))):
                    weak.append((s, e))  # "attacked Chasov Yar" (PERSON), "near Saur-Mogila"
                    continue  # (ORG): kept if the name's namesakes fit the article
                if text.islower():
                    continue
                # a post's name: one word, or several the model reads as the post's
                # (ORG), not as a person's first and last name
                if ((e - s == 1 or ent.label_ == "ORG") and _before_post(doc, e)
                        and gaz.has_name(text) and not self._titled(doc, s, e)
                        and all(_capitalised(doc[i]) for i in range(s, e))):
                    weak.append((s, e))  # "the Hoptivka checkpoint" (ORG): kept if the
                    continue  # name's namesakes fit the article
                # The small model often calls a lone city a PERSON or ORG ("Kherson",
                # "Novokaterynivka village").
                lone_city = e - s == 1 and (key in ner_place_names or (
                    gaz.has_name(text) and not is_common_word(text)
                    and _strong_place(gaz, text, 20 * self.min_population)))
                if (ent.label_ == "PERSON" and not lone_city
                        and self._place_by_position(doc, s, e, ents, speakers)):
                    weak.append((s, e))  # "Nova Kakhovka underwater", "Kreminna forest"
                    continue  # battles" (PERSON): kept if the name's namesakes fit
                if any(doc[i].lower_ in person_tokens for i in range(s, e)):
                    if ent.label_ == "ORG" and e - s >= 2:
                        embedded.append((s, e))  # "Air Zimbabwe" once an "Air ..." person
                    continue
                if e - s > 1 and any(doc[i].lower_ in SETTLEMENT_WORDS for i in range(s, e)):
                    for i in range(s, e):  # "Town/City Slavyansk" is no organisation
                        ent_label[i] = ""
                    continue
                if lone_city:
                    take(s, e, "GAZ")
                elif (e - s == 1 and _feature_context(doc, s, e, lex)
                      and not _qualifies_settlements(doc, s, e)):
                    take(s, e, "CTX")
                elif gaz.has_name(text) and _caps_dateline(doc, s, e):
                    take(s, e, "GAZ")  # "BANTAM —" labelled ORG
                elif e - s == 1 and gaz.has_name(text) and (
                        _locative(doc, s) or self._listed(doc, s, e)
                        or self._hinted_rare(text) or _headline_label(doc, s, e)):
                    weak.append((s, e))
                elif e - s >= 2 and (_locative(doc, s) or self._listed(doc, s, e)) and (
                        gaz.has_name(text) and _strong_place(gaz, text, 5 * self.min_population)):
                    take(s, e, "GAZ")  # "in Red Deer", "and Kamianka-Dniprovska" labelled ORG
                elif ent.label_ == "ORG" and e - s >= 2:
                    embedded.append((s, e))  # "Kyiv Post", "Kharkiv Regional Council"

        # Gazetteer n-grams over capitalised tokens that no entity explains. Names of
        # small places are kept aside until the article's countries are known.
        i = 0
        n = len(doc)
        while i < n:
            tok = doc[i]
            if (taken[i] or blocked[i] or not (_capitalised(tok) or _caps_lead(doc, i))
                    or tok.lower_ == "the" or ent_label[i] in ("PERSON", "ORG", "NORP")):
                i += 1
                continue
            found, label = None, "GAZ"
            for length in range(min(MAX_NGRAM, n - i), 0, -1):
                j = i + length
                last = doc[j - 1]
                if not _capitalised(last) or not free(i, j) or any(blocked[i:j]):
                    continue
                if any(doc[k].is_punct and doc[k].text not in JOINERS for k in range(i, j)):
                    continue
                if any(not _capitalised(doc[k]) and doc[k].lower_ not in JOINERS
                       for k in range(i + 1, j - 1)):
                    continue
                text = doc[i:j].text
                # The tagger is unreliable on rare words in short fragments ("Bakhmut,
                # Donetsk region" tags Bakhmut ADV); rare words need no PROPN tag.
                if length == 1 and (tok.is_stop or tok.pos_ not in ("PROPN", "X")
                                    and not tok.text.isupper()
                                    and not _feature_context(doc, i, j, lex)
                                    and not is_rare_word(tok.text)):
                    continue
                key = normalize_name(text)
                if key in lex.not_places or lex.demonym_country(text):
                    continue
                if length == 1 and _country_tail(gaz, doc, i):
                    continue
                if length == 1 and tok.lower_ in person_tokens:
                    continue
                if gaz.has_name(text) and _hyphen_part(doc, i, j) and not _compound_side(
                        gaz, doc, i, j, self.min_population):
                    # one side of a compound the gazetteer lacks ("Yuzhno" of
                    # "Yuzhno-Donetsk"): only an area of the article's countries will
                    # do ("Vest-Agder" beside Oslo), never a namesake village
                    hyphen_parts.append((i, j))
                    break
                if not gaz.has_name(text):
                    if (length == 1 and _feature_context(doc, i, j, lex)
                            and not is_common_word(text)):
                        found, label = j, "CTX"  # "village of Gorbatenko": a spelling variant
                        break
                    continue
                if (length == 1 and key not in ner_place_names and _everyday(text)
                        and not _common_word_place(gaz, doc, i)):
                    continue
                if (length == 1 and key not in ner_place_names
                        and self._in_longer_name(doc, i) and not _major_place(gaz, text)):
                    continue  # "Doug Logan", "Alfa Romeo", "Lombard Odier"
                if (length > 1 or key in ner_place_names or _feature_context(doc, i, j, lex)
                        or _strong_place(gaz, text, self.min_population)
                        or _caps_dateline(doc, i, j)):
                    found = j
                    break
                if _locative(doc, i) or self._listed(doc, i, j) or (
                        length == 1 and self._hinted_rare(text)) or _headline_label(
                        doc, i, j) or _before_site(doc, j):
                    weak.append((i, j))
                    break
            if found:
                take(i, found, label)
                i = found
            else:
                i += 1
        for s, e in self._streets(doc, ents, taken, blocked):
            take(s, e, "FAC")
        for s, e in _road_codes(doc):
            if free(s, e):  # (the model calls "A436" a number, which blocks nothing here)
                take(s, e, "ROAD")
        self._accept_weak(doc, weak, spans, demonyms, free, take)
        for s, e in embedded:
            self._embedded(doc, s, e, free, take, person_tokens, hyphen_parts, areas,
                           frozenset(ner_place_names))
        self._accept_weak(doc, hyphen_parts, spans, demonyms, free, take, areas_only=True)
        self._accept_weak(doc, areas, spans, demonyms, free, take, areas_only=True,
                          label="EMB")
        for s, e in self._currency_states(doc, ents, free):
            take(s, e, "EMB")
        for i, tok in enumerate(doc):  # "DPR", "UAE": initials of a major area
            if (free(i, i + 1) and not blocked[i] and ent_label[i] not in ("PERSON", "ORG")
                    and _place_acronym(gaz, tok.text)):
                take(i, i + 1, "GAZ")
        if self.demonyms:
            self._demonym_adjectives(doc, free, take)
        spans = [self._with_generic_tail(doc, span, taken) for span in spans]
        # a compound's side names no place but may still name a disease ("Ebola-Reston")
        eponyms = self._eponyms(doc, spans + [(s, e, "") for s, e in hyphen_parts])
        spans = sorted(sp for sp in spans
                       if (normalize_name(doc[sp[0]:sp[1]].text) not in eponyms
                           or _spatial_before(doc, sp[0]))
                       and not self._titled(doc, sp[0], sp[1])
                       and not self._kin_named(doc, sp[0], sp[1])
                       and not self._vessel_name(doc, sp[0], sp[1]))
        return spans, demonyms

    def _currency_states(self, doc: Doc, ents: list[Span],
                         free: Callable[[int, int], bool]) -> list[tuple[int, int]]:
        """Countries named inside an amount of money ("59.2 billion US dollars", "Hong Kong
        dollars"): the name before a currency noun (data/metonymy_cues.tsv) stands for the
        state whose money it is. The MONEY entity blocks the n-gram matcher, so the name is
        taken here; only a major place or a country's initials, never a nationality
        adjective ("Egyptian pounds" stays a demonym)."""
        out = []
        for ent in ents:
            if ent.label_ != "MONEY":
                continue
            for k in range(ent.start + 1, ent.end):
                word = doc[k].lower_
                if word not in self.lexicon.currency_nouns and not (
                        word.endswith("s") and word[:-1] in self.lexicon.currency_nouns):
                    continue
                for j in range(max(ent.start, k - 3), k):
                    text = doc[j:k].text
                    if (not all(doc[i].text[:1].isupper() for i in range(j, k))
                            or not free(j, k) or self.lexicon.is_demonym(text)):
                        continue
                    if (_place_acronym(self.gazetteer, text) if k - j == 1 and text.isupper()
                            else self.gazetteer.has_name(text)
                            and _major_place(self.gazetteer, text)):
                        out.append((j, k))
                        break
        return out

    def _feature_named(self, doc: Doc, ent: Span) -> Span:
        """A person or firm the model reads in a place the gazetteer knows and the
        capitalised settlement word or front noun after it ("near Volnovaha Town",
        "Svitlodarsk Bulge" labelled PERSON): the place, as a GPE. Only for a name English
        does not use: an English word before "Town" is the name's own ("Grants Town",
        "Spanish Town"); nor when the whole is a name ("Kansas City", "Black Forest")."""
        last = doc[ent.end - 1]
        if (ent.label_ not in ("PERSON", "ORG") or len(ent) < 2 or not last.text[:1].isupper()
                or last.lower_ not in SETTLEMENT_WORDS | FRONT_NOUNS):
            return ent
        s, e = _trim(doc, ent.start, ent.end - 1)
        text = doc[s:e].text
        if (s >= e or not all(_capitalised(doc[i]) for i in range(s, e))
                or not is_foreign_phrase(text)
                or normalize_name(text) in self.lexicon.not_places
                or self.gazetteer.has_name(ent.text) or not self.gazetteer.has_name(text)):
            return ent
        return Span(doc, s, e, label="GPE")

    def _vessel_name(self, doc: Doc, s: int, e: int) -> bool:
        """A ship's name: it stands right after a ship prefix ("USS Carney") or in
        apposition right after a vessel noun, perhaps in quotes ("the landing ship
        Novocherkassk", "the cruiser 'Moskva'"), and is no
        clause of its own ("the ship Ukraine seized" has a verb of the name's). A country
        after one is the subject of a relative clause the parser misreads ("the tanker
        Russia seized"): navies do not name ships after countries."""
        k = s - 1
        while k >= 0 and doc[k].is_quote:
            k -= 1
        if k >= 0 and doc[k].text.rstrip(".") in self._vessel_prefixes:
            return True
        if k < 0 or doc[k].lower_ not in self._vessel_words or not doc[k].pos_ == "NOUN":
            return False
        root = doc[s:e].root
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.pos_ in ("VERB", "AUX") \
                and root.head.i > root.i:
            return False
        best = self.gazetteer.lookup(doc[s:e].text, limit=1)
        return not (best and best[0].feature_code.startswith("PCL"))

    def _phrases(self, doc: Doc) -> list[tuple[int, int]]:
        """Token spans of the gazetteer's lower-case phrase names, in any case, longest
        first ("left bank of the Dnipro" before the river alone)."""
        phrases = self.gazetteer.phrases
        if not phrases:
            return []
        lengths = _phrase_lengths(phrases)
        words = [(i, w) for i, tok in enumerate(doc) for w in normalize_name(tok.text).split()]
        out = []
        k = 0
        while k < len(words):
            found = 0
            if words[k][1] in lengths and (k == 0 or words[k - 1][0] != words[k][0]):
                # (a phrase starts a token; the lengths of the phrases its word starts)
                for n in lengths[words[k][1]]:
                    if n < 2 or n > len(words) - k:
                        continue
                    last = k + n - 1
                    if ((last + 1 == len(words) or words[last + 1][0] != words[last][0])
                            and tuple(w for _, w in words[k:k + n]) in phrases):
                        found = n
                        break
            if found:
                out.append((words[k][0], words[k + found - 1][0] + 1))
                k += found
            else:
                k += 1
        return out

    def _whole_name(self, doc: Doc) -> tuple[int, int] | None:
        """The token range of a text that is only a name the gazetteer knows (see
        _whole_text), or None."""
        s = next((t.i for t in doc if not (t.is_punct or t.lower_ == "the")), len(doc))
        e = next((t.i for t in doc[s:] if t.text in ("(", "[")), len(doc))
        while e > s and (doc[e - 1].is_punct or doc[e - 1].lower_ in SETTLEMENT_WORDS):
            e -= 1
        if s >= e or e - s > MAX_NGRAM or not _whole_text(doc, s, e):
            return None
        return (s, e) if self._named_by_context(doc, s, e) else None

    def _named_by_context(self, doc: Doc, s: int, e: int) -> bool:
        """A name of two or more words the gazetteer knows, in a settlement phrase ("the
        village of Shirokaya Balka", "Nyzhnya Krynka town") or as all the text says."""
        if s >= e or not _capitalised(doc[s]) or not _capitalised(doc[e - 1]):
            return False
        text = doc[s:e].text
        if e - s == 1:  # "Energodar" labelled NORP; one everyday word is no such name
            return (_whole_text(doc, s, e) and not _everyday(text)
                    and self.gazetteer.has_name(text)
                    and normalize_name(text) not in self.lexicon.not_places)
        return ((_feature_context(doc, s, e, self.lexicon) or _whole_text(doc, s, e))
                and self.gazetteer.has_name(text)
                and normalize_name(text) not in self.lexicon.not_places)

    def _place_by_position(self, doc: Doc, s: int, e: int, ents: list[Span],
                           speakers: frozenset[str]) -> bool:
        """A name the model calls a person that stands where a town does: before a noun
        of the front or terrain it names ("Kreminna forest battles", "Marinka direction"),
        or opening a headline or sentence as a town of LEAD_TOWN_POPULATION under its own
        name ("Nova Kakhovka underwater as dam gives way").

        Not when the article shows it is a person: a title before it, a word of it in
        another person's name ("Oleksii Reznikov ... Reznikov"), or it, or a mention of it,
        says or tells something ("Medvedev said")."""
        text = doc[s:e].text
        if (not all(_capitalised(doc[i]) and not _everyday(doc[i].text) for i in range(s, e))
                or not self.gazetteer.has_name(text) or self._titled(doc, s, e)
                or normalize_name(text) in self.lexicon.not_places):
            return False
        words = {doc[i].lower_ for i in range(s, e)}
        if words & speakers:
            return False
        key = normalize_name(text)
        for ent in ents:
            if (ent.label_ == "PERSON" and normalize_name(ent.text) != key
                    and words & {t.lower_ for t in ent if t.is_alpha}):
                return False
            if normalize_name(ent.text) == key and any(
                    t.dep_ == "nsubj" and t.head.lemma_.lower() in SPEECH_VERBS for t in ent):
                return False
        if (e < len(doc) and doc[e].lower_ in FRONT_NOUNS
                and doc[e].dep_ in ("compound", "amod", "nmod", "npadvmod")):
            return True
        if _before_site(doc, e):
            return True
        lead = doc[s].is_sent_start or s > 0 and doc[s - 1].text == ";"
        return bool(lead and _town_of(self.gazetteer, text, LEAD_TOWN_POPULATION))

    def _titled(self, doc: Doc, s: int, e: int) -> bool:
        """A person's name: a title opens it or stands right before it ("Ms Raggi" labelled
        GPE, "Mr. Heiden"), and it is no major place ("President Putin visited Kherson"
        names no place before Kherson; a title before "Ukraine" is no title of a name)."""
        def title(tok: Token) -> bool:
            return (tok.text[:1].isupper() and not tok.text.rstrip(".").isupper()  # "DR Congo"
                    and tok.lower_.rstrip(".") in self._titles)

        if e - s >= 2 and title(doc[s]):
            return True
        return (s > 0 and title(doc[s - 1]) and not doc[s].text.isupper()
                and not _major_place(self.gazetteer, doc[s:e].text))

    def _kin_named(self, doc: Doc, s: int, e: int) -> bool:
        """A relative's name: a kinship noun (data/kin_words.tsv) before it, over a first
        name, a comma or a coordinated name ("his brother Tyler", "son Leo Thames",
        "daughters North and Chicago", "her baby, Chicago"). A country stays a country
        ("mother Russia")."""
        j, steps = s - 1, 0
        while j >= 0 and steps < 4 and (doc[j].lower_ in ("and", ",") or (
                doc[j].is_alpha and doc[j].text[:1].isupper() and not doc[j].is_sent_start)):
            j, steps = j - 1, steps + 1
        if j < 0 or not doc[j].text.islower() or doc[j].lower_ not in self._kin_words:
            return False
        return not any(c.feature_code in COUNTRY_CODES
                       for c in self.gazetteer.lookup(doc[s:e].text, limit=3))

    def _eponyms(self, doc: Doc, spans: list[tuple[int, int, str]]) -> set[str]:
        """Names that some mention shows to name a disease or strain in this article
        ("Ebola virus", "the Ebola-Reston strain", "West Nile fever"): a word of
        data/eponym_words.tsv follows within two tokens (hyphens and a second name may
        stand between). Countries and major cities stay places ("the United States flu
        season", "Hong Kong flu")."""
        out = set()
        for s, e, _ in spans:
            for tok in doc[e:e + 3]:
                if tok.lower_ in self._eponym_words:
                    if not _major_place(self.gazetteer, doc[s:e].text):  # "Hong Kong flu"
                        out.add(normalize_name(doc[s:e].text))
                    break
                if not (tok.text in ("-", "‐") or _capitalised(tok)):
                    break
        return out

    def _in_longer_name(self, doc: Doc, i: int) -> bool:
        """Whether the word at i runs on into a capitalised word that is no everyday word,
        place word or nationality ("Fire Marshal Doug Logan", "the Alfa Romeo badge"):
        then it is part of a person's or brand's name that the NER missed, not a place
        ("Bakhmut Mayor", "Kyiv Independent" are not such runs, nor is a place name
        English never uses or one before "district": "Slavyansk Donetsk region",
        "Uglegorsk Artemivsky district")."""
        lex = self.lexicon

        def name_word(tok: Token) -> bool:
            return (tok.is_alpha and tok.text[:1].isupper() and not tok.text.isupper()
                    and not tok.is_stop and not is_common_word(tok.text)
                    and tok.lower_ not in lex.hints_after and tok.lower_ not in lex.hints_before
                    and tok.lower_ not in self._org_heads
                    and not lex.demonym_country(tok.text))

        def place_after(tok: Token) -> bool:  # the place's region or district follows
            return (is_foreign_name(tok.text) and self.gazetteer.has_name(tok.text)
                    or tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in lex.hints_after)

        if i + 1 < len(doc) and doc[i + 1].lower_ in lex.hints_after:
            return False  # "Artemivsky district"
        before = i > 0 and doc[i - 1].whitespace_ and name_word(doc[i - 1])
        after = (i + 1 < len(doc) and doc[i].whitespace_ and name_word(doc[i + 1])
                 and not place_after(doc[i + 1]))
        return bool(before or after)

    def _with_generic_tail(self, doc: Doc, span: tuple[int, int, str],
                           taken: list[bool]) -> tuple[int, int, str]:
        """'Kakhovka' + 'dam', 'Zaporizhzhia' + 'nuclear power plant': a name with the
        lower-case words after it, when the gazetteer knows the whole as one feature."""
        s, e, label = span
        if label in ("DEM", "EMB"):
            return span
        j = self._feature_tail(doc, s, e, taken)
        for i in range(e, j):
            taken[i] = True
        return s, j, label

    def _feature_tail(self, doc: Doc, s: int, e: int, taken: list[bool] | None = None) -> int:
        """End of the feature the gazetteer knows as the name s..e with the lower-case
        words after it ('Kakhovka dam'; 'the Crimean bridge', where the name alone is an
        adjective the model calls NORP); e when there is none."""
        for k in range(MAX_TAIL, 0, -1):
            j = e + k
            if j > len(doc) or (taken is not None and any(taken[e:j])) or not all(
                    t.is_alpha and t.is_lower for t in doc[e:j]):
                continue
            text = doc[s:j].text
            found = self.gazetteer.lookup(text, limit=1)
            if found and found[0].feature_class in ("S", "H", "L", "T") and (
                    self.gazetteer.has_name(text)):
                return j
        return e

    def _demonym_adjectives(self, doc: Doc, free: Callable[[int, int], bool],
                            take: Callable[[int, int, str], None]) -> None:
        """'Russian forces', 'South Korean officials': adjectives that name a country or
        region. Nouns for people ("Russians", "an American") are not taken."""
        lex = self.lexicon
        i = 0
        while i < len(doc):
            for length in (2, 1):
                j = i + length
                if j > len(doc) or not free(i, j) or not _capitalised(doc[i]):
                    continue
                if lex.demonym_place(doc[i:j].text) and _adjectival(doc[j - 1]):
                    take(i, j, "DEM")
                    i = j - 1
                    break
            i += 1

    def _hyphen_run(self, doc: Doc, s: int, e: int) -> int:
        """End of the hyphenated name, written without spaces, that an entity only begins
        and the gazetteer knows under its own name ("Croix-des-Bouquets" where the model
        labels "Croix"); else e."""
        if e >= len(doc) or doc[e].text not in ("-", "‐") or doc[e - 1].whitespace_:
            return e
        for j in range(min(len(doc), s + MAX_NGRAM), e + 1, -1):
            if any(t.whitespace_ for t in doc[e:j - 1]) or not _capitalised(doc[j - 1]) \
                    or doc[j - 1].text in ("-", "‐"):
                continue
            text = doc[s:j].text
            if any(normalize_name(c.name) == normalize_name(text)
                   for c in self.gazetteer.lookup(text, limit=3)):
                return j
        return e

    def _extend(self, doc: Doc, s: int, e: int) -> int:
        """End of the longest name the gazetteer knows under its own name that starts
        with the entity and runs on over capitalised words and joiners ("Trinidad and
        Tobago", "U.S. Virgin Islands" where the model labels only a part). A Slavic
        name may be spelt in another romanization of its own name ("Krasnyi Luch" for
        Krasnyy Luch), as the gazetteer's variant matching reads it anyway."""
        for j in range(min(len(doc), s + MAX_NGRAM), e, -1):
            tail = doc[e:j]
            if not _capitalised(doc[j - 1]) or any(
                    not (_capitalised(t) or t.lower_ in JOINERS) for t in tail):
                continue
            text = doc[s:j].text
            key, vkey = normalize_name(text), variant_key(text)
            if any(normalize_name(c.name) == key or (
                    vkey and c.country_code in VARIANT_COUNTRIES and variant_key(c.name) == vkey)
                   for c in self.gazetteer.lookup(text, limit=3)):
                return j
        return e

    def _extend_back(self, doc: Doc, s: int, e: int, ent_label: list[str],
                     free: Callable[[int, int], bool]) -> int:
        """Start of the name the gazetteer knows under its own name that ends with the
        entity and begins one or two capitalised words before it, words no entity claims
        ("near Hola Prystan" where the model labels only "Prystan"); else s."""
        for k in (2, 1):
            a = s - k
            if a < 0 or not free(a, s) or any(
                    ent_label[i] or not _capitalised(doc[i]) or doc[i].is_sent_start
                    or is_common_word(doc[i].text) for i in range(a, s)):
                continue
            text = doc[a:e].text
            key = normalize_name(text)
            if any(normalize_name(c.name) == key for c in self.gazetteer.lookup(text, limit=3)):
                return a
        return s

    def _listed(self, doc: Doc, s: int, e: int) -> bool:
        """A name in a list beside another place name ("attacked Bilohorivka, Yakovlivka,
        and Pidhorodne") or before the district and region that hold it in brackets
        ("took control of Soledar (Bakhmut, Donetsk)", as ACLED notes write places): the
        weak-match check still wants the article's countries."""
        def name_at(i: int) -> bool:
            return 0 <= i < len(doc) and _capitalised(doc[i]) and self.gazetteer.has_name(
                doc[i].text)

        before = s - 1
        if before >= 0 and doc[before].lower_ in ("and", "or") and before > 0 and (
                doc[before - 1].text == ","):
            before -= 1
        if before >= 1 and doc[before].lower_ in (",", "and", "or") and name_at(before - 1):
            return True
        after = e
        if after < len(doc) and doc[after].text == "," and after + 1 < len(doc) and (
                doc[after + 1].lower_ in ("and", "or")):
            after += 1
        return (after < len(doc) and doc[after].lower_ in (",", "and", "or", "(")
                and name_at(after + 1))

    def _hinted_rare(self, text: str) -> bool:
        """With --country, a rare word naming a place there is taken for that place (the
        weak-match check still requires a candidate in the article's countries)."""
        return bool(self.country_hint) and is_rare_word(text)

    def _accept_weak(self, doc: Doc, weak: list[tuple[int, int]],
                     spans: list[tuple[int, int, str]], demonyms: Counter[str],
                     free: Callable[[int, int], bool],
                     take: Callable[[int, int, str], None], *,
                     areas_only: bool = False, label: str = "GAZ") -> None:
        """Keep small-place names after a locative word when they lie in the article's
        countries ("entered Robotyne" in a story about Ukraine), or when a name English
        never uses has namesakes in one country only ("Russian forces shelled Vuhledar").
        `areas_only`: only an administrative area or region under its own name in the
        article's countries will do. `label`: the label of the mentions kept."""
        if not weak:
            return
        countries = set(demonyms)
        if self.country_hint:
            countries.add(self.country_hint.upper())
        for s, e, _ in spans:
            for cand in self.gazetteer.lookup(doc[s:e].text, limit=1):
                if cand.country_code:
                    countries.add(cand.country_code)
        for s, e in weak:
            if not free(s, e):
                continue
            text = doc[s:e].text
            cands = self.gazetteer.lookup(text, limit=10)
            if areas_only:
                key = normalize_name(text)
                if any(c.country_code in countries and normalize_name(c.name) == key
                       and (c.feature_class == "A" or c.feature_code == "RGN")
                       for c in cands):
                    take(s, e, label)
                continue
            key = normalize_name(text)
            if any(c.country_code in countries for c in cands) or (
                    is_foreign_phrase(text) and len({c.country_code for c in cands}) == 1) or (
                    # a feature of no one country under its own name of several words
                    # ("struck the Crimean Bridge", labelled ORG): no namesake to fear
                    e - s >= 2 and any(not c.country_code and normalize_name(c.name) == key
                                       for c in cands)):
                take(s, e, label)

    def _embedded(self, doc: Doc, s: int, e: int, free: Callable[[int, int], bool],
                  take: Callable[[int, int, str], None],
                  person_tokens: frozenset[str] = frozenset(),
                  hyphen_parts: list[tuple[int, int]] | None = None,
                  areas: list[tuple[int, int]] | None = None,
                  place_names: frozenset[str] = frozenset()) -> None:
        """Places named inside an organisation name: a major place anywhere ("Kyiv Post"
        -> Kyiv), a lesser one that a local body is named after ("Bakhmut Military
        Administration", "Adair County Regional Jail") or that the article writes as a
        place on its own elsewhere ("The Allendale Woman's Club" in a report datelined
        Allendale).

        A span that is nothing but place names and joiners ("Kherson and Mykolaiv",
        mislabelled ORG) is no organisation: its places are taken as literal names."""
        if hyphen_parts is None:
            hyphen_parts = []
        if areas is None:
            areas = []
        names = self._only_places(doc, s, e)
        if names is not None:
            for a, b in names:
                if free(a, b):
                    take(a, b, "GAZ")
            return
        if self._facility_name(doc, s, e):
            # "Barclays Center", "New Bilibid Prison" (ORG to the small model): a street or
            # building is a place, even one the gazetteer lacks (the resolver puts it in
            # the town named beside it); kept whole unless it is named after a place
            # ("the Mariupol Drama Theatre" is where things in Mariupol happen)
            local = self._local_body_place(doc, s, e, person_tokens)
            if local is None and free(s, e) and not self._holds_major_place(doc, s, e):
                take(s, e, "FAC")
                return
        local = self._local_body_place(doc, s, e, person_tokens)
        if local is not None and free(local[0], local[1]):
            # the town of a site is where things at the site happen ("a strike hit the
            # Mariupol Drama Theatre"): a plain name whose role the context decides
            take(local[0], local[1], "GAZ" if local[2] == "facility" else "EMB")
        i = s
        while i < e:
            for j in range(e, i, -1):
                text = doc[i:j].text
                if not free(i, j) or self.lexicon.demonym_country(text) or \
                        _attributive_demonym(doc, i, j, self.lexicon) or any(
                        doc[k].lower_ in person_tokens for k in range(i, j)):
                    continue
                if text.endswith(("-", "‐")) or self._hyphened_to_word(doc, j):
                    continue  # "France" of "Agence France-Presse"
                if j == i + 1 and _country_tail(self.gazetteer, doc, i):
                    continue  # "Commonwealth of Independent States"
                everyday = j == i + 1 and is_common_word(text)
                if (_capitalised(doc[i]) and self.gazetteer.has_name(text)
                        and (_major_place(self.gazetteer, text)
                             or _mapped_water(self.gazetteer, text)
                             or normalize_name(text) in place_names)
                        and not (everyday and not _common_word_place(self.gazetteer, doc, i))
                        or j == i + 1 and _place_acronym(self.gazetteer, text)):
                    if _hyphen_part(doc, i, j) and not _compound_side(
                            self.gazetteer, doc, i, j, self.min_population):
                        hyphen_parts.append((i, j))  # "Mogila" of "Serednia-Mogila"
                    elif i > s and doc[i - 1].lower_ in SPATIAL or all(
                            doc[k].like_num or doc[k].is_punct
                            for k in range(s, e) if not i <= k < j):
                        # a run-on entity: "the Transfiguration Cathedral in Odesa" is a
                        # building in Odesa, "attacked Kherson 45 times" no organisation
                        take(i, j, "GAZ")
                    else:
                        take(i, j, "EMB")
                    i = j
                    break
                if (everyday and _capitalised(doc[i]) and not _hyphen_part(doc, i, j)
                        and not (i > 0 and _capitalised(doc[i - 1])
                                 and doc[i - 1].lower_ != "the"
                                 and self.gazetteer.has_name(doc[i - 1:j].text))
                        and self._first_level_area(text)):
                    # "the Texas Rangers", "California National Guard": a state that is
                    # also a frequent word, kept when the article is in its country
                    # (not "England" of "New England Journal")
                    areas.append((i, j))
                    i = j
                    break
            else:
                i += 1

    def _first_level_area(self, name: str) -> bool:
        """Whether a first-level administrative area of one country bears `name` as its
        own name ("Texas"): a word naming such areas in several countries is a generic
        one ("North", "Western", "Central")."""
        key = normalize_name(name)
        return len({c.country_code for c in self.gazetteer.lookup(name, limit=10)
                    if c.feature_code == "ADM1" and normalize_name(c.name) == key}) == 1

    def _streets(self, doc: Doc, ents: list[Span], taken: list[bool],
                 blocked: list[bool]) -> list[tuple[int, int]]:
        """Names of streets that nothing else explains: up to four capitalised words
        before a street word ("King Edward Street", "Rest Acres Road", "Mont-Royal
        Avenue"), or a numbered highway ("Highway 403"). A street word inside a longer
        entity names something else ("Wall Street Journal"); a name already taken for a
        place stops the run ("Kherson Street" keeps Kherson)."""
        ent_end = [0] * len(doc)
        for ent in ents:
            for i in range(ent.start, ent.end):
                ent_end[i] = ent.end
        out = []
        # only the street words' tokens are looked at (a Token per token costs)
        for k in _indices_of(doc, _STREET_HASHES):
            tok = doc[k]
            if not tok.text[:1].isupper() or taken[k] or blocked[k] or ent_end[k] > k + 1:
                continue
            if (tok.lower_ in NUMBERED_ROADS and k + 1 < len(doc) and doc[k + 1].like_num
                    and doc[k + 1].is_digit and not taken[k + 1]):
                out.append((k, k + 2))
                continue
            i = k
            while (i > 0 and k - i < 4 and not taken[i - 1] and not blocked[i - 1]
                   and (_capitalised(doc[i - 1]) and doc[i - 1].lower_ != "the"
                        or doc[i - 1].text in ("-", "‐") and i - 1 > 0
                        and _capitalised(doc[i - 2]) and not doc[i - 2].whitespace_)):
                i -= 1
            if (i < k and _capitalised(doc[i])
                    and not (tok.ent_type_ == "PERSON" and tok.lower_ == "lane")
                    and not self._holds_major_place(doc, i, k + 1)):
                out.append((i, k + 1))  # ("Baku Komissarov Square" would be read as Baku)
        return out

    def _holds_major_place(self, doc: Doc, s: int, e: int) -> bool:
        """Whether a major place's name is part of tokens s..e (not the whole, nor one side
        of a hyphened name: "Mont" of "Mont-Royal Avenue" is no Mont. for Montana)."""
        return any(_capitalised(doc[i]) and _capitalised(doc[j - 1])
                   and not _hyphen_part(doc, i, j)
                   and self.gazetteer.has_name(doc[i:j].text)
                   and _major_place(self.gazetteer, doc[i:j].text)
                   for i in range(s, e) for j in range(i + 1, e))

    def _facility_name(self, doc: Doc, s: int, e: int) -> bool:
        """Whether tokens s..e are the proper name of a street or building: two or more
        capitalised words (joiners between), the last a facility word ("Royal Street",
        "Northwestern Memorial Hospital"), none a nationality ("British Embassy" says
        whose, as "British" alone would) and no all-capital acronym."""
        if e - s < 2 or doc[e - 1].lower_ not in self._facility_words or (
                doc[e - 1].lower_ == "estate" and doc[e - 2].lower_ == "real"):
            return False  # (a "… Real Estate" firm is no housing estate)
        words = doc[s:e]
        return (all(_capitalised(t) or t.lower_ in JOINERS for t in words)
                and not any(t.text.isupper() and len(t) > 1 for t in words)
                and not any(self.lexicon.demonym_country(t.text) for t in words))

    def _local_body_place(self, doc: Doc, s: int, e: int, person_tokens: frozenset[str],
                          ) -> tuple[int, int, str] | None:
        """The place a local body is named after: the name that opens an organisation
        name with a word such as council, court, police or times after it ("Bantam
        Superior Court", "Suffolk County Sheriff's Office"), or follows "<word> of" at its
        end ("University of Michigan").

        Only everyday words may stand between the name and that word ("Stoke Mandeville
        Hospital" is named after Stoke Mandeville, not Stoke). The name must be a
        significant place under its own name, no everyday word and no part of a person's
        name in the article; universities, schools and hospitals are often named after
        people ("Chapman University"), so theirs must be a town of 10,000 or more. A
        town of 20,000 or more that owns the rest ("Derry's Altnagelvin Hospital",
        "Middletown's New Road") is where that is ("Moody's Analytics" is a firm's).
        Returns the name's token range and the kind of body (local, institution or
        facility: data/org_heads.tsv).
        """
        heads = self._org_heads

        def head_after(j: int) -> str | None:
            # (also a facility word the entity stopped short of: "the Kherson TV tower")
            end = e + 1 if e < len(doc) and heads.get(doc[e].lower_) == "facility" else e
            for t in doc[j:end]:
                if t.lower_ in heads:
                    return heads[t.lower_]
                if t.is_alpha and is_rare_word(t.text):
                    return None
            return None

        for j in range(min(e - 1, s + MAX_NGRAM), s, -1):
            if doc[j].tag_ == "POS" and self._named_place(doc, s, j, person_tokens, 20):
                return s, j, "facility"  # "Derry's Altnagelvin Hospital": where it is
            kind = head_after(j)
            if kind is not None and self._named_place(
                    doc, s, j, person_tokens, 1 if kind == "local" else 10):
                return s, j, kind
        for k in range(e - 2, s, -1):
            if doc[k].lower_ == "of" and doc[k - 1].lower_ in heads:
                for j in range(e, k + 1, -1):
                    if self._named_place(doc, k + 1, j, person_tokens, 1, after_of=True):
                        return k + 1, j, heads[doc[k - 1].lower_]
                break
        return None

    def _named_place(self, doc: Doc, a: int, b: int, person_tokens: frozenset[str],
                     scale: int, *, after_of: bool = False) -> bool:
        """Whether tokens a..b are a place's own name that an organisation is named after
        (see _local_body_place); `scale` multiplies the population a town needs. An
        everyday word must name a country or capital, or (`after_of`: "University of
        Michigan") a first-level region."""
        gaz, lex = self.gazetteer, self.lexicon
        text = doc[a:b].text
        if not (_capitalised(doc[a]) and _capitalised(doc[b - 1])):
            return False
        if any(doc[k].lower_ in person_tokens or doc[k].is_punct and doc[k].text not in JOINERS
               for k in range(a, b)):
            return False
        if lex.demonym_country(text) or _attributive_demonym(doc, a, b, lex) \
                or normalize_name(text) in lex.not_places:
            return False
        if not gaz.has_name(text):
            return False
        if b == a + 1 and zipf(text) >= 4.0 and not (
                _major_place(gaz, text) if after_of else _common_word_place(gaz, doc, a)):
            return False  # "Chamber of Commerce", "Grave Crimes Court"
        return _strong_place(gaz, text, scale * self.min_population)

    def _recurring_names(self, doc: Doc, ents: list[Span]) -> frozenset[str]:
        """One-word names the NER calls a person or organisation at least twice and a
        place never, that never follow a locative word and are English names ("Zara",
        "Levi", "Brent"): one sense per article, so every mention of them is that person or
        firm. Names English never uses ("Kherson", "Avdiivka", which the small model often
        calls a PERSON), major places and towns of 50,000 ("Danbury police") are left
        alone."""
        labels: dict[str, Counter[str]] = {}
        for ent in ents:
            s, e = _trim(doc, ent.start, ent.end)
            if e - s == 1 and doc[s].is_alpha:
                labels.setdefault(doc[s].lower_, Counter())[
                    "place" if ent.label_ in PLACE_LABELS else ent.label_] += 1
        names = {w for w, c in labels.items()
                 if c["PERSON"] + c["ORG"] >= 2 and not c["place"]}
        if not names:
            return frozenset()
        hints = self.lexicon.hints_before
        for tok in doc:
            i = tok.i
            if tok.lower_ not in names:
                continue
            if (_locative(doc, i) and not (i + 1 < len(doc) and doc[i + 1].tag_ == "POS")
                    or _feature_context(doc, i, i + 1, self.lexicon)
                    or i > 1 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in hints):
                names.discard(tok.lower_)  # "in Zara", "the island of Java": a place
        return frozenset(w for w in names if not is_foreign_name(w)
                         and not _major_place(self.gazetteer, w)
                         and not _town_of(self.gazetteer, w, TOWN_POPULATION))

    def _written_as_place(self, doc: Doc, i: int) -> bool:
        """Whether the word at i stands alone right after a preposition of place ("in
        Riverdale", not "in Riverdale Luke Oil", "in Smith's view" or "offered the job to
        Bolton"), where no person's name stands."""
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        alone = nxt is None or not (nxt.tag_ == "POS" or _capitalised(nxt))
        return alone and i > 0 and doc[i - 1].lower_ in PLACE_PREPOSITIONS

    def _written_as_places(self, doc: Doc) -> frozenset[str]:
        """Capitalised words the gazetteer knows that the article writes alone where a
        place stands ("horses nearby in Riverdale"): a place there, even when the model
        reads a firm named after it as a person ("Riverdale Luke Oil"), as it is for
        speakers and recurring names."""
        return frozenset(tok.lower_ for tok in doc
                         if tok.is_alpha and _capitalised(tok) and not tok.text.isupper()
                         and self.gazetteer.has_name(tok.text)
                         and self._written_as_place(doc, tok.i))

    def _speakers(self, doc: Doc) -> frozenset[str]:
        """One-word names that say or tell something in the article ("said Noma", "Mamo
        stressed"), that never follow a locative word: people, however the NER labels
        them. Places speak only through their governments ("Kyiv said"), so major places
        and towns of 50,000 are left alone."""
        names = {tok.lower_ for tok in doc
                 if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in SPEECH_VERBS
                 and tok.is_alpha and _capitalised(tok) and not tok.text.isupper()
                 and tok.tag_ == "NNP" and not tok.is_stop}
        if not names:
            return frozenset()
        for tok in doc:
            i = tok.i
            if tok.lower_ in names and (
                    _locative(doc, i) and not (i + 1 < len(doc) and doc[i + 1].tag_ == "POS")
                    or _feature_context(doc, i, i + 1, self.lexicon)):
                names.discard(tok.lower_)  # "in Noma": a place after all
        return frozenset(w for w in names if not _major_place(self.gazetteer, w)
                         and not _town_of(self.gazetteer, w, TOWN_POPULATION))

    def _ner_place_names(self, doc: Doc, ents: list[Span]) -> set[str]:
        """Names the NER labels a place somewhere in the article, except an everyday word
        after "the" that names no country there ("the Centre" of an Indian article, once
        labelled GPE, must not make every other "Centre" a place; "Texas" stays)."""
        out = set()
        for ent in ents:
            if ent.label_ not in PLACE_LABELS:
                continue
            s, e = _trim(doc, ent.start, ent.end)
            if s >= e:
                continue
            if (e - s == 1 and s > 0 and doc[s - 1].lower_ == "the"
                    and is_common_word(doc[s].text)
                    and not _common_word_place(self.gazetteer, doc, s)):
                continue
            out.add(normalize_name(doc[s:e].text))
        return out

    def _defined_acronyms(self, doc: Doc) -> set[int]:
        """Capitals in brackets that spell the initials of the words just before them
        ("Department of Health (DOH)", "Institute for the Study of War (ISW)"): the
        short name of that body, no place, unless the long name is a place ("Lugansk
        People's Republic (LPR)")."""
        out = set()
        for tok in doc:
            i, letters = tok.i, tok.text.casefold()
            if not (tok.is_alpha and tok.text.isupper() and 2 <= len(letters) <= 6
                    and i >= 2 and doc[i - 1].text == "("):
                continue
            words: list[Token] = []
            k = i - 2
            while k >= 0 and len(words) < len(letters) + 4 and (
                    doc[k].is_alpha or doc[k].tag_ == "POS" or doc[k].text in ("-", "‐")):
                if doc[k].is_alpha:
                    words.insert(0, doc[k])
                k -= 1
            for a in range(len(words)):
                seg = words[a:]
                every = "".join(w.text[0] for w in seg).casefold()
                content = "".join(w.text[0] for w in seg if not w.is_stop).casefold()
                if letters in (every, content) and not seg[0].is_stop:
                    if not (self.gazetteer.has_name(doc[seg[0].i:i - 1].text)
                            or _place_acronym(self.gazetteer, tok.text)):  # "(DRC)"
                        out.add(i)
                    break
        return out

    def _hyphened_pair(self, doc: Doc, s: int, e: int) -> list[tuple[int, int]] | None:
        """'Asia-Pacific', 'Alsace-Lorraine': two names the gazetteer knows, joined by an
        unspaced hyphen into one the gazetteer does not ("Ivano-Frankivsk" is one name)."""
        hyphens = [k for k in range(s + 1, e - 1) if doc[k].text in ("-", "‐")
                   and not doc[k - 1].whitespace_ and not doc[k].whitespace_]
        if len(hyphens) != 1:
            return None
        h = hyphens[0]
        gaz = self.gazetteer
        sides = [(s, h), (h + 1, e)]  # either side may have words ("Nikolaev-Kryvyi Rih")
        if gaz.has_name(doc[s:e].text) or not all(
                _capitalised(doc[a]) and _capitalised(doc[b - 1]) and gaz.has_name(doc[a:b].text)
                for a, b in sides):
            return None
        return sides

    def _route_ends(self, doc: Doc) -> list[tuple[int, int]]:
        """The two towns a line, road or direction runs between, hyphened before its noun
        ("the Svatove-Kreminna line", "the Bakhmut-Lysychansk road"), whatever entity the
        NER made of them: both names the gazetteer knows in one country."""
        out: list[tuple[int, int]] = []
        gaz = self.gazetteer
        for k in range(1, len(doc) - 2):
            if doc[k].text not in ("-", "‐") or doc[k - 1].whitespace_ or doc[k].whitespace_:
                continue
            left = (k - 1, k)
            right = next(((k + 1, j) for j in (k + 3, k + 2) if j < len(doc)
                          and doc[j].lemma_.lower() in ROUTE_NOUNS
                          and all(_capitalised(t) for t in doc[k + 1:j])), None)
            if right is None or not all(_capitalised(doc[a]) and gaz.has_name(doc[a:b].text)
                                        for a, b in (left, right)):
                continue
            # under their own names ("Yuzhno" of "Yuzhno-Donetsk" is only an old name of
            # a Yuzhne)
            countries = [{c.country_code for c in gaz.lookup(doc[a:b].text, limit=10)
                          if normalize_name(c.name) == normalize_name(doc[a:b].text)}
                         for a, b in (left, right)]
            if countries[0] & countries[1] - {""}:
                out += [left, right]
        return out

    def _hyphened_to_word(self, doc: Doc, j: int) -> bool:
        """Whether the name ending before token j runs on through an unspaced hyphen into
        a capitalised word that names no place ("France-Presse"; "Middlesex-London" and
        "Nigeria-Ukrainian" name two)."""
        if j + 1 >= len(doc) or doc[j - 1].whitespace_ or doc[j].text not in ("-", "‐"):
            return False
        nxt = doc[j + 1]
        return (not doc[j].whitespace_ and _capitalised(nxt)
                and not self.gazetteer.has_name(nxt.text)
                and not self.lexicon.demonym_country(nxt.text))  # "Nigeria-Ukrainian"

    def _only_places(self, doc: Doc, s: int, e: int) -> list[tuple[int, int]] | None:
        """The place names that make up tokens s..e with only joiners and commas between
        them, or None when anything else is there. After "the towns of" any name the
        gazetteer knows will do; otherwise each must be a significant place."""
        settled = s > 1 and doc[s - 1].lower_ == "of" and doc[s - 2].lower_ in SETTLEMENT_WORDS
        out, i = [], s
        while i < e:
            if doc[i].lower_ in ("and", ",", "or", "&"):
                i += 1
                continue
            if out and out[-1][1] == i:
                return None  # two names with nothing between: one name ("Al-Ahram")
            for j in range(e, i, -1):
                text = doc[i:j].text
                everyday = is_common_word(doc[j - 1].text) and not (
                    j == i + 1 and _common_word_place(self.gazetteer, doc, i))
                if (_capitalised(doc[i]) and not everyday and self.gazetteer.has_name(text)
                        and (settled or _strong_place(self.gazetteer, text,
                                                      self.min_population))):
                    out.append((i, j))
                    i = j
                    break
            else:
                return None
        return out if len(out) >= 2 else None

    def _bank_of(self, doc: Doc, s: int, e: int) -> bool:
        """'the west bank of the Dnieper': the bank phrase itself is not a place name."""
        return doc[e - 1].lower_ in BANK_WORDS and e < len(doc) and doc[e].lower_ == "of"

    # -- annotation -------------------------------------------------------------------
    def mentions(self, doc: Doc, spans: Iterable[tuple[int, int, str]]) -> list[Mention]:
        """Mentions with sentence, feature hint and lookup query from token spans."""
        out = []
        hints_after, hints_before = self.lexicon.hints_after, self.lexicon.hints_before
        text = doc.text  # Doc.text joins every token: once, not per mention
        for s, e, label in spans:
            span: Span = doc[s:e]
            name = span.text
            hint = None
            end_char = span.end_char
            query = None
            last = doc[e - 1].lower_
            if last in hints_after:
                hint = hints_after[last]
            elif e < len(doc) and doc[e].lower_ in hints_after:
                hint = hints_after[doc[e].lower_]
                if hint in ("region", "district", "river", "sea", "lake", "reservoir"):
                    end_char = doc[e].idx + len(doc[e].text)
                    query = text[span.start_char:end_char]
            if hint is None:
                plural = _shared_plural_hint(doc, e, hints_after)
                if plural is not None:
                    # "the Mykolaiv and Kherson regions": each conjunct is a region
                    hint, word = plural
                    query = f"{name} {word}"
            if hint is None and _bank_before(doc, s):
                hint = "river"  # "the left bank of the Dnipro" is the river
                query = f"{name} river"
            if hint is None and s > 0:
                prev = doc[s - 1].lower_
                # "the region of Kherson" is Kherson region, but in "the Kirovsky
                # district of Donetsk", "a residential district of Donetsk" the word
                # heads the name or adjective before it: a part of the city Donetsk
                # ("the eastern province of Luhansk" is still the province)
                if (prev == "of" and s > 1 and doc[s - 2].lower_ in hints_before
                        and not (s > 2 and hints_before[doc[s - 2].lower_] == "district"
                                 and doc[s - 3].lower_ not in ("the", "a") and (
                                     doc[s - 3].is_title or doc[s - 3].pos_ == "ADJ"))):
                    hint = hints_before[doc[s - 2].lower_]
                elif prev in hints_before and prev in ("river", "capital"):
                    hint = hints_before[prev]
            if hint is None and _appositive_settlement(doc, e):
                hint = "city"  # "Bali, a town in the North-West region": a populated place
            if label == "DEM":
                query = self.lexicon.demonym_place(name)
            sent = sentence_of(doc, s)
            out.append(Mention(
                text=text[span.start_char:end_char],
                start=span.start_char,
                end=end_char,
                sentence=sent.text.strip(),
                label=label,
                hint=hint,
                query=query or (name if name != text[span.start_char:end_char] else None),
            ))
        return out

    def anaphora(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """'the region' / 'the oblast' standing for a region named by a nearby place.

        These mentions carry label "ANA"; the resolver maps them to the admin-1 area of
        the closest place mentioned before them (or right after, in the same sentence).
        """
        covered = [(m.start, m.end) for m in mentions]
        out = []
        for tok in doc:
            if tok.lower_ not in ANAPHORA or tok.i == 0 or doc[tok.i - 1].lower_ != "the":
                continue
            if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of":
                continue  # "the region of X" names X itself
            if any(s <= tok.idx < e for s, e in covered):
                continue
            out.append(Mention(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text),
                               sentence=sentence_of(doc, tok.i).text.strip(), label="ANA",
                               hint="region"))
        return sorted(mentions + out, key=lambda m: m.start)

    def dotted_prefixes(self, doc: Doc, spans: Iterable[tuple[int, int, str]]) -> list[Mention]:
        """'U.S.-led', 'U.K.-made': the tokenizer keeps a dotted country abbreviation and
        the word it is hyphenated to as one token; the abbreviation names the country.
        Like a nationality adjective ("Russian-made") it says whose, not where: label DEM,
        so no event is placed there."""
        covered = {i for s, e, _ in spans for i in range(s, e)}
        out = []
        for tok in doc:
            m = _DOTTED_PREFIX.match(tok.text)
            if m is None or tok.i in covered or not _place_acronym(self.gazetteer, m.group(1)):
                continue
            out.append(Mention(text=m.group(1), start=tok.idx, end=tok.idx + len(m.group(1)),
                               sentence=sentence_of(doc, tok.i).text.strip(), label="DEM",
                               query=m.group(1)))
        return out

    def region_abbreviations(self, doc: Doc, spans: Iterable[tuple[int, int, str]]
                             ) -> list[Mention]:
        """'Barrie, Ont.', 'Melville, Sask.': a dotted state or province abbreviation
        after a place and a comma names the area the place is in. The model often tags it
        as a person ("Ont") or nothing once the tokenizer has split off its dot."""
        spans = list(spans)
        covered = {i for s, e, _ in spans for i in range(s, e)}
        ends = {e for _, e, _ in spans}
        table = _region_abbreviations()
        out = []
        for i in range(2, len(doc)):
            if (i - 1) not in ends or i in covered or doc[i - 1].text != ",":
                continue
            tok = doc[i]
            text = tok.text
            if not text.endswith(".") and i + 1 < len(doc) and doc[i + 1].text == ".":
                text += "."
            if text not in table:
                continue
            out.append(Mention(text=text, start=tok.idx, end=tok.idx + len(text),
                               sentence=sentence_of(doc, i).text.strip(), label="GPE"))
        return out

    def numbered_parts(self, doc: Doc, spans: Iterable[tuple[int, int, str]]
                       ) -> list[Mention]:
        """'Zolote-4': the tokenizer keeps a numbered part of a settlement as one token,
        which no gazetteer holds; it lies in the settlement it is numbered after. Only
        where a place is expected (after "at", "near", a list or the whole text): a
        drone or missile ("Orlan-10", "Geran-2") is named the same way."""
        covered = {i for s, e, _ in spans for i in range(s, e)}
        out = []
        for tok in doc:
            m = _NUMBERED_PART.match(tok.text)
            if m is None or tok.i in covered or not (
                    _locative(doc, tok.i) or _whole_text(doc, tok.i, tok.i + 1)
                    or self._listed(doc, tok.i, tok.i + 1)):
                continue
            base = m.group(1)
            if not any(c.feature_class == "P" for c in self.gazetteer.lookup(base, limit=20)):
                continue
            out.append(Mention(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text),
                               sentence=sentence_of(doc, tok.i).text.strip(), label="GAZ",
                               hint="city", query=base))
        return out

    def __call__(self, doc: Doc) -> Extraction:
        spans, demonyms = self.match(doc)
        found = sorted(self.mentions(doc, spans) + self.dotted_prefixes(doc, spans)
                       + self.numbered_parts(doc, spans)
                       + self.region_abbreviations(doc, spans), key=lambda m: m.start)
        text = doc.text
        mentions = [replace(m, label="DL") if _dateline(text, m) else m for m in found]
        return Extraction(
            mentions=tuple(self.anaphora(doc, mentions)),
            demonym_countries=tuple(demonyms.most_common()),
            force_countries=tuple(self.force_countries(doc).most_common()),
        )

    def force_countries(self, doc: Doc) -> Counter[str]:
        """Countries whose armed forces the text names by a demonym before a force noun
        ("Russian troops", "the Ukrainian counteroffensive"; data/resolve_words.tsv,
        kind=force), however the NER labelled the adjective."""
        out: Counter[str] = Counter()
        for tok in doc[:-1]:
            nxt = doc[tok.i + 1]
            if nxt.lower_ in FORCE_WORDS and tok.text[:1].isupper():
                cc = self.lexicon.demonym_country(tok.text)
                if cc:
                    out[cc] += 1
        return out


# Nouns for armed forces and their ground operations (see MentionFinder.force_countries).
FORCE_WORDS = frozenset(r["word"] for r in read_tsv("resolve_words.tsv") if r["kind"] == "force")


@lru_cache(maxsize=1)
def _region_abbreviations() -> frozenset[str]:
    """Dotted state and province abbreviations news write after a town ("Barrie, Ont.")."""
    return frozenset(r["abbreviation"] for r in read_tsv("region_abbreviations.tsv"))


@Language.factory("geomap_toponyms", default_config={"gazetteer_path": None})
def make_toponym_component(nlp: Language, name: str, *,
                           gazetteer_path: str | None) -> ToponymComponent:
    """spaCy factory: `nlp.add_pipe("geomap_toponyms", after="ner")`."""
    return ToponymComponent(Gazetteer.open(Path(gazetteer_path) if gazetteer_path else None))


class ToponymComponent:
    """A spaCy pipeline component that stores toponym spans in ``doc.spans["toponyms"]``.

    For users who want geomap's extraction inside their own spaCy pipeline; the spans'
    labels are GPE/LOC/FAC (NER), GAZ (gazetteer), CTX (settlement context), EMB (inside
    an organisation name) or ANA ("the region").
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.finder = MentionFinder(gazetteer)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for m in self.finder(doc).mentions:
            span = doc.char_span(m.start, m.end, label=m.label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["toponyms"] = spans
        return doc
