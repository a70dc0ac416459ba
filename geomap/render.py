"""Layered folium maps from extracted articles.

API: :func:`build_map` (a complete map), :func:`build_layers` (FeatureGroups for a user's
own map or notebook), :func:`to_fragment` (an isolated ``<iframe srcdoc>`` snippet),
:func:`collect_features` (the per-layer features that the map and ``geomap.export`` share),
:func:`inline_assets` (make any folium map self-contained). Building is pure: nothing here
writes a file (``geomap.export`` does the I/O). Coordinates follow GeoJSON order (lon, lat)
inside geometries and folium order ``[lat, lon]`` for bounds.

Untrusted text (article titles, sentences, place names, URLs) never becomes HTML or
JavaScript source: it is embedded only as JSON data (:func:`json_for_script`, which also
keeps it out of Jinja, since branca compiles every script string as a template), and the
page builds popups and tooltips from it with ``textContent``. Links are made only for
http/https URLs, checked here and again in the browser. The little HTML written here
(layer names) is escaped with :func:`escape_text`.
"""

from __future__ import annotations

import csv
import html
import json
import math
import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Protocol
from urllib.parse import urlsplit

import folium
from branca.element import Element, Figure, MacroElement
from folium.elements import JSCSSMixin
from folium.plugins import MarkerCluster, TimelineSlider
from folium.template import Template
from folium.utilities import JsCode

from geomap.errors import RenderError
from geomap.model import EVENT_TYPES, Article, Candidate, Event, Place

STYLES_FILE = "event_styles.tsv"
EXTRA_LAYERS: tuple[str, ...] = ("places", "statements")
SHAPE_TYPES = frozenset({"Polygon", "MultiPolygon", "LineString", "MultiLineString"})
MAX_POPUP_ENTRIES = 8  # popups list the newest entries of a feature; the rest are counted
MAX_PLACE_ENTRIES = 3  # the same for the places and statements layers
RING_PX = 4  # extra radius per event layer drawn above a marker at the same place
SENTENCE_LIMIT = 280  # longer quotes are cut around the trigger in popups (exports keep all)
CLUSTER_MIN_POINTS = 60  # a layer with more point features than this is clustered (no timeline)
COORD_DIGITS = 4  # ~11 m; keeps embedded region outlines small
CONTEXT_PAD_DEG = 2.0  # the basemap of a page without tiles reaches this far past the view
CONTEXT_DETAIL = 2000  # ... and is simplified to 1/CONTEXT_DETAIL of its width
CONTEXT_ASPECT = 2.0  # ... and filled for screens up to this much wider than tall
_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_CLASS_SAFE = re.compile(r"[^a-z0-9_-]")
MAP_NAME = "\0map\0"  # placeholder in _Script code; JSON output never holds a raw NUL
_JINJA_OPEN = re.compile(r"\{(?=[{%#])")


class GeometrySource(Protocol):
    """Anything with ``geometry(id)``: a :class:`geomap.gazetteer.Gazetteer` or a stand-in."""

    def geometry(self, id: str) -> dict | None: ...


@dataclass(frozen=True, slots=True)
class LayerStyle:
    """How one layer looks: legend label, CSS colour and a Unicode icon."""

    key: str
    label: str
    colour: str
    icon: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One event (or mention) shown in a feature's popup."""

    sentence: str
    mark: tuple[int, int] | None  # trigger/mention offsets into ``sentence``
    date: str | None  # YYYY-MM-DD
    confidence: float | None
    status: str | None  # None when "reported"
    title: str
    url: str | None  # only http/https URLs survive
    doc_id: str
    text: str  # the trigger (events) or the mention (places)


@dataclass(slots=True)
class MapFeature:
    """Everything one layer shows at one place: a point or a shape plus its entries."""

    layer: str
    key: str  # candidate id, or "pt:lat,lon" for places without one
    name: str
    geometry: dict[str, Any]  # GeoJSON geometry, lon/lat
    feature_code: str = ""
    entries: list[Entry] = field(default_factory=list)

    @property
    def is_point(self) -> bool:
        """True when the geometry is a Point."""
        return self.geometry["type"] == "Point"

    def first_date(self) -> str | None:
        """The earliest entry date, None when no entry is dated."""
        dates = [e.date for e in self.entries if e.date]
        return min(dates) if dates else None

    def to_geojson(self) -> dict[str, Any]:
        """A plain GeoJSON Feature with readable properties (for export)."""
        entries = sorted_entries(self.entries)
        return {
            "type": "Feature",
            "geometry": self.geometry,
            "properties": {
                "layer": self.layer,
                "place_id": self.key,
                "name": self.name,
                "feature_code": self.feature_code,
                "count": len(entries),
                "first_date": self.first_date(),
                "last_date": max((e.date for e in entries if e.date), default=None),
                "entries": [
                    {"sentence": e.sentence, "text": e.text,
                     "mark": list(e.mark) if e.mark else None, "date": e.date,
                     "confidence": e.confidence, "status": e.status or "reported",
                     "title": e.title, "url": e.url, "doc_id": e.doc_id}
                    for e in entries
                ],
            },
        }


# ---------------------------------------------------------------------------- styles


@cache
def load_styles() -> dict[str, LayerStyle]:
    """Layer styles from ``geomap/data/event_styles.tsv`` keyed by event type or layer."""
    path = resources.files("geomap.data") / STYLES_FILE
    styles: dict[str, LayerStyle] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [(n, line) for n, line in enumerate(lines, 1) if line and not line.startswith("#")]
    reader = csv.DictReader((line for _, line in rows), delimiter="\t")
    for (lineno, _), row in zip(rows[1:], reader, strict=False):
        colour = (row.get("colour") or "").strip()
        key = (row.get("key") or "").strip()
        if not key or not _HEX_COLOUR.fullmatch(colour) or not row.get("label"):
            raise RenderError(
                f"{STYLES_FILE}:{lineno}: expected key, label, colour (#rrggbb), icon, "
                f"source separated by tabs, got {row!r}; fix the row"
            )
        styles[key] = LayerStyle(key, row["label"].strip(), colour.lower(),
                                 (row.get("icon") or "●").strip() or "●")
    return styles


def style_for(key: str) -> LayerStyle:
    """The style of a layer; unknown event types get a neutral grey style."""
    styles = load_styles()
    if key in styles:
        return styles[key]
    return LayerStyle(key, key.replace("_", " ").capitalize(), "#868e96", "●")


# ---------------------------------------------------------------------------- text safety


def escape_text(text: str) -> str:
    """Escape text for HTML and for JS template literals: ``&<>"'`` plus ``$ { } ` \\``."""
    out = html.escape(text, quote=True)
    return (out.replace("$", "&#36;").replace("`", "&#96;").replace("{", "&#123;")
            .replace("}", "&#125;").replace("\\", "&#92;"))


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) URL without spaces or control characters."""
    if not url:
        return None
    url = url.strip()
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def json_for_script(value: Any) -> str:
    """JSON that is inert inside ``<script>`` and inside a Jinja template.

    ``<``, ``>`` and ``&`` become ``\\u003c`` etc. (no ``</script>``, no ``<!--``), and a
    ``{`` that starts ``{{``, ``{%`` or ``{#`` becomes ``\\u007b`` (such a brace can only
    be inside a string: in compact JSON a structural ``{`` is followed by ``"`` or ``}``).
    """
    out = (json.dumps(value, ensure_ascii=False, separators=(",", ":"))
           .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
           .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
    return _JINJA_OPEN.sub(r"\\u007b", out)


# ---------------------------------------------------------------------------- features


@lru_cache(maxsize=4096)
def _iso_date(value: str | None) -> str | None:
    """YYYY-MM-DD from an ISO date/datetime string, None when missing or malformed."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        return None


def _mark(sentence: str, doc_text: str, text: str, start: int) -> tuple[int, int] | None:
    """Offsets of ``text`` (found at ``start`` in the document) inside ``sentence``."""
    if not text or not sentence:
        return None
    first = i = sentence.find(text)
    while i >= 0:  # the occurrence whose sentence start lines up with the document
        if start - i >= 0 and doc_text.startswith(sentence, start - i):
            return (i, i + len(text))
        i = sentence.find(text, i + 1)
    return (first, first + len(text)) if first >= 0 else None


def _round_coords(coords: Any) -> Any:
    if coords and isinstance(coords[0], (int, float)):
        return [round(float(c), COORD_DIGITS) for c in coords]
    return [_round_coords(c) for c in coords]


class _Geometries:
    """Cached, validated shapes from an optional geometry source."""

    def __init__(self, source: GeometrySource | None) -> None:
        self.source = source
        self._cache: dict[str, dict | None] = {}

    def shape(self, cand: Candidate | None) -> dict | None:
        if cand is None or self.source is None or not cand.has_geometry:
            return None
        if cand.id not in self._cache:
            geom = self.source.geometry(cand.id)
            ok = (isinstance(geom, dict) and geom.get("type") in SHAPE_TYPES
                  and geom.get("coordinates"))
            self._cache[cand.id] = ({"type": geom["type"],
                                     "coordinates": _round_coords(geom["coordinates"])}
                                    if ok else None)
        return self._cache[cand.id]


def _point(lat: float, lon: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]}


def _valid_latlon(lat: float | None, lon: float | None) -> bool:
    return (lat is not None and lon is not None and math.isfinite(lat) and math.isfinite(lon)
            and -90 <= lat <= 90 and -180 <= lon <= 180)


def _place_of(article: Article, event: Event) -> Place | None:
    if event.place is None or not 0 <= event.place < len(article.places):
        return None
    return article.places[event.place]


def _check_types(types: Collection[str] | None) -> tuple[str, ...]:
    if types is None:
        return EVENT_TYPES
    unknown = sorted(set(types) - set(EVENT_TYPES))
    if unknown:
        raise RenderError(f"Unknown event type(s) {', '.join(unknown)}; "
                          f"expected some of: {', '.join(EVENT_TYPES)}")
    return tuple(t for t in EVENT_TYPES if t in set(types))


def collect_features(
    articles: Sequence[Article],
    *,
    gazetteer: GeometrySource | None = None,
    types: Collection[str] | None = None,
    extra_layers: bool = True,
) -> dict[str, list[MapFeature]]:
    """Map features per layer key (event types in EVENT_TYPES order, then places, statements).

    Events of one type at one place become one feature; regions and rivers whose candidate
    has a geometry in ``gazetteer`` become shapes, everything else a point. Events without
    coordinates are left out. Layers without features are omitted.
    """
    wanted = _check_types(types)
    geoms = _Geometries(gazetteer)
    layers: dict[str, dict[str, MapFeature]] = {k: {} for k in (*wanted, *EXTRA_LAYERS)}
    for article in articles:
        doc = article.document
        title = (doc.title or doc.id or doc.source or "untitled").strip()
        url = safe_url(doc.url)
        for ev in article.events:
            if ev.type not in layers or ev.type in EXTRA_LAYERS:
                continue
            place = _place_of(article, ev)
            cand = place.candidate if place else None
            shape = geoms.shape(cand)
            if shape is None:
                if _valid_latlon(ev.lat, ev.lon):
                    lat, lon = ev.lat, ev.lon
                elif cand is not None and _valid_latlon(cand.lat, cand.lon):
                    lat, lon = cand.lat, cand.lon
                else:
                    continue
            name = cand.name if cand else (place.mention.text if place else "Unnamed place")
            key = cand.id if cand else f"pt:{lat:.4f},{lon:.4f}"
            feat = layers[ev.type].get(key)
            if feat is None:
                feat = layers[ev.type][key] = MapFeature(
                    ev.type, key, name, shape or _point(lat, lon),
                    cand.feature_code if cand else "")
            feat.entries.append(Entry(
                sentence=ev.sentence,
                mark=_mark(ev.sentence, doc.text, ev.trigger, ev.trigger_start),
                date=_iso_date(ev.date or doc.date),
                confidence=ev.confidence,
                status=None if ev.status == "reported" else ev.status,
                title=title, url=url, doc_id=doc.id, text=ev.trigger))
        if not extra_layers:
            continue
        for place in article.places:
            cand = place.candidate
            if cand is None or not _valid_latlon(cand.lat, cand.lon):
                continue
            # governments ("Moscow said") and nationality adjectives ("Russian forces")
            layer = "places" if place.role == "literal" else "statements"
            # a country named for its government ("Russia said") is a point, not a polygon
            shape = geoms.shape(cand) if layer == "places" else None
            feat = layers[layer].get(cand.id)
            if feat is None:
                feat = layers[layer][cand.id] = MapFeature(
                    layer, cand.id, cand.name, shape or _point(cand.lat, cand.lon),
                    cand.feature_code)
            m = place.mention
            feat.entries.append(Entry(
                sentence=m.sentence, mark=_mark(m.sentence, doc.text, m.text, m.start),
                date=_iso_date(doc.date), confidence=place.confidence, status=None,
                title=title, url=url, doc_id=doc.id, text=m.text))
    return {k: list(v.values()) for k, v in layers.items() if v}


def sorted_entries(entries: Sequence[Entry]) -> list[Entry]:
    """Newest first; undated entries last (stable otherwise)."""
    if len(entries) < 2:
        return list(entries)
    dated = sorted((e for e in entries if e.date), key=lambda e: e.date or "", reverse=True)
    return dated + [e for e in entries if not e.date]


def features_bounds(features: Iterable[MapFeature]) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` of all features, None when there are none."""
    lats: list[float] = []
    lons: list[float] = []

    def walk(coords: Any) -> None:
        if coords and isinstance(coords[0], (int, float)):
            lons.append(coords[0])
            lats.append(coords[1])
        else:
            for c in coords:
                walk(c)

    for f in features:
        walk(f.geometry["coordinates"])
    if not lats:
        return None
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


# ---------------------------------------------------------------------------- browser side

# Popups and tooltips are built with DOM calls and textContent, so no article text is ever
# parsed as HTML or JavaScript. One copy per page (deduplicated by name in the header).
# Data layout (see _Tables): G = shared {s: sentences, r: [title, url] sources, n: names,
# g: shape geometries, d: ISO days, t: day start times in ms}; T = one layer {l, c, i, k,
# styles, f: features [geometry (or index into G.g), name, flags, radius, first day, count,
# entries]}; entry = [sentence, mark start, mark end, day, confidence %, source, status].
_HELPERS_JS = r"""
(function () {
  if (window.geomapBind) { return; }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function httpUrl(u) {
    return (typeof u === "string" && /^https?:\/\/[^\s]+$/i.test(u)) ? u : null;
  }
  function clockTime() {
    var c = window.geomapClock;
    return (c && typeof c.time === "number" && c.time < c.end) ? c.time : null;
  }
  function popup(G, T, p) {
    var box = el("div", "geomap-popup");
    var head = el("div", "geomap-head");
    var icon = el("span", "geomap-icon", T.i);
    icon.style.background = T.c;
    head.appendChild(icon);
    head.appendChild(el("span", "geomap-type", T.l));
    box.appendChild(head);
    box.appendChild(el("div", "geomap-place", p.n));
    var now = clockTime();
    var list = p.e.filter(function (x) { return now === null || x[3] < 0 || G.t[x[3]] <= now; });
    list.forEach(function (x) {
      var item = el("div", "geomap-entry");
      var s = G.s[x[0]] || "";
      var q = el("blockquote", "geomap-quote");
      if (x[1] >= 0 && x[2] > x[1]) {
        q.appendChild(document.createTextNode(s.slice(0, x[1])));
        q.appendChild(el("mark", null, s.slice(x[1], x[2])));
        q.appendChild(document.createTextNode(s.slice(x[2])));
      } else { q.textContent = s; }
      item.appendChild(q);
      var meta = [];
      if (x[3] >= 0) { meta.push(G.d[x[3]]); }
      if (x[4] !== null && x[4] !== undefined) { meta.push(T.k + " " + x[4] + "%"); }
      if (x[6]) { meta.push(x[6]); }
      if (meta.length) { item.appendChild(el("div", "geomap-meta", meta.join(" \u00b7 "))); }
      var src = G.r[x[5]];
      if (src) {
        var d = el("div", "geomap-source", "Source: ");
        var u = httpUrl(src[1]);
        if (u) {
          var a = el("a", null, src[0]);
          a.href = u; a.target = "_blank"; a.rel = "noopener noreferrer";
          d.appendChild(a);
        } else { d.appendChild(el("span", null, src[0])); }
        item.appendChild(d);
      }
      box.appendChild(item);
    });
    var more = p.m - p.e.length;  // the oldest entries are not embedded, only counted
    if (more > 0) { box.appendChild(el("div", "geomap-more", "+ " + more + " older")); }
    return box;
  }
  window.geomapFeatures = function (G, T, shapes) {
    var out = [];
    T.f.forEach(function (x) {
      var shape = typeof x[0] === "number";
      if (shape !== shapes) { return; }
      out.push({type: "Feature",
                geometry: shape ? G.g[x[0]] : {type: "Point", coordinates: x[0]},
                properties: {n: G.n[x[1]], h: x[2] & 1, w: x[2] & 2, r: x[3], t: x[4],
                             m: x[5], e: x[6]}});
    });
    return {type: "FeatureCollection", features: out};
  };
  window.geomapInterval = function (G) {
    return function (f) {
      var t = f.properties.t;
      return {start: t >= 0 ? G.t[t] : G.t[0], end: G.t[G.t.length - 1]};
    };
  };
  window.geomapBind = function (G, T) {
    return function (feature, layer) {
      layer.bindTooltip(function () { return el("span", "geomap-tip", feature.properties.n); },
                        {direction: "top", opacity: 0.95});
      layer.bindPopup(function () { return popup(G, T, feature.properties); },
                      {maxWidth: 360, minWidth: 220, className: "geomap-popup-wrap"});
    };
  };
  window.geomapPoint = function (T) {
    return function (feature, latlng) {
      var p = feature.properties, st = p.h ? T.hollow : T.point;
      var opts = Object.assign({pane: T.pane}, st, {radius: p.r || st.radius});
      return L.circleMarker(latlng, opts);
    };
  };
  window.geomapShape = function (T) {
    return function (feature) {
      var t = feature.geometry.type, line = (t === "LineString" || t === "MultiLineString");
      var st = line ? T.line : T.area;
      if (feature.properties.w) { st = Object.assign({}, st, {fillOpacity: 0.04, weight: 1.5}); }
      return feature.properties.h ? Object.assign({}, st, {dashArray: "6 4"}) : st;
    };
  };
  window.geomapCluster = function (colour) {
    return function (cluster) {
      var n = cluster.getChildCount(), size = n < 10 ? 28 : (n < 100 ? 34 : 40);
      var d = el("div", "geomap-cluster", n);
      d.style.background = colour;
      d.style.width = d.style.height = d.style.lineHeight = size + "px";
      var w = el("div"); w.appendChild(d);
      return L.divIcon({html: w.innerHTML, className: "geomap-cluster-icon",
                        iconSize: L.point(size, size)});
    };
  };
  window.geomapPanel = function (map, spec) {
    var Panel = L.Control.extend({
      onAdd: function () {
        var box = el("div", "geomap-legend leaflet-control");
        if (spec.title) { box.appendChild(el("div", "geomap-legend-title", spec.title)); }
        spec.items.forEach(function (it) {
          var row = el("div", "geomap-legend-row");
          var icon = el("span", "geomap-icon", it[0]);
          icon.style.background = it[1];
          row.appendChild(icon);
          row.appendChild(el("span", "geomap-legend-label", it[2]));
          row.appendChild(el("span", "geomap-legend-count", it[3]));
          box.appendChild(row);
        });
        if (spec.note) { box.appendChild(el("div", "geomap-legend-note", spec.note)); }
        L.DomEvent.disableClickPropagation(box);
        return box;
      }
    });
    new Panel({position: spec.position}).addTo(map);
  };
  window.geomapTitle = function (map, text) {
    var t = el("div", "geomap-title", text);
    L.DomEvent.disableClickPropagation(t);
    map.getContainer().appendChild(t);
  };
})();
"""

_HELPERS_CSS = """
.geomap-popup{font:13px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
  max-height:300px;overflow-y:auto;color:#212529}
.geomap-head{display:flex;align-items:center;gap:6px;font-weight:600;color:#495057;
  text-transform:uppercase;font-size:11px;letter-spacing:.04em}
.geomap-place{font-size:16px;font-weight:700;margin:2px 0 6px}
.geomap-entry{border-top:1px solid #e9ecef;padding:6px 0}
.geomap-quote{margin:0 0 4px;padding:0 0 0 8px;border-left:3px solid #ced4da;font-style:italic}
.geomap-quote mark{background:#ffe066;font-style:normal;font-weight:600;padding:0 1px}
.geomap-meta,.geomap-source,.geomap-more{color:#6c757d;font-size:12px}
.geomap-source a{color:#1c7ed6}
.geomap-icon{display:inline-block;width:18px;height:18px;border-radius:50%;color:#fff;
  text-align:center;line-height:18px;font-size:11px;font-family:"DejaVu Sans",sans-serif;
  flex:none;box-shadow:0 0 0 1px rgba(0,0,0,.15)}
.geomap-legend{background:rgba(255,255,255,.94);padding:8px 10px;border-radius:6px;
  box-shadow:0 1px 5px rgba(0,0,0,.3);font:12px/1.5 system-ui,"DejaVu Sans",sans-serif;
  color:#212529;max-width:240px}
.geomap-legend-title{font-weight:700;margin-bottom:4px}
.geomap-legend-row{display:flex;align-items:center;gap:6px;margin:2px 0}
.geomap-legend-label{flex:1}
.geomap-legend-count{color:#868e96;font-variant-numeric:tabular-nums}
.geomap-legend-note{color:#868e96;font-size:11px;margin-top:4px;max-width:220px}
.geomap-title{position:absolute;z-index:1000;top:10px;left:50%;transform:translateX(-50%);
  background:rgba(255,255,255,.94);padding:6px 14px;border-radius:6px;max-width:60%;
  box-shadow:0 1px 5px rgba(0,0,0,.3);font:600 15px/1.3 system-ui,"DejaVu Sans",sans-serif;
  color:#212529;text-align:center;pointer-events:auto}
.geomap-cluster{border-radius:50%;color:#fff;text-align:center;font:700 12px sans-serif;
  opacity:.9;box-shadow:0 0 0 4px rgba(255,255,255,.6)}
.geomap-cluster-icon{background:none;border:none}
.leaflet-control-layers-overlays label{margin:1px 0}
.geomap-layer-swatch{display:inline-block;width:17px;height:17px;border-radius:50%;color:#fff;
  text-align:center;line-height:17px;font-size:11px;margin:0 5px 0 3px;vertical-align:-3px;
  font-family:"DejaVu Sans",sans-serif}
.leaflet-container{background:#eef1f4}
"""


class _Raw(Element):
    """An element that renders its text verbatim (not as a Jinja template)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        return self._text


class _Helpers(MacroElement):
    """Adds the popup/tooltip helper script and CSS to the page header, once per page."""

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        if isinstance(figure, Figure):
            figure.header.add_child(_Raw(f"<style>{_HELPERS_CSS}</style>"), name="geomap_css")
            figure.header.add_child(_Raw(f"<script>{_HELPERS_JS}</script>"), name="geomap_js")
        super().render(**kwargs)


class _Table(MacroElement):
    """A JS variable holding JSON data; rendered once even when several layers share it."""

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__()
        self._name = "GeomapData"
        self.data = data  # may still be filled in after construction
        self._payload: str | None = None

    def render(self, **kwargs: Any) -> None:
        # Not through a Jinja template: branca compiles every script string as a template,
        # so "{{ ... }}" in article text would be evaluated (and big data is slow to lex).
        if self._payload is None:
            self._payload = f"var {self.get_name()} = {json_for_script(self.data)};"
        self.get_root().script.add_child(_Raw(self._payload), name=self.get_name())


class _Script(MacroElement):
    """A script snippet run after its parent map exists; MAP_NAME becomes the map's JS name."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self._name = "GeomapScript"
        self.code = code

    def render(self, **kwargs: Any) -> None:
        code = self.code.replace(MAP_NAME, self._parent.get_name())
        self.get_root().script.add_child(_Raw(code), name=self.get_name())


_TIMELINE_JS = next(js for js in TimelineSlider.default_js if js[0] == "timeline")


class _GeoLayer(JSCSSMixin, MacroElement):
    """A GeoJSON layer (L.geoJson, or L.timeline when timed) expanded in the page from tables.

    The compact tables keep 10,000 events within a few MB; the page turns them into a
    GeoJSON FeatureCollection before Leaflet sees them.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.{{ this.factory }}(
            geomapFeatures({{ this.shared }}, {{ this.table }}, {{ this.shapes }}),
            {{ this.options }});
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, shared: str, table: str, *, shapes: bool, timed: bool) -> None:
        super().__init__()
        self._name = "GeomapLayer"
        self.shared, self.table = shared, table
        self.shapes = "true" if shapes else "false"
        self.factory = "timeline" if timed else "geoJson"
        opts = [f"onEachFeature: geomapBind({shared}, {table})"]
        opts.append(f"style: geomapShape({table})" if shapes
                    else f"pointToLayer: geomapPoint({table})")
        if timed:
            opts.append(f"getInterval: geomapInterval({shared})")
        self.options = "{" + ", ".join(opts) + "}"
        self.default_js = [_TIMELINE_JS] if timed else []


# ---------------------------------------------------------------------------- layers


def _styles_js(style: LayerStyle, layer: str) -> dict[str, Any]:
    cls = "geomap-f geomap-" + _CLASS_SAFE.sub("-", layer.lower())
    c = style.colour
    if layer == "places":
        return {"point": {"radius": 4, "color": "#ffffff", "weight": 1, "fillColor": c,
                          "fillOpacity": 0.85, "className": cls},
                "area": {"color": c, "weight": 1.5, "dashArray": "4 3", "fill": False,
                         "className": cls},
                "line": {"color": c, "weight": 2, "dashArray": "4 3", "className": cls}}
    if layer == "statements":
        return {"point": {"radius": 7, "color": c, "weight": 2, "fillColor": "#ffffff",
                          "fillOpacity": 0.9, "className": cls},
                "area": {"color": c, "weight": 1.5, "fill": False, "className": cls},
                "line": {"color": c, "weight": 2, "className": cls}}
    return {"point": {"radius": 7, "color": "#ffffff", "weight": 1.5, "fillColor": c,
                      "fillOpacity": 0.9, "className": cls},
            "hollow": {"radius": 7, "color": c, "weight": 2, "dashArray": "3 2",
                       "fillColor": "#ffffff", "fillOpacity": 0.6, "className": cls},
            "area": {"color": c, "weight": 2, "fillColor": c, "fillOpacity": 0.18,
                     "className": cls},
            "line": {"color": c, "weight": 5, "opacity": 0.85, "className": cls}}


def _day_ms(day: str) -> int:
    d = date.fromisoformat(day)
    return int(datetime(d.year, d.month, d.day, tzinfo=timezone.utc).timestamp() * 1000)


def _clip(sentence: str, mark: tuple[int, int] | None,
          limit: int = SENTENCE_LIMIT) -> tuple[str, tuple[int, int] | None]:
    """At most ``limit`` characters of the sentence around the mark, with ellipses."""
    a, b = mark or (0, 0)
    start = max(0, min(a - (limit - (b - a)) // 2, len(sentence) - limit))
    end = start + limit
    if start > 0:
        start = sentence.find(" ", start, a) + 1 or start
    if end < len(sentence):
        end = sentence.rfind(" ", b, end) if sentence.rfind(" ", b, end) > b else end
    text = ("\u2026" if start else "") + sentence[start:end] + \
        ("\u2026" if end < len(sentence) else "")
    shift = start - (1 if start else 0)
    return text, ((a - shift, b - shift) if mark else None)


class _Shared:
    """The tables every layer of one map shares: sentences, sources, names, shapes, days."""

    def __init__(self, days: Sequence[str]) -> None:
        self.sentences: dict[str, int] = {}
        self.sources: dict[tuple[str, str | None], int] = {}
        self.names: dict[str, int] = {}
        self.shapes: dict[int, int] = {}  # id(geometry dict) -> index
        self.shape_list: list[dict[str, Any]] = []
        self.days = list(days)
        self.day_index = {d: i for i, d in enumerate(self.days)}

    def shape(self, geom: dict[str, Any]) -> int:
        if id(geom) not in self.shapes:
            self.shapes[id(geom)] = len(self.shape_list)
            self.shape_list.append(geom)
        return self.shapes[id(geom)]

    def layer(self, layer: str, style: LayerStyle, features: list[MapFeature],
              rings: dict[tuple[str, str], int] | None = None) -> dict[str, Any]:
        """The compact JS table of one layer (see _HELPERS_JS for the layout).

        ``rings[(layer, key)]``: how many later event layers have a point at the same
        place; this layer's marker grows by one ring each so that all stay visible.
        """
        extra = layer in EXTRA_LAYERS
        cap = MAX_PLACE_ENTRIES if extra else MAX_POPUP_ENTRIES
        rows = []
        for f in features:
            entries = sorted_entries(f.entries)
            out = []
            hollow = not extra
            for e in entries:
                if not e.status:
                    hollow = False
                    break
            for e in entries[:cap]:
                text, mark = ((e.sentence, e.mark) if len(e.sentence) <= SENTENCE_LIMIT
                              else _clip(e.sentence, e.mark))
                si = self.sentences.setdefault(text, len(self.sentences))
                ri = self.sources.setdefault((e.title, e.url), len(self.sources))
                a, b = mark or (-1, -1)
                conf = None if e.confidence is None else round(100 * e.confidence)
                out.append([si, a, b, self.day_index.get(e.date or "", -1), conf, ri,
                            e.status or 0])
            flags = (1 if hollow else 0) | \
                (2 if f.feature_code.startswith("PCL") else 0)
            radius = 0
            if f.is_point and not extra:
                radius = round(7 + 2 * math.log2(len(entries))
                               + RING_PX * min(3, (rings or {}).get((layer, f.key), 0)), 1)
            geom = (self.shape(f.geometry) if not f.is_point
                    else f.geometry["coordinates"])
            first = f.first_date()
            rows.append([geom, self.names.setdefault(f.name, len(self.names)), flags, radius,
                         self.day_index.get(first, -1) if first else -1, len(entries), out])
        # event markers sit in Leaflet's marker pane, above every shape and above the
        # places/statements dots (overlay pane), so the dots never hide an event
        return {"l": style.label, "c": style.colour, "i": style.icon,
                "pane": "overlayPane" if extra else "markerPane",
                "k": "match" if extra else "confidence", "f": rows,
                **_styles_js(style, layer)}

    def to_json(self) -> dict[str, Any]:
        return {"s": list(self.sentences), "r": [[t, u] for t, u in self.sources],
                "n": list(self.names), "g": self.shape_list, "d": self.days,
                "t": [_day_ms(d) for d in self.days]}


@dataclass(slots=True)
class _Built:
    groups: list[folium.FeatureGroup]
    timed: bool
    counts: dict[str, int]  # layer key -> number of entries
    bounds: list[list[float]] | None
    days: tuple[str, ...]  # distinct dates of event entries, sorted
    layers: list[_GeoLayer]


def _layer_name(style: LayerStyle, count: int) -> str:
    return (f'<span class="geomap-layer-swatch" style="background:{style.colour}">'
            f"{escape_text(style.icon)}</span>{escape_text(style.label)} ({count})")


def _build(
    articles: Sequence[Article],
    *,
    gazetteer: GeometrySource | None,
    types: Collection[str] | None,
    time_control: bool,
    cluster: bool | None,
    extra_layers: bool = True,
) -> _Built:
    layers = collect_features(articles, gazetteer=gazetteer, types=types,
                              extra_layers=extra_layers)
    event_days = sorted({e.date for k, fs in layers.items() if k not in EXTRA_LAYERS
                         for f in fs for e in f.entries if e.date})
    all_days = sorted({e.date for fs in layers.values() for f in fs for e in f.entries
                       if e.date})
    timed = time_control and len(event_days) > 1
    shared = _Shared(all_days)
    rings: dict[tuple[str, str], int] = {}
    at_place: dict[str, list[str]] = {}
    for key, features in layers.items():
        if key not in EXTRA_LAYERS:
            for f in features:
                if f.is_point:
                    at_place.setdefault(f.key, []).append(key)
    for place_key, keys in at_place.items():
        for i, key in enumerate(keys):
            rings[(key, place_key)] = len(keys) - 1 - i
    shared_el = _Table({})
    g = shared_el.get_name()
    groups, geo_layers, counts = [], [], {}
    for key, features in layers.items():
        style = style_for(key)
        counts[key] = sum(len(f.entries) for f in features)
        layer_timed = timed and key not in EXTRA_LAYERS
        group = folium.FeatureGroup(name=_layer_name(style, counts[key]),
                                    show=key not in EXTRA_LAYERS)
        group.add_child(_Helpers())
        group.add_child(shared_el, name=g)
        table = _Table(shared.layer(key, style, features, rings))
        group.add_child(table)
        t = table.get_name()
        n_points = sum(1 for f in features if f.is_point)
        # shapes first so that points (in the marker pane) stay clickable on top of them
        for shapes, n in ((True, len(features) - n_points), (False, n_points)):
            if not n:
                continue
            layer = _GeoLayer(g, t, shapes=shapes, timed=layer_timed)
            geo_layers.append(layer)
            clustered = cluster if cluster is not None else n > CLUSTER_MIN_POINTS
            if not shapes and clustered and not layer_timed:
                mc = MarkerCluster(
                    control=False, show_coverage_on_hover=False, max_cluster_radius=45,
                    icon_create_function=f"geomapCluster({json.dumps(style.colour)})")
                mc.add_child(layer)
                group.add_child(mc)
            else:
                group.add_child(layer)
        groups.append(group)
    shared_el.data.update(shared.to_json())
    bounds = view_bounds(layers)
    return _Built(groups, timed, counts, bounds, tuple(event_days), geo_layers)


def view_bounds(layers: dict[str, list[MapFeature]]) -> list[list[float]] | None:
    """Bounds to show: event features finer than a country, else events, else anything.

    One event placed on a whole country (say Russia) must not zoom the map out to Asia.
    """
    events = [f for k, fs in layers.items() if k not in EXTRA_LAYERS for f in fs]
    fine = [f for f in events if not f.feature_code.startswith("PCL")]
    for feats in (fine, events, [f for fs in layers.values() for f in fs]):
        if feats:
            return features_bounds(feats)
    return None


def build_layers(
    articles: Sequence[Article],
    *,
    gazetteer: GeometrySource | None = None,
    types: Collection[str] | None = None,
    cluster: bool | None = None,
    extra_layers: bool = True,
) -> list[folium.FeatureGroup]:
    """One FeatureGroup per event type, then "places" and "statements" (both hidden).

    For a user's own folium map or notebook (no time slider; ``cluster=None`` clusters
    point layers with many features). Raises RenderError for unknown event types::

        m = folium.Map(location=[48.5, 31.5], zoom_start=6)
        for group in build_layers(articles, gazetteer=Gazetteer.open()):
            group.add_to(m)
        folium.LayerControl(collapsed=False).add_to(m)
    """
    return _build(articles, gazetteer=gazetteer, types=types, time_control=False,
                  cluster=cluster, extra_layers=extra_layers).groups


# ---------------------------------------------------------------------------- the map

_LEAFLET_ONLY_JS = {"leaflet"}
_LEAFLET_ONLY_CSS = {"leaflet_css"}


def build_map(
    articles: Sequence[Article],
    *,
    gazetteer: GeometrySource | None = None,
    offline: bool = False,
    title: str | None = None,
    types: Collection[str] | None = None,
    time_control: bool = True,
    cluster: bool | None = None,
    tiles: str | None = "OpenStreetMap",
    legend: bool = True,
) -> folium.Map:
    """A complete folium map: layers per event type, layer control, legend, time slider.

    The time slider appears when ``time_control`` and events carry at least two distinct
    dates; it shows the events reported up to the chosen day (all of them at first).
    ``offline=True`` inlines Leaflet and plugin assets from the ``folium-offline``
    package and turns tiles off, so the saved page loads nothing from the network.
    Raises RenderError for unknown event types or missing offline assets.
    """
    built = _build(articles, gazetteer=gazetteer, types=types, time_control=time_control,
                   cluster=cluster)
    many = sum(built.counts.values()) > 2000
    m = folium.Map(location=[48.5, 31.5], zoom_start=6, tiles=None if offline else tiles,
                   prefer_canvas=many, control_scale=True)
    m.options["max_zoom"] = 18  # markercluster needs it; without tiles Leaflet has none
    # Only Leaflet itself: no jQuery/Bootstrap/Font Awesome, which the map does not use
    # and which would restyle a host page.
    m.default_js = [js for js in m.default_js if js[0] in _LEAFLET_ONLY_JS]
    m.default_css = [css for css in m.default_css if css[0] in _LEAFLET_ONLY_CSS]
    m.add_child(_Helpers())
    if offline:
        _add_outline_basemap(m, articles, gazetteer, built.bounds)
    for g in built.groups:
        m.add_child(g)
    timelines = [layer for layer in built.layers if layer.factory == "timeline"]
    if timelines:
        slider = TimelineSlider(auto_play=False, show_ticks=True, enable_keyboard_controls=True,
                                start=_day_ms(built.days[0]), end=_day_ms(built.days[-1]),
                                steps=max(1, len(built.days) - 1), playback_duration=
                                min(30_000, 1500 * len(built.days)))
        slider.default_js = [js for js in slider.default_js if js[0] == "timeline"]
        slider.options["format_output"] = JsCode(
            "function (t) { return new Date(t).toISOString().slice(0, 10); }")
        slider.add_timelines(*timelines)
        m.add_child(slider)
        m.add_child(_Script(
            f"{slider.get_name()}.setTime({slider.get_name()}.end);"
            f" window.geomapClock = {slider.get_name()};"))
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    if legend and built.counts:
        items = [[style_for(k).icon, style_for(k).colour, style_for(k).label, n]
                 for k, n in built.counts.items()]
        note = "Slider: events reported up to the chosen day." if timelines else None
        spec = {"title": "Legend", "items": items, "note": note, "position": "bottomleft"}
        m.add_child(_Script(f"geomapPanel({MAP_NAME}, {json_for_script(spec)});"))
    if title:
        m.add_child(_Script(f"geomapTitle({MAP_NAME}, {json_for_script(title)});"))
    if built.bounds:
        (s, w), (n, e) = built.bounds
        pad = 0.3 if (n - s) < 0.5 and (e - w) < 0.5 else 0.0
        # keep the features clear of the title (top) and the full-width time slider (bottom)
        m.fit_bounds([[s - pad, w - pad], [n + pad, e + pad]], max_zoom=9,
                     padding_top_left=(30, 60 if title else 30),
                     padding_bottom_right=(30, 150 if timelines else 30))
    if offline:
        inline_assets(m)
    return m


def outline_candidates(articles: Sequence[Article],
                       gazetteer: Any = None) -> list[Candidate]:
    """Shapes for a light basemap: each article's focus country and its first-level regions.

    The regions are those the articles name, or all of them when the gazetteer offers
    ``admin1(country_code) -> list[Candidate]``.
    """
    out: dict[str, Candidate] = {}
    countries: set[str] = set()
    for a in articles:
        cc = a.focus.country_code if a.focus else None
        if cc:
            countries.add(cc)
        for cand in [a.focus, *(p.candidate for p in a.places)]:
            if (cand is not None and cand.has_geometry and cand.id not in out
                    and (cand is a.focus or (cand.feature_code == "ADM1"
                                             and cand.country_code == cc))):
                out[cand.id] = cand
    admin1 = getattr(gazetteer, "admin1", None)
    if callable(admin1):
        for cc in sorted(countries):
            for cand in admin1(cc):
                if cand.has_geometry:
                    out.setdefault(cand.id, cand)
    return list(out.values())


def context_outlines(bounds: list[list[float]] | None, gazetteer: Any,
                     skip: Collection[str] = ()) -> list[tuple[Candidate, dict]]:
    """The countries around a view, clipped to it and simplified: the land that a page
    without tiles shows around its features.

    ``bounds`` is ``[[south, west], [north, east]]``; the view is widened north and south by
    three quarters of its larger span (at least ``CONTEXT_PAD_DEG``), and east and west
    enough to fill a wide screen at that latitude, so that panning a little still shows
    land. Needs a gazetteer with ``country_polygons()``; [] otherwise. Ids in ``skip`` are left
    out (drawn elsewhere).
    """
    countries = getattr(gazetteer, "country_polygons", None)
    if not bounds or not callable(countries):
        return []
    import numpy as np
    from shapely import box, clip_by_rect, transform
    from shapely.geometry import mapping

    (s, w), (n, e) = bounds
    pad = max(CONTEXT_PAD_DEG, 0.75 * max(n - s, e - w))
    half_lat = (n - s) / 2 + pad
    # Mercator: a screen ASPECT times wider than tall spans ASPECT / cos(lat) times more
    # degrees of longitude than of latitude
    stretch = CONTEXT_ASPECT / max(0.2, math.cos(math.radians((n + s) / 2)))
    half_lon = max((e - w) / 2 + pad, stretch * half_lat)
    mid_lat, mid_lon = (n + s) / 2, (e + w) / 2
    view = (max(-180.0, mid_lon - half_lon), max(-85.0, mid_lat - half_lat),
            min(180.0, mid_lon + half_lon), min(85.0, mid_lat + half_lat))
    frame = box(*view)
    tolerance = (view[2] - view[0]) / CONTEXT_DETAIL
    out = []
    for cand, poly in countries():
        if (cand.id in skip or poly is None or poly.geom_type not in ("Polygon", "MultiPolygon")
                or not poly.intersects(frame)):
            continue
        clipped = clip_by_rect(poly, *view).simplify(tolerance, preserve_topology=True)
        if not clipped.is_empty and clipped.geom_type in ("Polygon", "MultiPolygon"):
            rounded = transform(clipped, lambda xy: np.round(xy, COORD_DIGITS))
            out.append((cand, mapping(rounded)))
    return out


def basemap_shapes(articles: Sequence[Article], gazetteer: Any,
                   bounds: list[list[float]] | None) -> list[dict]:
    """Polygons of a tile-free basemap: the countries around the view, then the focus
    countries and their regions (:func:`outline_candidates`) at full detail."""
    if gazetteer is None:
        return []
    geoms = _Geometries(gazetteer)
    own = [(cand, shape) for cand in outline_candidates(articles, gazetteer)
           if (shape := geoms.shape(cand)) and shape["type"] in ("Polygon", "MultiPolygon")]
    around = context_outlines(bounds, gazetteer, skip={cand.id for cand, _ in own})
    return [shape for _, shape in [*around, *own]]


def _add_outline_basemap(m: folium.Map, articles: Sequence[Article],
                         gazetteer: GeometrySource | None,
                         bounds: list[list[float]] | None = None) -> None:
    """Grey outlines of the land around the view and the focus countries' regions."""
    feats = [{"type": "Feature", "geometry": shape, "properties": {}}
             for shape in basemap_shapes(articles, gazetteer, bounds)]
    if feats:
        folium.GeoJson(
            {"type": "FeatureCollection", "features": feats}, name="Outlines", control=False,
            interactive=False,
            style=JsCode("function () { return {color: '#adb5bd', weight: 1, "
                         "fillColor: '#ffffff', fillOpacity: 0.6}; }"),
        ).add_to(m)


# ---------------------------------------------------------------------------- offline


@cache
def offline_resources() -> dict[str, str]:
    """URL -> JS/CSS text, from the installed ``folium-offline`` package (MIT)."""
    try:
        from offlinefolium import elements as offline_elements
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise RenderError("offline maps need the folium-offline package: "
                          "pip install 'folium-offline>=0.20,<0.21'") from exc
    res = getattr(offline_elements, "_res", None)
    if not isinstance(res, dict):  # pragma: no cover - depends on the package layout
        raise RenderError("folium-offline no longer exposes its resources as "
                          "offlinefolium.elements._res; pin folium-offline 0.20.x")
    return res


_ASSET_CREDITS = {  # asset name in folium -> upstream project and licence
    "leaflet": "Leaflet 1.9.3 (BSD-2-Clause, Vladimir Agafonkin, CloudMade)",
    "leaflet_css": "Leaflet 1.9.3 (BSD-2-Clause, Vladimir Agafonkin, CloudMade)",
    "timeline": "Leaflet.timeline 1.6.0 (MIT, Jonathan Skeate)",
    "markerclusterjs": "Leaflet.markercluster 1.1.0 (MIT, Dave Leaver)",
    "markerclustercss": "Leaflet.markercluster 1.1.0 (MIT, Dave Leaver)",
    "markerclusterdefaultcss": "Leaflet.markercluster 1.1.0 (MIT, Dave Leaver)",
}


def _walk(el: Element) -> Iterator[Element]:
    yield el
    for child in list(el._children.values()):
        yield from _walk(child)


def inline_assets(m: folium.Map) -> folium.Map:
    """Replace the CDN links of ``m`` and its plugins by inline copies; returns ``m``.

    Call after the last plugin is added. Also adds a Content-Security-Policy that lets the
    page load nothing but inline code and data: URLs (so tiles must be off). Raises
    RenderError naming any asset that the installed folium-offline does not carry (a
    folium/folium-offline version mismatch).
    """
    res = offline_resources()
    header = m.get_root().header
    names: list[str] = []
    for el in _walk(m):
        if not isinstance(el, JSCSSMixin):
            continue
        for kind, items in (("js", el.default_js), ("css", el.default_css)):
            for name, url in items:
                if url not in res:
                    raise RenderError(
                        f"no offline copy of {url} ({name}) in folium-offline; install the "
                        f"folium-offline release matching folium {folium.__version__}")
                body = res[url].replace("</script", "<\\/script").replace("</style", "<\\/style")
                tag = "script" if kind == "js" else "style"
                header.add_child(_Raw(f"<{tag}>{body}</{tag}>"), name=f"offline_{kind}_{name}")
                names.append(name)
        el.default_js = []
        el.default_css = []
    credits = sorted({_ASSET_CREDITS.get(n, n) for n in names if _ASSET_CREDITS.get(n, n)})
    header.add_child(_Raw("<!-- Inlined from the folium-offline package (MIT): "
                          + escape_text("; ".join(credits)).replace("--", "&#45;&#45;")
                          + " -->"), name="geomap_asset_credits")
    m.get_root().header.add_child(  # nothing else may load: no tiles, no fonts, no images
        _Raw('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
             "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
             "font-src data:\">"),
        name="geomap_csp")
    return m


def to_fragment(m: folium.Map, *, height: str = "520px", title: str = "Map") -> str:
    """An ``<iframe srcdoc>`` snippet holding the whole map page, isolated from the host.

    The host page's styles cannot reach the map and the map's cannot leak out; scripts run
    sandboxed (``allow-scripts allow-popups``, no same-origin access).
    """
    page = m.get_root().render()
    return (f'<iframe title="{escape_text(title)}" '
            f'style="width:100%;height:{escape_text(height)};border:0" '
            'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" '
            f'loading="lazy" srcdoc="{html.escape(page, quote=True)}"></iframe>')
