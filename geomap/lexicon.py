"""The small word lists that extraction and resolution use, read from geomap/data/*.tsv."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from wordfreq import zipf_frequency

# Zipf frequency (wordfreq) from which a capitalised word is more likely a common word than
# a small place ("Police", "Liberal", "Minister"); 4.5 is ~30 per million words. Below
# RARE_ZIPF a word is rare enough in English to be taken for a name whatever its POS tag.
COMMON_ZIPF = 4.5
RARE_ZIPF = 3.5
# Below FOREIGN_ZIPF (~0.3 per million words) a word is a foreign name, not English:
# "Vuhledar", "Zaitsevo"; "Sharia" (3.0), "parrot" (3.3) and "Easter" (4.4) are English.
FOREIGN_ZIPF = 2.5


def zipf(word: str) -> float:
    """How often English uses a word (wordfreq Zipf scale: 6 is once per thousand words)."""
    return zipf_frequency(word.casefold(), "en")


def is_foreign_name(text: str) -> bool:
    """Whether no word of `text` is one English text uses ("Vuhledar", "Chasov Yar")."""
    words = text.split()
    return bool(words) and all(zipf(w) < FOREIGN_ZIPF for w in words)


def is_foreign_phrase(text: str) -> bool:
    """A foreign name, or a name of several words none of which English uses much, one of
    them not at all ("Chasiv Yar", "Wad Madani"; not "Klamath Falls" or "Red Deer")."""
    words = text.split()
    return is_foreign_name(text) or len(words) > 1 and all(
        zipf(w) < RARE_ZIPF for w in words) and any(zipf(w) < FOREIGN_ZIPF for w in words)


def is_rare_word(text: str) -> bool:
    """A word English text almost never uses ("Bakhmut", "Kyiv")."""
    return zipf(text) < RARE_ZIPF


def is_common_word(text: str) -> bool:
    """Whether a one-word name is also a frequent English word ("Police", "Star")."""
    if " " in text or text.isupper():  # "US" is not the word "us"
        return False
    return zipf(text) >= COMMON_ZIPF


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a packaged TSV file in geomap/data, skipping '#' comment lines."""
    return parse_tsv(resources.files("geomap.data").joinpath(name).read_text(encoding="utf-8"))


def parse_tsv(text: str) -> list[dict[str, str]]:
    """Rows of a TSV text with a header line, skipping blank and '#' comment lines."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Word lists for finding and classifying toponyms."""

    demonyms: dict[str, str]  # casefolded demonym -> ISO country code
    not_places: frozenset[str]  # casefolded names that are never places on their own
    hints_after: dict[str, str]  # casefolded word after a name -> feature hint
    hints_before: dict[str, str]  # casefolded word before a name -> feature hint
    metonymy_verbs: frozenset[str]  # lemmas whose subject is a government, not a place
    metonymy_nouns: frozenset[str]  # lemmas a government name modifies ("Kyiv's forces")
    metonymy_object_verbs: frozenset[str]  # lemmas whose object is a government ("urged Moscow")
    place_nouns: frozenset[str]  # possessed nouns that keep the name literal ("Ukraine's east")
    literal_verbs: frozenset[str]  # lemmas whose subject stays a place ("Kyiv lies", "came under")
    headline_patient_verbs: frozenset[str]  # a headline's subject is their patient ("Kyiv shelled")
    agent_predicates: frozenset[str]  # adjectives/nouns after "is" that need an agent
    relation_words: frozenset[str]  # lemmas whose with/between/against object is a government
    demonym_places: dict[str, str]  # casefolded nationality adjective -> the place it names
    origin_participles: frozenset[str]  # hyphened to a name, its maker/sponsor ("US-made")
    currency_nouns: frozenset[str] = frozenset()  # money a state's name qualifies ("US dollars")

    def demonym_country(self, word: str) -> str | None:
        """The country a demonym points to ("Ukrainians" -> "UA"), or None."""
        key = word.casefold()
        if key in self.demonyms:
            return self.demonyms[key]
        if key.endswith("s") and key[:-1] in self.demonyms:
            return self.demonyms[key[:-1]]
        return None

    def is_demonym(self, word: str) -> bool:
        """Whether a word is a nationality, regional or ethnic adjective or noun ("Arabs",
        "European"), also one that informs no country: no place either way."""
        key = word.casefold()
        return key in self.demonyms or key.endswith("s") and key[:-1] in self.demonyms

    def demonym_place(self, word: str) -> str | None:
        """The place a nationality or regional adjective names ("Russian" -> "Russia")."""
        return self.demonym_places.get(word.casefold()) or None


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon, read once."""
    hints = read_tsv("feature_hints.tsv")
    demonyms = read_tsv("demonyms.tsv")
    meto = read_tsv("metonymy_cues.tsv")
    return Lexicon(
        demonyms={r["demonym"].casefold(): r["country_code"] for r in demonyms},
        not_places=frozenset(r["name"].casefold() for r in read_tsv("not_places.tsv")),
        hints_after={r["word"]: r["hint"] for r in hints if r["position"] == "after"},
        hints_before={r["word"]: r["hint"] for r in hints if r["position"] == "before"},
        metonymy_verbs=frozenset(r["lemma"] for r in meto if r["kind"] == "verb"),
        metonymy_nouns=frozenset(r["lemma"] for r in meto if r["kind"] == "noun"),
        metonymy_object_verbs=frozenset(r["lemma"] for r in meto if r["kind"] == "object_verb"),
        place_nouns=frozenset(r["lemma"] for r in meto if r["kind"] == "place_noun"),
        literal_verbs=frozenset(r["lemma"] for r in meto if r["kind"] == "literal_verb"),
        headline_patient_verbs=frozenset(r["lemma"] for r in meto
                                         if r["kind"] == "headline_patient"),
        agent_predicates=frozenset(r["lemma"] for r in meto if r["kind"] == "agent_predicate"),
        relation_words=frozenset(r["lemma"] for r in meto if r["kind"] == "relation"),
        demonym_places={r["demonym"].casefold(): r["place"] for r in demonyms if r["place"]},
        origin_participles=frozenset(r["lemma"] for r in meto
                                     if r["kind"] == "origin_participle"),
        currency_nouns=frozenset(r["lemma"] for r in meto if r["kind"] == "currency"),
    )
