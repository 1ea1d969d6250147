"""Help texts of the window: the search syntax and About."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ... import __version__

SEARCH_HELP = """<h3>Searching</h3>
<p>Results appear as you type. Words are matched in any form (<i>coalition</i> finds
<i>coalitions</i>).</p>
<table cellspacing="6">
<tr><td><code>drone coalition</code></td><td>documents with both words</td></tr>
<tr><td><code>drone OR uav</code></td><td>either word</td></tr>
<tr><td><code>drone NOT test</code></td><td>without a word</td></tr>
<tr><td><code>"defense industry"</code></td><td>a phrase</td></tr>
<tr><td><code>innovat*</code></td><td>words that start so</td></tr>
<tr><td><code>speaker:Fedorov</code></td><td>quoted speaker</td></tr>
<tr><td><code>title:budget</code></td><td>words in the title</td></tr>
<tr><td><code>author:Okafor</code></td><td>the article's author</td></tr>
<tr><td><code>outlet:"Harwick Courier"</code></td><td>the publication</td></tr>
<tr><td><code>date:2025-03</code></td><td>a year, month or day</td></tr>
<tr><td><code>date:[2025-01 TO 2025-06]</code></td><td>a range of dates</td></tr>
<tr><td><code>tag:economy</code>, <code>tag:"flood risk"</code></td><td>quotes you tagged so
(<code>tag:*</code> any tag)</td></tr>
<tr><td><code>note:minutes</code></td><td>quotes whose note has the word</td></tr>
<tr><td><code>NOT tag:checked</code></td><td>quotes without that tag</td></tr>
</table>
<p><code>tag:</code> and <code>note:</code> narrow the rest of the search (AND); they
cannot go inside brackets or beside OR.</p>
<p>A search narrows all panes: the documents that match, their speakers and quotes, and
the quotes whose own words match.</p>"""


def show_search_help(parent: QWidget) -> None:
    QMessageBox.information(parent, "Search syntax", SEARCH_HELP)


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        "About archiveapp",
        f"<h3>archiveapp {__version__}</h3><p>An offline archive browser for researchers "
        "who work with what people said in the news: documents, speakers and quotes as "
        "three linked views of one archive.</p><p>Index and annotations stay on this "
        "computer.</p>",
    )
