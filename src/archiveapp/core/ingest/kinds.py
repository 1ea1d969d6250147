"""Which files in an archive folder are not articles, and what to say about those that
look like documents but cannot be read.

A file is either read (its suffix has a reader), left out silently (``IGNORED``: media,
archives, programs, temporary files: nobody expects quotes from them), or listed as a
failure with a reason. Anything else is listed too, never guessed at: a file of an
unknown type read as text would be garbage in the archive."""

from __future__ import annotations

from pathlib import PurePath

IGNORED = frozenset(
    """
    .jpg .jpeg .png .gif .webp .bmp .tif .tiff .svg .ico .heic .avif .psd .raw .cr2 .nef
    .mp3 .wav .ogg .oga .flac .m4a .aac .opus .wma .aiff .mid .midi
    .mp4 .m4v .mov .avi .mkv .webm .wmv .flv .mpg .mpeg .3gp
    .zip .7z .rar .tar .gz .tgz .bz2 .xz .zst .iso .dmg .cab
    .exe .dll .so .dylib .bin .msi .app .apk .deb .rpm .jar .pyc .o .class .sh .bat .cmd
    .ttf .otf .woff .woff2 .eot .css .js .mjs .map .json .xml .lock
    .tmp .temp .part .crdownload .partial .bak .swp .swo .ds_store .db .ini .lnk .url .torrent
    .sqlite .sqlite3 .sqlite3-wal .sqlite3-shm .sqlite3-journal
    """.split()
)

# Documents a researcher may well drop in the folder, with how to make them readable.
ADVICE = {
    ".doc": "save it as .docx or PDF",
    ".dot": "save it as .docx or PDF",
    ".wpd": "save it as .docx or PDF",
    ".wps": "save it as .docx or PDF",
    ".pages": "export it as .docx or PDF",
    ".xls": "not an article; save the text as .docx or .txt",
    ".xlsx": "not an article; save the text as .docx or .txt",
    ".ods": "not an article; save the text as .odt or .txt",
    ".ppt": "not an article; save the text as .docx or PDF",
    ".pptx": "not an article; save the text as .docx or PDF",
    ".odp": "not an article; save the text as .odt or PDF",
    ".key": "not an article; export it as PDF",
    ".msg": "save the message as .eml from the mail program",
    ".mbox": "save each message as .eml",
    ".xps": "print it to PDF",
    ".djvu": "convert it to PDF",
    ".mobi": "convert it to EPUB",
    ".azw": "convert it to EPUB",
    ".azw3": "convert it to EPUB",
    ".webarchive": "save the page as .html or .mhtml",
}


def is_ignored(path: PurePath) -> bool:
    return is_ignored_name(path.name)


def is_ignored_name(name: str) -> bool:
    # Word's lock files (~$article.docx) and editors' backups (article.txt~).
    dot = name.rfind(".")
    suffix = name[dot:].lower() if dot > 0 else ""  # as PurePath.suffix: ".bashrc" has none
    return suffix in IGNORED or name.startswith("~$") or name.endswith("~")


UNSUPPORTED = "unsupported file type"


def unsupported_reason(path: PurePath) -> str:
    """One line for the failures list: why this file is not read and what to do."""
    suffix = path.suffix.lower()
    if not suffix:
        return f"{UNSUPPORTED} (the name has no suffix): it is not read"
    advice = ADVICE.get(suffix, "archiveapp does not read this type")
    return f"{UNSUPPORTED} {suffix}: {advice}"
