"""How a council submission's figures read, written once for every part of its block (facts, groups,
caps, bands, over time, across councils).

Every figure of marts.submission_* has a `<x>_status`: 'c' (suppressed), 'x' (not given by the
council), 'z' (not applicable) are always words, never a number, even when a value is present.
A demo (synthetic) submission's captions start with DEMO_LABEL, so any part of it still says so.
"""

from __future__ import annotations

from dashboard.views import words

SUPPRESSED = "suppressed (fewer than 5 workers or to protect another figure)"
NOT_GIVEN = "not given by the council for every case holder"
NOT_APPLICABLE = "not applicable"
DEMO_LABEL = "Demo data (synthetic)"
DEMO_NOTE = (
    "Made up by the project's generator to show how a council's submission would look. "
    "These are not the council's figures."
)
BASIS = "Council submission"
# Beside every family figure: the published averages count children, so a caseload of "15" in a
# family service and in the statistics are different things.
COUNTS_CHILDREN = (
    "The published statistics count children, not families: \u201c15 cases\u201d means different things "
    "depending on what is counted."
)
GROUP_KINDS = {"team": "Team", "employment": "Employment", "experience": "Experience", "role": "Role"}
WHOLE_COUNCIL = "Whole council"


def cell(v: float | int | None, status: str | None, digits: int = 1, suffix: str = "",
         not_applicable: str = NOT_APPLICABLE) -> str:
    """A submission figure as text: 'c', 'x' and 'z' are always words."""
    if status == "c":
        return SUPPRESSED
    if status == "x":
        return NOT_GIVEN
    if status == "z":
        return not_applicable
    return words.value(v, status, digits=digits, suffix=suffix)


def unit(v: float | int | None, status: str | None, what: str, digits: int = 1) -> str:
    """A figure with its unit ('17.2 children per FTE'); words alone when it is not published."""
    text = cell(v, status, digits=digits)
    return f"{text} {what}" if status == "published" else text


def above(r: dict | None, whom: str = "case holders") -> str:
    """A cap row's share above and its count: '22.5% of case holders (9 workers)'; words otherwise."""
    if r is None:
        return "no figure"
    statuses = (r["pct_above_cap_status"], r["workers_above_cap_status"])
    if "c" in statuses:
        return SUPPRESSED
    if statuses[0] != "published":
        return cell(r["pct_above_cap"], statuses[0])
    pct = cell(r["pct_above_cap"], "published", suffix="%")
    if statuses[1] != "published":
        return f"{pct} of {whom}"
    n = r["workers_above_cap"]
    return f"{pct} of {whom} ({n:,} worker{'' if n == 1 else 's'})"


def group_label(kind: str, value: str) -> str:
    """'Whole council', 'Employment: agency'."""
    return WHOLE_COUNCIL if kind == "all" else f"{GROUP_KINDS.get(kind, kind.capitalize())}: {value}"


def cap_name(label: str, measure: str | None = None) -> str:
    """A cap scenario's label as a heading: first letter capital, the weighted measure said."""
    name = label[:1].upper() + label[1:]
    return f"{name} (weighted caseload)" if measure == "weighted caseload" else name


def caption(text: str, is_demo: bool) -> str:
    """A table or chart caption; a demo one starts with the demo label."""
    return f"{DEMO_LABEL}. {text}" if is_demo else text
