"""The submission guide's content: every template column explained with an example.

The text is data/templates/GUIDE.md, the same file councils download beside the template,
so the page and the download never disagree.
"""

from __future__ import annotations

import re

from dash import dcc, html

from dashboard.components.table import scroll_region
from dashboard.downloads.templates import guide_text

# A Markdown pipe table: consecutive lines that start with "|".
TABLE = re.compile(r"^(?:\|[^\n]*(?:\n|$))+", re.MULTILINE)
HEADING = re.compile(r"^#+\s+(.+)$", re.MULTILINE)


def split_tables(text: str) -> list[tuple[str, str | None]]:
    """The guide in pieces, in order: (markdown, None) for prose and (table, its label) for each
    table, labelled by the heading above it, so each table can sit in its own scrolling region."""
    parts: list[tuple[str, str | None]] = []
    start = 0
    for match in TABLE.finditer(text):
        before = text[start : match.start()]
        if before.strip():
            parts.append((before, None))
        headings = HEADING.findall(text[: match.start()])
        parts.append((match.group(0), f"Table: {headings[-1].strip()}" if headings else "Table"))
        start = match.end()
    if text[start:].strip():
        parts.append((text[start:], None))
    return parts


def view() -> html.Div:
    """data/templates/GUIDE.md as the page, or a line saying this copy of the site has none (inside
    the shell's one main landmark, like every page). Its tables scroll sideways in their own
    regions on a phone; the page does not."""
    text = guide_text()
    if text:
        body = [
            scroll_region(label, dcc.Markdown(part), wrap_class="prose-table") if label
            else dcc.Markdown(part, link_target="_self")
            for part, label in split_tables(text)
        ]
    else:
        body = [html.P("The submission guide is not in this copy of the site.")]
    return html.Div(
        [
            *body,
            html.P([html.A("Download the template and this guide", href="/data"), "."]),
        ],
        className="page prose",
    )
