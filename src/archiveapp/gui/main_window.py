"""The main window: layout, menus and actions, and the wiring that links the panes.

Linking in one sentence: a selection becomes a new ``Focus`` (state.py), the focus goes
into the history, and the panes whose filters changed are reloaded on the read lane; when
rows come back, each view's selection is set again from the focus without being taken for a
new user choice.
"""

from __future__ import annotations

from collections.abc import Hashable
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QSplitter,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.location import sample_archive_path
from ..core.model import FileError, Progress, Speaker, UpdateReport
from .actions import WindowActions
from .annotation_actions import AnnotationActions
from .engine_actions import EngineActions
from .export_actions import ExportActions
from .loader import PANES, PaneData, Totals, ViewedDocument
from .models import DocumentsModel, QuotesModel, RowModel, SpeakersModel
from .models import documents as doc_cols
from .models import quotes as quote_cols
from .models import speakers as speaker_cols
from .models.text import plural as _plural
from .resources import app_icon
from .session import ArchiveSession
from .settings import ArchiveHistory, app_settings
from .state import Focus, History
from .views.chips import Chip, ChipsBar
from .views.delegates import SnippetDelegate
from .views.document_viewer import DocumentViewer
from .views.error_list import ErrorListDialog
from .views.index_status import IndexStatus
from .views.pane import Pane, PaneView
from .views.search_box import SearchBox
from .watch_actions import WatchActions

if TYPE_CHECKING:
    # Not at run time: the archive brings SQLite, the search index and every reader, and
    # loads on the write lane once the window is painted (see app.py).
    from ..core.archive import Archive


class MainWindow(
    QMainWindow, WindowActions, AnnotationActions, ExportActions, WatchActions, EngineActions
):
    """The archive browser. ``loaded`` is emitted each time the panes have been filled
    after opening a folder or indexing it (tests wait for it); ``panesUpdated`` after every
    reload of the panes, ``documentShown`` when the viewer shows another document."""

    loaded = Signal()
    panesUpdated = Signal()
    documentShown = Signal(str)

    def __init__(self, settings: QSettings | None = None, remember: bool = True) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("archiveapp")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.settings = settings or app_settings()
        self.remember = remember  # False: leave the user's settings as they are (screenshots)
        self.archives = ArchiveHistory(self.settings)
        self.session = ArchiveSession(self)
        self.history = History()
        self.folder: Path | None = None
        self.data_dir: Path | None = None
        self.is_loaded = False
        self._awaiting_load = False
        self._check_after_load = False  # watch and update once the panes are filled
        self._opened_count = 0  # folders opened: a wait for an earlier one is void
        self._applied: dict[str, tuple[object, ...]] = {}  # pane -> focus key it shows
        self._syncing = False  # selection set by code, not by the user
        self._totals = Totals()
        self._labels: dict[tuple[str, Hashable], str] = {}  # chip texts for ids
        self._failures: list[FileError] = []
        self._first_index = False  # panes wait until the first indexing is done
        self._unreadable_query: str | None = None  # the panes kept their rows for it
        self._build_panes()
        self.build_annotation_panes()
        self.setup_actions()
        self.setup_annotations()
        self.setup_export()
        self._build_status_bar()
        self._connect()
        # After _connect: an update the watcher runs after another must start once the
        # window has finished with the first one (its handlers run in connection order).
        self.setup_watching()
        self.setup_engine_choice()  # after setup_watching: beside its action
        self._restore_layout()
        self._show_focus(self.history.current, reload=False)

    @property
    def focus(self) -> Focus:
        return self.history.current

    # -- building --------------------------------------------------------------------------

    def _build_panes(self) -> None:
        self.search = SearchBox(self)
        self.chips = ChipsBar(self)

        self.documents_model = DocumentsModel(self)
        self.speakers_model = SpeakersModel(self)
        self.quotes_model = QuotesModel(self)
        self.documents_view = PaneView("documentsView", self)
        self.documents_view.setModel(self.documents_model)
        self.documents_view.setItemDelegateForColumn(
            doc_cols.MATCH, SnippetDelegate(self.documents_view)
        )
        self.documents_view.set_column_widths(
            {doc_cols.DATE: 10, doc_cols.QUOTES: 6}, (doc_cols.TITLE, doc_cols.MATCH)
        )
        self.documents_view.setColumnHidden(doc_cols.MATCH, True)
        self.speakers_view = PaneView("speakersView", self)
        self.speakers_view.setModel(self.speakers_model)
        self.speakers_view.set_column_widths(
            {speaker_cols.ROLE: 22, speaker_cols.QUOTES: 6, speaker_cols.DOCUMENTS: 5},
            (speaker_cols.NAME,),
        )
        self.quotes_view = PaneView("quotesView", self)
        self.quotes_view.setModel(self.quotes_model)
        self.quotes_view.set_column_widths(
            {quote_cols.SPEAKER: 20, quote_cols.DOCUMENT: 24, quote_cols.DATE: 10},
            (quote_cols.TEXT,),
        )
        for model in (self.documents_model, self.speakers_model, self.quotes_model):
            # Long lists read their rows a page at a time, on the runner's lanes.
            model.set_runner(self.session.runner)
        self.viewer = DocumentViewer(self)

        self.documents_pane = Pane("Documents", self.documents_view)
        self.speakers_pane = Pane("Speakers", self.speakers_view)
        self.quotes_pane = Pane("Quotes", self.quotes_view)
        self.viewer_pane = Pane("Article", self.viewer)

        self.left_splitter = QSplitter(Qt.Orientation.Vertical)
        self.left_splitter.setObjectName("leftSplitter")
        self.left_splitter.addWidget(self.documents_pane)
        self.left_splitter.addWidget(self.speakers_pane)
        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.setObjectName("rightSplitter")
        self.right_splitter.addWidget(self.quotes_pane)
        self.right_splitter.addWidget(self.viewer_pane)
        self.outer_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.outer_splitter.setObjectName("outerSplitter")
        self.outer_splitter.addWidget(self.left_splitter)
        self.outer_splitter.addWidget(self.right_splitter)
        for splitter in (self.left_splitter, self.right_splitter, self.outer_splitter):
            splitter.setChildrenCollapsible(False)
        self._default_sizes()

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(2)
        layout.addWidget(self.chips)
        layout.addWidget(self.outer_splitter, 1)
        self.setCentralWidget(central)

        # Tab walks search -> documents -> speakers -> quotes -> article.
        self._tab_order = [
            self.search.line,
            self.documents_view,
            self.speakers_view,
            self.quotes_view,
            self.viewer,
        ]
        for first, second in pairwise(self._tab_order):
            QWidget.setTabOrder(first, second)

    def _default_sizes(self) -> None:
        self.resize(1440, 900)
        self.outer_splitter.setSizes([600, 840])
        self.left_splitter.setSizes([420, 300, 140])
        self.right_splitter.setSizes([330, 470])

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("countsLabel")
        self.index_status = IndexStatus(self)
        self.errors_button = QToolButton(self)
        self.errors_button.setObjectName("errorsButton")
        self.errors_button.setAutoRaise(True)
        self.errors_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        )
        self.errors_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.errors_button.clicked.connect(self.show_failures)
        self.errors_button.hide()
        # Permanent widgets stay visible while a message is shown at the left.
        status.addPermanentWidget(self.index_status)
        status.addPermanentWidget(self.errors_button)
        status.addPermanentWidget(self.counts_label)

    def _connect(self) -> None:
        s = self.session
        s.opened.connect(self._on_opened)
        s.openFailed.connect(self._on_open_failed)
        s.indexingStarted.connect(self._on_indexing_started)
        s.indexingFinished.connect(self._on_indexed)
        s.indexingFailed.connect(self._on_indexing_failed)
        s.runner.progress.connect(self._on_progress)
        s.panesLoaded.connect(self._on_panes)
        s.paneLoadFailed.connect(self._on_pane_load_failed)
        s.documentLoaded.connect(self._on_document)
        s.failuresLoaded.connect(self._on_failures)
        self.index_status.cancelRequested.connect(s.cancel_indexing)
        self.search.queryChanged.connect(lambda text: self._go(self.focus.with_query(text)))
        self.search.line.leaveDown.connect(self._enter_documents)
        self.chips.removeRequested.connect(self._remove_chip)
        self.chips.clearRequested.connect(self.clear_filters)
        self.viewer.quoteClicked.connect(self._on_viewer_quote)
        for model, view, wanted in (
            (self.documents_model, self.documents_view, lambda: self.focus.document),
            (self.speakers_model, self.speakers_view, lambda: self.focus.speaker),
            (self.quotes_model, self.quotes_view, lambda: self.focus.quote),
        ):
            model.listingGrew.connect(
                lambda first, model=model, view=view, wanted=wanted: self._on_listing_grew(
                    model, view, wanted(), first
                )
            )
        self.quotes_model.dataChanged.connect(self._on_quote_rows_read)
        for view, handler in (
            (self.documents_view, self._on_document_selected),
            (self.speakers_view, self._on_speaker_selected),
            (self.quotes_view, self._on_quote_selected),
        ):
            view.selectionModel().selectionChanged.connect(
                lambda _new, _old, view=view, handler=handler: self._on_selection(view, handler)
            )

    # -- opening ---------------------------------------------------------------------------

    def open_folder(self, folder: str | Path, data_dir: str | Path | None = None) -> None:
        """Open ``folder`` (indexing it in the background if it never was)."""
        self.folder = Path(folder).expanduser().resolve()
        self.data_dir = Path(data_dir).expanduser().resolve() if data_dir else None
        self.is_loaded = False
        self._awaiting_load = True
        self._check_after_load = False
        self._opened_count += 1
        self._applied.clear()
        self._labels.clear()
        self._failures = []
        self._first_index = False
        self.stop_watching()
        self.errors_button.hide()
        self.history.reset()
        for model in (
            self.documents_model,
            self.speakers_model,
            self.quotes_model,
            self.tags_model,
        ):
            model.clear()
        self.note_editor.flush()
        self.annotator.set_archive(None)
        self.viewer.show_document(None)
        self._set_article_heading(None)
        self._show_focus(self.history.current, reload=False)
        self.setWindowTitle(f"{self.folder.name} — archiveapp")
        self.counts_label.setText(f"Opening {self.folder}…")
        self.session.open(self.folder, self.data_dir)

    def choose_folder(self) -> None:
        start = str(self.folder.parent) if self.folder else str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, "Open a folder of articles", start)
        if folder:
            self.open_folder(folder)

    def open_sample(self) -> None:
        self.open_folder(sample_archive_path())

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        entries = self.archives.recent()
        for folder, data_dir in entries:
            action = self.recent_menu.addAction(str(folder))
            action.setEnabled(folder.is_dir())
            action.triggered.connect(lambda _c=False, f=folder, d=data_dir: self.open_folder(f, d))
        if not entries:
            self.recent_menu.addAction("No recent folders").setEnabled(False)

    def _on_opened(self, archive: Archive, indexed: bool) -> None:
        if self.remember and self.folder is not None:
            self.archives.remember(self.folder, self.data_dir)
        if archive.data_note:
            self.statusBar().showMessage(
                f"Index kept in the user data folder: {archive.data_note}", 8000
            )
            self.counts_label.setToolTip(f"Index and database: {archive.data_dir}")
        if notice := archive.index_notice:  # found damaged when opened: rebuilt after loading
            self.statusBar().showMessage(notice[:1].upper() + notice[1:])
        self.session.load_failures()
        if indexed:
            # The panes first: walking the folder and checking it for changes would share
            # the two cores with their queries. Both start once the panes are filled and
            # the quotes all listed.
            self._check_after_load = True
            self._reload(force=True)
        else:
            self.counts_label.setText(f"Indexing {self.folder} for the first time…")
            self._first_index = True
            self._watch_and_check(archive)

    def _watch_and_check(self, archive: Archive) -> None:
        # Watching starts before the update: a change made while it runs is then read by
        # one more update right after it, instead of waiting for the next change.
        self.start_watching(archive)
        # Pick up files added or changed since the last visit, in the background.
        self.session.index()

    def _on_open_failed(self, message: str) -> None:
        self._awaiting_load = False
        self.counts_label.setText(f"Could not open the folder: {message}")

    # -- indexing --------------------------------------------------------------------------

    def reindex(self, rebuild: bool = False) -> None:
        if not self.session.index(rebuild=rebuild):
            self.statusBar().showMessage(
                "Already indexing" if self.session.indexing else "No archive open", 4000
            )

    def _on_indexing_started(self) -> None:
        # A first indexing shows at once; a check for changes only once it reads files.
        self.index_status.start("Reading the folder…", visible=self._first_index)
        self.cancel_action.setEnabled(True)
        self.reindex_action.setEnabled(False)
        self.rebuild_action.setEnabled(False)

    def _on_progress(self, progress: Progress) -> None:
        if self.session.indexing:
            self.index_status.update_progress(progress)

    def _on_indexing_finished_ui(self) -> None:
        self.index_status.finish()
        self.cancel_action.setEnabled(False)
        self.reindex_action.setEnabled(True)
        self.rebuild_action.setEnabled(True)

    def _on_indexed(self, report: UpdateReport) -> None:
        self._on_indexing_finished_ui()
        self.annotator.catch_up()
        self._first_index = False
        read = len(report.added) + len(report.changed)
        parts = [_plural(read, "file") + " read"] if read else []
        if report.removed:
            parts.append(f"{len(report.removed)} removed")
        if report.failed:
            parts.append(f"{len(report.failed)} could not be read")
        if report.cancelled:
            parts.append("cancelled — what was read so far is kept")
        if parts:
            done = "Indexing stopped" if report.cancelled else "Indexed"
            self.statusBar().showMessage(f"{done}: " + ", ".join(parts), 10000)
        self.session.load_failures()
        if not report.nothing_changed or report.rebuilt_index or self._awaiting_load:
            self._reload(force=True)

    def _on_indexing_failed(self, message: str) -> None:
        self._on_indexing_finished_ui()
        self.annotator.catch_up()
        self._first_index = False
        self.statusBar().showMessage(f"Indexing stopped: {message}", 15000)
        if self._awaiting_load:
            self._reload(force=True)

    def _on_failures(self, failures: list[FileError]) -> None:
        self._failures = failures
        self.errors_button.setText(f"{_plural(len(failures), 'file')} could not be read")
        self.errors_button.setVisible(bool(failures))

    def show_failures(self) -> None:
        dialog = ErrorListDialog(self._failures, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # -- the focus: what narrows the panes --------------------------------------------------

    def _go(self, focus: Focus) -> None:
        """A user's choice: remember it for Back and show it."""
        if focus == self.focus:
            return
        self.history.push(focus)
        self._show_focus(focus)

    def go_back(self) -> None:
        if self.history.can_go_back():
            self._show_focus(self.history.back())

    def go_forward(self) -> None:
        if self.history.can_go_forward():
            self._show_focus(self.history.forward())

    def clear_filters(self) -> None:
        self._go(Focus())

    def focus_search(self) -> None:
        self.search.line.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.line.selectAll()

    def _remove_chip(self, kind: str) -> None:
        focus = self.focus
        if kind == "search":
            self._go(focus.with_query(""))
        elif kind == "document":
            self._go(focus.with_document(None))
        elif kind == "speaker":
            self._go(focus.with_speaker(None))
        elif kind == "tag":
            self._go(focus.with_tag(None))
        elif kind == "rejected":
            self._go(focus.with_rejected(False))

    def _show_focus(self, focus: Focus, reload: bool = True) -> None:
        self.search.set_text(focus.query)
        self.back_action.setEnabled(self.history.can_go_back())
        self.forward_action.setEnabled(self.history.can_go_forward())
        self.chips.set_chips(self._chips(focus))
        self._sync_selections()
        viewed = focus.viewed_document
        if viewed is None:
            self.viewer.mark_quote(None)  # keep the article in view until another replaces it
        elif viewed != self.viewer.path:
            self.session.load_document(viewed)
        else:
            self.viewer.mark_quote(focus.quote)
        self.rejected_action.setChecked(focus.rejected)
        if reload:
            self._reload()
        self._update_headings()
        self.refresh_note_editor()

    def _chips(self, focus: Focus) -> list[Chip]:
        chips = []
        if focus.query:
            chips.append(Chip("search", f"search: {focus.query}", "all panes"))
        if focus.document is not None:
            title = self._labels.get(("document", focus.document), focus.document)
            narrows = "speakers and quotes" if focus.pivot == "document" else "speakers"
            chips.append(Chip("document", f"document: {title}", narrows))
        if focus.speaker is not None:
            name = self._labels.get(("speaker", focus.speaker), f"#{focus.speaker}")
            narrows = "documents and quotes" if focus.pivot == "speaker" else "documents"
            chips.append(Chip("speaker", f"speaker: {name}", narrows))
        if focus.tag is not None:
            chips.append(Chip("tag", f"tag: {focus.tag}", "all panes"))
        if focus.rejected:
            chips.append(Chip("rejected", "marked not a quote", "quotes"))
        return chips

    # -- loading the panes -----------------------------------------------------------------

    def panes_current(self) -> bool:
        """Whether every pane and the viewer show what the current focus asks for."""
        viewed = self.focus.viewed_document
        return (
            self.is_loaded
            and (
                self._applied == self._keys(self.focus)
                or self._unreadable_query == self.focus.query
            )
            and (viewed is None or self.viewer.path == viewed)
        )

    def _keys(self, focus: Focus) -> dict[str, tuple[object, ...]]:
        return {
            "documents": focus.documents_key(),
            "speakers": focus.speakers_key(),
            "quotes": focus.quotes_key(),
        }

    def _reload(self, force: bool = False) -> None:
        if self.session.archive is None or (self._first_index and not force):
            return  # nothing to show until the first indexing is done
        if force:
            self._applied.clear()
        keys = self._keys(self.focus)
        panes = [pane for pane in PANES if self._applied.get(pane) != keys[pane]]
        if panes or force:
            self.session.load_panes(self.focus, panes, totals=force)

    def _on_panes(self, data: PaneData) -> None:
        self.search.show_hint(data.query_error)
        self._unreadable_query = data.focus.query if data.query_error else None
        if data.totals is not None:
            self._totals = data.totals
        keys = self._keys(data.focus)
        self._syncing = True
        try:
            for pane, model, listing in (
                ("documents", self.documents_model, data.documents),
                ("speakers", self.speakers_model, data.speakers),
                ("quotes", self.quotes_model, data.quotes),
            ):
                if listing is not None:
                    model.set_listing(listing)
                    self._applied[pane] = keys[pane]
            if data.documents is not None:
                # The snippet column only means something while a search is active.
                self.documents_view.setColumnHidden(doc_cols.MATCH, not data.focus.query)
        finally:
            self._syncing = False
        self._remember_labels()
        self._sync_selections()
        self.chips.set_chips(self._chips(self.focus))
        if data.query_error is None and self.focus != data.focus:
            self._reload()  # the user moved on while this was loading
        first_load = self._awaiting_load and data.query_error is None
        if first_load:
            self._awaiting_load = False
            self.is_loaded = True
        if self._check_after_load and self.session.archive is not None:
            self._check_after_load = False
            self._watch_and_check_when_listed(self.session.archive)
        # After is_loaded is set: an empty archive's status must say so, not "Opening…".
        self._update_headings()
        self.refresh_note_editor()
        if data.totals is not None:
            # Tag counts and orphans follow every full reload; the speakers to choose from
            # are those of the speakers pane when it lists them all (no second query).
            self.load_annotation_overview(_every_speaker(data))
        if first_load:
            self.loaded.emit()
        self.panesUpdated.emit()

    def _on_listing_grew(
        self, model: RowModel, view: PaneView, wanted: Hashable | None, first: int
    ) -> None:
        """More rows of a long list arrived from row ``first`` on (or it is whole, or was
        sorted): its count, and its row in focus if that just arrived."""
        self._update_headings()
        if (
            first >= 0
            and wanted is not None
            and not view.selectionModel().hasSelection()
            and model.row_of(wanted, first) is not None
        ):
            self._sync_selections()

    def _on_quote_rows_read(self, *_changed: object) -> None:
        """The selected quote's row was read after it was chosen: its note follows."""
        quote = self.focus.quote
        if quote is not None and self.note_editor.quote_id != quote:
            self.refresh_note_editor()

    def _on_pane_load_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)
        if self._check_after_load and self.session.archive is not None:
            self._check_after_load = False
            self._watch_and_check_when_listed(self.session.archive)

    def _watch_and_check_when_listed(self, archive: Archive) -> None:
        """Once the quotes of a large archive are all listed (seconds of the read lane at
        100,000 articles): walking the folder and checking it for changes meanwhile would
        share the two cores with that, and the GUI thread would wait for its turns."""

        opened = self._opened_count

        def start() -> None:
            if opened == self._opened_count and self.session.archive is archive:
                self._watch_and_check(archive)  # no other folder was opened meanwhile

        self.quotes_model.when_listed(start)

    def _remember_labels(self) -> None:
        focus = self.focus
        if focus.document is not None and (row := self.documents_model.get(focus.document)):
            self._labels[("document", focus.document)] = row.summary.title
        if focus.speaker is not None and (speaker := self.speakers_model.get(focus.speaker)):
            self._labels[("speaker", focus.speaker)] = speaker.name

    def _update_headings(self) -> None:
        focus, totals = self.focus, self._totals
        searched = f'search "{focus.query}"' if focus.query else ""

        def narrowed(*parts: str) -> str:
            return " · ".join(p for p in (searched, *parts) if p)

        speaker = (
            self._labels.get(("speaker", focus.speaker), "") if focus.speaker is not None else ""
        )
        document = self._labels.get(("document", focus.document), "") if focus.document else ""
        self.documents_pane.set_heading(
            _count(self.documents_model.total, totals.documents),
            narrowed(f"speaker {speaker}" if speaker else ""),
        )
        self.speakers_pane.set_heading(
            _count(self.speakers_model.total, totals.speakers),
            narrowed(f"in {document}" if document else ""),
        )
        by = ""
        if focus.quotes_speaker is not None and speaker:
            by = f"speaker {speaker}"
        elif focus.quotes_document is not None and document:
            by = f"in {document}"
        tagged = f"tag {focus.tag}" if focus.tag else ""
        rejected = "marked not a quote" if focus.rejected else ""
        listing = "listing…" if self.quotes_model.streaming else ""
        self.quotes_pane.set_heading(
            _count(self.quotes_model.total, totals.quotes), narrowed(by, tagged, rejected, listing)
        )
        if (self.session.archive is not None and self.is_loaded) or totals.documents:
            name = self.folder.name if self.folder else ""
            if not totals.documents:
                self.counts_label.setText(
                    f"{name}: no articles found "
                    "(text, Markdown, web pages, PDF, Word, ODT, RTF, EPUB, e-mail)"
                )
                return
            self.counts_label.setText(
                f"{name}: {_plural(totals.documents, 'document')}, "
                f"{_plural(totals.speakers, 'speaker')}, {_plural(totals.quotes, 'quote')}"
            )

    # -- selections ------------------------------------------------------------------------

    def _on_selection(self, view: PaneView, handler) -> None:
        if self._syncing:
            return
        rows = view.selectionModel().selectedRows()
        model: RowModel = view.model()  # type: ignore[assignment]
        handler(model.id_at(rows[0].row()) if rows else None)

    def _on_document_selected(self, path: str | None) -> None:
        if path is not None and (row := self.documents_model.get(path)):
            self._labels[("document", path)] = row.summary.title
        self._go(self.focus.with_document(path))

    def _on_speaker_selected(self, speaker_id: int | None) -> None:
        if speaker_id is not None and (speaker := self.speakers_model.get(speaker_id)):
            self._labels[("speaker", speaker_id)] = speaker.name
        self._go(self.focus.with_speaker(speaker_id))

    def _on_quote_selected(self, quote_id: str | None) -> None:
        if quote_id is None:
            self._go(self.focus.with_quote(None, None))
            return
        quote = self.quotes_model.get(quote_id)
        if quote is None:  # chosen before its page was read (a long list): once it is
            self.quotes_model.when_rows(
                [quote_id],
                lambda rows: (
                    self._go(self.focus.with_quote(quote_id, rows[0].document)) if rows else None
                ),
            )
            return
        self._go(self.focus.with_quote(quote_id, quote.document))

    def _on_viewer_quote(self, quote_id: str) -> None:
        """A click on a highlighted quote: select it in the quotes pane; if that pane is
        narrowed to something else, narrow it to the document being read first."""
        path = self.viewer.path
        if self.quotes_model.contains(quote_id) or path is None:
            self._go(self.focus.with_quote(quote_id, path))
            return
        focus = self.focus.with_document(path)
        if self.documents_model.get(path):
            self._labels[("document", path)] = self.documents_model.get(path).summary.title  # type: ignore[union-attr]
        self._go(focus.with_quote(quote_id, path))

    def _sync_selections(self) -> None:
        """Select in each view what the focus says, without taking it for a user choice."""
        focus = self.focus
        self._syncing = True
        try:
            for view, wanted in (
                (self.documents_view, focus.document),
                (self.speakers_view, focus.speaker),
                (self.quotes_view, focus.quote),
            ):
                _select(view, wanted)
            self.sync_tag_selection()
        finally:
            self._syncing = False

    def _enter_documents(self) -> None:
        self.documents_view.setFocus(Qt.FocusReason.TabFocusReason)
        if (
            not self.documents_view.selectionModel().hasSelection()
            and self.documents_model.rowCount()
        ):
            self.documents_view.selectRow(0)

    # -- the viewer ------------------------------------------------------------------------

    def _on_document(self, viewed: ViewedDocument) -> None:
        if viewed.document.path != self.focus.viewed_document:
            return
        self.viewer.show_document(viewed)
        self.viewer.mark_quote(self.focus.quote)
        for view in (self.speakers_view, self.quotes_view):
            view.viewport().update()  # swatches follow the article's colours
        self._set_article_heading(viewed)
        self.documentShown.emit(viewed.document.path)

    def _set_article_heading(self, viewed: ViewedDocument | None) -> None:
        if viewed is None:
            self.viewer_pane.set_heading("")
            return
        document = viewed.document
        # What a citation needs, at a glance: when, by whom, in which publication.
        details = [d for d in (document.date, document.author, document.outlet) if d]
        details.append(_plural(len(viewed.quotes), "quote"))
        self.viewer_pane.set_heading(" · ".join(details), document.path)

    # -- drag and drop ---------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_folder(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        folder = _dropped_folder(event)
        if folder is not None:
            event.acceptProposedAction()
            self.open_folder(folder)

    # -- layout memory ---------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        for splitter in (self.outer_splitter, self.left_splitter, self.right_splitter):
            state = self.settings.value(f"window/{splitter.objectName()}")
            if isinstance(state, QByteArray) and not state.isEmpty():
                splitter.restoreState(state)

    def save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        for splitter in (self.outer_splitter, self.left_splitter, self.right_splitter):
            self.settings.setValue(f"window/{splitter.objectName()}", splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.remember:
            self.save_layout()
        self.note_editor.flush()  # a note being typed is saved before the archive closes
        self.annotator.stop_polling()
        self.stop_watching()
        self.session.close()
        super().closeEvent(event)


def _every_speaker(data: PaneData) -> list[Speaker] | None:
    speakers, focus = data.speakers, data.focus
    if speakers is None or not speakers.whole_list or focus.document or focus.search_query:
        return None
    return [speakers.rows[i] for i in speakers.ids]


def _count(shown: int, total: int) -> str:
    return f"{shown:,}" if not total or shown == total else f"{shown:,} of {total:,}"


def _select(view: PaneView, wanted: Hashable | None) -> None:
    model: RowModel = view.model()  # type: ignore[assignment]
    selection = view.selectionModel()
    current = selection.selectedRows()
    if wanted is None:
        if current:
            selection.clearSelection()
        return
    row = model.row_of(wanted)
    if row is None:
        if current:
            selection.clearSelection()
        return
    if current and any(index.row() == row for index in current):
        return  # already selected, perhaps among others the user chose
    index = model.index(row, 0)
    selection.setCurrentIndex(
        index,
        selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows,
    )
    view.scrollTo(index)


def _dropped_folder(event: QDragEnterEvent | QDropEvent) -> Path | None:
    mime = event.mimeData()
    if not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile() and Path(url.toLocalFile()).is_dir():
            return Path(url.toLocalFile())
    return None
