"""Fuzzing the input readers: whatever is in a file, read_documents never raises."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.inputs import InputProblem, normalize_date, read_documents
from geomap.model import Document

SETTINGS = settings(max_examples=int(os.environ.get("GEOMAP_FUZZ_EXAMPLES", "60")), deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

CONTROL = st.characters(min_codepoint=0, max_codepoint=0x1F) | st.sampled_from(
    "\x7f\x85\u2028\u2029\ufeff\ufffe")
PUNCTUATION = st.sampled_from(
    list("\"'`.,;:!?()[]{}<>/\\|-–—…«»“”‘’#*_~^&%$@=+") + ["---", "\r\n", "\n\n"])
LONG_TOKEN = st.integers(min_value=1_000, max_value=40_000).map(lambda n: "Kherson" * (n // 7))
ANY_CHAR = st.characters(exclude_categories=("Cs",))  # lone surrogates cannot be encoded
PIECE = st.text(ANY_CHAR, max_size=40) | CONTROL | PUNCTUATION | LONG_TOKEN
TEXT = st.lists(PIECE, max_size=12).map("".join)

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def read_all(paths: list[Path], **kwargs: object) -> list[Document | InputProblem]:
    warnings: list[InputProblem] = []
    items = list(read_documents([str(p) for p in paths], warn=warnings.append, **kwargs))
    for item in items + warnings:
        assert isinstance(item, Document | InputProblem)
    for warning in warnings:
        assert warning.message and warning.source
    for item in items:
        if isinstance(item, Document):
            check_document(item)
        else:
            assert item.message and item.source
    return items


def check_document(doc: Document) -> None:
    assert isinstance(doc.text, str) and doc.text.strip()
    assert not re.search(r"[\x00-\x08\x0b\x0e-\x1f\x7f]", doc.text)
    assert isinstance(doc.id, str) and doc.id
    assert doc.date is None or ISO.fullmatch(doc.date)


def write_text_files(folder: Path, text: str) -> Iterator[Path]:
    for suffix in (".txt", ".md", ".html", ".jsonl", ".json", ".csv"):
        path = folder / f"text{suffix}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        yield path


@SETTINGS
@given(text=TEXT)
def test_any_text_in_any_kind_of_file(folder: Path, text: str) -> None:
    read_all(list(write_text_files(folder, text)))


@SETTINGS
@given(data=st.binary(max_size=3000))
def test_any_bytes_in_any_kind_of_file(folder: Path, data: bytes) -> None:
    paths = []
    for suffix in (".txt", ".html", ".jsonl", ".csv", ".json"):
        path = folder / f"bytes{suffix}"
        path.write_bytes(data)
        paths.append(path)
    read_all(paths)


JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8,
)
RECORD = st.fixed_dictionaries(
    {},
    optional={"text": TEXT | JSON_VALUE, "id": JSON_VALUE, "date": TEXT | JSON_VALUE,
              "title": JSON_VALUE, "url": JSON_VALUE},
)


@SETTINGS
@given(records=st.lists(RECORD | JSON_VALUE, max_size=6),
       junk=st.lists(TEXT, max_size=3))
def test_jsonl_records_and_junk_lines(folder: Path, records: list, junk: list[str]) -> None:
    lines = [json.dumps(r, ensure_ascii=bool(i % 2)) for i, r in enumerate(records)]
    # (a raw NUL byte makes the whole file binary, which other tests cover)
    lines += [j.replace("\n", " ").replace("\x00", "") for j in junk]
    path = folder / "records.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    items = read_all([path])
    good = [r for r in records
            if isinstance(r, dict) and isinstance(r.get("text"), str)
            and re.sub(r"[\x00-\x08\x0b\x0e-\x1f\x7f]", " ", r["text"]).strip()]
    # A first record without "text" skips the file (a wrong --text-field); otherwise every
    # good record is read. Junk lines may be JSON too, so they can only add documents.
    if records and isinstance(records[0], dict) and "text" in records[0]:
        assert sum(isinstance(i, Document) for i in items) >= len(good)


@SETTINGS
@given(rows=st.lists(st.lists(TEXT, min_size=1, max_size=4), max_size=6),
       header=st.lists(TEXT | st.just("text"), min_size=1, max_size=4))
def test_csv_rows(folder: Path, rows: list[list[str]], header: list[str]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    path = folder / "rows.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8", errors="surrogatepass")
    read_all([path])


@SETTINGS
@given(body=st.lists(TEXT | st.sampled_from(["<p>", "</p>", "<div>", "<script>", "<!--",
                                             "<meta charset='cp1251'>", "&amp;", "&#0;",
                                             "<title>", "</title>", "<![CDATA["]),
                     max_size=15).map("".join))
def test_html_pages(folder: Path, body: str) -> None:
    path = folder / "page.html"
    path.write_text(f"<html><head><title>t</title></head><body>{body}</body></html>",
                    encoding="utf-8", errors="surrogatepass")
    read_all([path])


CHARSETS = st.sampled_from(["utf-8", "utf-16", "utf-32", "utf-7", "cp1251", "koi8-r", "latin-1",
                            "base64", "rot13", "hex", "zlib", "idna", "punycode", "uu",
                            "mbcs", "no such", '"><script>', ""])


@SETTINGS
@given(charset=CHARSETS, data=st.binary(max_size=500), text=TEXT)
def test_html_declaring_any_charset(folder: Path, charset: str, data: bytes, text: str) -> None:
    path = folder / "declared.html"
    path.write_bytes(f"<html><head><meta charset='{charset}'><title>t</title></head><body><p>"
                     .encode() + data + text.encode("utf-8", "surrogatepass") + b"</p></body>")
    read_all([path])


@SETTINGS
@given(text=TEXT)
def test_stdin(text: str) -> None:
    for item in read_documents(["-"], stdin=io.StringIO(text), warn=lambda p: None):
        if isinstance(item, Document):
            check_document(item)


@SETTINGS
@given(value=TEXT | JSON_VALUE)
def test_normalize_date_never_raises(value: object) -> None:
    iso, reason = normalize_date(value)
    assert iso is None or ISO.fullmatch(iso)
    assert iso is None or reason is None


@SETTINGS
@given(text=TEXT)
def test_small_parts_lose_nothing(folder: Path, text: str) -> None:
    path = folder / "parts.txt"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    items = read_all([path], max_chars=50)
    docs = [i for i in items if isinstance(i, Document)]
    if len(docs) > 1:
        assert all(d.id.startswith("parts#") for d in docs)
