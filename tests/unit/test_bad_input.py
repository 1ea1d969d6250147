"""Issue 9, "nothing lost, nothing crashes": one test per kind of bad input a researcher's
archive holds. Each test puts the bad file beside an ordinary article, indexes the folder
for real, and checks that the article is still searchable with its quotes and that the
bad file is either read (what can be read) or listed with a one-line reason.

The files are made here, with the builders of ``benchmarks/make_bad_folder.py``; the last
tests run the whole generated folder through ``archiveapp index`` in a process of its own.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from archiveapp import Archive
from archiveapp.core import sandbox
from archiveapp.core.errors import ReadError
from archiveapp.core.ingest import read_document, scan_article_files
from archiveapp.core.ingest.limits import read_limited
from archiveapp.core.model import UpdateReport
from archiveapp.core.reading import read_article
from archiveapp.core.store import FileState
from benchmark_modules import load_benchmark

ROOT = Path(__file__).resolve().parents[2]
MARKER = "zorvik00000"  # the ordinary article's own word (see make_bad_folder.article_text)
ORDINARY = "ordinary/article00000.txt"


bad = load_benchmark("make_bad_folder")


@pytest.fixture(autouse=True)
def _in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files are read by the caller (and its sandbox), not by reading workers: the serial
    path is the one a small folder takes. The whole-folder tests below take the other."""
    monkeypatch.setenv("ARCHIVEAPP_WORKERS", "0")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An archive folder holding one ordinary article with two quotes."""
    root = tmp_path / "archive"
    bad.write_articles(root, 1)
    return root


@pytest.fixture
def opened(folder: Path, tmp_path: Path) -> Iterator[Archive]:
    archive = Archive.open(folder, data_dir=tmp_path / "data")
    yield archive
    archive.close()


def _text(number: int) -> tuple[str, str]:
    """(text, marker word) of an invented article with two quotes."""
    import random

    _title, marker, paragraphs = bad.article_text(number, random.Random(number))
    return "\n\n".join(paragraphs) + "\n", marker


def _failure(report: UpdateReport, relpath: str) -> str | None:
    return next((f.message for f in report.failed if f.path == relpath), None)


def _check_ordinary(archive: Archive) -> None:
    assert [hit.path for hit in archive.search(MARKER)] == [ORDINARY]
    assert len(archive.quotes(document=ORDINARY)) == 2


def _refused(archive: Archive, relpath: str, *reason: str) -> str:
    """Update; the article is kept, ``relpath`` is listed with a one-line reason holding
    every part of ``reason``, in the update's report and in ``Archive.failures()``."""
    report = archive.update()
    _check_ordinary(archive)
    message = _failure(report, relpath)
    assert message is not None, report.failed
    assert "\n" not in message and "Traceback" not in message
    for part in reason:
        assert part in message
    assert relpath in {f.path for f in archive.failures()}
    return message


def _read(archive: Archive, relpath: str, marker: str, quotes: int = 2) -> str:
    """Update; both the article and ``relpath`` are in the archive, found by their words."""
    report = archive.update()
    assert _failure(report, relpath) is None, report.failed
    _check_ordinary(archive)
    assert [hit.path for hit in archive.search(marker)] == [relpath]
    assert len(archive.quotes(document=relpath)) == quotes
    return archive.document(relpath).text


# -- text files -------------------------------------------------------------------------------


def test_empty_file(folder: Path, opened: Archive) -> None:
    (folder / "empty.txt").write_bytes(b"")
    _refused(opened, "empty.txt", "no text")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 50, "a PNG image"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "rename it to .pdf"),
        (bytes(range(256)) * 40, "binary data"),
    ],
)
def test_binary_data_named_txt(folder: Path, opened: Archive, data: bytes, reason: str) -> None:
    (folder / "photo.txt").write_bytes(data)
    _refused(opened, "photo.txt", "binary data, not text", reason)


def test_invalid_utf8_keeps_the_valid_text(folder: Path, opened: Archive) -> None:
    text, marker = _text(1)
    broken = text.encode("utf-8").replace(b"Residents", b"Resi\xc3\x28dents\xff")
    (folder / "broken.txt").write_bytes(broken)
    read = _read(opened, "broken.txt", marker)
    assert "\u201c" in read  # the curly quotes, UTF-8 like the rest, came through


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(folder: Path, opened: Archive, codec: str) -> None:
    text, marker = _text(2)
    (folder / "windows.txt").write_bytes(text.encode(codec))
    read = _read(opened, "windows.txt", marker)
    assert "\x00" not in read
    assert read.startswith(text.split("\n")[0])


def test_mixed_encodings_read_each_part_right(folder: Path, opened: Archive) -> None:
    text, marker = _text(3)
    utf8_part = "Café owners in Zürich agreed.\n\n".encode()
    cp1252_part = (text + "\nPrices rose to £5 at the café — a record.\n").encode("cp1252")
    (folder / "pasted.txt").write_bytes(utf8_part + cp1252_part)
    read = _read(opened, "pasted.txt", marker)
    assert "Café owners in Zürich" in read
    assert "£5 at the café — a record" in read


def test_nul_bytes_are_dropped(folder: Path, opened: Archive) -> None:
    text, marker = _text(4)
    data = text.encode().replace(b". ", b".\x00 ") + b"\x00" * 5000  # and a zero-padded tail
    (folder / "nuls.txt").write_bytes(data)
    read = _read(opened, "nuls.txt", marker)
    assert "\x00" not in read


def test_two_gigabyte_file_is_refused_unread(folder: Path, opened: Archive) -> None:
    with open(folder / "dump.txt", "wb") as handle:
        handle.truncate(2 * 1024**3)  # sparse: no disk used
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    message = _refused(opened, "dump.txt", "too large", "2.0 GB", "20 MB")
    assert time.monotonic() - started < 30
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 200, f"reading {message!r} took {grown_mb:.0f} MB"


def test_single_fifty_megabyte_line_is_refused(folder: Path, opened: Archive) -> None:
    line = b"The council met again on Tuesday and talked about the ferry. " * 20_000
    with open(folder / "one-line.txt", "wb") as handle:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    _refused(opened, "one-line.txt", "too large", "50 MB")


def test_a_long_line_within_the_budget_is_read(folder: Path, opened: Archive) -> None:
    # Over the in-process limit (1 MB): read in the sandbox, within its time budget.
    words = "The council met again on Tuesday and talked about the ferry timetable. "
    line = "Ferry talks " + words * (2 * 1024 * 1024 // len(words)) + " zorvikline."
    (folder / "long-line.txt").write_text(line, encoding="utf-8")
    assert sandbox.wanted(folder / "long-line.txt", len(line))
    _read(opened, "long-line.txt", "zorvikline", quotes=0)


def test_named_pipe_named_txt_is_left_out_without_blocking(folder: Path, opened: Archive) -> None:
    os.mkfifo(folder / "pipe.txt")  # reading it would wait for a writer for ever
    report = opened.update()
    assert "pipe.txt" not in {f.path for f in report.failed}
    _check_ordinary(opened)


def test_markdown_front_matter_that_repeats_itself_a_billion_times(
    folder: Path, opened: Archive
) -> None:
    levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    levels += [
        f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 10)}]" for n in range(8)
    ]
    front = "\n".join([*levels, "title: *i"])
    (folder / "laughs.md").write_text(f"---\n{front}\n---\n\nSome text.\n", encoding="utf-8")
    started = time.monotonic()
    _refused(opened, "laughs.md", "front matter refused", "YAML aliases")
    assert time.monotonic() - started < 30


# -- web pages ----------------------------------------------------------------------------------


def test_deeply_nested_html_is_read(folder: Path, opened: Archive) -> None:
    text, marker = _text(5)
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n")[1:])
    page = (
        "<html><head><title>Nested</title></head><body>"
        + "<div>" * 50_000
        + "x"
        + "</div>" * 50_000
        + f"<article>{paragraphs}</article></body></html>"
    )
    (folder / "nested.html").write_text(page, encoding="utf-8")
    _read(opened, "nested.html", marker)


def test_html_with_scripts_frames_forms_and_remote_images(
    folder: Path, opened: Archive, local_server: tuple[str, list[str]]
) -> None:
    url, requests = local_server
    text, marker = _text(6)
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n")[1:])
    page = (
        f"<html><head><title>Page</title><script src='{url}/t.js'></script>"
        "<script>while (true) { document.title = 'spin'; }</script>"
        f"<link rel='stylesheet' href='{url}/s.css'>"
        f"<meta http-equiv='refresh' content='0; url={url}/away'></head>"
        f"<body onload=\"fetch('{url}/beacon')\">"
        f"<iframe src='{url}/frame'></iframe>"
        f"<article><img src='{url}/photo.jpg'>{paragraphs}</article>"
        f"<form action='{url}/post' method='post'><input name='q'></form>"
        f"<object data='{url}/plugin'></object></body></html>"
    )
    (folder / "hostile.html").write_text(page, encoding="utf-8")
    read = _read(opened, "hostile.html", marker)
    assert "while (true)" not in read and "fetch(" not in read
    assert requests == []


# -- packages: DOCX, EPUB, ODT ------------------------------------------------------------------


def _bomb(data: bytes, member: str) -> bytes:
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as package:
        bad.zip_bomb_member(package, member, 100)
    return out.getvalue()


def test_docx_zip_bomb(folder: Path, opened: Archive) -> None:
    docx = _bomb(bad.simple_docx(["A paragraph."]), "word/media/image1.png")
    assert len(docx) < 1024 * 1024
    (folder / "bomb.docx").write_bytes(docx)
    _refused(opened, "bomb.docx", "unpacks to far more than it holds")


def test_epub_zip_bomb(folder: Path, opened: Archive) -> None:
    epub = _bomb(bad.simple_epub("Bomb", {"OEBPS/c1.xhtml": "<p>x</p>"}), "OEBPS/c2.xhtml")
    (folder / "bomb.epub").write_bytes(epub)
    _refused(opened, "bomb.epub", "unpacks to far more than it holds")


_LAUGHS = (
    '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(9))
    + "]>"
)


def _odt(content: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", content)
    return out.getvalue()


def _epub_container(container: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("mimetype", "application/epub+zip")
        package.writestr("META-INF/container.xml", container)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("laughs.docx", bad.simple_docx(["&j;"], _LAUGHS.replace("<!DOCTYPE r", "<!DOCTYPE w"))),
        (
            "laughs.odt",
            _odt(
                f'<?xml version="1.0"?>{_LAUGHS}<office:document-content xmlns:office='
                '"urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text='
                '"urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
                "<text:p>&j;</text:p></office:text></office:body></office:document-content>"
            ),
        ),
        ("laughs.epub", _epub_container(f'<?xml version="1.0"?>{_LAUGHS}<container/>')),
    ],
)
def test_xml_entities_are_never_expanded(
    folder: Path, opened: Archive, name: str, data: bytes
) -> None:
    (folder / name).write_bytes(data)
    _refused(opened, name, "declares XML entities")


def test_zip_with_paths_leaving_the_package_is_read_and_writes_nothing(
    folder: Path, opened: Archive, tmp_path: Path
) -> None:
    text, marker = _text(7)
    chapter = "".join(f"<p>{p}</p>" for p in text.split("\n\n")[1:])
    escaped = ["../../escaped.xhtml", "../escaped.xml", "/tmp/archiveapp-escaped.txt"]
    extra = {name: b"<html>escaped</html>" for name in escaped}
    (folder / "slip.epub").write_bytes(bad.simple_epub("Slip", {"OEBPS/c1.xhtml": chapter}, extra))
    _read(opened, "slip.epub", marker)
    for name in escaped:
        for base in (folder, folder / "sub", tmp_path):
            assert not (base / name).resolve().exists()


# -- PDF --------------------------------------------------------------------------------------


def test_truncated_pdf(folder: Path, opened: Archive) -> None:
    text, _marker = _text(8)
    whole = bad.simple_pdf(text.split("\n\n"))
    assert read_document(_write(folder / "whole.pdf", whole)).text  # the builder makes a PDF
    (folder / "whole.pdf").unlink()
    (folder / "cut.pdf").write_bytes(whole[: len(whole) // 3])
    _refused(opened, "cut.pdf", "damaged or cut short")


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_encrypted_pdf(folder: Path, opened: Archive) -> None:
    text, _marker = _text(9)
    (folder / "locked.pdf").write_bytes(bad.simple_pdf(text.split("\n\n"), encrypt=True))
    _refused(opened, "locked.pdf", "encrypted", "password")


def test_pdf_that_never_ends_is_stopped_by_the_time_budget(
    folder: Path, opened: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARCHIVEAPP_READ_SECONDS", "3")
    (folder / "forms.pdf").write_bytes(bad.form_bomb_pdf())
    started = time.monotonic()
    _refused(opened, "forms.pdf", "took longer than 3 s to read, stopped")
    assert time.monotonic() - started < 30


def test_pdf_that_eats_memory_is_stopped_by_the_memory_budget(
    folder: Path, opened: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARCHIVEAPP_READ_MEMORY_MB", "250")
    (folder / "inflates.pdf").write_bytes(bad.stream_bomb_pdf(400))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    message = _refused(opened, "inflates.pdf")
    assert message == "needed more than 250 MB of memory to read, stopped"
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024 < 200


def test_a_reader_that_crashes_costs_one_file(
    folder: Path, opened: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The form bomb under a tight limit runs out of memory inside C code as often as in
    # Python: either way the child ends, the file fails with a reason, and the next file
    # (a readable PDF after it in the walk) gets a new child.
    monkeypatch.setenv("ARCHIVEAPP_READ_MEMORY_MB", "200")
    (folder / "a-forms.pdf").write_bytes(bad.form_bomb_pdf())
    text, marker = _text(10)
    (folder / "b-fine.pdf").write_bytes(bad.simple_pdf(text.split("\n\n")))
    report = opened.update()
    message = _failure(report, "a-forms.pdf")
    assert message is not None
    assert "memory" in message or "took longer" in message
    assert [hit.path for hit in opened.search(marker)] == ["b-fine.pdf"]
    _check_ordinary(opened)


# -- the file system ------------------------------------------------------------------------------


def test_symlink_loops_and_links_out_of_the_folder(
    folder: Path, opened: Archive, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "diary.txt").write_text("Diary\n\n\u201cNot for the archive,\u201d she said.\n")
    os.symlink("..", folder / "ordinary" / "up")  # a folder link back up: a walk would loop
    os.symlink(folder, folder / "itself")
    os.symlink("self.txt", folder / "self.txt")
    os.symlink("pong.txt", folder / "ping.txt")
    os.symlink("ping.txt", folder / "pong.txt")
    os.symlink("gone.txt", folder / "dangling.txt")
    os.symlink(outside / "diary.txt", folder / "diary.txt")
    os.symlink(outside, folder / "elsewhere")
    os.symlink(ORDINARY, folder / "inside-link.txt")  # read where it is, not twice
    report = opened.update()
    _check_ordinary(opened)
    failed = {f.path: f.message for f in report.failed}
    assert "link loop" in failed["self.txt"]
    assert "link loop" in failed["ping.txt"] and "link loop" in failed["pong.txt"]
    assert "broken link" in failed["dangling.txt"]
    assert "outside the archive folder" in failed["diary.txt"]
    assert "folder outside the archive folder" in failed["elsewhere"]
    assert not {"ordinary/up", "itself", "inside-link.txt"} & set(failed)  # left out
    assert opened.search("archive diary") == []
    assert {d.path for d in opened.documents()} == {ORDINARY}
    # Repaired (its target made), the broken link is no longer a problem: the target is
    # read where it is.
    text, marker = _text(13)
    (folder / "gone.txt").write_text(text, encoding="utf-8")
    opened.update()
    assert [hit.path for hit in opened.search(marker)] == ["gone.txt"]
    assert "dangling.txt" not in {f.path for f in opened.failures()}


_AS_ANOTHER_USER = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from archiveapp import Archive
    folder, data, warm = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    with Archive.open(warm, data_dir=warm.parent / "warm-data") as archive:
        archive.update()  # everything the update imports, imported while root
    if os.geteuid() == 0:  # root reads any file: become a user that cannot
        os.setgid(65534)
        os.setuid(65534)
    with Archive.open(folder, data_dir=data) as archive:
        first = {f.path: f.message for f in archive.update().failed}
        os.chmod(folder / "locked.txt", 0o644)  # the owner gives the permission back
        second = archive.update()
        print(first.get("locked.txt"), "|", sorted(second.added), sorted(archive.failures()))
    """
)


def test_file_without_read_permission_is_listed_then_read_once_allowed() -> None:
    # Under a folder anyone may enter: the test may run as root, which becomes "nobody".
    top = Path(tempfile.mkdtemp(prefix="archiveapp-perm-"))
    try:
        top.chmod(0o755)
        folder, warm = top / "archive", top / "warm"
        bad.write_articles(folder, 1)
        bad.write_articles(warm, 1)
        text, _marker = _text(11)
        locked = folder / "locked.txt"
        locked.write_text(text, encoding="utf-8")
        data = top / "data"
        data.mkdir()
        for path in (top, folder, data, *folder.rglob("*")):
            if os.geteuid() == 0:
                os.chown(path, 65534, 65534)
        data.chmod(0o777)
        locked.chmod(0)
        result = subprocess.run(
            [sys.executable, "-c", _AS_ANOTHER_USER, str(folder), str(data), str(warm)],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=top,
        )
        assert result.returncode == 0, result.stderr
        reason, _bar, rest = result.stdout.partition("|")
        assert reason.strip() == "no permission to read it (check the file's permissions)"
        assert rest.strip() == "['locked.txt'] []"
    finally:
        shutil.rmtree(top, ignore_errors=True)


def test_file_name_that_is_not_utf8(folder: Path, tmp_path: Path) -> None:
    name = b"caf\xe9 article.txt"
    with open(os.path.join(os.fsencode(folder), name), "wb") as handle:
        handle.write(b"Latin-1 name\n\n\xe2\x80\x9cMy name is not UTF-8,\xe2\x80\x9d said Ana.\n")
    for extra in ([], ["--json"]):
        result = _cli("index", str(folder), "--data-dir", str(tmp_path / "data"), *extra)
        assert result.returncode == 0 and "Traceback" not in result.stderr
    listed = json.loads(result.stdout)
    (failure,) = [u for u in listed["unreadable"] if u["path"].startswith("caf")]
    assert "not valid UTF-8" in failure["error"]
    assert listed["documents"] == 1
    # Kept in the archive's database: another process (the window) lists it unscanned.
    with Archive.open(folder, data_dir=tmp_path / "data") as archive:
        assert [f.path for f in archive.failures()] == ["caf\\xe9 article.txt"]


def test_file_that_vanishes_while_the_folder_is_read(folder: Path, opened: Archive) -> None:
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(_text(12)[0], encoding="utf-8")

    def remove_the_next_file(progress: object) -> None:
        (folder / "b.txt").unlink(missing_ok=True)  # after the scan saw it, before its read

    report = opened.update(progress=remove_the_next_file)
    assert _failure(report, "b.txt") == "it vanished before it could be read"
    _check_ordinary(opened)
    report = opened.update()  # gone for good: no longer listed
    assert "b.txt" in report.removed
    assert "b.txt" not in {f.path for f in opened.failures()}


def test_file_that_changes_between_the_scan_and_its_read(folder: Path, opened: Archive) -> None:
    path = folder / "draft.txt"
    path.write_text("Draft\n\n\u201cFirst words,\u201d said Ana.\n", encoding="utf-8")
    seen = os.stat(path)
    path.write_text("Draft, longer\n\n\u201cSecond words,\u201d said Ana Lund.\n", "utf-8")
    outcome = read_article(folder, "draft.txt", FileState(seen.st_size, seen.st_mtime_ns))
    now = os.stat(path)
    # The outcome carries the state its bytes were read in, not the scan's.
    assert (outcome.state.size, outcome.state.mtime_ns) == (now.st_size, now.st_mtime_ns)
    assert outcome.document is not None and "Second words" in outcome.document.text


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux's /proc")
def test_file_whose_size_does_not_hold_still_is_refused_for_now() -> None:
    # /proc files say they are empty and are not: to a reader, a file changing under it.
    with pytest.raises(ReadError, match="changed while it was being read"):
        read_limited(Path("/proc/self/status"), limit=1024 * 1024)


def test_scan_never_follows_a_link_out_or_round(folder: Path, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "many.txt").write_text("x")
    os.symlink(tmp_path / "out", folder / "out")
    os.symlink(".", folder / "ordinary" / "here")
    paths = [relpath for relpath, _stat in scan_article_files(folder)]
    assert paths == ["ordinary/article00000.txt", "out"]


# -- the whole generated folder through the command line -----------------------------------


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "archiveapp", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})},
    )


def test_whole_bad_folder_through_archiveapp_index(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    # 40 articles and some 30 bad files: over 48 files, so the reading workers read them.
    manifest = bad.build(folder, articles=40, bomb_mb=300, outside=tmp_path / "outside")
    data = str(tmp_path / "data")
    budget = {
        "ARCHIVEAPP_READ_SECONDS": "5",
        "ARCHIVEAPP_READ_MEMORY_MB": "250",
        "ARCHIVEAPP_WORKERS": "2",
    }
    started = time.monotonic()
    plain = _cli("index", str(folder), "--data-dir", data, env=budget)
    assert time.monotonic() - started < 180
    assert plain.returncode == 0, plain.stderr
    assert "Traceback" not in plain.stderr + plain.stdout
    listed = _cli("index", str(folder), "--data-dir", data, "--json", env=budget)
    assert listed.returncode == 0, listed.stderr
    result = json.loads(listed.stdout)
    unreadable = {_shown(u["path"]): u["error"] for u in result["unreadable"]}
    with Archive.open(folder, data_dir=data) as archive:
        for relpath, expect in manifest.items():
            shown = _shown(relpath)
            if expect.kind == "fail":
                assert shown in unreadable, expect.what
                assert unreadable[shown] and "\n" not in unreadable[shown]
                assert f"failed: {shown}: {unreadable[shown]}" in plain.stdout
            elif expect.kind in ("article", "read"):
                assert shown not in unreadable, (expect.what, unreadable.get(shown))
                hits = [hit.path for hit in archive.search(expect.word)]
                assert hits == [relpath], expect.what
                if expect.kind == "article":
                    assert len(archive.quotes(document=relpath)) == expect.quotes
            else:
                assert shown not in unreadable, expect.what
        assert result["documents"] == sum(e.kind in ("article", "read") for e in manifest.values())


def _shown(relpath: str) -> str:
    """A path as the archive shows it: a name that is not UTF-8, its bad bytes written out."""
    return relpath.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def test_plain_text_is_read_in_process_and_the_rest_in_the_sandbox(folder: Path) -> None:
    assert not sandbox.wanted(folder / "a.txt", 3000)
    assert not sandbox.wanted(folder / "a.md", 3000)
    assert sandbox.wanted(folder / "a.txt", 2 * 1024 * 1024)
    for suffix in (".pdf", ".docx", ".odt", ".epub", ".html", ".eml", ".mhtml", ".rtf"):
        assert sandbox.wanted(folder / f"a{suffix}", 3000)


def test_utf16_detection_leaves_legacy_and_binary_files_alone() -> None:
    from archiveapp.core.ingest.decode import decode_text

    russian = "Привет, мир. Это тестовый текст на русском языке, в котором есть слова."
    assert decode_text(russian.encode("cp1251"))[0] == russian
    assert decode_text(codecs.BOM_UTF16_LE + russian.encode("utf-16-le"))[0] == russian
    with pytest.raises(ReadError, match="binary"):
        decode_text(bytes(100) + b"\x01\x02\x03" * 100)
