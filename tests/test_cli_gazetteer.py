"""`geomap gazetteer lookup|info|build` through Typer's CliRunner on the real store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from geomap.cli import app
from geomap.gazetteer import EXTRAS_FILE, store_path

runner = CliRunner()
FIXTURE = Path(__file__).parent / "data" / "geonames_fixture.txt"


def run(*args: str):
    return runner.invoke(app, ["gazetteer", *args], catch_exceptions=False)


@pytest.mark.parametrize("command", [[], ["lookup"], ["near"], ["info"], ["build"]])
def test_every_command_has_help(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0 and "Usage" in result.output


@pytest.mark.parametrize(("query", "expected_id"), [
    ("Kherson", "gn:706448"),
    ("Kherson oblast", "gn:706442"),
    ("Kiev", "gn:703448"),
    ("Dnieper", "ne:river:dnieper"),
    ("Donbas", "cur:donbas"),
])
def test_lookup_json(gazetteer_store: Path, query: str, expected_id: str) -> None:
    result = run("lookup", query, "--json", "--store", str(gazetteer_store))
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found[0]["id"] == expected_id


def test_lookup_kherson_city_first(gazetteer_store: Path) -> None:
    found = json.loads(run("lookup", "Kherson", "--json", "--store",
                           str(gazetteer_store)).output)
    first = found[0]
    assert first["feature_code"] == "PPLA"
    assert abs(first["lat"] - 46.64) < 0.02 and abs(first["lon"] - 32.61) < 0.02


def test_lookup_table_country_and_limit(gazetteer_store: Path) -> None:
    result = run("lookup", "Odessa", "--country", "US", "--limit", "2", "--store",
                 str(gazetteer_store))
    assert result.exit_code == 0
    assert "US" in result.output and "Texas" in result.output
    found = json.loads(run("lookup", "Odessa", "--country", "US", "--limit", "2", "--json",
                           "--store", str(gazetteer_store)).output)
    assert len(found) == 2 and {f["country_code"] for f in found} == {"US"}


def test_lookup_unknown_exits_1(gazetteer_store: Path) -> None:
    result = run("lookup", "Xyzzyvillegrad", "--store", str(gazetteer_store))
    assert result.exit_code == 1 and "no place named" in result.output
    result = run("lookup", "Xyzzyvillegrad", "--json", "--store", str(gazetteer_store))
    assert result.exit_code == 0 and json.loads(result.output) == []


def test_info_json(gazetteer_store: Path) -> None:
    result = run("info", "--json", "--store", str(gazetteer_store))
    assert result.exit_code == 0
    info = json.loads(result.output)
    assert info["counts"]["class P"] > 200_000 and info["path"] == str(gazetteer_store)
    assert "counts" in run("info", "--store", str(gazetteer_store)).output


def test_corrupt_store_message(tmp_path: Path) -> None:
    bad = tmp_path / "gazetteer.sqlite"
    bad.write_bytes(b"garbage" * 1000)
    result = run("lookup", "Kyiv", "--store", str(bad))
    assert result.exit_code == 1
    assert "geomap gazetteer build --force" in result.output


def _home_with_store(tmp_path: Path, gazetteer_store: Path) -> tuple[Path, Path]:
    home = tmp_path / "home"
    home.mkdir()
    dest = store_path(home, extras=[])
    shutil.copy(gazetteer_store, dest)
    return home, dest


@pytest.mark.parametrize(("mutate", "line"), [
    (lambda lines: lines[:1] + [lines[1][:30]] + lines[2:], 2),  # truncated line
    (lambda lines: lines[:2] + [lines[2] + "\tx"] + lines[3:], 3),  # 20 columns
    (lambda lines: [lines[0].replace("47.10000", "9999")] + lines[1:], 1),  # bad latitude
])
def test_build_malformed_geonames_keeps_store(tmp_path: Path, gazetteer_store: Path,
                                              mutate, line: int) -> None:
    home, dest = _home_with_store(tmp_path, gazetteer_store)
    before = dest.stat().st_mtime_ns, dest.stat().st_size
    bad = tmp_path / "UA.txt"
    bad.write_text("\n".join(mutate(FIXTURE.read_text(encoding="utf-8").splitlines())) + "\n",
                   encoding="utf-8")
    result = run("build", "--geonames", str(bad), "--home", str(home))
    assert result.exit_code == 1
    assert f"UA.txt:{line}" in result.output.replace("\n", "")
    assert (dest.stat().st_mtime_ns, dest.stat().st_size) == before
    assert not (home / EXTRAS_FILE).exists()  # a failed table is not remembered
    assert sorted(p.name for p in home.iterdir()) == [dest.name]


def test_build_up_to_date(tmp_path: Path, gazetteer_store: Path) -> None:
    home, dest = _home_with_store(tmp_path, gazetteer_store)
    result = run("build", "--home", str(home))
    assert result.exit_code == 0 and "up to date" in result.output


@pytest.mark.slow
def test_build_remembers_extra_tables(tmp_path: Path, gazetteer_store: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    home, _ = _home_with_store(tmp_path, gazetteer_store)
    result = run("build", "--geonames", str(FIXTURE), "--home", str(home))
    assert result.exit_code == 0, result.output
    assert json.loads((home / EXTRAS_FILE).read_text())["geonames"] == [str(FIXTURE.resolve())]
    stores = list(home.glob("gazetteer-v*.sqlite"))
    assert len(stores) == 1  # the old store was replaced
    monkeypatch.setenv("GEOMAP_HOME", str(home))
    found = json.loads(run("lookup", "Testivka", "--json").output)
    assert found[0]["id"] == "gn:99000001"
    # a plain rebuild keeps the remembered table
    assert "up to date" in run("build").output


def test_near(gazetteer_store: Path) -> None:
    result = run("near", "46.69", "32.55", "--json", "--store", str(gazetteer_store))
    assert result.exit_code == 0
    found = json.loads(result.output)
    assert found[0]["id"] == "gn:710715" and found[0]["distance_km"] < 2
    assert "Chornobai" in run("near", "46.69", "32.55", "--store", str(gazetteer_store)).output
    assert run("near", "43.0", "34.0", "--km", "5", "--store",
               str(gazetteer_store)).exit_code == 1
    assert run("near", "95", "34.0", "--store", str(gazetteer_store)).exit_code == 2


def test_missing_remembered_table_says_how_to_forget_it(tmp_path: Path,
                                                        gazetteer_store: Path) -> None:
    home, dest = _home_with_store(tmp_path, gazetteer_store)
    (home / EXTRAS_FILE).write_text(json.dumps({"geonames": [str(tmp_path / "gone.zip")]}))
    result = run("lookup", "Kyiv", "--store", str(home))
    assert result.exit_code == 1
    assert "gone.zip" in result.output and "--reset" in result.output
    result = run("build", "--reset", "--home", str(home))
    assert result.exit_code == 0 and "up to date" in result.output
    assert json.loads((home / EXTRAS_FILE).read_text())["geonames"] == []
    assert json.loads(run("lookup", "Kyiv", "--json", "--store", str(home)).output)
