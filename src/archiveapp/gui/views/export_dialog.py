"""File ▸ Export Quotes…: the choices of an export on the left, a live preview on the right.

The dialog holds no archive: it says what the user wants (``ExportRequest``) through
signals, and the window answers with ``show_preview`` and ``set_busy`` / ``set_idle``. It
stays open beside the window (``show()``), so the user can change the selection in the
quotes pane while it is up; the window passes the new counts in with ``set_counts``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...core.export import FORMAT_NAMES, FORMATS, SUFFIXES, ExportOptions, format_for
from ...core.export.citations import STYLES
from ...core.export.model import GROUPINGS, ORDERS
from ...core.model import Tag

SCOPES = ("selected", "listed", "tag")
DEBOUNCE_MS = 250  # typing a title or ticking several boxes asks for one preview
GROUP_LABELS = {
    "none": "Nothing (one list)",
    "speaker": "Speaker",
    "document": "Document",
    "tag": "Tag",
}
ORDER_LABELS = {
    "document": "Document, then position in it",
    "date": "Date of the article",
    "speaker": "Speaker's name",
}
# Spreadsheets and JSON carry every field of a quote in its own column or key.
ALL_FIELDS_FORMATS = ("csv", "json")
_SETTINGS = "export"


@dataclass(frozen=True)
class ExportRequest:
    """What the user asks to export: the options, and which quotes."""

    options: ExportOptions
    scope: str  # one of SCOPES
    tag: str | None = None  # the tag's name when scope is "tag"


PathChooser = Callable[[str, str], str | None]  # (suggested path, format) -> path or None
Confirm = Callable[[str], bool]  # (path) -> replace it?


def file_name(title: str, fmt: str) -> str:
    """A file name from an export's title: what no file system accepts is dropped."""
    stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", title)
    stem = " ".join(stem.split()).strip(" .") or "quotes"
    return stem[:120] + SUFFIXES[fmt]


class ExportDialog(QDialog):
    previewRequested = Signal(object)  # ExportRequest
    exportRequested = Signal(object, str)  # ExportRequest, the file's path
    copyRequested = Signal(object)  # ExportRequest
    cancelRequested = Signal()  # stop the export or copy that is running

    def __init__(
        self,
        settings: QSettings | None = None,
        selected: int = 0,
        listed: int = 0,
        tags: Sequence[Tag] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export Quotes")
        self.settings = settings
        self.choose_path: PathChooser = self._ask_path
        self.confirm_replace: Confirm = self._ask_replace
        self.html = ""  # the preview's source, as the window rendered it
        self._busy = False
        self._total: int | None = None  # quotes the current choice exports, once known
        self._restoring = True  # signals of the widgets being filled ask for nothing
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit_preview)
        self._build()
        restored_tag = self._restore()
        self.set_tags(tags)
        _choose(self.tag_combo, restored_tag)
        self.set_counts(selected, listed)
        self._restoring = False
        self._update_enabled()

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        options = QWidget(self)
        column = QVBoxLayout(options)
        column.setContentsMargins(0, 0, 6, 0)
        column.addWidget(self._build_scope())
        column.addWidget(self._build_format())
        column.addWidget(self._build_arrangement())
        column.addWidget(self._build_contents())
        column.addStretch(1)

        preview = QWidget(self)
        right = QVBoxLayout(preview)
        right.setContentsMargins(6, 0, 0, 0)
        self.preview_label = QLabel("Preview", preview)
        self.preview_label.setObjectName("previewLabel")
        self.preview = QTextBrowser(preview)
        self.preview.setObjectName("exportPreview")
        self.preview.setOpenLinks(False)
        self.preview.document().setDocumentMargin(18)
        # The preview looks like the page it stands for, whatever the colour scheme.
        self.preview.setStyleSheet("QTextBrowser { background: white; color: #1b1b1b; }")
        right.addWidget(self.preview_label)
        right.addWidget(self.preview, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("exportSplitter")
        self.splitter.addWidget(options)
        self.splitter.addWidget(preview)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("exportStatus")
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("exportProgress")
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)  # the label beside it counts the quotes
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Stop; nothing is written")
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.cancel_button.hide()
        self.copy_button = QPushButton("Copy", self)
        self.copy_button.setObjectName("copyButton")
        self.copy_button.setToolTip(
            "Copy every chosen quote as formatted and as plain text, to paste into a word "
            "processor or an e-mail"
        )
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(lambda: self.copyRequested.emit(self.request()))
        self.export_button = QPushButton("Export…", self)
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self._export_clicked)
        self.close_button = QPushButton("Close", self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)

        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.progress)
        buttons.addWidget(self.cancel_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(buttons)

    def _build_scope(self) -> QGroupBox:
        box = QGroupBox("Quotes", self)
        layout = QVBoxLayout(box)
        self.scope_group = QButtonGroup(box)
        self.scope_buttons: dict[str, QRadioButton] = {}
        for scope in SCOPES:
            button = QRadioButton(box)
            button.setObjectName(f"scope_{scope}")
            self.scope_group.addButton(button)
            self.scope_buttons[scope] = button
            button.toggled.connect(self._changed)
        self.scope_buttons["selected"].setToolTip("The quotes selected in the quotes pane")
        self.scope_buttons["listed"].setToolTip(
            "Every quote the quotes pane lists: the current search and filters"
        )
        self.scope_buttons["tag"].setText("Tagged")
        self.tag_combo = QComboBox(box)
        self.tag_combo.setObjectName("tagCombo")
        self.tag_combo.currentIndexChanged.connect(self._tag_chosen)
        tagged = QHBoxLayout()
        tagged.addWidget(self.scope_buttons["tag"])
        tagged.addWidget(self.tag_combo, 1)
        layout.addWidget(self.scope_buttons["selected"])
        layout.addWidget(self.scope_buttons["listed"])
        layout.addLayout(tagged)
        return box

    def _build_format(self) -> QGroupBox:
        box = QGroupBox("File", self)
        form = QFormLayout(box)
        self.format_combo = QComboBox(box)
        self.format_combo.setObjectName("formatCombo")
        for fmt in FORMATS:
            self.format_combo.addItem(FORMAT_NAMES[fmt], fmt)
        self.format_combo.currentIndexChanged.connect(self._changed)
        self.title_edit = QLineEdit(box)
        self.title_edit.setObjectName("titleEdit")
        self.title_edit.setPlaceholderText("Quotes")
        self.title_edit.textChanged.connect(self._changed)
        self.format_hint = QLabel(box)
        self.format_hint.setObjectName("formatHint")
        self.format_hint.setWordWrap(True)
        self.format_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        form.addRow("&Format:", self.format_combo)
        form.addRow("", self.format_hint)
        form.addRow("&Title:", self.title_edit)
        return box

    def _build_arrangement(self) -> QGroupBox:
        box = QGroupBox("Arrangement", self)
        form = QFormLayout(box)
        self.group_combo = _combo(box, "groupCombo", GROUP_LABELS, GROUPINGS)
        self.order_combo = _combo(box, "orderCombo", ORDER_LABELS, ORDERS)
        self.style_combo = _combo(box, "styleCombo", {k: v[0] for k, v in STYLES.items()}, STYLES)
        for combo in (self.group_combo, self.order_combo, self.style_combo):
            combo.currentIndexChanged.connect(self._changed)
        form.addRow("&Group by:", self.group_combo)
        form.addRow("&Order by:", self.order_combo)
        form.addRow("&Citation style:", self.style_combo)
        return box

    def _build_contents(self) -> QGroupBox:
        box = QGroupBox("With each quote", self)
        layout = QVBoxLayout(box)
        self.role_check = QCheckBox("Speaker's &role", box)
        self.source_check = QCheckBox("&Source line (citation)", box)
        self.path_check = QCheckBox("File &path in the source line", box)
        self.path_check.setToolTip("Where the article is on this computer, when it has no URL")
        self.tags_check = QCheckBox("&Tags", box)
        self.note_check = QCheckBox("&Note", box)
        self.context_check = QCheckBox("Sentence &before and after", box)
        self.context_check.setToolTip("The quote's context in the article")
        for check in self._checks():
            check.toggled.connect(self._changed)
            if check is self.path_check:
                # The path belongs to the source line: indented under it.
                row = QHBoxLayout()
                row.addSpacing(22)
                row.addWidget(check)
                layout.addLayout(row)
            else:
                layout.addWidget(check)
        return box

    def _checks(self) -> list[QCheckBox]:
        return [
            self.role_check,
            self.source_check,
            self.path_check,
            self.tags_check,
            self.note_check,
            self.context_check,
        ]

    # -- what the user chose -------------------------------------------------------------

    def options(self) -> ExportOptions:
        return ExportOptions(
            format=self.format_combo.currentData(),
            title=self.title_edit.text().strip() or "Quotes",
            group_by=self.group_combo.currentData(),
            order=self.order_combo.currentData(),
            style=self.style_combo.currentData(),
            role=self.role_check.isChecked(),
            source=self.source_check.isChecked(),
            path=self.path_check.isChecked(),
            tags=self.tags_check.isChecked(),
            note=self.note_check.isChecked(),
            context=self.context_check.isChecked(),
        )

    def scope(self) -> str:
        return next((s for s, b in self.scope_buttons.items() if b.isChecked()), "listed")

    def request(self) -> ExportRequest:
        scope = self.scope()
        tag = self.tag_combo.currentData() if scope == "tag" else None
        return ExportRequest(self.options(), scope, tag)

    def set_options(self, options: ExportOptions) -> None:
        _choose(self.format_combo, options.format)
        self.title_edit.setText(options.title)
        _choose(self.group_combo, options.group_by)
        _choose(self.order_combo, options.order)
        _choose(self.style_combo, options.style)
        for check, value in zip(
            self._checks(),
            (
                options.role,
                options.source,
                options.path,
                options.tags,
                options.note,
                options.context,
            ),
            strict=True,
        ):
            check.setChecked(value)

    def set_scope(self, scope: str, tag: str | None = None) -> None:
        """Choose which quotes (a scope that has none falls back to the listed quotes)."""
        if tag is not None:
            _choose(self.tag_combo, tag)
        button = self.scope_buttons.get(scope)
        no_tags = scope == "tag" and not self.tag_combo.count()
        if button is None or not button.isEnabled() or no_tags:
            button = self.scope_buttons["listed"]
        button.setChecked(True)

    # -- what the window tells -----------------------------------------------------------

    def set_counts(self, selected: int, listed: int) -> None:
        """How many quotes are selected and listed in the window now."""
        selected_button = self.scope_buttons["selected"]
        selected_button.setText(f"Selected quotes ({selected:,})")
        selected_button.setEnabled(selected > 0)
        self.scope_buttons["listed"].setText(f"All listed quotes ({listed:,})")
        lost = selected_button.isChecked() and not selected
        if lost or self.scope_group.checkedButton() is None:
            self.scope_buttons["listed"].setChecked(True)

    def set_tags(self, tags: Sequence[Tag]) -> None:
        """The archive's tags, for "Tagged …" (hidden while there are none)."""
        current = self.tag_combo.currentData()
        wanted = [(t.name, f"{t.name} ({t.quotes:,})") for t in tags]
        existing = [
            (self.tag_combo.itemData(n), self.tag_combo.itemText(n))
            for n in range(self.tag_combo.count())
        ]
        if wanted != existing:
            self.tag_combo.blockSignals(True)
            self.tag_combo.clear()
            for name, label in wanted:
                self.tag_combo.addItem(label, name)
            _choose(self.tag_combo, current)
            self.tag_combo.blockSignals(False)
        for widget in (self.scope_buttons["tag"], self.tag_combo):
            widget.setVisible(bool(tags))
        gone = current is not None and self.tag_combo.currentData() != current
        if self.scope() == "tag" and (not tags or gone):
            if tags:
                self._changed()  # another tag is chosen now: show its quotes
            else:
                self.scope_buttons["listed"].setChecked(True)

    def show_preview(self, html: str, shown: int, total: int) -> None:
        self._total = total
        self.html = html
        bar = self.preview.verticalScrollBar()
        position = bar.value()
        self.preview.setHtml(html)
        bar.setValue(position)  # ticking a box must not jump back to the top
        if total == 0:
            text = "No quotes to export: choose others on the left."
        elif shown < total:
            text = f"Preview of the first {shown:,} of {total:,} quotes"
        else:
            text = f"Preview of all {total:,} quotes" if total > 1 else "Preview of the quote"
        self.preview_label.setText(text)
        self._update_enabled()

    def show_preview_error(self, message: str) -> None:
        self._total = None
        self.html = ""
        self.preview.clear()
        self.preview_label.setText(f"No preview: {message}")
        self._update_enabled()

    def set_busy(self, text: str, done: int = 0, total: int = 0) -> None:
        """An export or copy is running: show how far, and let only Cancel act."""
        self._busy = True
        self.status_label.setStyleSheet("")
        self.status_label.setText(text)
        self.progress.setRange(0, total)  # 0..0: a busy indicator until a count is known
        if total:
            self.progress.setValue(done)
        self.progress.show()
        self.cancel_button.show()
        self._update_enabled()

    def set_idle(self, message: str = "", error: bool = False) -> None:
        self._busy = False
        self.progress.hide()
        self.cancel_button.hide()
        self.status_label.setStyleSheet("color: #b3261e;" if error else "")
        self.status_label.setText(message)
        self.status_label.setToolTip(message)
        self._update_enabled()

    @property
    def busy(self) -> bool:
        return self._busy

    def schedule_preview(self) -> None:
        """Ask for a preview once the user has stopped changing things for a moment."""
        self._timer.start()

    # -- reacting ------------------------------------------------------------------------

    def _changed(self, *_args: object) -> None:
        if self._restoring:
            return
        self._update_enabled()
        self._save()
        self.preview_label.setText("Updating the preview…")
        self.schedule_preview()

    def _tag_chosen(self, *_args: object) -> None:
        if self._restoring:
            return
        if self.tag_combo.count() and not self.scope_buttons["tag"].isChecked():
            self.scope_buttons["tag"].setChecked(True)  # toggled asks for the preview
        else:
            self._changed()

    def _emit_preview(self) -> None:
        self.previewRequested.emit(self.request())

    def _update_enabled(self) -> None:
        fmt = self.format_combo.currentData()
        every_field = fmt in ALL_FIELDS_FORMATS
        for check in (self.role_check, self.source_check, self.tags_check, self.note_check):
            check.setEnabled(not every_field)
        self.path_check.setEnabled(every_field or self.source_check.isChecked())
        self.group_combo.setEnabled(fmt != "csv")
        self.format_hint.setText(_FORMAT_HINTS.get(fmt, ""))
        self.format_hint.setVisible(fmt in _FORMAT_HINTS)
        can_act = not self._busy and self._total != 0
        self.export_button.setEnabled(can_act)
        self.copy_button.setEnabled(can_act)
        self.tag_combo.setEnabled(not self._busy)

    def _export_clicked(self) -> None:
        request = self.request()
        fmt = request.options.format
        path = self.choose_path(self._suggested_path(request.options), fmt)
        if not path:
            return
        chosen = format_for(path)
        if chosen is None:
            path += SUFFIXES[fmt]
            if Path(path).exists() and not self.confirm_replace(path):
                return
        elif chosen != fmt:
            # "notes.pdf" typed with Word chosen: the name the user typed wins.
            _choose(self.format_combo, chosen)
            request = self.request()
        self._remember_folder(path)
        self.exportRequested.emit(request, path)

    def _suggested_path(self, options: ExportOptions) -> str:
        folder = self._setting("folder")
        start = Path(folder) if isinstance(folder, str) and Path(folder).is_dir() else Path.home()
        return str(start / file_name(options.title, options.format))

    def _ask_path(self, suggested: str, fmt: str) -> str | None:
        chooser = QFileDialog(self, "Export quotes", suggested)
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        chooser.setFileMode(QFileDialog.FileMode.AnyFile)
        chooser.setNameFilters([f"{FORMAT_NAMES[fmt]} (*{SUFFIXES[fmt]})", "All files (*)"])
        # Qt adds the suffix before it asks whether to replace a file, so the question is
        # asked about the file that will be written.
        chooser.setDefaultSuffix(SUFFIXES[fmt].lstrip("."))
        chooser.selectFile(Path(suggested).name)
        if chooser.exec() != QDialog.DialogCode.Accepted or not chooser.selectedFiles():
            return None
        return chooser.selectedFiles()[0]

    def _ask_replace(self, path: str) -> bool:
        answer = QMessageBox.question(
            self,
            "Replace the file?",
            f"{path} exists already. Replace it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    # -- remembering ---------------------------------------------------------------------

    def _setting(self, key: str) -> object:
        return None if self.settings is None else self.settings.value(f"{_SETTINGS}/{key}")

    def _restore(self) -> str | None:
        """Set the widgets as they were left; returns the tag that was chosen."""
        raw = self._setting("options")
        options = ExportOptions()
        if isinstance(raw, str):
            options = _options_from_json(raw) or options
        self.set_options(options)
        scope, tag = self._setting("scope"), self._setting("tag")
        if scope in SCOPES:
            self.scope_buttons[str(scope)].setChecked(True)
        geometry = self._setting("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1120, 740)
        state = self._setting("splitter")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.splitter.restoreState(state)
        else:
            self.splitter.setSizes([360, 760])
        return tag if isinstance(tag, str) else None

    def _save(self) -> None:
        if self.settings is None:
            return
        self.settings.setValue(f"{_SETTINGS}/options", json.dumps(asdict(self.options())))
        self.settings.setValue(f"{_SETTINGS}/scope", self.scope())
        tag = self.tag_combo.currentData()
        if tag is not None:
            self.settings.setValue(f"{_SETTINGS}/tag", tag)

    def _remember_folder(self, path: str) -> None:
        if self.settings is not None:
            self.settings.setValue(f"{_SETTINGS}/folder", str(Path(path).parent))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.schedule_preview()

    def hideEvent(self, event: QHideEvent) -> None:
        if self.settings is not None:
            self.settings.setValue(f"{_SETTINGS}/geometry", self.saveGeometry())
            self.settings.setValue(f"{_SETTINGS}/splitter", self.splitter.saveState())
            self._save()
        super().hideEvent(event)


_FORMAT_HINTS = {
    "csv": "One row a quote, every field in a column of its own: grouping and the greyed "
    "ticks do not apply.",
    "json": "Every field of each quote is written: the greyed ticks do not apply.",
    "md": "Plain text with light markup, for notes apps and websites.",
}


def _combo(parent: QWidget, name: str, labels: dict[str, str], keys: Sequence[str]) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName(name)
    for key in keys:
        combo.addItem(labels[key], key)
    return combo


def _choose(combo: QComboBox, key: object) -> None:
    index = combo.findData(key)
    if index >= 0:
        combo.setCurrentIndex(index)


def _options_from_json(raw: str) -> ExportOptions | None:
    """Options saved by an earlier run: anything unknown or of the wrong type is dropped,
    so a settings file from another version never breaks the dialog."""
    try:
        saved = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(saved, dict):
        return None
    defaults = ExportOptions()
    allowed = {
        "format": FORMATS,
        "group_by": GROUPINGS,
        "order": ORDERS,
        "style": tuple(STYLES),
    }
    values = {}
    for field in fields(ExportOptions):
        value = saved.get(field.name)
        if not isinstance(value, type(getattr(defaults, field.name))):
            continue
        if field.name in allowed and value not in allowed[field.name]:
            continue
        values[field.name] = value
    return ExportOptions(**values)
