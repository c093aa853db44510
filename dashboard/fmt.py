"""How numbers read on the site: a suppressed figure is words, never a number."""

from __future__ import annotations

from warehouse.domain import EMPTY_STATUSES, SUPPRESSION_SYMBOLS

SYMBOLS = {**SUPPRESSION_SYMBOLS, "blank": EMPTY_STATUSES["blank"]}
# Statuses of our own for an empty figure that the publisher did not suppress.
NO_FIGURE = {k: v for k, v in EMPTY_STATUSES.items() if k != "blank"}


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
