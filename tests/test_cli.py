"""The `geomap` commands end to end: CliRunner on the real model and gazetteer, a few real
subprocesses (`python -m geomap`) for pipes and signals, a fake Nominatim on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
import typer
from typer.testing import CliRunner

from geomap import __version__
from geomap.cli import app
from geomap.cli.common import Batch, nominatim_options, skip_reason
from geomap.evaluate import corpus_available, default_eval_root
from geomap.inputs import InputProblem

runner = CliRunner()

TEXT = ("Russian forces withdrew from Kherson on Friday. Ukrainian troops advanced toward "
        "Bakhmut, officials in Kyiv said.\n")
TEXT2 = "Russian missiles struck Kyiv overnight. Shelling hit Kherson again.\n"


@pytest.fixture(autouse=True)
def _store(gazetteer_store: Path) -> None:
    """Build the default gazetteer store once (the commands open it themselves)."""


def run(*args: str | Path, input: str | None = None):
    return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "kherson.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture
def dated(tmp_path: Path) -> Path:
    path = tmp_path / "news.jsonl"
    lines = [{"id": "a", "date": "2022-11-09", "text": TEXT},
             {"id": "b", "date": "2022-11-12", "text": TEXT2}]
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    return path


# -- help, version, completion ----------------------------------------------------------


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name)
        if hasattr(command, "commands"):  # a group (Typer bundles its own Click)
            yield from _commands(command, (*prefix, name))


COMMANDS = list(_commands(typer.main.get_command(app)))  # type: ignore[arg-type]
MISSING_EXAMPLES = {("gazetteer", "info")}  # owned by the gazetteer module


def test_the_commands_exist() -> None:
    assert {("extract",), ("map",), ("export",), ("eval",), ("gazetteer",),
            ("gazetteer", "lookup")} <= set(COMMANDS)


@pytest.mark.parametrize("command", [()] + COMMANDS, ids=lambda c: " ".join(c) or "geomap")
def test_every_command_has_help(command: tuple[str, ...]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Usage" in result.output


@pytest.mark.parametrize("command", [
    pytest.param(c, marks=pytest.mark.xfail(reason="no epilog yet", strict=False))
    if c in MISSING_EXAMPLES else c
    for c in COMMANDS if c != ("gazetteer",)
], ids=" ".join)
def test_every_command_has_examples(command: tuple[str, ...]) -> None:
    result = run(*command, "--help")
    assert "Examples" in result.output
    assert f"geomap {' '.join(command)}" in result.output


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"geomap {__version__}"


def test_shell_completion_is_offered() -> None:
    result = run("--help")
    assert "--install-completion" in result.output and "--show-completion" in result.output


@pytest.mark.parametrize("command", ["extract", "map", "export"])
@pytest.mark.parametrize("option", ["-o", "--format", "--country", "--demonyms", "--no-run-focus",
                                    "--min-confidence",
                                    "--types", "--since", "--until", "--jobs", "--quiet",
                                    "--verbose", "--geocoder", "--nominatim-url"])
def test_batch_commands_share_options(command: str, option: str) -> None:
    assert option in run(command, "--help").output


# -- usage errors: exit code 2 ----------------------------------------------------------


@pytest.mark.parametrize("args", [
    ["extract"],  # no input
    ["extract", "{in}", "--types", "advance,bombing"],
    ["extract", "{in}", "--since", "2022-13-01"],
    ["extract", "{in}", "--since", "2022-11-12", "--until", "2022-11-01"],
    ["extract", "{in}", "--format", "xml"],
    ["extract", "{in}", "--country", "Ukraine"],
    ["extract", "{in}", "--min-confidence", "1.5"],
    ["extract", "{in}", "--jobs", "0"],
    ["extract", "{in}", "--geocoder", "google"],
    ["extract", "{in}", "--geocoder", "nominatim", "--nominatim-url", "ftp://example.org"],
    ["extract", "{in}", "--no-such-option"],
    ["map", "{in}"],  # -o is required
    ["map", "{in}", "-o", "{out}/m.html", "--fragment", "--png"],
    ["map", "{in}", "-o", "{out}/m.html", "--format", "svg"],
    ["export", "{in}", "-o", "{out}/x", "--format", "shp"],
    ["eval", "--corpus", "nosuch"],
    ["eval", "--system", "magic"],
    ["nosuchcommand"],
])
def test_usage_errors_exit_2(args: list[str], article: Path, tmp_path: Path) -> None:
    args = [a.format(**{"in": article, "out": tmp_path}) for a in args]
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert not list(tmp_path.glob("m.*")) and not (tmp_path / "x").exists()


# -- bad inputs: the batch goes on, the exit code says what happened --------------------


BAD_INPUTS = [
    # name, file name, content (None: do not create), exit code, reason in the summary
    ("empty file", "empty.txt", b"", 1, "1 empty file"),
    ("binary file", "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01", 1,
     "1 binary file"),
    ("invalid UTF-8", "latin.txt", "Shelling hit Kherson, said the café owner.\n"
     .encode("cp1252"), 0, "0 skipped"),
    ("JSONL line that is not JSON", "lines.jsonl",
     b'{"id": "a", "text": "Shelling hit Kherson."}\nnot json\n'
     b'{"id": "b", "text": "Fighting near Bakhmut."}\n', 1, "1 invalid JSON line"),
    ("CSV without a text column", "table.csv", b"id,body\n1,Shelling hit Kherson.\n", 1,
     "1 no 'text' column"),
    ("missing path", "nowhere.txt", None, 1, "1 missing path"),
]


@pytest.mark.parametrize(("name", "content", "code", "reason"),
                         [(b[1], b[2], b[3], b[4]) for b in BAD_INPUTS],
                         ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_exit_code(tmp_path: Path, article: Path, name: str, content: bytes | None,
                             code: int, reason: str) -> None:
    bad = tmp_path / name
    if content is not None:
        bad.write_bytes(content)
    out = tmp_path / "out.jsonl"
    result = run("extract", bad, article, "-o", out)
    assert result.exit_code == code, result.output
    assert reason in result.stderr
    assert "Traceback" not in result.output
    got = records(out)
    assert got[-1]["id"] == "kherson"  # the good article after the bad one is still there
    if code:
        assert f"error: {bad}" in result.stderr  # the message names the file


def test_invalid_utf8_falls_back_with_warning(tmp_path: Path) -> None:
    bad = tmp_path / "latin.txt"
    bad.write_bytes("Shelling hit Kherson, said the café owner.\n".encode("cp1252"))
    result = run("extract", bad)
    assert result.exit_code == 0
    assert "warning:" in result.stderr and "not valid UTF-8" in result.stderr
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert "Kherson" in [p["mention"] for p in record["places"]]


def test_jsonl_bad_line_keeps_the_other_records(tmp_path: Path) -> None:
    src = tmp_path / "lines.jsonl"
    src.write_text('{"id": "a", "text": "Shelling hit Kherson."}\n{oops\n'
                   '{"id": "b", "text": "Fighting near Bakhmut."}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run("extract", src, "-o", out)
    assert result.exit_code == 1
    assert f"{src}:2: not valid JSON" in result.stderr
    assert [r["id"] for r in records(out)] == ["a", "b"]


def test_folder_without_text(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "a.jpg").write_bytes(b"\xff\xd8\xff")
    result = run("extract", folder)
    assert result.exit_code == 1
    assert "1 folder with no text files" in result.stderr
    assert result.stdout == ""


def test_folder_and_glob_inputs(tmp_path: Path) -> None:
    (tmp_path / "news" / "day2").mkdir(parents=True)
    (tmp_path / "news" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "news" / "day2" / "b.txt").write_text(TEXT2, encoding="utf-8")
    folder = run("extract", tmp_path / "news")
    pattern = run("extract", str(tmp_path / "news" / "**" / "*.txt"))
    assert folder.exit_code == pattern.exit_code == 0
    ids = [json.loads(line)["id"] for line in folder.stdout.splitlines()]
    assert ids == ["a", "day2/b"]
    assert len(pattern.stdout.splitlines()) == 2


def test_summary_counts_and_groups_reasons(tmp_path: Path, article: Path) -> None:
    (tmp_path / "e1.txt").write_bytes(b"")
    (tmp_path / "e2.txt").write_bytes(b"")
    src = tmp_path / "lines.jsonl"
    src.write_text('{"text": "Shelling hit Kherson."}\n[1, 2\n', encoding="utf-8")
    result = run("extract", tmp_path / "e1.txt", tmp_path / "e2.txt", src, article,
                 "-o", tmp_path / "out.jsonl")
    assert result.exit_code == 1
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.startswith("2 articles, ")
    assert "3 skipped: 2 empty file, 1 invalid JSON line" in summary
    assert summary.endswith(f"wrote {tmp_path / 'out.jsonl'}")


def test_quiet_prints_errors_only(tmp_path: Path, article: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Kherson café\n".encode("cp1252"))
    result = run("extract", tmp_path / "empty.txt", latin, article, "-q",
                 "-o", tmp_path / "out.jsonl")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {tmp_path / 'empty.txt'}: empty file; remove it or add the article text"]


def test_many_messages_are_capped_unless_verbose(tmp_path: Path) -> None:
    src = tmp_path / "lines.jsonl"
    src.write_text('{"text": "Shelling hit Kherson."}\n' + "oops\n" * 25, encoding="utf-8")
    default = run("extract", src, "-o", tmp_path / "a.jsonl")
    verbose = run("extract", src, "-v", "-o", tmp_path / "b.jsonl")
    assert default.stderr.count("error:") == 20
    assert "5 more messages not shown; -v shows all" in default.stderr
    assert verbose.stderr.count("error:") == 25
    assert default.exit_code == verbose.exit_code == 1


# -- outputs ----------------------------------------------------------------------------


def test_output_folder_is_created(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "new" / "deeper" / "places.geojson"
    result = run("extract", article, "-o", out)
    assert result.exit_code == 0
    data = json.loads(out.read_text("utf-8"))
    assert data["type"] == "FeatureCollection"
    assert {f["properties"]["name"] for f in data["features"]} >= {"Kherson", "Bakhmut"}


def test_unwritable_output_exits_1(tmp_path: Path, article: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    for command in (["extract", article, "-o", blocker / "out.jsonl"],
                    ["map", article, "-o", blocker / "map.html"],
                    ["export", article, "-o", blocker / "layers"]):
        result = run(*command)
        assert result.exit_code == 1, command
        assert "error: cannot" in result.stderr and str(blocker) in result.stderr
        assert "Traceback" not in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only folders")
def test_read_only_folder_exits_1(tmp_path: Path, article: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = run("extract", article, "-o", folder / "out.jsonl")
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 1
    assert "read-only" in result.stderr
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("fmt", ["jsonl", "geojson", "csv"])
def test_rerun_is_byte_identical(tmp_path: Path, article: Path, dated: Path,
                                 fmt: str) -> None:
    first, second = tmp_path / f"1.{fmt}", tmp_path / f"2.{fmt}"
    assert run("extract", dated, article, "-o", first).exit_code == 0
    assert run("extract", dated, article, "-o", second).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    assert len(first.read_bytes()) > 200


def test_format_option_overrides_extension(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "places.txt"
    assert run("extract", article, "--format", "csv", "-o", out).exit_code == 0
    assert out.read_text("utf-8").startswith("article_id,")


def test_stdin(tmp_path: Path) -> None:
    result = run("extract", "-", input=TEXT)
    assert result.exit_code == 0
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["source"] == "-"
    assert {"Kherson", "Bakhmut", "Kyiv"} <= {p["name"] for p in record["places"]}
    for place in record["places"]:
        assert TEXT[place["start"]:place["end"]] == place["mention"]


# -- filters ----------------------------------------------------------------------------


def _events(result) -> list[tuple[str, str]]:
    return [(r["id"], e["type"]) for r in map(json.loads, result.stdout.splitlines())
            for e in r["events"]]


def test_since_until_filter_articles(dated: Path) -> None:
    everything = run("extract", dated)
    later = run("extract", dated, "--since", "2022-11-10")
    earlier = run("extract", dated, "--until", "2022-11-10")
    ids = [[json.loads(line)["id"] for line in r.stdout.splitlines()]
           for r in (everything, later, earlier)]
    assert ids == [["a", "b"], ["b"], ["a"]]
    assert "1 outside --since/--until" in later.stderr
    assert later.exit_code == 0


def test_types_filter_events(dated: Path) -> None:
    everything = _events(run("extract", dated))
    assert {t for _, t in everything} >= {"advance", "strike"}
    only = _events(run("extract", dated, "--types", "strike,withdrawal"))
    assert only == [e for e in everything if e[1] in ("strike", "withdrawal")]
    assert only


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_demonyms_option(tmp_path: Path, jobs: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Russian forces shelled Kherson. Kherson was hit again.", encoding="utf-8")

    def roles(*extra: str) -> dict[str, str]:
        result = run("extract", path, "--jobs", jobs, *extra)
        assert result.exit_code == 0, result.output
        [record] = map(json.loads, result.stdout.splitlines())
        return {p["mention"]: p["role"] for p in record["places"]}

    assert "Russian" not in roles()
    asked = roles("--demonyms")
    assert asked["Russian"] == "demonym" and asked["Kherson"] == "literal"


def test_min_confidence_filters_places(dated: Path) -> None:
    def places(result) -> list[dict]:
        return [p for line in result.stdout.splitlines() for p in json.loads(line)["places"]]

    everything = places(run("extract", dated))
    threshold = sorted(p["confidence"] for p in everything)[len(everything) // 2]
    kept = run("extract", dated, "--min-confidence", str(threshold))
    assert kept.exit_code == 0
    got = places(kept)
    assert 0 < len(got) < len(everything)
    assert all(p["confidence"] >= threshold or p["id"] is None for p in got)
    for record in map(json.loads, kept.stdout.splitlines()):
        for event in record["events"]:  # event place indices still point at their place
            assert event["place"] is None or event["place"] < len(record["places"])


# -- map and export ---------------------------------------------------------------------


@pytest.mark.parametrize(("args", "check"), [
    # offline by default: the page must work with no network
    ([], lambda page: "<html" in page and 'src="http' not in page and "L.map" in page),
    (["--offline"], lambda page: "<html" in page and 'src="http' not in page),
    (["--cdn"], lambda page: "<html" in page and 'src="http' in page),
    (["--fragment"], lambda page: page.startswith("<iframe") and "srcdoc=" in page),
])
def test_map_html(tmp_path: Path, article: Path, args: list[str], check) -> None:
    out = tmp_path / "maps" / "seed.html"
    result = run("map", article, "-o", out, *args)
    assert result.exit_code == 0, result.output
    assert check(out.read_text("utf-8"))
    assert f"wrote {out}" in result.stderr


@pytest.mark.parametrize("args", [["--png"], ["--format", "png"], []])
def test_map_png(tmp_path: Path, article: Path, args: list[str]) -> None:
    out = tmp_path / "map.png"
    result = run("map", article, "-o", out, *args)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_map_with_a_bad_input_still_writes_the_map(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "map.html"
    result = run("map", article, tmp_path / "missing.txt", "-o", out)
    assert result.exit_code == 1
    assert out.exists()


def test_export_geojson_per_layer(tmp_path: Path, dated: Path) -> None:
    out = tmp_path / "layers"
    result = run("export", dated, "-o", out)
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.glob("*.geojson"))
    assert "places.geojson" in files and "strike.geojson" in files
    for file in files:
        data = json.loads((out / file).read_text("utf-8"))
        assert data["type"] == "FeatureCollection" and data["features"]


def test_export_gpkg(tmp_path: Path, dated: Path) -> None:
    import geopandas as gpd
    import pyogrio

    out = tmp_path / "events.gpkg"
    result = run("export", dated, "-o", out, "--types", "strike")
    assert result.exit_code == 0, result.output
    layers = {name for name, _ in pyogrio.list_layers(out)}
    assert "strike" in layers and "advance" not in layers
    frame = gpd.read_file(out, layer="strike")
    assert len(frame) >= 1


# -- jobs, online fallback --------------------------------------------------------------


@pytest.mark.slow
def test_jobs_give_the_same_output(tmp_path: Path, dated: Path, article: Path) -> None:
    one, two = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    assert run("extract", dated, article, dated, "-o", one).exit_code == 0
    assert run("extract", dated, article, dated, "--jobs", "2", "-o", two).exit_code == 0
    assert one.read_bytes() == two.read_bytes()


def _zaitseve_run(tmp_path: Path) -> Path:
    """Eighteen reports around Horlivka, then a bare 'near Zaitseve' (a village name with
    namesakes in several oblasts, one beside Horlivka)."""
    around = ["Russian forces shelled Horlivka, Yasynuvata and Bakhmut on Monday.",
              "Fighting continued near Horlivka and Bakhmut.",
              "Shelling hit Horlivka again, officials in Donetsk said."] * 6
    path = tmp_path / "run.jsonl"
    path.write_text("".join(json.dumps({"id": f"r{i}", "text": t}) + "\n" for i, t in
                            enumerate([*around, "Troops repelled an attack near Zaitseve."])))
    return path


def _admin1_of(output: str, mention: str) -> set[str]:
    return {p["admin1"] for line in output.splitlines() if line.startswith("{")
            for p in json.loads(line)["places"] if p["mention"] == mention}


@pytest.mark.parametrize(("options", "focused"), [
    ((), True),  # the run's other reports are around Horlivka
    # the article alone: one of the namesakes elsewhere (Zaitseve of Dnipropetrovsk Oblast
    # and Zaytsevo of Crimea are the same name spelt two ways; a namesake's population
    # decides between them, not the spelling)
    (("--no-run-focus",), False),
])
def test_run_focus_option(tmp_path: Path, options: tuple[str, ...], focused: bool) -> None:
    result = run("extract", _zaitseve_run(tmp_path), *options, "-q")
    assert result.exit_code == 0, result.output
    admin1 = _admin1_of(result.stdout, "Zaitseve")
    assert len(admin1) == 1 and (admin1 == {"Donetsk Oblast"}) is focused


def test_without_run_focus_an_article_reads_the_same_alone(tmp_path: Path) -> None:
    alone = tmp_path / "alone.txt"
    alone.write_text("Troops repelled an attack near Zaitseve.")
    together = run("extract", _zaitseve_run(tmp_path), "--no-run-focus", "-q")
    single = run("extract", alone, "--no-run-focus", "-q")
    assert _admin1_of(together.stdout, "Zaitseve") == _admin1_of(single.stdout, "Zaitseve")


class FakeNominatim(BaseHTTPRequestHandler):
    """Answers /search in Nominatim's JSON for one made-up village; nothing else."""

    queries: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        query = parse_qs(urlparse(self.path).query).get("q", [""])[0]
        type(self).queries.append(query)
        found = [{
            "place_id": 7, "osm_type": "node", "osm_id": 4242, "lat": "47.1234",
            "lon": "33.5678", "class": "place", "type": "village", "addresstype": "village",
            "name": "Zorvanivka", "display_name": "Zorvanivka, Kherson Oblast, Ukraine",
            "address": {"village": "Zorvanivka", "state": "Kherson Oblast",
                        "country_code": "ua"},
            "extratags": {},
        }] if query.casefold() == "zorvanivka" else []
        body = json.dumps(found).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def nominatim(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[type[FakeNominatim]]:
    handler = type("Handler", (FakeNominatim,), {"queries": []})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    handler.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    # the answers are cached on disk: keep this test's cache out of the user's
    monkeypatch.setattr("geomap.online.default_cache_dir", lambda: tmp_path / "cache")
    try:
        yield handler
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_nominatim_fallback_for_a_name_the_gazetteer_lacks(
        tmp_path: Path, nominatim: type[FakeNominatim]) -> None:
    src = tmp_path / "village.txt"
    src.write_text("The mayor of Zorvanivka said the town was shelled. Zorvanivka lies east "
                   "of Kherson.\n", encoding="utf-8")
    offline = run("extract", src)
    assert "Zorvanivka" not in {p["name"] for p in json.loads(offline.stdout)["places"]}
    result = run("extract", src, "--geocoder", "nominatim", "--nominatim-url", nominatim.url,
                 "--geocoder-delay", "0")
    assert result.exit_code == 0, result.output
    places = {p["mention"]: p for p in json.loads(result.stdout)["places"]}
    village = places["Zorvanivka"]
    assert village["geocoder"] == "nominatim"
    assert (village["lat"], village["lon"], village["id"]) == (47.1234, 33.5678,
                                                               "osm:node:4242")
    assert places["Kherson"]["geocoder"] == "offline"
    assert "Zorvanivka" in nominatim.queries and "Kherson" not in nominatim.queries


def test_nominatim_url_from_the_environment(tmp_path: Path, nominatim: type[FakeNominatim],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "village.txt"
    src.write_text("The mayor of Zorvanivka said the town was shelled.\n", encoding="utf-8")
    monkeypatch.setenv("GEOMAP_NOMINATIM_URL", nominatim.url)
    result = run("extract", src, "--geocoder", "nominatim", "--geocoder-delay", "0")
    assert result.exit_code == 0
    assert nominatim.queries == ["Zorvanivka"]


def test_unreachable_nominatim_warns_and_goes_on_offline(tmp_path: Path, article: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setattr("geomap.online.default_cache_dir", lambda: tmp_path / "cache")
    src = tmp_path / "village.txt"
    src.write_text("The mayor of Zorvanivka said the town was shelled.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run("extract", src, article, "--geocoder", "nominatim", "--geocoder-delay", "0",
                 "--nominatim-url", f"http://127.0.0.1:{port}", "-o", out)
    assert result.exit_code == 0
    assert f"cannot reach Nominatim at http://127.0.0.1:{port}" in result.stderr
    assert result.stderr.count("continuing offline") == 1  # said once, not per name
    assert "Traceback" not in result.stderr and "Retrying" not in result.stderr
    village, other = records(out)  # the whole batch is written, offline
    [(name, lat)] = [(p["mention"], p["lat"]) for p in village["places"]]
    assert name == "Zorvanivka" and lat is None  # kept, unresolved
    assert any(p["name"] == "Kherson" for p in other["places"])


@pytest.mark.parametrize(("url", "scheme", "domain"), [
    ("http://127.0.0.1:8080", "http", "127.0.0.1:8080"),
    ("https://example.org/nominatim/", "https", "example.org/nominatim"),
    ("http://localhost:8080/search", "http", "localhost:8080"),
    ("nominatim.example.org", "https", "nominatim.example.org"),
])
def test_nominatim_url_to_geocoder_options(url: str, scheme: str, domain: str) -> None:
    options = nominatim_options(url, 0.5)
    assert options == {"min_delay_seconds": 0.5, "scheme": scheme, "domain": domain}


# -- the summary's reasons --------------------------------------------------------------


@pytest.mark.parametrize(("line", "message", "reason"), [
    (None, "empty file; remove it or add the article text", "empty file"),
    (None, "binary file (contains NUL bytes), not text; convert it", "binary file"),
    (3, "not valid JSON (Expecting value at column 1); fix the line", "invalid JSON line"),
    (1, "not valid JSON (Expecting value at column 1); fix the file", "invalid JSON line"),
    (None, "not valid JSON (Extra data); fix the file", "invalid JSON file"),
    (1, "no 'body' column (found: id, text); pass --text-field NAME", "no 'body' column"),
    (4, "no 'text' field (found: id); pass --text-field NAME", "no 'text' field"),
    (None, "x.json[2]: no 'text' field (found: id); pass --text-field", "no 'text' field"),
    (5, "'text' is empty; remove the record or add the article text", "empty 'text'"),
    (None, "no such file or folder; check the path", "missing path"),
    (None, "folder has no files matching *.txt; pass the files directly", "folder with no "
     "text files"),
    (None, "pattern matched no files; check the pattern", "glob matching nothing"),
    (None, "something new and unexpected happened while reading; fix it",
     "something new and unexpected happened…"),
])
def test_skip_reason(line: int | None, message: str, reason: str) -> None:
    assert skip_reason(InputProblem("f", line, message)) == reason


def test_summary_line() -> None:
    batch = Batch(quiet=True)
    for message in ("empty file; x", "not valid JSON (y); z", "empty file; x"):
        batch.skip(InputProblem("f", 2 if "JSON" in message else None, message))
    assert batch.summary() == ("0 articles, 0 places, 0 events, 0 unresolved; 3 skipped: "
                               "2 empty file, 1 invalid JSON line")
    assert batch.exit_code == 1
    assert Batch().summary().endswith("; 0 skipped") and Batch().exit_code == 0


# -- eval -------------------------------------------------------------------------------


def test_eval_without_data_is_skipped(tmp_path: Path) -> None:
    result = run("eval", "--root", tmp_path / "nothing-here")
    assert result.exit_code == 0
    assert f"skipped: no eval data at {tmp_path / 'nothing-here'}" in result.stderr


@pytest.mark.eval
@pytest.mark.skipif(not corpus_available("ucdp"), reason="no UCDP data under the eval root")
def test_eval_ucdp_with_country_hint(tmp_path: Path) -> None:
    errors = tmp_path / "errors.tsv"
    result = run("eval", "--corpus", "ucdp", "--limit", "5", "--country", "UA", "--json",
                 "--errors", errors)
    assert result.exit_code == 0, result.output
    [report] = json.loads(result.stdout)
    assert report["corpus"] == "ucdp" and "UA" in report["system"]
    assert errors.exists()
    assert str(default_eval_root()) not in result.stdout


# -- real processes: pipes and signals --------------------------------------------------


def _geomap(*args: str | Path, **kw) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "geomap", *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, **kw)


def _many(tmp_path: Path, n: int) -> Path:
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"id": str(i), "text": TEXT + TEXT2}) + "\n"
                            for i in range(n)), encoding="utf-8")
    return path


@pytest.mark.slow
def test_python_m_geomap(article: Path) -> None:
    proc = _geomap("extract", article, "--format", "csv")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert out.decode().startswith("article_id,") and b"Kherson" in out
    assert b"1 article, " in err


@pytest.mark.parametrize("args", [[], ["--cdn"]])
@pytest.mark.slow
def test_map_process_skips_pandas(tmp_path: Path, article: Path, args: list[str]) -> None:
    # folium imports pandas only for DataFrames; `geomap map` spares its start-up that
    # import, and the page it writes is still whole
    out = tmp_path / "map.html"
    code = ("import sys\nfrom geomap.cli import main\n"
            f"sys.argv = ['geomap', 'map', {str(article)!r}, '-o', {str(out)!r}, '-q', *{args!r}]\n"
            "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
            "print('pandas' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"
    page = out.read_text("utf-8")
    assert "L.map" in page and "Kherson" in page


@pytest.mark.slow
def test_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    proc = _geomap("extract", _many(tmp_path, 200))
    assert proc.stdout is not None
    first = proc.stdout.readline()  # like `| head -1`
    proc.stdout.close()
    err = proc.stderr.read() if proc.stderr else b""
    proc.wait(timeout=120)
    assert json.loads(first)["id"] == "0"
    assert proc.returncode == 141
    assert b"Traceback" not in err and b"Broken pipe" not in err and b"error" not in err


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_exits_130_without_output(tmp_path: Path, jobs: str) -> None:
    out = tmp_path / "out" / "places.jsonl"
    # A session of its own: Ctrl-C in a terminal signals the whole process group
    # (the --jobs workers too), and so does this test.
    proc = _geomap("extract", _many(tmp_path, 3000), "--jobs", jobs, "-o", out,
                   start_new_session=True)
    deadline = time.monotonic() + 60
    # The temporary output appears when the batch starts; interrupt it while it runs.
    while not list(out.parent.glob(".places.jsonl.*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(4.0)
    assert proc.poll() is None
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err
    assert b"interrupted" in err
    assert list(out.parent.iterdir()) == []  # no partial file, no temporary left behind


@pytest.mark.slow
def test_output_does_not_depend_on_hash_seed_or_jobs(tmp_path):
    """Set iteration order changes with PYTHONHASHSEED; the output must not."""
    import os
    import subprocess
    import sys

    src = tmp_path / "news.jsonl"
    texts = [
        "Russian forces shelled Kherson and Mykolaiv overnight; talks in Istanbul stalled.",
        "Ukrainian troops advanced near Bakhmut, Donetsk region, after heavy fighting.",
        "A meeting in Geneva discussed the dam on the Dnieper and flooding risks.",
    ]
    src.write_text("".join(json.dumps({"id": str(i), "text": t}) + "\n"
                           for i, t in enumerate(texts * 3)), encoding="utf-8")
    outs = []
    for seed, jobs in (("1", "1"), ("2", "1"), ("3", "2")):
        out = tmp_path / f"out{seed}.jsonl"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "geomap", "extract", str(src), "-o", str(out),
                        "-q", "--jobs", jobs], check=True, env=env)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] == outs[2]
