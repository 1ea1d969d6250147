"""The window's side of choosing the search engine: File ▸ Search Engine, with Whoosh and
Tantivy as two checkable actions.

The archive remembers its engine (``Archive.open(..., engine=)`` writes it to its store), so
the window keeps no setting of its own: the checked action is always the open archive's
``engine``. Switching asks first when the archive has articles (their index is rebuilt),
then reopens the archive with the other engine on the write lane (``ArchiveSession.
switch_engine``) and rebuilds its index through the same background indexer as F5, with the
status bar's progress.

Mixed into MainWindow, which provides the session, the File menu and its actions, the
index status, the panes' reload and the annotator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from ..core.model import UpdateReport
from .views.engine_question import EngineQuestion

if TYPE_CHECKING:
    from ..core.archive import Archive  # loads on the write lane, after the first paint

# Display names and what a researcher needs to choose between them.
ENGINE_NAMES = {"whoosh": "Whoosh", "tantivy": "Tantivy"}
ENGINE_LABELS = {"whoosh": "&Whoosh (built in)", "tantivy": "&Tantivy (faster on large archives)"}
ENGINE_TIPS = {
    "whoosh": "The built-in search engine, in pure Python: fine up to a few thousand articles",
    "tantivy": "A search engine written in Rust: indexes and searches tens of thousands of "
    "articles many times faster",
}
NOT_INSTALLED_LABEL = "&Tantivy (not installed)"
NOT_INSTALLED_TIP = (
    "Tantivy is not installed. Install it with  pip install 'archiveapp[tantivy]'  "
    "and start archiveapp again"
)


class EngineActions:
    """Mixed into MainWindow: the Search Engine submenu and the switch it starts."""

    def setup_engine_choice(self) -> None:
        self.engine_menu = QMenu("Search &Engine", self)
        self.engine_menu.setObjectName("engineMenu")
        self.engine_menu.setToolTipsVisible(True)  # the "how to install" tip on Tantivy
        self.engine_menu.aboutToShow.connect(self._show_engine_state)
        self.engine_group = QActionGroup(self)
        self.engine_group.setExclusive(True)
        self.engine_actions: dict[str, QAction] = {}
        for engine in ENGINE_NAMES:
            action = QAction(ENGINE_LABELS[engine], self)
            action.setCheckable(True)
            action.setEnabled(False)  # until an archive is open
            action.setToolTip(ENGINE_TIPS[engine])
            action.setStatusTip(ENGINE_TIPS[engine])
            action.triggered.connect(lambda _checked=False, e=engine: self.choose_engine(e))
            self.engine_group.addAction(action)
            self.engine_menu.addAction(action)
            self.engine_actions[engine] = action
        file = next(a.menu() for a in self.menuBar().actions() if a.text() == "&File")
        # Beside Re-index and Rebuild Index: the engine is a property of the index.
        file.insertMenu(self.watch_action, self.engine_menu)
        self._switching_to: str | None = None  # the engine the archive is reopening with
        self._rebuilding_for: str | None = None  # the engine whose index is being rebuilt
        self.session.opened.connect(lambda _archive, _indexed: self._forget_switch())
        self.session.openFailed.connect(lambda _message: self._forget_switch())
        self.session.engineSwitched.connect(self._on_engine_switched)
        self.session.indexingFinished.connect(self._after_engine_rebuild)
        self.session.indexingFailed.connect(lambda _message: self._after_engine_rebuild(None))

    @property
    def current_engine(self) -> str | None:
        """The open archive's search engine (None while none is open or it is switching)."""
        archive = self.session.archive
        return None if archive is None else archive.engine

    def _forget_switch(self) -> None:
        """Another folder was opened (or could not be): a switch under way was dropped."""
        if self._switching_to is not None:
            self.index_status.finish()
        self._switching_to = self._rebuilding_for = None
        self._show_engine_state()

    def _show_engine_state(self) -> None:
        """Check the open archive's engine; offer only the engines that are installed."""
        engine = self._switching_to or self.current_engine
        ready = self.session.archive is not None and self._switching_to is None
        available = _availability() if ready else {}
        for name, action in self.engine_actions.items():
            installed = available.get(name, True)
            action.setChecked(name == engine)
            action.setEnabled(ready and installed)
            tip = ENGINE_TIPS[name] if installed else NOT_INSTALLED_TIP
            action.setText(ENGINE_LABELS[name] if installed else NOT_INSTALLED_LABEL)
            action.setToolTip(tip)
            action.setStatusTip(tip)
        if engine is None:
            # An exclusive group keeps one action checked: nothing is, while none is open.
            self.engine_group.setExclusive(False)
            for action in self.engine_actions.values():
                action.setChecked(False)
            self.engine_group.setExclusive(True)

    def choose_engine(self, engine: str) -> None:
        """The user picked ``engine``: ask when it costs a rebuild, then switch."""
        current = self.current_engine
        if current is None or engine == current or self._switching_to is not None:
            self._show_engine_state()
            return
        if not _availability().get(engine, False):
            self._show_engine_state()
            self.statusBar().showMessage(NOT_INSTALLED_TIP, 10000)
            return
        documents = self._totals.documents
        if documents and not self._confirm_switch(engine, documents):
            self._show_engine_state()  # back to the engine it has
            return
        self._switching_to = engine
        if not self.session.switch_engine(engine):
            self._switching_to = None
            self._show_engine_state()
            return
        self.annotator.set_archive(None)  # until the archive is open again
        self._show_engine_state()
        self.index_status.start(f"Switching to {ENGINE_NAMES[engine]}…")
        self.index_status.cancel.setEnabled(False)  # nothing to cancel until the rebuild

    def _confirm_switch(self, engine: str, documents: int) -> bool:
        name = self.folder.name if self.folder else "this archive"
        question = EngineQuestion(
            self, ENGINE_NAMES[engine], name, documents, self.session.indexing
        )
        return question.switch_chosen()

    def _on_engine_switched(self, archive: Archive, problem: str) -> None:
        self.annotator.set_archive(archive)
        wanted, self._switching_to = self._switching_to, None
        self._show_engine_state()
        if problem:
            self.statusBar().showMessage(
                f"Could not switch to {ENGINE_NAMES.get(wanted or '', wanted)}: {problem}", 15000
            )
        if not self._first_index:
            self._reload(force=True)  # the panes' rows now come from the reopened archive
        # The new engine's index is stale: this update rebuilds it from the store (and
        # reads any file that changed meanwhile), on the write lane, in the indexer child.
        if not self.session.index():
            self.index_status.finish()
        elif not problem:
            self._rebuilding_for = archive.engine
            # A rebuild from the store reports no file counts: say what runs meanwhile.
            self.index_status.start(
                f"Rebuilding the search index for {ENGINE_NAMES[archive.engine]}…"
            )

    def _after_engine_rebuild(self, report: UpdateReport | None) -> None:
        engine, self._rebuilding_for = self._rebuilding_for, None
        if engine is None or report is None:
            return  # not a rebuild for a switch, or the window has said why it stopped
        name = ENGINE_NAMES[engine]
        if report.cancelled:
            message = f"Now searching with {name}; its index is finished by the next re-index (F5)"
        else:
            message = f"Now searching with {name}: the index was rebuilt from the stored articles"
        self.statusBar().showMessage(message, 10000)


def _availability() -> dict[str, bool]:
    # Imported here: the search package brings Whoosh, which the first paint does not wait
    # for (it is loaded by the time an archive is open).
    from ..core.search import ENGINES, engine_available

    return {engine: engine_available(engine) for engine in ENGINES}
