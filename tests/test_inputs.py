"""Reading inputs: every kind of file, folders, globs, stdin, encodings and bad input."""

from __future__ import annotations

import codecs
import inspect
import io
import json
from pathlib import Path

import pytest

from geomap.inputs import InputProblem, normalize_date, read_documents
from geomap.model import Document

DATA = Path(__file__).parent / "data" / "inputs"


def read(paths: list[str | Path], **kwargs: object) -> tuple[list[Document], list[InputProblem],
                                                             list[InputProblem]]:
    """(documents, problems yielded, warnings) of one read."""
    warnings: list[InputProblem] = []
    docs: list[Document] = []
    problems: list[InputProblem] = []
    for item in read_documents([str(p) for p in paths], warn=warnings.append, **kwargs):
        (docs if isinstance(item, Document) else problems).append(item)
    return docs, problems, warnings


def only_doc(path: str | Path, **kwargs: object) -> Document:
    docs, problems, _ = read([path], **kwargs)
    assert problems == []
    [doc] = docs
    return doc


# -- good inputs ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "id", "title", "date", "url", "starts"),
    [
        ("corpus/kherson.txt", "kherson",
         "Ukrainian troops enter Kherson after Russian withdrawal", None, None,
         "Ukrainian troops enter Kherson"),
        ("corpus/nested/bakhmut.md", "bakhmut", "Fighting around Bakhmut intensifies",
         "2022-11-20", "https://news.example/bakhmut", "# Fighting around Bakhmut"),
        ("bom.txt", "bom", "Power cuts in Kharkiv", None, None, "Power cuts in Kharkiv"),
        ("page.html", "page", "Kherson residents celebrate as Ukrainian troops return",
         "2022-11-12", "https://news.example/2022/11/12/kherson-celebrates",
         "Kherson residents celebrate"),
        ("cp1251.html", "cp1251", "Херсон", None, None, "Українські війська увійшли"),
    ],
)
def test_text_and_html_files(name: str, id: str, title: str, date: str | None,
                             url: str | None, starts: str) -> None:
    doc = only_doc(DATA / name)
    assert (doc.id, doc.title, doc.date, doc.url) == (id, title, date, url)
    assert doc.text.startswith(starts)
    assert doc.source == str(DATA / name)


def test_html_drops_boilerplate() -> None:
    text = only_doc(DATA / "page.html").text
    assert "Dnieper" in text and "Mykolaiv" in text and "engineers began repairs" in text
    for junk in ("cookies", "Sport", "Celebrity", "Copyright", "newsletter"):
        assert junk not in text
    # Paragraphs stay apart for the sentence splitter.
    assert "\n\nOfficials warned" in text


@pytest.mark.parametrize(
    ("content", "title"),
    [
        ("Headline without a full stop\n\nBody text here.\n", "Headline without a full stop"),
        ("This is a sentence, not a title.\n\nBody.\n", None),
        ("Only one paragraph with no break at all.\n", None),
        ("A first line\nrunning straight into the second line.\n", None),
        ("x" * 250 + "\n\nBody.\n", None),
        ("---\ntitle: \"From front matter\"\nid: custom-id\n---\nBody text.\n",
         "From front matter"),
    ],
)
def test_title_guessed_only_when_clear(tmp_path: Path, content: str, title: str | None) -> None:
    path = tmp_path / "a.txt"
    path.write_text(content, encoding="utf-8")
    assert only_doc(path).title == title


def test_front_matter_is_removed_and_sets_id(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: T\nid: custom-id\ndate: 12 November 2022\n---\nBody.\n")
    doc = only_doc(path)
    assert (doc.id, doc.text, doc.date) == ("custom-id", "Body.\n", "2022-11-12")


def test_jsonl_records() -> None:
    docs, problems, warnings = read([DATA / "records.jsonl"])
    src = str(DATA / "records.jsonl")
    assert [(d.id, d.source, d.date) for d in docs] == [
        ("r1", f"{src}:1", "2022-11-14"),
        ("records:4", f"{src}:4", None),  # no id: "<stem>:<line>"
        ("r5", f"{src}:6", "2022-11-16"),
    ]
    assert (docs[0].title, docs[0].url) == ("Mykolaiv blasts", "https://news.example/r1")
    assert [(p.source, p.line) for p in problems] == [(src, 2), (src, 5)]
    assert "not valid JSON" in problems[0].message
    assert "no 'text' field (found: id, body)" in problems[1].message
    assert "--text-field" in problems[1].message
    [warning] = warnings
    assert warning.line == 4 and "incomplete" in warning.message
    assert str(warning).startswith(f"{src}:4: ")


def test_csv_records() -> None:
    docs, problems, _ = read([DATA / "records.csv"])
    src = str(DATA / "records.csv")
    assert [(d.id, d.source, d.date, d.title) for d in docs] == [
        ("c1", f"{src}:2", "2022-11-17", "Zaporizhzhia"),
        ("c2", f"{src}:3", "2022-11-18", "Two lines"),
    ]
    assert docs[0].text == "Shelling hit Zaporizhzhia, the regional governor said."
    assert docs[1].text == "Fighting near Svatove.\n\nSecond paragraph about Kreminna."
    assert docs[0].url == "https://news.example/c1" and docs[1].url is None
    [problem] = problems
    assert (problem.line, "'text' is empty" in problem.message) == (6, True)


@pytest.mark.parametrize(
    ("name", "content", "kwargs", "expected"),
    [
        ("a.csv", "ID;Body;Published\n9;Strike on Dnipro;2022-11-19\n",
         {"text_field": "body", "date_field": "published"},
         ("9", "Strike on Dnipro", "2022-11-19")),
        ("a.tsv", "Text\tid\nShelling in Kupiansk\tk1\n", {}, ("k1", "Shelling in Kupiansk", None)),
        ("a.jsonl", '{"uid": "u1", "body": "Kramatorsk hit", "when": "2022-11-20"}\n',
         {"text_field": "body", "id_field": "uid", "date_field": "when"},
         ("u1", "Kramatorsk hit", "2022-11-20")),
        ("a.json", '[{"text": "Odesa port reopened", "id": 5}]', {},
         ("5", "Odesa port reopened", None)),
        ("b.json", '{"text": "Single object about Sumy"}', {},
         ("b", "Single object about Sumy", None)),
        ("c.json", '{"text": "one"}\n{"text": "two"}\n', {}, ("c:1", "one", None)),
    ],
)
def test_configurable_fields_and_json_shapes(tmp_path: Path, name: str, content: str,
                                             kwargs: dict, expected: tuple) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    docs, problems, _ = read([path], **kwargs)
    assert problems == []
    assert (docs[0].id, docs[0].text, docs[0].date) == expected


# -- folders, globs, stdin ------------------------------------------------------------


def test_folder_walk_is_sorted_recursive_and_skips_hidden_and_other_files() -> None:
    docs, problems, _ = read([DATA / "corpus"])
    assert problems == []
    assert [d.id for d in docs] == ["kherson", "nested/bakhmut"]
    assert docs[1].source == (DATA / "corpus" / "nested" / "bakhmut.md").as_posix()


def test_include_patterns() -> None:
    docs, _, _ = read([DATA / "corpus"], include=["*.MD"])
    assert [d.id for d in docs] == ["nested/bakhmut"]


def test_glob_patterns(tmp_path: Path) -> None:
    docs, problems, _ = read([f"{DATA}/corpus/**/*.md", f"{DATA}/corpus/*.txt"])
    assert problems == []
    assert [d.id for d in docs] == ["bakhmut", "kherson"]


@pytest.mark.parametrize("paths", [str(DATA / "corpus"), DATA / "corpus", [DATA / "corpus"]])
def test_one_path_or_path_objects(paths: object) -> None:
    docs = [d for d in read_documents(paths) if isinstance(d, Document)]
    assert [d.id for d in docs] == ["kherson", "nested/bakhmut"]


def test_same_file_twice_is_read_once() -> None:
    docs, _, warnings = read([DATA / "corpus" / "kherson.txt", DATA / "corpus"])
    assert [d.id for d in docs] == ["kherson", "nested/bakhmut"]
    assert "named twice" in warnings[0].message


def test_duplicate_ids_are_kept_with_a_warning() -> None:
    docs, _, warnings = read([DATA / "cp1251.html", DATA / "cp1251.txt"])
    assert [d.id for d in docs] == ["cp1251", "cp1251"]
    assert any("already used" in w.message for w in warnings)


def test_order_and_ids_are_stable() -> None:
    args = [DATA, "-"]
    first = read(args, stdin=io.StringIO("Text from stdin about Kyiv.\n"))
    second = read(args, stdin=io.StringIO("Text from stdin about Kyiv.\n"))
    assert first == second
    assert [d.id for d in first[0]][-1] == "stdin"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("Plain text about Kharkiv.\nSecond line.\n", [("stdin", "-")]),
        ('{"text": "one", "id": "x"}\n\n{"text": "two"}\n', [("x", "-:1"), ("stdin:3", "-:3")]),
    ],
)
def test_stdin(content: str, expected: list[tuple[str, str]]) -> None:
    docs, problems, _ = read(["-"], stdin=io.StringIO(content))
    assert problems == []
    assert [(d.id, d.source) for d in docs] == expected


def test_stdin_bytes_with_bad_utf8_do_not_stop_the_batch() -> None:
    raw = io.BytesIO(b"Kherson \xff\xfe news\n")
    stdin = io.TextIOWrapper(raw, encoding="utf-8")
    [doc] = read(["-"], stdin=stdin)[0]
    assert doc.text.startswith("Kherson ") and "news" in doc.text
    assert not raw.closed  # the caller's stream is left open


def test_stdin_is_streamed() -> None:
    stdin = io.StringIO("".join(json.dumps({"text": f"article {i}"}) + "\n" for i in range(1000)))
    items = read_documents(["-"], stdin=stdin)
    assert inspect.isgenerator(items)
    first = next(items)
    assert isinstance(first, Document) and first.text == "article 0"
    assert stdin.tell() < len(stdin.getvalue()) // 10  # the rest is still unread


@pytest.mark.parametrize(("stdin", "message"), [
    (None, "no standard input"), (io.StringIO(" \n\n"), "standard input is empty"),
])
def test_stdin_problems(stdin: io.StringIO | None, message: str) -> None:
    [problem] = read(["-"], stdin=stdin)[1]
    assert (problem.source, message in problem.message) == ("-", True)


# -- encodings ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "encoding", "text"),
    [
        ("cp1251.txt", "cp1251", "Російські війська обстріляли Херсон"),
        ("cp1252.txt", "cp1252", "Les forces russes ont bombardé la ville de Kherson"),
    ],
)
def test_legacy_encodings_fall_back_with_a_warning(name: str, encoding: str, text: str) -> None:
    docs, problems, warnings = read([DATA / name])
    assert problems == []
    assert text in docs[0].text
    [warning] = warnings
    assert warning.source == str(DATA / name)
    assert "not valid UTF-8" in warning.message and encoding in warning.message
    assert "re-save the file as UTF-8" in warning.message


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (codecs.BOM_UTF8 + "Київ\n".encode(), "Київ\n"),
        ("Kyiv — Київ\n".encode("utf-16"), "Kyiv — Київ\n"),
        (b"Kyiv\r\nLviv\r\n", "Kyiv\nLviv\n"),
    ],
)
def test_utf_variants(tmp_path: Path, data: bytes, text: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    docs, problems, warnings = read([path])
    assert (problems, warnings) == ([], [])
    assert docs[0].text == text


def test_invalid_utf8_late_in_a_file(tmp_path: Path) -> None:
    path = tmp_path / "late.txt"
    path.write_bytes(b"Kherson\n" * 100_000 + "Херсон".encode("cp1251") + b"\n")
    [doc], problems, [warning] = read([path])
    assert problems == []
    assert doc.text.endswith("Херсон\n")
    assert "offset 800000" in warning.message


# -- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        ("empty.txt", None, "empty file"),
        ("blank.txt", None, "no text (the file is blank)"),
        ("binary.txt", None, "binary file"),
        ("wrong-columns.csv", 1, "no 'text' column (found: id, headline, body); pass --text-field"),
    ],
)
def test_fixture_problems(name: str, line: int | None, message: str) -> None:
    docs, [problem], _ = read([DATA / name])
    assert docs == []
    assert (problem.source, problem.line) == (str(DATA / name), line)
    assert message in problem.message


@pytest.mark.parametrize(
    ("name", "content", "line", "message"),
    [
        ("a.jsonl", "[1, 2]\n", 1, "expected a JSON object"),
        ("a.jsonl", '{"text": 5}\n', 1, "'text' is int, not text"),
        ("a.jsonl", "\n\n", None, "no JSON records"),
        ("a.jsonl", '{"id": 1}\n{"text": "x"}\n', 1, "skipped the whole file"),
        ("a.jsonl", "[" * 100_000 + "\n", 1, "not valid JSON"),
        ("a.jsonl", '{"text": ' + "1" * 5000 + "}\n", 1, "not valid JSON"),
        ("a.json", "{broken", 1, "not valid JSON"),
        ("a.csv", "", None, "empty file"),
        ("a.csv", "\n\n", None, "empty CSV"),
        ("a.html", "<html><body><nav>  </nav></body></html>", None, "no article text"),
        ("a.txt", "\x00\x01\x02", None, "binary file"),
        ("a.md", "---\ntitle: T\n---\n\n", None, "only front matter"),
    ],
)
def test_bad_content_is_a_problem_not_an_exception(tmp_path: Path, name: str, content: str,
                                                   line: int | None, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    docs, problems, _ = read([path])
    assert docs == []
    assert [(p.line, message in p.message) for p in problems] == [(line, True)]


def test_rest_of_a_batch_still_runs(tmp_path: Path) -> None:
    (tmp_path / "empty-dir").mkdir()
    args = [tmp_path / "missing.txt", DATA / "empty.txt", tmp_path / "empty-dir",
            f"{tmp_path}/*.nothing", DATA / "corpus" / "kherson.txt"]
    docs, problems, _ = read(args)
    assert [d.id for d in docs] == ["kherson"]
    assert [(p.source, p.message.split(";")[0]) for p in problems] == [
        (str(tmp_path / "missing.txt"), "no such file or folder"),
        (str(DATA / "empty.txt"), "empty file"),
        (str(tmp_path / "empty-dir"), "folder has no files matching *.txt *.md *.html *.htm "
         "*.jsonl *.json *.csv"),
        (f"{tmp_path}/*.nothing", "pattern matched no files"),
    ]


@pytest.mark.parametrize("charset", ["base64", "rot13", "no-such-codec", "utf-8"])
def test_html_declared_charset_that_cannot_decode(tmp_path: Path, charset: str) -> None:
    path = tmp_path / "a.html"
    path.write_bytes(f'<html><head><meta charset="{charset}"></head><body><p>'.encode()
                     + "Obstril Khersona \u2014 Херсон.".encode("cp1251") + b"</p></body></html>")
    docs, problems, [warning] = read([path])
    assert problems == []
    assert "Херсон" in docs[0].text and "cp1251" in warning.message


def test_huge_html_page_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import geomap.inputs

    monkeypatch.setattr(geomap.inputs, "MAX_HTML_BYTES", 1000)
    path = tmp_path / "big.html"
    path.write_text("<html><body>" + "<p>Kherson news.</p>" * 100 + "</body></html>")
    [problem] = read([path])[1]
    assert "too large" in problem.message and "save the article text as .txt" in problem.message


def test_control_characters_are_blanked(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "Kyiv\x00\x07\x1b Lviv\tok\n"}) + "\n")
    assert only_doc(path).text == "Kyiv    Lviv\tok\n"


def test_csv_with_a_huge_field(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("text\n\"" + "Kharkiv " * 40_000 + "\"\n")
    assert len(only_doc(path).text) == 320_000


# -- long texts -----------------------------------------------------------------------


def test_long_text_is_split_at_paragraph_breaks(tmp_path: Path) -> None:
    paragraphs = [f"Paragraph {i} about Kherson and the Dnieper." for i in range(30)]
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join(paragraphs) + "\n")
    docs, problems, [warning] = read([path], max_chars=200)
    assert problems == []
    assert "split at paragraph breaks" in warning.message
    assert [d.id for d in docs][:2] == ["long#1", "long#2"]
    assert all(len(d.text) <= 200 for d in docs)
    assert "".join(d.text for d in docs) == path.read_text()
    assert docs[0].source == f"{path}:1"
    line = int(docs[1].source.rsplit(":", 1)[1])
    assert path.read_text().splitlines()[line - 1] == docs[1].text.splitlines()[0]


@pytest.mark.parametrize("name", ["a.jsonl", "a.csv", "a.json", "a.html"])
def test_long_records_are_split_too(tmp_path: Path, name: str) -> None:
    text = "\n\n".join(f"Paragraph {i} about shelling near Bakhmut." for i in range(20))
    path = tmp_path / name
    if name.endswith(".jsonl"):
        path.write_text(json.dumps({"id": "r", "text": text}, ensure_ascii=True) + "\n")
    elif name.endswith(".json"):
        path.write_text(json.dumps([{"id": "r", "text": text}]))
    elif name.endswith(".csv"):
        path.write_text("id,text\nr,\"" + text + "\"\n")
    else:
        path.write_text("<html><body><article>" + "".join(
            f"<p>{p}</p>" for p in text.split("\n\n")) + "</article></body></html>")
    docs, problems, warnings = read([path], max_chars=200)
    assert problems == []
    assert "split at paragraph breaks" in warnings[0].message
    assert len(docs) > 3
    assert [d.id for d in docs][:2] in (["r#1", "r#2"], ["a#1", "a#2"])
    assert all(len(d.text) <= 200 for d in docs)
    assert "".join(d.text for d in docs).replace("\n", "") == text.replace("\n", "")


def test_over_long_jsonl_line_skips_only_that_line(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import geomap.inputs

    monkeypatch.setattr(geomap.inputs, "LINE_LIMIT", 100)
    path = tmp_path / "a.jsonl"
    lines = [{"text": "short one"}, {"text": "x" * 350}, {"text": "short two"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in lines))
    docs, [problem], _ = read([path])
    assert [d.source for d in docs] == [f"{path}:1", f"{path}:3"]
    assert problem.line == 2 and "longer than 100 characters" in problem.message


def test_csv_row_missing_its_text_column(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("id,date,text\n1,2022-11-11,Kherson\n2\n3,,Kyiv\n")
    docs, [problem], _ = read([path])
    assert [d.id for d in docs] == ["1", "3"]
    assert problem.line == 3 and "row has 1 of the 3 columns" in problem.message


@pytest.mark.parametrize("text", [
    "x" * 100, "x" * 99 + "\n", "\n" * 250, "word " * 100, ("a" * 30 + "\n") * 20,
    ("a" * 30 + "\n\n") * 20, "y" * 1000,
])
def test_parts_never_exceed_the_limit_and_lose_nothing(tmp_path: Path, text: str) -> None:
    path = tmp_path / "t.txt"
    path.write_text("Start\n" + text)
    docs, _, warnings = read([path], max_chars=100)
    assert all(len(d.text) <= 100 for d in docs)
    assert "".join(d.text for d in docs).strip() == path.read_text().strip()
    assert len(docs) == 1 or "split at paragraph breaks" in warnings[0].message


@pytest.mark.parametrize("where", ["file", "stdin", "jsonl"])
def test_a_long_line_is_cut_between_words(tmp_path: Path, where: str) -> None:
    text = " ".join(f"Kherson{i}" for i in range(100))  # one 1,089-character line
    if where == "stdin":
        docs = read(["-"], stdin=io.StringIO(text), max_chars=100)[0]
    else:
        path = tmp_path / ("a.txt" if where == "file" else "a.jsonl")
        path.write_text(text if where == "file" else json.dumps({"text": text}) + "\n")
        docs = read([path], max_chars=100)[0]
    assert len(docs) >= 10
    assert "".join(d.text for d in docs) == text
    assert all(len(d.text) <= 100 for d in docs)
    assert all(d.text.endswith(" ") for d in docs[:-1])


def test_fifty_megabyte_text(tmp_path: Path) -> None:
    paragraph = ("Russian forces shelled Kherson and villages along the Dnieper overnight, "
                 "the regional administration said. " * 5) + "\n\n"
    path = tmp_path / "big.txt"
    with path.open("w", encoding="utf-8") as f:
        for _ in range(50_000_000 // len(paragraph) + 1):
            f.write(paragraph)
    size = path.stat().st_size
    assert size >= 50_000_000
    total = 0
    count = 0
    for item in read_documents([str(path)], warn=lambda p: None):
        assert isinstance(item, Document)
        assert len(item.text) <= 1_000_000
        total += len(item.text)
        count += 1
    assert total == size  # nothing lost (ASCII: characters == bytes)
    assert count >= 50


# -- dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "iso", "reason"),
    [
        ("2022-11-14", "2022-11-14", None),
        ("2022-11-14T23:30:00-05:00", "2022-11-14", None),
        ("2022-11-14 08:00", "2022-11-14", None),
        ("2022/11/14", "2022-11-14", None),
        ("20221114", "2022-11-14", None),
        ("14.11.2022", "2022-11-14", None),
        ("14/11/2022", "2022-11-14", None),
        ("11/14/2022", "2022-11-14", None),
        ("04/04/2022", "2022-04-04", None),
        ("03/04/2022", None, "ambiguous"),
        ("Mon, 14 Nov 2022 10:00:00 GMT", "2022-11-14", None),
        ("14 November 2022", "2022-11-14", None),
        ("November 14, 2022", "2022-11-14", None),
        ("November 2022", None, "incomplete"),
        ("2022-02-30", None, "does not exist"),
        ("Friday", None, "no year"),
        ("yesterday 2022 maybe", None, "not understood"),
        ("", None, None),
        (None, None, None),
        (20221114, None, "number"),
    ],
)
def test_normalize_date(value: object, iso: str | None, reason: str | None) -> None:
    got, why = normalize_date(value)
    assert got == iso
    assert (why is None) == (reason is None)
    if reason:
        assert reason in why and "YYYY-MM-DD" in why
