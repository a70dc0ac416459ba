"""`geomap map` and `geomap export`: layered maps and per-layer files from articles."""

from __future__ import annotations

from pathlib import Path

import typer

from geomap.cli import common as c
from geomap.cli.app import app
from geomap.cli.extract import run_articles
from geomap.errors import GeomapError


def _articles(inputs: list[str], batch: c.Batch, **kw: object) -> list:
    return list(run_articles(inputs, batch, **kw))  # type: ignore[arg-type]


@app.command(name="map", epilog="Examples:\n\n  geomap map seeds/ -o maps/seed.html\n\n"
             "  geomap map news.jsonl --offline --types advance,strike -o maps/front.html\n\n"
             "  geomap map seeds/ --fragment -o report/map-snippet.html\n\n"
             "  geomap map seeds/ --png -o report/map.png")
def map_cmd(
    inputs: list[str] = c.InputsArg,
    output: Path = typer.Option(..., "--output", "-o", help="The HTML (or, with --png, PNG) "
                                "file to write; folders are created."),
    offline: bool = typer.Option(False, "--offline", help="Self-contained HTML: Leaflet and "
                                 "plugins inlined, no tiles, nothing loaded from the network."),
    fragment: bool = typer.Option(False, "--fragment", help="Write an HTML snippet (iframe "
                                  "srcdoc) to paste into another page."),
    png: bool = typer.Option(False, "--png", help="Write a static PNG image (no browser)."),
    title: str = typer.Option(None, "--title", help="Map title (default: from the inputs)."),
    country: str = c.Country,
    min_confidence: float = c.MinConfidence,
    types: str = c.Types,
    since: str = c.Since,
    until: str = c.Until,
    jobs: int = c.Jobs,
    geocoder: str = c.Geocoder,
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
    if fragment and png:
        raise typer.BadParameter("choose one of --fragment and --png", param_hint="--png")
    batch = c.Batch()
    type_set = c.parse_types(types)
    fields = dict(text_field=text_field, id_field=id_field, date_field=date_field,
                  title_field=title_field, url_field=url_field)
    articles = _articles(
        inputs, batch, quiet=quiet, verbose=verbose, country=country, jobs=jobs,
        geocoder=geocoder, include=include, fields=fields, min_confidence=min_confidence,
        types=type_set, since=c.parse_date(since, "--since"),
        until=c.parse_date(until, "--until"))
    from geomap import export, render
    from geomap.gazetteer import Gazetteer

    try:
        gazetteer = Gazetteer.open()
        if png:
            export.render_png(articles, output, gazetteer=gazetteer, types=type_set)
        else:
            m = render.build_map(articles, gazetteer=gazetteer, offline=offline or fragment,
                                 title=title or _title(inputs), types=type_set)
            if fragment:
                export.write_text(output, render.to_fragment(m))
            else:
                export.save_html(m, output)
    except GeomapError as e:
        raise c.fail(e) from e
    if not quiet:
        c.err.print(f"{batch.summary()}; wrote {output}", highlight=False)
    raise typer.Exit(batch.exit_code)


@app.command(epilog="Examples:\n\n  geomap export seeds/ -o layers/\n\n"
             "  geomap export news.jsonl --format gpkg -o events.gpkg")
def export(
    inputs: list[str] = c.InputsArg,
    output: Path = typer.Option(..., "--output", "-o", help="A folder for GeoJSON (one file "
                                "per layer) or a .gpkg file."),
    fmt: str = typer.Option(None, "--format", "-f", help="geojson (a file per layer) or gpkg; "
                            "default from -o."),
    country: str = c.Country,
    min_confidence: float = c.MinConfidence,
    types: str = c.Types,
    since: str = c.Since,
    until: str = c.Until,
    jobs: int = c.Jobs,
    geocoder: str = c.Geocoder,
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
    if fmt not in ("geojson", "gpkg"):
        raise typer.BadParameter(f"{fmt!r}; use geojson or gpkg", param_hint="--format")
    batch = c.Batch()
    type_set = c.parse_types(types)
    fields = dict(text_field=text_field, id_field=id_field, date_field=date_field,
                  title_field=title_field, url_field=url_field)
    articles = _articles(
        inputs, batch, quiet=quiet, verbose=verbose, country=country, jobs=jobs,
        geocoder=geocoder, include=include, fields=fields, min_confidence=min_confidence,
        types=type_set, since=c.parse_date(since, "--since"),
        until=c.parse_date(until, "--until"))
    from geomap import export as exporter
    from geomap.gazetteer import Gazetteer

    try:
        gazetteer = Gazetteer.open()
        if fmt == "gpkg":
            written = [exporter.export_gpkg(articles, output, gazetteer=gazetteer,
                                            types=type_set)]
        else:
            written = exporter.export_geojson(articles, output, gazetteer=gazetteer,
                                              types=type_set)
    except GeomapError as e:
        raise c.fail(e) from e
    if not quiet:
        c.err.print(f"{batch.summary()}; wrote {len(written or [])} file(s) to {output}",
                    highlight=False)
    raise typer.Exit(batch.exit_code)


def _title(inputs: list[str]) -> str:
    names = [Path(i).stem or i for i in inputs[:3]]
    more = f" and {len(inputs) - 3} more" if len(inputs) > 3 else ""
    return "geomap: " + ", ".join(names) + more
