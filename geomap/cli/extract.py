"""`geomap extract`: places and events of articles as JSONL, GeoJSON or CSV."""

from __future__ import annotations

from collections.abc import Iterator

import typer

from geomap.cli import common as c
from geomap.cli.app import app
from geomap.errors import GeomapError
from geomap.model import Article
from geomap.writers import FORMATS, open_writer


def run_articles(inputs: list[str], batch: c.Batch, *, quiet: bool, verbose: bool,
                 country: str | None, jobs: int, geocoder: str, include: list[str] | None,
                 fields: dict[str, str], min_confidence: float, types: frozenset[str] | None,
                 since: str | None, until: str | None) -> Iterator[Article]:
    """Geoparse the inputs lazily, counting and filtering for the CLI."""
    from geomap.pipeline import run  # imported here so `--help` stays fast

    docs = c.documents(inputs, batch, quiet=quiet, verbose=verbose, include=include, **fields)
    articles = run(docs, country=country, jobs=jobs, geocoder=geocoder)
    for article in c.progress(articles, quiet=quiet, label="geoparsing"):
        kept = c.filter_article(article, min_confidence=min_confidence, types=types,
                                since=since, until=until)
        if kept is not None:
            yield batch.count(kept)


@app.command(epilog="Examples:\n\n  geomap extract seeds/ -o places.jsonl\n\n"
             "  geomap extract news.csv --text-field body --format geojson -o places.geojson\n\n"
             "  cat article.txt | geomap extract - --format csv")
def extract(
    inputs: list[str] = c.InputsArg,
    output: str = typer.Option("-", "--output", "-o", help="Output file; - for stdout."),
    fmt: str = typer.Option(None, "--format", "-f",
                            help=f"One of {', '.join(FORMATS)}; default from the extension "
                            "of -o, else jsonl."),
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
    """Find and geocode the places (and events) in articles; one record per article."""
    c.setup_logging(quiet, verbose)
    if fmt is not None and fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r}; use one of {', '.join(FORMATS)}",
                                 param_hint="--format")
    if geocoder not in ("offline", "nominatim"):
        raise typer.BadParameter(f"{geocoder!r}; use offline or nominatim",
                                 param_hint="--geocoder")
    batch = c.Batch()
    fields = dict(text_field=text_field, id_field=id_field, date_field=date_field,
                  title_field=title_field, url_field=url_field)
    articles = run_articles(
        inputs, batch, quiet=quiet, verbose=verbose, country=country, jobs=jobs,
        geocoder=geocoder, include=include, fields=fields, min_confidence=min_confidence,
        types=c.parse_types(types), since=c.parse_date(since, "--since"),
        until=c.parse_date(until, "--until"))
    try:
        with open_writer(output, fmt) as writer:
            for article in articles:
                writer.write(article)
    except GeomapError as e:
        raise c.fail(e) from e
    if not quiet:
        c.err.print(c.Batch.summary(batch), highlight=False)
    raise typer.Exit(batch.exit_code)
