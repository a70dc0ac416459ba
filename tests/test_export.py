"""Tests for geomap.export: HTML, fragment, GeoJSON per layer, GeoPackage, PNG."""

from __future__ import annotations

import json

import pyogrio
import pytest
from map_articles import KHERSON, StandInGeometries, hostile_article, seed_article

from geomap.errors import OutputError
from geomap.export import (
    GPKG_COLUMNS,
    export_geojson,
    export_gpkg,
    layer_collections,
    render_png,
    save_fragment,
    save_html,
    write_text,
)
from geomap.render import build_map

GEOMS = StandInGeometries()
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _leftovers(folder):
    return [p.name for p in folder.iterdir() if p.name.startswith(".")]


def test_save_html_writes_the_page_atomically(tmp_path):
    out = save_html(build_map([seed_article()], gazetteer=GEOMS, offline=True),
                    tmp_path / "maps" / "seed.html")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "geomapBind" in text
    assert _leftovers(out.parent) == []


def test_save_fragment_is_one_iframe(tmp_path):
    out = save_fragment(build_map([seed_article()], offline=True), tmp_path / "frag.html")
    text = out.read_text(encoding="utf-8")
    assert text.count("<iframe") == 1 and "srcdoc=" in text


def test_write_into_a_file_instead_of_a_folder_is_an_output_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="cannot write .*file/out.html"):
        write_text(blocker / "out.html", "hello")
    assert isinstance(OutputError("x"), OSError)


def test_failed_replace_leaves_the_target_alone_and_no_temp_files(tmp_path):
    target = tmp_path / "a.html"
    target.mkdir()  # a non-empty folder where the file should go: os.replace fails
    (target / "keep.txt").write_text("old")
    with pytest.raises(OutputError, match="a.html"):
        write_text(target, "new")
    assert (target / "keep.txt").read_text() == "old" and _leftovers(tmp_path) == []


@pytest.mark.parametrize(("layer", "n_features", "geometry_types"), [
    ("advance", 3, {"Polygon", "LineString"}),
    ("fortification", 1, {"Point"}),
    ("infrastructure_damage", 1, {"Polygon"}),
    ("flooding", 1, {"Polygon"}),
    ("places", 6, {"Point", "Polygon", "LineString"}),
    ("statements", 1, {"Point"}),
])
def test_export_geojson_writes_one_file_per_layer(tmp_path, layer, n_features, geometry_types):
    paths = export_geojson([seed_article()], tmp_path / "gj", gazetteer=GEOMS)
    assert sorted(p.name for p in paths) == sorted(
        f"{k}.geojson" for k in ("advance", "fortification", "infrastructure_damage",
                                 "flooding", "places", "statements"))
    fc = json.loads((tmp_path / "gj" / f"{layer}.geojson").read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == n_features
    assert {f["geometry"]["type"] for f in fc["features"]} == geometry_types
    for f in fc["features"]:
        for e in f["properties"]["entries"]:
            if e["mark"]:
                assert e["sentence"][e["mark"][0]:e["mark"][1]] == e["text"]


def test_geojson_properties_are_readable_and_urls_safe():
    fcs = layer_collections([seed_article(), hostile_article()], gazetteer=GEOMS)
    fort = fcs["fortification"]["features"][0]["properties"]
    assert fort["name"] == "Kherson" and fort["place_id"] == KHERSON.id
    assert fort["entries"][0]["url"].startswith("https://")
    assert fort["entries"][0]["status"] == "reported" and fort["first_date"] == "2022-11-04"
    strike = fcs["strike"]["features"][0]["properties"]
    assert strike["entries"][0]["url"] is None  # javascript: dropped
    assert "${alert(1)}" in strike["entries"][0]["sentence"]  # data is kept verbatim


def test_export_gpkg_has_a_table_per_layer_and_a_row_per_event(tmp_path):
    out = export_gpkg([seed_article()], tmp_path / "seed.gpkg", gazetteer=GEOMS)
    layers = dict(pyogrio.list_layers(out))
    assert set(layers) == {"advance", "fortification", "infrastructure_damage", "flooding",
                           "places", "statements"}
    import geopandas as gpd

    adv = gpd.read_file(out, layer="advance")
    assert len(adv) == 3 and adv.crs.to_epsg() == 4326
    assert set(GPKG_COLUMNS) <= set(adv.columns)
    assert set(adv.geom_type) == {"Polygon", "LineString"}
    assert sorted(adv["text"]) == ["advancing", "counteroffensive", "retaken"]
    assert _leftovers(tmp_path) == []


def test_export_gpkg_without_events_is_still_a_geopackage(tmp_path):
    out = export_gpkg([], tmp_path / "empty.gpkg")
    assert [name for name, _ in pyogrio.list_layers(out)] == ["empty"]


@pytest.mark.parametrize("articles", [
    [seed_article()],
    [seed_article(), hostile_article()],  # "$" must not start matplotlib mathtext
    [],
])
def test_render_png_writes_an_image(tmp_path, articles):
    out = render_png(articles, tmp_path / "map.png", gazetteer=GEOMS, title="Seed $x$ ${y}",
                     dpi=60)
    data = out.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 5_000
    assert _leftovers(tmp_path) == []
