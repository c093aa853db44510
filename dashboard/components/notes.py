"""A figure's note (marts.la_year_notes) beside the figure: why to check it before quoting it."""

from __future__ import annotations

from dash import html


def figure_note(note: str | None) -> html.Span | None:
    """'Note: Halved since 2024 (20.3 to 10.1): check with the council before quoting.' or nothing."""
    if not note:
        return None
    return html.Span([html.Strong("Note: "), note], className="figure-note")
