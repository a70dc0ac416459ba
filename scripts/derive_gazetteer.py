#!/usr/bin/env python3
"""Derive the compact gazetteer sources under gazetteer/ from ../shared/data.

Dev-time only: deterministic and rerunnable. The product never runs this; it builds its
SQLite store from the files written here (see geomap/gazetteer.py).

    python scripts/derive_gazetteer.py [--data ../shared/data] [--out gazetteer]

Writes (all UTF-8, gzip where big):
  geonames_cities500.txt.gz  cities500 in the 19-column GeoNames layout, alternate names
                             trimmed to Latin/Cyrillic/Greek scripts, unused columns blanked
  admin.tsv.gz               admin-1 and admin-2 areas worldwide with a representative point
  countries.tsv.gz           countries (countryInfo + Natural Earth 50m names, point in polygon)
  wof_ua.tsv.gz              Who's On First Ukraine localities
  ua_register.tsv.gz         Ukrainian State Register of physical features (DMS -> degrees)
  naturalearth.tsv.gz        Natural Earth rivers (segments merged by name) and lakes
  geoboundaries.tsv.gz       Ukraine pre-2020 raions (geoBoundaries ADM2)
  geometries.jsonl.gz        {"id", "geometry"} GeoJSON (lon/lat), simplified, 5 decimals;
                             curated rows' shapes from their geometry spec (union/intersect)
Reads the hand-written gazetteer/ua_admin1.tsv, curated.tsv, aliases.tsv and
display_names.tsv.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import shapely
from anyascii import anyascii
from rapidfuzz import fuzz
from shapely.geometry import mapping, shape
from shapely.ops import linemerge, nearest_points, unary_union
from translitua import translit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geomap.gazetteer import ENTRY_COLUMNS, keep_alt_name, normalize_name  # noqa: E402

SIMPLIFY = 0.005  # degrees; about 500 m, plenty for news maps
DECIMALS = 5

# Scripts news in English, Ukrainian and Russian use; other scripts are dropped to keep
# the store small (documented in ATTRIBUTION.md).

REGISTER_KINDS = {
    "річка": ("H", "STM"), "річка, що пересихає": ("H", "STMI"), "потік": ("H", "STM"),
    "струмок": ("H", "STM"), "ручай": ("H", "STM"), "потічок": ("H", "STM"),
    "пересихаючий водотік": ("H", "STMI"), "русло, що пересихає": ("H", "STMI"),
    "рукав": ("H", "STMD"), "протока": ("H", "CHN"), "єрик": ("H", "CHN"),
    "гирло": ("H", "STMM"), "витік річки": ("H", "STMH"), "стариця (старе русло)": ("H", "STMX"),
    "річище": ("H", "STMX"), "канава": ("H", "DTCH"), "рівчак": ("H", "DTCH"),
    "бакай": ("H", "PND"),
    "водосховище": ("H", "RSV"), "озеро": ("H", "LK"), "озеро, що пересихає": ("H", "LKI"),
    "солоне озеро": ("H", "LKN"), "озера": ("H", "LKS"), "лиман": ("H", "LGN"),
    "став": ("H", "PND"), "ставок": ("H", "PND"), "стави": ("H", "PNDS"), "ківш": ("H", "PND"),
    "затока": ("H", "BAY"), "бухта": ("H", "COVE"), "море": ("H", "SEA"), "банка": ("H", "BNK"),
    "водоспад": ("H", "FLLS"), "пороги": ("H", "RPDS"), "джерело": ("H", "SPNG"),
    "болото": ("H", "MRSH"),
    "балка": ("H", "RVN"), "мокра балка": ("H", "RVN"), "яр": ("H", "RVN"),
    "острів": ("T", "ISL"), "острови": ("T", "ISLS"), "півострів": ("T", "PEN"),
    "мис": ("T", "CAPE"), "коса": ("T", "SPIT"), "перешийок": ("T", "ISTH"),
    "гора": ("T", "MT"), "гори": ("T", "MTS"), "горб": ("T", "HLL"), "пагорб": ("T", "HLL"),
    "курган": ("T", "MND"), "хребет": ("T", "RDGE"), "пасмо": ("T", "RDGE"), "кряж": ("T", "RDGE"),
    "скеля": ("T", "CLF"), "скелі": ("T", "CLF"), "перевал": ("T", "PASS"), "вулкан": ("T", "VLC"),
    "печера": ("S", "CAVE"), "долина": ("T", "VAL"), "ущелина": ("T", "GRGE"),
    "каньйон": ("T", "CNYN"), "улоговина": ("T", "DPR"), "лощина": ("T", "VAL"),
    "височина": ("T", "UPLD"), "рівнина": ("T", "PLN"), "низовина": ("T", "LOW"),
    "плато": ("T", "PLAT"), "яйла": ("T", "PLAT"), "полонина": ("L", "GRAZ"),
    "гірський масив": ("T", "MTS"), "гірська система": ("T", "MTS"), "піски": ("T", "SAND"),
    "урочище": ("L", "LCTY"), "ліс": ("V", "FRST"),
    "історико-географічна область": ("L", "RGN"), "природна область": ("L", "RGN"),
}

# geoBoundaries and Natural Earth rivers need a stable slug; ids must not change between runs.
def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-")


def rnd(x: float) -> float:
    return round(float(x), DECIMALS)


def round_coords(obj):
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [rnd(v) for v in obj[:2]]
        return [round_coords(o) for o in obj]
    return obj


def geojson(geom) -> dict:
    g = geom.simplify(SIMPLIFY, preserve_topology=True)
    if g.is_empty:
        g = geom
    m = mapping(g)
    return {"type": m["type"], "coordinates": round_coords(m["coordinates"])}


def rep_point(geom) -> tuple[float, float]:
    """A point inside the polygon (the centroid when it is inside), or mid-line; (lat, lon)."""
    if geom.geom_type in ("MultiPolygon", "GeometryCollection"):
        parts = [g for g in getattr(geom, "geoms", []) if g.geom_type == "Polygon"]
        if parts:
            geom = max(parts, key=lambda g: g.area)
    if geom.geom_type == "Polygon":
        c = geom.centroid
        p = c if geom.contains(c) else geom.representative_point()
    else:
        # the point of the line nearest its centroid: mid-course, even when the merged
        # river is several disjoint pieces (the Dnieper lands near Kremenchuk)
        p = nearest_points(geom, geom.centroid)[0]
    return rnd(p.y), rnd(p.x)


def _stop_names() -> frozenset[str]:
    """English function words, months and weekdays: never useful as *alternate* names
    (GeoNames lists "May", "On", "We"… as variants of real towns)."""
    import calendar

    from spacy.lang.en.stop_words import STOP_WORDS

    words = set(STOP_WORDS) | {m.lower() for m in calendar.month_name[1:]}
    words |= {d.lower() for d in calendar.day_name}
    return frozenset(normalize_name(w) for w in words)


STOP_NAMES = _stop_names()


def keep_name(name: str, primary: str) -> bool:
    return keep_alt_name(name, primary) and (
        name == primary or normalize_name(name) not in STOP_NAMES)


_WOF_JUNK = re.compile(r"\b(raion|rayon|район|oblast|область|деление|district|selsovet)\b",
                       re.IGNORECASE)


def read_json_gz(path: Path) -> dict:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


class Writer:
    """Collects entries; writes a sorted, gzip-compressed TSV (mtime 0: reproducible)."""

    def __init__(self) -> None:
        self.rows: list[list[str]] = []

    def add(self, *, id: str, name: str, lat: float, lon: float, fclass: str, fcode: str,
            cc: str, admin1_code: str = "", admin2_code: str = "", population: int = 0,
            geonameid: int | str | None = None, source: str, names: Iterable[str] = ()) -> None:
        name = " ".join(name.split())
        seen: list[str] = []
        for n in names:
            n = " ".join(n.replace("|", " ").replace("\t", " ").split())
            if n and n != name and n not in seen:
                seen.append(n)
        self.rows.append([
            id, name, f"{rnd(lat)}", f"{rnd(lon)}", fclass, fcode, cc, admin1_code, admin2_code,
            str(int(population or 0)), str(geonameid or ""), source, "|".join(seen),
        ])

    def write(self, path: Path) -> int:
        self.rows.sort(key=lambda r: r[0])
        write_gz_lines(path, ["\t".join(ENTRY_COLUMNS)] + ["\t".join(r) for r in self.rows])
        return len(self.rows)


def write_gz_lines(path: Path, lines: Iterable[str]) -> None:
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0,
                                                filename="", compresslevel=9) as gz:
        for line in lines:
            gz.write((line + "\n").encode("utf-8"))


# --- GeoNames -------------------------------------------------------------------------

def read_cities(path: Path) -> Iterator[list[str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        for line in fh:
            yield line.rstrip("\n").split("\t")


# WOF's Ukrainian-name column sometimes holds a Russian spelling ("Петропавловка")
_UK_LETTERS = re.compile(r"[іїєґІЇЄҐ'’]")
_RU_SPELLING = re.compile(r"[ыэёъЫЭЁЪ]|(овка|евка|ое|ая|ый|ье)\b")


def ua_official_names(data: Path) -> dict[str, str]:
    """geonameid -> national (KMU 2010) romanization of the Ukrainian name, from WOF."""
    names = {}
    with gzip.open(data / "wof/wof_ua_localities_dedup.csv.gz", "rt", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            uk = r["name_ukr_cyr"]
            if r["geonames_id"] and uk and not _WOF_JUNK.search(uk) and (
                    _UK_LETTERS.search(uk) or not _RU_SPELLING.search(uk)):
                names[r["geonames_id"]] = ua_translit(uk)
    return names


def derive_cities(data: Path, out: Path) -> list[list[str]]:
    rows = []
    lines = []
    official = ua_official_names(data)
    for r in read_cities(data / "geonames/cities500.txt.gz"):
        alts = [a for a in r[3].split(",") if keep_name(a, r[1])]
        r2 = list(r)
        kmu = official.get(r[0]) if r[8] == "UA" else None
        # Ukrainian places under the current official spelling ("Zaporizhzhia", not
        # "Zaporizhzhya"), only when it is a spelling variant: WOF sometimes links a
        # geonameid to another or an older name (Kypuche for Bakhmut, Kirovohrad).
        if kmu and kmu != r[1] and fuzz.ratio(normalize_name(kmu), normalize_name(r[1])) >= 80:
            alts.insert(0, r[1])
            r2[1], r2[2] = kmu, anyascii(kmu)
        r2[3] = ",".join(dict.fromkeys(alts))
        for i in (9, 12, 13, 15, 16, 17, 18):  # cc2, admin3/4, elevation, dem, tz, moddate
            r2[i] = ""
        rows.append(r)
        lines.append("\t".join(r2))
    lines.sort(key=lambda s: int(s.split("\t", 1)[0]))
    write_gz_lines(out / "geonames_cities500.txt.gz", lines)
    return rows


def central_place(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The (lat, lon) among points nearest the centre of their bounding box."""
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    if max(lons) - min(lons) > 180:  # spans the antimeridian: shift to 0..360
        lons = [x % 360 for x in lons]
    mid = ((min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2)
    i = min(range(len(points)), key=lambda k: (lats[k] - mid[0]) ** 2 + (lons[k] - mid[1]) ** 2)
    return points[i]


# GeoNames files some provinces under their official title ("Province of Pangasinan",
# "Provincia di Siracusa", "County of Osijek-Baranja"); news write the bare name. The
# smaller units titled so ("Departamento de San Martín", "Municipio de ...") are left out:
# their bare names are mostly towns' and saints' names, and news rarely mean the unit.
_PROVINCE_TITLE = re.compile(
    r"^(?:Province|Provincia|Província|County|Region) (?:of|de|di|du|de la|del) (.+)$")


def admin_names(name: str, ascii_name: str) -> list[str]:
    """An admin area's names, its bare name added when GeoNames gives its title."""
    names = [name, ascii_name]
    names += [m.group(1) for n in (name, ascii_name) if (m := _PROVINCE_TITLE.match(n))]
    return list(dict.fromkeys(names))


def derive_admin(data: Path, out: Path, cities: list[list[str]], ua: list[dict[str, str]],
                 geoms: dict[str, dict]) -> Writer:
    w = Writer()
    # Admin-1 without a polygon: the place of the area nearest the centre of the box around
    # all its places. A seat at the edge of a big region (Brisbane for Queensland, Winnipeg
    # for Manitoba) misplaces the region by hundreds of km; this point is still a real place
    # inside the area. On the GeoWebNews + TR-News gold, admin-1 mentions within 161 km: 370
    # of 427 with this point, 186 with the seat. Admin-2 (small): PPLA2 seat, else the most
    # populous place.
    places1: dict[str, list[tuple[float, float]]] = defaultdict(list)
    best2: dict[str, tuple] = {}
    for r in cities:
        cc, a1, a2, code = r[8], r[10], r[11], r[7]
        pop = int(r[14] or 0)
        lat, lon = float(r[4]), float(r[5])
        places1[f"{cc}.{a1}"].append((lat, lon))
        if a2:
            k2 = f"{cc}.{a1}.{a2}"
            score2 = (code == "PPLA2", pop)
            if k2 not in best2 or score2 > best2[k2][0]:
                best2[k2] = (score2, lat, lon)

    ua_by_code = {u["code"]: u for u in ua}
    gb1 = {f["properties"]["shapeISO"]: shape(f["geometry"]) for f in read_json_gz(
        data / "boundaries/geoBoundaries-UKR-ADM1.geojson.gz")["features"]}

    with open(data / "geonames/admin1CodesASCII.txt", encoding="utf-8") as fh:
        for line in fh:
            code, name, ascii_name, gid = line.rstrip("\n").split("\t")
            cc = code.split(".")[0]
            names = admin_names(name, ascii_name)
            display = name
            u = ua_by_code.get(code)
            if u:
                display = u["name"]
                names += [name, u["name_uk"]] + u["names"].split("|")
                names.append(anyascii(u["name_uk"]))
                poly = gb1[u["iso"]]
                lat, lon = rep_point(poly)
                geoms[f"gn:{gid}"] = geojson(poly)
            elif code in places1:
                lat, lon = central_place(places1[code])
            else:
                continue
            w.add(id=f"gn:{gid}", name=display, lat=lat, lon=lon, fclass="A", fcode="ADM1",
                  cc=cc, admin1_code=code, geonameid=gid, source="geonames", names=names)

    with open(data / "geonames/admin2Codes.txt", encoding="utf-8") as fh:
        for line in fh:
            code, name, ascii_name, gid = line.rstrip("\n").split("\t")
            if code not in best2 or code.startswith("UA."):
                continue  # Ukraine's raions: derive_new_raions
            cc, a1 = code.split(".")[:2]
            _, lat, lon = best2[code]
            w.add(id=f"gn:{gid}", name=name, lat=lat, lon=lon, fclass="A", fcode="ADM2", cc=cc,
                  admin1_code=f"{cc}.{a1}", admin2_code=code, geonameid=gid, source="geonames",
                  names=admin_names(ascii_name, ascii_name))
    return w


_VOWEL_END = re.compile(r"(?:[aeiouy]|['’])+$", re.IGNORECASE)


def raion_adjective(name: str) -> str:
    """The adjective English reports use for a raion named after its seat, Russian- or
    Ukrainian-style: "Yasinovataya" -> "Yasinovatskiy", "Marinka" -> "Marinskiy",
    "Shakhtersk" -> "Shakhterskiy", "Izyum" -> "Izyumskiy"; "" for multi-word names.
    variant_key() then joins -skiy/-skyi/-sky spellings."""
    name = name.strip().replace("'", "").replace("’", "")
    if " " in name or len(name) < 4:
        return ""
    base = name[:-2] if name.endswith("ka") else _VOWEL_END.sub("", name)
    return base + ("iy" if base.endswith("sk") else "skiy")


def _seat_names(polygon, stem: str, towns: list[tuple[shapely.Point, list[str]]],
                tree: shapely.STRtree) -> list[str]:
    """Every name of the town the raion is named after (the one inside its polygon that
    carries the raion's name): old names (Krasnodon for Sorokyne), Russian spellings."""
    out: list[str] = []
    for i in tree.query(polygon, predicate="contains"):
        names = towns[i][1]
        if any(normalize_name(n) == stem for n in names):
            out += names
    return list(dict.fromkeys(out))


def derive_raions(data: Path, ua: list[dict[str, str]], geoms: dict[str, dict],
                  cities: list[list[str]]) -> tuple[Writer, dict[tuple[str, str], str]]:
    """Ukraine's pre-2020 raions (geoBoundaries ADM2), placed in their oblast by point,
    and the raion entry each Who's On First raion tag names within its oblast (a tag at home
    in one polygon).
    Each raion's admin2_code is its own id: the villages tagged with it carry that code
    (derive_wof), which places a village in its raion where the generalised polygon's edge
    cuts it off.

    Names: the geoBoundaries name, the adjectival names Who's On First tags the raion's
    villages with (also old ones: "Artemivskyi" for Bakhmut Raion), and the names of the
    seat town with their adjectives (Russian "Yasinovatskiy" for Yasynuvata Raion). Raions
    Who's On First names but geoBoundaries lacks get a point entry at their villages' median.
    """
    w = Writer()
    by_iso = {u["iso"]: u["code"] for u in ua}
    gb1 = [(by_iso[f["properties"]["shapeISO"]], shape(f["geometry"])) for f in read_json_gz(
        data / "boundaries/geoBoundaries-UKR-ADM1_simplified.geojson.gz")["features"]]
    feats = read_json_gz(data / "boundaries/geoBoundaries-UKR-ADM2.geojson.gz")["features"]
    # Ukrainian sources name raions adjectivally ("Bilozerskyi raion"); WOF tags each
    # locality with that name: a tag whose villages lie mostly in one polygon names it.
    # A tag is read within its oblast: a dozen name two raions ("Volodarskyi" in Donetsk
    # and Kyiv oblasts).
    wof_pts: list[shapely.Point] = []
    wof_raion: list[tuple[str, str]] = []
    towns: list[tuple[shapely.Point, list[str]]] = []
    wof_rows = []
    with gzip.open(data / "wof/wof_ua_localities_dedup.csv.gz", "rt", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            pt = shapely.Point(float(r["lon"]), float(r["lat"]))
            names = [n for n in (r["name"], r["name_latin_translit"], r["name_eng"])
                     if n and not _WOF_JUNK.search(n)]
            names += [anyascii(n) for n in (r["name_ukr_cyr"], r["name_rus"])
                      if n and not _WOF_JUNK.search(n)]
            towns.append((pt, names))
            if r["raion"]:
                wof_pts.append(pt)
                wof_raion.append((r["oblast"], r["raion"]))
                wof_rows.append(r)
    for c in cities:
        if c[8] == "UA":
            alts = [a for a in c[3].split(",") if a and keep_name(a, c[1]) and is_latin(a)]
            towns.append((shapely.Point(float(c[5]), float(c[4])), [c[1], c[2], *alts]))
    tree = shapely.STRtree(wof_pts)
    town_tree = shapely.STRtree([t[0] for t in towns])
    named = [(f, shape(f["geometry"])) for f in feats
             if f["properties"].get("shapeName") and f["geometry"]]  # one unnamed feature
    key_total = Counter(wof_raion)
    tag_total = Counter(t for _, t in wof_raion)
    tag_home: dict[int, list[str]] = defaultdict(list)
    key_home: dict[int, list[tuple[str, str]]] = defaultdict(list)
    placed: set[str] = set()
    for k, (f, g) in enumerate(named):
        stem = normalize_name(f["properties"]["shapeName"])[:4]
        for key, n in Counter(wof_raion[i] for i in tree.query(g, predicate="contains")).items():
            tag = key[1]
            # the raion's own adjective, or an old name most of whose villages lie here
            if n >= 3 and (normalize_name(tag)[:4] == stem or (
                    tag.endswith("yi") and n >= 0.5 * key_total[key])):
                if tag not in tag_home[k]:
                    tag_home[k].append(tag)
                key_home[k].append(key)
                placed.add(tag)
    homes = Counter(key for keys in key_home.values() for key in keys)
    tag_ids = {key: f"gb:{named[k][0]['properties']['shapeID']}"
               for k, keys in key_home.items() for key in keys if homes[key] == 1}
    for k, (f, g) in enumerate(named):
        p = f["properties"]
        lat, lon = rep_point(g)
        pt = shapely.Point(lon, lat)
        a1 = next((c for c, poly in gb1 if poly.contains(pt)), "")
        name = p["shapeName"]
        rid = f"gb:{p['shapeID']}"
        geoms[rid] = geojson(g)
        # Latin names as a reader writes them (no "ke la si nuo dun" from other languages)
        seat = [n for n in _seat_names(g, normalize_name(name), towns, town_tree)
                if is_latin(n) and n[:1].isupper() and " " not in n]
        adj = sorted(tag_home[k], key=lambda t: -tag_total[t])
        names = [name, f"{name} District", *adj, *(f"{t} raion" for t in adj), *seat,
                 *(raion_adjective(n) for n in seat)]
        w.add(id=rid, name=f"{name} Raion", lat=lat, lon=lon, fclass="A", fcode="ADM2", cc="UA",
              admin1_code=a1, admin2_code=rid, source="geoboundaries",
              names=[n for n in names if n])
    # masculine tags (raions, not "-ska" city councils) that no polygon took and that are
    # no post-2020 raion (GeoNames admin-2) either: a point entry
    with open(data / "geonames/admin2Codes.txt", encoding="utf-8") as fh:
        post2020 = {normalize_name(line.split("	")[1]) for line in fh if line.startswith("UA.")}
    by_wof = {u["wof"]: u["code"] for u in ua if u["wof"]}
    by_uk = {u["name_uk"].lower(): u["code"] for u in ua}
    for tag, n in sorted(tag_total.items()):
        if (tag in placed or n < 10 or not tag.endswith("yi")
                or normalize_name(f"{tag} raion") in post2020):
            continue
        rows = [r for r in wof_rows if r["raion"] == tag]
        lats = sorted(float(r["lat"]) for r in rows)
        lons = sorted(float(r["lon"]) for r in rows)
        a1s = Counter(by_wof.get(r["oblast"]) or by_uk.get(r["oblast_ukr"].lower(), "")
                      for r in rows).most_common(1)
        stem = normalize_name(tag)[:4]
        seat = max((r for r in rows if normalize_name(r["name"])[:4] == stem
                    and not _WOF_JUNK.search(r["name"])),
                   key=lambda r: int(float(r["population"] or 0)), default=None)
        seat_names = [n for n in (seat["name"], seat["name_latin_translit"], seat["name_eng"],
                                  anyascii(seat["name_rus"] or ""))
                      if n and is_latin(n) and not _WOF_JUNK.search(n)] if seat else []
        noun = seat_names[0] if seat_names else tag
        names = [tag, f"{tag} raion", *seat_names, *(raion_adjective(s) for s in seat_names)]
        rid = f"wof:raion-{slug(tag)}"
        tag_ids.update({(r["oblast"], tag): rid for r in rows})
        w.add(id=rid, name=f"{noun} Raion",
              lat=lats[len(lats) // 2], lon=lons[len(lons) // 2], fclass="A", fcode="ADM2",
              cc="UA", admin1_code=a1s[0][0] if a1s else "", admin2_code=rid,
              source="wof", names=[x for x in names if x])
    return w, tag_ids


_GN_RAION = re.compile(r"\s+(?:raion|rayon)$", re.IGNORECASE)
# GeoNames files a few new raions under the seat's city council or city district
_GN_COUNCIL = re.compile(r"\b(?:mis'?ka ?rada|miskrada|city council)$|^gorodskoy okrug\b",
                         re.IGNORECASE)


def new_raion_parts(polygon, towns: list[tuple[shapely.Point, str]],
                    tree: shapely.STRtree) -> dict[str, object]:
    """An old raion polygon cut up by the post-2020 raion (GeoNames admin-2 code) of the
    towns inside it: each town's Voronoi cell, clipped to the polygon, goes to that town's
    raion. The 2020 reform merged most old raions whole (one piece), but split others
    between two or three new raions, community by community (Kyiv-Sviatoshyn went to Bucha,
    Fastiv and Obukhiv raions); the nearest town is the best sign of which community a stretch
    of land belongs to. A polygon that holds no town goes whole to the raion of the nearest."""
    inside = list(tree.query(polygon, predicate="contains"))
    codes = {towns[i][1] for i in inside}
    if not codes:
        return {towns[int(tree.nearest(polygon.representative_point()))][1]: polygon}
    if len(codes) == 1:
        return {codes.pop(): polygon}
    cells = shapely.voronoi_polygons(shapely.MultiPoint([towns[i][0] for i in inside]),
                                     extend_to=polygon)
    pieces: dict[str, list] = defaultdict(list)
    for cell in getattr(cells, "geoms", [cells]):
        # the cell's own town (towns sharing a point share a cell: the first code wins)
        owners = sorted(towns[i][1] for i in inside if cell.intersects(towns[i][0]))
        piece = cell.intersection(polygon)
        if owners and not piece.is_empty:
            pieces[owners[0]].append(piece)
    return {code: unary_union(p) for code, p in sorted(pieces.items())}


def _town_names(c: list[str]) -> list[str]:
    return [c[1], c[2]] + [a for a in c[3].split(",") if a and keep_name(a, c[1])
                           and is_latin(a) and " " not in a and a[:1].isupper()]


# Ukrainian law's least population of a city (misto) of raion significance: the seats of
# the 2020 raions are such cities or towns GeoNames marks as seats (PPLA2); a village that
# shares the stem is no seat ("Dnistrivka" for Dnistrovskyi Raion, named after the Dniester,
# whose seat is Kelmentsi).
CITY_POPULATION = 10_000


def _could_be_seat(c: list[str]) -> bool:
    return c[7] in ("PPLC", "PPLA", "PPLA2") or int(c[14] or 0) >= CITY_POPULATION


def _raion_seat(stem: str, code: str, cities: list[list[str]]) -> list[str] | None:
    """The town a raion is named after: one of that name in the raion, else in its
    oblast (a city of oblast significance may carry no admin-2 code); the seat (PPLA2)
    or most populous first. None when no seat or city carries the name: the raion is
    named after a river or region, not a town."""
    a1, a2 = code.split(".")[1:]
    # adjectives cut the stem short ("Dubenska": Dubno, "Sumskyi": Sumy): three letters
    # within the raion, four within the oblast
    for same_raion, k in ((True, 3), (False, 4)):
        hits = [c for c in cities if c[8] == "UA" and c[10] == a1 and _could_be_seat(c)
                and (c[11] == a2 or not same_raion)
                and any(normalize_name(n)[:k] == stem[:k] for n in _town_names(c))]
        if hits:
            return max(hits, key=lambda c: (c[7] in ("PPLA", "PPLA2"), int(c[14] or 0)))
    return None


def derive_new_raions(data: Path, cities: list[list[str]], geoms: dict[str, dict],
                      w: Writer) -> int:
    """Ukraine's 136 raions since the 2020 reform (GeoNames admin-2), drawn as the union
    of the pieces of the pre-2020 raion polygons (geoBoundaries ADM2) nearest their towns
    (cities500, which carries the new admin-2 codes; see new_raion_parts); the point is
    the seat town, or a point inside the shape for a raion named after no town.

    GeoNames files some under the seat's city council ("Iziumska Miskrada") or an
    adjective ("Kramatorskyi Raion"): reports write "Izium raion", "Kramatorsk district",
    "Izyumsky district", so the entry is named after the town it is named after and
    carries that town's names and their adjectives, as the old raions do.
    """
    ua = [c for c in cities if c[8] == "UA"]
    with open(data / "geonames/admin2Codes.txt", encoding="utf-8") as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh if line.startswith("UA.")]
    known = {r[0] for r in rows}
    towns = [(shapely.Point(float(c[5]), float(c[4])), f"UA.{c[10]}.{c[11]}") for c in ua
             if f"UA.{c[10]}.{c[11]}" in known]
    tree = shapely.STRtree([t[0] for t in towns])
    parts: dict[str, list] = defaultdict(list)
    # the named raions; the one unnamed feature is a stray blob over several oblasts
    old = [shape(f["geometry"]).buffer(0) for f in read_json_gz(
        data / "boundaries/geoBoundaries-UKR-ADM2.geojson.gz")["features"]
        if f["geometry"] and f["properties"].get("shapeName")]
    # what no old raion covers (cities of oblast significance, a few missing raions):
    # each piece of an oblast left over is cut up among its towns' raions as well
    covered = unary_union(old)
    for f in read_json_gz(data / "boundaries/geoBoundaries-UKR-ADM1.geojson.gz")["features"]:
        rest = shape(f["geometry"]).buffer(0).difference(covered)
        for piece in getattr(rest, "geoms", [rest]):
            if piece.geom_type == "Polygon" and tree.query(piece, predicate="contains").size:
                old.append(piece)
    for g in old:
        for code, piece in new_raion_parts(g, towns, tree).items():
            parts[code].append(piece)
    for code, name, ascii_name, gid in rows:
        council = bool(_GN_COUNCIL.search(ascii_name))
        bare = " ".join(_GN_COUNCIL.sub("", _GN_RAION.sub("", ascii_name)).split())
        seat = _raion_seat(normalize_name(bare)[:4], code, ua)
        seat_names = _town_names(seat) if seat else []
        noun = seat[1] if seat else bare
        names = [] if council else [name, ascii_name]
        # never the bare town name: "of Donetsk", "Kramatorsk" alone mean the city (the
        # old raions' bare names rank below their towns, but a 2020 raion holds its
        # namesake city and would take "X district of Donetsk" as its container); the
        # adjectives of its names, as the old raions carry them ("Izyumsky district")
        seat_names = list(dict.fromkeys([noun, *seat_names]))
        names += [f"{n} {word}" for n in seat_names for word in ("District", "Raion", "Rayon")]
        # of spelling variants only: an old name's adjective ("Aleksandrovskiy" for
        # Zaporizhzhia) is some village's name
        names += [raion_adjective(n) for n in seat_names
                  if fuzz.ratio(normalize_name(n), normalize_name(noun)) >= 70]
        geom = unary_union(parts[code]) if parts.get(code) else None
        # the admin centre, where reports of the raion are coded ("the Nikopol district"
        # shelled: Nikopol)
        if seat:
            lat, lon = float(seat[4]), float(seat[5])
        elif geom is not None:
            lat, lon = rep_point(geom)
        else:
            continue
        if geom is not None:
            geoms[f"gn:{gid}"] = geojson(geom)
        w.add(id=f"gn:{gid}", name=f"{noun} Raion", lat=lat, lon=lon, fclass="A", fcode="ADM2",
              cc="UA", admin1_code=code.rsplit(".", 1)[0], admin2_code=code, geonameid=gid,
              source="geonames+geoboundaries", names=[x for x in names if x])
    return len(rows)


def read_country_points() -> dict[str, tuple[float, float]]:
    """Conventional country centres (gazetteer/country_points.tsv), see its header."""
    path = ROOT / "gazetteer" / "country_points.tsv"
    if not path.exists():
        return {}
    out = {}
    with open(path, encoding="utf-8") as fh:
        rows = csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")
        for r in rows:
            out[r["country_code"]] = (float(r["lat"]), float(r["lon"]))
    return out


def country_point(geom, conventional: tuple[float, float] | None) -> tuple[float, float]:
    """A country's point: halfway between its largest polygon's centroid and the Factbook's
    conventional centre, when that lies inside the country; else the centroid.

    Geocoders disagree on where a country "is": GeoNames uses the Factbook's value for
    some countries (Russia 60N 100E) and the centroid for others (the contiguous US). The
    midpoint is within ~150 km of both readings for most large countries. An archipelago
    whose largest island holds under half its land (Indonesia, the Philippines) is not
    stood for by that island: it takes the conventional centre, which sits among its islands.
    """
    lat, lon = rep_point(geom)
    if conventional is None:
        return lat, lon
    parts = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type == "Polygon"]
    if parts and max(g.area for g in parts) < 0.5 * geom.area:
        return conventional
    mid = ((lat + conventional[0]) / 2, (lon + conventional[1]) / 2)
    if geom.contains(shapely.Point(mid[1], mid[0])):
        return round(mid[0], 5), round(mid[1], 5)
    return lat, lon


def derive_countries(data: Path, cities: list[list[str]], geoms: dict[str, dict]) -> Writer:
    w = Writer()
    iso3: dict[str, str] = {}
    with open(data / "geonames/countryInfo.txt", encoding="utf-8") as fh:
        for line in fh:
            c = line.split("\t")
            if not line.startswith("#") and len(c) > 2:
                iso3[c[1]] = c[0]
    ne: dict[str, list] = defaultdict(list)
    for f in read_json_gz(data / "naturalearth/ne_50m_admin_0_countries.geojson.gz")["features"]:
        p = f["properties"]
        iso = p.get("ISO_A2")
        if not iso or iso == "-99":  # France, Norway, Kosovo… carry -99 in NE
            iso = next((iso3[p[k]] for k in ("ISO_A3_EH", "ADM0_A3", "GU_A3", "SU_A3")
                        if p.get(k) in iso3), None)
        if iso:
            ne[iso].append(f)
    capitals = {r[8]: (float(r[4]), float(r[5])) for r in cities if r[7] == "PPLC"}
    centres = read_country_points()
    with open(data / "geonames/countryInfo.txt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            c = line.rstrip("\n").split("\t")
            if len(c) < 17:
                continue
            iso, name, pop, gid = c[0], c[4], int(c[7] or 0), c[16]
            if not gid:
                continue
            names = [name]
            if iso in ne:
                geom = unary_union([shape(f["geometry"]) for f in ne[iso]])
                for f in ne[iso]:
                    p = f["properties"]
                    names += [p.get(k) or "" for k in ("NAME", "NAME_LONG", "ADMIN", "FORMAL_EN",
                                                      "NAME_SORT", "BRK_NAME", "GEOUNIT")]
                lat, lon = country_point(geom, centres.get(iso))
                geoms[f"gn:{gid}"] = geojson(geom)
            elif iso in capitals:
                lat, lon = capitals[iso]
            else:
                continue
            if name.startswith("The "):
                names.append(name[4:])
            w.add(id=f"gn:{gid}", name=name, lat=lat, lon=lon, fclass="A", fcode="PCLI", cc=iso,
                  population=pop, geonameid=gid, source="geonames+naturalearth",
                  names=[n for n in names if n and not n.startswith("-")])
    return w


# --- Who's On First -------------------------------------------------------------------

def is_latin(s: str) -> bool:
    return bool(s) and anyascii(s) == s or bool(re.fullmatch(r"[\u0020-\u024F\u2019]+", s))


def ua_translit(text: str) -> str:
    """Ukrainian national (KMU 2010) romanization, apostrophes dropped."""
    return translit(text).replace("'", "").replace("’", "")


def derive_wof(data: Path, ua: list[dict[str, str]], cities: list[list[str]],
               raion_ids: dict[tuple[str, str], str]) -> Writer:
    """Who's On First's Ukrainian localities; admin2_code: the entry of the pre-2020 raion
    its raion tag names (derive_raions), "" when the tag names none."""
    w = Writer()
    # WOF copies a city's population onto far-away villages of the same name
    # (a Mykolaiv in Lviv Oblast with 498,748 people): keep it only near a real namesake.
    big: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for c in cities:
        if c[8] == "UA" and int(c[14] or 0) >= 5000:
            big[normalize_name(c[1])].append((float(c[4]), float(c[5]), int(c[14])))
    by_wof = {u["wof"]: u["code"] for u in ua if u["wof"]}
    by_uk = {u["name_uk"].lower(): u["code"] for u in ua}
    path = data / "wof/wof_ua_localities_dedup.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            names = [r["name"], r["name_latin_translit"], r["name_eng"], r["name_ukr_cyr"],
                     r["name_rus"]]
            if any(_WOF_JUNK.search(n) for n in names[1:]):
                # a raion label in the name fields: the other names came from the same bad
                # link (Сіверськ listed as "Bakhmut"); trust only the WOF name itself
                names = names[:1]
            names = [n for n in names if n and len(n) < 60 and not _WOF_JUNK.search(n)]
            if not names:
                continue
            pop = int(float(r["population"] or 0))
            lat, lon = float(r["lat"]), float(r["lon"])
            if pop >= 5000:
                same = [b for n in names for b in big.get(normalize_name(n), [])
                        if abs(b[2] - pop) <= pop * 0.25]
                if same and all(abs(b[0] - lat) + abs(b[1] - lon) > 0.2 for b in same):
                    pop = 0
            display = next((n for n in names if is_latin(n)), None) or ua_translit(names[0])
            if display != names[0] and display not in names:
                names.append(display)
            a1 = by_wof.get(r["oblast"]) or by_uk.get(r["oblast_ukr"].lower(), "")
            w.add(id=f"wof:{r['wof_id']}", name=display, lat=lat, lon=lon,
                  fclass="P", fcode="PPL", cc="UA", admin1_code=a1,
                  admin2_code=raion_ids.get((r["oblast"], r["raion"]), ""), population=pop,
                  geonameid=r["geonames_id"] or None, source="wof", names=names)
    return w


# --- Ukrainian State Register ---------------------------------------------------------

_DMS = re.compile(r"([NSEW])\s*(\d+(?:[.,]\d+)?)\s*°\s*(?:(\d+(?:[.,]\d+)?)\s*[’'′`]\s*)?"
                  r"(?:(\d+(?:[.,]\d+)?)\s*(?:\"|”|″|’’|'')?)?")


def parse_dms(text: str) -> float | None:
    """'N 45° 55’ 6"' -> 45.91833; None when unparseable."""
    m = _DMS.search(" ".join(text.split()))
    if not m:
        return None
    hemi, d, mi, s = m.groups()
    val = float(d.replace(",", ".")) + float((mi or "0").replace(",", ".")) / 60 \
        + float((s or "0").replace(",", ".")) / 3600
    return -val if hemi in "SW" else val


def unspace(text: str) -> str:
    """Collapse whitespace; undo letter-spacing ('х  р  е б  е  т') and broken hyphenation."""
    toks = text.split()
    if len(toks) > 2 and sum(len(t) == 1 for t in toks) > len(toks) * 0.7:
        # letters spaced by one or two blanks, words by three or more
        words = re.split(r"\s{3,}", text.strip())
        return " ".join("".join(w.split()) for w in words)
    return " ".join(toks).replace("- ", "-")


def derive_register(data: Path, ua: list[dict[str, str]]) -> tuple[Writer, int]:
    w = Writer()
    by_reg = {u["register"]: u["code"] for u in ua}
    by_reg["Автономна Республіка Крим обл."] = "UA.11"
    skipped = 0
    seen: set[str] = set()
    for path in sorted((data / "ua_register").glob("*.tsv")):
        with open(path, encoding="utf-8", newline="") as fh:
            rd = csv.reader(fh, delimiter="\t")
            next(rd)
            for r in rd:
                if len(r) < 8:
                    skipped += 1
                    continue
                reg, uk, lat_name, kind, region = (unspace(x) for x in r[:5])
                if reg in seen:  # features spanning oblasts are listed in each oblast's file
                    continue
                seen.add(reg)
                lat, lon = parse_dms(r[6]), parse_dms(r[7])
                if lat is None or lon is None or not (43 < lat < 53 and 21 < lon < 41):
                    skipped += 1
                    continue
                fclass, fcode = REGISTER_KINDS.get(kind, ("L", "LCTY"))
                first = region.split(",")[0].strip()
                a1 = by_reg.get(first) or by_reg.get(first + " обл.", "")
                name = lat_name or anyascii(uk)
                w.add(id=f"uareg:{reg}", name=name, lat=lat, lon=lon, fclass=fclass,
                      fcode=fcode, cc="UA", admin1_code=a1, source="ua_register", names=[uk])
    return w, skipped


# --- Natural Earth rivers and lakes -----------------------------------------------------

def derive_naturalearth(data: Path, aliases: list[dict[str, str]],
                        geoms: dict[str, dict]) -> Writer:
    w = Writer()
    alias_to = {normalize_name(a["alias"]): a["target"] for a in aliases
                if a["target"].startswith("ne:")}
    groups: dict[str, list] = defaultdict(list)
    names: dict[str, list[str]] = defaultdict(list)
    for fname, alt_is_name in (("ne_10m_rivers_lake_centerlines", True),
                               ("ne_10m_rivers_europe", False)):
        for f in read_json_gz(data / f"naturalearth/{fname}.geojson.gz")["features"]:
            p = f["properties"]
            if not f["geometry"] or not (p.get("name") or p.get("name_en")):
                continue
            label = p.get("name_en") or p["name"]
            rid = alias_to.get(normalize_name(label)) or alias_to.get(
                normalize_name(p.get("name") or "")) or f"ne:river:{slug(label)}"
            groups[rid].append(shape(f["geometry"]))
            names[rid] += [p.get("name_en") or "", p.get("name") or ""]
            if alt_is_name and p.get("name_alt"):
                names[rid] += p["name_alt"].split(",")
    for rid, parts in groups.items():
        # one id per name, but keep far-apart namesakes apart: cluster by distance
        clusters: list[list] = []
        for g in sorted(parts, key=lambda g: -g.length):
            for cl in clusters:
                if any(g.distance(o) < 1.0 for o in cl):
                    cl.append(g)
                    break
            else:
                clusters.append([g])
        clusters.sort(key=lambda cl: -sum(g.length for g in cl))
        nm = [n.strip() for n in names[rid] if n.strip()]
        for i, cl in enumerate(clusters):
            geom = linemerge(unary_union(cl)) if len(cl) > 1 else cl[0]
            cid = rid if i == 0 else f"{rid}-{i + 1}"
            lat, lon = rep_point(geom)
            geoms[cid] = geojson(geom)
            primary = nm[0]
            w.add(id=cid, name=primary, lat=lat, lon=lon, fclass="H", fcode="STM", cc="",
                  source="naturalearth", names=nm)
    seen: dict[str, int] = defaultdict(int)
    for f in read_json_gz(data / "naturalearth/ne_10m_lakes.geojson.gz")["features"]:
        p = f["properties"]
        if not p.get("name") or not f["geometry"]:
            continue
        base = f"ne:lake:{slug(p['name'])}"
        seen[base] += 1
        lid = base if seen[base] == 1 else f"{base}-{seen[base]}"
        g = shape(f["geometry"])
        lat, lon = rep_point(g)
        geoms[lid] = geojson(g)
        fcode = "RSV" if p.get("featurecla") == "Reservoir" else "LK"
        w.add(id=lid, name=p["name"], lat=lat, lon=lon, fclass="H", fcode=fcode, cc="",
              source="naturalearth", names=[p.get("name_alt") or "", p.get("name_abb") or ""])
    return w


def merge_register_rivers(reg: Writer, ne: Writer, geoms: dict[str, dict],
                          aliases: list[dict[str, str]]) -> int:
    """Drop register river points that a Natural Earth line of the same name passes
    (register points are often the mouth: within ~50 km); their Ukrainian names go to
    the line. Returns how many merged."""
    by_name: dict[str, list[list[str]]] = defaultdict(list)
    for row in ne.rows:
        if row[5] == "STM":
            for n in {row[1], *row[12].split("|")}:
                if n:
                    by_name[normalize_name(n)].append(row)
    by_id = {row[0]: row for row in ne.rows}
    for a in aliases:
        if a["target"] in by_id:
            by_name[normalize_name(a["alias"])].append(by_id[a["target"]])
    keep, merged = [], 0
    for row in reg.rows:
        target = None
        if row[5] in ("STM", "STMI"):
            pt = shapely.Point(float(row[3]), float(row[2]))
            for cand in by_name.get(normalize_name(row[1]), []):
                if shape(geoms[cand[0]]).distance(pt) < 0.5:
                    target = cand
                    break
        if target is None:
            keep.append(row)
            continue
        extra = [n for n in (row[1], *row[12].split("|")) if n]
        target[12] = "|".join(dict.fromkeys(n for n in [*target[12].split("|"), *extra] if n))
        merged += 1
    reg.rows = keep
    return merged


def apply_display_names(out: Path, writers: list[Writer]) -> None:
    """Rename entries listed in display_names.tsv; the old name stays an alternate."""
    wanted = {r["id"]: r["name"] for r in read_tsv(out / "display_names.tsv")}
    for w in writers:
        for row in w.rows:
            if row[0] in wanted and row[1] != wanted[row[0]]:
                alts = [row[1], *[a for a in row[12].split("|") if a and a != wanted[row[0]]]]
                row[1], row[12] = wanted[row[0]], "|".join(dict.fromkeys(alts))


def disputed_areas(data: Path) -> dict[str, object]:
    """Natural Earth breakaway/disputed polygons as "ne:disputed:<BRK_A3>" -> shape; only
    inputs to curated geometry specs, not entries of their own."""
    layer = read_json_gz(data / "naturalearth/ne_10m_admin_0_disputed_areas.geojson.gz")
    return {f"ne:disputed:{f['properties']['BRK_A3']}": shape(f["geometry"])
            for f in layer["features"] if f["geometry"] and f["properties"].get("BRK_A3")}


def drop_slivers(geom, share: float = 0.01):
    """The polygon parts of geom at least `share` of its largest part's area: an overlay of
    two independently drawn boundaries leaves km-wide crumbs along the shared edges."""
    parts = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon"]
    if not parts:
        return geom
    big = max(p.area for p in parts)
    kept = [p for p in parts if p.area >= big * share]
    return kept[0] if len(kept) == 1 else shapely.MultiPolygon(kept)


def curated_geometries(out: Path, geoms: dict[str, dict],
                       sources: dict[str, object] | None = None) -> None:
    """Build the geometry column of curated.tsv: "union ID…" (e.g. Donbas = two oblasts) or
    "intersect ID…" (the DPR = Natural Earth's breakaway area ∩ Donetsk Oblast). IDs are
    derived entries (already in geoms) or inputs in sources (ne:disputed:…)."""
    sources = sources or {}
    for row in read_tsv(out / "curated.tsv"):
        spec = row["geometry"].split()
        if not spec:
            continue
        op, ids = spec[0], spec[1:]
        unknown = [i for i in ids if i not in geoms and i not in sources]
        if op not in ("union", "intersect") or not ids or unknown:
            raise SystemExit(f"curated.tsv: {row['id']}: bad geometry spec {row['geometry']!r}"
                             + (f" (unknown {', '.join(unknown)})" if unknown else "")
                             + "; use 'union ID…' or 'intersect ID…'")
        parts = [shape(geoms[i]) if i in geoms else sources[i] for i in ids]
        if op == "union":
            geom = unary_union(parts).buffer(0)
        else:
            geom = drop_slivers(shapely.intersection_all([p.buffer(0) for p in parts]))
        if geom.is_empty or geom.area == 0:  # shapes that only touch meet in a line
            raise SystemExit(f"curated.tsv: {row['id']}: {row['geometry']!r} has no area")
        geoms[row["id"]] = geojson(geom)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "gazetteer")
    args = ap.parse_args(argv)
    data, out = args.data, args.out
    if not (data / "geonames/cities500.txt.gz").exists():
        print(f"no source data at {data}; nothing to do", file=sys.stderr)
        return 0
    ua = read_tsv(out / "ua_admin1.tsv")
    aliases = read_tsv(out / "aliases.tsv")
    geoms: dict[str, dict] = {}

    cities = derive_cities(data, out)
    print(f"cities500: {len(cities)} rows")
    admin = derive_admin(data, out, cities, ua, geoms)
    print(f"new raions: {derive_new_raions(data, cities, geoms, admin)} drawn from old ones")
    raions, raion_ids = derive_raions(data, ua, geoms, cities)
    counts = {
        "admin": admin.write(out / "admin.tsv.gz"),
        "countries": derive_countries(data, cities, geoms).write(out / "countries.tsv.gz"),
        "wof_ua": derive_wof(data, ua, cities, raion_ids).write(out / "wof_ua.tsv.gz"),
        "geoboundaries": raions.write(out / "geoboundaries.tsv.gz"),
    }
    ne = derive_naturalearth(data, aliases, geoms)
    reg, skipped = derive_register(data, ua)
    print(f"ua_register: {merge_register_rivers(reg, ne, geoms, aliases)} river points merged into "
          "Natural Earth lines")
    apply_display_names(out, [ne, reg])
    counts["naturalearth"] = ne.write(out / "naturalearth.tsv.gz")
    counts["ua_register"] = reg.write(out / "ua_register.tsv.gz")
    print(f"ua_register: skipped {skipped} rows without usable coordinates")
    curated_geometries(out, geoms, disputed_areas(data))
    write_gz_lines(out / "geometries.jsonl.gz",
                   (json.dumps({"id": k, "geometry": geoms[k]}, separators=(",", ":"))
                    for k in sorted(geoms)))
    for k, v in counts.items():
        print(f"{k}: {v} rows")
    print(f"geometries: {len(geoms)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
