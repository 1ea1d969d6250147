"""What Qt's OpenDocument writer leaves out of an .odt, added to the file it wrote.

QTextDocumentWriter writes every block as a plain paragraph with its formatting, and
nothing else: no headings (so no outline or navigator in LibreOffice), no paragraph
direction (Hebrew set left to right), no page size, no page numbers, no title. Each block's
paragraph style is named after its format's index in the document ("p12"), so the blocks
that are headings or right to left can be found again in its XML.

Should a later Qt write its XML differently, the patterns below find nothing and the file
stays as Qt wrote it: still a valid document.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Collection, Mapping
from html import escape
from pathlib import Path

_MARGINS = {"top": "18mm", "bottom": "12mm", "left": "22mm", "right": "22mm"}

_STYLES = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2">
 <office:automatic-styles>
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="210mm" fo:page-height="297mm" \
style:print-orientation="portrait" fo:margin-top="{top}" fo:margin-bottom="{bottom}" \
fo:margin-left="{left}" fo:margin-right="{right}"/>
   <style:footer-style><style:header-footer-properties fo:min-height="0mm" \
fo:margin-top="5mm"/></style:footer-style>
  </style:page-layout>
  <style:style style:name="MP1" style:family="paragraph">
   <style:paragraph-properties fo:text-align="end"/>
   <style:text-properties fo:font-size="8pt" fo:color="#6b6b6b"/>
  </style:style>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">
   <style:footer><text:p text:style-name="MP1">page <text:page-number \
text:select-page="current">1</text:page-number> of <text:page-count>1</text:page-count>\
</text:p></style:footer>
  </style:master-page>
 </office:master-styles>
</office:document-styles>
"""

_META = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
xmlns:dc="http://purl.org/dc/elements/1.1/" \
xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.2">
 <office:meta>
  <meta:generator>archiveapp</meta:generator>
  <dc:title>{title}</dc:title>
  <dc:description>{description}</dc:description>
 </office:meta>
</office:document-meta>
"""

_ADDED = {"styles.xml": "text/xml", "meta.xml": "text/xml"}


def finish(
    path: Path,
    title: str,
    description: str,
    headings: Mapping[int, int],
    right_to_left: Collection[int],
) -> None:
    """``headings``: heading level by paragraph format index; ``right_to_left``: the
    format indices of right-to-left paragraphs."""
    with zipfile.ZipFile(path) as written:
        members = [(info, written.read(info)) for info in written.infolist()]
    added = {
        "styles.xml": _STYLES.format(**_MARGINS),
        "meta.xml": _META.format(title=escape(title), description=escape(description)),
    }
    # ODF wants "mimetype" first and stored uncompressed: it is rewritten as Qt wrote it.
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as finished:
        for info, data in members:
            if info.filename in added:
                continue
            if info.filename == "content.xml":
                text = _content(data.decode("utf-8"), headings, right_to_left)
                data = text.encode("utf-8")
            elif info.filename == "META-INF/manifest.xml":
                data = _manifest(data.decode("utf-8")).encode("utf-8")
            finished.writestr(info, data, compress_type=info.compress_type)
        for name, text in added.items():
            finished.writestr(name, text.encode("utf-8"))


def _content(xml: str, headings: Mapping[int, int], right_to_left: Collection[int]) -> str:
    for index, level in headings.items():
        xml = re.sub(
            rf'<text:p text:style-name="p{index}">(.*?)</text:p>',
            rf'<text:h text:style-name="p{index}" text:outline-level="{level}">\1</text:h>',
            xml,
            flags=re.DOTALL,
        )
    # "right" rather than "start": LibreOffice 7 aligns a right-to-left "start" to the left.
    for index in right_to_left:
        xml = re.sub(
            rf'(<style:style style:name="p{index}" style:family="paragraph">\s*'
            r"<style:paragraph-properties)",
            r'\1 style:writing-mode="rl-tb" fo:text-align="right"',
            xml,
        )
    # Qt puts a tab before each line break, for justified text; ours is not justified,
    # and the tab would show as a wide gap where a note's line ends.
    return re.sub(r"<text:tab/>\s*<text:line-break/>", "<text:line-break/>", xml)


def _manifest(xml: str) -> str:
    entries = "".join(
        f' <manifest:file-entry manifest:media-type="{kind}" manifest:full-path="{name}"/>\n'
        for name, kind in _ADDED.items()
        if f'manifest:full-path="{name}"' not in xml
    )
    return xml.replace("</manifest:manifest>", entries + "</manifest:manifest>")
