"""Atom 1.0 documents (RFC 4287) from plain entries, with the standard library.

Why xml.etree: it escapes every text and attribute value, so a council name or a sentence can
never break the XML. Ids are tag: URIs (RFC 4151) built from stable keys (a release id, a council
series), so a feed reader sees an entry once however often the feed is fetched.
"""

from __future__ import annotations

import datetime as dt
import html
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

ATOM_NS = "http://www.w3.org/2005/Atom"
TAG_PREFIX = "tag:caseload-watch,2026:"
AUTHOR = "Caseload Watch"
MEDIA_TYPE = "application/atom+xml; charset=utf-8"

ET.register_namespace("", ATOM_NS)


@dataclass(frozen=True)
class Entry:
    id: str  # a tag: URI
    title: str
    updated: dt.datetime | None
    link: str  # absolute address of the page the entry is about
    lines: Sequence[str]  # what changed, one sentence each


def tag(*parts: str) -> str:
    """`tag:caseload-watch,2026:release/<id>` from ('release', id)."""
    return TAG_PREFIX + "/".join(parts)


def rfc3339(when: dt.datetime | None) -> str:
    """UTC, to the second; a naive time is taken as UTC (release times are stored in UTC)."""
    when = when or dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _el(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ATOM_NS}}}{name}", attrs)
    if text is not None:
        node.text = text
    return node


def feed(*, feed_id: str, title: str, subtitle: str, self_href: str, alternate_href: str,
         updated: dt.datetime | None, entries: Sequence[Entry]) -> bytes:
    """The whole document, UTF-8. `updated` is the feed's (the latest release when it has no entry)."""
    root = ET.Element(f"{{{ATOM_NS}}}feed")
    _el(root, "id", feed_id)
    _el(root, "title", title)
    _el(root, "subtitle", subtitle)
    newest = max((e.updated for e in entries if e.updated), default=None)
    _el(root, "updated", rfc3339(max(filter(None, (newest, updated)), default=None)))
    _el(_el(root, "author"), "name", AUTHOR)
    _el(root, "link", rel="self", type="application/atom+xml", href=self_href)
    _el(root, "link", rel="alternate", type="text/html", href=alternate_href)
    for e in entries:
        node = _el(root, "entry")
        _el(node, "id", e.id)
        _el(node, "title", e.title)
        _el(node, "updated", rfc3339(e.updated))
        _el(node, "link", rel="alternate", type="text/html", href=e.link)
        _el(node, "summary", " ".join(e.lines), type="text")
        items = "".join(f"<li>{html.escape(line)}</li>" for line in e.lines)
        _el(node, "content", f"<ul>{items}</ul>", type="html")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
