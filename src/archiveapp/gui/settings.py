"""Per-user settings (QSettings, organisation and application "archiveapp"): the last and
recent archives, window geometry, splitter sizes.

Always the INI format, so tests point it at a temporary folder with one
``QSettings.setPath`` call (or ``XDG_CONFIG_HOME``) and never touch a user's settings.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QSettings

ORGANISATION = APPLICATION = "archiveapp"
RECENT_LIMIT = 8


def app_settings() -> QSettings:
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


class ArchiveHistory:
    """The last archive opened and the recent ones, each with its data folder if one was
    given (``--data-dir``), so reopening it finds the same index."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def recent(self) -> list[tuple[Path, Path | None]]:
        raw = self._settings.value("archives/recent", "[]")
        try:
            entries = json.loads(str(raw))
        except ValueError:
            return []
        result = []
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict) and isinstance(entry.get("folder"), str):
                data = entry.get("data_dir")
                result.append(
                    (Path(entry["folder"]), Path(data) if isinstance(data, str) else None)
                )
        return result

    def last(self) -> tuple[Path, Path | None] | None:
        existing = [entry for entry in self.recent() if entry[0].is_dir()]
        return existing[0] if existing else None

    def remember(self, folder: Path, data_dir: Path | None) -> None:
        entries = [(folder, data_dir)] + [e for e in self.recent() if e[0] != folder]
        payload = [
            {"folder": str(f), "data_dir": str(d) if d else None} for f, d in entries[:RECENT_LIMIT]
        ]
        self._settings.setValue("archives/recent", json.dumps(payload))

    def forget(self, folder: Path) -> None:
        payload = [
            {"folder": str(f), "data_dir": str(d) if d else None}
            for f, d in self.recent()
            if f != folder
        ]
        self._settings.setValue("archives/recent", json.dumps(payload))
