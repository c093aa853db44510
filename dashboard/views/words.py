"""How figures read on the site, and the sentences several pages repeat, written once.

A suppressed figure is words, never a number. The additional social workers figure is a lower
bound (docs/method.md, "Additional FTE needed"): it brings each council's *average* to the cap,
and caseloads are not shared evenly. Only a council over the cap by its published average needs
any: the same rule as "over the cap".
"""

from __future__ import annotations

from warehouse.domain import EMPTY_STATUSES, SUPPRESSION_SYMBOLS

SYMBOLS = {**SUPPRESSION_SYMBOLS, "blank": EMPTY_STATUSES["blank"]}
# Statuses of our own for an empty figure that the publisher did not suppress.
NO_FIGURE = {k: v for k, v in EMPTY_STATUSES.items() if k != "blank"}


def value(v: float | int | None, status: str | None = "published", digits: int = 1, suffix: str = "") -> str:
    """A published figure as text; any other status is words ('not published (x)'), never a number."""
    if status in NO_FIGURE:
        return f"no figure ({NO_FIGURE[status]})"
    if status not in (None, "published"):
        return f"not published ({status})"
    if v is None:
        return "no figure"
    return f"{v:,.{digits}f}{suffix}"


def count(v: float | int | None) -> str:
    """A whole count with thousands separators: '1,212,804'."""
    return "no figure" if v is None else f"{round(v):,}"


def money(v: float | None) -> str:
    """Pounds, in millions or billions once large: '£6.0 million'."""
    if v is None:
        return "no figure"
    if abs(v) >= 1e9:
        return f"£{v / 1e9:,.2f} billion"
    if abs(v) >= 1e6:
        return f"£{v / 1e6:,.1f} million"
    return f"£{v:,.0f}"


def status_note(status: str | None) -> str:
    """What a suppression symbol means ('x' -> 'not available'), from warehouse.domain."""
    return SYMBOLS.get(status or "", status or "")


# What every caseload figure counts, said once: beside the overview's headline, the council page's
# "Average caseload" fact and on the About page.
CASELOAD_COUNTS = (
    "It counts children, not families, per case-holding social worker (full-time equivalent): "
    "the published average, not any one worker's caseload."
)


def tied_names(joined: str) -> str:
    """'A; B; C' (every council tied at a value, as the marts join them) as 'A, B and C (tied)'."""
    names = [n.strip() for n in joined.split(";") if n.strip()]
    if len(names) <= 1:
        return names[0] if names else ""
    return f"{', '.join(names[:-1])} and {names[-1]} (tied)"


def named_note(name: str, note: str | None) -> str | None:
    """A council's note with its name in front, as the marts write it beside a council they name:
    'Liverpool: halved since 2024 (20.3 to 10.1): check with the council before quoting.'"""
    if not note:
        return None
    return f"{name}: {note[:1].lower()}{note[1:]}"


LOWER_BOUND_NOTE = "A lower bound: a council whose average is at the cap still has workers above it."
OVER_CAP_ONLY = ("Only councils whose published average is above the cap need more; "
                 "one exactly at the cap needs none.")
NONE_NEEDED = "No more social workers are needed to bring its average to the cap."


def at_least(v: float | None, digits: int = 0) -> str:
    """'at least 5,786' for the additional FTE figure; words, never a bare number."""
    if v is None:
        return "no figure"
    return f"at least {v:,.{digits}f}"


def additional_workers_sentence(v: float | None, subject: str = "the council's average") -> str:
    """One council's additional FTE as a sentence that says plainly it is a minimum."""
    if v is None:
        return (
            "The number of extra social workers cannot be worked out: its cases or social workers "
            "were not published."
        )
    return (
        f"At least {v:,.1f} more social workers (FTE) would be needed to bring {subject} to the cap. "
        f"{LOWER_BOUND_NOTE}"
    )


def with_note(text: str, note: str | None) -> str:
    """A figure in words followed by its note (marts.la_year_notes), for plain-text places such as
    table cells and lists, where the note must sit beside the figure it is about."""
    return f"{text}. Note: {note}" if note else text
