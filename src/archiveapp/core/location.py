"""Where an archive's data (database and index) lives.

By default inside the folder (``FOLDER/.archiveapp``), so the folder carries its own index
and annotations when it is copied or synced. Where that cannot be — a read-only folder, the
bundled sample archive inside the installed package — the per-user data directory holds it,
one subfolder per archive folder, and the caller is told why.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import platformdirs

DATA_FOLDER_NAME = ".archiveapp"
APP_NAME = "archiveapp"
# Lets tests and portable installs keep every per-user file under one folder.
HOME_ENV = "ARCHIVEAPP_HOME"


@dataclass(frozen=True)
class DataLocation:
    path: Path
    note: str | None = None  # why the data is not in the folder itself, for the user


def user_data_root() -> Path:
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override).expanduser() / "data"
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def sample_archive_path() -> Path:
    """The bundled sample archive: inside the installed package, or resources/ of a checkout."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "resources" / "sample-archive"
    if installed.is_dir():
        return installed
    return package.parents[1] / "resources" / "sample-archive"


def choose_data_location(folder: Path, data_dir: Path | None = None) -> DataLocation:
    folder = folder.resolve()
    if data_dir is not None:
        return DataLocation(Path(data_dir).expanduser().resolve())
    if folder == sample_archive_path().resolve():
        return DataLocation(_per_user(folder), "the bundled sample archive is never written into")
    inside = folder / DATA_FOLDER_NAME
    if _writable(inside):
        return DataLocation(inside)
    return DataLocation(_per_user(folder), f"{folder} is not writable")


def _per_user(folder: Path) -> Path:
    digest = hashlib.sha256(str(folder).encode("utf-8")).hexdigest()[:12]
    slug = re.sub(r"[^\w.-]+", "-", folder.name).strip("-") or "archive"
    return user_data_root() / "archives" / f"{slug}-{digest}"


def _writable(data_dir: Path) -> bool:
    """Whether the data folder can be used, creating it if need be. A folder without write
    bits counts as read-only even for root, who could write there anyway: its owner marked
    it so (shared or archival copies often are)."""
    if data_dir.is_dir():
        return os.access(data_dir, os.W_OK | os.X_OK) and _mode_writable(data_dir)
    if not _mode_writable(data_dir.parent) or not os.access(data_dir.parent, os.W_OK):
        return False
    try:
        data_dir.mkdir()
    except OSError:
        return False
    return True


def _mode_writable(path: Path) -> bool:
    try:
        return bool(path.stat().st_mode & 0o222)
    except OSError:
        return False
