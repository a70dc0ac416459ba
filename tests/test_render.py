"""Tests for geomap.render: layers, shapes, popups data, time control, offline, safety."""

from __future__ import annotations

import json
import re

import folium
import pytest
from folium.plugins import MarkerCluster, TimelineSlider
from hypothesis import given, settings
from hypothesis import strategies as st
from map_articles import (
    DNIEPER,
    KHERSON,
    StandInGeometries,
    hostile_article,
    many_articles,
    seed_article,
)

from geomap.errors import GeomapError, RenderError
from geomap.model import EVENT_TYPES
from geomap.render import (
    EXTRA_LAYERS,
    _clip,
    build_layers,
    build_map,
    collect_features,
    escape_text,
    features_bounds,
    json_for_script,
    load_styles,
    safe_url,
    to_fragment,
)

GEOMS = StandInGeometries()


def _html(m: folium.Map) -> str:
    return m.get_root().render()


def _groups(m: folium.Map) -> list[folium.FeatureGroup]:
    return [c for c in m._children.values() if isinstance(c, folium.FeatureGroup)]


def test_styles_cover_every_event_type_and_extra_layer():
    styles = load_styles()
    assert set(styles) == set(EVENT_TYPES) | set(EXTRA_LAYERS)
    assert len({s.colour for s in styles.values()}) == len(styles)  # all distinct
    assert all(re.fullmatch(r"#[0-9a-f]{6}", s.colour) and s.icon for s in styles.values())


@pytest.mark.parametrize(("layer", "key", "geometry"), [
    ("advance", "cur:kherson-oblast", "Polygon"),
    ("advance", "cur:dnieper", "LineString"),
    ("advance", "cur:kharkiv-oblast", "Polygon"),
    ("fortification", KHERSON.id, "Point"),
    ("infrastructure_damage", "gn:690791", "Polygon"),
    ("flooding", "gn:690791", "Polygon"),
    ("places", KHERSON.id, "Point"),
    ("places", "cur:donbas", "Polygon"),
    ("statements", "gn:703448", "Point"),
])
def test_regions_are_shapes_rivers_lines_towns_points(layer, key, geometry):
    layers = collect_features([seed_article()], gazetteer=GEOMS)
    feats = {f.key: f for f in layers[layer]}
    assert feats[key].geometry["type"] == geometry


def test_without_gazetteer_or_geometry_everything_falls_back_to_points():
    for source in (None, StandInGeometries(shapes={})):
        layers = collect_features([seed_article()], gazetteer=source)
        kinds = {f.geometry["type"] for fs in layers.values() for f in fs}
        assert kinds == {"Point"}
        dnieper = next(f for f in layers["advance"] if f.key == DNIEPER.id)
        assert dnieper.geometry["coordinates"] == [DNIEPER.lon, DNIEPER.lat]


def test_events_without_place_or_coordinates_are_not_mapped():
    layers = collect_features([seed_article()], gazetteer=GEOMS)
    assert "strike" not in layers  # "blow up" has no place in the seed article
    assert sum(len(f.entries) for f in layers["advance"]) == 3


@pytest.mark.parametrize(("layer", "key", "marked"), [
    ("fortification", KHERSON.id, "fortress"),
    ("advance", "cur:kherson-oblast", "retaken"),
    ("advance", "cur:dnieper", "advancing"),
    ("places", "cur:donbas", "Donbas"),
])
def test_entries_mark_the_trigger_inside_the_quoted_sentence(layer, key, marked):
    feat = next(f for f in collect_features([seed_article()], gazetteer=GEOMS)[layer]
                if f.key == key)
    e = feat.entries[0]
    assert e.mark is not None and e.sentence[e.mark[0]:e.mark[1]] == marked
    assert e.title.startswith("US, Russia") and e.url.startswith("https://")


def test_same_place_and_type_share_one_feature_across_articles():
    arts = [seed_article(), seed_article(date="2022-11-06", doc_id="b")]
    feat = next(f for f in collect_features(arts, gazetteer=GEOMS)["fortification"])
    assert len(feat.entries) == 2 and feat.first_date() == "2022-11-04"


def test_types_filter_and_unknown_types():
    layers = collect_features([seed_article()], gazetteer=GEOMS, types=["advance"])
    assert set(layers) == {"advance", "places", "statements"}
    with pytest.raises(RenderError, match="Unknown event type.*explosion"):
        collect_features([seed_article()], types=["explosion"])
    assert issubclass(RenderError, GeomapError)


def test_map_has_a_layer_per_type_a_control_and_hidden_extra_layers():
    m = build_map([seed_article()], gazetteer=GEOMS)
    groups = _groups(m)
    names = [re.sub(r"<[^>]+>[^<]*</span>", "", g.layer_name) for g in groups]
    assert names == ["Advance (3)", "Infrastructure damage (1)", "Fortification (1)",
                     "Flooding (1)", "Places mentioned (6)", "Statements (metonymic) (1)"]
    assert [g.show for g in groups] == [True, True, True, True, False, False]
    assert any(isinstance(c, folium.LayerControl) for c in m._children.values())
    html = _html(m)
    assert "geomapPanel(" in html and "Legend" in html  # the legend control
    assert "L.circleMarker" in html and "L.marker(" not in html  # no Marker per event


@pytest.mark.parametrize(("dates", "time_control", "slider"), [
    (["2022-11-04", "2022-11-06"], True, True),
    (["2022-11-04", "2022-11-04"], True, False),  # one day: nothing to step through
    (["2022-11-04", "2022-11-06"], False, False),
])
def test_time_slider_when_events_span_several_days(dates, time_control, slider):
    arts = [seed_article(date=d, doc_id=f"d{i}") for i, d in enumerate(dates)]
    m = build_map(arts, gazetteer=GEOMS, time_control=time_control)
    has = any(isinstance(c, TimelineSlider) for c in m._children.values())
    assert has is slider
    if slider:
        html = _html(m)
        assert "L.timeline(" in html and "geomapClock" in html


def test_many_points_are_clustered_without_timeline():
    m = build_map(many_articles(600, days=1), time_control=True)
    clusters = [c for g in _groups(m) for c in g._children.values()
                if isinstance(c, MarkerCluster)]
    assert clusters
    assert "geomapCluster(" in _html(m)


def test_fit_bounds_cover_all_features():
    layers = collect_features([seed_article()], gazetteer=GEOMS)
    (s, w), (n, e) = features_bounds(f for fs in layers.values() for f in fs)
    assert s <= KHERSON.lat <= n and w <= KHERSON.lon <= e
    assert n >= 52 and w <= 23  # the Ukraine outline


def test_offline_map_loads_nothing_from_the_network():
    html = _html(build_map([seed_article()], gazetteer=GEOMS, offline=True))
    assert not re.search(r"<(script|link|img)[^>]*\b(src|href)=", html)
    assert "tile.openstreetmap" not in html and "basemaps.cartocdn" not in html
    assert "Content-Security-Policy" in html
    assert "L.tileLayer" not in html


def test_online_map_uses_leaflet_from_cdn_without_bootstrap_or_jquery():
    html = _html(build_map([seed_article()], gazetteer=GEOMS))
    assert re.search(r'<script src="https://cdn\.jsdelivr\.net/npm/leaflet@[\d.]+/dist/leaflet.js"',
                     html)
    assert "bootstrap" not in html and "jquery" not in html.lower()


def test_build_layers_drop_into_a_users_own_map():
    m = folium.Map(location=[48, 32], zoom_start=5)
    for g in build_layers([seed_article()], gazetteer=GEOMS):
        g.add_to(m)
    folium.LayerControl().add_to(m)
    html = _html(m)
    assert html.count('"geomap_js"') == 0 and html.count("window.geomapBind = ") == 1
    assert "Places mentioned" in html


@pytest.mark.parametrize("position", [0, 150, 400, 595])
def test_long_quotes_are_clipped_around_the_trigger(position):
    words = ("word " * 120).strip()
    sentence = words[:position] + "TRIGGER" + words[position:]
    text, mark = _clip(sentence, (position, position + 7), limit=120)
    assert len(text) <= 122 and text[mark[0]:mark[1]] == "TRIGGER"
    assert text.startswith("\u2026") is (position > 60)
    assert text.endswith("\u2026") is (position < len(sentence) - 70)


@pytest.mark.parametrize(("text", "expected"), [
    ("plain", "plain"),
    ("${alert(1)}", "&#36;&#123;alert(1)&#125;"),
    ("`x`", "&#96;x&#96;"),
    ("</script>", "&lt;/script&gt;"),
    ("<img src=x onerror=alert(3)>", "&lt;img src=x onerror=alert(3)&gt;"),
    ("\"'&", "&quot;&#x27;&amp;"),
])
def test_escape_text(text, expected):
    assert escape_text(text) == expected


@pytest.mark.parametrize(("url", "kept"), [
    ("https://example.org/a?b=1", True),
    ("http://example.org", True),
    ("HTTPS://EXAMPLE.ORG", True),
    ("javascript:alert(4)", False),
    (" javascript:alert(4)", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("https://exa mple.org", False),
    ("https://example.org/\u0000", False),
    ("//example.org", False),
    ("", False),
    (None, False),
])
def test_safe_url_keeps_only_http_links(url, kept):
    assert (safe_url(url) is not None) is kept


@pytest.mark.parametrize("text", [
    "</script><script>alert(2)</script><!--",
    "{{ 7*7 }} {% if 1 %}x{% endif %} {# c #} {{{ {",
    "\u2028 & ' \" `${x}`",
])
def test_json_for_script_cannot_close_the_script_or_open_jinja(text):
    out = json_for_script({"t": text, "n": [{"a": {}}]})
    assert "<" not in out and ">" not in out
    assert not re.search(r"\{[{%#]", out)
    assert json.loads(out) == {"t": text, "n": [{"a": {}}]}


@pytest.mark.parametrize("offline", [False, True])
def test_hostile_text_never_reaches_html_or_script_source(offline):
    m = build_map([seed_article(), hostile_article()], gazetteer=GEOMS, offline=offline,
                  title="${alert(1)} </script><script>alert(2)</script>")
    html = _html(m)
    for bad in ("<script>alert(2)", "<img src=x", "javascript:alert(4)", "onerror=alert(3)>"):
        assert bad not in html
    # the hostile strings travel only as JSON data inside the page
    assert "\\u003cimg src=x onerror=alert(3)\\u003e" in html
    # and never pass through Jinja (branca compiles script strings as templates)
    assert "\\u007b{ 7*7 }}" in html and " 49 " not in html
    scripts = re.findall(r"<script\b", html)
    closes = re.findall(r"</script>", html)
    assert len(scripts) == len(closes)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/&{}%#$`'\"\\ \u2028scriptSCRIPT!-")),
               max_size=60) | st.text(max_size=60))
def test_json_for_script_is_inert_for_any_text(text):
    out = json_for_script({"t": text, "l": [text, {"k": text}]})
    assert "<" not in out and ">" not in out and not re.search(r"\{[{%#]", out)
    assert json.loads(out) == {"t": text, "l": [text, {"k": text}]}


def test_offline_page_credits_the_inlined_libraries():
    html = _html(build_map(many_articles(700, days=1), offline=True))
    credits = re.search(r"<!-- Inlined from the folium-offline package \(MIT\): (.*?) -->", html)
    assert credits and "Leaflet 1.9.3 (BSD-2-Clause" in credits.group(1)
    assert "Leaflet.markercluster" in credits.group(1)


def test_fragment_is_an_isolated_iframe():
    frag = to_fragment(build_map([hostile_article()], offline=True), height="400px")
    assert frag.startswith("<iframe ") and frag.endswith("</iframe>")
    assert 'sandbox="allow-scripts' in frag and "allow-same-origin" not in frag
    assert "<script" not in frag and "&lt;script" in frag


@pytest.mark.slow
@pytest.mark.parametrize(("place_id", "layer", "geometry"), [
    ("gn:706442", "advance", {"Polygon", "MultiPolygon"}),  # Kherson Oblast
    ("cur:donbas", "advance", {"Polygon", "MultiPolygon"}),
    ("ne:river:dnieper", "advance", {"LineString", "MultiLineString"}),
    ("gn:706448", "fortification", {"Point"}),  # Kherson (a town)
])
def test_real_gazetteer_shapes(gazetteer, place_id, layer, geometry):
    from dataclasses import replace

    cand = gazetteer.get(place_id)
    assert cand is not None, f"{place_id} missing from the gazetteer"
    art = seed_article()
    places = list(art.places)
    idx = next(i for i, e in enumerate(art.events) if e.type == layer)
    places[art.events[idx].place] = replace(places[art.events[idx].place], candidate=cand)
    art = replace(art, places=tuple(places), events=(art.events[idx],))
    feats = collect_features([art], gazetteer=gazetteer)[layer]
    assert feats[0].key == place_id and feats[0].geometry["type"] in geometry
    html = _html(build_map([art], gazetteer=gazetteer, offline=True))
    assert len(html) < 1_500_000


class _WithAdmin1(StandInGeometries):
    def admin1(self, country_code: str) -> list:
        from map_articles import KHARKIV_OBLAST, KHERSON_OBLAST
        return [KHERSON_OBLAST, KHARKIV_OBLAST] if country_code == "UA" else []


@pytest.mark.parametrize(("source", "outlines"), [
    (StandInGeometries(), {"gn:690791", "cur:kherson-oblast", "cur:kharkiv-oblast"}),
    (_WithAdmin1(), {"gn:690791", "cur:kherson-oblast", "cur:kharkiv-oblast"}),
    (None, {"gn:690791", "cur:kherson-oblast", "cur:kharkiv-oblast"}),
])
def test_offline_basemap_outlines_focus_country_and_its_regions(source, outlines):
    from geomap.render import outline_candidates

    arts = [seed_article()]
    assert {c.id for c in outline_candidates(arts, source)} == outlines
    html = _html(build_map(arts, gazetteer=source, offline=True))
    assert ("color: '#adb5bd'" in html) is (source is not None)  # the outline layer


def test_admin1_hook_adds_regions_nobody_named():
    from dataclasses import replace

    from map_articles import KHARKIV_OBLAST

    from geomap.render import outline_candidates

    art = seed_article()
    art = replace(art, places=tuple(p for p in art.places if p.candidate != KHARKIV_OBLAST))
    assert KHARKIV_OBLAST.id not in {c.id for c in outline_candidates([art])}
    assert KHARKIV_OBLAST.id in {c.id for c in outline_candidates([art], _WithAdmin1())}


@pytest.mark.parametrize(("bounds", "inside", "outside"), [
    ([[44.4, 22.1], [52.4, 40.2]], {"PL", "BY", "RU", "MD", "RO", "TR", "GE"}, {"BR", "US", "AU"}),
    ([[41.7, 44.8], [41.7, 44.8]], {"GE", "AM", "AZ"}, {"UA", "PL", "BR"}),  # one point
    ([[-34.6, -58.4], [-33.4, -70.6]], set(), {"UA"}),  # west > east: nothing crosses
])
def test_context_outlines_are_the_countries_around_the_view(gazetteer, bounds, inside, outside):
    from shapely.geometry import shape

    from geomap.render import context_outlines

    found = context_outlines(bounds, gazetteer)
    codes = {cand.country_code for cand, _ in found}
    assert inside <= codes and not codes & outside
    for _, geom in found:  # clipped to a frame around the view, never the whole world
        minx, miny, maxx, maxy = shape(geom).bounds
        assert maxx - minx < 120 and maxy - miny < 60


def test_context_outlines_skip_ids_and_need_countries(gazetteer):
    from geomap.render import context_outlines

    bounds = [[44.4, 22.1], [52.4, 40.2]]
    ukraine = next(c for c, _ in context_outlines(bounds, gazetteer) if c.country_code == "UA")
    assert ukraine.id not in {c.id for c, _ in context_outlines(bounds, gazetteer,
                                                                skip={ukraine.id})}
    assert context_outlines(bounds, StandInGeometries()) == []  # no country_polygons()
    assert context_outlines(None, gazetteer) == []


def test_offline_map_shows_the_land_around_events_outside_the_focus_country(gazetteer):
    from dataclasses import replace

    tbilisi = gazetteer.lookup("Tbilisi")[0]
    art = seed_article()
    places = list(art.places)
    idx = art.events[0].place
    places[idx] = replace(places[idx], candidate=tbilisi)
    art = replace(art, places=tuple(places), events=(replace(art.events[0], lat=tbilisi.lat,
                                                             lon=tbilisi.lon),))
    html = _html(build_map([art], gazetteer=gazetteer, offline=True))
    outlines = json.loads(re.search(r'geo_json_\w+_add\((\{"features".*?)\);', html).group(1))
    # Georgia and its neighbours are drawn, though the article's focus is Ukraine
    assert len(outlines["features"]) >= 5
