"""The derivation script's parsers and the committed gazetteer data files it writes."""

from __future__ import annotations

import csv
import gzip
import importlib.util
import json
import sys
from pathlib import Path

import pytest

from geomap.gazetteer import ENTRY_COLUMNS, ENTRY_FILES, data_dir

ROOT = Path(__file__).resolve().parents[1]
DATA = data_dir()


@pytest.fixture(scope="module")
def derive():
    spec = importlib.util.spec_from_file_location("derive_gazetteer",
                                                  ROOT / "scripts" / "derive_gazetteer.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["derive_gazetteer"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("text", "value"), [
    ('N 45° 55’ 6"', 45.91833),
    ('E 34° 46’ 38"', 34.77722),
    ("N 46° 4’ 2”", 46.06722),
    ("N 48°30’", 48.5),
    ("E 30° 0’ 0,5\"", 30.00014),
    ('S 12° 30’ 0"', -12.5),
    ("no coordinates", None),
])
def test_parse_dms(derive, text: str, value: float | None) -> None:
    got = derive.parse_dms(text)
    assert got == value if value is None else round(got, 5) == value


@pytest.mark.parametrize(("text", "clean"), [
    ("х  р  е б  е  т", "хребет"),
    ("історико-\nгеографічна\nобласть", "історико-географічна область"),
    ("  річка ", "річка"),
    ("І в а  н  о  - Ф  р  а  н к  і в с  ь к  а   о б  л  .", "Івано-Франківська обл."),
])
def test_unspace(derive, text: str, clean: str) -> None:
    assert derive.unspace(text) == clean


def _rows(name: str) -> list[dict[str, str]]:
    with gzip.open(DATA / name, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.mark.parametrize("name", ENTRY_FILES)
def test_entry_files_are_well_formed(name: str) -> None:
    rows = _rows(name)
    assert rows and list(rows[0]) == list(ENTRY_COLUMNS)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    for r in rows:
        assert None not in r.values(), r
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180, r
        assert len(r["feature_class"]) == 1 and r["feature_code"], r


def test_hand_written_tables() -> None:
    for name, key in (("curated.tsv", "id"), ("sites.tsv", "id"), ("aliases.tsv", "alias"),
                      ("ua_admin1.tsv", "code"), ("display_names.tsv", "id")):
        with open(DATA / name, encoding="utf-8", newline="") as fh:
            rd = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            rows = list(rd)
        assert rows and all(None not in r.values() and None not in r for r in rows), name
        assert all(r.get("source") for r in rows), f"{name}: every row needs a source"
        keys = [r[key] for r in rows]
        assert len(keys) == len(set(keys)), f"{name}: duplicate {key}"


def test_geometries_are_geojson_lon_lat() -> None:
    with gzip.open(DATA / "geometries.jsonl.gz", "rt", encoding="utf-8") as fh:
        recs = {r["id"]: r["geometry"] for r in map(json.loads, fh)}
    assert recs["gn:690791"]["type"] in ("Polygon", "MultiPolygon")  # Ukraine
    lon, lat = recs["gn:706442"]["coordinates"][0][0][:2]  # Kherson Oblast
    assert 30 < lon < 36 and 45 < lat < 48


@pytest.mark.parametrize(("name", "adjective"), [
    ("Yasinovataya", "Yasinovatskiy"),  # Russian seat name
    ("Marinka", "Marinskiy"),
    ("Shakhtersk", "Shakhterskiy"),
    ("Shakhtars'k", "Shakhtarskiy"),
    ("Izyum", "Izyumskiy"),
    ("Boykivske", "Boykivskiy"),
    ("Velyka Novosilka", ""),  # compound adjectives are not guessed
])
def test_raion_adjective(derive, name: str, adjective: str) -> None:
    assert derive.raion_adjective(name) == adjective


CURATED_HEADER = "id\tname\tgeometry\tsource\n"


def _box(x0: float, y0: float, x1: float, y1: float) -> dict:
    return {"type": "Polygon",
            "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}


@pytest.mark.parametrize(("spec", "area"), [
    ("union a b", 8.0),          # two 2x2 boxes side by side
    ("intersect a area:z", 1.0),  # box a cut by a source shape (not an entry itself)
    ("intersect area:z b", 1.0),
])
def test_curated_geometry_specs(derive, tmp_path: Path, spec: str, area: float) -> None:
    from shapely.geometry import box, shape

    (tmp_path / "curated.tsv").write_text(CURATED_HEADER + f"cur:x\tX\t{spec}\ttest\n",
                                          encoding="utf-8")
    geoms = {"a": _box(0, 0, 2, 2), "b": _box(2, 0, 4, 2)}
    derive.curated_geometries(tmp_path, geoms, {"area:z": box(1, 1, 3, 3)})
    assert shape(geoms["cur:x"]).area == pytest.approx(area)
    assert "area:z" not in geoms


@pytest.mark.parametrize("spec", ["clip a area:z", "intersect a nowhere", "union",
                                  "intersect a b"])  # a and b only touch: empty
def test_bad_curated_geometry_specs_stop_the_script(derive, tmp_path: Path, spec: str) -> None:
    from shapely.geometry import box

    (tmp_path / "curated.tsv").write_text(CURATED_HEADER + f"cur:x\tX\t{spec}\ttest\n",
                                          encoding="utf-8")
    with pytest.raises(SystemExit, match="cur:x"):
        derive.curated_geometries(tmp_path, {"a": _box(0, 0, 2, 2), "b": _box(2, 0, 4, 2)},
                                  {"area:z": box(1, 1, 3, 3)})


def test_drop_slivers_keeps_the_real_parts(derive) -> None:
    from shapely.geometry import MultiPolygon, box

    crumb, main, island = box(5, 5, 5.01, 5.01), box(0, 0, 2, 2), box(3, 0, 3.5, 0.5)
    kept = derive.drop_slivers(MultiPolygon([crumb, main, island]))
    assert kept.area == pytest.approx(main.area + island.area)
    assert derive.drop_slivers(main).equals(main)


def _land(x: float, y: float, w: float, h: float):
    import shapely
    return shapely.box(x, y, x + w, y + h)


@pytest.mark.parametrize(("parts", "conventional", "point"), [
    # one land mass: halfway between its centroid (0, 5) and the conventional centre
    ([(0, -5, 10, 10)], (2.0, 5.0), (1.0, 5.0)),
    # no conventional centre: the largest part's centroid
    ([(0, -5, 10, 10), (20, 0, 2, 2)], None, (0.0, 5.0)),
    # an archipelago whose largest island is under half its land: the conventional centre,
    # even in the sea between the islands
    ([(0, 0, 2, 2), (4, 0, 2, 2), (8, 0, 2, 2)], (1.5, 5.0), (1.5, 5.0)),
])
def test_country_point(derive, parts, conventional, point) -> None:
    from shapely.ops import unary_union
    geom = unary_union([_land(*p) for p in parts])
    assert derive.country_point(geom, conventional) == point


def test_archipelago_countries_sit_at_their_conventional_centre() -> None:
    points = {r["country_code"]: (float(r["lat"]), float(r["lon"]))
              for r in _rows("countries.tsv.gz")}
    assert points["ID"] == (-5.0, 120.0)  # not on Borneo
    assert points["PH"] == (13.0, 122.0)  # not on Luzon


@pytest.mark.parametrize(("name", "names"), [
    ("Province of Pangasinan", ["Province of Pangasinan", "Pangasinan"]),
    ("Provincia di Siracusa", ["Provincia di Siracusa", "Siracusa"]),
    ("County of Osijek-Baranja", ["County of Osijek-Baranja", "Osijek-Baranja"]),
    # small units titled so keep their title only: their bare names are towns' and saints'
    ("Departamento de San Martín", ["Departamento de San Martín"]),
    ("Kent", ["Kent"]),
])
def test_admin_names(derive, name: str, names: list[str]) -> None:
    assert derive.admin_names(name, name) == names


def test_titled_provinces_are_found_by_their_bare_name(gazetteer) -> None:
    found = gazetteer.lookup("Pangasinan", limit=5)
    assert ("PH", "ADM2") in {(c.country_code, c.feature_code) for c in found}


@pytest.mark.parametrize(("codes", "areas"), [
    # one new raion took the whole old one
    (["UA.05.1412", "UA.05.1412", "UA.05.1412"], {"UA.05.1412": 2.0}),
    # split: each town's half goes to its raion (cells cut halfway between towns)
    (["UA.05.1412", "UA.05.1412", "UA.05.1402"], {"UA.05.1412": 1.25, "UA.05.1402": 0.75}),
    (["UA.05.1412", "UA.05.1402", "UA.05.1402"], {"UA.05.1412": 0.75, "UA.05.1402": 1.25}),
])
def test_new_raion_parts_cut_an_old_raion_by_its_towns(derive, codes: list[str],
                                                        areas: dict[str, float]) -> None:
    import shapely
    from shapely.geometry import box

    points = [shapely.Point(0.5, 0.5), shapely.Point(1.0, 0.5), shapely.Point(1.5, 0.5)]
    towns = [*zip(points, codes, strict=True), (shapely.Point(5, 5), "UA.05.1416")]
    tree = shapely.STRtree([t[0] for t in towns])
    parts = derive.new_raion_parts(box(0, 0, 2, 1), towns, tree)
    assert {k: round(v.area, 6) for k, v in parts.items()} == areas


def test_new_raion_parts_without_towns_go_to_the_nearest(derive) -> None:
    import shapely
    from shapely.geometry import box

    towns = [(shapely.Point(0.5, 0.5), "UA.05.1412"), (shapely.Point(5, 5), "UA.05.1416")]
    tree = shapely.STRtree([t[0] for t in towns])
    assert list(derive.new_raion_parts(box(4, 4, 4.5, 4.5), towns, tree)) == ["UA.05.1416"]


def _city(name: str, code: str, population: int, a2: str = "1412") -> list[str]:
    row = [""] * 19
    row[1] = row[2] = name
    row[7], row[8], row[10], row[11], row[14] = code, "UA", "05", a2, str(population)
    return row


@pytest.mark.parametrize(("towns", "seat"), [
    # the admin seat of that name
    ([_city("Kramatorsk", "PPLA2", 150_000)], "Kramatorsk"),
    # a city not marked as a seat still is one (GeoNames marks some seats PPL)
    ([_city("Kramatorsk", "PPL", 11_000)], "Kramatorsk"),
    # a village sharing the stem is no seat: the raion is named after something else
    ([_city("Kramarivka", "PPL", 1_200)], None),
    ([_city("Kramarivka", "PPL", 1_200), _city("Kramatorsk", "PPLA2", 150_000, "1416")],
     "Kramatorsk"),
])
def test_raion_seat_is_a_seat_or_a_city(derive, towns: list[list[str]],
                                        seat: str | None) -> None:
    found = derive._raion_seat("kram", "UA.05.1412", towns)
    assert (found[1] if found else None) == seat


def _entries(name: str) -> dict[str, dict[str, str]]:
    with gzip.open(data_dir() / name, "rt", encoding="utf-8") as fh:
        return {r["id"]: r for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)}


def test_new_raions_are_drawn_and_named_after_their_seat() -> None:
    new = {k: r for k, r in _entries("admin.tsv.gz").items()
           if r["country_code"] == "UA" and r["feature_code"] == "ADM2"}
    assert len(new) == 136
    assert all(r["source"] == "geonames+geoboundaries" for r in new.values())
    names = {r["name"] for r in new.values()}
    # GeoNames' "Iziumska Miskrada" and "Kramatorskyi Raion" are named after the seat
    assert {"Izium Raion", "Kramatorsk Raion", "Pokrovsk Raion"} <= names
    # named after the Dniester, not after the village Dnistrivka inside it
    assert "Dnistrovskyi Raion" in names and "Dnistrivka Raion" not in names
    assert not any("miskrada" in r["names"].lower() for r in new.values())
    with gzip.open(data_dir() / "geometries.jsonl.gz", "rt", encoding="utf-8") as fh:
        drawn = {json.loads(line)["id"] for line in fh} & set(new)
    assert len(drawn) >= 130


def test_wof_villages_are_filed_under_their_old_raion() -> None:
    villages = _entries("wof_ua.tsv.gz")
    raions = _entries("geoboundaries.tsv.gz")
    filed = [r["admin2_code"] for r in villages.values() if r["admin2_code"]]
    # most carry a raion tag that names one raion within its oblast
    assert len(filed) > 0.8 * len(villages)
    assert set(filed) <= set(raions)
    assert all(r["admin2_code"] == k for k, r in raions.items())
    # "Volodarskyi" names raions in two oblasts: read within the village's own
    volnovakha = next(k for k, r in raions.items() if r["name"] == "Volnovakha Raion")
    assert villages["wof:1276757081"]["admin2_code"] == volnovakha
    assert villages["wof:1276440065"]["admin2_code"] not in ("", volnovakha)
