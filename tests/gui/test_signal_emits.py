"""Pin safety: PySide6 6.12.0 on Python 3.11 aborts after a few thousand Signal.emit()
calls (bool_dealloc, see ../shared/GUIDE.md). Indexing progress would hit it in seconds;
this catches a release that regresses."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, Signal

from archiveapp.core.model import Progress
from archiveapp.gui.tasks import TaskRunner

pytestmark = pytest.mark.gui


class Emitter(QObject):
    number = Signal(int)
    thing = Signal(object)
    flag = Signal(bool)


def test_ten_thousand_emits_survive(qtbot) -> None:
    emitter = Emitter()
    seen = [0, 0, 0]
    emitter.number.connect(lambda _n: seen.__setitem__(0, seen[0] + 1))
    emitter.thing.connect(lambda _p: seen.__setitem__(1, seen[1] + 1))
    emitter.flag.connect(lambda _b: seen.__setitem__(2, seen[2] + 1))
    for n in range(10_000):
        emitter.number.emit(n)
        emitter.thing.emit(Progress(n, 10_000, "x"))
        emitter.flag.emit(n % 2 == 0)
    assert seen == [10_000, 10_000, 10_000]


def test_ten_thousand_results_cross_threads(qtbot) -> None:
    runner = TaskRunner()
    results: list[int] = []
    for n in range(10_000):
        runner.run(lambda n=n: n, results.append)
    qtbot.waitUntil(lambda: len(results) == 10_000, timeout=60_000)
    assert results == list(range(10_000))
    runner.shutdown()
