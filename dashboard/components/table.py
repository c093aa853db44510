"""One accessible table: a labelled, keyboard-focusable scrolling region around a captioned table.

Every table on the site is built here, so a fix to how tables are announced or scrolled on a
phone applies to all of them.
"""

from __future__ import annotations

from collections.abc import Sequence

from dash import html
from dash.development.base_component import Component


def scrollable_table(
    label: str,
    headers: Sequence[str],
    body: list,
    *,
    caption: str | None = None,
    wrap_class: str = "",
    table_class: str | None = None,
) -> html.Div:
    """`label` names the region for screen readers; `caption` is shown above the table."""
    parts = [html.Caption(caption)] if caption else []
    parts += [html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])), html.Tbody(body)]
    table = html.Table(parts, className=table_class) if table_class else html.Table(parts)
    return scroll_region(label, table, wrap_class=wrap_class)


def scroll_region(label: str, table: Component, *, wrap_class: str = "") -> html.Div:
    """The region around a table that may be wider than a phone: named `label` and focusable, so it
    scrolls sideways by keyboard while the page itself never does (WCAG 1.4.10). For a table drawn
    elsewhere too (e.g. from Markdown)."""
    return html.Div(
        className=f"table-wrap {wrap_class}".strip(),
        tabIndex="0",
        role="region",
        **{"aria-label": label},
        children=table,
    )
