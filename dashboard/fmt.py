"""How numbers read on the site: a suppressed figure is words, never a number."""

from __future__ import annotations

SYMBOLS = {
    "x": "not available",
    "u": "low reliability",
    "c": "confidential",
    "z": "not applicable",
    "low": "rounds to zero",
    "k": "suppressed",
    ":": "not available",
    "blank": "blank",
}
# Statuses of our own for an empty figure that the publisher did not suppress (docs/method.md, "Symbols").
NO_FIGURE = {
    "no match": "no figure for this council's area that year",
    "no population": "no population estimate to divide by",
}


def value(v: float | int | None, status: str | None = "published", digits: int = 1, suffix: str = "") -> str:
    if status in NO_FIGURE:
        return f"no figure ({NO_FIGURE[status]})"
    if status not in (None, "published"):
        return f"not published ({status})"
    if v is None:
        return "no figure"
    return f"{v:,.{digits}f}{suffix}"


def count(v: float | int | None) -> str:
    return "no figure" if v is None else f"{round(v):,}"


def money(v: float | None) -> str:
    if v is None:
        return "no figure"
    if abs(v) >= 1e9:
        return f"£{v / 1e9:,.2f} billion"
    if abs(v) >= 1e6:
        return f"£{v / 1e6:,.1f} million"
    return f"£{v:,.0f}"


def status_note(status: str | None) -> str:
    return SYMBOLS.get(status or "", status or "")
