"""Read articles from files, folders, globs and stdin into `Document`s, one at a time.

`read_documents` is a generator: it never holds more than one article (or one
`MAX_CHARS` part of a very long text) in memory, yields in a deterministic order
(arguments in the order given, folders walked recursively in sorted order), and never
raises for bad input: an input it has to skip is yielded as an `InputProblem` naming the
file, the line and the fix. Notices about inputs that *are* read (an encoding fallback, a
date that could not be understood, a long text split into parts, a duplicate id) go to
the `warn` callback instead, or to the ``geomap.inputs`` logger when none is given.

Formats, chosen by file extension:
- ``.txt``, ``.md`` and anything unknown: one Document per file; a YAML-style front
  matter block (``title:``, ``date:``, ``url:``, ``id:``) or a short first-line headline
  gives the title.
- ``.html``/``.htm``: the main article text (boilerplate dropped by trafilatura), the
  title, canonical URL and publication date from the page markup.
- ``.jsonl``/``.ndjson``: one Document per JSON object line, streamed; ``.json``: one
  object, a list of objects, or JSON Lines (read whole: use JSONL for big batches).
- ``.csv``/``.tsv``: one Document per row; the delimiter is taken from the header line.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import dataclasses
import datetime as dt
import fnmatch
import functools
import glob
import io
import json
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from geomap.model import Document

DEFAULT_INCLUDE: tuple[str, ...] = (
    "*.txt", "*.md", "*.html", "*.htm", "*.jsonl", "*.json", "*.csv",
)
# spaCy's default nlp.max_length; longer texts are split into parts at paragraph breaks
# so that one 50 MB file neither exhausts memory nor trips the parser's length limit.
MAX_CHARS = 1_000_000
# JSON Lines hold a whole article per line, \u-escaped text takes up to 6 characters per
# letter, so lines may be far longer than MAX_CHARS; past this the record is skipped.
LINE_LIMIT = 64_000_000

# Web pages beyond this are not articles (and parsing them takes minutes).
MAX_HTML_BYTES = 20_000_000

_CHUNK = 1 << 20  # bytes per read when checking encodings
_BINARY_SNIFF = 8192  # like git: a NUL byte in the first 8 KiB means binary
_logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class InputProblem:
    """An input that was skipped (or a notice about one that was read), with the fix."""

    source: str  # the path as given, or "-" for stdin
    line: int | None  # 1-based line for JSONL/CSV records, None for whole files
    message: str  # what is wrong and how to fix it

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message}"


Warn = Callable[[InputProblem], None]


def _log_warning(problem: InputProblem) -> None:
    _logger.warning("%s", problem)


def read_documents(
    paths: Sequence[str | os.PathLike[str]],
    *,
    include: Sequence[str] = DEFAULT_INCLUDE,
    text_field: str = "text",
    id_field: str = "id",
    date_field: str = "date",
    title_field: str = "title",
    url_field: str = "url",
    stdin: TextIO | None = None,
    warn: Warn | None = None,
    max_chars: int = MAX_CHARS,
) -> Iterator[Document | InputProblem]:
    """Yield a Document per article (or an InputProblem per skipped input), streaming.

    ``paths`` holds files, folders (walked recursively, keeping names that match one of
    ``include``), glob patterns (``**`` recurses) and ``"-"`` for ``stdin``. Files given
    by name are read whatever their extension. Texts longer than ``max_chars`` characters
    are split at paragraph breaks into Documents ``<id>#1``, ``<id>#2``, ….
    """
    if isinstance(paths, str | os.PathLike):  # one path, not a sequence of characters
        paths = [paths]
    if isinstance(include, str):
        include = [include]
    reader = _Reader(
        include=tuple(include), fields=_Fields(text_field, id_field, date_field,
                                               title_field, url_field),
        warn=warn or _log_warning, max_chars=max(1, max_chars),
    )
    for arg in map(os.fspath, paths):
        if arg == "-":
            yield from reader.read_stdin(stdin)
            continue
        for item in _expand(arg, reader.include):
            if isinstance(item, InputProblem):
                yield item
            else:
                yield from reader.read_file(*item)


def normalize_date(value: Any) -> tuple[str | None, str | None]:
    """Return (ISO ``YYYY-MM-DD`` date or None, reason it was not understood or None).

    Accepts ISO dates and timestamps (the date as written, time zone ignored), ``Y/M/D``,
    ``YYYYMMDD``, ``D.M.Y``, ``D/M/Y`` when the day is over 12, RFC 2822 and English
    month-name dates. ``03/04/2022`` is ambiguous and gives None with a reason.
    """
    if value is None:
        return None, None
    if isinstance(value, bool):
        return None, f"date {value!r} is not a date; use YYYY-MM-DD"
    if isinstance(value, int | float):
        return None, f"date {value!r} is a number; use YYYY-MM-DD"
    text = str(value).strip()
    if not text:
        return None, None
    shown = text if len(text) <= 40 else text[:40] + "…"
    if m := re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ]\d)", text):
        return _ymd(m[1], m[2], m[3], shown)
    if m := re.fullmatch(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})", text):
        return _ymd(m[1], m[2], m[3], shown)
    if m := re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text):
        return _ymd(m[1], m[2], m[3], shown)
    if m := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text):  # European D.M.Y
        return _ymd(m[3], m[2], m[1], shown)
    if m := re.fullmatch(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})", text):
        a, b = int(m[1]), int(m[2])
        if a > 12 >= b:
            return _ymd(m[3], m[2], m[1], shown)
        if b > 12 >= a:
            return _ymd(m[3], m[1], m[2], shown)
        if a == b:
            return _ymd(m[3], m[1], m[2], shown)
        return None, (f"date {shown!r} is ambiguous (day/month or month/day); "
                      "write dates as YYYY-MM-DD")
    return _parse_textual_date(text, shown)


def _ymd(year: str, month: str, day: str, shown: str) -> tuple[str | None, str | None]:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat(), None
    except ValueError:
        return None, f"date {shown!r} does not exist; use YYYY-MM-DD"


def _parse_textual_date(text: str, shown: str) -> tuple[str | None, str | None]:
    from dateutil import parser as dateparser

    if len(text) > 100 or not re.search(r"\d{4}", text):
        return None, f"date {shown!r} not understood (no year); use YYYY-MM-DD"
    # Parse twice with different defaults: a field dateutil filled in from the default
    # (e.g. the day of "November 2022") differs between the two, so the date is partial.
    results = []
    for default in (dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2)):
        try:
            results.append(dateparser.parse(text, default=default).date())
        except (ValueError, OverflowError, TypeError):
            return None, f"date {shown!r} not understood; use YYYY-MM-DD"
    if results[0] != results[1]:
        return None, f"date {shown!r} is incomplete (no day or month); use YYYY-MM-DD"
    return results[0].isoformat(), None


@dataclass(frozen=True, slots=True)
class _Fields:
    text: str
    id: str
    date: str
    title: str
    url: str


def _expand(arg: str, include: tuple[str, ...]) -> Iterator[tuple[Path, str, str] | InputProblem]:
    """Yield (path, source label, base id) for each file an argument names, or a problem."""
    path = Path(arg)
    if path.is_dir():
        found = False
        for file in _walk(path, include):
            found = True
            rel = file.relative_to(path)
            yield file, file.as_posix(), rel.with_suffix("").as_posix()
        if not found:
            yield InputProblem(arg, None, "folder has no files matching "
                               f"{' '.join(include)}; pass the files directly or widen "
                               "--include")
        return
    if path.is_file():
        yield path, arg, path.stem
        return
    if glob.has_magic(arg):
        matches = sorted(glob.glob(arg, recursive=True))
        files = [Path(m) for m in matches if Path(m).is_file()]
        dirs = [m for m in matches if Path(m).is_dir()]
        if not files and not dirs:
            yield InputProblem(arg, None, "pattern matched no files; check the pattern")
            return
        for file in files:
            yield file, file.as_posix(), file.stem
        for folder in dirs:
            yield from _expand(folder, include)
        return
    if path.exists():  # a socket, a FIFO, a device
        yield InputProblem(arg, None, "not a regular file or folder; pass a text file")
        return
    yield InputProblem(arg, None, "no such file or folder; check the path (quote glob "
                       "patterns so that geomap, not the shell, expands them)")


def _walk(root: Path, include: tuple[str, ...]) -> Iterator[Path]:
    patterns = tuple(p.lower() for p in include)
    for dirpath, dirnames, filenames in os.walk(root):
        # Sorted, hidden folders (.git, .cache) skipped: the walk order is the output order.
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            if any(fnmatch.fnmatchcase(name.lower(), p) for p in patterns):
                yield Path(dirpath) / name


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".json":
        return "json"
    if suffix in (".csv", ".tsv"):
        return "csv"
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "md"
    return "text"


@dataclass(frozen=True, slots=True)
class _Encoding:
    name: str
    notice: str | None = None  # set when the file was not valid UTF-8


class _Skip(Exception):
    """Internal: the current file cannot be read; carries the message for the problem."""


def _detect_encoding(path: Path, *, html: bool = False) -> _Encoding:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else cp1251/cp1252 with a notice."""
    with path.open("rb") as f:
        head = f.read(_CHUNK)
        if not head:
            raise _Skip("empty file; remove it or add the article text")
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return _Encoding("utf-16")
        if b"\x00" in head[:_BINARY_SNIFF]:
            raise _Skip("binary file (contains NUL bytes), not text; convert it to "
                        "UTF-8 text, HTML, JSONL or CSV first")
        encoding = "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
        decoder = codecs.getincrementaldecoder("utf-8")()
        chunk, offset = head, 0
        while chunk:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as e:
                bad = offset + e.start
                break
            offset += len(chunk)
            chunk = f.read(_CHUNK)
        else:
            try:
                decoder.decode(b"", final=True)
                return _Encoding(encoding)
            except UnicodeDecodeError:
                bad = offset
        f.seek(max(0, bad - 65536))
        sample = f.read(131072)
    declared = _declared_charset(head) if html else None
    if declared:
        return _Encoding(declared)
    legacy = _guess_legacy(sample)
    language = "Cyrillic" if legacy == "cp1251" else "Western European"
    return _Encoding(legacy, f"not valid UTF-8 (first bad byte at offset {bad}); read as "
                     f"{legacy} ({language}) — re-save the file as UTF-8 if the text "
                     "looks wrong")


def _declared_charset(head: bytes) -> str | None:
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", head[:8192], re.I)
    if not m:
        return None
    try:
        name = codecs.lookup(m[1].decode("ascii")).name
        if name.startswith(("utf-16", "utf-32")):  # no BOM and no NUL bytes: not UTF-16/32
            return None
        # Refuses bytes-to-bytes codecs (base64, rot13) and ones that cannot replace
        # errors (idna, punycode).
        io.TextIOWrapper(io.BytesIO(head), encoding=name, errors="replace").read()
    except (LookupError, UnicodeError, ValueError, TypeError):
        return None
    return None if name == "utf-8" else name  # a lying "utf-8" gets the fallback


def _guess_legacy(sample: bytes) -> str:
    """cp1251 (Cyrillic) or cp1252 (Western European) for bytes that are not UTF-8."""
    from charset_normalizer import from_bytes

    try:
        best = from_bytes(sample, cp_isolation=["cp1251", "cp1252"]).best()
    except Exception:  # noqa: BLE001 - a detector failure only means "no opinion"
        best = None
    return "cp1251" if best is not None and best.encoding == "cp1251" else "cp1252"


def _lines(f: TextIO, max_chars: int, *, whole_words: bool = True) -> Iterator[str]:
    """Lines of a text stream; a line longer than max_chars comes in pieces.

    A piece has no trailing newline. With ``whole_words`` it ends after the last space or
    tab that fits, so only a line with no blank in max_chars characters is cut mid-word;
    without, every piece but the last is exactly max_chars long.
    """
    if not whole_words:
        yield from iter(lambda: f.readline(max_chars), "")
        return
    pending = ""
    while True:
        chunk = f.readline(max_chars)
        if not chunk:
            if pending:
                yield pending
            return
        pending += chunk
        while pending:
            newline = pending.find("\n")
            if 0 <= newline < max_chars:
                yield pending[:newline + 1]
                pending = pending[newline + 1:]
            elif len(pending) >= max_chars:
                window = pending[:max_chars]
                cut = max(window.rfind(" "), window.rfind("\t")) + 1 or max_chars
                yield pending[:cut]
                pending = pending[cut:]
            else:
                break


def _clean(text: str) -> str:
    # NUL and other C0 controls (but tab/newline/CR/FF) only confuse the tokenizer.
    return _CONTROL.sub(" ", text)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class _Reader:
    """Reads one input after another; remembers ids and files already seen."""

    def __init__(self, *, include: tuple[str, ...], fields: _Fields, warn: Warn,
                 max_chars: int) -> None:
        self.include = include
        self.fields = fields
        self.warn = warn
        self.max_chars = max_chars
        self._ids: set[str] = set()
        self._files: set[str] = set()

    # -- dispatch -------------------------------------------------------------------

    def read_file(self, path: Path, source: str, base_id: str) -> Iterator[Document | InputProblem]:
        """Documents (or problems) of one file, chosen by its extension."""
        key = os.path.realpath(path)
        if key in self._files:
            self.warn(InputProblem(source, None, "named twice (directly and via a folder "
                                   "or pattern); read once"))
            return
        self._files.add(key)
        kind = _kind(path)
        try:
            encoding = _detect_encoding(path, html=kind == "html")
            if encoding.notice:
                self.warn(InputProblem(source, None, encoding.notice))
            if kind == "html":
                items: Iterable[Document | InputProblem] = self._html(path, source, base_id,
                                                                       encoding.name)
            elif kind == "csv":
                items = self._csv(path, source, base_id, encoding.name)
            elif kind == "json":
                items = self._json(path, source, base_id, encoding.name)
            else:
                items = self._opened(path, source, base_id, encoding.name, kind)
            for item in items:
                yield self._checked(item)
        except _Skip as e:
            yield InputProblem(source, None, str(e))
        except (UnicodeError, LookupError) as e:
            yield InputProblem(source, None, f"cannot decode the text ({e}); re-save the file "
                               "as UTF-8")
        except OSError as e:
            reason = e.strerror or str(e)
            yield InputProblem(source, None, f"cannot read: {reason}; check the file's "
                               "permissions")

    def read_stdin(self, stdin: TextIO | None) -> Iterator[Document | InputProblem]:
        """Standard input: JSON Lines if the first line is a JSON object, else one text."""
        if stdin is None:
            yield InputProblem("-", None, "'-' given but no standard input is available; "
                               "pipe the text in or name a file")
            return
        stream: TextIO = stdin
        buffer = getattr(stdin, "buffer", None)
        wrapper = None
        if buffer is not None:  # decode ourselves: a stray byte must not kill the batch
            stream = wrapper = io.TextIOWrapper(buffer, encoding="utf-8-sig", errors="replace")
        try:
            lines = _lines(stream, LINE_LIMIT, whole_words=False)
            first = ""
            for first in lines:
                if first.strip():
                    break
            if not first.strip():
                yield InputProblem("-", None, "standard input is empty; pipe the article "
                                   "text or JSON Lines in")
                return
            rest = _chain(first, lines)
            if _looks_like_json_object(first):
                items: Iterable[Document | InputProblem] = self._jsonl(rest, "-", "stdin")
            else:
                items = self._text(_rechunk(rest, self.max_chars), "-", "stdin", kind="text")
            for item in items:
                yield self._checked(item)
        except (UnicodeDecodeError, OSError) as e:
            yield InputProblem("-", None, f"cannot read standard input: {e}; send UTF-8 "
                               "text")
        finally:
            if wrapper is not None:
                with contextlib.suppress(ValueError, OSError):
                    wrapper.detach()  # leave the caller's stdin open

    def _opened(self, path: Path, source: str, base_id: str, encoding: str,
                kind: str) -> Iterator[Document | InputProblem]:
        with path.open(encoding=encoding, errors="replace", newline=None) as f:
            if kind == "jsonl":
                yield from self._jsonl(_lines(f, LINE_LIMIT, whole_words=False), source,
                                       base_id)
            else:
                yield from self._text(_lines(f, self.max_chars), source, base_id, kind=kind)

    def _checked(self, item: Document | InputProblem) -> Document | InputProblem:
        if isinstance(item, Document):
            if item.id in self._ids:
                self.warn(InputProblem(item.source, None, f"id {item.id!r} was already used "
                                       "by an earlier article; give each article its own id"))
            else:
                self._ids.add(item.id)
        return item

    # -- plain text -----------------------------------------------------------------

    def _text(self, lines: Iterable[str], source: str, base_id: str, *,
              kind: str) -> Iterator[Document | InputProblem]:
        parts = _split_parts(lines, self.max_chars)
        first = next(parts, None)
        if first is None or not _clean(first[1]).strip():
            yield InputProblem(source, None, "no text (the file is blank); remove it or add "
                               "the article text")
            return
        second = next(parts, None)
        start_line, text = first
        meta, text = _front_matter(text)
        if second is None and not _clean(text).strip():
            yield InputProblem(source, None, "only front matter, no article text; add the "
                               "text below the closing ---")
            return
        title = meta.get("title") or _headline(text, markdown=kind == "md")
        date = None
        if "date" in meta:
            date, reason = normalize_date(meta["date"])
            if reason:
                self.warn(InputProblem(source, None, f"front matter: {reason}"))
        doc_id = meta.get("id") or base_id
        common = {"date": date, "title": title, "url": meta.get("url") or None}
        if second is None:
            yield Document(id=doc_id, text=_clean(text), source=source, **common)
            return
        self.warn(InputProblem(source, None, f"longer than {self.max_chars:,} characters: "
                               f"split at paragraph breaks into articles {doc_id}#1, "
                               f"{doc_id}#2, …"))
        n = 0
        for part_line, part in _chain((start_line, text), _chain(second, parts)):
            if not _clean(part).strip():
                continue
            n += 1
            yield Document(id=f"{doc_id}#{n}", text=_clean(part),
                           source=f"{source}:{part_line}", **common)

    # -- JSON Lines / JSON ----------------------------------------------------------

    def _jsonl(self, lines: Iterable[str], source: str,
               base_id: str) -> Iterator[Document | InputProblem]:
        seen_record = seen_line = False
        number = 0
        cut = False  # inside an over-long line that _lines delivers in pieces
        for line in lines:
            whole = line.endswith("\n")
            if cut:
                cut = not whole
                continue
            number += 1
            if not whole and len(line) >= LINE_LIMIT:
                cut = True
                yield InputProblem(source, number, f"line longer than {LINE_LIMIT:,} "
                                   "characters; split the record")
                continue
            if not line.strip():
                continue
            seen_line = True
            try:
                record = json.loads(line.rstrip("\r\n"))
            except (ValueError, RecursionError) as e:
                detail = (f"{e.msg} at column {e.colno}" if isinstance(e, json.JSONDecodeError)
                          else "nested too deeply" if isinstance(e, RecursionError) else str(e))
                yield InputProblem(source, number, f"not valid JSON ({detail}); fix the line "
                                   "or remove it (JSON Lines hold one JSON object per line)")
                continue
            first = not seen_record
            seen_record = True
            item = self._record(record, source, number, f"{base_id}:{number}",
                                f"{source}:{number}")
            if (first and isinstance(item, InputProblem) and isinstance(record, dict)
                    and self._text_key(record) is None):
                # The first record lacks the text field: the column name is wrong for the
                # whole file, so say it once instead of once per line.
                yield InputProblem(source, number, item.message + " — skipped the whole file")
                return
            yield from self._parts(item)
        if not seen_line:
            yield InputProblem(source, None, "no JSON records (the file is blank); remove it "
                               "or add one JSON object per line")

    def _json(self, path: Path, source: str, base_id: str,
              encoding: str) -> Iterator[Document | InputProblem]:
        with path.open(encoding=encoding, errors="replace") as f:
            raw = f.read()
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as e:
            if e.msg == "Extra data":  # several JSON values: JSON Lines in a .json file
                yield from self._jsonl(io.StringIO(raw), source, base_id)
                return
            yield InputProblem(source, e.lineno, f"not valid JSON ({e.msg} at column "
                               f"{e.colno}); fix the file")
            return
        except (ValueError, RecursionError) as e:
            detail = "nested too deeply" if isinstance(e, RecursionError) else str(e)
            yield InputProblem(source, None, f"not valid JSON ({detail}); fix the file")
            return
        del raw
        if isinstance(data, list):
            for i, record in enumerate(data):
                yield from self._parts(self._record(record, source, None, f"{base_id}:{i}",
                                                    f"{source}[{i}]"))
        else:
            yield from self._parts(self._record(data, source, None, base_id, source))

    def _parts(self, item: Document | InputProblem) -> Iterator[Document | InputProblem]:
        """The item itself, or a long Document split at paragraph breaks (ids <id>#n)."""
        if isinstance(item, InputProblem) or len(item.text) <= self.max_chars:
            yield item
            return
        self.warn(InputProblem(item.source, None, f"longer than {self.max_chars:,} "
                               "characters: split at paragraph breaks into articles "
                               f"{item.id}#1, {item.id}#2, …"))
        pieces = _split_parts(_lines(io.StringIO(item.text), self.max_chars), self.max_chars)
        n = 0
        for _, part in pieces:
            if _clean(part).strip():
                n += 1
                yield dataclasses.replace(item, id=f"{item.id}#{n}", text=part)

    def _text_key(self, record: dict[str, Any]) -> str | None:
        return _find_key(record.keys(), self.fields.text)

    def _record(self, record: Any, source: str, line: int | None, default_id: str,
                doc_source: str) -> Document | InputProblem:
        """A Document from one JSON object or CSV row, or the problem with it."""
        where = "" if line is not None or doc_source == source else f"{doc_source}: "
        if not isinstance(record, dict):
            return InputProblem(source, line, f"{where}expected a JSON object with a "
                                f"{self.fields.text!r} field, got {type(record).__name__}")
        key = self._text_key(record)
        if key is None:
            found = ", ".join(str(k) for k in list(record)[:20]) or "none"
            return InputProblem(source, line, f"{where}no {self.fields.text!r} field (found: "
                                f"{found}); pass --text-field NAME to read another field")
        text = record[key]
        if not isinstance(text, str):
            return InputProblem(source, line, f"{where}{key!r} is {type(text).__name__}, "
                                "not text; store the article text as a string")
        if not _clean(text).strip():
            return InputProblem(source, line, f"{where}{key!r} is empty; remove the record "
                                "or add the article text")
        doc_id = _scalar(record, self.fields.id) or default_id
        date = None
        raw_date = _value(record, self.fields.date)
        if raw_date not in (None, ""):
            date, reason = normalize_date(raw_date)
            if reason:
                self.warn(InputProblem(source, line, f"{where}{reason}; kept the article "
                                       "without a date"))
        return Document(id=doc_id, text=_clean(text), source=doc_source, date=date,
                        title=_scalar(record, self.fields.title),
                        url=_scalar(record, self.fields.url))

    # -- CSV ------------------------------------------------------------------------

    def _csv(self, path: Path, source: str, base_id: str,
             encoding: str) -> Iterator[Document | InputProblem]:
        _raise_csv_field_limit()
        with path.open(encoding=encoding, errors="replace", newline="") as f:
            header_line = f.readline(self.max_chars)
            delimiter = "\t" if path.suffix.lower() == ".tsv" else _delimiter(header_line)
            f.seek(0)
            reader = csv.reader(_nul_free(f), delimiter=delimiter)
            try:
                header = next(reader, None)
            except csv.Error as e:
                yield InputProblem(source, 1, f"cannot read the CSV header ({e}); fix the file")
                return
            if header is None or not any(h.strip() for h in header):
                yield InputProblem(source, None, "empty CSV (no header line); the first line "
                                   f"must name the columns, e.g. id,date,{self.fields.text}")
                return
            names = [h.strip().lstrip("\ufeff") for h in header]
            if _find_key(names, self.fields.text) is None:
                found = ", ".join(names[:20])
                yield InputProblem(source, 1, f"no {self.fields.text!r} column (found: "
                                   f"{found}); pass --text-field NAME to read another column")
                return
            start = reader.line_num + 1
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as e:
                    yield InputProblem(source, start, f"malformed CSV ({e}); fix the quoting "
                                       "from this line on — skipped the rest of the file")
                    return
                line, start = start, reader.line_num + 1
                if not any(cell.strip() for cell in row):
                    continue
                record = dict(zip(names, row, strict=False))
                if len(row) < len(names) and _find_key(record, self.fields.text) is None:
                    yield InputProblem(source, line, f"row has {len(row)} of the {len(names)} "
                                       f"columns and no {self.fields.text!r}; check the "
                                       "quoting and delimiters of this row")
                    continue
                yield from self._parts(self._record(record, source, line, f"{base_id}:{line}",
                                                    f"{source}:{line}"))

    # -- HTML -----------------------------------------------------------------------

    def _html(self, path: Path, source: str, base_id: str,
              encoding: str) -> Iterator[Document | InputProblem]:
        size = path.stat().st_size
        if size > MAX_HTML_BYTES:
            yield InputProblem(source, None, f"HTML page too large ({size / 1e6:.0f} MB, "
                               f"limit {MAX_HTML_BYTES / 1e6:.0f} MB) to find the article in; "
                               "save the article text as .txt instead")
            return
        with path.open(encoding=encoding, errors="replace") as f:
            html = f.read()
        try:
            text, title, url, date = _html_article(html)
        except Exception as e:  # noqa: BLE001 - parser failures on hostile markup
            yield InputProblem(source, None, f"cannot parse the HTML ({type(e).__name__}: "
                               f"{e}); save the article text as .txt instead")
            return
        if not _clean(text).strip():
            yield InputProblem(source, None, "no article text found in the HTML page; save "
                               "the article text as .txt instead")
            return
        yield from self._parts(Document(id=base_id, text=_clean(text), source=source,
                                        date=date, title=title, url=url))


@functools.cache
def _quiet_html_loggers() -> None:
    # trafilatura logs "discarding data" and the like at WARNING for ordinary pages; our
    # InputProblem already says when a page has no text. Left alone if the user set levels.
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET:
            logger.setLevel(logging.ERROR)


def _html_article(html: str) -> tuple[str, str | None, str | None, str | None]:
    """(main text, title, canonical URL, ISO date) of a web page; boilerplate dropped."""
    import trafilatura

    _quiet_html_loggers()
    # Dates only from the page's own markup, never guessed from text or from "today".
    date_params = {"original_date": True, "extensive_search": False, "max_date": "2999-12-31"}
    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, include_links=False, deduplicate=False,
        date_extraction_params=date_params,
    )
    text = (doc.text if doc is not None else None) or ""
    if not text.strip():
        text = trafilatura.html2txt(html) or ""
    # trafilatura puts one paragraph per line; blank lines keep headline and paragraphs
    # apart for the sentence splitter.
    text = re.sub(r"\n+", "\n\n", text.strip())
    title = url = date = None
    if doc is not None:
        title = (doc.title or "").strip() or None
        url = (doc.url or "").strip() or None
        date = normalize_date(doc.date)[0] if doc.date else None
    return text, title, url, date


# -- helpers --------------------------------------------------------------------------


def _split_parts(lines: Iterable[str], max_chars: int) -> Iterator[tuple[int, str]]:
    """(first line number, text) parts of at most max_chars, cut at paragraph breaks.

    Each line must be at most max_chars long (`_lines` and `_rechunk` make sure); a part
    ends at the latest blank line if it has one, else at a line end.
    """
    buf: list[str] = []
    size = 0
    start = 1
    last_break = 0  # index in buf just after the latest blank line
    for line in lines:
        while buf and size + len(line) > max_chars:
            cut = last_break if 0 < last_break < len(buf) else len(buf)
            head, buf = buf[:cut], buf[cut:]
            yield start, "".join(head)
            start += sum(1 for x in head if x.endswith("\n"))
            size = sum(len(x) for x in buf)
            last_break = 0  # what is left holds no blank line
        buf.append(line)
        size += len(line)
        if not line.strip():
            last_break = len(buf)
    if buf or start == 1:
        yield start, "".join(buf)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split a leading ``---`` block of ``key: value`` lines from the text."""
    m = re.match(r"\A---[ \t]*\n((?:[A-Za-z_][\w-]*[ \t]*:.*\n){1,40})---[ \t]*\n", text)
    if not m:
        return {}, text
    meta = {}
    for line in m[1].splitlines():
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta, text[m.end():]


def _headline(text: str, *, markdown: bool) -> str | None:
    """The first line as a title when it clearly is one: short, unpunctuated, set apart."""
    m = re.match(r"\A\s*([^\n]+)\n[ \t]*\n\s*\S", text)
    if not m:
        return None
    line = m[1].strip()
    if markdown or line.startswith("#"):
        line = line.lstrip("#").strip()
    if not line or len(line) > 200 or line[-1] in ".,;:!?…" or not re.search(r"\w", line):
        return None
    return line


def _find_key(keys: Iterable[str], name: str) -> str | None:
    """The key equal to name, else the one equal ignoring case and surrounding spaces."""
    keys = list(keys)
    if name in keys:
        return name
    folded = name.strip().casefold()
    for key in keys:
        if isinstance(key, str) and key.strip().casefold() == folded:
            return key
    return None


def _value(record: dict[str, Any], name: str) -> Any:
    key = _find_key(record.keys(), name)
    return None if key is None else record[key]


def _scalar(record: dict[str, Any], name: str) -> str | None:
    value = _value(record, name)
    if value is None or isinstance(value, dict | list | bool):
        return None
    text = str(value).strip()
    return text or None


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (",", "\t", ";", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _nul_free(lines: Iterable[str]) -> Iterator[str]:
    for line in lines:  # the csv module refuses NUL characters
        yield line.replace("\x00", " ")


def _raise_csv_field_limit() -> None:
    # Articles are long; the default 128 KiB field limit would reject real ones.
    limit = 1 << 30
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


def _looks_like_json_object(line: str) -> bool:
    if not line.lstrip().startswith("{"):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


def _rechunk(lines: Iterable[str], size: int) -> Iterator[str]:
    """Lines again, none longer than size (longer ones in whole-word pieces)."""
    for line in lines:
        if len(line) <= size:
            yield line
        else:
            yield from _lines(io.StringIO(line), size)


def _chain(first: Any, rest: Iterable[Any]) -> Iterator[Any]:
    yield first
    yield from rest
