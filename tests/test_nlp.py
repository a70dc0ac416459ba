"""The English pipeline as geomap loads it."""

from __future__ import annotations

import pytest

from geomap.nlp import load_nlp


@pytest.mark.parametrize(("text", "tokens"), [
    ("Shelling in Kherson;Russian forces attack", ["Shelling", "in", "Kherson", ";", "Russian",
                                                   "forces", "attack"]),
    ("Kyiv;Kharkiv", ["Kyiv", ";", "Kharkiv"]),
    ("Kherson; Mykolaiv", ["Kherson", ";", "Mykolaiv"]),
    ("see http://example.org/a;b", ["see", "http://example.org/a;b"]),  # URLs stay whole
])
def test_joined_headlines_split_at_the_semicolon(text, tokens):
    assert [t.text for t in load_nlp()(text)] == tokens


def test_joined_headline_places_are_entities():
    doc = load_nlp()("Explosions heard in Kherson;Strike on Chornobaivka")
    assert "Kherson" in {e.text for e in doc.ents}
