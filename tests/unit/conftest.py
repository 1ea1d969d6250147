"""Fixtures of the core's tests."""

from __future__ import annotations

import pytest
from engine_helpers import need_engine

from archiveapp.core.search import ENGINES


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """Each search engine in turn (Tantivy skipped when it is not installed)."""
    return need_engine(request.param)
