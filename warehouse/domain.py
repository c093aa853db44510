"""Facts about the published statistics the whole project relies on, each written here once.

The pipeline, the warehouse's SQL and the site all read them from this module (the SQL's own copy
of the symbols, the `cw_symbol` macro in sql/schema.sql, is held to this list by a test).
"""

from __future__ import annotations

from dataclasses import dataclass

# What the Department for Education and the ONS publish instead of a number, and what each means.
# A symbol is never turned into a number: the value is empty and its `_status` keeps the symbol.
SUPPRESSION_SYMBOLS: dict[str, str] = {
    "c": "confidential",
    "x": "not available",
    "z": "not applicable",
    "u": "low reliability",
    "low": "rounds to zero",
    "k": "suppressed",
    ":": "not available",
}
# Statuses of our own for an empty figure the publisher did not suppress (docs/method.md, "Symbols").
EMPTY_STATUSES: dict[str, str] = {
    "blank": "blank",
    "no match": "no figure for this council's area that year",
    "no population": "no population estimate to divide by",
}
PUBLISHED = "published"

ENGLAND_CODE = "E92000001"
REGION_CODE_PREFIX = "E12"

# A cap a reader types in (the site's custom cap, the API's `cap=`): whole or one decimal place.
CUSTOM_CAP_MIN, CUSTOM_CAP_MAX = 5.0, 40.0

# Great-circle distances between council centres (the SQL macro cw_miles uses the same radius).
EARTH_RADIUS_MILES = 3958.8
NEARBY_MILES = 50


@dataclass(frozen=True)
class Cap:
    """A caseload cap: `threshold` for the council average; `scenario_id` when it is a named scenario
    of marts.caps; `nq_threshold` when newly qualified workers have a lower cap."""

    threshold: float
    label: str
    scenario_id: str | None = None
    nq_threshold: float | None = None


def cap_key(cap_experienced: float, cap_newly_qualified: float | None = None) -> str:
    """A cap's key in a site address: '18', or '15-12' when newly qualified workers' cap differs."""
    key = f"{cap_experienced:g}"
    if cap_newly_qualified is not None and cap_newly_qualified != cap_experienced:
        key += f"-{cap_newly_qualified:g}"
    return key
