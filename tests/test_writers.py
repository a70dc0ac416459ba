"""Output writers: formats, stable bytes, atomic replacement and clear output errors."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import stat
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.errors import OutputError
from geomap.model import Article, Candidate, Document, Event, Mention, Place
from geomap.writers import (
    CSV_COLUMNS,
    FORMATS,
    guess_format,
    open_writer,
    write_articles,
)

KYIV = Candidate(id="gn:703448", name="Kyiv", lat=50.454660123, lon=30.523809876,
                 feature_class="P", feature_code="PPLC", country_code="UA",
                 admin1="Kyiv City", population=2_797_553, geonameid=703448)
KHERSON = Candidate(id="gn:706448", name="Kherson", lat=46.63695, lon=32.61458,
                    feature_class="P", feature_code="PPLA", country_code="UA",
                    admin1="Kherson Oblast", geonameid=706448)
TEXT = "Київ said Kherson was shelled.\nNear Xyzivka too."


def mention(text: str, sentence: str = "Київ said Kherson was shelled.") -> Mention:
    start = TEXT.index(text)
    return Mention(text=text, start=start, end=start + len(text), sentence=sentence,
                   label="GPE")


def articles() -> list[Article]:
    first = Article(
        Document(id="a1", text=TEXT, source="in/a1.txt", date="2022-11-13",
                 title="Шелінг", url="https://news.example/a1"),
        places=(
            Place(mention("Київ"), KYIV, role="metonymic", confidence=0.8123456,
                  alternatives=(KHERSON,)),
            Place(mention("Kherson"), KHERSON, confidence=0.9, event_types=("strike",)),
            Place(mention("Xyzivka", "Near Xyzivka too."), None),
        ),
        events=(Event(type="strike", trigger="shelled", trigger_start=22, trigger_end=29,
                      sentence="Київ said Kherson was shelled.", place=1,
                      lat=KHERSON.lat, lon=KHERSON.lon, date="2022-11-13"),),
    )
    empty = Article(Document(id="a2", text="Nothing here.", source="in/a2.txt"))
    return [first, empty]


def write(path: Path, fmt: str | None = None) -> bytes:
    write_articles(articles(), path, fmt)
    return path.read_bytes()


@pytest.mark.parametrize(("path", "fmt"), [
    ("out.jsonl", "jsonl"), ("out.NDJSON", "jsonl"), ("out.geojson", "geojson"),
    ("out.json", "geojson"), ("dir/out.csv", "csv"), ("out", "jsonl"), ("-", "jsonl"),
    ("out.txt", "jsonl"),
])
def test_guess_format(path: str, fmt: str) -> None:
    assert guess_format(path) == fmt


def test_jsonl_is_one_sorted_record_per_article_in_order(tmp_path: Path) -> None:
    lines = write(tmp_path / "out.jsonl").decode("utf-8").splitlines()
    assert len(lines) == 2
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == ["a1", "a2"]
    assert records[1]["places"] == [] and records[1]["events"] == []
    for line, record in zip(lines, records, strict=True):
        assert line == json.dumps(record, sort_keys=True, ensure_ascii=False)
    assert "Київ" in lines[0] and "Шелінг" in lines[0]  # not \u-escaped
    place = records[0]["places"][0]
    assert (place["lat"], place["lon"]) == (50.45466, 30.52381)  # rounded to 6 places
    assert place["confidence"] == 0.812
    assert records[0]["places"][2]["lat"] is None
    expected = articles()[0].to_dict()
    assert records[0]["events"] == expected["events"]
    assert [p["mention"] for p in records[0]["places"]] == ["Київ", "Kherson", "Xyzivka"]


def test_geojson_has_one_point_per_resolved_place(tmp_path: Path) -> None:
    data = json.loads(write(tmp_path / "out.geojson"))
    assert data["type"] == "FeatureCollection"
    features = data["features"]
    assert [f["id"] for f in features] == ["a1/0", "a1/1"]  # Xyzivka is unresolved
    kyiv = features[0]
    assert kyiv["geometry"] == {"type": "Point", "coordinates": [30.52381, 50.45466]}
    props = kyiv["properties"]
    assert (props["article_id"], props["article_source"], props["article_date"]) == (
        "a1", "in/a1.txt", "2022-11-13")
    assert (props["name"], props["id"], props["role"], props["place_index"]) == (
        "Kyiv", "gn:703448", "metonymic", 0)
    assert features[1]["properties"]["event_types"] == ["strike"]


def test_geojson_reads_back_with_geopandas(tmp_path: Path) -> None:
    import geopandas

    write(tmp_path / "out.geojson")
    frame = geopandas.read_file(tmp_path / "out.geojson")
    assert list(frame["name"]) == ["Kyiv", "Kherson"]
    assert frame.geometry.iloc[1].x == pytest.approx(KHERSON.lon)
    assert frame.geometry.iloc[1].y == pytest.approx(KHERSON.lat)


def test_empty_geojson_is_valid(tmp_path: Path) -> None:
    write_articles([], tmp_path / "none.geojson")
    assert json.loads((tmp_path / "none.geojson").read_text()) == {
        "type": "FeatureCollection", "features": []}


def test_csv_has_one_row_per_place_with_article_columns(tmp_path: Path) -> None:
    raw = write(tmp_path / "out.csv").decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(raw, newline="")))
    assert raw.split("\r\n")[0].split(",") == list(CSV_COLUMNS)
    assert [(r["article_id"], r["place_index"], r["mention"]) for r in rows] == [
        ("a1", "0", "Київ"), ("a1", "1", "Kherson"), ("a1", "2", "Xyzivka")]
    assert (rows[0]["lat"], rows[0]["lon"], rows[0]["alternatives"]) == (
        "50.45466", "30.52381", "gn:706448")
    assert rows[1]["event_types"] == "strike"
    assert rows[2]["lat"] == "" and rows[2]["name"] == ""
    assert rows[0]["article_title"] == "Шелінг"


@pytest.mark.parametrize("fmt", FORMATS)
def test_reruns_are_byte_identical(tmp_path: Path, fmt: str) -> None:
    first = write(tmp_path / f"one.{fmt}", fmt)
    second = write(tmp_path / f"two.{fmt}", fmt)
    assert first == second
    assert write(tmp_path / f"one.{fmt}", fmt) == first  # overwriting too


@pytest.mark.parametrize("fmt", FORMATS)
def test_stdout(fmt: str, tmp_path: Path) -> None:
    out = io.StringIO()
    with open_writer("-", fmt, stdout=out) as writer:
        writer.write_all(articles())
    assert out.getvalue().encode() == write(tmp_path / "file", fmt)
    assert (writer.articles, writer.places) == (2, 3)


@pytest.mark.parametrize(("fmt", "records"), [("jsonl", 2), ("geojson", 2), ("csv", 3)])
def test_counts(tmp_path: Path, fmt: str, records: int) -> None:
    writer = write_articles(articles(), tmp_path / "out", fmt)
    assert (writer.articles, writer.places, writer.records) == (2, 3, records)


def test_non_finite_coordinates_do_not_break_json(tmp_path: Path) -> None:
    bad = Candidate(id="x", name="X", lat=float("nan"), lon=1.0, feature_class="P",
                    feature_code="PPL", country_code="")
    article = Article(Document(id="n", text="X", source="n"),
                      places=(Place(Mention("X", 0, 1, "X", "GPE"), bad),))
    write_articles([article], tmp_path / "n.jsonl")
    assert json.loads((tmp_path / "n.jsonl").read_text())["places"][0]["lat"] is None
    write_articles([article], tmp_path / "n.geojson")
    assert json.loads((tmp_path / "n.geojson").read_text())["features"] == []


# -- atomicity ------------------------------------------------------------------------


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
@pytest.mark.parametrize("fmt", FORMATS)
def test_interrupted_run_leaves_previous_output(tmp_path: Path, fmt: str,
                                                error: type[BaseException]) -> None:
    path = tmp_path / "out"
    previous = write(path, fmt)
    with pytest.raises(error):
        with open_writer(path, fmt) as writer:
            writer.write(articles()[0])
            raise error("stopped half-way")
    assert path.read_bytes() == previous
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no temp file left


def test_interrupted_first_run_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError):
        with open_writer(tmp_path / "new.jsonl") as writer:
            writer.write(articles()[0])
            raise RuntimeError
    assert list(tmp_path.iterdir()) == []


def test_nothing_visible_until_the_end(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    with open_writer(path) as writer:
        writer.write(articles()[0])
        assert not path.exists()
    assert path.exists()


def test_errors_from_the_callers_block_pass_through(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        with open_writer(tmp_path / "out.jsonl"):
            raise FileNotFoundError("an input went missing")


def test_missing_folders_are_created(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "out.csv"
    write(path)
    assert path.read_text().startswith("article_id,")


def test_new_file_mode_follows_umask_and_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    old = os.umask(0o022)
    try:
        write(path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    path.chmod(0o640)
    write(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


# -- output errors --------------------------------------------------------------------


def test_folder_as_output_path(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder; give a file name"):
        write(tmp_path)


def test_parent_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match="cannot create the folder") as info:
        write(tmp_path / "file" / "sub" / "out.jsonl")
    assert str(tmp_path / "file" / "sub") in str(info.value)
    assert isinstance(info.value, OSError)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses Linux /sys")
def test_read_only_system_folder() -> None:
    if os.access("/sys", os.W_OK) and not Path("/sys").is_dir():
        pytest.skip("/sys is not a read-only folder here")
    with pytest.raises(OutputError, match=r"cannot write /sys/out\.jsonl: .*read-only"):
        write_articles(articles(), "/sys/out.jsonl")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root ignores folder permissions")
def test_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(OutputError, match="read-only"):
            write(folder / "out.jsonl")
    finally:
        folder.chmod(0o755)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_full_disk_on_stdout() -> None:
    full = open("/dev/full", "w", encoding="utf-8")  # noqa: SIM115 - closed below
    try:
        with pytest.raises(OutputError, match="standard output"):
            with open_writer("-", "jsonl", stdout=full) as writer:
                writer.write_all(articles())
    finally:
        with contextlib.suppress(OSError):  # the unwritten buffer fails again on close
            full.close()


def test_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="use one of: jsonl, geojson, csv"):
        with open_writer(tmp_path / "out.x", "xml"):
            pass
    assert list(tmp_path.iterdir()) == []


# -- fuzz -----------------------------------------------------------------------------

ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30) | st.sampled_from(
    ["", "\r\n", '"', "a,b;c", "\x00", "\u2028", "=cmd|' /C calc'!A0", "Київ"])
COORD = st.floats(allow_nan=True, allow_infinity=True) | st.floats(-90, 90)
CANDIDATE = st.builds(Candidate, id=ANY_TEXT, name=ANY_TEXT, lat=COORD, lon=COORD,
                      feature_class=ANY_TEXT, feature_code=ANY_TEXT, country_code=ANY_TEXT,
                      admin1=ANY_TEXT, geonameid=st.none() | st.integers(0, 10**9))
PLACE = st.builds(Place, mention=st.builds(Mention, text=ANY_TEXT, start=st.integers(0, 99),
                                           end=st.integers(0, 99), sentence=ANY_TEXT,
                                           label=ANY_TEXT),
                  candidate=st.none() | CANDIDATE, confidence=st.floats(0, 1),
                  alternatives=st.lists(CANDIDATE, max_size=2).map(tuple),
                  event_types=st.lists(ANY_TEXT, max_size=2).map(tuple))
ARTICLE = st.builds(Article, document=st.builds(Document, id=ANY_TEXT, text=ANY_TEXT,
                                                source=ANY_TEXT, date=st.none() | ANY_TEXT,
                                                title=st.none() | ANY_TEXT),
                    places=st.lists(PLACE, max_size=3).map(tuple))


@settings(max_examples=int(os.environ.get("GEOMAP_FUZZ_EXAMPLES", "80")), deadline=None)
@given(batch=st.lists(ARTICLE, max_size=4))
def test_any_articles_write_valid_output(batch: list[Article]) -> None:
    outputs = {}
    for fmt in FORMATS:
        out = io.StringIO(newline="")
        with open_writer("-", fmt, stdout=out) as writer:
            writer.write_all(batch)
        outputs[fmt] = out.getvalue()
    lines = outputs["jsonl"].split("\n")
    assert lines.pop() == ""
    assert [json.loads(line)["id"] for line in lines] == [a.document.id for a in batch]
    features = json.loads(outputs["geojson"])["features"]
    finite = [p for a in batch for p in a.places if p.candidate is not None
              and all(abs(v) != float("inf") and v == v
                      for v in (p.candidate.lat, p.candidate.lon))]
    assert len(features) == len(finite)
    rows = list(csv.DictReader(io.StringIO(outputs["csv"], newline="")))
    assert [r["mention"] for r in rows] == [p.mention.text for a in batch for p in a.places]
