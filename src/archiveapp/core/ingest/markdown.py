"""Reader for Markdown articles (.md): YAML front matter for metadata, markdown-it-py for the
body, rendered to plain paragraphs so quotes are found in the words a reader sees (link
text, not URLs; no ``*`` or ``#`` markup)."""

from __future__ import annotations

import re

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..errors import ReadError
from ..model import Document
from .compose import compose
from .decode import decode_text

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_PARSER = MarkdownIt("commonmark")


def read_markdown(data: bytes, relpath: str) -> Document:
    raw, _encoding = decode_text(data)
    source = raw.replace("\r\n", "\n").replace("\r", "\n")
    meta: dict[str, object] = {}
    if front := _FRONT_MATTER.match(source):
        try:
            loaded = _load_front_matter(front.group(1))
        except yaml.YAMLError as error:
            raise ReadError(f"front matter is not valid YAML: {_first_line(error)}") from error
        meta = loaded if isinstance(loaded, dict) else {}
        source = source[front.end() :]
    return compose(
        render_plain(source),
        relpath,
        "md",
        title=_text(meta.get("title")),
        author=_text(meta.get("author")),
        date=_text(meta.get("date")),
    )


def _load_front_matter(source: str) -> object:
    """YAML without aliases: ``*name`` repeats a whole node, and nine levels of them make
    a title of a billion words out of a few lines (the YAML form of "billion laughs").
    Front matter has no use for them."""
    for event in yaml.parse(source, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            raise ReadError("front matter refused: it repeats parts of itself (YAML aliases)")
    return yaml.safe_load(source)


def render_plain(markdown: str) -> str:
    """Markdown to plain text: one paragraph per block, separated by blank lines."""
    blocks: list[str] = []
    for token in _PARSER.parse(markdown):
        if token.type == "inline":
            blocks.append(_inline_text(token.children or []))
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content.rstrip("\n"))
    return "\n\n".join(block for block in blocks if block.strip())


def _inline_text(children: list[Token]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts).strip()


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = ", ".join(str(item) for item in value)
    return str(value).strip() or None


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]
