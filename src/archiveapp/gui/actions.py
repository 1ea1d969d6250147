"""The window's actions, menus and toolbar, set up on the window itself (as a Designer
``setupUi`` would), so tests and the wiring reach them as ``window.find_action`` etc."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QStyle, QToolBar

from .views.help import show_about, show_search_help


class WindowActions:
    """Mixed into MainWindow: builds its QActions, menu bar and toolbar."""

    def setup_actions(self) -> None:
        self._build_actions()
        self._build_menus()
        self._build_toolbar()

    def _action(
        self,
        text: str,
        slot,
        shortcut: QKeySequence | str | None = None,
        tip: str = "",
        icon: QStyle.StandardPixmap | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work even when the menu bar is hidden
        return action

    def _build_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.open_action = self._action(
            "&Open Folder…",
            self.choose_folder,
            QKeySequence.StandardKey.Open,
            "Open a folder of articles",
            sp.SP_DirOpenIcon,
        )
        self.sample_action = self._action("Open &Sample Archive", self.open_sample)
        self.reindex_action = self._action(
            "&Re-index", self.reindex, "F5", "Read new and changed files", sp.SP_BrowserReload
        )
        self.rebuild_action = self._action(
            "Re&build Index",
            lambda: self.reindex(rebuild=True),
            None,
            "Read every file again and rebuild the search index",
        )
        self.cancel_action = self._action(
            "&Cancel Indexing",
            self.session.cancel_indexing,
            None,
            "Stop after the current file",
            sp.SP_BrowserStop,
        )
        self.errors_action = self._action("Show &Unreadable Files…", self.show_failures)
        self.quit_action = self._action("&Quit", self.close, "Ctrl+Q")
        self.find_action = self._action(
            "&Find", self.focus_search, QKeySequence.StandardKey.Find, "Search the archive"
        )
        self.clear_action = self._action(
            "C&lear Filters",
            self.clear_filters,
            "Esc",
            "Show the whole archive again",
            sp.SP_DialogResetButton,
        )
        self.back_action = self._action(
            "&Back",
            self.go_back,
            QKeySequence.StandardKey.Back,
            "Previous selection",
            sp.SP_ArrowBack,
        )
        self.forward_action = self._action(
            "&Forward",
            self.go_forward,
            QKeySequence.StandardKey.Forward,
            "Next selection",
            sp.SP_ArrowForward,
        )
        self.pane_actions = [
            self._action(f"Go to &{name}", lambda w=widget: w.setFocus(), f"Alt+{n}")
            for n, (name, widget) in enumerate(
                [
                    ("Documents", self.documents_view),
                    ("Speakers", self.speakers_view),
                    ("Quotes", self.quotes_view),
                    ("Article", self.viewer),
                ],
                start=1,
            )
        ]
        self.bigger_action = self._action(
            "&Larger Article Text", lambda: self.viewer.zoomIn(1), QKeySequence.StandardKey.ZoomIn
        )
        self.smaller_action = self._action(
            "&Smaller Article Text",
            lambda: self.viewer.zoomOut(1),
            QKeySequence.StandardKey.ZoomOut,
        )
        self.reset_layout_action = self._action("Reset &Layout", self._default_sizes)
        self.syntax_action = self._action(
            "&Search Syntax", lambda: show_search_help(self), QKeySequence.StandardKey.HelpContents
        )
        self.about_action = self._action("&About archiveapp", lambda: show_about(self))
        self.about_qt_action = self._action("About &Qt", QApplication.aboutQt)
        self.cancel_action.setEnabled(False)

    def _build_menus(self) -> None:
        menus = self.menuBar()
        file = menus.addMenu("&File")
        file.addAction(self.open_action)
        self.recent_menu = file.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file.addAction(self.sample_action)
        file.addSeparator()
        for action in (
            self.reindex_action,
            self.rebuild_action,
            self.cancel_action,
            self.errors_action,
        ):
            file.addAction(action)
        file.addSeparator()
        file.addAction(self.quit_action)
        edit = menus.addMenu("&Edit")
        edit.addAction(self.find_action)
        edit.addAction(self.clear_action)
        view = menus.addMenu("&View")
        view.addAction(self.back_action)
        view.addAction(self.forward_action)
        view.addSeparator()
        for action in self.pane_actions:
            view.addAction(action)
        view.addSeparator()
        view.addAction(self.bigger_action)
        view.addAction(self.smaller_action)
        view.addAction(self.reset_layout_action)
        help_menu = menus.addMenu("&Help")
        help_menu.addAction(self.syntax_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)
        help_menu.addAction(self.about_qt_action)

    def _build_toolbar(self) -> None:
        bar = QToolBar("Navigation", self)
        bar.setObjectName("navigationBar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        for action in (
            self.back_action,
            self.forward_action,
            self.open_action,
            self.reindex_action,
        ):
            bar.addAction(action)
        bar.addSeparator()
        bar.addWidget(self.search)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
