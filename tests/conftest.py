"""Shared pytest fixtures (keep them generic: other test modules reuse them)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from geomap.gazetteer import Gazetteer, build_store, default_home, store_path


@pytest.fixture(scope="session")
def gazetteer_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of a gazetteer store built from the committed sources (no extra tables).

    Reuses the default store when it is current (read only), else builds one per session.
    """
    current = store_path(default_home(), extras=[])
    if current.exists():
        return current
    dest = store_path(tmp_path_factory.mktemp("geomap-home"), extras=[])
    build_store(dest)
    return dest


@pytest.fixture(scope="session")
def gazetteer(gazetteer_store: Path) -> Iterator[Gazetteer]:
    """An open Gazetteer over the real store."""
    gz = Gazetteer.open(gazetteer_store)
    yield gz
    gz.close()
