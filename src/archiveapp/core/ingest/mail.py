"""Readers for saved e-mails (.eml) and web archives (.mhtml, .mht), both MIME messages
read with the standard ``email`` package.

An e-mail gives its Subject as the title, the From name as the author and its Date; the
text is the text/plain part, or the HTML part through trafilatura when there is no plain
one. An MHTML file is a saved web page: its HTML part goes to the HTML reader, and its
Subject and Content-Location fill in a title and address the page itself lacks."""

from __future__ import annotations

import email
import email.policy
from dataclasses import replace
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime

from ..errors import ReadError
from ..model import Document
from .compose import clean, compose
from .html import read_html_text


def read_eml(data: bytes, relpath: str) -> Document:
    message = _message(data)
    if not any(message.get(h) for h in ("From", "Subject", "Date", "Message-ID")):
        raise ReadError("not an e-mail: it has no From, Subject or Date header")
    title = _header(message, "Subject")
    author = _sender(message)
    date = _date(message)
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        raise ReadError("the e-mail has no text part")
    content = _content(part)
    if part.get_content_subtype() == "html":
        page = read_html_text(content, relpath, fmt="eml")
        return replace(
            page,
            title=title or page.title,
            author=author or page.author,
            date=date or page.date,
        )
    return compose(content, relpath, "eml", title=title, author=author, date=date)


def read_mhtml(data: bytes, relpath: str) -> Document:
    message = _message(data)
    part = message.get_body(preferencelist=("html",))
    if part is None:
        part = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
    if part is None:
        raise ReadError("not a saved web page: the MHTML file has no HTML part")
    page = read_html_text(_content(part), relpath, fmt="mhtml")
    location = (
        clean(message.get("Snapshot-Content-Location")) or clean(part.get("Content-Location")) or ""
    )
    return replace(
        page,
        title=page.title
        if page.title != _stem(relpath)
        else _header(message, "Subject") or page.title,
        url=page.url or (location if location.startswith(("http://", "https://")) else None),
    )


def _message(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)  # what policy.default builds
    return message


def _content(part: EmailMessage) -> str:
    try:
        content = part.get_content()
    except (LookupError, ValueError):
        # An unknown or wrong charset: the bytes as Latin-1 lose no text, only accents.
        payload = part.get_payload(decode=True)
        content = payload.decode("latin-1") if isinstance(payload, bytes) else ""
    return content if isinstance(content, str) else ""


def _header(message: EmailMessage, name: str) -> str | None:
    try:
        return clean(str(message.get(name) or ""))
    except (ValueError, IndexError):  # a malformed header the policy cannot parse
        return None


def _sender(message: EmailMessage) -> str | None:
    sender = _header(message, "From")
    if not sender:
        return None
    name, address = next(iter(getaddresses([sender])), ("", ""))
    return clean(name) or clean(address)


def _date(message: EmailMessage) -> str | None:
    value = _header(message, "Date")
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError):
        return None


def _stem(relpath: str) -> str:
    return relpath.rsplit("/", 1)[-1].rsplit(".", 1)[0]
