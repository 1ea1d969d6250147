"""Command line front end over ``Archive``. Every listing takes ``--json``.

Errors the user can fix come out as one line on stderr (``archiveapp: error: ...``) and a
non-zero exit status, never as a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from . import __version__, cli_annotations, cli_export
from .core.errors import ArchiveError, one_line
from .core.extract import extract_quotes
from .core.location import sample_archive_path
from .core.model import Progress, Quote, SearchHit, Speaker, UpdateReport
from .core.search import ENGINES

if TYPE_CHECKING:
    from .core.archive import Archive

COMMANDS = (
    "index",
    "search",
    "quotes",
    "speakers",
    "documents",
    "extract",
    *cli_annotations.COMMANDS,
    *cli_export.COMMANDS,
)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    # No command: the window (archiveapp, archiveapp FOLDER, archiveapp --sample,
    # archiveapp FOLDER --screenshot F.png); -h and --version stay with this parser.
    if not args or (args[0] not in COMMANDS and args[0] not in ("-h", "--help", "--version")):
        if _looks_like_a_mistyped_command(args):
            return _fail(f"unknown command {args[0]!r}: use one of {', '.join(COMMANDS)}")
        return _open_gui(args)
    parser = build_parser()
    options = parser.parse_args(args)
    if options.command is None:
        parser.print_help()
        return 0
    try:
        return options.run(options)
    except ArchiveError as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        print("archiveapp: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # a bug: one line on the user's terminal, not a traceback
        if os.environ.get("ARCHIVEAPP_DEBUG"):
            raise
        return _fail(
            f"unexpected {type(error).__name__}: {one_line(error)} "
            "(a bug: please report it; ARCHIVEAPP_DEBUG=1 shows where it happened)"
        )


def _looks_like_a_mistyped_command(args: list[str]) -> bool:
    """ "archiveapp serach F q": a bare word that is no folder, followed by more arguments."""
    first = args[0]
    return (
        len(args) > 1
        and not first.startswith("-")
        and "/" not in first
        and not Path(first).exists()
        and not args[1].startswith("-")
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="archiveapp",
        description="Index a folder of news articles and list its quotes and speakers.",
        epilog="Run 'archiveapp FOLDER' (or plain 'archiveapp') to open the desktop window.",
    )
    parser.add_argument("--version", action="version", version=f"archiveapp {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    parser.set_defaults(command=None)

    index = _archive_command(commands, "index", "index a folder (new, changed and deleted files)")
    index.add_argument(
        "--rebuild", action="store_true", help="re-read every file and rebuild the index"
    )
    _json_flag(index, "print one JSON object: what changed, and every file that could not be read")
    index.set_defaults(run=_run_index)

    search = _archive_command(commands, "search", "search documents (Whoosh query syntax)")
    search.add_argument("query", help="e.g. 'coalition AND drone*', 'speaker:Fedorov', 'date:2024'")
    search.add_argument("--limit", type=_positive, default=20, help="at most N hits (default 20)")
    _json_flag(search)
    search.set_defaults(run=_run_search)

    quotes = _archive_command(commands, "quotes", "list quotes, optionally narrowed")
    quotes.add_argument("--speaker", help="a speaker's name or surname")
    quotes.add_argument("--document", help="a document's path (relative to the folder)")
    quotes.add_argument(
        "--query", help="words in the quote or its speaker (Whoosh syntax; tag:, note: too)"
    )
    quotes.add_argument("--tag", help="only quotes with this tag")
    quotes.add_argument(
        "--not-quotes", action="store_true", help='list those marked "not a quote" instead'
    )
    _json_flag(quotes)
    quotes.set_defaults(run=_run_quotes)

    speakers = _archive_command(
        commands, "speakers", "list speakers with quote and document counts"
    )
    _json_flag(speakers)
    speakers.set_defaults(run=_run_speakers)

    documents = _archive_command(commands, "documents", "list documents with their quote counts")
    _json_flag(documents)
    documents.set_defaults(run=_run_documents)

    extract = commands.add_parser("extract", help="quotes of single files, no archive needed")
    extract.add_argument("files", nargs="*", type=Path, metavar="FILE")
    extract.add_argument(
        "--jsonl", type=Path, metavar="IN", help="records with 'id' and 'text', one per line"
    )
    extract.add_argument(
        "--out", type=Path, metavar="OUT", help="where --jsonl writes its predictions"
    )
    _json_flag(extract)
    extract.set_defaults(run=_run_extract)
    cli_annotations.add_commands(commands)
    cli_export.add_commands(commands)
    return parser


def _archive_command(commands, name: str, help_text: str) -> argparse.ArgumentParser:
    command = commands.add_parser(name, help=help_text, description=help_text)
    where = command.add_mutually_exclusive_group(required=True)
    where.add_argument("folder", nargs="?", type=Path, help="the archive folder")
    where.add_argument("--sample", action="store_true", help="use the bundled sample archive")
    command.add_argument("--data-dir", type=Path, help="keep the archive's database and index here")
    command.add_argument(
        "--engine",
        choices=ENGINES,
        help="search engine, remembered for this archive (default: the one it has, else whoosh)",
    )
    return command


def _json_flag(command: argparse.ArgumentParser, help_text: str = "print one JSON array") -> None:
    command.add_argument("--json", action="store_true", help=help_text)


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


# -- commands ----------------------------------------------------------------------------


def open_archive(options: argparse.Namespace, quiet: bool = False) -> Archive:
    # Imported here: the archive brings every reader and the index, which `extract --jsonl`
    # and --help do not need.
    from .core.archive import Archive

    folder = sample_archive_path() if options.sample else options.folder
    # Commands without --engine (annotations, export) keep the archive's engine.
    engine = getattr(options, "engine", None)
    archive = Archive.open(folder, data_dir=options.data_dir, engine=engine)
    if archive.data_note and not quiet:
        print(
            f"archiveapp: {archive.data_note}; archive data kept in {archive.data_dir}",
            file=sys.stderr,
        )
    if archive.index_notice:
        print(f"archiveapp: {archive.index_notice}", file=sys.stderr)
    if options.command != "index" and (not archive.is_indexed or archive.is_outdated):
        if not _say_if_waiting(archive):
            print(f"archiveapp: indexing {archive.folder} first", file=sys.stderr)
        try:
            _summarise(archive, archive.update(progress=ProgressBar(sys.stderr)), sys.stderr)
        except ArchiveError as error:
            if not archive.is_indexed:
                archive.close()
                raise
            # A full disk or a read-only data folder: the archive as it was still answers.
            print(f"archiveapp: {error}; using the archive as it is", file=sys.stderr)
    return archive


def _say_if_waiting(archive: Archive) -> bool:
    """One line when another archiveapp (the window, another command) is updating this
    archive: the update below waits for it (a minute at most, then says so), and silence
    would look like a hang. An up-to-date archive is read without waiting."""
    from .core.lock import WAITING, update_in_progress

    if not update_in_progress(archive.data_dir):
        return False
    print(f"archiveapp: {WAITING}", file=sys.stderr, flush=True)
    return True


def _run_index(options: argparse.Namespace) -> int:
    with open_archive(options) as archive:
        _say_if_waiting(archive)
        report = archive.update(progress=ProgressBar(sys.stderr), rebuild=options.rebuild)
        if options.json:
            print_json_object(_index_json(archive, report))
        else:
            _summarise(archive, report, sys.stdout)
        # Nothing could be done: files were there, and not one of them could be read. The
        # same answer on every run, not only on the run that first met the bad files.
        return 1 if archive.failures() and not archive.counts()[0] else 0


def _index_json(archive: Archive, report: UpdateReport) -> dict[str, object]:
    """What ``index --json`` prints: the update's own counts and files ("failed": the
    files this run could not read), and "unreadable": every file of the folder that is
    not in the archive, with its reason, whether this run met it first or an earlier one."""
    unreadable = {f.path: f.message for f in archive.failures()}
    unreadable.update({f.path: f.message for f in report.failed})
    return {
        "folder": str(archive.folder),
        **report.as_json(),
        "documents": archive.counts()[0],
        "unreadable": [{"path": p, "error": m} for p, m in sorted(unreadable.items())],
    }


def _summarise(archive: Archive, report: UpdateReport, out: TextIO) -> None:
    if report.nothing_changed and not report.rebuilt_index:
        print(f"Nothing changed: {report.unchanged} files up to date in {archive.folder}", file=out)
        if failures := archive.failures():
            print(f"  {len(failures)} of them could not be read:", file=out)
            for failure in failures:
                print(f"  failed: {failure.path}: {failure.message}", file=out)
        return

    print(
        f"{archive.folder}: {len(report.added)} added, {len(report.changed)} changed, "
        f"{len(report.removed)} removed, {len(report.failed)} failed, {report.unchanged} unchanged"
        + (" (cancelled)" if report.cancelled else ""),
        file=out,
    )
    if report.rebuilt_index and not report.reextracted:
        print("  the search index was rebuilt from the archive", file=out)
    if report.reextracted:
        print("  every file was read again: this archiveapp extracts quotes differently", file=out)
    for failure in report.failed:
        print(f"  failed: {failure.path}: {failure.message}", file=out)
    if not archive.documents():
        from .core.ingest import READERS

        suffixes = " ".join(sorted(READERS))
        print(f"No articles found: archiveapp reads {suffixes}", file=out)


def _run_search(options: argparse.Namespace) -> int:
    with open_archive(options) as archive:
        hits = archive.search(options.query, limit=options.limit)
        if options.json:
            return print_json([h.as_json() for h in hits])
        bold = sys.stdout.isatty()
        for hit in hits:
            print(f"{hit.title}  [{hit.path}]  score {hit.score:.2f}")
            print(f"    {_highlight(hit, bold)}")
        if not hits:
            print("No documents match.", file=sys.stderr)
    return 0


def _highlight(hit: SearchHit, bold: bool) -> str:
    opening, closing = ("\033[1m", "\033[0m") if bold else ("*", "*")
    parts, last = [], 0
    for start, end in hit.highlights:
        parts += [hit.snippet[last:start], opening, hit.snippet[start:end], closing]
        last = end
    parts.append(hit.snippet[last:])
    return "".join(parts)


def _run_quotes(options: argparse.Namespace) -> int:
    with open_archive(options) as archive:
        if options.speaker and not archive.find_speakers(options.speaker):
            raise ArchiveError(
                f"no speaker matches {options.speaker!r}: list them with 'archiveapp speakers'"
            )
        document = _document_path(archive, options.document) if options.document else None
        if document:
            archive.document(document)  # a one-line error when it is not there
        quotes = archive.quotes(
            speaker=options.speaker,
            document=document,
            query=options.query,
            tag=options.tag,
            hidden=options.not_quotes,
        )
        if options.json:
            return print_json([q.as_json() for q in quotes])
        for quote in quotes:
            print(_quote_line(quote))
    return 0


def _document_path(archive: Archive, given: str) -> str:
    """--document is relative to the archive folder; a path from the current directory to a
    file inside the folder works too."""
    if (archive.folder / given).is_file() or not Path(given).is_file():
        return given
    return str(Path(given).resolve())


def _quote_line(quote: Quote) -> str:
    who = quote.speaker or "(speaker unknown)"
    if quote.speaker_role:
        who += f", {quote.speaker_role}"
    text = " ".join(quote.text.split())
    line = f"{text}\n    — {who}  [{quote.document}:{quote.start}-{quote.end}  id {quote.id}]"
    if quote.tags:
        line += f"\n    tags: {', '.join(quote.tags)}"
    if quote.note:
        line += f"\n    note: {' '.join(quote.note.split())}"
    return line


def _run_speakers(options: argparse.Namespace) -> int:
    with open_archive(options) as archive:
        speakers = archive.speakers()
        if options.json:
            return print_json([s.as_json() for s in speakers])
        _print_speaker_table(speakers)
    return 0


def _print_speaker_table(speakers: list[Speaker]) -> None:
    width = max((len(s.name) for s in speakers), default=4)
    print(f"{'name':<{width}}  quotes  docs  role")
    for s in speakers:
        print(f"{s.name:<{width}}  {s.quotes:>6}  {s.documents:>4}  {s.role or ''}")


def _run_documents(options: argparse.Namespace) -> int:
    with open_archive(options) as archive:
        documents = archive.documents()
        if options.json:
            return print_json(
                [
                    {
                        "path": d.path,
                        "title": d.title,
                        "date": d.date,
                        "author": d.author,
                        "outlet": d.outlet,
                        "url": d.url,
                        "quotes": d.quotes,
                    }
                    for d in documents
                ]
            )
        for d in documents:
            print(f"{d.quotes:>4} quotes  {d.date or '':<10}  {d.title}  [{d.path}]")
    return 0


def _run_extract(options: argparse.Namespace) -> int:
    if options.jsonl is not None:
        if options.out is None:
            raise ArchiveError("--jsonl needs --out FILE for the predictions")
        return _extract_jsonl(options.jsonl, options.out)
    if not options.files:
        raise ArchiveError("give one or more article files, or --jsonl IN --out OUT")
    from .core.ingest import read_document  # the readers: only for files, not for --jsonl

    results = []
    for path in options.files:
        if not path.is_file():
            raise ArchiveError(f"{path}: no such file")
        try:
            document = read_document(path, path.parent)
        except ArchiveError as error:
            raise ArchiveError(f"{path}: {error}") from error
        for quote in extract_quotes(document.text):
            results.append({"file": str(path), **quote.as_json()})
            if not options.json:
                who = quote.speaker or "(speaker unknown)"
                role = f", {quote.speaker_role}" if quote.speaker_role else ""
                text = " ".join(quote.text.split())
                print(f"{path}:{quote.start}-{quote.end}  {who}{role}\n    {text}")
    return print_json(results) if options.json else 0


def _extract_jsonl(source: Path, target: Path) -> int:
    """Predictions for every record, written to a temporary file that replaces ``target``
    only when all records were read: a bad line leaves an earlier file as it was."""
    if not source.is_file():
        raise ArchiveError(f"{source}: no such file")
    if target.is_dir() or not target.parent.is_dir():
        raise ArchiveError(
            f"{target}: cannot write there (is it a folder, or is its folder missing?)"
        )
    lines = []
    try:
        with source.open(encoding="utf-8") as records:
            for number, line in enumerate(records, start=1):
                if line.strip():
                    record_id, text = _record(source, number, line)
                    quotes = [q.as_json() for q in extract_quotes(text)]
                    lines.append(
                        json.dumps({"id": record_id, "quotes": quotes}, ensure_ascii=False)
                    )
    except UnicodeDecodeError as error:
        raise ArchiveError(
            f"{source}: not UTF-8 text ({error.reason} at byte {error.start})"
        ) from error
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        partial.replace(target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise ArchiveError(f"{target}: {error.strerror or error}") from error
    print(f"{len(lines)} records written to {target}", file=sys.stderr)
    return 0


def _record(source: Path, number: int, line: str) -> tuple[object, str]:
    try:
        record = json.loads(line)
        record_id, text = record["id"], record["text"]
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        raise ArchiveError(
            f"{source}:{number}: not a record with 'id' and 'text' ({error})"
        ) from error
    if not isinstance(text, str):
        raise ArchiveError(f"{source}:{number}: 'text' must be a string, not {type(text).__name__}")
    return record_id, text


# -- helpers --------------------------------------------------------------------------


def print_json(items: list[dict[str, object]]) -> int:
    json.dump(items, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


def print_json_object(item: dict[str, object]) -> int:
    text = json.dumps(item, ensure_ascii=False, indent=1)
    try:
        sys.stdout.write(text + "\n")
    except UnicodeEncodeError:
        # A terminal that cannot show some character (or a name that is not valid
        # Unicode): JSON's own escapes say it in ASCII.
        sys.stdout.write(json.dumps(item, indent=1) + "\n")
    return 0


def _fail(message: str) -> int:
    print(f"archiveapp: error: {message}", file=sys.stderr)
    return 1


def _open_gui(args: list[str]) -> int:
    from .gui.app import run  # Qt is imported only when a window is wanted

    return run(args)


class ProgressBar:
    """A one-line progress bar on a terminal; on a pipe or log, a line every tenth."""

    def __init__(
        self, stream: TextIO, width: int = 30, done: str = "indexed", unit: str = "files"
    ) -> None:
        self.stream = stream
        self.width = width
        self.done_word = done
        self.unit = unit
        self.tty = stream.isatty()
        self._last_tenth = -1

    def __call__(self, progress: Progress) -> None:
        if progress.total == 0:
            return
        if self.tty:
            filled = self.width * progress.done // progress.total
            bar = "#" * filled + "-" * (self.width - filled)
            name = progress.path[-40:]
            end = "\n" if progress.done == progress.total else ""
            self.stream.write(f"\r[{bar}] {progress.done}/{progress.total} {name:<40}{end}")
        else:
            tenth = 10 * progress.done // progress.total
            if tenth == self._last_tenth:
                return
            self._last_tenth = tenth
            self.stream.write(f"{self.done_word} {progress.done}/{progress.total} {self.unit}\n")
        self.stream.flush()
