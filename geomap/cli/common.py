"""What the batch commands share: input options, progress, summaries and exit codes.

Exit codes: 0 all fine, 1 some inputs (or the output) failed, 2 usage error (Click's own
code for bad options), 130 interrupted (Ctrl-C), 141 standard output closed early
(``geomap extract … | head``), like a process stopped by SIGPIPE.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import signal
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date as Date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from geomap.errors import GeomapError, OutputError
from geomap.inputs import InputProblem, read_documents
from geomap.model import EVENT_TYPES, Article, Document

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 130, 141
GEOCODERS = ("offline", "nominatim")
# Without -v, at most this many warnings and this many errors are printed one by one.
SHOWN_MESSAGES = 20

err = Console(stderr=True, highlight=False, soft_wrap=True)

InputsArg = typer.Argument(
    ..., help="Text/HTML files, folders, globs, JSONL/CSV files with a text column, or - "
    "for standard input.", show_default=False, metavar="INPUT")
Quiet = typer.Option(False, "--quiet", "-q", help="Print only errors (no progress, "
                     "warnings or summary).")
Verbose = typer.Option(False, "--verbose", "-v", help="Print every skipped input and "
                       "notice (by default the first 20 of each).")
Country = typer.Option(None, "--country", help="Focus country hint (ISO code, e.g. UA) "
                       "used to choose among namesakes.")
Demonyms = typer.Option(False, "--demonyms", help="Also report nationality adjectives "
                        "(\"Russian forces\") as places of the country, role \"demonym\" "
                        "(CLIFF's and GeoWebNews' convention); off by default.")
NoRunFocus = typer.Option(False, "--no-run-focus", help="Read every article on its own. By "
                        "default the places that earlier articles of the run name without "
                        "ambiguity choose among a village's namesakes (each --jobs worker "
                        "learns its own).")
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
NominatimUrl = typer.Option(None, "--nominatim-url", envvar="GEOMAP_NOMINATIM_URL",
                            help="Nominatim server for --geocoder nominatim, e.g. "
                            "http://localhost:8080 (default: nominatim.openstreetmap.org).")
GeocoderDelay = typer.Option(1.0, "--geocoder-delay", min=0.0, help="Seconds between "
                             "Nominatim requests (the public server asks for 1).")


def setup_logging(quiet: bool, verbose: bool) -> None:
    """Route library warnings to stderr at the level the user asked for."""
    level = logging.ERROR if quiet else logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s: %(message)s", force=True)
    # geopy's RateLimiter logs each retry with a traceback, urllib3 each reconnect; the
    # final GeocoderError already says what failed and how to fix it.
    for name in ("geopy", "urllib3"):
        logging.getLogger(name).setLevel(logging.DEBUG if verbose else logging.CRITICAL)


# -- option values ----------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """The batch options every command shares, validated."""

    country: str | None = None
    min_confidence: float = 0.0
    types: frozenset[str] | None = None
    since: str | None = None
    until: str | None = None
    jobs: int = 1
    geocoder: str = "offline"
    nominatim: dict[str, Any] | None = None
    include: tuple[str, ...] | None = None
    fields: dict[str, str] = field(default_factory=dict)
    demonyms: bool = False
    run_focus: bool = True


SHARED_OPTIONS = ("country", "min_confidence", "types", "since", "until", "jobs", "geocoder",
                  "nominatim_url", "geocoder_delay", "include", "text_field", "id_field",
                  "date_field", "title_field", "url_field", "demonyms",
                  "no_run_focus")


def settings_from(options: dict[str, Any]) -> Settings:
    """`settings` from a command's parameters (its ``locals()``): the batch commands share
    these options, so each passes them all instead of repeating the list."""
    return settings(**{name: options[name] for name in SHARED_OPTIONS})


def settings(*, country: str | None, min_confidence: float, types: str | None,
             since: str | None, until: str | None, jobs: int, geocoder: str,
             nominatim_url: str | None, geocoder_delay: float, include: list[str] | None,
             text_field: str, id_field: str, date_field: str, title_field: str,
             url_field: str, demonyms: bool = False, no_run_focus: bool = False) -> Settings:
    """Validate the shared options; bad values raise BadParameter (exit code 2)."""
    since, until = parse_date(since, "--since"), parse_date(until, "--until")
    if since and until and since > until:
        raise typer.BadParameter(f"{since} is after --until {until}", param_hint="--since")
    return Settings(
        country=parse_country(country), min_confidence=min_confidence,
        types=parse_types(types), since=since, until=until, jobs=jobs,
        geocoder=parse_geocoder(geocoder),
        nominatim=nominatim_options(nominatim_url, geocoder_delay) if geocoder == "nominatim"
        else None,
        include=tuple(include) if include else None,
        fields=dict(text_field=text_field, id_field=id_field, date_field=date_field,
                    title_field=title_field, url_field=url_field),
        demonyms=demonyms, run_focus=not no_run_focus,
    )


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


def parse_country(value: str | None) -> str | None:
    """Validate an ISO 3166-1 alpha-2 country code (returned upper-case)."""
    if value is None:
        return None
    if not re.fullmatch(r"[A-Za-z]{2}", value.strip()):
        raise typer.BadParameter(f"{value!r} is not a two-letter ISO country code; e.g. UA",
                                 param_hint="--country")
    return value.strip().upper()


def parse_geocoder(value: str) -> str:
    """Validate --geocoder."""
    if value not in GEOCODERS:
        raise typer.BadParameter(f"{value!r}; use {' or '.join(GEOCODERS)}",
                                 param_hint="--geocoder")
    return value


def nominatim_options(url: str | None, delay: float) -> dict[str, Any]:
    """NominatimGeocoder keyword arguments for a server URL (None: the public server)."""
    options: dict[str, Any] = {"min_delay_seconds": delay}
    if url:
        parts = urlsplit(url if "://" in url else f"https://{url}")
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise typer.BadParameter(f"{url!r} is not an http(s) URL; e.g. "
                                     "http://localhost:8080", param_hint="--nominatim-url")
        # geopy appends /search to the domain, so a path prefix belongs to the domain.
        path = re.sub(r"/(search(\.php)?)?/?$", "", parts.path)
        options.update(scheme=parts.scheme, domain=parts.netloc + path)
    return options


# -- the batch --------------------------------------------------------------------------


@dataclass
class Batch:
    """Counts and messages for the end-of-run summary (CLI state, not pipeline data)."""

    quiet: bool = False
    verbose: bool = False
    articles: int = 0
    places: int = 0
    events: int = 0
    unresolved: int = 0
    filtered: int = 0  # articles dropped by --since/--until
    skipped: list[InputProblem] = field(default_factory=list)
    notices: int = 0
    _hidden: Counter[str] = field(default_factory=Counter)

    def count(self, article: Article) -> Article:
        self.articles += 1
        self.places += sum(1 for p in article.places if p.candidate is not None)
        self.unresolved += sum(1 for p in article.places if p.candidate is None)
        self.events += len(article.events)
        return article

    def warn(self, problem: InputProblem) -> None:
        """A notice about an input that was read (encoding fallback, bad date, …)."""
        self.notices += 1
        if not self.quiet:
            self._show("warning", "yellow", str(problem), self.notices)

    def skip(self, problem: InputProblem) -> None:
        """An input (file, line, row) that was skipped."""
        self.skipped.append(problem)
        self._show("error", "red", str(problem), len(self.skipped))

    def _show(self, kind: str, colour: str, text: str, n: int) -> None:
        if self.verbose or n <= SHOWN_MESSAGES:
            err.print(f"[{colour}]{kind}:[/] {escape(text)}", markup=True, highlight=False)
        else:
            self._hidden[kind] += 1

    @property
    def exit_code(self) -> int:
        return EXIT_SOME_FAILED if self.skipped else EXIT_OK

    def summary(self) -> str:
        """One line: articles, places, events, unresolved, and skipped inputs by reason."""
        parts = [f"{self.articles} article{_s(self.articles)}",
                 f"{self.places} place{_s(self.places)}",
                 f"{self.events} event{_s(self.events)}", f"{self.unresolved} unresolved"]
        if self.filtered:
            parts.append(f"{self.filtered} outside --since/--until")
        reasons = Counter(skip_reason(p) for p in self.skipped)
        skipped = f"{len(self.skipped)} skipped"
        if reasons:
            skipped += ": " + ", ".join(f"{n} {r}" for r, n in
                                        sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])))
        text = ", ".join(parts) + "; " + skipped
        if self.notices:
            text += f"; {self.notices} warning{_s(self.notices)}"

        hidden = sum(self._hidden.values())
        if hidden:
            text += f" ({hidden} more message{_s(hidden)} not shown; -v shows all)"
        return text

    def report(self, extra: str = "") -> None:
        """Print the summary to stderr (not in quiet mode)."""
        if not self.quiet:
            err.print(self.summary() + extra, highlight=False)


def _s(n: int) -> str:
    return "" if n == 1 else "s"


# Short labels for the summary, keyed by how geomap.inputs words its problems.
_REASONS: tuple[tuple[str, str], ...] = (
    (r"^empty file", "empty file"),
    (r"^binary file", "binary file"),
    (r"^no such file or folder", "missing path"),
    (r"^pattern matched no files", "glob matching nothing"),
    (r"^folder has no files", "folder with no text files"),
    (r"^not a regular file", "not a regular file"),
    (r"^empty CSV", "empty CSV file"),
    (r"^no JSON records", "blank JSON file"),
    (r"^malformed CSV", "malformed CSV"),
    (r"^row has \d+ of", "short CSV row"),
    (r"^HTML page too large", "HTML page too large"),
    (r"^cannot parse the HTML", "unparsable HTML"),
    (r"^no article text found", "HTML page without article text"),
    (r"^cannot read", "unreadable file"),
)


def skip_reason(problem: InputProblem) -> str:
    """A short, countable reason for a skipped input ("empty file", "invalid JSON line")."""
    message = re.sub(r"^[^:]*\[\d+\]: ", "", problem.message)  # "file.json[3]: …"
    if message.startswith("not valid JSON"):
        return "invalid JSON line" if problem.line is not None else "invalid JSON file"
    if m := re.match(r"no ('[^']*') (column|field)", message):
        return f"no {m[1]} {m[2]}"
    if m := re.match(r"('[^']*') is empty", message):
        return f"empty {m[1]}"
    if re.match(r"'[^']*' is \w+, not text", message):
        return "text that is not a string"
    if message.startswith("expected a JSON object"):
        return "JSON record that is not an object"
    for pattern, label in _REASONS:
        if re.match(pattern, message):
            return label
    # Unknown wording: its first clause, kept short.
    head = re.split(r"[;(:—]", message, maxsplit=1)[0].strip()
    return head if len(head) <= 40 else head[:39].rsplit(" ", 1)[0] + "…"


def documents(inputs: list[str], batch: Batch, setup: Settings) -> Iterator[Document]:
    """Documents from the inputs; problems are reported on stderr and counted."""
    kwargs: dict[str, Any] = {"warn": batch.warn, "stdin": sys.stdin, **setup.fields}
    if setup.include:
        kwargs["include"] = setup.include
    for item in read_documents(inputs, **kwargs):
        if isinstance(item, InputProblem):
            batch.skip(item)
        else:
            yield item


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
        keep = [i for i, p in enumerate(article.places) if p.candidate is None
                or p.confidence >= min_confidence]
        index = {old: new for new, old in enumerate(keep)}
        events = tuple(replace(e, place=index.get(e.place)) if e.place is not None else e
                       for e in events)
    return replace(article, places=places, events=events)


def articles(inputs: list[str], batch: Batch, setup: Settings, *,
             label: str = "geoparsing") -> Iterator[Article]:
    """Geoparse the inputs lazily, in input order, counting and filtering for the CLI."""
    from geomap.gazetteer import Gazetteer
    from geomap.pipeline import run  # imported here so `--help` stays fast

    # The first run builds the gazetteer store (~10-30 s): show its progress bar here,
    # where a terminal is known, rather than building silently inside the pipeline.
    Gazetteer.open(progress=not batch.quiet and err.is_terminal).close()
    docs = documents(inputs, batch, setup)
    parsed = run(docs, country=setup.country, jobs=setup.jobs, geocoder=setup.geocoder,
                 nominatim=setup.nominatim, demonyms=setup.demonyms,
                 run_focus=setup.run_focus)
    try:
        for article in progress(parsed, quiet=batch.quiet, label=label):
            kept = filter_article(article, min_confidence=setup.min_confidence,
                                  types=setup.types, since=setup.since, until=setup.until)
            if kept is None:
                batch.filtered += 1
            else:
                yield batch.count(kept)
    finally:
        parsed.close()  # stops worker processes now, not when garbage is collected


# -- errors, interrupts and closed pipes -----------------------------------------------


@contextlib.contextmanager
def guard() -> Iterator[None]:
    """Turn what can stop a batch into a message and an exit code, never a traceback.

    GeomapError -> 1 with its message; Ctrl-C -> 130 (atomic writers leave no partial
    file); a closed standard output (``| head``) -> 141, silently. While the block runs,
    Ctrl-C interrupts only this process: ``--jobs`` workers ignore it and are stopped
    by the pool.
    """
    main = os.getpid()

    def on_sigint(signum: int, frame: object) -> None:
        if os.getpid() == main:
            raise KeyboardInterrupt

    previous = _set_sigint(on_sigint)
    try:
        yield
    except KeyboardInterrupt:
        err.print("interrupted (an output file is only written when the run completes)",
                  highlight=False)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except EOFError as e:
        # Typer would print a bare "Aborted."; here it means a truncated file (gzip).
        raise fail(GeomapError(f"unexpected end of data: {e or 'EOFError'}; a data file "
                               "may be truncated or still being written")) from None
    except (GeomapError, OSError) as e:
        if _broken_pipe(e):
            _silence_stdout()
            raise typer.Exit(EXIT_BROKEN_PIPE) from None
        if not isinstance(e, GeomapError):
            raise
        raise fail(e) from None
    finally:
        _set_sigint(previous)


def _set_sigint(handler: Any) -> Any:
    try:
        return signal.signal(signal.SIGINT, handler)
    except (ValueError, TypeError):  # not the main thread, or no previous Python handler
        return None


def _broken_pipe(error: BaseException | None) -> bool:
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, BrokenPipeError):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def _silence_stdout() -> None:
    # Python flushes stdout at exit; on a closed pipe that prints another error.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real file descriptor (tests)
        pass


def check_writable(path: Path) -> None:
    """Fail before a long batch, not after it, when ``path`` cannot be written.

    Creates missing folders (as the writers would). Raises OutputError.
    """
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name, e.g. {path / 'map.html'}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path.parent):
            pass
    except OSError as e:
        raise OutputError(f"cannot write {path}: {e.strerror or e}; choose an output path "
                          "in a writable folder") from e


def fail(error: GeomapError | OSError, code: int = EXIT_SOME_FAILED) -> typer.Exit:
    """Print a library error for the user and return the Exit to raise."""
    err.print(f"[red]error:[/] {escape(str(error))}", markup=True, highlight=False)
    return typer.Exit(code)
