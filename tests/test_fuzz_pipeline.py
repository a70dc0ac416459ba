"""Fuzzing the whole pipeline: whatever the text, no exception escapes and offsets hold."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.gazetteer import Gazetteer
from geomap.model import Article, Document
from geomap.nlp import load_nlp
from geomap.pipeline import Pipeline
from geomap.writers import make_writer

pytestmark = pytest.mark.slow

SETTINGS = settings(max_examples=int(os.environ.get("GEOMAP_FUZZ_EXAMPLES", "40")),
                    deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

# Names the gazetteer and the event tagger react to, so the fuzz reaches every stage.
PLACES = st.sampled_from([
    "Kherson", "Kyiv's", "Bakhmut", "the Dnieper", "Kherson region", "Donetsk oblast",
    "KHERSON —", "Moscow said", "Washington", "Lloyd J. Austin", "Austin", "Ukraine",
    "Херсон", "Київ", "Kyiv Post", "the west bank of the Dnieper", "Zaporizhzhia NPP",
])
PHRASES = st.sampled_from([
    "Russian forces withdrew from ", "Ukrainian troops advanced toward ", "missiles struck ",
    "shelling hit ", " said on Friday.", " region, ", ". ", "\n\n", " and ", "near ",
])
CONTROL = st.characters(min_codepoint=0, max_codepoint=0x1F) | st.sampled_from(
    ["\x7f", "\x85", "\u2028", "\u2029", "\ufeff", "\u200b", "\u200e", "\u202e", "\u0301"])
PUNCTUATION = st.sampled_from(
    list("\"'`.,;:!?()[]{}<>/\\|-–—…«»“”‘’#*_~^&%$@=+") + [
        "${}", "${jndi:x}", "</script>", "<script>alert(1)</script>", "{{x}}", "%s%n",
        "'s", "’s", "...", "?!?!", "--", "((((", "))))", "\r\n", "\t", " " * 30])
LONG_TOKEN = st.integers(min_value=100, max_value=3_000).map(lambda n: "Kherson" * (n // 7)) \
    | st.integers(min_value=100, max_value=5_000).map(lambda n: "x" * n) \
    | st.integers(min_value=10, max_value=500).map(lambda n: ".-," * n)
ANY_CHAR = st.characters(exclude_categories=("Cs",))
PIECE = (st.text(ANY_CHAR, max_size=30) | PLACES | PHRASES | CONTROL | PUNCTUATION
         | LONG_TOKEN | st.sampled_from(["🇺🇦", "💥", "ﷺ", "𝕂𝕪𝕚𝕧", "Ǩ", "İstanbul"]))
TEXT = st.lists(PIECE, max_size=16).map("".join)


@pytest.fixture(scope="module")
def pipeline(gazetteer: Gazetteer) -> Iterator[Pipeline]:
    yield Pipeline(gazetteer, load_nlp())


def check(article: Article, text: str) -> None:
    """Offsets index the text, mentions are the text they point at, output serialises."""
    assert article.document.text == text
    for place in article.places:
        m = place.mention
        assert 0 <= m.start <= m.end <= len(text)
        assert m.text == text[m.start:m.end]
        assert m.text.strip()
        assert 0.0 <= place.confidence <= 1.0
        if place.candidate is not None:
            assert -90 <= place.candidate.lat <= 90 and -180 <= place.candidate.lon <= 180
    for event in article.events:
        assert 0 <= event.trigger_start <= event.trigger_end <= len(text)
        assert event.place is None or 0 <= event.place < len(article.places)
    stream = io.StringIO()
    for fmt in ("jsonl", "geojson", "csv"):
        writer = make_writer(stream, fmt)
        writer.write(article)
        writer.close()
    json.loads(json.dumps(article.to_dict()))


@SETTINGS
@given(text=TEXT)
def test_process_never_raises(pipeline: Pipeline, text: str) -> None:
    check(pipeline.process(Document(id="fuzz", text=text, source="fuzz")), text)


@SETTINGS
@given(texts=st.lists(TEXT, min_size=1, max_size=4))
def test_process_many_keeps_order_and_offsets(pipeline: Pipeline, texts: list[str]) -> None:
    docs = [Document(id=str(i), text=t, source="fuzz") for i, t in enumerate(texts)]
    articles = list(pipeline.process_many(docs, batch_size=2))
    assert [a.document.id for a in articles] == [d.id for d in docs]
    for article, text in zip(articles, texts, strict=True):
        check(article, text)


@pytest.mark.parametrize("text", [
    "", " ", "\x00", "\n" * 50, "${}" * 100, "</script>" * 50, "Kherson" * 2000,
    "Kherson's Kherson's Kherson's", "the the the region region", "Dnieper " * 500,
    "KYIV — " * 30, "‘Kyiv’’s’", "Kyiv\x00Kherson\x1fBakhmut", "\u202eKherson\u202c",
    "K\u0301herson", "(Kherson (Kyiv (Bakhmut)))", "Херсон, Київ і Бахмут.",
])
def test_known_nasty_texts(pipeline: Pipeline, text: str) -> None:
    check(pipeline.process(Document(id="nasty", text=text, source="t")), text)
