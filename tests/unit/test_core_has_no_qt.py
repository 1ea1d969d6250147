"""The core must run without Qt: scripts, notebooks and the CLI never load PySide6."""

from __future__ import annotations

import subprocess
import sys


def test_core_and_cli_import_no_qt() -> None:
    code = (
        "import sys, pkgutil, importlib, archiveapp, archiveapp.core, archiveapp.cli\n"
        "for m in pkgutil.walk_packages(archiveapp.core.__path__, 'archiveapp.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "loaded = sorted(n for n in sys.modules if n.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"core imported Qt modules: {result.stdout}"
