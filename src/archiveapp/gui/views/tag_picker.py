"""A keyboard-first popup that tags the selected quotes: type to filter, Enter to apply,
1–9 for the most-used tags, Escape to leave.

It knows only the tags and which of them the selection carries; it emits what the user
chose and closes. One choice per opening: the window opens a fresh picker for the next.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.model import Tag
from .colours import tag_swatch

KEY, NAME, COUNT = range(3)  # columns of the list
KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "tag" or "create"
TAG_ROLE = Qt.ItemDataRole.UserRole + 2  # the tag name the row applies
QUICK_KEYS = 9
VISIBLE_ROWS = 12
_NAVIGATION = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}
_ENTER = {Qt.Key.Key_Return, Qt.Key.Key_Enter}


def clean_tag_name(text: str) -> str:
    """Trimmed, with inner runs of spaces made one, so "foo  bar" cannot shadow "foo bar"."""
    return " ".join(text.split())


def tag_name_problem(name: str) -> str | None:
    """Why ``name`` (already cleaned) cannot be a tag, or None when it can."""
    if not name:
        return "A tag needs a name"
    if "," in name:
        # Tags are listed comma-separated (the command line, exports): one would split.
        return "A tag name cannot contain a comma"
    return None


class TagPicker(QDialog):
    tagChosen = Signal(str, bool)  # tag name, True to add it to every selected quote

    def __init__(
        self,
        tags: Sequence[Tag],
        all_have: Collection[str] = (),
        some_have: Collection[str] = (),
        *,
        quotes: int = 1,
        parent: QWidget | None = None,
    ) -> None:
        # A frameless dialog rather than a Qt popup: a popup grabs mouse and keyboard, which
        # some platforms (offscreen, some Wayland compositors) refuse with a warning. It
        # still closes like a popup, when another window takes the focus.
        super().__init__(parent, Qt.WindowType.Dialog | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("tagPicker")
        self._tags = sorted(tags, key=lambda t: (-t.quotes, t.name.casefold()))
        self._all = set(all_have)
        self._some = set(some_have) - self._all
        self._quotes = quotes

        frame = QFrame(self)
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        title = QLabel("Tag this quote" if quotes == 1 else f"Tag {quotes} quotes", frame)
        bold = QFont(title.font())
        bold.setBold(True)
        title.setFont(bold)
        self.filter = QLineEdit(frame)
        self.filter.setObjectName("tagFilter")
        self.filter.setPlaceholderText("Find or create a tag…")
        self.filter.setToolTip(
            "Type to narrow the list; ↑ ↓ choose, Enter applies.\n"
            "With the field empty, 1–9 apply the numbered tags\n"
            "(type a space first to start a name with a digit)."
        )
        self.filter.installEventFilter(self)
        self.filter.textChanged.connect(self._refill)
        self.list = self._make_list(frame)
        hint = QLabel("Enter adds or removes · 1–9 quick pick · Esc closes", frame)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        inner = QVBoxLayout(frame)
        inner.setContentsMargins(8, 6, 8, 6)
        inner.setSpacing(5)
        inner.addWidget(title)
        inner.addWidget(self.filter)
        inner.addWidget(self.list, 1)
        inner.addWidget(hint)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self._refill()
        self.filter.setFocus()

    def _make_list(self, parent: QWidget) -> QTreeWidget:
        view = QTreeWidget(parent)
        view.setObjectName("tagList")
        view.setColumnCount(3)
        view.setHeaderHidden(True)
        view.setRootIsDecorated(False)
        view.setUniformRowHeights(True)
        view.setAllColumnsShowFocus(True)
        # Focus stays in the filter line; the list follows the keys it forwards.
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COUNT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(KEY, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(KEY, view.fontMetrics().horizontalAdvance("0") * 2 + 10)
        row = view.fontMetrics().height() + 8
        view.setMinimumHeight(row * min(max(len(self._tags), 4), VISIBLE_ROWS) + 6)
        view.setMinimumWidth(view.fontMetrics().horizontalAdvance("M") * 22)
        view.itemClicked.connect(self._apply)
        return view

    # -- opening -------------------------------------------------------------------------

    def open_at(self, point: QPoint) -> None:
        """Show the picker with its top-left corner at ``point`` (global), moved as little
        as needed to stay on the screen: above the point when there is no room below."""
        self.adjustSize()
        screen = QGuiApplication.screenAt(point) or self.screen()
        area = screen.availableGeometry()
        x = max(area.left(), min(point.x(), area.right() - self.width()))
        y = point.y()
        if y + self.height() > area.bottom():
            y = point.y() - self.height()
        self.move(x, max(area.top(), y))
        self.show()
        self.activateWindow()
        self.filter.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if (
            event.type() == QEvent.Type.ActivationChange
            and self.isVisible()
            and not self.isActiveWindow()
        ):
            self.reject()

    # -- the list --------------------------------------------------------------------------

    def _refill(self) -> None:
        raw = self.filter.text()
        name = clean_tag_name(raw)
        needle = name.casefold()
        self.list.clear()
        exact: QTreeWidgetItem | None = None
        for rank, tag in enumerate(self._tags):
            if needle not in tag.name.casefold():
                continue
            # Digits only work while the field is truly empty, so only then show them.
            key = str(rank + 1) if not raw and rank < QUICK_KEYS else ""
            item = self._tag_item(tag, key)
            if tag.name.casefold() == needle:
                exact = item
        if name and exact is None:
            self._create_item(name)
        elif not self._tags:
            self._note_item("No tags yet: type a name to create one")
        first = exact or next(
            (self.list.topLevelItem(i) for i in range(self.list.topLevelItemCount())),
            None,
        )
        if first is not None and first.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.list.setCurrentItem(first)

    def _tag_item(self, tag: Tag, key: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.list)
        item.setText(KEY, key)
        item.setText(NAME, tag.name)
        item.setText(COUNT, str(tag.quotes))
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        item.setData(NAME, KIND_ROLE, "tag")
        item.setData(NAME, TAG_ROLE, tag.name)
        item.setIcon(NAME, tag_swatch(tag.colour))
        if tag.name in self._all:
            state = Qt.CheckState.Checked
            who = "The quote has it" if self._quotes == 1 else "Every selected quote has it"
            tip = f"{who}: Enter removes it"
        elif tag.name in self._some:
            state = Qt.CheckState.PartiallyChecked
            tip = "Some selected quotes have it: Enter adds it to all"
        else:
            state, tip = Qt.CheckState.Unchecked, "Enter adds it"
        item.setCheckState(NAME, state)
        item.setToolTip(NAME, tip)
        item.setToolTip(COUNT, f"{tag.quotes} quotes carry it")
        item.setTextAlignment(COUNT, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setTextAlignment(KEY, Qt.AlignmentFlag.AlignCenter)
        faint = self.palette().color(QPalette.ColorRole.PlaceholderText)
        item.setForeground(COUNT, faint)
        item.setForeground(KEY, faint)
        if key:
            item.setToolTip(KEY, f"Press {key} to apply")
        return item

    def _create_item(self, name: str) -> None:
        problem = tag_name_problem(name)
        if problem:
            self._note_item(problem)
            return
        item = QTreeWidgetItem(self.list)
        item.setText(KEY, "+")
        item.setTextAlignment(KEY, Qt.AlignmentFlag.AlignCenter)
        item.setText(NAME, f'Create tag "{name}"')
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        item.setData(NAME, KIND_ROLE, "create")
        item.setData(NAME, TAG_ROLE, name)
        item.setToolTip(NAME, "A new tag, added to the selected quotes")

    def _note_item(self, text: str) -> None:
        """A row that explains rather than acts: not selectable, greyed."""
        item = QTreeWidgetItem(self.list)
        item.setText(KEY, text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        item.setFirstColumnSpanned(True)

    # -- choosing --------------------------------------------------------------------------

    def _apply(self, item: QTreeWidgetItem | None) -> None:
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return
        name = str(item.data(NAME, TAG_ROLE))
        add = not (item.data(NAME, KIND_ROLE) == "tag" and name in self._all)
        self.tagChosen.emit(name, add)
        self.accept()

    def _quick(self, digit: int) -> QTreeWidgetItem | None:
        """The row of the digit's tag; with the field empty, rows are the tags in order."""
        if digit > min(QUICK_KEYS, len(self._tags)):
            return None
        return self.list.topLevelItem(digit - 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.filter or event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        assert isinstance(event, QKeyEvent)
        key = event.key()
        if key in _NAVIGATION:
            QApplication.sendEvent(self.list, event)
            return True
        if key in _ENTER:
            self._apply(self.list.currentItem())
            return True
        text = event.text()
        if not self.filter.text() and len(text) == 1 and text in "123456789":
            item = self._quick(int(text))
            if item is not None:
                self._apply(item)
                return True
        return super().eventFilter(watched, event)
