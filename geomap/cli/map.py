"""`geomap map` and `geomap export`: layered maps and per-layer files from articles."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import typer

from geomap.cli import common as c
from geomap.cli.app import app

MAP_FORMATS = ("html", "fragment", "png")
EXPORT_FORMATS = ("geojson", "gpkg")

MAP_EPILOG = """Examples:

  geomap map seeds/ -o maps/seed.html

  geomap map news.jsonl --types advance,strike -o maps/front.html

  geomap map seeds/ --fragment -o report/map-snippet.html

  geomap map seeds/ --png -o report/map.png

  geomap map news/ --country UA --since 2022-11-01 --until 2022-11-30 -o nov.html

Exit codes: 0 all fine, 1 some inputs could not be read (the map is still written) \
or the output failed, 2 bad options, 130 interrupted."""

EXPORT_EPILOG = """Examples:

  geomap export seeds/ -o layers/

  geomap export news.jsonl --format gpkg -o events.gpkg

  geomap export news/ --types strike --min-confidence 0.5 -o strikes/

Exit codes: 0 all fine, 1 some inputs could not be read (the files are still written) \
or the output failed, 2 bad options, 130 interrupted."""


def _map_modules(offline: bool) -> tuple[ModuleType, ModuleType]:
    """geomap.export and geomap.render, with folium (and folium-offline, which bundles
    folium's assets) loaded without pandas if nothing has loaded pandas yet.

    Both import pandas only to accept DataFrames, and the CLI hands them plain lists;
    importing pandas was a quarter of a second of every `geomap map` start. Only this
    command's own process is affected: library users import geomap.render themselves.
    """
    if "pandas" not in sys.modules:
        sys.modules["pandas"] = None  # type: ignore[assignment]  # `import pandas` fails
        try:
            import folium  # noqa: F401
            if offline:
                import offlinefolium  # noqa: F401
        finally:
            del sys.modules["pandas"]
    from geomap import export, render

    return export, render


@app.command(name="map", epilog=MAP_EPILOG)
def map_cmd(
    inputs: list[str] = c.InputsArg,
    output: Path = typer.Option(..., "--output", "-o", help="The HTML (or, with --png, PNG) "
                                "file to write; folders are created."),
    fmt: str = typer.Option(None, "--format", "-f", help="html (a page), fragment (an "
                            "iframe snippet) or png; default from -o (.png: png), else html."),
    offline: bool = typer.Option(True, "--offline/--cdn", help="--offline (the default): "
                                 "self-contained HTML, Leaflet and plugins inlined, no tiles, "
                                 "nothing loaded from the network. --cdn: a smaller page that "
                                 "loads Leaflet and map tiles from the web."),
    fragment: bool = typer.Option(False, "--fragment", help="Same as --format fragment: an "
                                  "HTML snippet (iframe srcdoc) to paste into another page."),
    png: bool = typer.Option(False, "--png", help="Same as --format png: a static image "
                             "(no browser needed)."),
    title: str = typer.Option(None, "--title", help="Map title (default: from the inputs)."),
    country: str = c.Country,
    demonyms: bool = c.Demonyms,
    no_run_focus: bool = c.NoRunFocus,
    min_confidence: float = c.MinConfidence,
    types: str = c.Types,
    since: str = c.Since,
    until: str = c.Until,
    jobs: int = c.Jobs,
    geocoder: str = c.Geocoder,
    nominatim_url: str = c.NominatimUrl,
    geocoder_delay: float = c.GeocoderDelay,
    include: list[str] = c.Include,
    text_field: str = c.TextField,
    id_field: str = c.IdField,
    date_field: str = c.DateField,
    title_field: str = c.TitleField,
    url_field: str = c.UrlField,
    quiet: bool = c.Quiet,
    verbose: bool = c.Verbose,
) -> None:
    """Render a layered map: one layer per event type, regions as shapes, a time control."""
    c.setup_logging(quiet, verbose)
    fmt = _map_format(fmt, fragment=fragment, png=png, output=output)
    setup = c.settings_from(locals())
    batch = c.Batch(quiet=quiet, verbose=verbose)
    with c.guard():
        c.check_writable(output)
        articles = list(c.articles(inputs, batch, setup))
        export, render = _map_modules(offline or fmt != "html")
        from geomap.gazetteer import Gazetteer

        with Gazetteer.open() as gazetteer:
            if fmt == "png":
                export.render_png(articles, output, gazetteer=gazetteer, types=setup.types)
            else:
                m = render.build_map(articles, gazetteer=gazetteer,
                                     offline=offline or fmt == "fragment",
                                     title=title or _title(inputs), types=setup.types)
                if fmt == "fragment":
                    export.save_fragment(m, output)
                else:
                    export.save_html(m, output)
    batch.report(f"; wrote {output}")
    raise typer.Exit(batch.exit_code)


def _map_format(fmt: str | None, *, fragment: bool, png: bool, output: Path) -> str:
    flags = [name for name, on in (("fragment", fragment), ("png", png)) if on]
    if len(flags) > 1:
        raise typer.BadParameter("choose one of --fragment and --png", param_hint="--png")
    if fmt is not None and fmt not in MAP_FORMATS:
        raise typer.BadParameter(f"{fmt!r}; use one of {', '.join(MAP_FORMATS)}",
                                 param_hint="--format")
    if fmt and flags and fmt != flags[0]:
        raise typer.BadParameter(f"--{flags[0]} contradicts --format {fmt}",
                                 param_hint="--format")
    return fmt or (flags[0] if flags else "png" if output.suffix.lower() == ".png" else "html")


@app.command(epilog=EXPORT_EPILOG)
def export(
    inputs: list[str] = c.InputsArg,
    output: Path = typer.Option(..., "--output", "-o", help="A folder for GeoJSON (one file "
                                "per layer) or a .gpkg file; folders are created."),
    fmt: str = typer.Option(None, "--format", "-f", help="geojson (a file per layer) or gpkg; "
                            "default from -o (.gpkg: gpkg), else geojson."),
    country: str = c.Country,
    demonyms: bool = c.Demonyms,
    no_run_focus: bool = c.NoRunFocus,
    min_confidence: float = c.MinConfidence,
    types: str = c.Types,
    since: str = c.Since,
    until: str = c.Until,
    jobs: int = c.Jobs,
    geocoder: str = c.Geocoder,
    nominatim_url: str = c.NominatimUrl,
    geocoder_delay: float = c.GeocoderDelay,
    include: list[str] = c.Include,
    text_field: str = c.TextField,
    id_field: str = c.IdField,
    date_field: str = c.DateField,
    title_field: str = c.TitleField,
    url_field: str = c.UrlField,
    quiet: bool = c.Quiet,
    verbose: bool = c.Verbose,
) -> None:
    """Export the map layers as GeoJSON files (one per layer) or a GeoPackage."""
    c.setup_logging(quiet, verbose)
    fmt = fmt or ("gpkg" if output.suffix.lower() == ".gpkg" else "geojson")
    if fmt not in EXPORT_FORMATS:
        raise typer.BadParameter(f"{fmt!r}; use geojson or gpkg", param_hint="--format")
    setup = c.settings_from(locals())
    batch = c.Batch(quiet=quiet, verbose=verbose)
    with c.guard():
        c.check_writable(output / "layer.geojson" if fmt == "geojson" else output)
        articles = list(c.articles(inputs, batch, setup))
        from geomap import export as exporter
        from geomap.gazetteer import Gazetteer

        with Gazetteer.open() as gazetteer:
            if fmt == "gpkg":
                written = [exporter.export_gpkg(articles, output, gazetteer=gazetteer,
                                                types=setup.types)]
            else:
                written = exporter.export_geojson(articles, output, gazetteer=gazetteer,
                                                  types=setup.types)
    n = len(written or [])
    batch.report(f"; wrote {n} file{'' if n == 1 else 's'} to {output}")
    raise typer.Exit(batch.exit_code)


def _title(inputs: list[str]) -> str:
    names = [Path(i).stem or i for i in inputs[:3]]
    more = f" and {len(inputs) - 3} more" if len(inputs) > 3 else ""
    return "geomap: " + ", ".join(names) + more
