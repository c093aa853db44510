"""Sentences the site repeats on several pages, written once so they never drift apart.

The additional social workers figure is a lower bound (docs/method.md, "Additional FTE
needed"): it brings each council's *average* to the cap, and caseloads are not shared evenly.
Only a council over the cap by its published average needs any: the same rule as "over the cap".
"""

from __future__ import annotations

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
