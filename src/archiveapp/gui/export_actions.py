"""The window's side of File ▸ Export Quotes…: the dialog, and the work it asks for.

Mixed into MainWindow, beside ``AnnotationActions`` (whose ``selected_quote_ids`` and
``_tags`` it reads). Everything that touches the archive runs on the task runner (the jobs
themselves are in ``exporting.py``): previews on the read lane (a few dozen quotes,
superseded ones skipped), exports and copies on the export lane, so a long export never
holds up the panes or the user's annotations.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, Signal
from PySide6.QtWidgets import QApplication

from ..core.errors import one_line
from ..core.export import build, write
from ..core.model import Progress
from . import exporting
from .exporting import Chosen, Copied, Preview
from .models.text import plural as _plural
from .views.export_dialog import ExportDialog, ExportRequest

if TYPE_CHECKING:
    from ..core.archive import Archive  # loads on the write lane, after the first paint


class ExportCancelled(Exception):
    """Raised inside an export's progress report to stop it; nothing has been written."""


class ExportSignals(QObject):
    """Emitted from the export lane, queued to the GUI thread."""

    progress = Signal(object)  # Progress, throttled
    writing = Signal()  # the quotes are arranged; the file is being written


class ExportActions:
    """Mixed into MainWindow (which provides the session, the panes and the status bar)."""

    def setup_export(self) -> None:
        self.export_dialog: ExportDialog | None = None
        self._export_signals = ExportSignals(self)
        self._export_signals.progress.connect(self._on_export_progress)
        self._export_signals.writing.connect(self._on_export_writing)
        self._preview_request = 0
        self._export_cancel: threading.Event | None = None
        self._export_target = ""
        self.export_quotes_action = self._action(
            "&Export Quotes…",
            self.open_export_dialog,
            "Ctrl+Shift+E",
            "Export the selected or listed quotes to Word, PDF, a spreadsheet or the clipboard",
        )
        file = next(a.menu() for a in self.menuBar().actions() if a.text() == "&File")
        file.insertAction(self.export_annotations_action, self.export_quotes_action)
        self.quotes_view.selectionModel().selectionChanged.connect(
            lambda *_args: self._export_counts_changed("selected")
        )
        self.panesUpdated.connect(lambda: self._export_counts_changed("listed"))
        self.quotes_model.listingGrew.connect(lambda _first: self._export_counts_changed("listed"))
        # A tag or note changed: the preview shows it.
        self.annotator.changed.connect(lambda _change: self._refresh_export_preview())

    # -- the dialog ----------------------------------------------------------------------

    def open_export_dialog(self) -> None:
        if self.export_dialog is None:
            dialog = ExportDialog(
                self.settings if self.remember else None,
                len(self.selected_quote_ids()),
                self.quotes_model.total,
                self._tags,
                parent=self,
            )
            dialog.previewRequested.connect(self._preview_export)
            dialog.exportRequested.connect(self._run_export)
            dialog.copyRequested.connect(self._copy_export)
            dialog.cancelRequested.connect(self._cancel_export)
            self.export_dialog = dialog
        dialog = self.export_dialog
        dialog.set_tags(self._tags)
        selected = len(self.selected_quote_ids())
        dialog.set_counts(selected, self.quotes_model.total)
        if selected > 1:
            dialog.set_scope("selected")  # several quotes were selected for a reason
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        dialog.schedule_preview()

    def _export_counts_changed(self, what: str) -> None:
        dialog = self.export_dialog
        if dialog is None or not dialog.isVisible():
            return
        dialog.set_counts(len(self.selected_quote_ids()), self.quotes_model.total)
        # A reload of the panes can change the selection as well as the list.
        if dialog.scope() == what or (what == "listed" and dialog.scope() == "selected"):
            dialog.schedule_preview()

    def _refresh_export_preview(self) -> None:
        if self.export_dialog is not None and self.export_dialog.isVisible():
            self.export_dialog.schedule_preview()

    def _chosen(self, request: ExportRequest) -> Chosen:
        if request.scope == "tag":
            return Chosen()
        if request.scope == "selected":
            ids = self.selected_quote_ids()
        else:
            ids = [str(i) for i in self.quotes_model.ids()]
        documents = {q.document for i in ids if (q := self.quotes_model.get(i)) is not None}
        return Chosen(tuple(ids), tuple(sorted(documents)))

    # -- the preview ---------------------------------------------------------------------

    def _preview_export(self, request: ExportRequest) -> None:
        dialog = self.export_dialog
        archive = self.session.archive
        if dialog is None:
            return
        if archive is None:
            dialog.show_preview_error("open a folder of articles first")
            return
        self._preview_request += 1
        number = self._preview_request
        chosen = self._chosen(request)

        def done(preview: Preview) -> None:
            if number == self._preview_request and self.export_dialog is not None:
                self.export_dialog.set_tags(preview.tags)
                self.export_dialog.show_preview(preview.html, preview.shown, preview.total)

        def failed(error: BaseException) -> None:
            if number == self._preview_request and self.export_dialog is not None:
                self.export_dialog.show_preview_error(one_line(error))

        self.session.runner.run(
            lambda: exporting.make_preview(archive, request, chosen),
            done,
            failed,
            lane="read",
            still_wanted=lambda: number == self._preview_request,
        )

    # -- exporting and copying -----------------------------------------------------------

    def _run_export(self, request: ExportRequest, path: str) -> None:
        if self._still_listing(request, lambda: self._run_export(request, path)):
            return
        self._export_target = path

        def job(archive: Archive, progress: Callable[[Progress], None]) -> int:
            quotes = exporting.quotes_of(archive, request, chosen)
            document = build(archive, quotes, request.options, progress)
            progress(Progress(document.quote_count, document.quote_count, path))
            self._export_signals.writing.emit()
            write(document, path, force=True)  # the file dialog asked already
            return document.quote_count

        def done(count: int) -> None:
            self._export_done(f"{_plural(count, 'quote')} exported to {path}", 10000)

        chosen = self._chosen(request)
        self._start_export_job("Exporting", job, done)

    def _copy_export(self, request: ExportRequest) -> None:
        if self._still_listing(request, lambda: self._copy_export(request)):
            return
        self._export_target = ""

        def job(archive: Archive, progress: Callable[[Progress], None]) -> Copied:
            quotes = exporting.quotes_of(archive, request, chosen)
            document = build(archive, quotes, request.options, progress)
            progress(Progress(document.quote_count, document.quote_count, ""))
            return exporting.copied(document)

        def done(copied: Copied) -> None:
            mime = QMimeData()
            mime.setHtml(copied.html)
            mime.setText(copied.text)
            QApplication.clipboard().setMimeData(mime)
            self._export_done(f"{_plural(copied.count, 'quote')} copied to the clipboard", 6000)

        chosen = self._chosen(request)
        self._start_export_job("Copying", job, done)

    def _still_listing(self, request: ExportRequest, again: Callable[[], None]) -> bool:
        """Every listed quote of a long list that is still streaming in: ``again()`` once
        it is all in."""
        if request.scope != "listed" or not self.quotes_model.streaming:
            return False
        self.statusBar().showMessage("Listing the rest of the quotes first…", 4000)
        self.quotes_model.when_listed(again)
        return True

    def _export_done(self, message: str, timeout_ms: int) -> None:
        self.statusBar().showMessage(message, timeout_ms)
        if self.export_dialog is not None:
            self.export_dialog.set_idle(message)

    def _start_export_job(
        self,
        verb: str,
        job: Callable[[Archive, Callable[[Progress], None]], object],
        done: Callable[[object], None],
    ) -> None:
        archive = self.session.archive
        dialog = self.export_dialog
        if archive is None or dialog is None or self._export_cancel is not None:
            return
        cancel = self._export_cancel = threading.Event()
        runner = self.session.runner
        report = runner.progress_reporter(self._export_signals.progress)

        def progress(step: Progress) -> None:
            """Called on the export lane: the place where a cancelled export stops."""
            if cancel.is_set() or runner.stopping.is_set():
                raise ExportCancelled
            report(step)

        def finished(result: object) -> None:
            if cancel is self._export_cancel:
                self._export_cancel = None
            done(result)

        def failed(error: BaseException) -> None:
            if cancel is self._export_cancel:
                self._export_cancel = None
            cancelled = isinstance(error, ExportCancelled)
            message = f"{verb} cancelled" if cancelled else one_line(error)
            if not cancelled:
                self.statusBar().showMessage(message, 10000)
            if self.export_dialog is not None:
                self.export_dialog.set_idle(message, error=not cancelled)

        dialog.set_busy(f"{verb}…")
        runner.run(lambda: job(archive, progress), finished, failed, lane="export")

    def _cancel_export(self) -> None:
        if self._export_cancel is not None:
            self._export_cancel.set()

    def _on_export_progress(self, progress: Progress) -> None:
        dialog = self.export_dialog
        if dialog is not None and dialog.busy and self._export_cancel is not None:
            verb = "Exporting" if self._export_target else "Copying"
            dialog.set_busy(
                f"{verb}: {progress.done:,} of {progress.total:,} quotes",
                progress.done,
                progress.total,
            )

    def _on_export_writing(self) -> None:
        if self.export_dialog is not None and self.export_dialog.busy:
            self.export_dialog.set_busy(f"Writing {self._export_target}…")
