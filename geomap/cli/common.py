"""What the batch commands share: input options, progress, summaries and exit codes."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date as Date

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from geomap.errors import GeomapError
from geomap.inputs import InputProblem, read_documents
from geomap.model import EVENT_TYPES, Article, Document

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2

err = Console(stderr=True, highlight=False, soft_wrap=True)

InputsArg = typer.Argument(
    ..., help="Text/HTML files, folders, globs, JSONL/CSV files with a text column, or - "
    "for standard input.", show_default=False)
Quiet = typer.Option(False, "--quiet", "-q", help="Print only errors.")
Verbose = typer.Option(False, "--verbose", "-v", help="Print every skipped input and notice.")
Country = typer.Option(None, "--country", help="Focus country hint (ISO code, e.g. UA) "
                       "used to choose among namesakes.")
MinConfidence = typer.Option(0.0, "--min-confidence", min=0.0, max=1.0,
                             help="Drop places resolved with less confidence than this.")
Types = typer.Option(None, "--types", help="Comma-separated event types to keep, e.g. "
                     "advance,strike.")
Since = typer.Option(None, "--since", help="Keep events (and dated articles) on or after "
                     "this date (YYYY-MM-DD).")
Until = typer.Option(None, "--until", help="Keep events (and dated articles) on or before "
                     "this date (YYYY-MM-DD).")
TextField = typer.Option("text", "--text-field", help="JSONL/CSV column with the text.")
IdField = typer.Option("id", "--id-field", help="JSONL/CSV column with the article id.")
DateField = typer.Option("date", "--date-field", help="JSONL/CSV column with the date.")
TitleField = typer.Option("title", "--title-field", help="JSONL/CSV column with the title.")
UrlField = typer.Option("url", "--url-field", help="JSONL/CSV column with the URL.")
Include = typer.Option(None, "--include", help="Glob of file names to read inside folders "
                       "(repeatable); default: *.txt *.md *.html *.htm *.jsonl *.json *.csv.")
Jobs = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes.")
Geocoder = typer.Option("offline", "--geocoder", help="offline (default) or nominatim: "
                        "ask OpenStreetMap Nominatim for names the gazetteer lacks.")


def setup_logging(quiet: bool, verbose: bool) -> None:
    """Route library warnings to stderr at the level the user asked for."""
    level = logging.ERROR if quiet else logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s: %(message)s", force=True)


@dataclass
class Batch:
    """Counts for the end-of-run summary (CLI state, not pipeline data)."""

    articles: int = 0
    places: int = 0
    events: int = 0
    unresolved: int = 0
    skipped: list[InputProblem] = field(default_factory=list)
    notices: int = 0

    def count(self, article: Article) -> Article:
        self.articles += 1
        self.places += sum(1 for p in article.places if p.candidate is not None)
        self.unresolved += sum(1 for p in article.places if p.candidate is None)
        self.events += len(article.events)
        return article

    @property
    def exit_code(self) -> int:
        return EXIT_SOME_FAILED if self.skipped else EXIT_OK

    def summary(self) -> str:
        text = (f"{self.articles} articles, {self.places} places, {self.events} events, "
                f"{self.unresolved} unresolved, {len(self.skipped)} skipped")
        return text


def parse_date(value: str | None, option: str) -> str | None:
    """Validate a YYYY-MM-DD option value."""
    if value is None:
        return None
    try:
        return Date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD",
                                 param_hint=option) from None


def parse_types(value: str | None) -> frozenset[str] | None:
    """Validate a comma-separated list of event types."""
    if not value:
        return None
    types = frozenset(t.strip() for t in value.split(",") if t.strip())
    unknown = sorted(types - set(EVENT_TYPES))
    if unknown:
        raise typer.BadParameter(f"unknown event type(s) {', '.join(unknown)}; choose from "
                                 f"{', '.join(EVENT_TYPES)}", param_hint="--types")
    return types


def documents(inputs: list[str], batch: Batch, *, verbose: bool, quiet: bool,
              include: list[str] | None = None, **fields: str) -> Iterator[Document]:
    """Documents from the inputs; problems are reported on stderr and counted."""
    def warn(problem: InputProblem) -> None:
        batch.notices += 1
        if not quiet:
            err.print(f"[yellow]warning:[/] {problem}", markup=True, highlight=False)

    kwargs = {"warn": warn, **fields}
    if include:
        kwargs["include"] = tuple(include)
    for item in read_documents(inputs, **kwargs):
        if isinstance(item, InputProblem):
            batch.skipped.append(item)
            if not quiet or verbose:
                err.print(f"[red]error:[/] {_escape(str(item))}", markup=True, highlight=False)
            continue
        yield item


def _escape(text: str) -> str:
    return text.replace("[", "\\[")


def progress(items: Iterable[Article], *, quiet: bool, label: str) -> Iterator[Article]:
    """Show a live count while a batch runs (only on a terminal, never in quiet mode)."""
    with Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
                  TextColumn("{task.completed} articles"), TimeElapsedColumn(),
                  console=err, transient=True,
                  disable=quiet or not err.is_terminal) as bar:
        task = bar.add_task(label, total=None)
        for item in items:
            yield item
            bar.advance(task)


def filter_article(article: Article, *, min_confidence: float, types: frozenset[str] | None,
                   since: str | None, until: str | None) -> Article | None:
    """The article with places/events filtered as the options ask; None drops it."""
    d = article.document.date
    if d and ((since and d < since) or (until and d > until)):
        return None
    if not (min_confidence or types or since or until):
        return article
    events = tuple(
        e for e in article.events
        if (types is None or e.type in types)
        and not (e.date and ((since and e.date < since) or (until and e.date > until)))
    )
    places = tuple(p for p in article.places
                   if p.candidate is None or p.confidence >= min_confidence)
    if len(places) != len(article.places):
        # Event place indices point into the unfiltered list; remap them.
        keep = [i for i, p in enumerate(article.places) if p in places]
        index = {old: new for new, old in enumerate(keep)}
        events = tuple(replace(e, place=index.get(e.place)) if e.place is not None else e
                       for e in events)
    return replace(article, places=places, events=events)


def fail(error: GeomapError | OSError, code: int = EXIT_SOME_FAILED) -> typer.Exit:
    """Print a library error for the user and return the Exit to raise."""
    err.print(f"[red]error:[/] {_escape(str(error))}", markup=True, highlight=False)
    return typer.Exit(code)
