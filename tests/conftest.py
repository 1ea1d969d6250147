"""Test set-up shared by every test.

Qt must see QT_QPA_PLATFORM before it is first imported, and the app's per-user folders
must point into a temporary directory before any test touches them: both happen here, at
import time, ahead of every test module.
"""

from __future__ import annotations

import http.server
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
_HOME = tempfile.mkdtemp(prefix="archiveapp-test-home-")
os.environ["ARCHIVEAPP_HOME"] = _HOME
os.environ["XDG_CONFIG_HOME"] = os.path.join(_HOME, "config")
os.environ["XDG_DATA_HOME"] = os.path.join(_HOME, "data-xdg")

import pytest  # noqa: E402

from archiveapp.core.location import HOME_ENV  # noqa: E402
from archiveapp.core.search import ENGINES  # noqa: E402
from article_files import write_files  # noqa: E402
from engine_helpers import need_engine  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_HOME, ignore_errors=True)


@pytest.fixture(autouse=True)
def _private_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Each test gets its own per-user data folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv(HOME_ENV, str(home))
    return home


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present (only in the developers' checkout and CI)")
    return SHARED


# Articles written for these tests. Two people recur: Ilse Marchetti (full name, then
# surname, then "Dr Marchetti" in another article) and Tomasz Reyes.
ARTICLES: dict[str, str] = {
    "harbour.txt": (
        "Harbour wall repairs begin\n\n"
        "By Pia Lund\n\n"
        "Eastport, May 4. Work on the old harbour wall began on Monday after months of delay.\n\n"
        "Ilse Marchetti, the port authority's chief engineer, said the wall had been leaking "
        "for years.\n\n"
        "\u201cWe found cracks deep inside the stone that nobody had seen before,\u201d "
        "said Marchetti. \u201cThe repairs will take the whole summer.\u201d\n\n"
        "Tomasz Reyes, a fisherman who has worked the harbour for thirty years, was less "
        "patient.\n\n"
        "\u201cEvery week of work is a week without a berth for my boat,\u201d Reyes said.\n"
    ),
    "council/budget.md": (
        "---\ntitle: Council approves flood budget\ndate: 2025-06-12\nauthor: Omar Haddad\n---\n\n"
        "# Council approves flood budget\n\n"
        "The council voted on Thursday to fund *new* flood barriers along the river.\n\n"
        "\u201cThis money buys the town ten years of safety,\u201d said Dr Marchetti, who "
        "advised the council.\n\n"
        "Tomasz Reyes told the meeting: \u201cFishermen need the barriers as much as anyone "
        "living by the water.\u201d\n\n"
        "Read the [full minutes](https://example.org/minutes).\n"
    ),
    "web/storm.html": (
        "<html><head><title>Storm closes ferry line | Eastport Herald</title>"
        '<meta property="article:published_time" content="2025-11-02T07:30:00Z">'
        '<meta name="author" content="Lena Varga"></head><body>'
        '<nav><a href="/">Home</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>'
        "<article><h1>Storm closes ferry line</h1>"
        "<p>The ferry between Eastport and the islands stopped running on Sunday as a storm "
        "pushed waves over the harbour wall.</p>"
        "<p>\u201cThe new wall held, but the old pier did not,\u201d said Ilse Marchetti, "
        "the chief engineer. \u201cWe will inspect it as soon as the wind drops.\u201d</p>"
        "<p>Island residents were told to stock up on food for three days.</p>"
        "</article><aside><h3>Related stories</h3><ul><li>Harbour wall repairs begin</li>"
        "</ul></aside><script>trackVisit('storm');</script>"
        "<footer>Copyright Eastport Herald. All rights reserved.</footer></body></html>"
    ),
}


def write_articles(folder: Path, articles: dict[str, str] | None = None) -> Path:
    return write_files(folder, articles or ARTICLES)


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """A small archive folder of invented articles in .txt, .md and .html."""
    return write_articles(tmp_path / "articles")


@pytest.fixture
def local_server() -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on the loopback address, and the paths it was asked for: what a
    test of "loads nothing from the network" points hostile pages at."""
    requests: list[str] = []

    class Noting(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        do_POST = do_GET

        def log_message(self, format: str, *args: object) -> None:
            pass  # nothing on the test's output

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Noting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()
    server.server_close()


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """Each search engine in turn (Tantivy skipped when it is not installed)."""
    return need_engine(request.param)
