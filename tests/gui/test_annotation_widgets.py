"""The widgets for the user's annotations, driven by keys and clicks as a user would: the
tag picker, the speaker chooser, the note editor and the orphans dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget

from archiveapp.core.model import Annotation, Tag
from archiveapp.gui.views.note_editor import NoteEditor
from archiveapp.gui.views.orphans import OrphansDialog
from archiveapp.gui.views.speaker_chooser import SpeakerChooser
from archiveapp.gui.views.tag_picker import KEY, NAME, TagPicker

pytestmark = pytest.mark.gui

# The completer's popup asks the offscreen platform to raise it and grab the keyboard,
# which that platform cannot do and says so; a real desktop does both.
offscreen_popup = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")

# Most-used first: economy, climate, housing, to verify, strong claim, health, migration,
# energy prices, local politics, follow up, eco.
TAGS = [
    Tag(1, "climate", "#ee6677", 33),
    Tag(2, "economy", "#4477aa", 41),
    Tag(3, "housing", "#228833", 28),
    Tag(4, "to verify", "#ccbb44", 20),
    Tag(5, "strong claim", "#66ccee", 17),
    Tag(6, "health", "#aa3377", 12),
    Tag(7, "migration", None, 9),
    Tag(8, "energy prices", "#ee8866", 7),
    Tag(9, "local politics", "#44bb99", 5),
    Tag(10, "follow up", "#ffaabb", 3),
    Tag(11, "eco", "#bbcc33", 2),
]


@pytest.fixture
def picker(qtbot) -> TagPicker:
    picker = TagPicker(TAGS, {"climate", "to verify"}, {"housing", "economy"}, quotes=3)
    qtbot.addWidget(picker)
    picker.open_at(QPoint(40, 40))
    return picker


def rows(picker: TagPicker) -> list[str]:
    return [picker.list.topLevelItem(i).text(NAME) for i in range(picker.list.topLevelItemCount())]


def press(qtbot, picker: TagPicker, key: Qt.Key) -> tuple[str, bool]:
    with qtbot.waitSignal(picker.tagChosen, timeout=1000) as blocker:
        qtbot.keyClick(picker.filter, key)
    return tuple(blocker.args)  # type: ignore[return-value]


# -- tag picker ----------------------------------------------------------------------------


def test_tags_are_listed_most_used_first_with_digits_for_nine(picker: TagPicker) -> None:
    assert rows(picker)[:3] == ["economy", "climate", "housing"]
    keys = [picker.list.topLevelItem(i).text(KEY) for i in range(picker.list.topLevelItemCount())]
    assert keys == [str(n) for n in range(1, 10)] + ["", ""]


def test_typing_filters_and_enter_applies(qtbot, picker: TagPicker) -> None:
    qtbot.keyClicks(picker.filter, "PRIC")  # case-insensitive, anywhere in the name
    assert rows(picker)[0] == "energy prices"
    assert press(qtbot, picker, Qt.Key.Key_Return) == ("energy prices", True)
    assert not picker.isVisible()


def test_arrow_keys_move_in_the_list_while_typing(qtbot, picker: TagPicker) -> None:
    qtbot.keyClicks(picker.filter, "on")  # economy, strong claim, migration, local politics
    qtbot.keyClick(picker.filter, Qt.Key.Key_Down)
    qtbot.keyClick(picker.filter, Qt.Key.Key_Down)
    qtbot.keyClick(picker.filter, Qt.Key.Key_Down)
    qtbot.keyClick(picker.filter, Qt.Key.Key_Up)
    assert picker.filter.text() == "on"
    assert press(qtbot, picker, Qt.Key.Key_Enter) == ("migration", True)


def test_an_exact_name_wins_over_a_more_used_match(qtbot, picker: TagPicker) -> None:
    qtbot.keyClicks(picker.filter, "Eco")
    assert rows(picker) == ["economy", "eco"]  # no Create row: "eco" exists
    assert press(qtbot, picker, Qt.Key.Key_Return) == ("eco", True)


def test_enter_on_unknown_text_creates_a_tag(qtbot, picker: TagPicker) -> None:
    qtbot.keyClicks(picker.filter, "  brexit   vote ")
    assert rows(picker) == ['Create tag "brexit vote"']
    assert press(qtbot, picker, Qt.Key.Key_Return) == ("brexit vote", True)


def test_a_part_of_a_name_can_still_become_a_new_tag(qtbot, picker: TagPicker) -> None:
    qtbot.keyClicks(picker.filter, "heal")
    assert rows(picker) == ["health", 'Create tag "heal"']
    qtbot.keyClick(picker.filter, Qt.Key.Key_Down)
    assert press(qtbot, picker, Qt.Key.Key_Return) == ("heal", True)


def test_a_comma_is_refused_and_said_why(qtbot, picker: TagPicker) -> None:
    qtbot.keyClicks(picker.filter, "war, peace")
    item = picker.list.topLevelItem(0)
    assert "comma" in item.text(KEY)
    assert not item.flags() & Qt.ItemFlag.ItemIsEnabled
    with qtbot.assertNotEmitted(picker.tagChosen):
        qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert picker.isVisible()


def test_blank_text_creates_nothing(qtbot, picker: TagPicker) -> None:
    qtbot.keyClicks(picker.filter, "   ")
    assert "Create" not in " ".join(rows(picker))
    assert len(rows(picker)) == len(TAGS)


def test_digits_apply_the_most_used_tags(qtbot, picker: TagPicker) -> None:
    assert press(qtbot, picker, Qt.Key.Key_3) == ("housing", True)


def test_digits_type_once_the_filter_has_text(qtbot, picker: TagPicker) -> None:
    with qtbot.assertNotEmitted(picker.tagChosen):
        qtbot.keyClicks(picker.filter, " 2025")
    assert picker.filter.text() == " 2025"
    assert rows(picker) == ['Create tag "2025"']
    assert press(qtbot, picker, Qt.Key.Key_Return) == ("2025", True)


def test_check_states_show_all_and_some(picker: TagPicker) -> None:
    states = {
        picker.list.topLevelItem(i).text(NAME): picker.list.topLevelItem(i).checkState(NAME)
        for i in range(picker.list.topLevelItemCount())
    }
    assert states["climate"] == Qt.CheckState.Checked
    assert states["economy"] == Qt.CheckState.PartiallyChecked
    assert states["health"] == Qt.CheckState.Unchecked


def test_a_tag_all_carry_is_removed_and_one_some_carry_is_added(qtbot) -> None:
    for typed, expected in (("to verify", ("to verify", False)), ("housing", ("housing", True))):
        picker = TagPicker(TAGS, {"to verify"}, {"housing"}, quotes=2)
        qtbot.addWidget(picker)
        picker.open_at(QPoint(0, 0))
        qtbot.keyClicks(picker.filter, typed)
        assert press(qtbot, picker, Qt.Key.Key_Return) == expected


def test_a_click_applies_the_tag(qtbot, picker: TagPicker) -> None:
    item = picker.list.topLevelItem(1)  # climate, which all carry
    centre = picker.list.visualItemRect(item).center()
    with qtbot.waitSignal(picker.tagChosen, timeout=1000) as blocker:
        qtbot.mouseClick(picker.list.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert blocker.args == ["climate", False]


def test_escape_closes_without_a_choice(qtbot, picker: TagPicker) -> None:
    qtbot.keyClicks(picker.filter, "clim")
    with qtbot.assertNotEmitted(picker.tagChosen):
        qtbot.keyClick(picker.filter, Qt.Key.Key_Escape)
    assert not picker.isVisible()


def test_without_tags_the_list_says_how_to_start(qtbot) -> None:
    picker = TagPicker([], quotes=1)
    qtbot.addWidget(picker)
    picker.open_at(QPoint(0, 0))
    assert "type a name" in picker.list.topLevelItem(0).text(KEY)
    with qtbot.assertNotEmitted(picker.tagChosen):
        qtbot.keyClick(picker.filter, Qt.Key.Key_1)
    assert picker.filter.text() == "1"
    assert press(qtbot, picker, Qt.Key.Key_Return) == ("1", True)


# -- speaker chooser -------------------------------------------------------------------------

SPEAKERS = [
    ("Ilse Marchetti", "chief engineer"),
    ("Tomasz Reyes", "fisherman"),
    ("Pia Lund", None),
    ("Marta Ilic", "mayor"),
]


@pytest.fixture
def chooser(qtbot) -> SpeakerChooser:
    chooser = SpeakerChooser(SPEAKERS, "Pia Lund", None, title="Add quote")
    qtbot.addWidget(chooser)
    chooser.show()
    return chooser


def ok_button(chooser: SpeakerChooser):
    return chooser.buttons.button(QDialogButtonBox.StandardButton.Ok)


@offscreen_popup
def test_the_completer_matches_anywhere_and_fills_the_role(qtbot, chooser: SpeakerChooser) -> None:
    assert chooser.windowTitle() == "Add quote"
    chooser.name_edit.clear()
    qtbot.keyClicks(chooser.name_edit, "ARCH")
    completer = chooser.name_edit.completer()
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible)
    shown = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert shown == ["Ilse Marchetti  —  chief engineer"]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert chooser.name_edit.text() == "Ilse Marchetti"
    assert chooser.role_edit.text() == "chief engineer"
    assert chooser.chosen() == ("Ilse Marchetti", "chief engineer")


@offscreen_popup
def test_a_new_name_clears_a_filled_role_but_keeps_a_typed_one(
    qtbot, chooser: SpeakerChooser
) -> None:
    chooser.name_edit.clear()
    qtbot.keyClicks(chooser.name_edit, "tomasz reyes")
    assert chooser.role_edit.text() == "fisherman"
    assert chooser.chosen() == ("Tomasz Reyes", "fisherman")  # the archive's spelling
    qtbot.keyClicks(chooser.name_edit, " jr")
    assert chooser.role_edit.text() == ""
    qtbot.keyClicks(chooser.role_edit, "harbour master")
    chooser.name_edit.clear()
    qtbot.keyClicks(chooser.name_edit, "Marta Ilic")
    assert chooser.chosen() == ("Marta Ilic", "harbour master")


@offscreen_popup
def test_ok_is_disabled_while_the_name_is_empty(qtbot, chooser: SpeakerChooser) -> None:
    assert ok_button(chooser).isEnabled()
    chooser.name_edit.selectAll()
    qtbot.keyClick(chooser.name_edit, Qt.Key.Key_Delete)
    assert not ok_button(chooser).isEnabled()
    qtbot.keyClicks(chooser.name_edit, "   ")
    assert not ok_button(chooser).isEnabled()
    qtbot.keyClicks(chooser.name_edit, "Nadia  Berg ")
    assert ok_button(chooser).isEnabled()
    assert chooser.chosen() == ("Nadia Berg", None)


def test_the_current_speaker_and_prompt_are_shown(qtbot) -> None:
    chooser = SpeakerChooser(SPEAKERS, "Ilse Marchetti", "engineer", prompt="Whose words?")
    qtbot.addWidget(chooser)
    assert chooser.windowTitle() == "Change speaker"
    assert chooser.findChild(QLabel, "speakerPrompt").text() == "Whose words?"
    assert chooser.chosen() == ("Ilse Marchetti", "engineer")  # the given role, kept


# -- note editor ---------------------------------------------------------------------------


class Form(QWidget):
    """A note editor beside another field, so focus has somewhere to go."""

    def __init__(self) -> None:
        super().__init__()
        self.editor = NoteEditor(self, pause_ms=10_000)  # only focus or a switch emits
        self.other = QLineEdit(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        layout.addWidget(self.other)


@pytest.fixture
def form(qtbot) -> Form:
    form = Form()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    return form


def test_a_pause_in_typing_emits_the_note(qtbot) -> None:
    editor = NoteEditor(pause_ms=50)
    qtbot.addWidget(editor)
    editor.show()
    editor.set_quote("q1", "first")
    qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(editor.noteEdited, timeout=2000) as blocker:
        qtbot.keyClicks(editor, " thought  ")
    assert blocker.args == ["q1", "first thought"]


def test_leaving_the_field_emits_the_note(qtbot, form: Form) -> None:
    editor, other = form.editor, form.other
    editor.set_quote("q1", "")
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    qtbot.keyClicks(editor, "check the minutes")
    with qtbot.waitSignal(editor.noteEdited, timeout=1000) as blocker:
        other.setFocus()
    assert blocker.args == ["q1", "check the minutes"]


def test_switching_quotes_emits_the_note_of_the_one_left(qtbot, form: Form) -> None:
    editor = form.editor
    editor.set_quote("q1", "old")
    qtbot.keyClicks(editor, "er")
    with qtbot.waitSignal(editor.noteEdited, timeout=1000) as blocker:
        editor.set_quote("q2", "another note")
    assert blocker.args == ["q1", "older"]
    assert editor.toPlainText() == "another note"


def test_text_set_by_code_or_unchanged_is_never_emitted(qtbot) -> None:
    editor = NoteEditor(pause_ms=20)
    qtbot.addWidget(editor)
    editor.show()
    with qtbot.assertNotEmitted(editor.noteEdited, wait=200):
        editor.set_quote("q1", "kept")
        editor.set_quote("q2", "also kept")
        qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(editor, "x")
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)
        qtbot.keyClicks(editor, "  ")
        qtbot.keyClick(editor, Qt.Key.Key_Return)  # trailing whitespace only
        editor.set_quote("q3", "")
        editor.flush()


def test_no_quote_disables_the_field(qtbot) -> None:
    editor = NoteEditor()
    qtbot.addWidget(editor)
    assert not editor.isEnabled()
    editor.set_quote("q1", "n")
    assert editor.isEnabled()
    assert editor.placeholderText() == "Note on this quote…"
    editor.set_quote(None, "")
    assert not editor.isEnabled()
    assert editor.quote_id is None


def test_a_refresh_of_the_same_quote_keeps_what_is_being_typed(qtbot) -> None:
    editor = NoteEditor(pause_ms=50)
    qtbot.addWidget(editor)
    editor.set_quote("q1", "draft")
    qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, " two")
    with qtbot.waitSignal(editor.noteEdited, timeout=2000) as blocker:
        editor.set_quote("q1", "draft")  # the window reloaded the row meanwhile
    assert editor.toPlainText() == "draft two"
    assert blocker.args == ["q1", "draft two"]


# -- orphans dialog ------------------------------------------------------------------------

ORPHANS = [
    Annotation(
        "u1",
        "harbour.txt",
        "We found cracks deep inside the stone",
        None,
        ("engineering",),
        "compare with the minutes",
        speaker_seen="Ilse Marchetti",
        modified="2025-06-12T10:23:45Z",
    ),
    Annotation("u2", "council/budget.md", "ten years of safety", None, ("climate",)),
    Annotation("u3", "web/gone.html", "the old pier did not", None, note="chapter 3"),
]


@pytest.fixture
def orphans(qtbot) -> OrphansDialog:
    dialog = OrphansDialog(ORPHANS, confirm=lambda _parent, _question: True)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def select(dialog: OrphansDialog, *rows: int) -> None:
    selection = dialog.view.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(
            dialog.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def test_re_attach_needs_a_target_and_one_orphan(qtbot, orphans: OrphansDialog) -> None:
    assert any("lost their quote" in label.text() for label in orphans.findChildren(QLabel))
    assert not orphans.reattach.isEnabled()
    select(orphans, 0)
    assert not orphans.reattach.isEnabled()  # no target yet
    orphans.set_target_quote("q9", "“Every week of work…” — Tomasz Reyes")
    assert orphans.reattach.isEnabled()
    assert "Tomasz Reyes" in orphans.target.text()
    select(orphans, 0, 2)
    assert not orphans.reattach.isEnabled()
    select(orphans, 2)
    with qtbot.waitSignal(orphans.reattachRequested, timeout=1000) as blocker:
        qtbot.mouseClick(orphans.reattach, Qt.MouseButton.LeftButton)
    assert blocker.args == ["u3", "q9"]
    orphans.set_target_quote(None)
    assert not orphans.reattach.isEnabled()


def test_delete_asks_first_naming_how_many(qtbot) -> None:
    asked: list[str] = []
    answer = [False]

    def confirm(_parent: QWidget, question: str) -> bool:
        asked.append(question)
        return answer[0]

    dialog = OrphansDialog(ORPHANS, confirm=confirm)
    qtbot.addWidget(dialog)
    assert not dialog.delete.isEnabled()
    select(dialog, 0, 2)
    assert dialog.delete.isEnabled()
    with qtbot.assertNotEmitted(dialog.deleteRequested):
        qtbot.mouseClick(dialog.delete, Qt.MouseButton.LeftButton)
    assert "2 orphaned annotations" in asked[0] and "tags and notes" in asked[0]
    answer[0] = True
    with qtbot.waitSignal(dialog.deleteRequested, timeout=1000) as blocker:
        qtbot.mouseClick(dialog.delete, Qt.MouseButton.LeftButton)
    assert blocker.args == [["u1", "u3"]]


def test_delete_confirms_with_a_message_box_by_default(qtbot, monkeypatch) -> None:
    questions: list[str] = []

    def warning(_parent, _title, text, *_args):
        questions.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "warning", warning)
    dialog = OrphansDialog(ORPHANS)
    qtbot.addWidget(dialog)
    select(dialog, 1)
    with qtbot.waitSignal(dialog.deleteRequested, timeout=1000) as blocker:
        qtbot.mouseClick(dialog.delete, Qt.MouseButton.LeftButton)
    assert blocker.args == [["u2"]]
    assert "this orphaned annotation" in questions[0]


def test_the_list_shows_each_orphan_and_refreshes(orphans: OrphansDialog) -> None:
    model = orphans.model
    assert model.rowCount() == 3
    assert [model.index(0, c).data() for c in range(model.columnCount())][:5] == [
        "harbour.txt",
        "We found cracks deep inside the stone",
        "engineering",
        "compare with the minutes",
        "Ilse Marchetti",
    ]
    assert model.index(0, 5).data().startswith("2025-06-1")  # local time of the UTC stamp
    assert orphans.count.text() == "3 orphaned annotations"
    select(orphans, 0)
    assert "compare with the minutes" in orphans.details.text()
    orphans.set_orphans(ORPHANS[1:2])
    assert model.rowCount() == 1
    assert orphans.count.text() == "1 orphaned annotation"
    assert not orphans.delete.isEnabled()
    orphans.set_orphans([])
    assert orphans.count.text() == "No orphaned annotations."
