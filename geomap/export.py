"""Write maps and their layers: HTML page or fragment, GeoJSON per layer, GeoPackage, PNG.

Every writer is atomic (a temporary file beside the target, then ``os.replace``) and
raises :class:`geomap.errors.OutputError` naming the path when it cannot write.
"""

from __future__ import annotations

import math
import os
import shutil
import tempfile
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import folium

from geomap.errors import OutputError
from geomap.model import Article
from geomap.render import (
    EXTRA_LAYERS,
    GeometrySource,
    MapFeature,
    basemap_shapes,
    collect_features,
    sorted_entries,
    style_for,
    to_fragment,
    view_bounds,
)

GPKG_COLUMNS = ("layer", "place_id", "name", "feature_code", "date", "confidence", "status",
                "text", "sentence", "title", "url", "doc_id")


@contextmanager
def _atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it into place if the block succeeds."""
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmpdir = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=parent))
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}; check that the "
                          "folder exists and is writable") from exc
    tmp = tmpdir / path.name
    try:
        yield tmp
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}; check the path "
                          "and free space") from exc
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically; returns the path."""
    path = Path(path)
    with _atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return path


def save_html(m: folium.Map, path: str | os.PathLike[str]) -> Path:
    """Render the map to a standalone HTML page at ``path``."""
    return write_text(path, m.get_root().render())


def save_fragment(m: folium.Map, path: str | os.PathLike[str], *,
                  height: str = "520px") -> Path:
    """Write an ``<iframe srcdoc>`` snippet of the map (see render.to_fragment)."""
    return write_text(path, to_fragment(m, height=height) + "\n")


def layer_collections(
    articles: Sequence[Article],
    *,
    gazetteer: GeometrySource | None = None,
    types: Collection[str] | None = None,
) -> dict[str, dict[str, Any]]:
    """A GeoJSON FeatureCollection per layer key (event types, places, statements)."""
    layers = collect_features(articles, gazetteer=gazetteer, types=types)
    return {key: {"type": "FeatureCollection", "name": key,
                  "features": [f.to_geojson() for f in feats]}
            for key, feats in layers.items()}


def export_geojson(
    articles: Sequence[Article],
    out_dir: str | os.PathLike[str],
    *,
    gazetteer: GeometrySource | None = None,
    types: Collection[str] | None = None,
) -> list[Path]:
    """Write ``<out_dir>/<layer>.geojson`` for every non-empty layer; returns the paths."""
    import json

    out = Path(out_dir)
    return [write_text(out / f"{key}.geojson", json.dumps(fc, ensure_ascii=False, indent=1))
            for key, fc in layer_collections(articles, gazetteer=gazetteer,
                                             types=types).items()]


def _rows(features: list[MapFeature]) -> list[dict[str, Any]]:
    from shapely.geometry import shape

    rows = []
    for f in features:
        geom = shape(f.geometry)
        for e in sorted_entries(f.entries):
            rows.append({"layer": f.layer, "place_id": f.key, "name": f.name,
                         "feature_code": f.feature_code, "date": e.date,
                         "confidence": e.confidence, "status": e.status or "reported",
                         "text": e.text, "sentence": e.sentence, "title": e.title,
                         "url": e.url, "doc_id": e.doc_id, "geometry": geom})
    return rows


def export_gpkg(
    articles: Sequence[Article],
    path: str | os.PathLike[str],
    *,
    gazetteer: GeometrySource | None = None,
    types: Collection[str] | None = None,
) -> Path:
    """Write a GeoPackage with one table per layer, one row per event (or mention).

    Columns: see GPKG_COLUMNS; geometry in EPSG:4326 (points, region polygons, river lines).
    """
    import geopandas as gpd

    path = Path(path)
    layers = collect_features(articles, gazetteer=gazetteer, types=types)
    with _atomic_path(path) as tmp:
        for key, feats in layers.items():
            gdf = gpd.GeoDataFrame(_rows(feats), columns=[*GPKG_COLUMNS, "geometry"],
                                   geometry="geometry", crs="EPSG:4326")
            gdf.to_file(tmp, layer=key, driver="GPKG")
        if not layers:  # still a valid (empty) GeoPackage
            gpd.GeoDataFrame({c: [] for c in GPKG_COLUMNS}, geometry=[],
                             crs="EPSG:4326").to_file(tmp, layer="empty", driver="GPKG")
    return path


def render_png(
    articles: Sequence[Article],
    path: str | os.PathLike[str],
    *,
    gazetteer: GeometrySource | None = None,
    types: Collection[str] | None = None,
    title: str | None = None,
    dpi: int = 150,
    size: tuple[float, float] = (10.0, 7.5),
    labels: int = 12,
) -> Path:
    """A static PNG of the event layers (matplotlib + geopandas, no browser) at ``path``.

    Shapes are drawn under points; the ``labels`` places with most events are named.
    """
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    path = Path(path)
    layers = {k: v for k, v in collect_features(articles, gazetteer=gazetteer,
                                                types=types).items()
              if k not in EXTRA_LAYERS}
    fig = Figure(figsize=size, dpi=dpi, layout="constrained")
    ax = fig.add_subplot()
    ax.set_facecolor("#eef1f4")
    _draw_outlines(ax, articles, gazetteer, view_bounds(layers))
    handles = []
    point_labels: list[tuple[int, float, float, str]] = []
    for key, feats in layers.items():
        st = style_for(key)
        _draw_shapes(ax, [f for f in feats if not f.is_point], st.colour)
        pts = [f for f in feats if f.is_point]
        if pts:
            xs = [f.geometry["coordinates"][0] for f in pts]
            ys = [f.geometry["coordinates"][1] for f in pts]
            sizes = [36 + 18 * math.log2(len(f.entries)) for f in pts]
            ax.scatter(xs, ys, s=sizes, c=st.colour, edgecolors="white", linewidths=0.8,
                       zorder=5, alpha=0.95)
            point_labels += [(len(f.entries), x, y, f.name) for f, x, y in zip(pts, xs, ys,
                                                                            strict=True)]
        n = sum(len(f.entries) for f in feats)
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=8,
                              markerfacecolor=st.colour, markeredgecolor="white",
                              label=_mpl_text(f"{st.label} ({n})")))
    seen: set[str] = set()
    for _, x, y, name in sorted(point_labels, key=lambda t: -t[0]):
        if len(seen) >= labels or name in seen:
            continue
        seen.add(name)
        ax.annotate(_mpl_text(name), (x, y), xytext=(5, 4), textcoords="offset points", fontsize=8,
                    color="#212529", zorder=6)
    bounds = view_bounds(layers)
    if bounds:
        (s, w), (n_, e) = bounds
        k = 1 / max(0.2, math.cos(math.radians((s + n_) / 2)))  # degrees lat vs lon on screen
        dx, dy = max(e - w, 0.5) * 1.12, max(n_ - s, 0.4) * 1.12
        want = size[0] * 0.78 / size[1]  # the axes' width/height (the legend takes the rest)
        if dx / (dy * k) < want:
            dx = want * dy * k
        else:
            dy = dx / (want * k)
        cx, cy = (w + e) / 2, (s + n_) / 2
        ax.set_xlim(cx - dx / 2, cx + dx / 2)
        ax.set_ylim(cy - dy / 2, cy + dy / 2)
        ax.set_aspect(k)
    else:
        ax.text(0.5, 0.5, "No mapped events", ha="center", va="center",
                transform=ax.transAxes, color="#868e96")
    ax.tick_params(labelsize=7, colors="#868e96")
    ax.set_xlabel("")
    ax.set_ylabel("")
    for spine in ax.spines.values():
        spine.set_color("#ced4da")
    if handles:
        fig.legend(handles=handles, loc="outside right upper", fontsize=8, frameon=False)
    if title:
        ax.set_title(_mpl_text(title), fontsize=12, loc="left")
    with _atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", dpi=dpi)
    return path


def _draw_shapes(ax: Any, feats: list[MapFeature], colour: str) -> None:
    if not feats:
        return
    import geopandas as gpd
    from shapely.geometry import shape

    def polys(wide: bool) -> list[Any]:
        return [shape(f.geometry) for f in feats if "Polygon" in f.geometry["type"]
                and f.feature_code.startswith("PCL") == wide]

    for geoms, alpha, lw in ((polys(True), 0.04, 1.0), (polys(False), 0.2, 1.2)):
        if geoms:
            gpd.GeoSeries(geoms).plot(ax=ax, facecolor=_rgba(colour, alpha), edgecolor=colour,
                                      linewidth=lw, zorder=2)
    lines = [shape(f.geometry) for f in feats if "Line" in f.geometry["type"]]
    if lines:
        gpd.GeoSeries(lines).plot(ax=ax, color=colour, linewidth=2.6, zorder=3)


def _mpl_text(text: str) -> str:
    """Text that matplotlib shows verbatim ("$" would start mathtext)."""
    return text.replace("$", r"\$")


def _rgba(hex_colour: str, alpha: float) -> tuple[float, float, float, float]:
    h = hex_colour.lstrip("#")
    return (int(h[0:2], 16) / 255, int(h[2:4], 16) / 255, int(h[4:6], 16) / 255, alpha)


def _draw_outlines(ax: Any, articles: Sequence[Article], gazetteer: GeometrySource | None,
                   bounds: list[list[float]] | None) -> None:
    """The land around the view, the focus countries and the oblasts the articles name,
    as a light basemap."""
    import geopandas as gpd
    from shapely.geometry import shape

    shapes = [shape(g) for g in basemap_shapes(articles, gazetteer, bounds)]
    if shapes:
        gpd.GeoSeries(shapes).plot(ax=ax, facecolor="white", edgecolor="#adb5bd",
                                   linewidth=0.7, zorder=1)
