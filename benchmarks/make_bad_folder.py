"""A folder of hostile and broken files beside ordinary articles, for issue 9 ("nothing
lost, nothing crashes"): what a researcher's years of saved files can hold.

    python benchmarks/make_bad_folder.py                      # into a new temporary folder
    python benchmarks/make_bad_folder.py --out DIR --articles 200 --manifest bad.json
    archiveapp index DIR --json                                # then see what it says

Every kind of bad input gets one file (or link) of its own; ``--articles N`` adds N
ordinary articles (plain text, Markdown, HTML, PDF, DOCX, EPUB, all invented here) whose
quotes must be found as if the bad files were not there. The manifest (``--manifest``, or
``build()``'s return value) says for each path what a correct indexer does with it:

- ``article``: an ordinary article; indexed, searchable by its ``word``, ``quotes`` quotes;
- ``read``: damaged but readable (odd encodings, NUL bytes, hostile HTML); indexed, ``word``
  searchable;
- ``fail``: listed among the failures with a one-line reason;
- ``skip``: left out silently (a named pipe; a link to a file or folder inside the folder,
  which is read where it is).

The 2 GB file is sparse (``truncate``): it costs no disk. ``--no-huge`` leaves out the 2 GB
file and the 50 MB line, for a quick folder. Symbolic links to the outside point into a
sibling folder ``<out>-outside`` that is made beside the output folder.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import sys
import tempfile
import zipfile
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path

_PLACES = ["Harwick", "Eastmere", "Lowford", "Brackley", "Amberton", "Greyhaven", "Norbridge"]
_PEOPLE = [
    ("Ilona", "Vasquez"),
    ("Teodor", "Lindqvist"),
    ("Marisol", "Okafor"),
    ("Bertrand", "Hale"),
    ("Sunniva", "Rask"),
    ("Casimir", "Doyle"),
    ("Renata", "Szabo"),
    ("Aurelio", "Pask"),
]
_TOPICS = [
    ("ferry", "the ferry timetable"),
    ("reservoir", "the reservoir repairs"),
    ("orchard", "the orchard grants"),
    ("tramline", "the tramline extension"),
    ("archive", "the town archive"),
    ("lighthouse", "the lighthouse lease"),
]
_ROLES = ["the mayor", "a local teacher", "the harbour master", "a councillor", "a shop owner"]


@dataclass(frozen=True)
class Expect:
    """What a correct indexer does with one path of the folder."""

    kind: str  # "article", "read", "fail" or "skip"
    what: str  # the kind of bad input, for messages
    word: str | None = None  # a word only this file holds (article, read)
    quotes: int = 0  # quotes an ordinary article holds


# -- ordinary articles --------------------------------------------------------------------


def article_text(number: int, rng: random.Random) -> tuple[str, str, list[str]]:
    """(title, marker word, paragraphs) of one invented news article with two quotes."""
    place = rng.choice(_PLACES)
    topic, phrase = rng.choice(_TOPICS)
    (first1, last1), (first2, last2) = rng.sample(_PEOPLE, 2)
    role1, role2 = rng.sample(_ROLES, 2)
    marker = f"zorvik{number:05d}"  # one made-up word per article, to search it by
    title = f"{place} argues over {phrase} ({number})"
    paragraphs = [
        title,
        f"{place}, March {1 + number % 28}, 2024 - Residents met on Tuesday to talk about "
        f"{phrase}, a plan known locally as {marker}.",
        f"{first1} {last1}, {role1}, opened the meeting.",
        f"\u201cWe have waited eleven years for {phrase}, and the town cannot wait much "
        f"longer,\u201d said {last1}.",
        f"{first2} {last2}, {role2}, was not convinced.",
        f"\u201cNobody has shown us what the {topic} will cost once the grants run out,\u201d "
        f"{last2} said.",
        "The council will vote on the plan next month.",
    ]
    return title, marker, paragraphs


def write_articles(folder: Path, count: int, seed: int = 9) -> dict[str, Expect]:
    """``count`` ordinary articles in the formats the archive reads, in ``ordinary/``."""
    rng = random.Random(seed)
    writers = [_write_txt, _write_md, _write_html, _write_pdf, _write_docx, _write_epub]
    manifest: dict[str, Expect] = {}
    for number in range(count):
        title, marker, paragraphs = article_text(number, rng)
        writer = writers[number % len(writers)]
        relpath = writer(folder / "ordinary", f"article{number:05d}", title, paragraphs)
        manifest[f"ordinary/{relpath}"] = Expect("article", "ordinary article", marker, 2)
    return manifest


def _write_txt(folder: Path, stem: str, title: str, paragraphs: list[str]) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{stem}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return f"{stem}.txt"


def _write_md(folder: Path, stem: str, title: str, paragraphs: list[str]) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    body = "\n\n".join(paragraphs[1:])
    text = f"---\ntitle: {title}\n---\n\n# {title}\n\n{body}\n"
    (folder / f"{stem}.md").write_text(text, encoding="utf-8")
    return f"{stem}.md"


def _write_html(folder: Path, stem: str, title: str, paragraphs: list[str]) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    body = "".join(f"<p>{p}</p>" for p in paragraphs[1:])
    page = (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright the Harwick Courier</footer></body></html>"
    )
    (folder / f"{stem}.html").write_text(page, encoding="utf-8")
    return f"{stem}.html"


def _write_pdf(folder: Path, stem: str, title: str, paragraphs: list[str]) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{stem}.pdf").write_bytes(simple_pdf(paragraphs))
    return f"{stem}.pdf"


def _write_docx(folder: Path, stem: str, title: str, paragraphs: list[str]) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{stem}.docx").write_bytes(simple_docx(paragraphs))
    return f"{stem}.docx"


def _write_epub(folder: Path, stem: str, title: str, paragraphs: list[str]) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    chapter = "".join(f"<p>{p}</p>" for p in paragraphs[1:])
    (folder / f"{stem}.epub").write_bytes(simple_epub(title, {"OEBPS/chapter1.xhtml": chapter}))
    return f"{stem}.epub"


# -- building blocks: PDF, DOCX, EPUB written by hand ---------------------------------------


def pdf_file(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF of these objects (numbered from 1; object 1 is the catalog) with a correct
    cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer_extra + b">>\n")
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d " % len(content) + extra + b">>\nstream\n" + content + b"\nendstream"


def _pdf_string(text: str) -> bytes:
    """A PDF literal string in WinAnsi (curly quotes and dashes included)."""
    raw = text.encode("cp1252", "replace")
    escaped = bytearray()
    for byte in raw:
        if byte in b"()\\":
            escaped += b"\\" + bytes([byte])
        elif byte > 126:
            escaped += b"\\%03o" % byte
        else:
            escaped.append(byte)
    return b"(" + bytes(escaped) + b")"


def _page_content(paragraphs: list[str]) -> bytes:
    """One page of text: each paragraph wrapped at about 80 characters, a blank line between."""
    lines: list[str] = []
    for paragraph in paragraphs:
        line = ""
        for word in paragraph.split():
            if len(line) + len(word) > 80:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.extend([line, ""])
    ops = [b"BT /F1 10 Tf 14 TL 50 800 Td"]
    ops += [_pdf_string(line) + b" Tj T*" for line in lines]
    ops.append(b"ET")
    return b"\n".join(ops)


def simple_pdf(paragraphs: list[str], encrypt: bool = False) -> bytes:
    """A one-page PDF with Helvetica text; ``encrypt`` adds a standard security handler
    whose user password is not empty (the file cannot be opened without one)."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        font,
        _stream(_page_content(paragraphs)),
    ]
    extra = b""
    if encrypt:
        objects.append(
            b"<< /Filter /Standard /V 1 /R 2 /P -4 /O <"
            + b"41" * 32
            + b"> /U <"
            + b"42" * 32
            + b"> >>"
        )
        file_id = b"<00112233445566778899aabbccddeeff>"
        extra = b"/Encrypt 6 0 R /ID [" + file_id + b" " + file_id + b"] "
    return pdf_file(objects, extra)


def form_bomb_pdf(depth: int = 40) -> bytes:
    """A PDF of 2 KB whose page draws a form that draws the next form twice, forty levels
    deep: no form draws itself (so a guard against cycles lets it pass), yet following
    them all takes 2**40 steps, and memory grows all the while."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> /XObject << /X 6 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        _stream(b"/X Do"),
    ]
    form = b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> "
    for level in range(depth):
        if level < depth - 1:
            following = b"/XObject << /X %d 0 R >> " % (len(objects) + 2)
            objects.append(_stream(b"/X Do /X Do", form + following + b">> "))
        else:
            objects.append(_stream(b"BT /F1 9 Tf 10 10 Td (leaf) Tj ET", form + b">> "))
    return pdf_file(objects)


def stream_bomb_pdf(megabytes: int = 1100) -> bytes:
    """A PDF of a few MB whose page content inflates to ``megabytes`` MB of spaces: a
    reader that inflates the whole stream at once needs that much memory."""
    packer = zlib.compressobj(1)
    block = b" " * (1024 * 1024)
    packed = b"".join(packer.compress(block) for _ in range(megabytes)) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        _stream(packed, b"/Filter /FlateDecode "),
    ]
    return pdf_file(objects)


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def simple_docx(
    paragraphs: list[str], doctype: str = "", extra: dict[str, bytes] | None = None
) -> bytes:
    """A minimal Word file: one paragraph per item. ``doctype`` goes before the root
    element (an entity bomb, say); ``extra`` adds members to the zip."""
    body = "".join(
        f"<w:p><w:r><w:t xml:space='preserve'>{_xml_escape(p)}</w:t></w:r></w:p>"
        for p in paragraphs
    )
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
        f'<w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _ROOT_RELS)
        package.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            package.writestr(name, data)
    return out.getvalue()


def simple_epub(
    title: str, chapters: dict[str, str], extra: dict[str, bytes] | None = None
) -> bytes:
    """A minimal EPUB: ``chapters`` maps a path in the zip to the inner HTML of its body."""
    manifest = "".join(
        f'<item id="c{n}" href="{os.path.relpath(path, "OEBPS")}" '
        'media-type="application/xhtml+xml"/>'
        for n, path in enumerate(chapters)
    )
    spine = "".join(f'<itemref idref="c{n}"/>' for n in range(len(chapters)))
    opf = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{_xml_escape(title)}</dc:title>"
        "<dc:identifier id='id'>x</dc:identifier></metadata>"
        f"<manifest>{manifest}</manifest><spine>{spine}</spine></package>"
    )
    container = (
        '<?xml version="1.0"?><container version="1.0" '
        'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
        '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
        "</rootfiles></container>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        package.writestr("META-INF/container.xml", container)
        package.writestr("OEBPS/content.opf", opf)
        for path, inner in chapters.items():
            package.writestr(
                path,
                '<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
                f"<head><title>{_xml_escape(title)}</title></head><body>{inner}</body></html>",
            )
        for name, data in (extra or {}).items():
            package.writestr(name, data)
    return out.getvalue()


def zip_bomb_member(package: zipfile.ZipFile, name: str, megabytes: int) -> None:
    """Add a member of ``megabytes`` MB of zeros: a few hundred KB packed."""
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    block = bytes(1024 * 1024)
    with package.open(info, "w", force_zip64=True) as member:
        for _ in range(megabytes):
            member.write(block)


# -- the bad inputs ------------------------------------------------------------------------

_ENTITY_BOMB = (
    '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(9))
    + "]>"
)


def _bad_text_files(folder: Path, rng: random.Random, huge: bool) -> dict[str, Expect]:
    made: dict[str, Expect] = {}
    _t, marker, paragraphs = article_text(90001, rng)
    text = "\n\n".join(paragraphs)

    (folder / "empty.txt").write_bytes(b"")
    made["empty.txt"] = Expect("fail", "empty file")

    noise = random.Random(4).randbytes(64 * 1024)
    (folder / "binary-image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + noise)
    made["binary-image.txt"] = Expect("fail", "binary data named .txt")
    (folder / "binary-noise.txt").write_bytes(noise)
    made["binary-noise.txt"] = Expect("fail", "random bytes named .txt")

    # Mostly UTF-8 with stray bytes that are no UTF-8 at all (a bad copy and paste).
    broken = text.encode("utf-8").replace(b"Residents", b"Resi\xc3\x28dents\xff\xfe")
    (folder / "invalid-utf8.txt").write_bytes(broken)
    made["invalid-utf8.txt"] = Expect("read", "invalid UTF-8", marker)

    _t, marker16, p16 = article_text(90002, rng)
    (folder / "utf16-no-bom.txt").write_bytes("\n\n".join(p16).encode("utf-16-le"))
    made["utf16-no-bom.txt"] = Expect("read", "UTF-16 without a BOM", marker16)
    _t, marker16b, p16b = article_text(90003, rng)
    (folder / "utf16be-no-bom.txt").write_bytes("\n\n".join(p16b).encode("utf-16-be"))
    made["utf16be-no-bom.txt"] = Expect("read", "UTF-16 (big-endian) without a BOM", marker16b)

    # Two files pasted together: one UTF-8 paragraph, then Windows-1252 ones.
    _t, marker_mixed, pm = article_text(90004, rng)
    mixed = (pm[0] + "\n\nCafé owners in Zürich said so.\n\n").encode("utf-8") + "\n\n".join(
        [*pm[1:], "Prices rose to £5 at the café — a record."]
    ).encode("cp1252")
    (folder / "mixed-encodings.txt").write_bytes(mixed)
    made["mixed-encodings.txt"] = Expect("read", "mixed encodings", marker_mixed)

    _t, marker_nul, pn = article_text(90005, rng)
    nul = "\n\n".join(pn).encode("utf-8").replace(b". ", b".\x00 ").replace(b"\n\n", b"\n\x00\n")
    (folder / "nul-bytes.txt").write_bytes(nul)
    made["nul-bytes.txt"] = Expect("read", "NUL bytes in text", marker_nul)

    if huge:
        with open(folder / "huge-2gb.txt", "wb") as handle:
            handle.truncate(2 * 1024**3)  # sparse: no disk used
        made["huge-2gb.txt"] = Expect("fail", "a 2 GB file")
        line = (text.replace("\n", " ") + " ").encode("utf-8")
        with open(folder / "one-line-50mb.txt", "wb") as handle:
            for _ in range(50 * 1024 * 1024 // len(line) + 1):
                handle.write(line)
        made["one-line-50mb.txt"] = Expect("fail", "a single 50 MB line")
    return made


def _bad_web_pages(folder: Path, rng: random.Random) -> dict[str, Expect]:
    made: dict[str, Expect] = {}
    _t, marker, paragraphs = article_text(90011, rng)
    body = "".join(f"<p>{p}</p>" for p in paragraphs[1:])
    depth = 100_000
    page = (
        f"<html><head><title>{paragraphs[0]}</title></head><body>"
        + "<div>" * depth
        + "deep"
        + "</div>" * depth
        + f"<article><h1>{paragraphs[0]}</h1>{body}</article></body></html>"
    )
    (folder / "deeply-nested.html").write_text(page, encoding="utf-8")
    made["deeply-nested.html"] = Expect("read", "deeply nested HTML", marker)

    _t, marker2, p2 = article_text(90012, rng)
    body2 = "".join(f"<p>{p}</p>" for p in p2[1:])
    hostile = (
        f"<html><head><title>{p2[0]}</title>"
        "<script src='http://127.0.0.1:9/tracker.js'></script>"
        "<script>while (true) { document.title = 'spin'; }</script>"
        "<link rel='stylesheet' href='http://127.0.0.1:9/style.css'>"
        "<meta http-equiv='refresh' content='0; url=http://127.0.0.1:9/elsewhere'>"
        "</head><body onload=\"fetch('http://127.0.0.1:9/beacon')\">"
        "<iframe src='http://127.0.0.1:9/frame.html'></iframe>"
        f"<article><h1>{p2[0]}</h1><img src='http://127.0.0.1:9/photo.jpg'>{body2}</article>"
        "<form action='http://127.0.0.1:9/post' method='post'><input name='q'>"
        "<button>Send</button></form>"
        + "<script>"
        + "var x = 1;\n" * 20_000
        + "</script>"
        + "</body></html>"
    )
    (folder / "scripts-and-remote.html").write_text(hostile, encoding="utf-8")
    made["scripts-and-remote.html"] = Expect("read", "HTML with scripts, frames, forms", marker2)
    return made


def _bad_packages(folder: Path, rng: random.Random) -> dict[str, Expect]:
    made: dict[str, Expect] = {}
    _t, _marker, paragraphs = article_text(90021, rng)

    bomb = io.BytesIO(simple_docx(paragraphs))
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as package:
        zip_bomb_member(package, "word/media/image1.png", 300)
    (folder / "zip-bomb.docx").write_bytes(bomb.getvalue())
    made["zip-bomb.docx"] = Expect("fail", "DOCX zip bomb")

    epub_bomb = io.BytesIO(simple_epub(paragraphs[0], {"OEBPS/c1.xhtml": "<p>x</p>"}))
    with zipfile.ZipFile(epub_bomb, "a", zipfile.ZIP_DEFLATED) as package:
        zip_bomb_member(package, "OEBPS/c2.xhtml", 300)
    (folder / "zip-bomb.epub").write_bytes(epub_bomb.getvalue())
    made["zip-bomb.epub"] = Expect("fail", "EPUB zip bomb")

    (folder / "entity-bomb.docx").write_bytes(simple_docx(["&i;", *paragraphs], _ENTITY_BOMB))
    made["entity-bomb.docx"] = Expect("fail", "DOCX with an XML entity bomb")

    # Members named ../../x or /etc/x: never written anywhere (members are only looked up
    # by name), so the package reads as the article it holds.
    _t, marker_slip, p_slip = article_text(90022, rng)
    chapter = "".join(f"<p>{p}</p>" for p in p_slip[1:])
    slip = simple_epub(
        p_slip[0],
        {"OEBPS/c1.xhtml": chapter},
        extra={"../../escaped.xhtml": b"<html/>", "/etc/absolute.txt": b"x"},
    )
    (folder / "zip-slip.epub").write_bytes(slip)
    made["zip-slip.epub"] = Expect("read", "EPUB with ../ paths", marker_slip)
    _t, marker_slip2, p_slip2 = article_text(90023, rng)
    slip_docx = simple_docx(p_slip2, extra={"../../../tmp/escaped.xml": b"<x/>"})
    (folder / "zip-slip.docx").write_bytes(slip_docx)
    made["zip-slip.docx"] = Expect("read", "DOCX with ../ paths", marker_slip2)

    (folder / "not-a-zip.docx").write_bytes(b"PK\x03\x04" + bytes(200))
    made["not-a-zip.docx"] = Expect("fail", "broken zip named .docx")
    return made


def _bad_pdfs(folder: Path, rng: random.Random, bomb_mb: int) -> dict[str, Expect]:
    made: dict[str, Expect] = {}
    _t, _marker, paragraphs = article_text(90031, rng)
    whole = simple_pdf(paragraphs)
    (folder / "truncated.pdf").write_bytes(whole[: len(whole) // 3])
    made["truncated.pdf"] = Expect("fail", "truncated PDF")
    (folder / "encrypted.pdf").write_bytes(simple_pdf(paragraphs, encrypt=True))
    made["encrypted.pdf"] = Expect("fail", "encrypted PDF")
    (folder / "form-bomb.pdf").write_bytes(form_bomb_pdf())
    made["form-bomb.pdf"] = Expect("fail", "PDF that makes the parser loop")
    if bomb_mb:
        (folder / "stream-bomb.pdf").write_bytes(stream_bomb_pdf(bomb_mb))
        made["stream-bomb.pdf"] = Expect("fail", f"PDF whose content inflates to {bomb_mb} MB")
    (folder / "not-a-pdf.pdf").write_bytes(b"<html>this was saved with the wrong name</html>")
    made["not-a-pdf.pdf"] = Expect("fail", "HTML named .pdf")
    return made


def _bad_file_system(folder: Path, outside: Path) -> dict[str, Expect]:
    made: dict[str, Expect] = {}
    outside.mkdir(parents=True, exist_ok=True)
    secret = outside / "private-diary.txt"
    secret.write_text("Private diary\n\n\u201cNot for the archive,\u201d she said.\n")
    links = folder / "links"
    links.mkdir()
    os.symlink("..", links / "loop-to-parent")  # a folder link back up: a walk would loop
    made["links/loop-to-parent"] = Expect("skip", "link to a folder inside the folder")
    os.symlink("self.txt", links / "self.txt")
    made["links/self.txt"] = Expect("fail", "symbolic link to itself")
    os.symlink("ping.txt", links / "pong.txt")
    os.symlink("pong.txt", links / "ping.txt")
    made["links/ping.txt"] = Expect("fail", "symbolic link loop")
    made["links/pong.txt"] = Expect("fail", "symbolic link loop")
    os.symlink(secret, links / "outside-file.txt")
    made["links/outside-file.txt"] = Expect("fail", "link to a file outside the folder")
    os.symlink(outside, links / "outside-folder")
    made["links/outside-folder"] = Expect("fail", "link to a folder outside the folder")
    os.symlink("../empty.txt", links / "inside-file.txt")  # read where it is, not twice
    made["links/inside-file.txt"] = Expect("skip", "link to a file inside the folder")
    os.symlink("gone.txt", links / "dangling.txt")
    made["links/dangling.txt"] = Expect("fail", "dangling link")

    locked = folder / "no-permission.txt"
    locked.write_text("Locked\n\n\u201cYou cannot read me,\u201d said the file.\n")
    locked.chmod(0)
    # As root the mode does not stop a read: the file is then an ordinary article.
    made["no-permission.txt"] = (
        Expect("read", "file without read permission (root reads it)", "Locked")
        if os.geteuid() == 0
        else Expect("fail", "file without read permission")
    )

    if sys.platform.startswith("linux"):
        name = b"caf\xe9-latin1-name.txt"
        with open(os.path.join(os.fsencode(folder), name), "wb") as handle:
            handle.write("Latin-1 name\n\n\u201cMy name is not UTF-8,\u201d said Ana.\n".encode())
        made[os.fsdecode(name)] = Expect("fail", "file name that is not valid UTF-8")

    os.mkfifo(folder / "named-pipe.txt")  # reading it would block for ever
    made["named-pipe.txt"] = Expect("skip", "named pipe")
    return made


def build(
    folder: Path,
    articles: int = 12,
    huge: bool = True,
    outside: Path | None = None,
    seed: int = 9,
    bomb_mb: int = 1100,
) -> dict[str, Expect]:
    """Write every bad input and ``articles`` ordinary articles into ``folder`` (made
    anew; it must not exist or be empty). Returns what a correct indexer does with each
    path (paths relative to ``folder``; a non-UTF-8 name as ``os.fsdecode`` gives it).
    ``huge``: the 2 GB sparse file and the 50 MB line; ``bomb_mb``: what the PDF stream
    bomb inflates to (past the sandbox's memory budget; 0 leaves it out)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    manifest = write_articles(folder, articles, seed)
    bad = folder / "bad"
    bad.mkdir()
    for relpath, expect in {
        **_bad_text_files(bad, rng, huge),
        **_bad_web_pages(bad, rng),
        **_bad_packages(bad, rng),
        **_bad_pdfs(bad, rng, bomb_mb if huge else 0),
        **_bad_file_system(bad, outside or folder.with_name(folder.name + "-outside")),
    }.items():
        manifest[f"bad/{relpath}"] = expect
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", type=Path, help="the folder to write (default: a new temporary one)"
    )
    parser.add_argument("--articles", type=int, default=12, help="ordinary articles (default 12)")
    parser.add_argument("--no-huge", action="store_true", help="leave out the 2 GB and 50 MB files")
    parser.add_argument("--manifest", type=Path, help="write what is expected of each path here")
    options = parser.parse_args(argv)
    folder = options.out or Path(tempfile.mkdtemp(prefix="archiveapp-bad-")) / "archive"
    if folder.exists() and any(folder.iterdir()):
        parser.error(f"{folder} is not empty")
    manifest = build(folder, options.articles, huge=not options.no_huge)
    if options.manifest:
        data = {path: asdict(expect) for path, expect in manifest.items()}
        options.manifest.write_text(json.dumps(data, indent=1))
    kinds: dict[str, int] = {}
    for expect in manifest.values():
        kinds[expect.kind] = kinds.get(expect.kind, 0) + 1
    print(f"{folder}: " + ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
