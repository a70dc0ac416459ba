"""The offline gazetteer: an SQLite store of places built from the data under gazetteer/.

The store is built on first use (or by ``geomap gazetteer build``) into
``$GEOMAP_HOME``, ``$XDG_CACHE_HOME/geomap`` or ``~/.cache/geomap``; its file name carries a
hash of the source files, so changed sources give a fresh build. Lookups are exact matches
on normalized names (casefolded, ASCII-folded with anyascii, punctuation and a leading
"the" removed), ranked by a prior (country > capital > admin-1 > big city > admin-2 >
small place), with "X oblast/region", "X raion/district", "X river", "city of X" handled.

Importing this module is light: shapely, rich and zipfile are imported only when building.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import math
import os
import re
import sqlite3
import tempfile
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from anyascii import anyascii
from geopy.distance import great_circle

from geomap.errors import GazetteerBuildError, GazetteerCorruptError, GazetteerError
from geomap.model import Candidate

# Bump when the store layout or the build logic changes: stores carry it in their file name
# (with a hash of the sources), so every user gets a fresh build.
SCHEMA_VERSION = 11

# Columns of the derived *.tsv.gz entry files under gazetteer/ (names: "|"-separated).
ENTRY_COLUMNS = (
    "id", "name", "lat", "lon", "feature_class", "feature_code", "country_code",
    "admin1_code", "admin2_code", "population", "geonameid", "source", "names",
)
GEONAMES_FILE = "geonames_cities500.txt.gz"
ENTRY_FILES = ("countries.tsv.gz", "admin.tsv.gz", "wof_ua.tsv.gz", "geoboundaries.tsv.gz",
               "naturalearth.tsv.gz", "ua_register.tsv.gz")
CURATED_FILE = "curated.tsv"
# curated conflict sites (border crossings, air bases, camps, islands, dams, ...): curated.tsv's
# columns plus `near` (a GeoNames town's id) and `near_km`, which a data test checks
SITES_FILE = "sites.tsv"
ALIASES_FILE = "aliases.tsv"
GEOMETRY_FILE = "geometries.jsonl.gz"
SOURCE_FILES = (GEONAMES_FILE, *ENTRY_FILES, CURATED_FILE, SITES_FILE, ALIASES_FILE,
                GEOMETRY_FILE)
EXTRAS_FILE = "sources.json"  # the user's extra GeoNames tables, remembered for rebuilds

# Non-GeoNames entries get rowids above every GeoNames id so gn rowid == geonameid.
_ROWID_BASE = {"countries": 0, "admin": 0, "wof": 3_000_000_000,
               "geoboundaries": 3_100_000_000, "naturalearth": 3_200_000_000,
               "ua_register": 3_300_000_000, "curated": 3_400_000_000}

KIND_NAME, KIND_ALT, KIND_ALIAS = 0, 1, 2

_APOSTROPHES = re.compile(r"['’ʼ‘`´.]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_KEEP_NAME = re.compile(
    r"[\u0020-\u024F\u0300-\u036F\u0370-\u03FF\u0400-\u052F\u1E00-\u1EFF"
    r"\u2010-\u2019\u02B9-\u02BC]+"
)
_CODE_LIKE = re.compile(r"[A-Z0-9]{2,4}")

# Query words that say which kind of feature a name means.
ADM1_WORDS = ("oblast", "oblasti", "obl", "region", "province", "governorate", "krai", "kray",
              "voivodeship", "prefecture", "state", "republic")
_ADM2_WORDS = ("raion", "rayon", "district", "county", "municipality", "lga")
_ADM_STRIP = ADM1_WORDS + _ADM2_WORDS + ("city",)
_RIVER_WORDS = ("river",)
# GeoNames feature codes of countries and territories.
COUNTRY_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCL", "PCLIX", "TERR"})
_SETTLEMENT_WORDS = ("city", "town", "village", "settlement", "township", "hamlet")


@lru_cache(maxsize=200_000)
def normalize_name(text: str) -> str:
    """Casefold, anyascii-fold, drop apostrophes/dots, other punctuation to spaces, no "the"."""
    text = text.strip()
    if text[-2:] in ("'s", "’s") and len(text) > 3:
        text = text[:-2]  # possessive: "Kyiv's" -> "Kyiv"
    s = anyascii(text).casefold()
    s = _APOSTROPHES.sub("", s)
    s = _NON_ALNUM.sub(" ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


def is_phrase_name(name: str) -> bool:
    """Whether a curated name is a lower-case phrase of two or more words ("left bank of
    the Dnipro", "anti-terrorist operation zone"): news write these without capitals, so
    the extractor looks for them in any case; capitalised names ("Left Bank") only match
    as written, else every "left bank" of any river would be the Dnieper's."""
    return name[:1].islower() and len(normalize_name(name).split()) >= 2


def _unspaced(norm: str) -> str:
    """A normalized name with its spaces dropped (typing slips often drop or add one)."""
    return norm.replace(" ", "")


_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


@lru_cache(maxsize=50_000)
def query_keys(text: str) -> tuple[str, ...]:
    """Normalized keys to look a query up by: normalize_name(text) and, for Cyrillic text,
    its Ukrainian national (KMU 2010) transliteration, so "Роботине" finds "Robotyne"."""
    keys = [normalize_name(text)]
    if _CYRILLIC.search(text):
        try:
            from translitua import translit
        except ImportError:  # pragma: no cover - a declared dependency
            return tuple(k for k in keys if k)
        k = normalize_name(translit(text))
        if k not in keys:
            keys.append(k)
    return tuple(k for k in keys if k)


# A populated place whose name has this many more words than its own first (local) name
# took the label of another page: a person, a council, a university.
MISLABEL_EXTRA_WORDS = 2


def place_label(name: str, alts: list[str]) -> tuple[str, list[str]]:
    """The name and alternate names to index a populated place by.

    Who's On First took some Ukrainian villages' English names from a wrongly linked page:
    Шевченко is "Shevchenko Andrii Mykolaiovych" (a person), Донецький "Donetskyi
    natsionalnyi universytet", Львове "Rosiiskyi kulturnyi tsentr u Lvovi". When the name
    is the transliteration of one of the later Cyrillic names, not of the first one, and
    has MISLABEL_EXTRA_WORDS more words than it, the place is called by its first name
    (transliterated) and the longer labels are dropped. Other names pass unchanged."""
    if len(alts) < 2 or not _CYRILLIC.search(alts[0]):
        return name, alts
    norm = normalize_name(name)
    own = query_keys(alts[0])
    if norm in own or len(norm.split()) < len(own[0].split()) + MISLABEL_EXTRA_WORDS:
        return name, alts
    if not any(_CYRILLIC.search(a) and norm in query_keys(a) for a in alts[1:]):
        return name, alts
    from translitua import translit

    words = len(own[0].split())
    return translit(alts[0]), [a for a in alts if len(normalize_name(a).split()) <= words]


# Letter groups that Russian-style, Ukrainian-style and older English romanizations of
# the same Cyrillic name spell differently, folded to one spelling (longest first).
# English writes Cyrillic "кс" as x ("Alexandrovka" for Aleksandrovka/Oleksandrivka);
# German, Polish and scholarly romanizations write й/я/ю/є with j ("Popasnaja",
# "Mykolajiv"), where English writes y. (Their w for в is left alone: English writes
# Arabic and other names with w, and "Sweida" is no Ukrainian "Svydya".)
_TRANSLIT_FOLDS = (
    ("x", "ks"), ("j", "y"), ("shch", "s"), ("yevs", "evs"), ("kh", "h"), ("zh", "z"),
    ("ch", "c"), ("sh", "s"), ("ts", "c"), ("ye", "e"), ("yi", "i"), ("yu", "u"), ("ya", "a"),
    ("iy", "i"), ("yy", "i"), ("ii", "i"), ("y", "i"), ("g", "h"), ("o", "a"), ("e", "i"),
    ("'", ""),
)


def translit_key(name: str) -> str:
    """A spelling of a Slavic place name that ignores romanization differences."""
    key = normalize_name(name).replace(" ", "")
    for a, b in _TRANSLIT_FOLDS:
        key = key.replace(a, b)
    return key


# Countries whose place names reach English news through competing romanizations of
# Cyrillic (Russian-style, Ukrainian national, older English); their populated places and
# admin areas are also indexed by variant_key.
VARIANT_COUNTRIES = ("UA", "RU", "BY")
_DOUBLE = re.compile(r"(.)\1+")
# Ukrainian i where Russian has o before v in a closed syllable (Stepanivka/Stepanovka,
# Kharkiv/Kharkov), after _TRANSLIT_FOLDS turned o into a.
_IKAVISM = re.compile(r"iv(?=k|sk|$)")
# The same alternation anywhere a syllable is closed: Russian o/e before two consonants
# (or a final one) is Ukrainian i (Sokolniki/Sokilnyky, Yagodnoye/Yahidne,
# Belogorka/Bilohirka). Applied to the word before folding, a digraph counting as one
# consonant; both spellings are folded alike, so only names that differ in that vowel meet.
_CONSONANT = r"(?:kh|zh|ch|sh|ts|[bcdfghjklmnpqrstvwxz])"
_CLOSED_OE = re.compile(rf"(?<=[a-z])[oe](?={_CONSONANT}(?:{_CONSONANT}|$))")
# Russian Е- is Ukrainian О- at the start of the name Олена/Елена and the places named for
# it (Еленовка/Оленівка: "Yelenovka", "Elenovka" for Olenivka); Ukrainian keeps Є- in other
# words (Євгенівка, Єлизаветівка), which match their Russian spellings already.
_RUSSIAN_YEL = re.compile(r"^y?el(?=en)")
_FINAL_VOWELS = re.compile(r"(?<=.)[aiu]+$")
# a masculine adjective ending, in words of 7+ letters ("Pisky", "Peski" are plural nouns)
_ADJECTIVAL = re.compile(r"sk(?:yi|iy|yy|ii|ij|yj|y|i)$")
VARIANT_MAX_POP = 100_000
# Feature words that may follow a romanized name ("Novoaidarskyi district").
_FEATURE_WORDS = frozenset({"district", "region", "oblast", "raion", "rayon", "village",
                            "town", "city", "settlement", "river", "province", "county"})


# Russian ordinals that number the parts of a settlement ("Novoselovka Pervaya") are
# translated, not transliterated, in Ukrainian names (Novoselivka Persha, Druha).
_ORDINALS = {
    **dict.fromkeys(("pervaya", "pervoye", "pervoe", "pervyy", "pervyi", "pervy", "perviy"),
                    "persha"),
    **dict.fromkeys(("vtoraya", "vtoroye", "vtoroe", "vtoroy", "vtoroi"), "druha"),
}


def _foreign_name(key: str) -> bool:
    """Whether every word of a normalized name, feature words aside, is one English never
    uses: "Zaitsevo" may be a romanization of Zaitseve, "Easter" is no spelling of Oster."""
    from geomap.lexicon import is_foreign_name  # wordfreq loads on first variant use

    return is_foreign_name(" ".join(w for w in key.split() if w not in _FEATURE_WORDS))


def _foreign_arabic(key: str) -> bool:
    """Whether a normalized name, its Arabic articles aside, is no English phrase ("Tal
    Rifaat", "Jisr al-Shughur"; not "Red Hill")."""
    from geomap.lexicon import is_foreign_phrase

    return is_foreign_phrase(" ".join(w for w in key.split() if w not in _ARABIC_ARTICLES))


@lru_cache(maxsize=200_000)
def variant_key(name: str) -> str:
    """A key shared by romanizations of one Slavic place name, inflection endings ignored.

    Each word is folded like translit_key, doubled letters collapsed, the o/i alternation
    of Russian/Ukrainian unified and a vowel ending reduced to "a" (so "Luhansk" and
    "Luhanske" stay apart), so "Zaitsevo", "Zaytseve",
    "Pervomayskoye"/"Pervomaiske" and "Novoaydarsky"/"Novoaidarskyi" meet. Words joined
    without spaces; "" for names too short to compare.
    """
    words = []
    for w in normalize_name(name).replace("-", " ").split():
        w = _ORDINALS.get(w, w).replace("x", "ks").replace("j", "y")
        w = _CLOSED_OE.sub("i", _RUSSIAN_YEL.sub("ol", w))
        for a, b in _TRANSLIT_FOLDS:
            w = w.replace(a, b)
        w = _DOUBLE.sub(r"\1", w.replace("ia", "a"))
        # any vowel ending is one ending: Russian -oye/-ovo, Ukrainian -e/-ove
        words.append(_FINAL_VOWELS.sub("a", _IKAVISM.sub("av", w)))
    key = "".join(words)
    return key if len(key) >= 4 else ""


# Countries whose place names GeoNames writes with the Arabic article ("Al Qāmishlī",
# "Ar Raqqah", "El-Hodeidah") where English news mostly drops it ("Qamishli", "Raqqa",
# "Hodeidah"): the Arab League's members.
ARABIC_ARTICLE_COUNTRIES = frozenset({
    "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA",
    "SA", "SO", "SD", "SY", "TN", "AE", "YE"})
# "al"/"el" before any word; the assimilated forms only before their own consonant
# ("ar raqqah", "ash shaykh", "an najaf").
_ARABIC_ARTICLE = re.compile(
    r"^(?:[ae]l|a(d|dh|r|s|sh|t|th|z|n))\s+(\S.*)$")
MIN_UNARTICLED_LETTERS = 4  # "Al Ain" keeps its article: "Ain" alone is a French department


def unarticled(norm: str) -> str | None:
    """A normalized Arabic place name without its article ("al qamishli" -> "qamishli",
    "ar raqqah" -> "raqqah"; "arles" and "as salt" for "salt" only when the consonant
    repeats), or None."""
    m = _ARABIC_ARTICLE.match(norm)
    if m is None:
        return None
    sun, rest = m.group(1), m.group(2)
    if sun and not rest.startswith(sun):
        return None
    letters = sum(ch.isalpha() for ch in rest)
    return rest if letters >= MIN_UNARTICLED_LETTERS else None


# The article inside a name, in the forms romanizations write it ("Jisr al-Shughur",
# "Jisr ash Shughur", "Deir ez-Zor"), and the signs one romanization doubles and another
# writes once (the shadda: "Huwwara"/"Huwara", "Tall"/"Tal"; long vowels: "Rifaat"/"Rif'at").
_ARABIC_ARTICLES = frozenset({"al", "el", "ul", "il", "ad", "adh", "ar", "as", "ash", "at",
                              "ath", "az", "an", "ed", "er", "es", "et", "ez", "en"})
ARABIC_KEY_PREFIX = "ar:"
MIN_ARABIC_KEY = 5


@lru_cache(maxsize=200_000)
def arabic_key(norm: str) -> str:
    """A key shared by romanizations of one Arabic place name ("Tal Rifaat" and "Tall
    Rif'at", "Jisr al-Shughur" and "Jisr ash Shughur", "Huwara" and "Huwwarah",
    "al-Hilaliya" and "Al Hilaliyya"): articles dropped, doubled letters single, a
    final -ah written -a, "ou" as "u"; words joined. "" for names too short to compare."""
    words = [w for i, w in enumerate(norm.split())
             if not (w in _ARABIC_ARTICLES and i + 1 < len(norm.split()))]
    out = []
    for w in words:
        w = _DOUBLE.sub(r"\1", w.replace("ou", "u"))
        out.append(w[:-1] if len(w) > 3 and w.endswith("ah") else w)
    key = "".join(out)
    return ARABIC_KEY_PREFIX + key if len(key) >= MIN_ARABIC_KEY else ""


# Romanizations of names outside the Cyrillic and Arabic keys above differ in a few
# systematic ways that news copy and GeoNames do not agree on: English y for i
# ("Oromiya"/"Oromia", "Myitkyina"/"Myitkina"), letters written twice or once (Somali
# long vowels "Shabeelle"/"Shabelle", "Kismaayo"/"Kismayo"), a final -h after a vowel
# ("Nabatiyah"/"Nabatiya") and -ieh/-iye for -iya ("Nabatieh"), French ou and dj for
# English w/u and j ("Ouagadougou"/"Wagadugu", "Djibo"/"Jibo"), q for k
# ("Qandahar"), Sanskrit -pura for Hindi -pur, and the Arabic article in any of its
# assimilated forms ("ash-Shati"/"al-Shati"). roman_key folds those and only those:
# vowels stay, so "Jowhar" and "Jawhar" or "Dese" and "Dasa" remain apart.
ROMAN_KEY_PREFIX = "rm:"
MIN_ROMAN_KEY = 5
# Towns below this population are not indexed by roman_key: a loose spelling match to a
# hamlet is as likely another place ("prefer a known town for a loose match").
ROMAN_MIN_POP = 1_000
ROMAN_ADMIN_CODES = ("ADM1", "ADM2")
_ROMAN_FOLDS = (("dj", "j"), ("q", "k"), ("y", "i"))
_FRENCH_W = re.compile(r"ou(?=[aeiou])")  # "Ouahigouya": ou before a vowel is English w
_FINAL_VOWEL_H = re.compile(r"(?<=[aeiou])h$")
_FINAL_IYA = re.compile(r"i[ae]$")
# Words that qualify a region or town in English and stay out of the key's test of
# foreignness ("Lower Shabelle", "North Shewa"); they are kept in the key itself.
_ENGLISH_QUALIFIERS = frozenset({"north", "south", "east", "west", "northern", "southern",
                                 "eastern", "western", "central", "upper", "lower",
                                 "middle", "new", "old", "greater"})


@lru_cache(maxsize=200_000)
def roman_key(norm: str, articles: bool = True) -> str:
    """A key shared by romanizations of one place name written in another script ("oromia"
    and "oromiya", "nabatieh" and "nabatiyah", "ash shati" and "al shati", "myitkina"
    and "myitkyina"): Arabic articles dropped (with `articles`: "El Paso" keeps its
    Spanish one), the folds above, doubled letters single; words joined. "" for names
    too short to compare. `norm` is a normalize_name result."""
    words = norm.split()
    out = []
    for i, w in enumerate(words):
        if articles and w in _ARABIC_ARTICLES and i + 1 < len(words):
            continue
        w = _FRENCH_W.sub("w", w).replace("ou", "u").replace("w", "u")
        for a, b in _ROMAN_FOLDS:
            w = w.replace(a, b)
        w = _DOUBLE.sub(r"\1", w)
        w = _FINAL_IYA.sub("ia", _FINAL_VOWEL_H.sub("", w))
        if w.endswith("pura"):
            w = w[:-1]
        out.append(w)
    key = "".join(out)
    return ROMAN_KEY_PREFIX + key if len(key) >= MIN_ROMAN_KEY else ""


def _roman_query(norm: str) -> bool:
    """Whether a name may be looked up by roman_key: its words, English qualifiers and
    Arabic articles aside, are no English ("Oromia", "Lower Shabelle"; not "Heavy", nor
    "North Hill")."""
    from geomap.lexicon import is_foreign_name

    rest = [w for w in norm.split() if w not in _ENGLISH_QUALIFIERS and w not in
            _ARABIC_ARTICLES]
    return bool(rest) and is_foreign_name(" ".join(rest))


def keep_alt_name(name: str, primary: str) -> bool:
    """Whether an alternate name is worth storing (Latin/Cyrillic/Greek, not a code)."""
    if name == primary:
        return True
    if len(name) < 3 or not _KEEP_NAME.fullmatch(name) or name.isdigit():
        return False
    return not _CODE_LIKE.fullmatch(name)


def data_dir() -> Path:
    """The directory holding the committed gazetteer sources."""
    here = Path(__file__).resolve().parent.parent / "gazetteer"
    if (here / GEONAMES_FILE).exists():
        return here
    try:
        import geomap_gazetteer  # installed copy of gazetteer/

        return Path(geomap_gazetteer.__file__).resolve().parent
    except ImportError as exc:  # pragma: no cover - broken install
        raise GazetteerError(
            f"gazetteer data not found at {here}; reinstall geomap (pip install .)"
        ) from exc


def default_home() -> Path:
    """$GEOMAP_HOME, else $XDG_CACHE_HOME/geomap, else ~/.cache/geomap."""
    if os.environ.get("GEOMAP_HOME"):
        return Path(os.environ["GEOMAP_HOME"]).expanduser()
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]).expanduser() / "geomap"
    return Path.home() / ".cache" / "geomap"


def read_extras(home: Path) -> list[Path]:
    """The extra GeoNames tables remembered in <home>/sources.json."""
    p = home / EXTRAS_FILE
    if not p.exists():
        return []
    try:
        return [Path(x) for x in json.loads(p.read_text(encoding="utf-8")).get("geonames", [])]
    except (ValueError, AttributeError) as exc:
        raise GazetteerError(f"{p}: not valid JSON ({exc}); delete it to forget extra "
                             "sources") from exc


def write_extras(home: Path, extras: Sequence[Path]) -> None:
    home.mkdir(parents=True, exist_ok=True)
    tmp = home / f".{EXTRAS_FILE}.tmp"
    tmp.write_text(json.dumps({"geonames": [str(p) for p in extras]}, indent=1),
                   encoding="utf-8")
    os.replace(tmp, home / EXTRAS_FILE)


@lru_cache(maxsize=64)
def _file_digest(path: Path, size: int, mtime_ns: int) -> bytes:
    # keyed by size and mtime: a process hashes the 13 MB of sources once, not per open
    return hashlib.sha256(path.read_bytes()).digest()


def source_hash(data: Path, extras: Sequence[Path] = ()) -> str:
    """A short hash of the schema version, every source file and the extra tables."""
    h = hashlib.sha256(f"schema {SCHEMA_VERSION}\n".encode())
    for name in SOURCE_FILES:
        p = data / name
        h.update(name.encode())
        if p.exists():
            st = p.stat()
            h.update(_file_digest(p, st.st_size, st.st_mtime_ns))
    for p in extras:
        st = p.stat() if p.exists() else None
        h.update(f"{p}:{st.st_size if st else -1}:{st.st_mtime_ns if st else -1}".encode())
    return h.hexdigest()[:12]


def store_path(home: Path | None = None, data: Path | None = None,
               extras: Sequence[Path] | None = None) -> Path:
    """Where the store for the current sources lives (it may not exist yet)."""
    home = home or default_home()
    data = data or data_dir()
    extras = read_extras(home) if extras is None else extras
    return home / f"gazetteer-v{SCHEMA_VERSION}-{source_hash(data, extras)}.sqlite"


# --- reading sources ------------------------------------------------------------------


def _open_text(path: Path) -> Iterator[tuple[str, io.TextIOBase]]:
    """Yield (display name, text stream) for a plain, .gz or .zip GeoNames file."""
    if path.suffix == ".zip":
        import zipfile

        try:
            zf = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            raise GazetteerBuildError(f"{path}: not a valid zip file ({exc})") from exc
        with zf:
            members = [m for m in zf.namelist()
                       if m.endswith(".txt") and "readme" not in m.lower()]
            if not members:
                raise GazetteerBuildError(f"{path}: no GeoNames .txt table inside the zip")
            for m in members:
                with zf.open(m) as raw:
                    yield f"{path}!{m}", io.TextIOWrapper(raw, encoding="utf-8", newline="")
    elif path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
            yield str(path), fh
    else:
        with open(path, encoding="utf-8", newline="") as fh:
            yield str(path), fh


def read_geonames(path: Path) -> Iterator[tuple]:
    """Validated rows of a 19-column GeoNames table: (gid, name, alts, lat, lon, fclass,
    fcode, cc, admin1, admin2, population). Raises GazetteerBuildError naming file:line."""
    if not path.is_file():
        raise GazetteerBuildError(f"{path}: no such file (pass an existing GeoNames table: "
                                  "allCountries.txt, a country .zip, a .txt.gz)")
    for label, fh in _open_text(path):
        lineno = 0
        try:
            for lineno, line in enumerate(fh, 1):
                line = line.rstrip("\r\n")
                if not line or line.startswith("#"):
                    continue
                c = line.split("\t")
                where = f"{label}:{lineno}"
                if len(c) != 19:
                    raise GazetteerBuildError(
                        f"{where}: expected 19 tab-separated GeoNames columns, found {len(c)} "
                        "(truncated line or not a GeoNames table); fix or remove the line")
                try:
                    gid = int(c[0])
                    lat, lon = float(c[4]), float(c[5])
                    pop = int(c[14] or 0)
                except ValueError as exc:
                    raise GazetteerBuildError(
                        f"{where}: bad number ({exc}); geonameid, latitude, longitude and "
                        "population must be numeric") from exc
                if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                    raise GazetteerBuildError(
                        f"{where}: coordinates out of range (lat {lat}, lon {lon})")
                if gid <= 0 or gid >= _ROWID_BASE["wof"]:
                    raise GazetteerBuildError(f"{where}: geonameid {gid} out of range")
                yield (gid, c[1], c[2], c[3], lat, lon, c[6], c[7], c[8], c[10], c[11], pop)
        except UnicodeDecodeError as exc:
            raise GazetteerBuildError(f"{label}:{lineno + 1}: not UTF-8 text ({exc})") from exc
        except (OSError, EOFError) as exc:
            raise GazetteerBuildError(f"{label}:{lineno + 1}: cannot read ({exc}); the file "
                                      "is truncated or corrupt") from exc


def _read_entries(path: Path) -> Iterator[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        rd = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in rd:
            if None in row or any(v is None for v in row.values()):
                raise GazetteerBuildError(
                    f"{path}:{rd.line_num}: wrong number of columns; rerun "
                    "scripts/derive_gazetteer.py or fix the line")
            yield row


# --- building -------------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE entries(
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, feature_class TEXT NOT NULL,
    feature_code TEXT NOT NULL, country_code TEXT NOT NULL, admin1 TEXT NOT NULL DEFAULT '',
    admin1_code TEXT NOT NULL, admin2_code TEXT NOT NULL DEFAULT '',
    population INTEGER NOT NULL, geonameid INTEGER, source TEXT NOT NULL,
    has_geometry INTEGER NOT NULL DEFAULT 0);
CREATE TABLE names(norm TEXT NOT NULL, entry INTEGER NOT NULL, kind INTEGER NOT NULL,
    PRIMARY KEY(norm, entry)) WITHOUT ROWID;
CREATE TABLE geometries(entry INTEGER PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE admin1_names(code TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE variants(key TEXT NOT NULL, entry INTEGER NOT NULL,
    PRIMARY KEY(key, entry)) WITHOUT ROWID;
"""

_INSERT_ENTRY = ("INSERT OR IGNORE INTO entries(rowid, id, name, lat, lon, feature_class, "
                 "feature_code, country_code, admin1_code, admin2_code, population, geonameid, "
                 "source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")
_INSERT_NAME = ("INSERT INTO names(norm, entry, kind) VALUES (?,?,?) "
                "ON CONFLICT(norm, entry) DO UPDATE SET kind = max(kind, excluded.kind)")

DEDUP_KM = 3.0
# Neighbouring countries' polygons (Natural Earth 50m) meet within this many degrees.
LAND_BORDER_TOLERANCE_DEG = 0.05
# Gazetteer.misspelt: the towns whose names a typing slip is matched against, and the
# shortest name (letters) a slip is believed in.
TYPO_MIN_POPULATION = 5_000
TYPO_MIN_LETTERS = 7


def _bare_names(name: str) -> list[str]:
    """'Belgorod Oblast' -> ['Belgorod']: admin names without the kind word."""
    parts = name.split()
    if len(parts) > 1 and parts[-1].lower().strip("'’") in _ADM_STRIP:
        return [" ".join(parts[:-1])]
    return []


class _Builder:
    """Streams every source into a fresh SQLite file."""

    def __init__(self, db: sqlite3.Connection, tick: Callable[[str, float], None]) -> None:
        self.db = db
        self.tick = tick
        self.counts: dict[str, int] = {}
        self.next_rowid = dict(_ROWID_BASE)
        self.phrases: set[str] = set()  # curated lower-case phrase names (is_phrase_name)

    def names(self, rowid: int, primary: str, alts: Iterable[str], kind: int = KIND_ALT) -> None:
        rows = {normalize_name(primary): KIND_NAME}
        for a in alts:
            n = normalize_name(a)
            if n and n not in rows:
                rows[n] = kind
        self.db.executemany(_INSERT_NAME, [(n, rowid, k) for n, k in rows.items() if n])

    def geonames(self, path: Path, label: str) -> None:
        n = 0
        batch_e, batch_n = [], []
        for gid, name, asciiname, alts, lat, lon, fclass, fcode, cc, a1, a2, pop in \
                read_geonames(path):
            admin1_code = f"{cc}.{a1}" if a1 else ""
            admin2_code = f"{cc}.{a1}.{a2}" if a2 else ""
            batch_e.append((gid, f"gn:{gid}", name, lat, lon, fclass or "", fcode or "", cc,
                            admin1_code, admin2_code, pop, gid, "geonames"))
            names = {normalize_name(name): KIND_NAME}
            for a in (asciiname, *alts.split(",")):
                if a and keep_alt_name(a, name):
                    names.setdefault(normalize_name(a), KIND_ALT)
            if cc in ARABIC_ARTICLE_COUNTRIES:
                from geomap.lexicon import is_rare_word

                # not when the rest is an English word ("An Nazi" is no "Nazi")
                for k in [unarticled(k) for k in names]:
                    if k and all(is_rare_word(w) for w in k.split()):
                        names.setdefault(k, KIND_ALT)
            batch_n.extend((k, gid, v) for k, v in names.items() if k)
            n += 1
            if len(batch_e) >= 20000:
                self._flush(batch_e, batch_n)
                self.tick(label, n)
        self._flush(batch_e, batch_n)
        self.counts[label] = n

    def _flush(self, batch_e: list, batch_n: list) -> None:
        self.db.executemany(_INSERT_ENTRY, batch_e)
        self.db.executemany(_INSERT_NAME, batch_n)
        batch_e.clear()
        batch_n.clear()

    def _near_duplicate(self, row: dict[str, str], lat: float, lon: float) -> int | None:
        """The GeoNames place this entry duplicates: same geonameid, or same name nearby."""
        if row["geonameid"]:
            hit = self.db.execute("SELECT rowid FROM entries WHERE rowid = ? AND source = "
                                  "'geonames'", (int(row["geonameid"]),)).fetchone()
            if hit:
                return hit[0]
        if row["feature_class"] != "P":
            return None
        dlat = DEDUP_KM / 111.0
        for rowid, elat, elon in self.db.execute(
                "SELECT e.rowid, e.lat, e.lon FROM names n JOIN entries e ON e.rowid = n.entry "
                "WHERE n.norm = ? AND e.feature_class = 'P' AND e.source = 'geonames'",
                (normalize_name(row["name"]),)):
            if abs(elat - lat) < dlat and _km(lat, lon, elat, elon) <= DEDUP_KM:
                return rowid
        return None

    def entries(self, path: Path, source_key: str, *, dedup: bool = False) -> None:
        n = merged = 0
        for row in _read_entries(path):
            lat, lon = float(row["lat"]), float(row["lon"])
            alts = [a for a in row["names"].split("|") if a]
            if row["feature_class"] == "P":
                row["name"], alts = place_label(row["name"], alts)
            target = self._near_duplicate(row, lat, lon) if dedup else None
            if target is not None:
                self.names(target, row["name"], alts)
                merged += 1
                continue
            rid = row["id"]
            if rid.startswith("gn:"):
                rowid = int(rid[3:])
            else:
                self.next_rowid[source_key] += 1
                rowid = self.next_rowid[source_key]
            gid = int(row["geonameid"]) if row["geonameid"] else None
            self.db.execute(_INSERT_ENTRY, (
                rowid, rid, row["name"], lat, lon, row["feature_class"], row["feature_code"],
                row["country_code"], row["admin1_code"], row["admin2_code"],
                int(row["population"] or 0), gid, row["source"]))
            if row["feature_code"] == "ADM1" and row["admin1_code"]:
                self.db.execute("INSERT OR REPLACE INTO admin1_names VALUES (?, ?)",
                                (row["admin1_code"], row["name"]))
            if row["feature_class"] == "A" and row["feature_code"].startswith("ADM"):
                for a in [row["name"], *alts]:
                    alts.extend(_bare_names(a))
            self.names(rowid, row["name"], alts)
            n += 1
            if n % 5000 == 0:
                self.tick(path.name, n)
        self.counts[path.name] = n
        if dedup:
            self.counts[f"{path.name} merged"] = merged

    def curated(self, path: Path, geoms: dict[str, str]) -> None:
        n = 0
        with open(path, encoding="utf-8", newline="") as fh:
            rd = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            for row in rd:
                where = f"{path}:{rd.line_num}"
                if None in row or any(v is None for v in row.values()):
                    raise GazetteerBuildError(f"{where}: wrong number of columns (expected "
                                              f"{len(rd.fieldnames or [])})")
                if row["lat"] and row["lon"]:
                    try:
                        lat, lon = float(row["lat"]), float(row["lon"])
                    except ValueError as exc:
                        raise GazetteerBuildError(f"{where}: bad coordinates ({exc})") from exc
                    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                        raise GazetteerBuildError(f"{where}: coordinates out of range "
                                                  f"(lat {lat}, lon {lon})")
                elif row["id"] in geoms:
                    lat, lon = _rep_point(json.loads(geoms[row["id"]]))
                else:
                    raise GazetteerBuildError(f"{where}: {row['id']} has neither lat/lon nor a "
                                              "geometry; fill in lat and lon")
                self.next_rowid["curated"] += 1
                rowid = self.next_rowid["curated"]
                self.db.execute(_INSERT_ENTRY, (
                    rowid, row["id"], row["name"], lat, lon, row["feature_class"],
                    row["feature_code"], row["country_code"], row["admin1_code"], "", 0, None,
                    "curated"))
                alts = [a for a in row["names"].split("|") if a]
                self.names(rowid, row["name"], alts, kind=KIND_ALIAS)
                self.phrases.update(normalize_name(a) for a in alts if is_phrase_name(a))
                n += 1
        self.counts[path.name] = n

    def aliases(self, path: Path) -> None:
        n = 0
        with open(path, encoding="utf-8", newline="") as fh:
            rd = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            for row in rd:
                hit = self.db.execute("SELECT rowid FROM entries WHERE id = ?",
                                      (row["target"],)).fetchone()
                if not hit:
                    raise GazetteerBuildError(
                        f"{path}:{rd.line_num}: alias {row['alias']!r} targets unknown id "
                        f"{row['target']!r}; fix the target id")
                self.db.execute(_INSERT_NAME, (normalize_name(row["alias"]), hit[0], KIND_ALIAS))
                n += 1
        self.counts[path.name] = n

    def variants(self) -> None:
        """Index the places and admin areas of VARIANT_COUNTRIES by variant_key, those of
        Arab League countries by arabic_key and the other countries' by roman_key."""
        marks = ",".join("?" * len(VARIANT_COUNTRIES))
        rows = self.db.execute(
            "SELECT n.norm, n.entry FROM names n JOIN entries e ON e.rowid = n.entry "
            f"WHERE e.country_code IN ({marks}) AND (e.feature_class IN ('P', 'A') OR "
            # hills with a curated alias: battle sites news spell every way ("Savur-Mogyla",
            # "Saur Mohyla"); not the thousands of burial mounds no report names
            "e.feature_class = 'T' AND n.entry IN (SELECT entry FROM names WHERE kind = ?))",
            (*VARIANT_COUNTRIES, KIND_ALIAS)).fetchall()
        keys = {(k, entry) for norm, entry in rows if (k := variant_key(norm))}
        # Arabic places by arabic_key, in the same table under its own prefix
        marks = ",".join("?" * len(ARABIC_ARTICLE_COUNTRIES))
        rows = self.db.execute(
            "SELECT n.norm, n.entry FROM names n JOIN entries e ON e.rowid = n.entry "
            f"WHERE e.country_code IN ({marks}) AND e.feature_class IN ('P', 'A')",
            sorted(ARABIC_ARTICLE_COUNTRIES)).fetchall()
        keys |= {(k, entry) for norm, entry in rows if (k := arabic_key(norm))}
        # every other country's towns and admin areas by roman_key: own names and curated
        # aliases only (GeoNames' alternate names hold other languages' exonyms, and a
        # loose key on those reaches too far); towns from ROMAN_MIN_POP up; names that are
        # no English
        marks = ",".join("?" * len(VARIANT_COUNTRIES))
        rows = self.db.execute(
            "SELECT n.norm, n.entry, e.country_code FROM names n "
            "JOIN entries e ON e.rowid = n.entry "
            f"WHERE e.country_code NOT IN ({marks}) AND n.kind != ? AND "
            "(e.feature_class = 'P' AND e.population >= ? OR e.feature_code IN (?, ?))",
            (*VARIANT_COUNTRIES, KIND_ALT, ROMAN_MIN_POP, *ROMAN_ADMIN_CODES)).fetchall()
        # (names of English words are no romanization: "Clover Hill" is no "Cloverhill")
        keys |= {(k, entry) for norm, entry, cc in rows
                 if (k := roman_key(norm, cc in ARABIC_ARTICLE_COUNTRIES)) and _roman_query(norm)}
        self.db.executemany("INSERT INTO variants VALUES (?, ?)", sorted(keys))
        self.counts["variant keys"] = len(keys)

    def geometries(self, geoms: dict[str, str]) -> None:
        n = 0
        for gid, geom in geoms.items():
            hit = self.db.execute("SELECT rowid FROM entries WHERE id = ?", (gid,)).fetchone()
            if not hit:
                continue
            data = zlib.compress(geom.encode(), 6)
            self.db.execute("INSERT OR REPLACE INTO geometries VALUES (?, ?)", (hit[0], data))
            n += 1
        self.db.execute("UPDATE entries SET has_geometry = 1 WHERE rowid IN "
                        "(SELECT entry FROM geometries)")
        self.counts["geometries"] = n


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from geopy.distance import great_circle

    return great_circle((lat1, lon1), (lat2, lon2)).km


def _rep_point(geom: dict) -> tuple[float, float]:
    from shapely.geometry import shape

    g = shape(geom)
    if g.geom_type == "MultiPolygon":
        g = max(g.geoms, key=lambda p: p.area)
    c = g.centroid
    p = c if g.contains(c) else g.representative_point()
    return round(p.y, 5), round(p.x, 5)


_GEOMETRY_LINE = re.compile(r'\{"id":"([^"]+)","geometry":(\{"type":"\w+",'
                            r'"coordinates":\[.*\]\})\}')


def _load_geometries(path: Path) -> dict[str, str]:
    """id -> GeoJSON geometry text; kept as text (parsed, the coordinate lists would cost
    ~100 MB during the build)."""
    geoms: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            m = _GEOMETRY_LINE.fullmatch(line.rstrip("\n"))
            if not m:
                raise GazetteerBuildError(f"{path}:{lineno}: bad geometry record; rerun "
                                          "scripts/derive_gazetteer.py")
            geoms[m[1]] = m[2]
    return geoms


def build_store(dest: Path, *, data: Path | None = None, geonames: Sequence[Path] = (),
                progress: bool = False) -> dict[str, Any]:
    """Build the store at dest (atomically: a temp file renamed into place); return info.

    geonames: extra 19-column GeoNames tables (.txt, .txt.gz, country .zip) to add.
    Raises GazetteerBuildError naming file and line on malformed input; dest is untouched.
    """
    data = data or data_dir()
    missing = [n for n in SOURCE_FILES if not (data / n).exists()]
    if missing:
        raise GazetteerBuildError(f"{data}: missing gazetteer sources {', '.join(missing)}; "
                                  "reinstall geomap or rerun scripts/derive_gazetteer.py")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=dest.parent)
    except OSError as exc:
        raise GazetteerError(f"cannot write the gazetteer store in {dest.parent} ({exc}); "
                             "set GEOMAP_HOME to a writable directory") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    t0 = time.perf_counter()
    steps = [*[str(p) for p in geonames], GEONAMES_FILE, *ENTRY_FILES, CURATED_FILE,
             SITES_FILE, ALIASES_FILE, "geometries", "indexes"]
    bar, task = _progress_bar(progress, len(steps))
    db: sqlite3.Connection | None = None
    try:
        db = sqlite3.connect(tmp, isolation_level=None)
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; "
                         "PRAGMA page_size=8192; PRAGMA cache_size=-20000;")
        db.executescript(_SCHEMA)
        db.execute("BEGIN")

        def tick(label: str, n: float) -> None:
            if bar is not None:
                bar.update(task, description=f"{Path(label).name}: {int(n):,} rows")

        def step(label: str) -> None:
            if bar is not None:
                bar.update(task, advance=1, description=Path(label).name)

        b = _Builder(db, tick)
        # admin and country entries first so GeoNames extras with the same id only add names
        for name in ("countries.tsv.gz", "admin.tsv.gz"):
            b.entries(data / name, "admin")
            step(name)
        # the user's tables before cities500: malformed input fails fast, and their rows
        # (newer, fuller) win over cities500 rows with the same geonameid
        for p in geonames:
            b.geonames(Path(p), str(p))
            step(str(p))
        b.geonames(data / GEONAMES_FILE, GEONAMES_FILE)
        step(GEONAMES_FILE)
        for name, key, dedup in (("wof_ua.tsv.gz", "wof", True),
                                 ("geoboundaries.tsv.gz", "geoboundaries", False),
                                 ("naturalearth.tsv.gz", "naturalearth", False),
                                 ("ua_register.tsv.gz", "ua_register", False)):
            b.entries(data / name, key, dedup=dedup)
            step(name)
        db.execute("CREATE UNIQUE INDEX entries_id ON entries(id)")
        geoms = _load_geometries(data / GEOMETRY_FILE)
        for name in (CURATED_FILE, SITES_FILE):
            b.curated(data / name, geoms)
            step(name)
        b.aliases(data / ALIASES_FILE)
        b.variants()
        step(ALIASES_FILE)
        b.geometries(geoms)
        step("geometries")
        db.execute("CREATE INDEX entries_lat ON entries(lat, lon)")
        db.execute("UPDATE entries SET admin1 = coalesce((SELECT name FROM admin1_names a "
                   "WHERE a.code = entries.admin1_code), '')")
        counts = dict(b.counts)
        for fclass, n in db.execute("SELECT feature_class, count(*) FROM entries "
                                    "GROUP BY feature_class ORDER BY feature_class"):
            counts[f"class {fclass or '?'}"] = n
        counts["entries"] = db.execute("SELECT count(*) FROM entries").fetchone()[0]
        counts["names"] = db.execute("SELECT count(*) FROM names").fetchone()[0]
        meta = {
            "schema": str(SCHEMA_VERSION),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "build_seconds": f"{time.perf_counter() - t0:.1f}",
            "sources": json.dumps([str(data / n) for n in SOURCE_FILES]
                                  + [str(p) for p in geonames]),
            "extra_geonames": json.dumps([str(p) for p in geonames]),
            "counts": json.dumps(counts),
            "phrases": json.dumps(sorted(b.phrases)),
            "country_pop": json.dumps(dict(db.execute(
                "SELECT country_code, population FROM entries WHERE feature_code = 'PCLI'"))),
        }
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        db.execute("COMMIT")
        db.execute("ANALYZE")
        db.execute("VACUUM")
        step("indexes")
        db.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)
    except (sqlite3.Error, OSError) as exc:
        if db is not None:
            db.close()
        tmp.unlink(missing_ok=True)
        if isinstance(exc, GazetteerError):
            raise
        raise GazetteerError(f"{dest}: building the store failed ({exc}); check free disk "
                             "space and rerun `geomap gazetteer build --force`") from exc
    except BaseException:
        if db is not None:
            db.close()
        tmp.unlink(missing_ok=True)
        raise
    finally:
        if bar is not None:
            bar.stop()
    meta["build_seconds"] = f"{time.perf_counter() - t0:.1f}"
    return {k: (json.loads(v) if k in ("counts", "sources", "extra_geonames") else v)
            for k, v in meta.items()}


def _progress_bar(enabled: bool, total: int) -> tuple[Any, Any]:
    if not enabled:
        return None, None
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("Building gazetteer"), BarColumn(), TextColumn("{task.description}"),
                   TimeElapsedColumn(), console=Console(stderr=True), transient=True)
    bar.start()
    return bar, bar.add_task("", total=total)


# --- the store ------------------------------------------------------------------------

_SELECT = ("SELECT e.rowid, e.id, e.name, e.lat, e.lon, e.feature_class, e.feature_code, "
           "e.country_code, e.admin1, e.admin1_code, e.population, e.geonameid, e.source, "
           "e.has_geometry")
_SOURCE_NAMES = {"geonames+naturalearth": "geonames"}


def _candidate(r: tuple) -> Candidate:
    return Candidate(id=r[1], name=r[2], lat=r[3], lon=r[4], feature_class=r[5],
                     feature_code=r[6], country_code=r[7], admin1=r[8], admin1_code=r[9],
                     population=r[10], geonameid=r[11], source=_SOURCE_NAMES.get(r[12], r[12]),
                     has_geometry=bool(r[13]))


def _tier(r: tuple, kind: int) -> float:
    """Prior tier of a match (higher first); population breaks ties within a tier."""
    fclass, fcode, pop, source = r[5], r[6], r[10], r[12]
    if fcode.startswith("PCL"):
        return 10
    if kind == KIND_ALIAS or source == "curated":
        return 9
    if fcode == "PPLC":
        return 8
    if fcode == "ADM1":
        return 7
    if fclass == "P" and source == "geonames" and (pop >= 50_000 or fcode == "PPLA"):
        return 6
    if fcode == "ADM2":
        return 5
    if fclass == "H" and r[13]:
        return 4.5  # rivers and lakes with real geometry
    if fclass == "P":
        return 4 + (0.1 if source == "geonames" else 0)
    if fclass == "A":
        return 3.5
    return 2 + (0.5 if r[13] else 0)


def _rank(rows: list[tuple], country_pop: dict[str, int] | None = None) -> list[tuple]:
    """Sort (row, kind) pairs; admin areas named like a town in them rank below the town
    (a seat or big city for admin-1: "Kherson", "New York"; any town for admin-2).
    Ties: a match on the entry's own name first ("Hampshire" the English county before
    the US "Hampshire County"s), then admin areas (they carry no population) by their
    country's size ("Maryland" the US state before Liberia's county)."""
    country_pop = country_pop or {}
    towns = {r[9] for r, _ in rows if r[5] == "P" and r[9] and (
        r[10] >= 100_000 or r[6] in ("PPLA", "PPLC"))}
    any_town = {r[9] for r, _ in rows if r[5] == "P" and r[9]}

    def key(item: tuple) -> tuple:
        r, kind = item
        t = _tier(r, kind)
        if kind != KIND_ALIAS and ((r[6] == "ADM1" and r[9] in towns)
                                   or (r[6] == "ADM2" and r[9] in any_town)):
            # "Kherson" means the city; "Kherson oblast" still finds the oblast
            t = 3.8 if r[6] == "ADM1" else 3.7
        size = country_pop.get(r[7], 0) if r[5] == "A" else 0
        return (-t, -r[10], kind != KIND_NAME, -size, r[1])

    return sorted(rows, key=key)


def _parse_hint(norm: str) -> tuple[str, str] | None:
    """'kherson oblast' -> ('kherson', 'adm1'); 'river dnieper' -> ('dnieper', 'river')."""
    words = norm.split()
    if len(words) < 2:
        return None
    head, last = words[0], words[-1]
    if last in ADM1_WORDS:
        return " ".join(words[:-1]), "adm1"
    if last in _ADM2_WORDS:
        return " ".join(words[:-1]), "adm2"
    if last in _RIVER_WORDS:
        return " ".join(words[:-1]), "river"
    if head == "river":
        return " ".join(words[1:]), "river"
    if head in _SETTLEMENT_WORDS and len(words) > 2 and words[1] == "of":
        return " ".join(words[2:]), "city"  # "city of X", "village of X"
    if last in ("city", "village", "settlement", "township", "hamlet"):
        return " ".join(words[:-1]), "city"  # not "town": "Cape Town", "Old Town"
    return None


def _fits(r: tuple, want: str) -> bool:
    if want == "adm1":
        return r[6] in ("ADM1", "ADMD") or (r[12] == "curated" and r[5] in ("A", "L"))
    if want == "adm2":
        return r[6] in ("ADM2", "ADM3")
    if want == "river":
        return r[5] == "H" and r[6].startswith(("STM", "CNL", "CHN"))
    return r[5] == "P"


class Gazetteer:
    """A read-only, indexed place store; open with Gazetteer.open()."""

    # ~1 KB per cached lookup: 32k keep an open store well under 100 MB resident
    LOOKUP_CACHE = 32_768
    HAS_NAME_CACHE = 200_000

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self._db = db
        self.path = path
        row = db.execute("SELECT value FROM meta WHERE key = 'country_pop'").fetchone()
        self._country_pop: dict[str, int] = json.loads(row[0]) if row else dict(db.execute(
            "SELECT country_code, population FROM entries WHERE feature_code = 'PCLI'"))
        self._lookup = lru_cache(maxsize=self.LOOKUP_CACHE)(self._lookup_uncached)
        self._fuzzy_cache: dict[str, tuple[list[str], list[list[int]]]] = {}
        self._aliased: dict[str, frozenset[str]] = {}
        self._borders: dict[str, Any] | None = None
        self._alias_variants: dict[str, set[str]] | None = None
        self._polygons: dict[str, Any] = {}  # id -> prepared shapely polygon or None
        self._has = lru_cache(maxsize=self.HAS_NAME_CACHE)(self._has_uncached)
        row = db.execute("SELECT value FROM meta WHERE key = 'phrases'").fetchone()
        # curated names news write in lower case ("the anti-terrorist operation zone"),
        # as tuples of normalized words, for the extractor's phrase pass
        self.phrases: frozenset[tuple[str, ...]] = frozenset(
            tuple(p.split()) for p in (json.loads(row[0]) if row else ()))

    @classmethod
    def open(cls, path: Path | None = None, *, progress: bool = False) -> Gazetteer:
        """Open the store, building it from the committed sources first when needed.

        path: a store file (built there if missing) or a home directory; default
        $GEOMAP_HOME / $XDG_CACHE_HOME/geomap / ~/.cache/geomap.
        Raises GazetteerCorruptError when the file is not a usable store.
        """
        if path is not None and (path.suffix in (".sqlite", ".db") or path.is_file()):
            store = Path(path)
            if not store.exists():
                build_store(store, progress=progress)
        else:
            home = Path(path) if path is not None else default_home()
            extras = read_extras(home)
            store = store_path(home, extras=extras)
            if not store.exists():
                gone = [p for p in extras if not p.is_file()]
                if gone:
                    raise GazetteerError(
                        f"{gone[0]}: this extra GeoNames table (remembered in "
                        f"{home / EXTRAS_FILE}) is gone; put it back, or forget it with "
                        "`geomap gazetteer build --reset`")
                build_store(store, geonames=extras, progress=progress)
                remove_stale(home, keep=store)
        return cls._connect(store)

    @classmethod
    def _connect(cls, store: Path) -> Gazetteer:
        fix = "delete it or rebuild with `geomap gazetteer build --force`"
        try:
            db = sqlite3.connect(f"file:{store}?mode=ro", uri=True, check_same_thread=False)
            schema = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            db.execute("SELECT norm FROM names LIMIT 1").fetchone()
        except sqlite3.Error as exc:
            raise GazetteerCorruptError(f"{store}: not a usable gazetteer store ({exc}); "
                                        f"{fix}") from exc
        if not schema or schema[0] != str(SCHEMA_VERSION):
            db.close()
            raise GazetteerCorruptError(f"{store}: store schema {schema and schema[0]} is not "
                                        f"{SCHEMA_VERSION}; {fix}")
        return cls(db, store)

    def _rows(self, norm: str) -> list[tuple]:
        return [(r[:-1], r[-1]) for r in self._db.execute(
            f"{_SELECT}, n.kind FROM names n JOIN entries e ON e.rowid = n.entry "
            "WHERE n.norm = ?", (norm,))]

    def _rows_any(self, keys: Iterable[str]) -> list[tuple]:
        out: dict[int, tuple] = {}
        for key in keys:
            for r, kind in self._rows(key):
                if r[0] not in out or kind > out[r[0]][1]:
                    out[r[0]] = (r, kind)
        return list(out.values())

    def _lookup_uncached(self, name: str, country: str | None, feature_class: str | None,
                         limit: int) -> tuple[Candidate, ...]:
        keys = query_keys(name)
        if not keys or limit <= 0:
            return ()
        try:
            rows = _rank(self._rows_any(keys), self._country_pop)
            hints = [h for h in map(_parse_hint, keys) if h]
            cores = [h[0] for h in hints if h[1] == hints[0][1]] if hints else []
            variants = _rank(self._variant_rows([*keys, *cores], {r[0] for r, _ in rows}),
                             self._country_pop)
            if hints:
                want = hints[0][1]
                first = [x for x in rows if _fits(x[0], want)]
                core_rows = [x for x in _rank(self._rows_any(cores), self._country_pop)
                             if _fits(x[0], want)]
                core_rows += [x for x in variants if _fits(x[0], want)]
                if want == "adm1" and not first and not core_rows:
                    # "Amvrosievsky region": Russian "район" often comes out as "region"
                    core_rows = [x for x in variants if _fits(x[0], "adm2")]
                    core_rows += self._admin1_of_towns(cores[0])
                if want == "adm2" and not first and not core_rows:
                    # "Shakhtar district": the adjective clipped before its -sk
                    core_rows = self._clipped_adjective_rows(cores, suffix="sk")
                rest = [x for x in rows if not _fits(x[0], want)]
                # a variant that lacks the named kind is too weak a match ("Voroshilovsky
                # district" is no town Voroshilovsk)
                rows = first + core_rows + rest
            else:
                rows += variants
            if not rows:
                rows = self._clipped_adjective_rows(keys)
            if not rows:
                # another romanization of a name from outside the Cyrillic/Arabic keys
                rows = _rank(self._roman_rows([*keys, *cores]), self._country_pop)
            if not rows and "-" in name:
                # a hyphenated compound that the gazetteer writes solid ("Pétion-Ville" is
                # GeoNames' Pétionville): the parts joined
                rows = _rank(self._rows_any([k.replace(" ", "") for k in keys if " " in k]),
                             self._country_pop)
        except sqlite3.Error as exc:
            raise GazetteerCorruptError(f"{self.path}: lookup failed ({exc}); rebuild with "
                                        "`geomap gazetteer build --force`") from exc
        out: list[Candidate] = []
        seen: set[str] = set()
        for r, _ in rows:
            if r[1] in seen:
                continue
            if country and r[7] != country.upper():
                continue
            if feature_class and r[5] != feature_class.upper():
                continue
            seen.add(r[1])
            out.append(_candidate(r))
            if len(out) >= limit:
                break
        return tuple(out)

    def _variant_rows(self, keys: Iterable[str], exclude: set[int]) -> list[tuple]:
        """(row, kind) of entries whose names share a variant_key with one of keys.

        Only names that are no English words take part: "Zaitsevo" is Zaitseve, but
        "Easter" is no spelling of Oster, nor "Heavy" of a village."""
        keys = list(keys)
        # (an Arabic name is judged without its articles: "al" and "ash" are English)
        arabic = [arabic_key(k) for k in keys if _foreign_arabic(k)]
        keys = [k for k in keys if _foreign_name(k)]
        vkeys = list(dict.fromkeys([*(k for k in map(variant_key, keys) if k),
                                    *(k for k in arabic if k)]))
        if not vkeys:
            return []
        marks = ",".join("?" * len(vkeys))
        found = self._db.execute(
            f"{_SELECT} FROM variants v JOIN entries e ON e.rowid = v.entry "
            f"WHERE v.key IN ({marks})", vkeys).fetchall()
        # An Arab province is written with its article or without ("Anbar province", Al
        # Anbar): a region reached by the Arabic key is the same name, no misread village
        arabic = [k for k in dict.fromkeys(arabic) if k]
        by_article = {r[0] for r in self._db.execute(
            f"{_SELECT} FROM variants v JOIN entries e ON e.rowid = v.entry "
            f"WHERE v.key IN ({','.join('?' * len(arabic))})", arabic).fetchall()} \
            if arabic else set()
        # Big cities carry their exonyms as alternate names already; a variant reaching one
        # is a village misread ("Shumy" is not Sumy, "Luhanske" not Luhansk). A masculine
        # adjective ("Voroshilovsky") names a district, not a village in -ske/-skoye.
        adjectival = any(len(w) >= 7 and _ADJECTIVAL.search(w) for k in keys for w in k.split())
        out: dict[int, tuple] = {}
        for r in found:
            if r[0] in exclude or r[6] == "ADM1" and r[0] not in by_article or (
                    r[5] == "P" and (adjectival or r[10] >= VARIANT_MAX_POP)):
                continue
            out[r[0]] = (r, KIND_ALT)
        return list(out.values())

    def _roman_rows(self, keys: Iterable[str]) -> list[tuple]:
        """(row, kind) of the towns and admin areas whose own name shares a roman_key with
        one of keys, for names that are no English ("Oromia" for Oromiya; not "Heavy")."""
        rkeys = list(dict.fromkeys(k for key in keys if _roman_query(key)
                                   for k in (roman_key(key), roman_key(key, False)) if k))
        if not rkeys:
            return []
        return [(r, KIND_ALT) for r in self._db.execute(
            f"{_SELECT} FROM variants v JOIN entries e ON e.rowid = v.entry "
            f"WHERE v.key IN ({','.join('?' * len(rkeys))})", rkeys)]

    def _admin1_of_towns(self, core: str) -> list[tuple]:
        """'Belgorod region' when only the city is named Belgorod: the city's admin-1."""
        codes = [r[9] for r, _ in _rank(self._rows(core), self._country_pop)
                 if r[5] == "P" and r[9] and (r[6].startswith(("PPLA", "PPLC")))]
        out = []
        for code in dict.fromkeys(codes):
            out += [(r, KIND_NAME) for r in self._db.execute(
                f"{_SELECT} FROM entries e WHERE e.admin1_code = ? AND e.feature_code = 'ADM1'",
                (code,))]
        return out

    def lookup(self, name: str, *, country: str | None = None,
               feature_class: str | None = None, limit: int = 10) -> list[Candidate]:
        """Ranked candidates whose (normalized) name is exactly `name`; [] when none."""
        return list(self._lookup(name, country, feature_class, limit))

    def _has_uncached(self, name: str) -> bool:
        q = "SELECT 1 FROM names WHERE norm = ? LIMIT 1"
        for key in query_keys(name):
            if self._db.execute(q, (key,)).fetchone():
                return True
            hint = _parse_hint(key)
            if hint and self._db.execute(q, (hint[0],)).fetchone():
                return True
        # a romanization variant of a small place: "Zaitsevo", "Tsvetnye Peski"
        return (any(self._variant_rows([key], set()) for key in query_keys(name))
                or bool(self._roman_rows([*query_keys(name), *(
                    h[0] for h in map(_parse_hint, query_keys(name)) if h)]))
                or bool(self._clipped_adjective_rows(query_keys(name))))

    def _clipped_adjective_rows(self, keys: Iterable[str], *, suffix: str = "") -> list[tuple]:
        """(row, kind) of the districts whose adjective a one-word name is, clipped after
        its -sk: translations of Russian/Ukrainian front names drop the adjective's
        ending ("Krasnolymansk direction" is the Krasnolymanskyi district's, "Svativsk"
        the Svativskyi district's). Districts only: a clipped word names no village.
        ``suffix`` ("sk") is added first, for a name said to be a district and clipped
        before it ("Shakhtar district" of the Shakhtarskyi district)."""
        adjectives = [k + suffix + end for k in keys if " " not in k and len(k) >= 7 - len(suffix)
                      and (k + suffix).endswith("sk") for end in ("yi", "iy", "y")]
        if not adjectives:
            return []
        return [x for x in _rank(self._rows_any(adjectives), self._country_pop)
                if x[0][6] == "ADM2"]

    def named(self, name: str) -> frozenset[str]:
        """Ids of the entries that carry `name` itself, as their own or an alternate name:
        no spelling variant or romanization key."""
        return frozenset(r[1] for key in query_keys(name) for r, _ in self._rows(key))

    def aliased(self, name: str) -> frozenset[str]:
        """Ids of the entries that carry `name` as a curated alias (aliases.tsv, curated.tsv),
        or a romanization variant of one ("Krasnii Liman" of Krasny Liman): a name the
        place is known by as surely as its own ("Artemivsk" for Bakhmut)."""
        if name not in self._aliased:
            if len(self._aliased) > 50_000:
                self._aliased.clear()
            if self._alias_variants is None:
                self._alias_variants = {}
                q = ("SELECT n.norm, e.id, e.country_code FROM names n "
                     "JOIN entries e ON e.rowid = n.entry WHERE n.kind = ?")
                for norm, id, cc in self._db.execute(q, (KIND_ALIAS,)):
                    self._alias_variants.setdefault(norm, set()).add(id)
                    if cc in VARIANT_COUNTRIES and (key := variant_key(norm)):
                        self._alias_variants.setdefault(f"~{key}", set()).add(id)
            keys = [*query_keys(name)]
            keys += [f"~{k}" for k in map(variant_key, keys) if k]
            self._aliased[name] = frozenset(
                id for key in keys for id in self._alias_variants.get(key, ()))
        return self._aliased[name]

    def has_name(self, name: str) -> bool:
        """Whether any entry carries this name (after normalization, suffixes understood)."""
        return self._has(name)

    def fuzzy(self, name: str, *, country: str, limit: int = 10,
              cutoff: float = 88.0) -> list[Candidate]:
        """Populated places of `country` whose name is a spelling variant of `name`.

        For names no exact lookup finds: Russian- and Ukrainian-style romanizations of the
        same village ("Gorbatenko"/"Horbatenko", "Novokaterinovka"/"Novokaterynivka") are
        compared on a transliteration-neutral key with rapidfuzz. Best matches first.
        Every namesake of the closest spelling is kept, even beyond `limit`: a common
        village name ("Pesky" for Pisky, 40 villages) must not lose the one the article
        means to the `limit` most populous, since context, not size, tells them apart.
        """
        from rapidfuzz import fuzz, process

        keys, rowids = self._town_index(country.upper(), 0, translit_key)
        if not keys:
            return []
        found = process.extract(translit_key(name), keys, scorer=fuzz.ratio,
                                score_cutoff=cutoff, limit=limit)
        seen: dict[int, float] = {}
        for _, score, i in found:
            for rowid in rowids[i]:
                seen.setdefault(rowid, -score)
        best = min(seen.values(), default=0.0)
        closest = sum(1 for cost in seen.values() if cost == best)
        return self._best_rows(seen, max(limit, closest))

    def misspelt(self, name: str, *, country: str, min_population: int = TYPO_MIN_POPULATION,
                 limit: int = 3) -> list[Candidate]:
        """Towns of `country` whose name is `name` with a typing slip: one letter missed,
        added, changed or two neighbours swapped ("Luhanks", "Volnovaha"), two slips, one
        of them a swap, in names of 8+ letters ("Iloviaks" for Ilovaisk); fewest first.

        Only towns of `min_population` or more: their names are the ones reporters type
        in a hurry, and a slip away from some hamlet's name is as likely another word.
        """
        from rapidfuzz import process
        from rapidfuzz.distance import OSA, Levenshtein

        # letters as written, not folded: folding turns one slip into two ("Shachastia")
        key = normalize_name(name).replace(" ", "")
        if len(key) < TYPO_MIN_LETTERS or not _foreign_name(normalize_name(name)):
            return []  # "Ukrainian" is no slip for Ukrainka
        keys, rowids = self._town_index(country.upper(), min_population, _unspaced)
        slips = 1 if len(key) < 8 else 2
        found = process.extract(key, keys, scorer=OSA.distance, score_cutoff=slips,
                                limit=limit)
        slip: dict[int, float] = {}
        for other, d, i in found:
            if d > 1 and Levenshtein.distance(key, other) == d:
                continue  # two slips only when one is a swap: two changed letters are
                # as often another name ("Stanytsia"/"Sosnytsia")
            for r in rowids[i]:
                slip.setdefault(r, d)
        return self._best_rows(slip, limit)

    def _best_rows(self, cost: dict[int, float], limit: int) -> list[Candidate]:
        """The entries of these rowids, cheapest first, then most populous."""
        rows = [self._db.execute(f"{_SELECT} FROM entries e WHERE e.rowid = ?", (r,)).fetchone()
                for r in cost]
        ranked = sorted((r for r in rows if r), key=lambda r: (cost[r[0]], -r[10]))
        return [_candidate(r) for r in ranked[:limit]]

    def _town_index(self, country: str, min_population: int, key: Callable[[str], str]
                    ) -> tuple[list[str], list[list[int]]]:
        """Populated places of `country` with `min_population` or more, grouped by
        key(normalized name): (keys, rowids of each key), built once per arguments."""
        cache_key = f"{country}:{min_population}:{key.__name__}"
        if cache_key not in self._fuzzy_cache:
            by_key: dict[str, list[int]] = {}
            q = ("SELECT n.norm, n.entry FROM names n JOIN entries e ON e.rowid = n.entry "
                 "WHERE e.country_code = ? AND e.feature_class = 'P' AND e.population >= ?")
            for norm, entry in self._db.execute(q, (country, min_population)):
                by_key.setdefault(key(norm), []).append(entry)
            self._fuzzy_cache[cache_key] = (list(by_key), list(by_key.values()))
        return self._fuzzy_cache[cache_key]

    def get(self, id: str) -> Candidate | None:
        """The entry with this id ("gn:703448", "cur:donbas", …), None when absent."""
        r = self._db.execute(f"{_SELECT} FROM entries e WHERE e.id = ?", (id,)).fetchone()
        return _candidate(r) if r else None

    def admin2_code(self, id: str) -> str:
        """The district the entry's source files it under, "" when unknown: GeoNames'
        admin-2 code ("UA.05.1404", a raion since 2020) for its places and raions, and for
        a Ukrainian village and the pre-2020 raions the raion entry's id ("gb:…", from Who's
        On First's raion tag; a raion's code is its own id)."""
        r = self._db.execute("SELECT admin2_code FROM entries WHERE id = ?", (id,)).fetchone()
        return r[0] if r else ""

    def geometry(self, id: str) -> dict | None:
        """GeoJSON geometry dict (lon/lat order) of a polygon or line entry, None if none."""
        r = self._db.execute("SELECT g.data FROM geometries g JOIN entries e ON e.rowid = "
                             "g.entry WHERE e.id = ?", (id,)).fetchone()
        return json.loads(zlib.decompress(r[0])) if r else None

    def contains(self, id: str, lat: float, lon: float, *,
                 margin_km: float = 0.0) -> bool | None:
        """Whether the polygon of entry `id` holds (lat, lon), or lies within `margin_km` of
        it; None when it has no polygon."""
        polygon = self._polygon(id)
        if polygon is None:
            return None
        from shapely import Point

        point = Point(lon, lat)
        if polygon.covers(point):
            return True
        if margin_km <= 0:
            return False
        from shapely.ops import nearest_points

        _, on_edge = nearest_points(point, polygon.boundary)
        return great_circle((lat, lon), (on_edge.y, on_edge.x)).km <= margin_km

    def fuzzy_within(self, name: str, region_id: str, *, limit: int = 5,
                     cutoff: float = 85.0) -> list[Candidate]:
        """Populated places inside the polygon of entry `region_id` whose name is a spelling
        variant of `name` (rapidfuzz on translit_key and variant_key), best first; [] without
        a polygon.

        For a village named with its district under a spelling no key joins ("Chumak
        village, Starobeshivskyi district" for Chumaky): the district narrows the search
        enough for a looser cutoff than fuzzy()'s.
        """
        polygon = self._polygon(region_id)
        key = translit_key(name)
        # Russian -ovo/-oye against Ukrainian -iv/-e ("Orekhovo"/"Orikhiv"): variant_key
        # unifies the endings translit_key leaves apart
        vkey = variant_key(name)
        if polygon is None or not key:
            return []
        from rapidfuzz import fuzz
        from shapely import Point

        minx, miny, maxx, maxy = polygon.bounds
        scored = []
        for r in self._db.execute(
                f"{_SELECT} FROM entries e WHERE e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? "
                "AND ? AND e.feature_class = 'P'", (miny, maxy, minx, maxx)):
            score = max(fuzz.ratio(key, translit_key(r[2])),
                        fuzz.ratio(vkey, variant_key(r[2])) if vkey else 0.0)
            if score >= cutoff and polygon.covers(Point(r[4], r[3])):
                scored.append((-score, -r[10], r[1], r))
        scored.sort()
        return [_candidate(x[-1]) for x in scored[:limit]]

    def area(self, id: str) -> float | None:
        """The area of entry `id`'s polygon in square degrees (to compare nested areas);
        None when it has no polygon."""
        polygon = self._polygon(id)
        return None if polygon is None else float(polygon.area)

    def _polygon(self, id: str) -> Any:
        if id not in self._polygons:
            geom = self.geometry(id)
            if geom is None or geom.get("type") not in ("Polygon", "MultiPolygon"):
                self._polygons[id] = None
            else:
                from shapely import prepare
                from shapely.geometry import shape

                g = shape(geom)
                prepare(g)
                self._polygons[id] = g
        return self._polygons[id]

    def nearest(self, lat: float, lon: float, *, feature_class: str | None = "P",
                max_km: float = 50.0, limit: int = 5) -> list[tuple[Candidate, float]]:
        """Entries nearest to (lat, lon) within max_km, closest first, with distances in km.

        feature_class: only this class (default P, populated places); None for any.
        """
        from geopy.distance import great_circle

        dlat = max_km / 110.0
        dlon = min(180.0, max_km / (111.32 * max(0.01, math.cos(math.radians(lat)))))
        sql = (f"{_SELECT} FROM entries e WHERE e.lat BETWEEN ? AND ? "
               "AND e.lon BETWEEN ? AND ?")
        args: list[Any] = [lat - dlat, lat + dlat, lon - dlon, lon + dlon]
        if feature_class:
            sql += " AND e.feature_class = ?"
            args.append(feature_class.upper())
        found = []
        for r in self._db.execute(sql, args):
            d = great_circle((lat, lon), (r[3], r[4])).km
            if d <= max_km:
                found.append((d, -r[10], r[1], r))
        found.sort()
        return [(_candidate(r), round(d, 3)) for d, _, _, r in found[:limit]]

    def country_polygons(self) -> list[tuple[Candidate, Any]]:
        """Every country and dependent territory that has a polygon, with its shapely
        geometry, by id (one query; GEOS parses the GeoJSON, which is ~3x faster than
        shapely.geometry.shape on a dict)."""
        import shapely

        rows = self._db.execute(
            f"{_SELECT}, g.data FROM geometries g JOIN entries e ON e.rowid = g.entry "
            "WHERE e.feature_code LIKE 'PCL%' OR e.feature_code = 'TERR' ORDER BY e.id"
        ).fetchall()
        shapes = shapely.from_geojson([zlib.decompress(r[-1]).decode() for r in rows])
        return [(_candidate(r[:-1]), shp) for r, shp in zip(rows, shapes, strict=True)]

    def land_border_km(self, lat: float, lon: float, country: str) -> float | None:
        """Great-circle km from (lat, lon) to the nearest land border of `country` (its
        boundary shared with a neighbour's polygon, not its coast); None when the country
        has no polygon or no land border."""
        from geopy.distance import great_circle
        from shapely import Point
        from shapely.ops import nearest_points

        border = self._land_border(country.upper())
        if border is None:
            return None
        near = nearest_points(border, Point(lon, lat))[0]
        return great_circle((lat, lon), (near.y, near.x)).km

    def _land_border(self, country: str) -> Any:
        if self._borders is None:
            self._borders = {}
        if country not in self._borders:
            from shapely.ops import unary_union

            polys = self.country_polygons()
            own = [p for c, p in polys if c.country_code == country]
            border = None
            if own:
                shape = unary_union(own)
                zone = shape.buffer(LAND_BORDER_TOLERANCE_DEG)
                others = [p for c, p in polys if c.country_code != country
                          and p.intersects(zone)]
                if others:
                    border = shape.boundary.intersection(
                        unary_union(others).buffer(LAND_BORDER_TOLERANCE_DEG))
                    border = None if border.is_empty else border
            self._borders[country] = border
        return self._borders[country]

    def info(self) -> dict:
        """Store path, size, build date, sources and counts by feature class and country."""
        meta = dict(self._db.execute("SELECT key, value FROM meta"))
        by_country = dict(self._db.execute(
            "SELECT country_code, count(*) FROM entries GROUP BY country_code "
            "ORDER BY count(*) DESC LIMIT 20"))
        return {
            "path": str(self.path),
            "size_bytes": self.path.stat().st_size,
            "schema": int(meta.get("schema", 0)),
            "built_at": meta.get("built_at"),
            "build_seconds": float(meta.get("build_seconds", 0)),
            "sources": json.loads(meta.get("sources", "[]")),
            "extra_geonames": json.loads(meta.get("extra_geonames", "[]")),
            "counts": json.loads(meta.get("counts", "{}")),
            "top_countries": by_country,
        }

    def close(self) -> None:
        """Close the database connection."""
        self._db.close()

    def __getstate__(self) -> dict:
        # worker processes reopen the store by path (sqlite connections don't pickle)
        return {"path": str(self.path)}

    def __setstate__(self, state: dict) -> None:
        other = type(self)._connect(Path(state["path"]))
        self.__init__(other._db, other.path)  # type: ignore[misc]

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def remove_stale(home: Path, keep: Path) -> None:
    for p in home.glob("gazetteer-v*.sqlite"):
        if p != keep:
            try:
                p.unlink()
            except OSError:
                pass
