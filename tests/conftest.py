"""Shared pytest fixtures (keep them generic: other test modules reuse them)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from geomap.gazetteer import Gazetteer, build_store, default_home, store_path


@pytest.fixture(scope="session")
def gazetteer_store() -> Path:
    """Path of a gazetteer store built from the committed sources (no extra tables).

    It is the store `Gazetteer.open()` uses by default (in $GEOMAP_HOME or the user cache),
    built there on first use like the product does, so the session builds it at most once.
    """
    current = store_path(default_home(), extras=[])
    if not current.exists():
        build_store(current)
    return current


@pytest.fixture(scope="session")
def gazetteer(gazetteer_store: Path) -> Iterator[Gazetteer]:
    """An open Gazetteer over the real store."""
    gz = Gazetteer.open(gazetteer_store)
    yield gz
    gz.close()
