"""``archiveapp export``: selected quotes to a document with citations."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .core import export
from .core.errors import ArchiveError
from .core.export import citations
from .core.export.model import GROUPINGS, ORDERS

COMMANDS = ("export",)


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    command = commands.add_parser(
        "export",
        help="write quotes to DOCX, ODT, PDF, HTML, Markdown, CSV or JSON, with citations",
        description=(
            "Write quotes to a document, each with its speaker and a source line. Without "
            "--speaker, --tag, --query or --ids every quote of the archive is written."
        ),
    )
    command.add_argument("folder", type=Path, metavar="FOLDER", help="the archive folder")
    command.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    command.add_argument(
        "--format",
        choices=export.FORMATS,
        help="docx, odt, pdf, html, md, csv or json (default: from the file name)",
    )
    command.add_argument("--speaker", help="a speaker's name or surname")
    command.add_argument("--tag", help="quotes with this tag")
    command.add_argument("--query", help="a search (Whoosh syntax; tag: and note: too)")
    command.add_argument("--ids", nargs="+", metavar="ID", help="these quotes, in this order")
    command.add_argument("--group-by", choices=GROUPINGS, default="none")
    command.add_argument("--order", choices=ORDERS, default="document", help="default: document")
    command.add_argument(
        "--style",
        choices=list(citations.STYLES),
        default="author-date",
        help="citation style of the source lines (default: author-date)",
    )
    command.add_argument("--title", default="Quotes", help="the document's title")
    command.add_argument(
        "--context", action="store_true", help="add the sentence before and after each quote"
    )
    for flag, what in (
        ("role", "the speaker's role"),
        ("source", "the source line"),
        ("path", "the file path in the source line"),
        ("tags", "tags"),
        ("note", "notes"),
    ):
        command.add_argument(f"--no-{flag}", action="store_true", help=f"leave out {what}")
    command.add_argument("--force", action="store_true", help="replace FILE if it exists")
    command.add_argument("--data-dir", type=Path, help="keep the archive's database and index here")
    command.set_defaults(run=_run_export, sample=False)


def _run_export(options: argparse.Namespace) -> int:
    from .cli import ProgressBar, open_archive

    output: Path = options.output
    fmt = options.format or export.format_for(output)
    if fmt is None:
        raise ArchiveError(
            f"cannot tell the format from {output.name!r}: add --format "
            f"({', '.join(export.FORMATS)}) or end the name with one"
        )
    if output.exists() and not output.is_dir() and not options.force:
        raise ArchiveError(f"{output} exists already: choose another name, or add --force")
    settings = export.ExportOptions(
        format=fmt,
        title=options.title,
        group_by=options.group_by,
        order=options.order,
        style=options.style,
        role=not options.no_role,
        source=not options.no_source,
        path=not options.no_path,
        tags=not options.no_tags,
        note=not options.no_note,
        context=options.context,
    )
    with open_archive(options) as archive:
        quotes = export.choose_quotes(
            archive, ids=options.ids, speaker=options.speaker, tag=options.tag, query=options.query
        )
        if not quotes:
            raise ArchiveError("no quotes match: nothing to export")
        document = export.build(
            archive,
            quotes,
            settings,
            progress=ProgressBar(sys.stderr, done="prepared", unit="quotes"),
        )
        written = export.write(document, output, force=options.force)
    count = f"{document.quote_count} quote" + ("" if document.quote_count == 1 else "s")
    print(f"{count} written to {written}")
    return 0
