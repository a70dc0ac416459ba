"""`geomap extract`: places and events of articles as JSONL, GeoJSON or CSV."""

from __future__ import annotations

import typer

from geomap.cli import common as c
from geomap.cli.app import app
from geomap.writers import FORMATS, open_writer

EPILOG = """Examples:

  geomap extract seeds/ -o places.jsonl

  geomap extract news.csv --text-field body --format geojson -o places.geojson

  cat article.txt | geomap extract - --format csv

  geomap extract 'news/**/*.html' --country UA --types advance,strike --since 2022-11-01

  geomap extract big.jsonl --jobs 4 -q -o places.jsonl

Exit codes: 0 all fine, 1 some inputs could not be read (the rest is still written) \
or the output failed, 2 bad options, 130 interrupted."""


@app.command(epilog=EPILOG)
def extract(
    inputs: list[str] = c.InputsArg,
    output: str = typer.Option("-", "--output", "-o", help="Output file (folders are "
                               "created); - for standard output."),
    fmt: str = typer.Option(None, "--format", "-f",
                            help=f"One of {', '.join(FORMATS)}; default from the extension "
                            "of -o, else jsonl."),
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
    """Find and geocode the places (and events) in articles; one record per article."""
    c.setup_logging(quiet, verbose)
    if fmt is not None and fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r}; use one of {', '.join(FORMATS)}",
                                 param_hint="--format")
    setup = c.settings_from(locals())
    batch = c.Batch(quiet=quiet, verbose=verbose)
    with c.guard():
        articles = c.articles(inputs, batch, setup)
        try:
            with open_writer(output, fmt) as writer:
                for article in articles:
                    writer.write(article)
        finally:
            articles.close()
    batch.report("" if output == "-" else f"; wrote {output}")
    raise typer.Exit(batch.exit_code)
