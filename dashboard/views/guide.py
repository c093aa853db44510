"""The submission guide's content: every template column explained with an example.

The text is data/templates/GUIDE.md, the same file councils download beside the template,
so the page and the download never disagree.
"""

from __future__ import annotations

from dash import dcc, html

from dashboard.downloads.templates import guide_text


def view() -> html.Div:
    """data/templates/GUIDE.md as the page, or a line saying this copy of the site has none (inside
    the shell's one main landmark, like every page)."""
    text = guide_text()
    body = (dcc.Markdown(text, link_target="_self") if text
            else html.P("The submission guide is not in this copy of the site."))
    return html.Div(
        [
            body,
            html.P([html.A("Download the template and this guide", href="/data"), "."]),
        ],
        className="page prose",
    )
