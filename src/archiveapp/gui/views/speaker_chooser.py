"""Asks who said a quote: a name completed from the archive's speakers, and a role that
fills in from the speaker picked."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

NAME_ROLE = Qt.ItemDataRole.UserRole + 1  # what the completer matches and inserts


def _clean(text: str) -> str:
    return " ".join(text.split())


class SpeakerChooser(QDialog):
    def __init__(
        self,
        speakers: Sequence[tuple[str, str | None]],
        name: str = "",
        role: str | None = None,
        *,
        title: str = "Change speaker",
        prompt: str = "Who said it?",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("speakerChooser")
        self.setWindowTitle(title)
        self._known: dict[str, tuple[str, str | None]] = {}  # casefolded -> (name, role)
        for known, known_role in speakers:
            key = _clean(known).casefold()
            if key and not (key in self._known and self._known[key][1]):
                self._known[key] = (_clean(known), known_role or None)
        # The role came from a known speaker's name, not from the user: a new name may
        # replace it. Once the user types a role, it is theirs.
        self._role_filled = False
        self._role_typed = False

        heading = QLabel(prompt, self)
        heading.setObjectName("speakerPrompt")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.name_edit = QLineEdit(name, self)
        self.name_edit.setObjectName("speakerName")
        self.name_edit.setPlaceholderText("A known speaker, or a new name")
        self.name_edit.setClearButtonEnabled(True)
        self.name_edit.setCompleter(self._make_completer())
        self.role_edit = QLineEdit(role or "", self)
        self.role_edit.setObjectName("speakerRole")
        self.role_edit.setPlaceholderText("optional, e.g. chief engineer")
        self.role_edit.textEdited.connect(self._on_role_typed)
        form = QFormLayout()
        form.addRow("&Name:", self.name_edit)
        form.addRow("&Role:", self.role_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 34)

        # textChanged also sees a name the completer inserts.
        self.name_edit.textChanged.connect(self._on_name_changed)
        self._update_ok()
        self.name_edit.selectAll()
        self.name_edit.setFocus()

    def _make_completer(self) -> QCompleter:
        model = QStandardItemModel(self)
        for known, known_role in self._known.values():
            # The popup shows the role beside the name; only the name is matched and put in.
            item = QStandardItem(f"{known}  —  {known_role}" if known_role else known)
            item.setData(known, NAME_ROLE)
            item.setEditable(False)
            model.appendRow(item)
        completer = QCompleter(model, self)
        completer.setCompletionRole(NAME_ROLE)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        return completer

    # -- reacting ------------------------------------------------------------------------

    def _on_role_typed(self, _text: str) -> None:
        self._role_typed = True

    def _on_name_changed(self, text: str) -> None:
        self._update_ok()
        if self._role_typed:
            return
        key = _clean(text).casefold()
        if key in self._known:
            self.role_edit.setText(self._known[key][1] or "")
            self._role_filled = True
        elif self._role_filled:
            self.role_edit.clear()
            self._role_filled = False

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(_clean(self.name_edit.text())))

    # -- the answer ----------------------------------------------------------------------

    def chosen(self) -> tuple[str, str | None]:
        """The name and the role (None when left empty), spaces tidied. A known speaker's
        name typed in other letter case comes back spelled as the archive has it, so
        "ilse marchetti" does not start a second person."""
        name = _clean(self.name_edit.text())
        known = self._known.get(name.casefold())
        return (known[0] if known else name), _clean(self.role_edit.text()) or None
