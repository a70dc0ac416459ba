"""Choosing, for each mention, the gazetteer entry it refers to, from context.

Each candidate gets a score that adds a prior (feature type and population) to context:
the article's focus countries (from country names and demonyms), feature hints ("region",
"river", "city of"), explicit containment ("Bakhmut, Donetsk region", "Atlanta, Georgia"),
peers (a list of states is states), the definite article ("across the Dnipro" is the
river) and closeness to the other places in the article (great-circle distance via
geopy). Across the articles of one run, the places named without ambiguity make a focus
that chooses among a bare village name's namesakes (see RunFocus). The same name gets the
same reading throughout an article. Streets and buildings
the gazetteer lacks are placed at the town named near them; dotted state and province
abbreviations ("Mo.", "B.C.") come from geomap/data/region_abbreviations.tsv.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from geopy.distance import great_circle
from rapidfuzz.fuzz import ratio
from spacy.lang.en.stop_words import STOP_WORDS

from geomap.gazetteer import (
    ARABIC_ARTICLE_COUNTRIES,
    COUNTRY_CODES,
    VARIANT_COUNTRIES,
    Gazetteer,
    arabic_key,
    normalize_name,
    roman_key,
    translit_key,
    unarticled,
    variant_key,
)
from geomap.lexicon import FOREIGN_ZIPF, is_common_word, is_foreign_name, read_tsv, zipf
from geomap.model import Candidate, Mention

# Prior weight by feature code; places fall back to population.
CODE_PRIOR = {
    **{c: 3.0 for c in COUNTRY_CODES},
    "CONT": 2.6, "PPLC": 2.4, "ADM1": 2.3, "RGN": 2.0, "OCN": 2.6, "SEA": 1.8, "GULF": 1.4,
    "PPLA": 1.4, "STM": 1.3, "RSV": 1.2, "LK": 1.0, "ADM2": 1.0, "PPLA2": 0.55, "ISL": 0.8,
    "BAY": 0.8, "STRT": 0.8, "PEN": 0.8, "MTS": 0.8, "DAM": 0.8, "PPLA3": 0.6, "PPL": 0.4,
    # an airport the gazetteer names is a hub news call by its bare name ("Heathrow"):
    # as well known as a town of 10,000, so no hamlet sharing it wins (Heathrow, Florida)
    "AIRP": 1.6,
}
# A site the gazetteer's curators chose because news name it (an air base, a border
# crossing, a camp, a mountain: gazetteer/sites.tsv, curated.tsv) is as well known as an
# airport, so no far village sharing its name wins ("Mount Hermon" is no Virginia town);
# for codes CODE_PRIOR already weighs (islands, regions, seas) that weight stands.
CURATED_SITE_PRIOR = CODE_PRIOR["AIRP"]
HINT_CODES = {
    "region": {"ADM1", "RGN", "ADM2", "AREA", "ADMD"},
    "district": {"ADM2", "ADM3", "ADMD"},
    "river": {"STM", "STMS", "CNL", "STMX", "STMI"},
    "sea": {"SEA", "GULF", "BAY", "OCN"},
    "lake": {"LK", "RSV", "LKS", "LKI", "RSVI"},
    "island": {"ISL", "ISLS", "ISLET"},
    "city": {"PPL", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLC", "PPLX", "PPLS", "PPLF"},
}
# Generic words dropped before comparing a mention with a candidate's name.
GENERIC_WORDS = frozenset({
    "oblast", "region", "province", "raion", "rayon", "district", "county", "city", "river",
    "state", "governorate", "municipality", "the", "of", "lake", "sea", "reservoir", "ocean",
})
# Features much larger than a country or shared by many: no country context speaks
# against them.
BORDERLESS_CODES = frozenset({"OCN", "SEA", "CONT", "GULF", "BAY", "STRT"})
MAJOR_CODES = COUNTRY_CODES | {"PPLC", "ADM1", "CONT", "RGN"}
REGIONAL_CODES = frozenset({"ADM1", "ADM2", "RGN"}) | COUNTRY_CODES


@dataclass(frozen=True, slots=True)
class Resolution:
    """The chosen candidate for one mention, with its score margin and runners-up."""

    candidate: Candidate | None
    confidence: float
    alternatives: tuple[Candidate, ...]


def prior(c: Candidate) -> float:
    """Context-free plausibility of a candidate: feature type plus population."""
    # Minor physical features (ravines, localities, springs) share names with villages
    # and are rarely what news means.
    base = CODE_PRIOR.get(c.feature_code, 0.4 if c.feature_class == "P" else
                          CURATED_SITE_PRIOR if c.source == "curated" else 0.1)
    if c.source == "curated" and c.feature_class == "P" and not c.population:
        # a curated town carries no head count: weigh it as a curated site
        base = max(base, CURATED_SITE_PRIOR)
    return base + _population_prior(c)


def _population_prior(c: Candidate) -> float:
    return 0.3 * math.log10(c.population + 1)


# Words that qualify a region without being part of its name.
DIRECTIONS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "upper", "lower", "greater", "far", "northeast", "northwest", "southeast",
    "southwest", "north-east", "north-west", "south-east", "south-west", "northeastern",
    "northwestern", "southeastern", "southwestern", "mid", "inner", "outer",
})


# A town read from a name with a direction before it ("East Mosul", "West Aleppo") is one
# big enough to have quarters; a hamlet under the bare name is another place.
DIRECTIONAL_TOWN_POPULATION = 10_000


# Words that name a part of some larger whole rather than a place of their own.
GENERIC_NAME_WORDS = DIRECTIONS | frozenset(r["word"] for r in read_tsv("resolve_words.tsv")
                                            if r["kind"] == "generic")


def _generic_name(name: str) -> bool:
    """A name made only of generic words ("North", "West Coast", "The Valley", "Gulf
    County"): such regions exist in many countries, and an article that never points
    at the one country holding the gazetteer's entry means another one."""
    words = normalize_name(name).replace("-", " ").split()
    return bool(words) and all(w in GENERIC_NAME_WORDS or w in GENERIC_WORDS for w in words)


# Official titles written before an area's name ("County of Brant", "Province of Cavite").
AREA_TITLES = frozenset({"county", "province", "region", "state", "municipality", "district",
                         "department", "prefecture", "governorate"})


def _compass_noun(text: str) -> str | None:
    """The everyday word a compass word is put before ("West Wing", "East End"): such a
    compound names a part of a building or town, not a part of a village called Wing;
    a big town or an area of that name is still the likelier reading."""
    words = text.split()
    if len(words) == 2 and words[0].casefold() in DIRECTIONS and is_common_word(words[1]):
        return words[1]
    return None


def _name_goes_on(word: str) -> bool:
    """Whether a capitalised word after a known name continues a longer proper name
    rather than adding a noun ("Montgomery County Democrats"): a word English hardly uses
    ("Kasba Bonli") that names no kind of feature."""
    folded = word.casefold()
    plural = folded.endswith("s") and not is_foreign_name(word[:-1])  # "Buffalo Bisons"
    return (word[:1].isupper() and is_foreign_name(word) and not plural
            and folded not in HINT_WORDS
            and folded not in FACILITY_WORDS and folded not in GENERIC_NAME_WORDS
            and folded not in AREA_TITLES)


SAINT_WORDS = frozenset({"st", "st.", "saint"})


def _shorter_forms(text: str, area_after: bool = False) -> list[str]:
    """Fallback names for a mention the gazetteer lacks, most specific first.
    ``area_after``: the sentence goes on with a feature word ("Makarov Stanichno Luhansk
    region"), so a strange word at the mention's end may begin the area's name."""
    words = text.replace("’s", "").replace("'s", "").split()
    out = []
    lead = 0
    while lead < len(words) - 1 and words[lead].casefold() in DIRECTIONS:
        lead += 1
    if lead:
        out.append(" ".join(words[lead:]))
    if len(words) > 2 and words[0].casefold() in AREA_TITLES and words[1] == "of":
        out.append(" ".join(words[2:]))  # "County of Brant" is Brant (the county)
    if words and words[0].casefold() in SAINT_WORDS and ("'s" in text or "’s" in text):
        return out  # "St. Peter's Basilica" is named after the saint, not after a town
    for end in range(len(words) - 1, lead, -1):
        if not area_after and _name_goes_on(words[end]) and not any(
                w.casefold() in HINT_WORDS for w in words[end:]):
            # "Kasba Bonli" is a town of its own, not a part of Kasba; in "Grabske
            # Amvrosiyevsky district" the words after the town name its district
            continue
        head = words[lead:end]
        if not head or not head[-1][:1].isupper() or len(" ".join(head)) <= 2:
            continue
        if len(head) == 1 and (head[0].casefold() in DIRECTIONS or is_common_word(head[0])):
            continue  # "South Kilburn Estate" is not "South"; "West Wing" is not "Wing"
        out.append(" ".join(head))
    return out


# Words after a name that say what kind of feature it is ("Darfur region").
HINT_WORDS = frozenset(r["word"] for r in read_tsv("feature_hints.tsv")
                       if r["position"] == "after")


def _bare_name(mention: Mention) -> str | None:
    """The name without the feature word after it ("Pacific region" -> Pacific) when
    it carries a hint and that word is one of data/feature_hints.tsv."""
    words = (mention.query or mention.text).split()
    if mention.hint is None or len(words) < 2 or words[-1].casefold() not in HINT_WORDS:
        return None
    return " ".join(words[:-1])


# Last words of names of streets and buildings, which lie inside a town.
FACILITY_WORDS = frozenset(r["word"] for r in read_tsv("resolve_words.tsv")
                           if r["kind"] == "facility")
FACILITY_CONFIDENCE = 0.3


def _major_place(c: Candidate) -> bool:
    return c.feature_code in MAJOR_CODES or c.feature_code == "PPLA"


def _facility(text: str) -> bool:
    words = normalize_name(text).split()
    return len(words) > 1 and words[-1] in FACILITY_WORDS


# Last words of sites named after the town they serve or stand by (data/resolve_words.tsv):
# "the Pechenihy reservoir" or "the Pechenihy dam" is named after the town, not after the
# raion that bears the town's name, so district readings cost SITE_DISTRICT_PENALTY.
SITE_WORDS = frozenset(r["word"] for r in read_tsv("resolve_words.tsv") if r["kind"] == "site")
SITE_DISTRICT_PENALTY = 1.5
SITE_DISTRICT_CODES = frozenset({"ADM2", "ADM3", "ADM4", "ADMD"})
# how many lower-case words after a name may end in a site's ("nuclear power plant")
SITE_AFTER_WORDS = 3


POSITION_WORDS = frozenset(r["word"] for r in read_tsv("resolve_words.tsv")
                           if r["kind"] == "position")
POSITION_BORDER_KM = 300.0
_WORDS = re.compile(r"[^\W\d_]+|\S")


def _words_after(m: Mention, n: int) -> Iterator[list[str]]:
    """The first n words and marks after each occurrence of the mention in its sentence."""
    pos = m.sentence.find(m.text)
    while pos >= 0:
        yield _WORDS.findall(m.sentence, pos + len(m.text))[:n]
        pos = m.sentence.find(m.text, pos + 1)


def _names_position(m: Mention) -> bool:
    """Whether a word of POSITION_WORDS follows the mention ("the Valera stronghold")."""
    return any(words and words[0] in POSITION_WORDS for words in _words_after(m, 1))


def _names_team(m: Mention) -> bool:
    """Whether one or two capitalised words ending in an English plural follow the mention:
    a club named for its home town ("the Portland Trail Blazers", "Houston Rockets")."""
    for after in _words_after(m, 3):
        for n, word in enumerate(after[:2]):
            if not word.isalpha() or not word[:1].isupper() or word.isupper():
                break
            folded = word.casefold()
            # the club's name ends there ("the Edmonton Traders' Association", "Edmonton
            # Schools Partnership" are no clubs)
            nxt = after[n + 1] if n + 1 < len(after) else ""
            if (folded.endswith("s") and not folded.endswith("ss")
                    and not nxt[:1].isupper() and nxt not in ("'", "’")
                    and zipf(word[:-1]) >= FOREIGN_ZIPF
                    and not {folded, folded[:-1]} & (HINT_WORDS | FACILITY_WORDS
                                                     | GENERIC_NAME_WORDS)):
                return True
    return False


def _names_site(m: Mention) -> bool:
    """Whether the mention is a site's name ("Pechenihy reservoir") or the town a site
    after it is named after ("the Hoptivka checkpoint", "Pechenihy power plant")."""
    if m.hint in ("district", "region"):
        return False  # "the Izium district": the district itself
    words = normalize_name(m.text).split()
    if len(words) > 1 and words[-1] in SITE_WORDS:
        return True
    for after in _words_after(m, SITE_AFTER_WORDS):
        for word in after:
            # the site's noun phrase ends at a function word ("Izium and the bridge")
            if not word.isalpha() or not word.islower() or word in STOP_WORDS:
                break
            if word in SITE_WORDS:
                return True
    return False


# English puts "the" before rivers, seas and regions, not before towns or bare admin
# names ("across the Dnipro" is the river; "The Hague" carries it in its name).
DEFINITE_KEY = " (the)"
DEFINITE_PENALTY = 5.0
DEFINITE_SHY_CODES = frozenset({"ADM1", "ADM2", "ADM3", "ADM4", "ADMD"})
PREPOSITIONS = frozenset({"near", "outside", "inside", "opposite", "past", "toward",
                          "towards", "via", "beyond", "across", "along"})
# Adverbs of a river's course end the noun phrase too: "towns along the Blue Nile
# downstream" is the river, not a "Blue Nile downstream" something.
RIVER_ADVERBS = frozenset({"downstream", "upstream", "downriver", "upriver"})
# Words after "the X" that end the noun phrase: spaCy's stop words without the nouns among
# them ("the Zaporizhzhia front", "the Kherson side" are modifiers of a noun).
FUNCTION_WORDS = (STOP_WORDS | PREPOSITIONS) - {
    "front", "side", "part", "top", "bottom", "back", "name", "call", "move", "show", "fire",
    "whole", "amount", "end", "home"} | RIVER_ADVERBS
_THE_NAME = re.compile(r"\bthe\s+$", re.IGNORECASE)


def _definite(m: Mention) -> bool:
    """Whether the mention is a head noun after "the" ("across the Dnipro from"), not a
    modifier ("the Kyiv government", "the Bakhmut direction"). In "the Karak district"
    the article goes with the feature word the mention ends in, as it does for any
    district, not with the name."""
    if _bare_name(m) is not None:
        return False
    if m.text[:4].casefold() == "the ":
        text = m.text[4:]
    else:
        pos = m.sentence.find(m.text)
        while pos >= 0 and not _THE_NAME.search(m.sentence[max(0, pos - 5):pos]):
            pos = m.sentence.find(m.text, pos + 1)
        if pos < 0:
            return False
        text = m.sentence[pos:pos + len(m.text)]
        rest = m.sentence[pos + len(m.text):]
        if rest[:1] in "-‐–" and rest[1:2].isalpha():
            return False  # a compound modifier ("the Kent-based team")
        after = rest.split()
        nxt = after[0] if after else ""
        word = nxt.strip(".,;:!?\"'”’)").casefold()
        if word and nxt[:1].isalpha() and word not in FUNCTION_WORDS:
            return False  # a modifier, or a name that goes on
        if word in ("and", "or") and len(after) > 1 and after[1][:1].isupper():
            return False  # "the Temryuk and Anapa districts": modifiers in a pair
    return bool(text)


# A title after a name whose holder heads a state or province: "New York Gov. Andrew
# Cuomo", "Kharkiv governor Oleh Syniehubov" name the region, not its capital city.
REGION_OFFICE = re.compile(r"\s+(?:Gov\.|[Gg]overnor\b|[Ll]ieutenant [Gg]overnor\b)")


def _office_hint(m: Mention) -> str | None:
    """"region" when the mention is followed by a governor's title in its sentence."""
    pos = m.sentence.find(m.text)
    while pos >= 0:
        if REGION_OFFICE.match(m.sentence, pos + len(m.text)):
            return "region"
        pos = m.sentence.find(m.text, pos + 1)
    return None


def _article_variants(text: str) -> list[str]:
    """The name with and without "the" after "of" ("Democratic Republic of Congo" /
    "... of the Congo"): official names vary in it."""
    if " of the " in text:
        return [text.replace(" of the ", " of ", 1)]
    if " of " in text:
        return [text.replace(" of ", " of the ", 1)]
    return []


def _trailing_forms(text: str) -> list[str]:
    """Capitalised word runs that end the mention, longest first, without its first word."""
    words = text.replace("’s", "").replace("'s", "").split()
    return [" ".join(words[i:]) for i in range(1, len(words))
            if words[i][:1].isupper() and words[i].casefold() not in DIRECTIONS]


def _bare(name: str) -> str:
    return " ".join(w for w in normalize_name(name).split() if w not in GENERIC_WORDS)


def name_penalty(mention: str, c: Candidate) -> float:
    """0 when the mention is the candidate's own name, more the further it is from it.

    GeoNames alternate names hold old, airport and foreign names ("Glasgow" for Pampa,
    Texas); a match through one of them is weaker evidence than the place's own name.
    A romanization variant of the name (same variant_key, or arabic_key for an Arab League
    place) costs only VARIANT_PENALTY.
    """
    a, b = _bare(mention), _bare(c.name)
    if a == b or (c.country_code in ARABIC_ARTICLE_COUNTRIES and a == unarticled(b)):
        return 0.0
    if c.country_code in VARIANT_COUNTRIES and variant_key(a) and variant_key(a) == variant_key(b):
        ga, gb = _adjective_gender(a), _adjective_gender(b)
        return VARIANT_PENALTY + (GENDER_PENALTY if ga and gb and ga != gb else 0.0)
    if c.country_code in ARABIC_ARTICLE_COUNTRIES and arabic_key(a) and \
            arabic_key(a) == arabic_key(b):
        return VARIANT_PENALTY  # "Tal Rifaat" for "Tall Rif'at", "Huwara" for "Huwwarah"
    if _short_form(a, b):
        return SHORT_FORM_PENALTY
    return 0.8 + 2.0 * (1.0 - _similarity(a, b) / 100.0)


# Words that join a town's name to the river, sea or region that tells it from its
# namesakes ("Newcastle upon Tyne", "Frankfurt am Main", "Rostov-on-Don",
# "Châlons-en-Champagne"): the town is called by the part before them.
QUALIFIER_JOINS = frozenset({"upon", "on", "under", "am", "an", "im", "ob", "sur", "en",
                             "sous", "les", "lès"})
SHORT_FORM_PENALTY = 0.3


def _towns_before_their_districts(
        scored: list[tuple[float, Candidate]]) -> list[tuple[float, Candidate]]:
    """A name said with no district word is the town before the district named after it
    in the same region ("shelled Maryinka" is the town, not the Marinka raion): such a
    district scores just below its town, whatever the spelling cost the town."""
    towns = {(_bare(c.name), c.admin1_code): s for s, c in scored
             if c.feature_class == "P" and c.admin1_code}
    out = []
    for s, c in scored:
        town = towns.get((_bare(c.name), c.admin1_code))
        if c.feature_code in SITE_DISTRICT_CODES and town is not None and s >= town:
            s = town - RANK_STEP
        out.append((s, c))
    return out


def _short_form(a: str, b: str) -> bool:
    """Whether bare name a is the everyday short form of bare name b, its first words
    before a qualifying join ("newcastle" of "newcastle upon tyne")."""
    words, short = b.replace("-", " ").split(), a.replace("-", " ").split()
    n = len(short)
    return (0 < n < len(words) - 1 and words[:n] == short
            and words[n] in QUALIFIER_JOINS)


# The cost of a romanization variant of the candidate's own name ("Andreyevka" for
# Andriyivka, "Vodiane" for Vodyane): one Cyrillic name spelt two ways is the same name,
# so the spelling only breaks ties (as much as about five times the population). The
# data spell Crimean and Russian villages the Russian way and those of Donbas the
# Ukrainian way; a larger cost made every Russian-style spelling in a report a Crimean
# village.
VARIANT_PENALTY = 0.2
# The country whose villages Who's On First adds without a population, and the size from
# which a namesake reached through a spelling variant keeps its head count over them
# (see Resolver._rank): a town is what a near-spelling means more often than a village
# ("Popasne" for Popasna), a village of a looser spelling is not.
VARIANT_HOME = "UA"
VARIANT_KEEP_POPULATION = 10_000
# Letter groups that Ukraine's national romanization (KMU 2010) does not write and the
# Russian-style one does: g for h (but "zgh" for зг), -ovka/-evka for -ivka, the endings
# -oye, -aya, -iy, -yy, -ye, -ya, -ovo. A name spelt the Russian way matches the Russian
# names the dumps give Ukrainian villages as well as the villages' own: no more exact.
_RUSSIAN_STYLE = re.compile(
    r"(?<!z)g(?!h)|[oe]vka\b|(?:oye|oe|aya|iy|yy|ye|ya|[oe]vo)\b", re.IGNORECASE)
# Countries whose own romanization English news uses for their places and no others':
# Ukrainian national spelling (Yahidne, Horlivka) names Ukrainian places, while the
# Russian-style spelling is also used, by habit, for Ukrainian and Belarusian ones.
NATIONAL_ROMANIZATION = frozenset({"UA"})
# From this size a city keeps its namesakes against foreign_variants.
FOREIGN_KEEP_POPULATION = 100_000


def foreign_variants(mention: str, cands: Sequence[Candidate],
                     aliased: frozenset[str] = frozenset()) -> set[str]:
    """Ids of the candidates that a name spelt exactly as a place of a country with its
    own national romanization reaches only through a spelling variant or a stray
    alternate name of the dumps, outside that country: "Yahidne" (the Ukrainian villages'
    own name) is no Yagodnoye in Russia, "Oleshky" no Aleysk ("Aleyskaya"), however much
    "Russia" in a war report votes for them. Major places and cities keep their
    namesakes, and so do the places carrying the name as a curated alias."""
    a = _bare(mention)
    national = {c.country_code for c in cands
                if _bare(c.name) == a or c.id in aliased} & NATIONAL_ROMANIZATION
    if not national:
        return set()
    return {c.id for c in cands if c.country_code in VARIANT_COUNTRIES
            and c.country_code not in national and _bare(c.name) != a
            and c.id not in aliased and c.feature_code not in MAJOR_CODES
            and c.population < FOREIGN_KEEP_POPULATION}



# variant_key ignores vowel endings, but an adjectival name's ending is its gender, and
# the genders name different places: "Pervomaiske" (a village, neuter) is spelt
# Pervomays'ke or Pervomayskoye, never Pervomayskiy (masculine) or Pervomayskaya (feminine).
# Twice the variant cost: a same-gender namesake wins where nothing else tells them apart.
GENDER_PENALTY = 0.2
_GENDER_ENDINGS = (
    ("m", re.compile(r"sk(?:iy|yi|yy|ii|ij|yj|y|i)$")),
    ("n", re.compile(r"sk(?:oye|oe|oje|e)$")),
    ("f", re.compile(r"sk(?:aya|aja|aia|a)$")),
)


def _adjective_gender(bare: str) -> str | None:
    """'m', 'n' or 'f' for a name whose last word is an -sk- adjective in that gender
    (apostrophes already dropped: "Pervomays'ke" -> pervomayske), else None."""
    words = bare.split()
    last = words[-1] if words else ""
    return next((g for g, pattern in _GENDER_ENDINGS if pattern.search(last)), None)


def _similarity(a: str, b: str) -> float:
    """0-100 between two bare names. Russian- and Ukrainian-style romanizations of one
    name ("Nikolaev"/"Mykolaiv") are closer than their letters say."""
    return max(ratio(a, b), ratio(translit_key(a), translit_key(b)))


# Below this similarity (rapidfuzz ratio, 0-100) a candidate found through a romanization
# variant is another name, unless the article points at its country ("Abbassiya" in a
# Cairo story is no Abaza in Russia).
FAR_SPELLING = 75.0
FAR_COUNTRY_SHARE = 0.25  # of the article's country evidence


def _far_spelling(mention: str, c: Candidate) -> bool:
    """A small place reached through a romanization variant whose name is far from the
    mention (alternate names of major places, "Britain", "US", are not in question)."""
    if c.country_code not in VARIANT_COUNTRIES or c.feature_code in MAJOR_CODES:
        return False
    a, b = _bare(mention), _bare(c.name)
    return a != b and _similarity(a, b) < FAR_SPELLING


def _roman_spelling(mention: str, c: Candidate) -> bool:
    """A town outside the Cyrillic-named countries whose name differs from the mention's
    but shares its roman_key (the loose match this key gives; no major place)."""
    if c.country_code in VARIANT_COUNTRIES or c.feature_code in MAJOR_CODES:
        return False
    a, b = _bare(mention), _bare(c.name)
    arab = c.country_code in ARABIC_ARTICLE_COUNTRIES
    return a != b and bool(roman_key(a, arab)) and roman_key(a, arab) == roman_key(b, arab)


# A place abroad this small is no reading of a name when the user named the article's
# country and nothing in the article points at the other one ("Vostok battalion HQ near
# Vuhledar" is no Vostok in Siberia, "Granite village, Volnovakha district" no Granite,
# Oklahoma): English words and call signs match hamlets all over the world.
STRAY_POPULATION = 15_000


def _stray_abroad(c: Candidate, country_hint: str | None, others: dict[str, float]) -> bool:
    return (bool(country_hint) and bool(c.country_code)
            and c.country_code != country_hint.upper()
            and others.get(c.country_code, 0.0) == 0.0
            and c.feature_code not in MAJOR_CODES and c.feature_code != "PPLA"
            and c.population < STRAY_POPULATION)


# Nouns of natural features and areas (not compass words): "Islington Bay" is a bay
# named after some place, never the town of Islington itself.
FEATURE_NOUNS = (GENERIC_NAME_WORDS - DIRECTIONS) | HINT_WORDS


def _abroad(c: Candidate, others: dict[str, float], featured: bool = False) -> bool:
    """A place below country level in a country none of the article's other names
    points at (while they point at some country), and, unless the name adds a feature
    noun to it (``featured``), no major town (whose own fame may have lent the longer
    name its word: "the Buffalo Bisons")."""
    return (bool(c.country_code) and others.get(c.country_code, 0.0) == 0.0
            and any(cc and share > 0.0 for cc, share in others.items())
            and c.feature_code not in COUNTRY_CODES and (featured or not _major_town(c)))


# A place reached through a part of a longer name within this distance of the first
# reading of another name of the article is no stray ("the Istra district" near Moscow).
STRAY_PART_KM = 500.0


# A town named within a few words after a village ("X near Y", "X, south of Y") pulls the
# village's namesakes toward it: bonus NEIGHBOUR_WEIGHT * exp(-km / NEIGHBOUR_KM).
NEIGHBOUR_GAP = 20  # characters between the two names
NEIGHBOUR_WEIGHT = 3.0
NEIGHBOUR_KM = 40.0

# Words that say a place lies near the town named after it, and how far apart the two
# may be before no namesake of the place is believed.
NEAR_WORDS = re.compile(r"\b(near|outside|outskirts|(north|south|east|west)\w* of)\b",
                        re.IGNORECASE)
NEAR_GAP_CHARS = 40
NEAR_FAR_KM = 60.0
# The town a place is said to lie near is read before the place helps read it, by country
# evidence a lone country name can tip: a namesake in another country nearly as likely as
# the first reading (Donetsk, Ukraine just behind Donetsk, Rostov, in a report that names
# Russia first) may be the town meant, so a place near it is kept. Within one country the
# first reading's size is no such accident (Avdiivka, Donetsk over the Chernihiv village).
NEAR_READING_MARGIN = 0.5
# "the Kanal district of Chasiv Yar": a district written as part of a town lies within a
# city's reach of it (the largest cities' districts lie up to ~20 km from their centre).
CITY_PART_KM = 20.0
# The words between a part of a town and the town: "the Kirovsky district of/in Donetsk"
# (the mention ends in "district"), "the Vostochny microdistrict of Mariupol" (the mention
# is the bare name). Not "suburb" or "neighbourhood": English names the city first as
# often ("the Cincinnati suburb of West Chester").
CITY_PART_GAP = re.compile(r"(micro-?district\s+)?(?:of|in)(?:\s+the\s+(?:city|town)\s+of)?")

_DISTANCE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(km|kilomet(?:er|re)s?|mi|miles?|m|met(?:er|re)s?)\b",
                       re.IGNORECASE)


# "north-west of", "south of": the compass direction a gap says a place lies in from the
# town after it, as a bearing in degrees
_STATED_DIRECTION = re.compile(r"\b(north|south)?-?(east|west)?(?:ern)?\s+of\b", re.IGNORECASE)
_BEARINGS = {("north", ""): 0.0, ("north", "east"): 45.0, ("", "east"): 90.0,
             ("south", "east"): 135.0, ("south", ""): 180.0, ("south", "west"): 225.0,
             ("", "west"): 270.0, ("north", "west"): 315.0}
# how far from the stated direction a namesake may lie and still fit it: a compass point
# and its two neighbours' halves (reporters round to the nearest of eight points)
DIRECTION_SLACK_DEG = 45.0


def _stated_bearing(text: str) -> float | None:
    """The bearing a gap states ("north-west of" -> 315), None when it states none."""
    m = _STATED_DIRECTION.search(text)
    if not m or not (m.group(1) or m.group(2)):
        return None
    return _BEARINGS[((m.group(1) or "").casefold(), (m.group(2) or "").casefold())]


def _bearing_off(town: Candidate, c: Candidate, bearing: float) -> float:
    """Degrees between the stated bearing and the bearing from the town to c."""
    dy = c.lat - town.lat
    dx = (c.lon - town.lon) * math.cos(math.radians(town.lat))
    got = math.degrees(math.atan2(dx, dy)) % 360.0
    return abs((got - bearing + 180.0) % 360.0 - 180.0)


# A compass point alone places a town a district's or province's breadth from the city
# named ("Tal Afar, west of Mosul" lies 60 km off, "Sinjar, west of Mosul" 120 km): a
# namesake lying that way is believed this much farther than one in no stated direction.
DIRECTION_FAR_KM = 120.0


def _fits_near(c: Candidate, town: Candidate, far: float, bearing: float | None) -> bool:
    """Whether a namesake may be the place said to lie near ``town``: within ``far`` of it,
    or, when a compass direction is stated, farther that way (DIRECTION_FAR_KM)."""
    km = _km(c, town)
    if km <= far:
        return True
    return bearing is not None and km <= far - NEAR_FAR_KM + DIRECTION_FAR_KM \
        and _bearing_off(town, c, bearing) <= DIRECTION_SLACK_DEG


def _stated_km(text: str) -> float:
    """The largest distance a text states ("70 kilometres south of", "800 m from"), in km;
    0 when it states none."""
    out = 0.0
    for number, unit in _DISTANCE.findall(text):
        u = unit.casefold()
        per = 1.0 if u.startswith("k") else 1.609 if u.startswith("mi") else 0.001
        out = max(out, float(number.replace(",", ".")) * per)
    return out


COUNTRY_PRIOR_MASS = 1.0
# The gazetteer's own order only breaks ties (a village at position 40 of 60 namesakes
# is not less likely for that).
RANK_STEP = 0.002
# Score for a candidate in the country that all of the article's evidence points at.
COUNTRY_WEIGHT = 2.0


def _country_votes(candidate_lists: dict[str, list[Candidate]],
                   demonyms: Sequence[tuple[str, int]], country_hint: str | None
                   ) -> tuple[Counter[str], dict[str, tuple[str, float]]]:
    """The article's evidence for each country, and what each name contributed to it."""
    votes: Counter[str] = Counter()
    own: dict[str, tuple[str, float]] = {}
    for cc, n in demonyms:
        votes[cc] += 0.5 * n
    for key, cands in candidate_lists.items():
        if not cands:
            continue
        top = cands[0]
        if top.feature_code in COUNTRY_CODES:
            own[key] = (top.country_code, 2.0)
        elif len({c.country_code for c in cands}) == 1:
            own[key] = (top.country_code, 1.0)  # unambiguous country for this name
        else:
            continue
        votes[own[key][0]] += own[key][1]
    if country_hint:
        # the user's --country outweighs anything the article itself says
        votes[country_hint.upper()] += max(5.0, 2.0 * sum(votes.values()))
    return votes, own


def _shares(votes: Counter[str], minus: tuple[str, float] | None = None) -> dict[str, float]:
    """Share of the evidence that points at each country, without `minus` (a name's own
    vote: "Georgia" is not evidence that Georgia means the country)."""
    if minus is not None:
        votes = votes.copy()
        votes[minus[0]] -= minus[1]
    total = sum(votes.values())
    if total <= 0:
        return {}
    # A little evidence is not certainty: one unambiguous name is half the story, not all
    # of it (smoothed toward no country at all).
    total += COUNTRY_PRIOR_MASS
    return {cc: v / total for cc, v in votes.items() if v > 0}


def _country_weights(candidate_lists: dict[str, list[Candidate]],
                     demonyms: Sequence[tuple[str, int]],
                     country_hint: str | None) -> dict[str, float]:
    """Share of the article's evidence that points at each country."""
    return _shares(_country_votes(candidate_lists, demonyms, country_hint)[0])


# Bonus for an admin area when the article names other areas of the same level in the
# same country: "Georgia, Oklahoma, Pennsylvania" are states, not towns named after them;
# "Kent" in a story that names Hampshire and Leicestershire is the English county.
PEER_CODES = frozenset({"ADM1", "ADM2"})
# Counties are peers only under their own name: "Kent" among Hampshire and Fife is the
# county, but "Delaware" among Ohio's counties is still the state, not Delaware County.
PEER_OWN_NAME_CODES = frozenset({"ADM2"})
# a village only inside the larger of two nested readings of a district name (the
# post-2020 raion, not the pre-2020 one): half the district's evidence
NESTED_READING_SHARE = 0.5
PEER_BONUS = 1.5  # as much as a region named in the same sentence (see _containers)
LIST_PEER_CODES = COUNTRY_CODES | {"ADM1"}
LIST_PEERS = 2
LIST_PEER_BONUS = 3.0


def _peer_kinds(mentions: Sequence[Mention], keys: Sequence[str],
                by_key: dict[str, list[Candidate]]) -> dict[str, dict[tuple[str, str], float]]:
    """Per name, a bonus for each (feature code, country) that its peers have.

    Admin-1 areas named anywhere else in the article give PEER_BONUS; names whose usual
    reading is a big city ("New York") get none from them: a city named among states is
    common, and the gazetteer ranks the city first on purpose. A list ("Arizona,
    Georgia, Oklahoma and Washington") is stronger evidence: when at least LIST_PEERS of
    its other items are countries or admin-1 areas of one kind, every item gets
    LIST_PEER_BONUS for that kind, big city or not.
    """
    tops = {k: (c[0].feature_code, c[0].country_code) for k, c in by_key.items()
            if c and c[0].feature_code in PEER_CODES}
    # The big city keeps its name only against areas of its own country: "Kent" (a city of
    # 130,000 in Washington State) among Hampshire and Fife is still the English county.
    out: dict[str, dict[tuple[str, str], float]] = {
        k: {v: PEER_BONUS for o, v in tops.items()
            if o != k and not (_major_town(c[0]) and c[0].country_code == v[1])}
        for k, c in by_key.items() if c}
    for first, group in _lists(mentions, keys):
        # "states such as California or Washington": the head noun says what the items
        # are, so one peer of a kind is enough
        need = 1 if _headed_by_areas(mentions[first]) else LIST_PEERS
        kinds = Counter(
            (by_key[k][0].feature_code, by_key[k][0].country_code) for k in set(group)
            if by_key[k] and by_key[k][0].feature_code in LIST_PEER_CODES)
        for k in set(group):
            own = (by_key[k][0].feature_code, by_key[k][0].country_code) if by_key[k] else None
            for kind, n in kinds.items():
                if n - (own == kind) >= need:
                    out.setdefault(k, {})[kind] = LIST_PEER_BONUS
    return out


def _lists(mentions: Sequence[Mention], keys: Sequence[str]) -> list[tuple[int, list[str]]]:
    """Runs of mentions joined by commas or "and"/"or" within one sentence: the index of
    each run's first mention and the keys of all its mentions."""
    groups: list[tuple[int, list[str]]] = []
    first, run = 0, [keys[0]] if keys else []
    for i in range(1, len(mentions)):
        a, b = mentions[i - 1], mentions[i]
        gap = _between(a, b) if a.sentence == b.sentence else None
        if gap is not None and LIST_GAP.fullmatch(gap):
            run.append(keys[i])
            continue
        if len(run) > 1:
            groups.append((first, run))
        first, run = i, [keys[i]]
    if len(run) > 1:
        groups.append((first, run))
    return groups


# A plural noun of areas that introduces a list ("states such as", "the provinces of").
AREA_LIST_HEAD = re.compile(
    r"\b(?:states|provinces|regions|oblasts|countries|nations)\s+"
    r"(?:such\s+as|like|including|of|as)\s+(?:the\s+)?$", re.IGNORECASE)


def _headed_by_areas(m: Mention) -> bool:
    """Whether a plural noun of areas introduces the list the mention begins."""
    pos = m.sentence.find(m.text)
    while pos >= 0:
        if AREA_LIST_HEAD.search(m.sentence, 0, pos):
            return True
        pos = m.sentence.find(m.text, pos + 1)
    return False


@lru_cache(maxsize=1)
def _region_abbreviations() -> dict[str, tuple[str, str]]:
    """Dotted state/province abbreviation -> (admin-1 name, country code)."""
    return {r["abbreviation"]: (r["name"], r["country_code"])
            for r in read_tsv("region_abbreviations.tsv")}


def _abbreviated_region(mention: Mention) -> tuple[str, str] | None:
    """The admin-1 area a dotted abbreviation names; the tokenizer may leave the final
    dot out of the mention at a sentence end ("Gatineau, Que."), so an undotted mention
    counts when the sentence has it after a comma with the dot."""
    text = mention.text.strip()
    table = _region_abbreviations()
    if text in table:
        return table[text]
    if f"{text}." in table and f", {text}." in mention.sentence:
        return table[f"{text}."]
    return None


# A big town in a country with this share of the article's evidence, corroborated by a
# region the article names around it or a place within ~100 km (closeness 0.75), gets
# HOME_TOWN_BONUS over a capital of that name abroad (see Resolver._home_namesake).
HOME_TOWN_SHARE = 0.25
HOME_TOWN_CLOSENESS = 0.75
HOME_TOWN_BONUS = 1.5

# Share of the article's country evidence that makes a country its main one, for an admin
# area named with its feature word (see Resolver._home_region_fill).
HOME_REGION_SHARE = 0.3
ADMIN_AREA_CODES = frozenset({"ADM1", "ADM2", "ADM3", "ADMD"})

# "X, Y" or "X (Y)": Y may be the region or country that holds X.
ENCLOSING_GAP = re.compile(r"\s*(,|\()\s*")
LIST_GAP = re.compile(r"\s*(,|and|or|&|,\s*and|,\s*or)\s*")
ENCLOSING_BONUS = 3.0
# Natural areas whose name is also a region's (Crimea the peninsula and the republic)
NATURAL_AREAS = frozenset({"PEN", "ISL", "ISLS"})
# Between a place and the areas written after it as its container: "X, Y district, Z
# region", "X (Y district) Z region", "X (Y district, Z region)".
LIST_OF_AREA = re.compile(r"\s*(of|in)\s+(the\s+)?", re.IGNORECASE)
WRITTEN_GAP = re.compile(r"\s*\)?\s*(,|\(|(in|of)( the)?\b)?\s*", re.IGNORECASE)
ENCLOSED_CANDIDATES = 10
# Namesakes searched for one inside a district or oblast named beside a village.
DEEP_LIMIT = 1000
# How far outside a district's polygon a village still counts as inside it.
DISTRICT_MARGIN_KM = 3.0
# ... and outside a post-2020 raion's: its polygon is pieced together from the old raions
# by their towns' nearest-town cells (scripts/derive_gazetteer.py, new_raion_parts), so
# its edges through split old raions are guessed (a quarter of a raion's width)
DERIVED_DISTRICT_MARGIN_KM = 10.0
DERIVED_DISTRICT_SOURCE = "geonames+geoboundaries"
DERIVED_DISTRICT_TIE = 0.01
CITY_KM = 30.0


def _home_area(cands: list[Candidate], countries: dict[str, float],
               peers: dict[tuple[str, str], float] | None, extra: dict[str, float]) -> None:
    """A first-level area of the article's country, named among its other areas, beats a
    country abroad of that name that nothing else in the article points at: "Georgia"
    beside Alaska and Florida in an American story is the state, as "London" beside St.
    Thomas in an Ontario story is the town (see Resolver._home_namesake)."""
    if not peers or not any(c.feature_code in COUNTRY_CODES
                            and countries.get(c.country_code, 0.0) == 0.0 for c in cands):
        return
    top = max(countries.values(), default=0.0)  # "Russia invaded Georgia" is the country
    for c in cands:
        share = countries.get(c.country_code, 0.0)
        if (c.feature_code == "ADM1" and share >= HOME_TOWN_SHARE and share == top
                and peers.get((c.feature_code, c.country_code), 0.0) > 0.0):
            extra[c.id] = extra.get(c.id, 0.0) + HOME_TOWN_BONUS


def _km(a: Candidate, b: Candidate) -> float:
    return great_circle((a.lat, a.lon), (b.lat, b.lon)).km


def _between(a: Mention, b: Mention) -> str | None:
    """The text between two mentions of the same sentence, None when it cannot be told."""
    offset = b.start - a.start
    if offset < len(a.text):
        return None
    pos = a.sentence.find(a.text)
    while pos >= 0:
        if a.sentence.startswith(b.text, pos + offset):
            return a.sentence[pos + len(a.text):pos + offset]
        pos = a.sentence.find(a.text, pos + 1)
    return None


_CONJUNCTION = re.compile(r"\b(?:and|or)\b|&", re.IGNORECASE)


def _coordinated(a: Mention, b: Mention) -> bool:
    """Whether a conjunction joins the two names ("X and Y", "X, or Y")."""
    gap = _between(a, b)
    return gap is not None and bool(_CONJUNCTION.search(gap))


def _list_continues(y: Mention, z: Mention, z_cands: list[Candidate]) -> bool:
    """Whether z continues a list after y ("…, Kharkiv and Izium"), rather than
    naming y's own container ("…, Donetsk region, Ukraine")."""
    if z.sentence != y.sentence:
        return False
    gap = _between(y, z)
    if gap is None or not LIST_GAP.fullmatch(gap):
        return False
    if z.hint in ("region", "district"):
        return False
    return not (z_cands and z_cands[0].feature_code in REGIONAL_CODES)


def _borderless_fit(c: Candidate, region: Candidate) -> bool:
    """An ocean or continent fits a country named beside it as well as its towns do."""
    return (not c.country_code and c.feature_code in BORDERLESS_CODES
            and region.feature_code in COUNTRY_CODES)


def _drawn(regions: Sequence[Candidate]) -> list[Candidate]:
    """The readings of a region name, without point-only districts when a drawn one is
    among them: "Volnovakha district" is both the raion polygon and a GeoNames point,
    and a point holds every village within 60 km (see _inside_district)."""
    drawn = any(r.feature_code == "ADM2" and r.has_geometry for r in regions)
    return [r for r in _firm(regions)
            if not (drawn and r.feature_code == "ADM2" and not r.has_geometry)]


def _firm(regions: Sequence[Candidate]) -> list[Candidate]:
    """The readings of a region name without a loose region known only by a point (a
    historical area, reaching 150 km) when a drawn admin area of the name is among them:
    "Berdiansk (Zaporizhzhia)" names the oblast, not the old Zaporizhzhia lands."""
    admin = any(r.feature_code in ("ADM1", "ADM2") and r.has_geometry for r in regions)
    return [r for r in regions
            if not (admin and r.feature_code == "RGN" and not r.has_geometry)]


def _unambiguous(c: Candidate | None, cands: Sequence[Candidate]) -> bool:
    """A town or site (no capital: capitals mostly stand for governments) whose name has
    no other populated place in its country farther than SAME_PLACE_KM away."""
    if c is None or c.feature_class not in ("P", "S") or c.feature_code == "PPLC":
        return False
    return not any(o.feature_class == "P" and o.country_code == c.country_code
                   and o.id != c.id and _km(o, c) > SAME_PLACE_KM for o in cands)


def _major_town(c: Candidate) -> bool:
    return c.feature_class == "P" and (c.population >= 100_000
                                       or c.feature_code in ("PPLA", "PPLC"))


# The run's focus: where the unambiguous places of the articles read so far lie. A
# populated-place namesake gets FOCUS_WEIGHT * log(1 + n) / log(1 + N + FOCUS_MASS), where
# n is the run's places around it (each weighted exp(-km / FOCUS_KM)) and N all of them:
# a feed that keeps naming places around Horlivka makes a bare "Zaitseve" the one there,
# and the first articles of a run (N small against FOCUS_MASS) get little of it.
FOCUS_CELL_DEG = 0.2  # grid cell (~22 km of latitude)
FOCUS_REACH = 3  # cells searched around a candidate on each side
FOCUS_KM = 25.0
FOCUS_WEIGHT = 3.0
FOCUS_MASS = 20.0
# Namesakes closer than this are one place as far as the focus is concerned.
SAME_PLACE_KM = 25.0


# "the border village of X", "X border checkpoint": X lies by a land border, so its
# namesakes within BORDER_KM of one get BORDER_WEIGHT (as much as a region named beside
# the village, see _containers).
BORDER_KM = 20.0
BORDER_WEIGHT = 1.5
_BORDER_BEFORE = re.compile(r"\bborder(?:\s+\w+){0,2}?\s+(?:of\s+)?(?:the\s+)?$",
                            re.IGNORECASE)
_BORDER_AFTER = re.compile(r"\s+(?:\w+\s+)?border\b", re.IGNORECASE)


def _border_cue(m: Mention) -> bool:
    """Whether the sentence calls the place a border village, checkpoint or post
    ("near the border village of Stepanovka", "Marynivka border checkpoint")."""
    pos = m.sentence.find(m.text)
    if pos < 0:
        return False
    return bool(_BORDER_BEFORE.search(m.sentence[max(0, pos - 40):pos])
                or _BORDER_AFTER.match(m.sentence[pos + len(m.text):]))


# Two ambiguous names of one article whose namesakes meet in just one spot ("Edmonton" and
# "Enfield": Edmonton, Alberta and Enfield, Connecticut lie far apart, but Edmonton and
# Enfield in north London are neighbours): that spot is where the story is. A pair only
# counts when it is the one close pair of the two names.
PAIR_KM = 15.0
# Names with many namesakes each (Santa Maria, Springfield) meet somewhere by chance: at
# most this many namesake pairs to look through.
PAIR_CHANCES = 100
PAIR_BONUS = 2.0


def _pair_bonus(by_key: dict[str, list[Candidate]]) -> dict[str, dict[str, float]]:
    """PAIR_BONUS per key and candidate id for the namesake that is the only one of its
    name within PAIR_KM of the only close namesake of another name of the article."""
    # names read first as a country or region ("Peru", "Canada") are not towns to place
    towns = {k: [c for c in cands if c.feature_class in ("P", "S")]
             for k, cands in by_key.items() if cands and cands[0].feature_class in ("P", "S")}
    towns = {k: cs for k, cs in towns.items() if len(cs) >= 2}
    grid: dict[tuple[int, int], list[tuple[str, Candidate]]] = {}
    for k, cs in towns.items():
        for c in cs:
            grid.setdefault(_cell(c.lat, c.lon), []).append((k, c))
    close: dict[tuple[str, str], set[tuple[Candidate, Candidate]]] = {}
    for k, cs in towns.items():
        for x in cs:
            i, j = _cell(x.lat, x.lon)
            reach = math.ceil(PAIR_KM / (111.0 * FOCUS_CELL_DEG * max(
                math.cos(math.radians(x.lat)), 0.1)))
            for di in (-1, 0, 1):
                for dj in range(-reach, reach + 1):
                    for b, y in grid.get((i + di, j + dj), ()):
                        if b > k and x.id != y.id and great_circle(
                                (x.lat, x.lon), (y.lat, y.lon)).km <= PAIR_KM:
                            close.setdefault((k, b), set()).add((x, y))
    out: dict[str, dict[str, float]] = {}
    for (a, b), found in close.items():
        if normalize_name(towns[a][0].name) == normalize_name(towns[b][0].name):
            continue  # two spellings of one name
        if len({x.id for x, _ in found}) != 1 or len({y.id for _, y in found}) != 1 or (
                len(towns[a]) * len(towns[b]) > PAIR_CHANCES):
            continue
        x, y = next(iter(found))
        if x.id == towns[a][0].id and y.id == towns[b][0].id:
            continue  # the names' first readings agree already
        for k, c in ((a, x), (b, y)):
            bonus = out.setdefault(k, {})
            bonus[c.id] = PAIR_BONUS
    return out


class RunFocus:
    """Where the articles of one run take place, learnt from their unambiguous places.

    A conflict-news feed returns to the same few areas; a village name with dozens of
    namesakes and nothing beside it ("near Zaitseve") most likely means the one near the
    places that other reports of the run named without ambiguity. Places go on a grid of
    FOCUS_CELL_DEG cells; a candidate's focus weighs the run's places around it by distance.
    """

    def __init__(self) -> None:
        self.cells: Counter[tuple[int, int]] = Counter()
        self.total = 0

    def add(self, c: Candidate) -> None:
        """Count a place the run named without ambiguity."""
        self.cells[_cell(c.lat, c.lon)] += 1
        self.total += 1

    def near(self, c: Candidate) -> float:
        """The run's places around the candidate, each weighted exp(-km / FOCUS_KM) by the
        distance between the centres of their cells."""
        ci, cj = _cell(c.lat, c.lon)
        out = 0.0
        for di in range(-FOCUS_REACH, FOCUS_REACH + 1):
            for dj in range(-FOCUS_REACH, FOCUS_REACH + 1):
                n = self.cells.get((ci + di, cj + dj))
                if n:
                    out += n * _cell_weight(ci, di, dj)
        return out

    def bonus(self, c: Candidate) -> float:
        """Score for a namesake: up to FOCUS_WEIGHT where the run's places cluster."""
        if not self.total:
            return 0.0
        return FOCUS_WEIGHT * math.log1p(self.near(c)) / math.log1p(self.total + FOCUS_MASS)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / FOCUS_CELL_DEG), math.floor(lon / FOCUS_CELL_DEG)


@lru_cache(maxsize=100_000)
def _cell_weight(row: int, di: int, dj: int) -> float:
    """exp(-km / FOCUS_KM) between the centre of a cell in grid row `row` and the cell
    (di, dj) cells away (a cell's longitude span shrinks toward the poles)."""
    lat = (row + 0.5) * FOCUS_CELL_DEG
    km = great_circle((lat, 0.0), (lat + di * FOCUS_CELL_DEG, dj * FOCUS_CELL_DEG)).km
    return math.exp(-km / FOCUS_KM)


# "X of the Y region", "X in the Y region", "X in western Y": the words that put a place
# inside the region written after it, as a comma or bracket does ("X, Y region"); a part
# of the region named by its direction still holds the place.
_HELD_BY_LINK = re.compile(
    r"\s*[,(]?\s*(?:of|in)(?: the)?(?:\s+(?:north|south|east|west|central)[\w-]*)?\s*",
    re.IGNORECASE)


def _held_by_link(m: Mention, other: Mention) -> bool:
    """Whether only "of (the)" / "in (the)", perhaps with a direction ("in western"), stands
    between a place and the region after it."""
    at = m.sentence.find(m.text)
    if at < 0:
        return False
    end = at + len(m.text)
    gap = m.sentence[end:end + other.start - m.end]
    return (m.sentence.startswith(other.text, end + len(gap))
            and _HELD_BY_LINK.fullmatch(gap) is not None)


# "Mokha, Yemen", "Mokha (Yemen)", "Mokha in Yemen", "Yemen's Mokha": the words that make
# the country (or a region of it) written beside a place that place's country.
QUALIFIER_AFTER = re.compile(
    r"\s*(?:,|\(|\bin(?:\s+the)?(?:\s+(?:north|south|east|west|central)[\w-]*)?)\s*",
    re.IGNORECASE)
QUALIFIER_BEFORE = re.compile(r"\s*['’]s\s+")
# "In Moscow, Ukraine's envoy said": a fronted phrase and the clause's subject, no
# qualifier (nor is a name the comma is followed by in the possessive)
FRONTED = re.compile(r"^\W*(?:in|at|from|on|near|after|since|for|like|unlike|by|with)"
                     r"(?:\s+the)?\s*$", re.IGNORECASE)
QUALIFIER_CODES = COUNTRY_CODES | {"ADM1"}


@lru_cache(maxsize=1)
def _sovereigns() -> dict[str, frozenset[str]]:
    """Territory (ISO code or admin-1 code) -> the countries that hold or claim it."""
    out: dict[str, set[str]] = {}
    for r in read_tsv("sovereignty.tsv"):
        out.setdefault(r["territory"], set()).add(r["country"])
    return {k: frozenset(v) for k, v in out.items()}


def _in_countries(c: Candidate, countries: set[str]) -> bool:
    """Whether the candidate lies in one of the countries, or in a territory one of them
    holds or claims (data/sovereignty.tsv: "Hong Kong, China", "Sevastopol, Russia")."""
    if c.country_code in countries:
        return True
    table = _sovereigns()
    return bool(table.get(c.country_code, frozenset()) & countries
                or c.admin1_code and table.get(c.admin1_code, frozenset()) & countries)


def _qualifier_pairs(mentions: Sequence[Mention], keys: Sequence[str],
                     by_key: dict[str, list[Candidate]]) -> Iterator[tuple[str, str]]:
    """(place key, qualifier key) for each place written with a country or first-level
    region that says where it is: right after it ("Mokha, Yemen", "Mokha in Yemen") or
    as a possessive right before it ("Yemen's Mokha"). Lists ("Ghana, Niger, Nigeria")
    are no qualifiers."""
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        if keys[i] == keys[i + 1] or a.sentence != b.sentence:
            continue
        gap = _between(a, b)
        if gap is None:
            continue
        if QUALIFIER_AFTER.fullmatch(gap):
            before = a.sentence[:max(0, a.sentence.find(a.text))]
            if gap.strip() == "," and (FRONTED.match(before) or _possessive_follows(b)):
                continue
            if i + 2 < len(mentions) and _list_continues(b, mentions[i + 2],
                                                           by_key[keys[i + 2]]):
                continue
            if i > 0 and _list_continues(mentions[i - 1], a, []):
                continue
            yield keys[i], keys[i + 1]
        elif QUALIFIER_BEFORE.fullmatch(gap):
            yield keys[i + 1], keys[i]


def _possessive_follows(m: Mention) -> bool:
    pos = m.sentence.find(m.text)
    return pos >= 0 and m.sentence[pos + len(m.text):pos + len(m.text) + 2] in ("'s", "’s")


def _qualifier_veto(mentions: Sequence[Mention], keys: Sequence[str],
                    by_key: dict[str, list[Candidate]]) -> None:
    """A town written with the country that holds it ("Mokha, Yemen") is none of its
    namesakes in other countries: when no namesake lies in that country (or a territory it
    holds or claims), the gazetteer lacks the town and the name stays unresolved rather
    than pinned thousands of km away (Mega in Ukraine). A name with a country or
    first-level reading of its own ("Niger, Nigeria", "Crimea, Russia") is not judged so,
    and the qualifier must read as a country or a first-level region."""
    for kx, ky in _qualifier_pairs(mentions, keys, by_key):
        inner, outer = by_key[kx], by_key[ky]
        if not inner or not outer or outer[0].feature_code not in QUALIFIER_CODES:
            continue
        # only a town or site: a region, sea or continent is judged by no country
        if inner[0].feature_class not in ("P", "S") or any(
                c.feature_code in QUALIFIER_CODES or not c.country_code for c in inner):
            continue
        countries = {r.country_code for r in outer
                     if r.feature_code in QUALIFIER_CODES and r.country_code}
        if countries and not any(_in_countries(c, countries) for c in inner):
            by_key[kx] = []


def _raion_id(admin2_code: str) -> bool:
    """The id of a pre-2020 raion entry ("gb:…", "wof:raion-…"), not a GeoNames code."""
    return admin2_code.startswith(("gb:", "wof:raion-"))


class Resolver:
    """Resolves the mentions of one article against the gazetteer.

    One resolver reads the articles of a run in turn and learns the run's focus from them
    (RunFocus), so an article's ambiguous village names may read differently after other
    articles; ``focus=False`` makes every article stand alone.
    """

    def __init__(self, gazetteer: Gazetteer, *, limit: int = 60, focus: bool = True) -> None:
        self.gazetteer = gazetteer
        self.limit = limit
        self.focus = RunFocus() if focus else None
        # polygon tests repeat for the same village and district within and across articles
        self._in_district: dict[tuple[str, str], bool] = {}
        # (candidate id, country): whether the candidate lies near the country's land border
        self._front: dict[tuple[str, str], bool] = {}

    def candidates(self, mention: Mention) -> list[Candidate]:
        """Gazetteer candidates for a mention, trying the hinted query first.

        Names the gazetteer lacks fall back to a shorter form: without a direction
        ("Far North Queensland" -> Queensland) or without trailing words ("Montgomery
        County Democrats" -> Montgomery County).
        """
        return self._candidates(mention)[0]

    def _candidates(self, mention: Mention) -> tuple[list[Candidate], bool]:
        """The candidates, and whether only a part of the name found them (a shorter or
        trailing form: "Kharg" of "Kharg Island", "Valley" of "Rift Valley")."""
        region = _abbreviated_region(mention)
        if region is not None:  # "Mo." after a town is Missouri, never Mo i Rana
            name, country = region
            found = [c for c in self.gazetteer.lookup(name, country=country, limit=20)
                     if c.feature_code == "ADM1"]
            if found:
                return found, False
        names = [mention.query] if mention.query else []
        names.append(mention.text)
        names.extend(_article_variants(mention.text))
        facility = _facility(mention.text)
        shorter: list[str] = []
        if not facility:
            area_after = any(w.casefold() in HINT_WORDS
                             for after in _words_after(mention, 2) for w in after)
            shorter = _shorter_forms(mention.text, area_after)
        names.extend(shorter)
        # "North Shewa" (a zone the gazetteer lacks) is no hamlet called Shewa: a name
        # read without the direction before it keeps the areas and the towns big
        # enough to have parts
        directional = len(mention.text.split()) > 1 and \
            mention.text.split()[0].casefold() in DIRECTIONS
        acronym = len(mention.text.replace(".", "")) <= 3 and mention.text.isupper()
        compass_noun = _compass_noun(mention.text)
        for name in names:
            found = self.gazetteer.lookup(name, limit=self.limit)
            if name == compass_noun:  # "West Prince" is in Prince County
                found = [c for c in found if c.feature_class != "P" or _major_town(c)]
            if acronym:  # "US", "UK": country codes, never a small place called "Ba"
                found = [c for c in found if c.feature_code in MAJOR_CODES]
            if directional and name in shorter:
                found = [c for c in found if c.feature_class != "P"
                         or c.population >= DIRECTIONAL_TOWN_POPULATION
                         or c.feature_code in MAJOR_CODES]
            if found and mention.hint and all(_far_spelling(name, c) for c in found):
                # "the Ramenskoye district" matched only by a far spelling of another
                # district (Romny Raion, 'Romenskyi'): the town it is named after, where
                # the gazetteer holds one under that very name
                bare = _bare(name)
                # (in another country: a spelling folded across a border, not a
                # district's other name at home, "Zhovtnevyy rayon" of Luhansk)
                countries = {c.country_code for c in found}
                towns = [c for c in self.gazetteer.lookup(bare, limit=self.limit)
                         if c.feature_class == "P" and _bare(c.name) == bare
                         and c.country_code not in countries]
                found = towns or found
            if found:
                return found, name in shorter
        if facility:
            # "Manila Cathedral" is in Manila; "Collins Avenue" is no town called Collins
            # (see _facilities), so only a major place's name counts here.
            for name in _shorter_forms(mention.text):
                found = self.gazetteer.lookup(name, limit=self.limit)
                if found:
                    return (found, True) if _major_place(found[0]) else ([], False)
            return [], False
        # "Pacific region": the hinted name is unknown and the bare name is an everyday
        # word (so no shorter form): a large feature under the bare name, the hint
        # still preferring the kind it names when the candidates are ranked
        bare = _bare_name(mention)
        if bare is not None:
            fits = HINT_CODES.get(mention.hint or "", frozenset()) | MAJOR_CODES
            key = normalize_name(bare)
            # a curated short name counts as the name itself ("US state": United States)
            aliased = self.gazetteer.aliased(bare)
            found = [c for c in self.gazetteer.lookup(bare, limit=self.limit)
                     if c.feature_code in fits and (normalize_name(c.name) == key
                                                    or c.id in aliased)
                     or c.feature_code in BORDERLESS_CODES and " ".join(  # "Pacific Ocean"
                         w for w in normalize_name(c.name).split()
                         if w not in GENERIC_WORDS) == key]
            if found:
                return found, False
        # A word before a major name that is no part of it ("Nazi Germany", "Politics
        # Ukraine"): the trailing name, when it is a country or an admin-1 area.
        for name in _trailing_forms(mention.text):
            found = [c for c in self.gazetteer.lookup(name, limit=self.limit)
                     if c.feature_code in MAJOR_CODES and normalize_name(c.name)
                     == normalize_name(name)]
            if found:
                return found, True
        return [], False

    def resolve(self, mentions: Sequence[Mention], *,
                demonyms: Sequence[tuple[str, int]] = (),
                country_hint: str | None = None,
                forces: Sequence[tuple[str, int]] = ()) -> list[Resolution]:
        """One Resolution per mention, in order. ``forces``: the countries whose armed
        forces the article names by a demonym ("Russian troops"), a subset of
        ``demonyms``."""
        # "the Dnipro" (the river) and "Dnipro" (the city) may both occur: read apart
        keys = [normalize_name(m.query or m.text) + (
            DEFINITE_KEY if _definite(m) and self.gazetteer.has_name(m.query or m.text)
            else "") for m in mentions]
        by_key: dict[str, list[Candidate]] = {}
        hint_by_key: dict[str, str | None] = {}
        partial: set[str] = set()  # names found only through a part of them
        featured: set[str] = set()  # ... whose other part is a feature noun ("Bay")
        for m, k in zip(mentions, keys):
            if k not in by_key:
                by_key[k], part = self._candidates(m)
                if part:
                    partial.add(k)
                    if any(w.casefold() in FEATURE_NOUNS for w in m.text.split()):
                        featured.add(k)
                hint_by_key[k] = m.hint or _office_hint(m)
        votes, own_vote = _country_votes(by_key, demonyms, country_hint)
        countries = _shares(votes)
        self._fuzzy_fill(mentions, keys, by_key, countries, country_hint)
        self._home_region_fill(mentions, keys, by_key, votes, own_vote)
        text_of = {k: m.query or m.text for m, k in zip(mentions, keys)}
        for k, cands in by_key.items():
            others = _shares(votes, own_vote.get(k))  # without this name's own vote
            aliased = self.gazetteer.aliased(text_of[k])
            named = self.gazetteer.named(text_of[k])
            foreign = foreign_variants(text_of[k], cands, aliased)
            by_key[k] = [c for c in cands if c.id not in foreign and (not _generic_name(c.name)
                                              or countries.get(c.country_code, 0.0) > 0.0)
                         # (a curated alias is the place's name as surely as its own:
                         # "Niu-York" for Novhorodske, however far the spellings)
                         and not (others and c.id not in aliased
                                  and _far_spelling(text_of[k], c)
                                  and others.get(c.country_code, 0.0) < FAR_COUNTRY_SHARE)
                         and not _stray_abroad(c, country_hint, others)
                         # a part of a longer name the gazetteer lacks reaches places
                         # abroad that have nothing to do with it ("Kharg Island" is no
                         # Kharg in China, "West Midlands" no Midlands in Zimbabwe)
                         and not (k in partial and _abroad(c, others, k in featured)
                                  and not self._near_other_names(c, k, by_key))
                         # a town abroad reached only through roman_key ("Arbaat" in a
                         # Sudan story is no Arbat' in Armenia)
                         and not (others and c.id not in named and c.id not in aliased
                                  and _roman_spelling(text_of[k], c)
                                  and others.get(c.country_code, 0.0) < FAR_COUNTRY_SHARE)]
        for m, k in zip(mentions, keys):
            if not by_key[k] and _facility(m.text):
                # a building named after a place the article names ("Azovstal plant")
                named = [f for f in map(normalize_name, _shorter_forms(m.text))
                         if f != k and by_key.get(f)]
                if named:
                    by_key[k] = list(by_key[named[0]])
                elif not any(c and c[0].feature_class == "P" for c in by_key.values()):
                    # no town to put it in: the place its name starts with is the best
                    # guess left ("Avdiivka Coke and Chemical Plant")
                    by_key[k] = next((found for f in _shorter_forms(m.text)
                                      if (found := self.gazetteer.lookup(f, limit=self.limit))),
                                     [])
        _qualifier_veto(mentions, keys, by_key)
        containers = self._containers(mentions, keys, by_key)
        self._district_fill(mentions, keys, by_key, containers)
        self._raion_fill(mentions, keys, by_key, containers)
        bonus = self._enclosing(mentions, keys, by_key, containers)
        for k, held_by in containers.items():
            # a place named as lying in the region written right after it is not that
            # region ("the Krasnodon region, Lugansk region" is the district, not the oblast)
            for w, r in held_by:
                if w >= 3.0 and any(c.id == r.id for c in by_key.get(k, ())):
                    penalties = bonus.setdefault(k, {})
                    penalties[r.id] = min(penalties.get(r.id, 0.0), 0.0) - w
        for k, cands in by_key.items():
            if k.endswith(DEFINITE_KEY):
                penalties = bonus.setdefault(k, {})
                for c in cands:
                    if (c.feature_class == "P" or c.feature_code in DEFINITE_SHY_CODES) \
                            and not c.name.casefold().startswith("the "):
                        penalties[c.id] = penalties.get(c.id, 0.0) - DEFINITE_PENALTY
                    elif not c.country_code and c.feature_class in ("H", "L", "T"):
                        # a river through several countries fits the article's own
                        penalties[c.id] = penalties.get(c.id, 0.0) + COUNTRY_WEIGHT * max(
                            countries.values(), default=0.0)
        qualified = {kx for kx, _ in _qualifier_pairs(mentions, keys, by_key)}
        for k in {k for m, k in zip(mentions, keys) if _names_team(m)} - qualified:
            # a club bears a big town's name; the article's other places are its
            # opponents' ("Houston Rockets over the Portland Trail Blazers" is no Portland,
            # Texas)
            if any(_major_town(c) for c in by_key[k]):
                by_key[k] = [c for c in by_key[k] if c.feature_class != "P" or _major_town(c)]
        for k in {k for m, k in zip(mentions, keys) if _names_site(m)}:
            penalties = bonus.setdefault(k, {})
            for c in by_key[k]:
                if c.feature_code in SITE_DISTRICT_CODES:
                    penalties[c.id] = penalties.get(c.id, 0.0) - SITE_DISTRICT_PENALTY
        peers = _peer_kinds(mentions, keys, by_key)

        # First pass without proximity gives anchors; the second adds closeness to them.
        text_by_key = {k: m.query if m.label == "DEM" else m.text
                       for m, k in zip(mentions, keys)}
        # each name is read in the light of the other names' countries, not its own
        context = {k: _shares(votes, own_vote.get(k)) if k in own_vote else countries
                   for k in by_key}
        for k in {k for m, k in zip(mentions, keys) if _names_position(m)}:
            # a position's name is no town abroad ("the Valera stronghold" in a report
            # from Ukraine is not Valera, Venezuela)
            if context[k]:
                by_key[k] = [c for c in by_key[k] if self._at_front(c, context[k])]
        for k, cands in by_key.items():
            if not containers.get(k):  # a region named around the place says more
                self._add_front(cands, context[k], forces, bonus.setdefault(k, {}))
        first = {k: self._rank(c, hint_by_key[k], context[k], containers.get(k), None,
                               text_by_key[k], peers.get(k), bonus.get(k))
                 for k, c in by_key.items()}
        # Only towns and sites anchor closeness: a river's or region's point says little.
        anchors = [(k, r[0][1]) for k, r in first.items()
                   if r and r[0][1].feature_class in ("P", "S")]
        out: dict[str, Resolution] = {}
        neighbours = self._neighbours(mentions, keys, first)
        pairs = _pair_bonus(by_key)
        border_keys = {k for m, k in zip(mentions, keys) if _border_cue(m)}
        for k, towns in self._said_near(mentions, keys, first).items():
            # no namesake the gazetteer knows lies anywhere near the town the place is
            # said to be near: none of them is meant ("Butivka mine, south of Avdiivka")
            if not any(c.feature_class == "P" and _fits_near(c, t, far, bearing)
                       for c in by_key[k] for t, far, bearing in towns):
                by_key[k] = [c for c in by_key[k]
                             if c.feature_class != "P" or _major_town(c)]
                continue
            # of the namesakes near the town, those off the direction stated lose when one
            # lies that way as close as a neighbour ("Novobakhmutivka north-west of
            # Avdiivka", not the one north; a namesake that way but farther off would
            # lose the neighbour's pull to a namesake far away)
            for t, far, bearing in towns:
                if bearing is None:
                    continue
                near = [c for c in by_key[k] if c.feature_class == "P" and _km(c, t) <= far]
                close = far - NEAR_FAR_KM + NEIGHBOUR_KM
                if any(_bearing_off(t, c, bearing) <= DIRECTION_SLACK_DEG and _km(c, t) <= close
                       for c in near):
                    by_key[k] = [c for c in by_key[k] if c not in near
                                 or _bearing_off(t, c, bearing) <= DIRECTION_SLACK_DEG]
        for k, town in self._city_parts(mentions, keys, first).items():
            # a part of the town, not a namesake far away ("the Kanal district of Chasiv
            # Yar" is no town in Slovenia); with none near, the town is the best place
            # left for it. (A district of the town's oblast is a raion: "the Pokrovsk
            # district of Donetsk".)
            if not any(c.feature_class == "A" and c.country_code == town.country_code
                       and c.admin1_code == town.admin1_code for c in by_key[k]):
                by_key[k] = [c for c in by_key[k] if _km(c, town) <= CITY_PART_KM] or [town]
        for k, cands in by_key.items():
            # never the name's own first reading, whatever it is called ("Berdychi"
            # first read as Berdychiv must not pull itself toward Berdychiv)
            others = [a for o, a in anchors if o != k and normalize_name(a.name) != k]
            extra = dict(bonus.get(k) or {})
            for cid, b in pairs.get(k, {}).items():
                extra[cid] = extra.get(cid, 0.0) + b
            for town in neighbours.get(k, ()):
                for c in cands:
                    if c.feature_class == "P":
                        d = great_circle((c.lat, c.lon), (town.lat, town.lon)).km
                        extra[c.id] = extra.get(c.id, 0.0) + NEIGHBOUR_WEIGHT * math.exp(
                            -d / NEIGHBOUR_KM)
            if k in border_keys:
                self._add_border(cands, context[k], extra)
            self._home_namesake(cands, context[k], containers.get(k), others, extra)
            _home_area(cands, context[k], peers.get(k), extra)
            ranked = self._rank(cands, hint_by_key[k], context[k], containers.get(k), others,
                                text_by_key[k], peers.get(k), extra)
            # the run's focus chooses among a town's namesakes, never a town over the
            # region the article's own evidence reads the name as ("in Ontario" in a feed
            # full of Californian towns)
            if self.focus is not None and k not in neighbours and ranked and (
                    ranked[0][1].feature_code not in REGIONAL_CODES):
                if self._add_focus(cands, context[k], containers.get(k), extra):
                    ranked = self._rank(cands, hint_by_key[k], context[k],
                                        containers.get(k), others, text_by_key[k],
                                        peers.get(k), extra)
            out[k] = self._resolution(ranked)
        if self.focus is not None:
            for k, res in out.items():
                if _unambiguous(res.candidate, by_key[k]):
                    self.focus.add(res.candidate)
        results = [out[k] for k in keys]
        results = self._facilities(mentions, results)
        return self._anaphora(mentions, results)

    @staticmethod
    def _other_firsts(key: str, by_key: dict[str, list[Candidate]]) -> list[Candidate]:
        """The first readings of the article's other names, below country level."""
        return [cands[0] for k, cands in by_key.items()
                if k != key and cands and cands[0].feature_code not in COUNTRY_CODES]

    @staticmethod
    def _near_other_names(c: Candidate, key: str, by_key: dict[str, list[Candidate]]) -> bool:
        """Whether the first reading of another name of the article lies within
        STRAY_PART_KM."""
        return any(_km(c, f) <= STRAY_PART_KM for f in Resolver._other_firsts(key, by_key))

    @staticmethod
    def _placed_elsewhere(c: Candidate, key: str, by_key: dict[str, list[Candidate]]) -> bool:
        """Whether the article's other names place it below country level, none of them
        in the candidate's country nor within STRAY_PART_KM of it: that country then has
        only its own name for evidence, and a spelling variant there is no reading of an
        unknown name ("US envoy" in a Lebanon story makes no Hiram, Georgia of "Khiam")."""
        firsts = Resolver._other_firsts(key, by_key)
        return bool(firsts) and not any(f.country_code == c.country_code
                                        or _km(c, f) <= STRAY_PART_KM for f in firsts)

    def _at_front(self, c: Candidate, countries: dict[str, float]) -> bool:
        """Whether a position could be at the candidate: it lies in a country the article
        is about or within POSITION_BORDER_KM of one's land border (a front line runs
        along a border: "Russian forces" tell of a war fought in Ukraine)."""
        if countries.get(c.country_code, 0.0) > 0.0:
            return True
        for cc, share in countries.items():
            km = self.gazetteer.land_border_km(c.lat, c.lon, cc) if share > 0.0 else None
            if km is not None and km <= POSITION_BORDER_KM:
                return True
        return False

    def _add_front(self, cands: list[Candidate], countries: dict[str, float],
                   forces: Sequence[tuple[str, int]], extra: dict[str, float]) -> None:
        """A country's armed forces ("Russian troops close in on X") fight at home and
        across its land borders: a country where a namesake lies within
        POSITION_BORDER_KM of that border fits the article as well as the forces' own
        country does, so size, not the demonym, tells the town at the front from a
        namesake deep inside the forces' country (Pokrovsk in Donbas, not the village in
        Yakutia). The gain is the country's, not the village's: it does not reorder the
        country's own namesakes."""
        front = {cc: countries.get(cc, 0.0) for cc, _ in forces}
        front = {cc: share for cc, share in front.items() if share > 0.0}
        if not front:
            return
        gains: dict[str, float] = {}
        for c in cands:
            cc = c.country_code
            if c.feature_class not in ("P", "S") or not cc or cc in front:
                continue
            own = countries.get(cc, 0.0)
            gain = max((share for f, share in front.items()
                        if share > own and self._near_border(c, f)), default=own) - own
            gains[cc] = max(gains.get(cc, 0.0), gain)
        for c in cands:
            gain = gains.get(c.country_code, 0.0)
            if gain > 0.0:
                extra[c.id] = extra.get(c.id, 0.0) + COUNTRY_WEIGHT * gain

    def _near_border(self, c: Candidate, country: str) -> bool:
        key = (c.id, country)
        if key not in self._front:
            km = self.gazetteer.land_border_km(c.lat, c.lon, country)
            self._front[key] = km is not None and km <= POSITION_BORDER_KM
        return self._front[key]

    def _add_border(self, cands: list[Candidate], countries: dict[str, float],
                    extra: dict[str, float]) -> None:
        """BORDER_WEIGHT for the namesakes of a "border village" in the article's main
        country within BORDER_KM of its land border (the cue says nothing about which
        side of the border a namesake abroad is on)."""
        main = max(countries.items(), key=lambda kv: kv[1])[0] if countries else None
        for c in cands:
            if c.feature_class != "P" or not c.country_code or main not in (
                    None, c.country_code):
                continue
            km = self.gazetteer.land_border_km(c.lat, c.lon, c.country_code)
            if km is not None and km <= BORDER_KM:
                extra[c.id] = extra.get(c.id, 0.0) + BORDER_WEIGHT

    def _add_focus(self, cands: list[Candidate], countries: dict[str, float],
                   containers: list[tuple[float, Candidate]] | None,
                   extra: dict[str, float]) -> bool:
        """Add the run's focus to the namesakes that the article's own evidence leaves
        tied: those in the country the article is about and, when the article names
        regions, those inside as many of them as any namesake is. The focus chooses
        among what the article allows; it never outweighs what the article says.
        Whether any namesake gained."""
        towns = [c for c in cands if c.feature_class == "P"]
        if len(towns) < 2:
            return False
        main = max(countries.items(), key=lambda kv: kv[1])[0] if countries else None
        towns = [c for c in towns if main in (None, c.country_code)]
        if containers:
            held = {c.id: self._containment(c, containers) for c in towns}
            most = max(held.values(), default=0.0)
            towns = [c for c in towns if held[c.id] >= most]
        gained = False
        for c in towns:
            bonus = self.focus.bonus(c)
            if bonus:
                extra[c.id] = extra.get(c.id, 0.0) + bonus
                gained = True
        return gained

    def _home_namesake(self, cands: list[Candidate], countries: dict[str, float],
                       containers: list[tuple[float, Candidate]] | None,
                       anchors: list[Candidate], extra: dict[str, float]) -> None:
        """A big town in the article's country, near its other places or inside a region
        it names, beats a capital abroad that nothing in the article points at: "London"
        in a story from Ontario that names St. Thomas is London, Ontario. The capital's
        prior is the government it stands for, which such a story never mentions."""
        capitals = [c for c in cands if c.feature_code == "PPLC"
                    and countries.get(c.country_code, 0.0) == 0.0]
        if not capitals:
            return
        # a country named beside the capital is no corroboration ("Canada's envoy in London")
        regions = [(w, r) for w, r in containers or () if r.feature_code not in COUNTRY_CODES]
        for c in cands:
            if (_major_town(c) and c.feature_code != "PPLC"
                    and countries.get(c.country_code, 0.0) >= HOME_TOWN_SHARE
                    and (self._containment(c, regions) > 0.0
                         or anchors and self._closeness(c, anchors) >= HOME_TOWN_CLOSENESS)):
                extra[c.id] = extra.get(c.id, 0.0) + HOME_TOWN_BONUS

    @staticmethod
    def _neighbours(mentions: Sequence[Mention], keys: Sequence[str],
                    first: dict[str, list[tuple[float, Candidate]]]
                    ) -> dict[str, list[Candidate]]:
        """Towns named right after a village in its sentence ("Pervomaiske near Avdiivka",
        "Andriivka, south of Bakhmut"): the village is one of its namesakes close by."""
        out: dict[str, list[Candidate]] = {}
        for i, m in enumerate(mentions):
            for j in (i + 1, i + 2):
                if j >= len(mentions) or keys[j] == keys[i]:
                    continue
                other = mentions[j]
                if other.sentence != m.sentence or not 0 < other.start - m.end <= NEIGHBOUR_GAP:
                    continue
                top = first.get(keys[j])
                if top and top[0][1].feature_class == "P":
                    out.setdefault(keys[i], []).append(top[0][1])
        return out

    @staticmethod
    def _said_near(mentions: Sequence[Mention], keys: Sequence[str],
                   first: dict[str, list[tuple[float, Candidate]]]
                   ) -> dict[str, list[tuple[Candidate, float, float | None]]]:
        """Towns a place is said to lie near ("Butivka mine, south of Avdiivka", "Lozovoye
        settlement on the outskirts of Donetsk"), each with how far from it a namesake
        may lie: NEAR_FAR_KM beyond any distance stated ("Pavlopil, 70 km south of
        Donetsk"), and the bearing stated, if any. The town's first reading, and its
        namesakes abroad nearly as likely (NEAR_READING_MARGIN) or in a country of the
        place's own namesakes. A distance "from" a town is no nearness ("Delmas, only 70 km from
        Johannesburg")."""
        out: dict[str, list[tuple[Candidate, float, float | None]]] = {}
        for i in range(len(mentions) - 1):
            m, other = mentions[i], mentions[i + 1]
            if keys[i + 1] == keys[i] or other.sentence != m.sentence:
                continue
            gap = _between(m, other)
            if gap is None or len(gap) > NEAR_GAP_CHARS or not NEAR_WORDS.search(gap):
                continue
            top = first.get(keys[i + 1])
            if top and top[0][1].feature_class == "P":
                first_reading = top[0][1]
                # (and any reading in a country of the place's own namesakes: two names
                # that agree on where they are say more than the town's first reading,
                # "Selidovo, a mining town south-east of Pokrovsk" first read as a
                # Pokrovsk in Russia)
                own = {c.country_code for _, c in first.get(keys[i], ())}
                readings = [first_reading] + [
                    c for s, c in top[1:] if c.feature_class == "P"
                    and c.country_code != first_reading.country_code
                    and (s >= top[0][0] - NEAR_READING_MARGIN or c.country_code in own)]
                out.setdefault(keys[i], []).extend(
                    (c, NEAR_FAR_KM + _stated_km(gap), _stated_bearing(gap)) for c in readings)
        return out

    @staticmethod
    def _city_parts(mentions: Sequence[Mention], keys: Sequence[str],
                    first: dict[str, list[tuple[float, Candidate]]]) -> dict[str, Candidate]:
        """The town each district is written as a part of ("the Kanal district of Chasiv
        Yar", "Kirovsky district in Donetsk", "the Vostochny microdistrict of Mariupol"),
        when the town's first reading is a populated place."""
        out: dict[str, Candidate] = {}
        for i in range(len(mentions) - 1):
            m, other = mentions[i], mentions[i + 1]
            if keys[i + 1] == keys[i] or other.sentence != m.sentence:
                continue
            gap = _between(m, other)
            part = gap and CITY_PART_GAP.fullmatch(" ".join(gap.casefold().split()))
            if not part:
                continue
            # a bare name needs the part's word in the gap, a "district" its own hint
            named = normalize_name(m.text).split()[-1:] == ["district"]
            if (m.hint == "district" and named) == bool(part.group(1)):
                continue
            top = first.get(keys[i + 1])
            if top and top[0][1].feature_class == "P":
                out[keys[i]] = top[0][1]
        return out

    def _facilities(self, mentions: Sequence[Mention],
                    results: list[Resolution]) -> list[Resolution]:
        """Place a street or building the gazetteer lacks ("Collins Avenue", "Jamsil
        Stadium") at the town it is in: the nearest town named in its sentence ("on
        Collins Avenue in Miami Beach"), else the article's most mentioned town. Its own
        name's namesakes (Collins, Mississippi) are not where it is; a facility named
        after a major place ("Manila Cathedral") was already found through that name."""
        towns = [(i, r.candidate) for i, r in enumerate(results)
                 if r.candidate is not None and r.candidate.feature_class == "P"
                 and not _facility(mentions[i].text)]
        if not towns:
            return results
        counts = Counter(c.id for _, c in towns)
        main = max(towns, key=lambda t: (counts[t[1].id], -t[0]))[1]
        for i, m in enumerate(mentions):
            if results[i].candidate is not None or not _facility(m.text):
                continue
            near = [(abs(mentions[j].start - m.start), j, c) for j, c in towns
                    if mentions[j].sentence == m.sentence]
            town = min(near, key=lambda t: t[:2])[2] if near else main
            results[i] = Resolution(town, FACILITY_CONFIDENCE, ())
        return results

    def _anaphora(self, mentions: Sequence[Mention],
                  results: list[Resolution]) -> list[Resolution]:
        """Resolve "the region" to the admin-1 area of the nearest fitting place."""
        for i, m in enumerate(mentions):
            if m.label != "ANA":
                continue
            order = [j for j in range(i - 1, -1, -1)] + [
                j for j in range(i + 1, len(mentions)) if mentions[j].sentence == m.sentence]
            results[i] = Resolution(None, 0.0, ())
            for j in order[:6]:
                c = results[j].candidate
                if mentions[j].label == "ANA" or c is None:
                    continue
                if c.feature_code in ("ADM1", "RGN"):
                    results[i] = Resolution(c, 0.6, ())
                    break
                # capitals mostly stand for governments ("Kyiv's forces"), not regions
                if c.feature_class == "P" and c.feature_code != "PPLC" and c.admin1:
                    region = self._admin1(c)
                    if region is not None:
                        results[i] = Resolution(region, 0.6, ())
                        break
        return results

    def _admin1(self, c: Candidate) -> Candidate | None:
        for r in self.gazetteer.lookup(c.admin1, country=c.country_code or None, limit=10):
            if r.feature_code == "ADM1" and r.admin1_code == c.admin1_code:
                return r
        return None

    def _fuzzy_fill(self, mentions: Sequence[Mention], keys: Sequence[str],
                    by_key: dict[str, list[Candidate]], countries: dict[str, float],
                    country_hint: str | None) -> None:
        """Spelling variants in the article's main country for names nothing matched
        ("Gorbatenko" -> Horbatenko, "Chernukhino" -> Chornukhyne), else a town's name
        typed with a slip ("Luhanks" -> Luhansk).

        Only for names that are surely places (a settlement word next to them) or when
        the user named the country: elsewhere an unknown word is more often no place.
        """
        if not countries:
            return
        country, share = max(countries.items(), key=lambda kv: kv[1])
        if share < 0.3:
            return
        for m, k in zip(mentions, keys):
            if by_key[k] or m.label == "ANA" or len(m.text) < 5:
                continue
            if m.label == "CTX" or (country_hint and country == country_hint.upper()):
                found = (self.gazetteer.fuzzy(m.text, country=country, limit=5)
                         or self.gazetteer.misspelt(m.text, country=country))
                by_key[k] = [c for c in found if not self._placed_elsewhere(c, k, by_key)]

    def _home_region_fill(self, mentions: Sequence[Mention], keys: Sequence[str],
                          by_key: dict[str, list[Candidate]], votes: Counter[str],
                          own_vote: dict[str, tuple[str, float]]) -> None:
        """An admin area named with its feature word ("the Karak district") whose readings
        all lie in countries the article never points at is the area of that bare name
        in the article's main country, when that country has one: the gazetteer spells
        the Jordanian governorate "Karak", the Pakistani district "Karak District", and
        the feature word is the reporter's, not part of either name."""
        for m, k in zip(mentions, keys):
            bare = _bare_name(m)
            if bare is None or m.hint not in ("region", "district") or not by_key[k]:
                continue
            countries = _shares(votes, own_vote.get(k))  # not the name's own vote
            if not countries or any(countries.get(c.country_code, 0.0) > 0.0
                                    for c in by_key[k]):
                continue
            country, share = max(countries.items(), key=lambda kv: kv[1])
            if share < HOME_REGION_SHARE:
                continue
            key = normalize_name(bare)
            home = [c for c in self.gazetteer.lookup(bare, country=country, limit=20)
                    if c.feature_code in ADMIN_AREA_CODES and _bare(c.name) == key]
            if home:
                by_key[k] = home

    def _enclosing(self, mentions: Sequence[Mention], keys: Sequence[str],
                   by_key: dict[str, list[Candidate]],
                   containers: dict[str, list[tuple[float, Candidate]]]
                   ) -> dict[str, dict[str, float]]:
        """Bonus per candidate id for names written as the container of the name before
        them ("Buffalo, New York", "Atlanta, Georgia"): the readings of Y that contain a
        reading of X. X's readings inside them get the usual containment weight.

        A list ("Kupiansk, Kharkiv and Izium") is no containment: Y must not be followed
        by another place joined with a comma or "and", unless that one contains Y in turn.
        """
        out: dict[str, dict[str, float]] = {}
        for i in range(len(mentions) - 1):
            x, y = mentions[i], mentions[i + 1]
            kx, ky = keys[i], keys[i + 1]
            if kx == ky or x.sentence != y.sentence or not by_key[kx] or not by_key[ky]:
                continue
            gap = _between(x, y)
            if gap is None or not ENCLOSING_GAP.fullmatch(gap):
                continue
            if i + 2 < len(mentions) and _list_continues(y, mentions[i + 2],
                                                           by_key[keys[i + 2]]):
                continue
            if i > 0 and _list_continues(mentions[i - 1], x, []):
                continue  # "Ghana, Guinea-Bissau, Niger, Nigeria": a list throughout
            regions = _firm([r for r in by_key[ky] if r.feature_code in REGIONAL_CODES])
            inner = by_key[kx][:ENCLOSED_CANDIDATES]
            towns = [c for c in by_key[ky][:3] if c.feature_class == "P"]
            if any(_km(c, t) < CITY_KM for c in inner[:3] for t in towns):
                continue  # "Brooklyn, New York": the city holds its borough
            for r in regions:
                if (r.feature_code == "ADM2" and y.hint is None and towns
                        and self._inside(towns[0], r)):
                    continue  # "Kirovsky district of Donetsk": the city, not its raion
                hits = [c for c in inner if c.id != r.id and c.feature_code not in
                        COUNTRY_CODES and self._inside(c, r)]
                if not hits:
                    continue
                out.setdefault(ky, {})[r.id] = ENCLOSING_BONUS
                containers.setdefault(kx, []).append((ENCLOSING_BONUS, r))
        return out

    def _containers(self, mentions: Sequence[Mention], keys: Sequence[str],
                    by_key: dict[str, list[Candidate]]
                    ) -> dict[str, list[tuple[float, Candidate]]]:
        """Regions that contain a mention, with the weight of that evidence, per key.

        A region named right after a place ("Bakhmut, Donetsk region", "Lugansk (Donetsk
        region)") counts most; any other region in the same sentence ("Stepanovka and
        Dmitrovka, Shakhtersky district, Donetsk region") counts less.
        """
        out: dict[str, list[tuple[float, Candidate]]] = {}
        # Regions named anywhere in the article ("Ontario" for a later "London").
        article_regions = [
            (k, c) for k in dict.fromkeys(keys) for c in by_key[k][:1]
            if c.feature_code in ("ADM1", "ADM2", "RGN")]
        for i, m in enumerate(mentions):
            # a name's own first reading is no evidence for itself ("Lyman" is not inside
            # Lyman County because the gazetteer lists the county first)
            out.setdefault(keys[i], []).extend(
                (0.8, r) for k, r in article_regions
                if k != keys[i] and normalize_name(r.name) != keys[i])
            for j, other in enumerate(mentions):
                if i == j or other.sentence != m.sentence or keys[i] == keys[j]:
                    continue
                cands = by_key[keys[j]]
                if not cands:
                    continue
                regional = [c for c in cands if c.feature_code in REGIONAL_CODES]
                linked = _held_by_link(m, other)
                # (a name read first as a peninsula or island is also the region of that
                # name when it holds the place before it: "X in western Crimea")
                if not regional or (other.hint not in ("region", "district")
                                    and cands[0].feature_code not in REGIONAL_CODES
                                    and not (linked and cands[0].feature_code in NATURAL_AREAS)):
                    continue
                gap = other.start - m.end
                # "Tocantins, and Minas Gerais" names two siblings; only a comma or a
                # bracket right after a place names what holds it
                joined = 0 <= gap <= 6 and not _coordinated(m, other)
                weight = 3.0 if joined or linked else 1.5
                if regional[0].feature_code in COUNTRY_CODES:
                    weight = min(weight, 1.0)
                if weight < 3.0 and regional[0].feature_code == "ADM1":
                    # a state named elsewhere in the sentence is the state, not also the
                    # counties named after it ("mid-Ohio" is no Ohio County)
                    regional = [r for r in regional if r.feature_code == "ADM1"]
                out.setdefault(keys[i], []).extend((weight, r) for r in _drawn(regional[:3]))
        return out

    def _rank(self, cands: list[Candidate], hint: str | None, countries: dict[str, float],
              containers: list[tuple[float, Candidate]] | None,
              anchors: list[Candidate] | None, text: str,
              peers: dict[tuple[str, str], float] | None = None,
              bonus: dict[str, float] | None = None) -> list[tuple[float, Candidate]]:
        scored = []
        hinted = HINT_CODES.get(hint or "")
        aliased = self.gazetteer.aliased(text)
        penalty = {c.id: 0.0 if c.id in aliased else name_penalty(text, c) for c in cands}
        # A Ukrainian town's exact Russian or Soviet-era name among its GeoNames names
        # ("Konstantinovka" for Kostiantynivka, "Volchansk" for Vovchansk) is a name news
        # use for it, not a stray alternate: it costs what a spelling variant costs, so a
        # namesake deep in Russia that bears it as its own name does not win on that alone
        named = self.gazetteer.named(text)
        for c in cands:
            if c.country_code == VARIANT_HOME and c.feature_class == "P" \
                    and c.id in named and penalty[c.id] > VARIANT_PENALTY:
                penalty[c.id] = VARIANT_PENALTY
        # The population of the very name's village in Ukraine, to which a namesake in
        # Ukraine reached only through a spelling variant is held when the name is spelt
        # the Ukrainian way: Who's On First's villages carry no population, so the
        # GeoNames village of a looser spelling ("Lyptsi" read as Lypcha, Zakarpattia)
        # would win on its head count alone.
        # (a town that carries the very spelling among its names is reached by it, not
        # only through a variant: "Maryinka" is a GeoNames name of the town Marinka)
        exact = None if _RUSSIAN_STYLE.search(text) else max(
            (_population_prior(c) for c in cands if c.country_code == VARIANT_HOME
             and c.feature_class == "P" and penalty[c.id] == 0.0), default=None)
        for rank, c in enumerate(cands):
            # a curated alias is as good as the place's own name (a town's name before
            # its renaming), unlike the stray alternate names of the dumps
            s = prior(c) - RANK_STEP * rank - penalty[c.id]
            if exact is not None and penalty[c.id] > 0.0 and c.country_code == VARIANT_HOME \
                    and c.feature_class == "P" and c.population < VARIANT_KEEP_POPULATION \
                    and c.id not in named:
                s -= max(0.0, _population_prior(c) - exact)
            s += COUNTRY_WEIGHT * self._country_fit(c, countries)
            if hinted is not None:
                # "Kyiv region" is the oblast: a city's own admin area ("Kyiv City") does
                # not fit the word "region"
                fits = c.feature_code in hinted and not (
                    hint == "region" and "city" in normalize_name(c.name).split())
                s += 1.5 if fits else -1.0
            if containers:
                s += self._containment(c, containers)
            if anchors:
                s += self._closeness(c, anchors)
            if peers and (c.feature_code not in PEER_OWN_NAME_CODES
                          or normalize_name(c.name) == normalize_name(text)):
                s += peers.get((c.feature_code, c.country_code), 0.0)
            if bonus:
                s += bonus.get(c.id, 0.0)
            if c.source == DERIVED_DISTRICT_SOURCE:
                s -= DERIVED_DISTRICT_TIE  # the old raion of the name, drawn exactly, on a tie
            scored.append((s, c))
        if hint is None:
            scored = _towns_before_their_districts(scored)
        scored.sort(key=lambda x: -x[0])
        return scored

    @staticmethod
    def _country_fit(c: Candidate, countries: dict[str, float]) -> float:
        """Share of the article's country evidence that the candidate agrees with.

        Oceans, seas and continents belong to no country: they fit any article as well as
        its main country does, so a small town named after one ("Atlantic, Iowa") does not
        win merely by lying in that country.
        """
        if not c.country_code and c.feature_code in BORDERLESS_CODES:
            return max(countries.values(), default=0.0)
        return countries.get(c.country_code, 0.0)

    @staticmethod
    def _closeness(c: Candidate, anchors: list[Candidate]) -> float:
        """Bonus for lying near (or, for a region, around) the article's other places."""
        if c.feature_code in COUNTRY_CODES:
            return 1.5 if any(a.country_code == c.country_code for a in anchors) else 0.0
        if c.feature_code == "ADM1":
            inside = any(a.admin1_code == c.admin1_code for a in anchors if a.admin1_code)
            return 1.5 if inside else 0.0
        d = min(great_circle((c.lat, c.lon), (a.lat, a.lon)).km for a in anchors)
        return 1.5 * math.exp(-d / 150.0)

    def _district_fill(self, mentions: Sequence[Mention], keys: Sequence[str],
                       by_key: dict[str, list[Candidate]],
                       containers: dict[str, list[tuple[float, Candidate]]]) -> None:
        """A village named beside its district (else its oblast) that has no candidate
        inside it ("Chumak village, Starobeshivskyi district": the data spell it Chumaky;
        "the village of Lugansk (Donetsk region)" is Luhanske) gets the spelling variants
        found inside that polygon as candidates too, else those inside the oblast named
        with it (district polygons are generalised and a border village may fall outside).

        A village written right after its area ("Polevoe, Donetsk region", "Sokolniki
        (Novoaydar district)") whose namesakes all lie outside that area is none of them:
        the data lack it under any spelling, and the area is the best place left for it.
        """
        for i, (m, k) in enumerate(zip(mentions, keys)):
            if m.label == "ANA" or m.hint not in (None, "city") or (
                    by_key[k] and by_key[k][0].feature_class != "P"):
                continue  # a district, a river ("the Bakhmutka highway")
            named = [r for w, r in containers.get(k, []) if w >= 1.5 and r.has_geometry]
            # the finest area named first: the district, then the oblast
            levels = [level for level in ([r for r in named if r.feature_code == "ADM2"],
                                          [r for r in named if r.feature_code == "ADM1"])
                      if level]
            if not levels:
                continue
            # a common village name has more namesakes than the candidate limit holds
            # ("Pervomaiske": 69): the ones inside the named area must not be cut off
            known = {c.id for c in by_key[k]}
            deep = [c for c in self.gazetteer.lookup(m.query or m.text, limit=DEEP_LIMIT)
                    if c.id not in known and c.feature_class == "P"
                    and any(self._inside(c, d) for d in levels[0])]
            by_key[k] = by_key[k] + deep
            for areas in levels:
                # each reading of the name (an old raion inside the new one of its name)
                # that holds no candidate yet is searched: the finer one decides
                empty = [d for d in areas if not any(self._inside(c, d) for c in by_key[k])]
                if not empty:
                    break
                known = {c.id for c in by_key[k]}
                extra = [c for d in empty for c in self.gazetteer.fuzzy_within(m.text, d.id)
                         if c.id not in known]
                by_key[k] = by_key[k] + list({c.id: c for c in extra}.values())
                if extra or len(empty) < len(areas):
                    break
            written = self._written_oblasts(mentions, keys, by_key, i)
            if written:
                if not any(c.admin1_code in written for c in by_key[k]):
                    by_key[k] = [c for c in by_key[k] if _major_place(c) or _major_town(c)]
                continue
            # "Bezymennoe and Ternovye Pody in the Nikolaev region": the area ends a list
            # of places; a namesake of an item inside it is surer than one outside
            shared = self._list_oblasts(mentions, keys, by_key, i)
            if shared and not any(c.admin1_code in shared for c in by_key[k]):
                by_key[k] = [c for c in by_key[k] if _major_place(c) or _major_town(c)]

    @staticmethod
    def _list_oblasts(mentions: Sequence[Mention], keys: Sequence[str],
                      by_key: dict[str, list[Candidate]], i: int) -> set[str]:
        """Admin-1 codes of the area written after a list that the place opens or
        continues, joined to it by "of"/"in" ("Levadne, Marfopol and Lugovskoye of the
        Zaporozhye region")."""
        prev = mentions[i]
        for j in range(i + 1, len(mentions)):
            y = mentions[j]
            gap = _between(prev, y) if y.sentence == prev.sentence else None
            if gap is None:
                return set()
            cands = by_key[keys[j]]
            regional = bool(cands) and (y.hint in ("region", "district")
                                        or cands[0].feature_code in ("ADM1", "ADM2"))
            if not regional:
                if not LIST_GAP.fullmatch(gap):
                    return set()
                prev = y
                continue
            if j == i + 1 or not LIST_OF_AREA.fullmatch(gap):
                return set()
            return {c.admin1_code for c in cands[:3]
                    if c.feature_code in ("ADM1", "ADM2") and c.admin1_code}
        return set()

    @staticmethod
    def _written_oblasts(mentions: Sequence[Mention], keys: Sequence[str],
                         by_key: dict[str, list[Candidate]], i: int) -> set[str]:
        """Admin-1 codes of the areas written right after a place as its container
        ("Polevoe, Donetsk region", "Sokolniki (Novoaydar district) Luhansk region"). The
        oblast, not a district's polygon, is what is compared: the polygons are
        generalised and older or newer than some village points."""
        out: set[str] = set()
        prev = mentions[i]
        for j in range(i + 1, min(i + 3, len(mentions))):
            y = mentions[j]
            gap = _between(prev, y) if y.sentence == prev.sentence else None
            if gap is None or not WRITTEN_GAP.fullmatch(gap):
                break
            cands = by_key[keys[j]]
            areas = [c for c in cands[:3] if c.feature_code in ("ADM1", "ADM2")]
            if not areas or (y.hint not in ("region", "district")
                             and cands[0].feature_code not in ("ADM1", "ADM2")):
                break
            out.update(c.admin1_code for c in areas if c.admin1_code)
            prev = y
        return out

    def _raion_fill(self, mentions: Sequence[Mention], keys: Sequence[str],
                    by_key: dict[str, list[Candidate]],
                    containers: dict[str, list[tuple[float, Candidate]]]) -> None:
        """A "region" named inside an oblast the text names beside it is a district:
        translations of Russian "район" say region ("in the Sverdlovsk region, Luhansk
        region" is the Sverdlovsk raion there, not Sverdlovsk Oblast in the Urals). The
        districts of that name inside the named oblast join its candidates."""
        for m, k in zip(mentions, keys):
            words = (m.query or m.text).split()
            if m.hint != "region" or len(words) < 2 or words[-1].casefold() not in (
                    "region", "province", "oblast"):
                continue
            oblasts = [r for w, r in containers.get(k, []) if w >= 3.0
                       and r.feature_code == "ADM1"]
            # a district of another oblast is not the one meant ("the Lvovo region in
            # the Kherson region" is no Lviv Raion)
            by_key[k] = [c for c in by_key[k] if not (
                oblasts and c.feature_code == "ADM2"
                and not any(self._inside(c, o) for o in oblasts))]
            if not oblasts or any(self._inside(c, o) and c.id != o.id
                                  for c in by_key[k] for o in oblasts):
                continue
            known = {c.id for c in by_key[k]}
            name = " ".join(words[:-1]) + " district"
            by_key[k] = by_key[k] + [
                c for c in self.gazetteer.lookup(name, limit=20)
                if c.id not in known and c.feature_code == "ADM2"
                and any(self._inside(c, o) for o in oblasts)]

    def _containment(self, c: Candidate, containers: list[tuple[float, Candidate]]) -> float:
        """Evidence of the regions named around a mention that hold the candidate: the
        strongest at each level (district, oblast, country, other), summed, so a village
        inside both the named district and the named oblast beats a namesake only inside
        the oblast ("Pobeda village, Novoaidar district, Luhansk region")."""
        best: dict[str, float] = {}
        # readings of one district name (a pre-2020 raion and the larger post-2020 one
        # that took it in): a candidate inside the smallest is surer than one only inside
        # a larger reading (whose outline is the coarser one)
        readings: dict[tuple[float, str], list[tuple[float, bool]]] = {}
        for w, r in containers:
            inside = self._inside(c, r) or _borderless_fit(c, r)
            if r.feature_code == "ADM2" and r.has_geometry:
                area = self.gazetteer.area(r.id) or 0.0
                readings.setdefault((w, normalize_name(r.name)), []).append((area, inside))
                continue
            if inside:
                level = "country" if r.feature_code in COUNTRY_CODES else r.feature_code
                best[level] = max(best.get(level, 0.0), w)
        for (w, _), hits in readings.items():
            if any(inside for _, inside in hits):
                score = w if min(hits)[1] else NESTED_READING_SHARE * w
                best["ADM2"] = max(best.get("ADM2", 0.0), score)
        return sum(best.values())

    def _inside(self, c: Candidate, region: Candidate) -> bool:
        if region.feature_code in COUNTRY_CODES:
            return c.country_code == region.country_code
        if region.feature_code == "ADM1":
            return bool(c.admin1_code) and c.admin1_code == region.admin1_code
        if region.feature_code == "ADM2":
            key = (c.id, region.id)
            if key not in self._in_district:
                if len(self._in_district) > 100_000:
                    self._in_district.clear()
                self._in_district[key] = self._inside_district(c, region)
            return self._in_district[key]
        return great_circle((c.lat, c.lon), (region.lat, region.lon)).km < 150

    def _inside_district(self, c: Candidate, district: Candidate) -> bool:
        """In the district's polygon (a raion is ~40 km across: two villages of one name
        60 km apart often lie in neighbouring raions), else near its point. A village a
        few km outside the border counts: the polygons are generalised and the village
        points are not all exact (Ridkodub lies 1.8 km outside its Shakhtarsk Raion).

        When the source files the village under one of the old raions the polygons draw
        (Who's On First's pre-2020 raion tags), that settles the border strip: filed
        there, it is inside, though the generalised edge cuts it off (Hranitne on the
        Kalmius, Volnovakha Raion); filed under a raion whose polygon holds it, it is not
        in the strip of the named one (two sources agree). A tag alone does not overrule
        the named district's polygon and its margin: the tags have slips too. GeoNames'
        admin-2 codes are not used so: they follow today's units, and a report may name
        the one of its day (Santa Maria, Davao del Sur, now in Davao Occidental)."""
        filed, own = self.gazetteer.admin2_code(c.id), self.gazetteer.admin2_code(district.id)
        if _raion_id(filed) and _raion_id(own):
            if filed == own:
                return True
            if (not self.gazetteer.contains(district.id, c.lat, c.lon)
                    and self.gazetteer.contains(filed, c.lat, c.lon)):
                return False
        if district.has_geometry:
            margin = (DERIVED_DISTRICT_MARGIN_KM if district.source == DERIVED_DISTRICT_SOURCE
                      else DISTRICT_MARGIN_KM)
            inside = self.gazetteer.contains(district.id, c.lat, c.lon, margin_km=margin)
            if inside is not None:
                return inside
        return great_circle((c.lat, c.lon), (district.lat, district.lon)).km < 60

    @staticmethod
    def _resolution(ranked: list[tuple[float, Candidate]]) -> Resolution:
        if not ranked:
            return Resolution(None, 0.0, ())
        top = ranked[0][0]
        z = sum(math.exp(s - top) for s, _ in ranked)
        return Resolution(ranked[0][1], 1.0 / z, tuple(c for _, c in ranked[1:4]))
