"""The question asked before the window switches an archive's search engine: what the
switch costs (the index is rebuilt) and what it leaves alone (the files, the annotations)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ..models.text import plural


class EngineQuestion(QMessageBox):
    """A modal question "search ``archive`` with ``engine`` (a display name)?";
    ``switch_button`` is the answer that switches."""

    def __init__(
        self, parent: QWidget | None, engine: str, archive: str, documents: int, indexing: bool
    ) -> None:
        super().__init__(parent)
        self.setObjectName("engineQuestion")
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle("Switch Search Engine")
        self.setText(f"Switch “{archive}” to the {engine} search engine?")
        lines = [
            f"The search index is rebuilt for {engine} from the "
            f"{plural(documents, 'article')} already stored: no file is read again, and "
            "your tags, notes and corrections are not touched.",
            "A large archive takes a while; until the rebuild is done, searches may find "
            "only part of it. The archive remembers the choice.",
        ]
        if indexing:
            lines.append("The indexing under way stops first; the rebuild reads what it left.")
        self.setInformativeText("\n\n".join(lines))
        self.switch_button = self.addButton(
            f"Rebuild with {engine}", QMessageBox.ButtonRole.AcceptRole
        )
        self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.switch_button)

    def switch_chosen(self) -> bool:
        """Ask (modal); whether the user chose to switch."""
        self.exec()
        return self.clickedButton() is self.switch_button
