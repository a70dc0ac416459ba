"""Word-frequency tests of geomap.lexicon."""

from __future__ import annotations

import pytest

from geomap.lexicon import is_foreign_phrase


@pytest.mark.parametrize(("text", "foreign"), [
    ("Vuhledar", True),
    ("Chasiv Yar", True),  # "Yar" is rare, "Chasiv" unknown to English
    ("Wad Madani", True),
    ("Khan Younis", False),  # "Khan" is an English word often enough
    ("Klamath Falls", False),
    ("Red Deer", False),
    ("Paris", False),
])
def test_foreign_phrase(text: str, foreign: bool) -> None:
    assert is_foreign_phrase(text) is foreign
