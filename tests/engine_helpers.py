"""The search engines a test can run on here: Tantivy is an optional extra."""

from __future__ import annotations

import pytest


def need_engine(engine: str) -> str:
    """``engine``, or skip the test when it is not installed."""
    if engine == "tantivy":
        pytest.importorskip("tantivy")
    return engine
