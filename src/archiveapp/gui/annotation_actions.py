"""The window's side of annotations: the tags pane, the note under the quotes, the Quote
menu and context menus, the orphans list, and undo/redo. Mixed into MainWindow, beside
``WindowActions``; every change goes through ``AnnotationController``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QMenu, QStyle, QToolButton, QWidget

from ..core.annotations.changes import Change
from ..core.errors import one_line
from ..core.model import Annotation, Quote, Speaker, Tag
from .annotating import AnnotationController
from .loader import AnnotationOverview, load_annotation_overview
from .models import quotes as quote_cols
from .models import tags as tag_cols
from .models.tags import TagsModel
from .models.text import plural as _plural
from .views.asking import Asker
from .views.delegates import TagChipsDelegate
from .views.note_editor import NoteEditor
from .views.orphans import OrphansDialog
from .views.pane import Pane, PaneView
from .views.tag_picker import TagPicker

if TYPE_CHECKING:
    from ..core.annotations.exchange import ImportReport  # its reading loads with the archive


class AnnotationActions:
    """Mixed into MainWindow (which provides the panes, the focus and ``_go``)."""

    # -- building ------------------------------------------------------------------------

    def build_annotation_panes(self) -> None:
        self.tags_model = TagsModel(self)
        self.tags_view = PaneView("tagsView", self)
        self.tags_view.setModel(self.tags_model)
        self.tags_view.set_column_widths({tag_cols.QUOTES: 6}, (tag_cols.NAME,))
        self.tags_pane = Pane("Tags", self.tags_view)
        self.left_splitter.addWidget(self.tags_pane)

        self.quotes_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tag_chips = TagChipsDelegate(self.quotes_view)
        self.quotes_view.setItemDelegateForColumn(quote_cols.TAGS, self.tag_chips)
        self.quotes_view.set_column_widths({quote_cols.TAGS: 19}, ())

        self.note_editor = NoteEditor(self)
        self.note_editor.setObjectName("noteEditor")
        self.note_editor.setMaximumHeight(self.fontMetrics().height() * 4 + 14)
        self.quotes_pane.layout().addWidget(self.note_editor)

    def setup_annotations(self) -> None:
        self.ask = Asker(self)
        self.annotator = AnnotationController(self.session.runner, self)
        self.annotator.changed.connect(self._on_annotations_changed)
        self.annotator.failed.connect(lambda message: self.statusBar().showMessage(message, 8000))
        self.annotator.notice.connect(lambda message: self.statusBar().showMessage(message, 12000))
        self.annotator.changedElsewhere.connect(self._on_annotations_changed_elsewhere)
        self.session.opened.connect(lambda archive, _indexed: self.annotator.set_archive(archive))
        self.note_editor.noteEdited.connect(self._on_note_edited)
        self.tags_view.selectionModel().selectionChanged.connect(self._on_tag_selection)
        self._tags: list[Tag] = []
        self._orphans: list[Annotation] = []
        self._speaker_choices: list[tuple[str, str | None]] = []
        self._speaker_ids: dict[str, int] = {}
        self.orphans_dialog: OrphansDialog | None = None
        self.tag_picker: TagPicker | None = None
        QWidget.setTabOrder(self.speakers_view, self.tags_view)
        QWidget.setTabOrder(self.tags_view, self.quotes_view)
        self._build_annotation_actions()
        self._build_annotation_menus()
        self._build_orphans_button()
        for view, menu in (
            (self.quotes_view, self._quotes_menu),
            (self.speakers_view, self._speakers_menu),
            (self.tags_view, self._tags_menu),
            (self.viewer, self._viewer_menu),
        ):
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(
                lambda point, view=view, menu=menu: menu().exec(view.mapToGlobal(point))
            )

    def _build_annotation_actions(self) -> None:
        act = self._action
        self.tag_action = act("&Tag…", self.open_tag_picker, "Ctrl+T", "Tag the selected quotes")
        self.tag_all_action = act(
            "Tag A&ll Listed Quotes…",
            lambda: self.open_tag_picker(every_listed=True),
            "Ctrl+Shift+T",
            "Tag every quote the quotes pane lists (the current search and filters)",
        )
        self.note_action = act("Edit &Note", self.edit_note, "Ctrl+E", "Write a note on the quote")
        self.speaker_action = act(
            "Change &Speaker…", self.change_speaker, "F2", "Say who spoke the selected quotes"
        )
        self.restore_speaker_action = act(
            "&Restore Extracted Speaker", self.restore_speaker, None, "Undo your speaker choice"
        )
        self.reject_action = act(
            "Not a &Quote",
            lambda: self.set_not_a_quote(True),
            "Ctrl+Del",
            "Hide the selected quotes: they are not quotes",
        )
        self.restore_quote_action = act(
            "Restore as &Quote", lambda: self.set_not_a_quote(False), None, "Show it again"
        )
        self.add_quote_action = act(
            "&Add Quote from Selection…",
            self.add_quote_from_selection,
            "Ctrl+Shift+A",
            "Mark the words selected in the article as a quote",
        )
        self.merge_speaker_action = act("&Merge Speaker Into…", self.merge_speaker)
        self.split_speaker_action = act("S&plit Speaker…", self.split_speaker)
        self.new_tag_action = act("&New Tag…", self.new_tag)
        self.rename_tag_action = act("&Rename Tag…", self.rename_tag)
        self.tag_colour_action = act("Tag &Colour…", self.change_tag_colour)
        self.merge_tag_action = act("&Merge Tag Into…", self.merge_tag)
        self.delete_tag_action = act("&Delete Tag…", self.delete_tag)
        self.orphans_action = act("&Orphaned Annotations…", self.show_orphans)
        self.export_annotations_action = act(
            "E&xport Annotations…",
            self.export_annotations,
            None,
            "Save every tag, note and correction to a JSON file to share or keep",
        )
        self.import_annotations_action = act(
            "&Import Annotations…",
            self.import_annotations,
            None,
            "Merge tags, notes and corrections from a JSON file",
        )
        self.rejected_action = act(
            'Show Quotes Marked "Not a Quote"', self._toggle_rejected, None, "Review hidden quotes"
        )
        self.rejected_action.setCheckable(True)
        stack = self.annotator.undo_stack
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.redo_action = stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (self.undo_action, self.redo_action):
            self.addAction(action)

    def _build_annotation_menus(self) -> None:
        menus = self.menuBar()
        file = next(a.menu() for a in menus.actions() if a.text() == "&File")
        before = self.quit_action
        file.insertActions(before, [self.export_annotations_action, self.import_annotations_action])
        file.insertSeparator(before)
        edit = next(a.menu() for a in menus.actions() if a.text() == "&Edit")
        first = edit.actions()[0] if edit.actions() else None
        edit.insertActions(first, [self.undo_action, self.redo_action])
        edit.insertSeparator(first)
        quote = QMenu("&Quote", self)
        for action in (
            self.tag_action,
            self.tag_all_action,
            self.note_action,
            None,
            self.speaker_action,
            self.restore_speaker_action,
            self.reject_action,
            self.restore_quote_action,
            self.add_quote_action,
            None,
            self.merge_speaker_action,
            self.split_speaker_action,
            None,
            self.new_tag_action,
            self.orphans_action,
            self.rejected_action,
        ):
            quote.addSeparator() if action is None else quote.addAction(action)
        view = next(a for a in menus.actions() if a.text() == "&View")
        menus.insertMenu(view, quote)

    def _build_orphans_button(self) -> None:
        self.orphans_button = QToolButton(self)
        self.orphans_button.setObjectName("orphansButton")
        self.orphans_button.setAutoRaise(True)
        self.orphans_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        )
        self.orphans_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.orphans_button.setToolTip("Annotations whose quote is no longer in its article")
        self.orphans_button.clicked.connect(self.show_orphans)
        self.orphans_button.hide()
        self.statusBar().addPermanentWidget(self.orphans_button)

    # -- context menus ---------------------------------------------------------------------

    def _quotes_menu(self) -> QMenu:
        menu = QMenu(self)
        ids = self.selected_quote_ids()
        menu.addAction(self.tag_action)
        carried = sorted({t for i in ids if (q := self.quotes_model.get(i)) for t in q.tags})
        if carried:
            remove = menu.addMenu("Remove Tag")
            for name in carried:
                remove.addAction(name).triggered.connect(
                    lambda _c=False, name=name: self._apply_tag(ids, name, False)
                )
        menu.addAction(self.note_action)
        menu.addSeparator()
        menu.addAction(self.speaker_action)
        if any((q := self.quotes_model.get(i)) and q.speaker_corrected for i in ids):
            menu.addAction(self.restore_speaker_action)
        menu.addAction(self.restore_quote_action if self.focus.rejected else self.reject_action)
        return menu

    def _speakers_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.addAction(self.merge_speaker_action)
        menu.addAction(self.split_speaker_action)
        return menu

    def _tags_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.addAction(self.new_tag_action)
        if self._selected_tag() is not None:
            for action in (
                self.rename_tag_action,
                self.tag_colour_action,
                self.merge_tag_action,
                self.delete_tag_action,
            ):
                menu.addAction(action)
        return menu

    def _viewer_menu(self) -> QMenu:
        menu = self.viewer.createStandardContextMenu()
        menu.addSeparator()
        menu.addAction(self.add_quote_action)
        self.add_quote_action.setEnabled(self.viewer.textCursor().hasSelection())
        return menu

    # -- tags and notes --------------------------------------------------------------------

    def selected_quote_ids(self) -> list[str]:
        rows = sorted(index.row() for index in self.quotes_view.selectionModel().selectedRows())
        ids = [self.quotes_model.id_at(row) for row in rows]
        found = [str(i) for i in ids if i is not None]
        if not found and self.focus.quote:
            found = [self.focus.quote]
        return found

    def open_tag_picker(self, every_listed: bool = False) -> None:
        if every_listed and self.quotes_model.streaming:
            self.statusBar().showMessage("Listing the rest of the quotes first…", 4000)
            self.quotes_model.when_listed(lambda: self.open_tag_picker(every_listed=True))
            return
        ids = (
            [str(i) for i in self.quotes_model.ids()] if every_listed else self.selected_quote_ids()
        )
        if not ids:
            self.statusBar().showMessage("Select the quotes to tag first", 4000)
            return
        # Every listed quote of a long list may not have been read: the picker opens once
        # their tags are in.
        self.quotes_model.when_rows(ids, lambda rows: self._show_tag_picker(ids, rows))

    def _show_tag_picker(self, ids: list[str], rows: list[Quote]) -> None:
        carried = [set(q.tags) for q in rows]
        every = set.intersection(*carried) if carried else set()
        some = set.union(*carried) - every if carried else set()
        picker = TagPicker(self._tags, every, some, quotes=len(ids), parent=self)
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.tagChosen.connect(lambda name, add: self._apply_tag(ids, name, add))
        self.tag_picker = picker
        picker.destroyed.connect(lambda: setattr(self, "tag_picker", None))
        index = self.quotes_view.currentIndex()
        rect = self.quotes_view.visualRect(index) if index.isValid() else None
        corner = rect.bottomLeft() if rect is not None else QPoint(40, 40)
        picker.open_at(self.quotes_view.viewport().mapToGlobal(corner))

    def _apply_tag(self, ids: list[str], name: str, add: bool) -> None:
        if add:
            self.annotator.run(lambda archive: archive.annotations.tag(ids, [name]))
        else:
            self.annotator.run(lambda archive: archive.annotations.untag(ids, [name]))

    def edit_note(self) -> None:
        if self.note_editor.quote_id is None:
            self.statusBar().showMessage("Select a quote to write a note on it", 4000)
            return
        self.note_editor.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_note_edited(self, quote_id: str, text: str) -> None:
        self.annotator.run(lambda archive: archive.annotations.set_note(quote_id, text))

    def refresh_note_editor(self) -> None:
        """The note of the selected quote, and the re-attach target of the orphans list."""
        quote_id = self.focus.quote
        quote = self.quotes_model.get(quote_id) if quote_id else None
        self.note_editor.set_quote(quote.id if quote else None, quote.note if quote else "")
        if self.orphans_dialog is not None:
            label = " ".join(quote.text.split())[:80] if quote else ""
            self.orphans_dialog.set_target_quote(quote.id if quote else None, label)

    # -- corrections -----------------------------------------------------------------------

    def change_speaker(self) -> None:
        ids = self.selected_quote_ids()
        if not ids:
            self.statusBar().showMessage("Select the quotes whose speaker is wrong", 4000)
            return
        first = self.quotes_model.get(ids[0])
        prompt = "Who said it?" if len(ids) == 1 else f"Who said these {len(ids)} quotes?"
        answer = self.ask.speaker(
            "Change speaker",
            prompt,
            self._speaker_choices,
            (first.speaker or "") if first else "",
            first.speaker_role if first else None,
        )
        if answer is not None:
            name, role = answer
            self.annotator.run(lambda archive: archive.annotations.set_speaker(ids, name, role))

    def restore_speaker(self) -> None:
        ids = self.selected_quote_ids()
        if ids:
            self.annotator.run(lambda archive: archive.annotations.set_speaker(ids, None))

    def set_not_a_quote(self, flag: bool) -> None:
        ids = self.selected_quote_ids()
        if not ids:
            self.statusBar().showMessage("Select the quotes first", 4000)
            return
        self.annotator.run(lambda archive: archive.annotations.set_not_a_quote(ids, flag))

    def add_quote_from_selection(self) -> None:
        cursor = self.viewer.textCursor()
        path = self.viewer.path
        if path is None or not cursor.hasSelection():
            self.statusBar().showMessage("Select the quote's words in the article first", 4000)
            return
        start, end = self.viewer.text_offsets(cursor.selectionStart(), cursor.selectionEnd())
        answer = self.ask.speaker("Add quote", "Who said it?", self._speaker_choices)
        if answer is not None:
            name, role = answer
            self.annotator.run(
                lambda archive: archive.annotations.add_quote(path, start, end, name, role)
            )

    def _focused_speaker(self, verb: str) -> Speaker | None:
        """The speaker picked in the speakers pane, or None after telling the user."""
        speaker_id = self.focus.speaker
        speaker = self.speakers_model.get(speaker_id) if speaker_id is not None else None
        if speaker is None:
            self.statusBar().showMessage(f"Select the speaker to {verb} first", 4000)
        return speaker

    def merge_speaker(self) -> None:
        speaker = self._focused_speaker("merge")
        if speaker is None:
            return
        choices = [c for c in self._speaker_choices if c[0] != speaker.name]
        answer = self.ask.speaker(
            "Merge speaker", f"{speaker.name} is the same person as…", choices
        )
        if answer is None:
            return
        target = self._speaker_ids.get(answer[0])
        if target is None or target == speaker.id:
            self.statusBar().showMessage(
                f"{answer[0]} is not another speaker of this archive", 6000
            )
            return
        self.annotator.run(lambda archive: archive.annotations.merge_speakers([speaker.id], target))
        self._go(self.focus.with_speaker(target))

    def split_speaker(self) -> None:
        speaker = self._focused_speaker("split")
        if speaker is None:
            return
        spellings = [speaker.name, *speaker.aliases]
        if len(spellings) < 2:
            self.statusBar().showMessage(f"{speaker.name} is written only one way", 5000)
            return
        chosen = self.ask.spellings(speaker.name, spellings)
        if chosen:
            self.annotator.run(
                lambda archive: archive.annotations.split_speaker(speaker.id, chosen)
            )

    # -- tags pane -------------------------------------------------------------------------

    def _selected_tag(self) -> Tag | None:
        rows = self.tags_view.selectionModel().selectedRows()
        return self.tags_model.row_at(rows[0].row()) if rows else None

    def _on_tag_selection(self, *_args: object) -> None:
        if self._syncing:
            return
        tag = self._selected_tag()
        self._go(self.focus.with_tag(tag.name if tag else None))

    def sync_tag_selection(self) -> None:
        wanted = next((t.id for t in self._tags if t.name == self.focus.tag), None)
        selection = self.tags_view.selectionModel()
        row = self.tags_model.row_of(wanted) if wanted is not None else None
        current = selection.selectedRows()
        if row is None:
            if current:
                selection.clearSelection()
        elif not current or current[0].row() != row:
            selection.setCurrentIndex(
                self.tags_model.index(row, 0),
                selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows,
            )

    def new_tag(self) -> None:
        name = self.ask.text("New tag", "Name of the tag:")
        if name:
            self.annotator.run(lambda archive: archive.annotations.create_tag(name))

    def rename_tag(self) -> None:
        tag = self._selected_tag()
        if tag is None:
            return
        name = self.ask.text("Rename tag", "New name:", tag.name)
        if name and name != tag.name:
            self.annotator.run(lambda archive: archive.annotations.rename_tag(tag.id, name))
            if self.focus.tag == tag.name:
                self._go(self.focus.with_tag(name))

    def change_tag_colour(self) -> None:
        tag = self._selected_tag()
        if tag is None:
            return
        colour = self.ask.colour(f"Colour of {tag.name}", tag.colour)
        if colour:
            self.annotator.run(lambda archive: archive.annotations.set_tag_colour(tag.id, colour))

    def merge_tag(self) -> None:
        tag = self._selected_tag()
        if tag is None:
            return
        others = [t for t in self._tags if t.id != tag.id]
        name = self.ask.item(
            "Merge tag",
            f"Give its quotes this tag instead of {tag.name}:",
            [t.name for t in others],
        )
        target = next((t for t in others if t.name == name), None)
        if target is not None:
            self.annotator.run(lambda archive: archive.annotations.merge_tags([tag.id], target.id))
            if self.focus.tag == tag.name:
                self._go(self.focus.with_tag(target.name))

    def delete_tag(self) -> None:
        tag = self._selected_tag()
        if tag is None:
            return
        used = (
            f"It is on {tag.quotes} quote(s); they keep their other tags and notes."
            if tag.quotes
            else ""
        )
        if self.ask.confirm(
            "Delete tag", f"Delete the tag {tag.name}? {used} (Undo brings it back.)"
        ):
            self.annotator.run(lambda archive: archive.annotations.delete_tag(tag.id))
            if self.focus.tag == tag.name:
                self._go(self.focus.with_tag(None))

    def _toggle_rejected(self) -> None:
        self._go(self.focus.with_rejected(self.rejected_action.isChecked()))

    # -- orphans ---------------------------------------------------------------------------

    def show_orphans(self) -> None:
        if self.orphans_dialog is None:
            dialog = OrphansDialog(self._orphans, self)
            dialog.reattachRequested.connect(
                lambda uid, quote_id: self.annotator.run(
                    lambda archive: archive.annotations.reattach(uid, quote_id)
                )
            )
            dialog.deleteRequested.connect(
                lambda uids: self.annotator.run(lambda archive: archive.annotations.delete(uids))
            )
            self.orphans_dialog = dialog
        self.refresh_note_editor()
        self.orphans_dialog.show()
        self.orphans_dialog.raise_()

    # -- sharing ---------------------------------------------------------------------------

    def export_annotations(self) -> None:
        archive = self.session.archive
        if archive is None:
            return
        suggested = str(archive.folder.parent / f"{archive.folder.name}-annotations.json")
        path = self.ask.save_path("Export annotations", suggested, "JSON (*.json)")
        if not path:
            return

        def done(count: int) -> None:
            self.statusBar().showMessage(f"{count} annotations written to {path}", 8000)

        self.session.runner.run(
            lambda: archive.annotations.export(path), done, self._sharing_failed, lane="annotate"
        )

    def import_annotations(self) -> None:
        archive = self.session.archive
        if archive is None:
            return
        path = self.ask.open_path("Import annotations", str(archive.folder), "JSON (*.json)")
        if not path:
            return

        def done(report: ImportReport) -> None:
            lines = [
                f"{_plural(report.added, 'annotation')} added, {report.merged} merged with "
                f"yours, {report.unchanged} already here; "
                f"{_plural(report.tags_created, 'new tag')}."
            ]
            if report.conflicts:
                lines.append("\nWhere the file and this archive disagree, yours was kept:")
                lines += [f"• {c}" for c in report.conflicts[:20]]
                if len(report.conflicts) > 20:
                    lines.append(f"… and {len(report.conflicts) - 20} more")
            self._reload(force=True)
            self.ask.tell("Annotations imported", "\n".join(lines))

        self.session.runner.run(
            lambda: archive.annotations.import_(path), done, self._sharing_failed, lane="annotate"
        )

    def _sharing_failed(self, error: BaseException) -> None:
        self.statusBar().showMessage(one_line(error), 10000)

    # -- after a change --------------------------------------------------------------------

    def _on_annotations_changed(self, change: Change) -> None:
        self._reload(force=True)
        viewed = self.viewer.path
        # Speakers, added and hidden quotes show in the article; tags and notes do not.
        if viewed is not None and viewed in change.documents:
            self.session.load_document(viewed)

    def _on_annotations_changed_elsewhere(self) -> None:
        # The window's own indexer (a child process) places annotations on re-read
        # articles too: that is not news for the user.
        if not self.session.indexing:
            self.statusBar().showMessage("Annotations changed in another window", 4000)
        self._reload(force=True)
        if self.viewer.path is not None:
            self.session.load_document(self.viewer.path)

    def load_annotation_overview(self, speakers: list[Speaker] | None = None) -> None:
        archive = self.session.archive
        if archive is None:
            return

        def done(overview: AnnotationOverview) -> None:
            if archive is self.session.archive:
                self._show_overview(overview)

        self.session.runner.run(lambda: load_annotation_overview(archive, speakers), done)

    def _show_overview(self, overview: AnnotationOverview) -> None:
        self._tags = overview.tags
        self._orphans = overview.orphans
        self._speaker_choices = overview.speakers
        self._speaker_ids = overview.speaker_ids
        self.tag_chips.colours = {t.name.casefold(): t.colour for t in overview.tags}
        self.quotes_view.viewport().update()
        self._syncing = True
        try:
            self.tags_model.set_rows(overview.tags)
            self.sync_tag_selection()
        finally:
            self._syncing = False
        self.tags_pane.set_heading(f"{len(overview.tags):,}", "")
        count = len(overview.orphans)
        self.orphans_button.setText(f"{count} orphaned annotation" + ("" if count == 1 else "s"))
        self.orphans_button.setVisible(bool(count))
        if self.orphans_dialog is not None:
            self.orphans_dialog.set_orphans(overview.orphans)
