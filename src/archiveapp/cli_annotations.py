"""The command-line side of annotations: tag, untag, note, tags, and annotations
export / import / list. Registered on the main parser by ``cli.build_parser``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .core.errors import ArchiveError
from .core.model import Annotation

if TYPE_CHECKING:
    from .core.archive import Archive

COMMANDS = ("tag", "untag", "note", "tags", "annotations")


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    tag = _command(commands, "tag", "give a quote one or more tags")
    tag.add_argument("quote_id", metavar="QUOTE_ID", help="as 'archiveapp quotes' shows it")
    tag.add_argument("tags", nargs="+", metavar="TAG")
    tag.set_defaults(run=_run_tag)

    untag = _command(commands, "untag", "take tags off a quote")
    untag.add_argument("quote_id", metavar="QUOTE_ID")
    untag.add_argument("tags", nargs="+", metavar="TAG")
    untag.set_defaults(run=_run_untag)

    note = _command(commands, "note", "set a quote's note ('' removes it)")
    note.add_argument("quote_id", metavar="QUOTE_ID")
    note.add_argument("text", metavar="TEXT")
    note.set_defaults(run=_run_note)

    tags = _command(commands, "tags", "list tags with the number of quotes carrying each")
    tags.add_argument("--json", action="store_true", help="print one JSON array")
    tags.set_defaults(run=_run_tags)

    annotations = commands.add_parser(
        "annotations",
        help="export, import or list tags, notes and corrections",
        description="Export, import or list the tags, notes and corrections of an archive.",
    )
    actions = annotations.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = _command(actions, "export", "write every annotation (orphans too) to a JSON file")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.json")
    export.set_defaults(run=_run_export)
    imported = _command(actions, "import", "merge annotations from a JSON file")
    imported.add_argument("file", type=Path, metavar="FILE.json")
    imported.set_defaults(run=_run_import)
    listing = _command(actions, "list", "list annotations")
    listing.add_argument("--orphaned", action="store_true", help="only those without a quote")
    listing.add_argument("--json", action="store_true", help="print one JSON array")
    listing.set_defaults(run=_run_list)
    restore = actions.add_parser(
        "restore",
        help="put a backup in place of the annotations database (the old file is kept aside)",
        description="Put the newest backup (or --from FILE) in place of the annotations "
        "database. The file it replaces, damaged or not, is renamed, never deleted.",
    )
    restore.add_argument("folder", type=Path, metavar="FOLDER", help="the archive folder")
    restore.add_argument("--data-dir", type=Path, help="where the archive's data is kept")
    restore.add_argument("--from", dest="source", type=Path, metavar="FILE", help="a backup")
    restore.set_defaults(run=_run_restore, sample=False)


def _command(commands, name: str, help_text: str) -> argparse.ArgumentParser:  # type: ignore[no-untyped-def]
    command = commands.add_parser(name, help=help_text, description=help_text)
    command.add_argument("folder", type=Path, metavar="FOLDER", help="the archive folder")
    command.add_argument("--data-dir", type=Path, help="keep the archive's database and index here")
    command.set_defaults(sample=False)
    return command


def _open(options: argparse.Namespace) -> Archive:
    from .cli import open_archive  # the shared opening (and first indexing) of an archive

    return open_archive(options)


def _run_tag(options: argparse.Namespace) -> int:
    with _open(options) as archive:
        archive.annotations.tag([options.quote_id], options.tags)
        print(f"{options.quote_id}: {_tags_of(archive, options.quote_id)}")
    return 0


def _run_untag(options: argparse.Namespace) -> int:
    with _open(options) as archive:
        change = archive.annotations.untag([options.quote_id], options.tags)
        if change.empty:
            print(f"{options.quote_id} had none of those tags", file=sys.stderr)
        print(f"{options.quote_id}: {_tags_of(archive, options.quote_id)}")
    return 0


def _run_note(options: argparse.Namespace) -> int:
    with _open(options) as archive:
        archive.annotations.set_note(options.quote_id, options.text)
        print(f"{options.quote_id}: note {'set' if options.text.strip() else 'removed'}")
    return 0


def _run_tags(options: argparse.Namespace) -> int:
    from .cli import print_json

    with _open(options) as archive:
        tags = archive.annotations.tags()
        if options.json:
            return print_json([t.as_json() for t in tags])
        for tag in tags:
            print(f"{tag.quotes:>6}  {tag.name}")
        if not tags:
            print(
                "No tags yet: give one with 'archiveapp tag FOLDER QUOTE_ID TAG'", file=sys.stderr
            )
    return 0


def _run_export(options: argparse.Namespace) -> int:
    output: Path = options.output
    if output.is_dir():
        raise ArchiveError(f"{output} is a folder: give a file name, e.g. {output}/notes.json")
    with _open(options) as archive:
        count = archive.annotations.export(output)
        orphans = len(archive.annotations.orphans())
    extra = f" ({orphans} orphaned)" if orphans else ""
    print(f"{count} annotations{extra} written to {output}")
    return 0


def _run_import(options: argparse.Namespace) -> int:
    with _open(options) as archive:
        report = archive.annotations.import_(options.file)
        orphans = len(archive.annotations.orphans())
    print(
        f"{report.added} annotations added, {report.merged} merged, {report.unchanged} "
        f"already here; {report.tags_created} new tags"
    )
    for conflict in report.conflicts:
        print(f"  conflict: {conflict}")
    if orphans:
        print(
            f"  {orphans} annotations have no quote (list them: archiveapp annotations list "
            f"{options.folder} --orphaned)"
        )
    return 0


def _run_list(options: argparse.Namespace) -> int:
    from .cli import print_json

    with _open(options) as archive:
        found = archive.annotations.orphans() if options.orphaned else archive.annotations.all()
        if options.json:
            return print_json([a.as_json() for a in found])
        for annotation in found:
            print(_line(annotation))
    return 0


def _run_restore(options: argparse.Namespace) -> int:
    """Not through ``open_archive``: opening refuses the damaged file this replaces."""
    from .core.annotations.backups import restore_archive_annotations
    from .core.location import choose_data_location

    folder = options.folder.expanduser()
    if not folder.is_dir():
        raise ArchiveError(f"{folder} is not a folder: give the archive folder")
    data_dir = choose_data_location(folder.resolve(), options.data_dir).path
    if not (data_dir / "annotations.sqlite3").exists() and options.source is None:
        raise ArchiveError(f"{folder} has no annotations database in {data_dir}")
    used, aside = restore_archive_annotations(data_dir, options.source)
    print(f"restored the annotations from {used}")
    if aside is not None:
        print(f"  the file it replaced is kept as {aside}")
    options.command = "annotations"
    with _open(options) as archive:  # brings the quotes in line with the restored file
        print(f"  {len(archive.annotations.all())} annotations")
    return 0


def _tags_of(archive: Archive, quote_id: str) -> str:
    annotation = archive.annotations.of_quote(quote_id)
    tags = annotation.tags if annotation else ()
    return "tags " + ", ".join(tags) if tags else "no tags"


def _line(a: Annotation) -> str:
    state = "ORPHANED " if a.orphaned else ""
    parts = [f"tags: {', '.join(a.tags)}" if a.tags else "", f"note: {a.note}" if a.note else ""]
    if a.speaker:
        parts.append(f"speaker: {a.speaker}")
    if a.not_a_quote:
        parts.append("not a quote")
    text = a.text if len(a.text) <= 70 else a.text[:69] + "…"
    details = "; ".join(p for p in parts if p)
    return f"{state}{a.document}: {text}\n    {details}  [{a.quote_id or 'no quote'}]"
