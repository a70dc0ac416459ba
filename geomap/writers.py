"""Write Articles as JSON Lines, GeoJSON or CSV: streaming, atomic, byte-identical on reruns.

A writer takes one `Article` at a time (nothing is collected in memory). Files are
written to a temporary file beside the target, flushed to disk and renamed over the
target only when the `open_writer` block ends without an exception, so an interrupted
run leaves the previous output intact and no truncated file behind. ``"-"`` writes to
standard output instead (not atomic). Keys are sorted, floats rounded to
`COORD_DIGITS` places, and nothing time-dependent is written, so the same input gives
the same bytes.
"""

from __future__ import annotations

import contextlib
import csv
import json
import math
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from geomap.errors import OutputError
from geomap.model import Article

FORMATS: tuple[str, ...] = ("jsonl", "geojson", "csv")
COORD_DIGITS = 6  # ~0.1 m; more digits are noise from the sources

_EXTENSIONS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".geojson": "geojson", ".json": "geojson",  # a .json file must hold one JSON document
    ".csv": "csv",
}

ARTICLE_COLUMNS: tuple[str, ...] = (
    "article_id", "article_source", "article_date", "article_title", "article_url",
)
PLACE_COLUMNS: tuple[str, ...] = (
    "place_index", "mention", "start", "end", "sentence", "name", "id", "geonameid",
    "feature_code", "country_code", "admin1", "lat", "lon", "role", "confidence", "source",
    "geocoder", "event_types", "alternatives",
)
CSV_COLUMNS: tuple[str, ...] = ARTICLE_COLUMNS + PLACE_COLUMNS


def guess_format(path: str | os.PathLike[str], default: str = "jsonl") -> str:
    """The output format an extension implies (``.geojson``/``.json``, ``.csv``, ``.jsonl``).

    ``"-"`` and unknown extensions give ``default``.
    """
    if str(path) == "-":
        return default
    return _EXTENSIONS.get(Path(path).suffix.lower(), default)


class Writer:
    """Base of the format writers: `write` one Article at a time, then `close`."""

    format = ""

    def __init__(self, stream: TextIO, name: str = "output") -> None:
        self.stream = stream
        self.name = name  # the path, for error messages
        self.articles = 0  # articles written
        self.places = 0  # places seen (resolved or not)
        self.records = 0  # lines, features or rows written for them
        self._closed = False

    def write(self, article: Article) -> None:
        """Write one article."""
        raise NotImplementedError

    def write_all(self, articles: Iterable[Article]) -> None:
        """Write each article in turn."""
        for article in articles:
            self.write(article)

    def close(self) -> None:
        """Finish the document (closing brackets); the stream stays open."""
        self._closed = True

    def _emit(self, text: str) -> None:
        try:
            self.stream.write(text)
        except OSError as e:
            raise OutputError(f"writing {self.name} failed: {_reason(e)}; free some space or "
                              "choose another output path") from e


class JsonlWriter(Writer):
    """One JSON object per article per line, in input order (``Article.to_dict``)."""

    format = "jsonl"

    def write(self, article: Article) -> None:
        self._emit(_dumps(article.to_dict()) + "\n")
        self.articles += 1
        self.places += len(article.places)
        self.records += 1


class GeoJsonWriter(Writer):
    """A FeatureCollection with one Point Feature per resolved place.

    Each Feature carries the place's properties (as in the JSONL output) plus the
    article's ``article_id``, ``article_source``, ``article_date``, ``article_title``,
    ``article_url`` and the ``place_index`` within the article; its geometry is
    ``[lon, lat]``. Unresolved places have no coordinates and are left out.
    """

    format = "geojson"

    def __init__(self, stream: TextIO, name: str = "output") -> None:
        super().__init__(stream, name)
        # "features" sorts before "type": the header can be written before the features.
        self._emit('{"features": [\n')

    def write(self, article: Article) -> None:
        self.articles += 1
        for index, place in enumerate(article.places):
            self.places += 1
            c = place.candidate
            if c is None or not (math.isfinite(c.lat) and math.isfinite(c.lon)):
                continue
            props = place.to_dict()
            props.update(_article_columns(article))
            props["place_index"] = index
            feature = {
                "type": "Feature",
                "id": f"{article.document.id}/{index}",
                "geometry": {"type": "Point", "coordinates": [c.lon, c.lat]},
                "properties": props,
            }
            self._emit((",\n" if self.records else "") + _dumps(feature))
            self.records += 1

    def close(self) -> None:
        if not self._closed:
            self._emit(("\n" if self.records else "") + '], "type": "FeatureCollection"}\n')
        super().close()


class CsvWriter(Writer):
    """One row per place (resolved or not) with its article's columns; see `CSV_COLUMNS`.

    Articles without places have no row (the JSONL output keeps them). Lists are joined
    with ``;`` (``event_types``; ``alternatives`` as candidate ids), None is empty.
    """

    format = "csv"

    def __init__(self, stream: TextIO, name: str = "output") -> None:
        super().__init__(stream, name)
        # RFC 4180 line ends; they also make the writer quote fields holding a lone \r.
        self._csv = csv.writer(_Emitter(self), lineterminator="\r\n")
        self._csv.writerow(CSV_COLUMNS)

    def write(self, article: Article) -> None:
        self.articles += 1
        columns = _article_columns(article)
        for index, place in enumerate(article.places):
            self.places += 1
            props = _rounded(place.to_dict())
            props.update(columns)
            props["place_index"] = index
            props["event_types"] = ";".join(props["event_types"])
            props["alternatives"] = ";".join(a["id"] for a in props["alternatives"])
            self._csv.writerow(_cell(props.get(name)) for name in CSV_COLUMNS)
            self.records += 1


class _Emitter:
    """Lets csv.writer write through Writer._emit (for its error handling)."""

    def __init__(self, writer: Writer) -> None:
        self.write = writer._emit


_WRITERS: dict[str, type[Writer]] = {
    "jsonl": JsonlWriter, "geojson": GeoJsonWriter, "csv": CsvWriter,
}


def make_writer(stream: TextIO, fmt: str, name: str = "output") -> Writer:
    """A writer of format ``fmt`` (one of `FORMATS`) on an open text stream."""
    if fmt not in _WRITERS:
        raise OutputError(f"unknown output format {fmt!r}; use one of: {', '.join(FORMATS)}")
    return _WRITERS[fmt](stream, name)


@contextlib.contextmanager
def open_writer(path: str | os.PathLike[str], fmt: str | None = None, *,
                stdout: TextIO | None = None) -> Iterator[Writer]:
    """Open a writer on ``path`` (``"-"``: standard output); commit it when the block ends.

    ``fmt`` defaults to the format the extension implies (`guess_format`). Missing parent
    folders are created. On an exception inside the block the temporary file is removed
    and the previous file (if any) stays as it was.

    Raises OutputError (naming the path and the fix) when the path cannot be written.
    """
    fmt = fmt or guess_format(path)
    if fmt not in FORMATS:
        raise OutputError(f"unknown output format {fmt!r}; use one of: {', '.join(FORMATS)}")
    if str(path) == "-":
        stream = stdout if stdout is not None else sys.stdout
        writer = make_writer(stream, fmt, "standard output")
        yield writer
        writer.close()
        try:
            stream.flush()
        except OSError as e:
            raise OutputError(f"writing to standard output failed: {_reason(e)}") from e
        return
    with atomic_output(path) as stream:
        writer = make_writer(stream, fmt, str(path))
        yield writer
        writer.close()


def write_articles(articles: Iterable[Article], path: str | os.PathLike[str],
                   fmt: str | None = None, *, stdout: TextIO | None = None) -> Writer:
    """Write all articles to ``path`` atomically; return the writer with its counts."""
    with open_writer(path, fmt, stdout=stdout) as writer:
        writer.write_all(articles)
    return writer


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str], *, encoding: str = "utf-8") -> Iterator[TextIO]:
    """A text stream whose content replaces ``path`` only if the block succeeds.

    Raises OutputError when the folder cannot be created or written, or writing fails.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{target}: is a folder; give a file name, e.g. "
                          f"{target / 'places.jsonl'}")
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"cannot create the folder {folder} for {target}: "
                          f"{_reason(e)}; choose an output path in a writable folder") from e
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as e:
        raise OutputError(f"cannot write {target}: {_reason(e)} (is the folder {folder} "
                          "read-only?); choose another output path or fix the folder's "
                          "permissions") from e
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as stream:
            yield stream  # exceptions from the caller's block pass through unchanged
            try:
                stream.flush()
                os.fsync(stream.fileno())
            except OSError as e:
                raise _write_failed(target, e) from e
        try:
            os.chmod(tmp, _file_mode(target))
            os.replace(tmp, target)
        except OSError as e:
            raise _write_failed(target, e) from e
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(folder)


def _write_failed(target: Path, e: OSError) -> OutputError:
    return OutputError(f"writing {target} failed: {_reason(e)}; the previous file (if any) "
                       "was left untouched — free some space or choose another output path")


def _file_mode(target: Path) -> int:
    # mkstemp makes 0600 files; keep the mode of the file we replace, else honour umask.
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not possible on every platform/filesystem.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _reason(e: OSError) -> str:
    return e.strerror or str(e) or type(e).__name__


def _article_columns(article: Article) -> dict[str, Any]:
    d = article.document
    return {"article_id": d.id, "article_source": d.source, "article_date": d.date,
            "article_title": d.title, "article_url": d.url}


def _rounded(value: Any) -> Any:
    """Floats rounded to COORD_DIGITS (non-finite ones as None), containers walked."""
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return round(value, COORD_DIGITS) + 0.0  # + 0.0 turns -0.0 into 0.0
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    return value


def _dumps(record: dict[str, Any]) -> str:
    return json.dumps(_rounded(record), sort_keys=True, ensure_ascii=False, allow_nan=False)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
