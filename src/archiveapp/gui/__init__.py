"""The desktop window (PySide6) over the core's Archive API.

``create_main_window(folder, data_dir=None)`` builds the window inside an existing
QApplication; ``app.run(args)`` is the ``archiveapp`` command's GUI entry point.
"""

from .app import create_main_window

__all__ = ["create_main_window"]
