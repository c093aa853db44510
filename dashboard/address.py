"""The address is the page's state: the query string parsed strictly, and built back.

Pure functions, so every rule is tested without a browser. A bad value is never guessed at:
the page shows a friendly message instead (and never echoes the input).

The named caps are the release's own (marts.caps), passed in as a mapping from address key to
`Cap`: `named_caps` builds it. A scenario's key is `warehouse.domain.cap_key` of its caps ('12',
'15-12', '18', '20'), so the addresses stay the same whatever the scenarios are called; any other
number from CUSTOM_CAP_MIN to CUSTOM_CAP_MAX is a custom cap.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from urllib.parse import urlencode

import polars as pl

from warehouse.domain import CUSTOM_CAP_MAX, CUSTOM_CAP_MIN, Cap, cap_key

DEFAULT_CAP = "18"
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 /-]{0,80}$")
MAX_COMPARE = 6
MAP_MODES = ("caseload", "distance")
CUSTOM_RANGE = f"{CUSTOM_CAP_MIN:g} to {CUSTOM_CAP_MAX:g}"


class QueryError(ValueError):
    """A query-string value the site cannot use; the message is safe to show."""


@dataclass(frozen=True)
class PageState:
    """The year and cap a page shows: the cap's address key and the cap itself."""

    year: int
    cap_key: str
    cap: Cap


def cap_label(cap_experienced: float, cap_newly_qualified: float | None = None) -> str:
    """How the site names a named cap: '18 children', '15 (12 for newly qualified)'.

    Shorter than marts.caps.label ('Council target of 18'), because the site's sentences wrap it:
    "Over the cap of 18 children", "England in 2025, against a cap of 18 children".
    """
    if cap_newly_qualified is not None and cap_newly_qualified != cap_experienced:
        return f"{cap_experienced:g} ({cap_newly_qualified:g} for newly qualified)"
    return f"{cap_experienced:g} children"


def named_caps(rows: pl.DataFrame | None) -> Mapping[str, Cap]:
    """A release's cap scenarios (marts.caps rows) by address key, in the release's order.

    A release without marts.caps offers custom caps only. A scenario without a cap of its own (each
    worker against their council's declared maximum: council submissions only) is not a cap here.
    """
    if rows is None:
        return MappingProxyType({})
    out: dict[str, Cap] = {}
    for r in rows.filter(pl.col("cap").is_not_null()).sort("sort_order").iter_rows(named=True):
        experienced, newly_qualified = r["cap_experienced"], r["cap_newly_qualified"]
        lower_for_new = newly_qualified if newly_qualified not in (None, experienced) else None
        out[cap_key(experienced, newly_qualified)] = Cap(
            r["cap"], cap_label(experienced, newly_qualified), r["scenario_id"], lower_for_new
        )
    return MappingProxyType(out)


def cap_rule(named: Iterable[str]) -> str:
    """What the cap may be, for an error message: 'The cap must be 12, 15-12, 18, 20 or a number ...'."""
    keys = ", ".join(named)
    return f"The cap must be {keys + ' or ' if keys else ''}a number from {CUSTOM_RANGE}."


def custom_cap_key(raw: str, named: Iterable[str] = ()) -> str:
    """A custom cap's key: the number rounded to one decimal place ('17.04' -> '17', '18.0' -> '18')."""
    try:
        value = float(raw)
    except ValueError as exc:
        raise QueryError(cap_rule(named)) from exc
    if not math.isfinite(value) or not CUSTOM_CAP_MIN <= value <= CUSTOM_CAP_MAX:
        raise QueryError(cap_rule(named))
    return f"{round(value, 1):g}"


def parse_cap(raw: str | None, named: Mapping[str, Cap]) -> tuple[str, Cap]:
    """A named cap's key ('12', '15-12', '18', '20' in today's releases), or a number in the custom range."""
    key = (raw or DEFAULT_CAP).strip()
    if key in named:
        return key, named[key]
    text = custom_cap_key(key, named)
    if text in named:
        return text, named[text]
    return text, Cap(float(text), f"{text} children (custom)")


def parse_year(raw: str | None, years: list[int]) -> int:
    """One of the release's years; the latest when the address gives none."""
    if raw in (None, ""):
        return max(years)
    if not str(raw).strip().isdigit() or int(raw) not in years:
        raise QueryError(f"The year must be one of {min(years)} to {max(years)}.")
    return int(raw)


def parse_state(query: Mapping[str, object], years: list[int], named: Mapping[str, Cap]) -> PageState:
    """`year` and `cap`, against the years and the named caps of the release the page shows."""
    year = parse_year(_one(query.get("year")), years)
    key, cap = parse_cap(_one(query.get("cap")), named)
    return PageState(year, key, cap)


def parse_map_mode(raw: object) -> str:
    """The overview map's colouring: `caseload` (the default) or `distance` from the cap."""
    mode = str(raw or "caseload")
    if mode not in MAP_MODES:
        raise QueryError("The map can be coloured by 'caseload' or 'distance'.")
    return mode


def parse_councils(raw: object) -> list[str]:
    """Comma-separated codes or slugs, at most six, duplicates dropped."""
    items = [c.strip() for c in (_one(raw) or "").split(",") if c.strip()]
    if any(not CODE_RE.match(c) for c in items):
        raise QueryError("Councils must be given by their code or name in the address, separated by commas.")
    unique = list(dict.fromkeys(items))
    if len(unique) > MAX_COMPARE:
        raise QueryError(f"Compare up to {MAX_COMPARE} councils at a time.")
    return unique


def parse_choice(raw: object, allowed: list[str], legend: str) -> str | None:
    """A chart switch's choice from the address (`?limits=plain`): one of `allowed`, or None when
    the address does not say (the chart's default)."""
    value = _one(raw)
    if value is None or value == "":
        return None
    if value not in allowed:
        raise QueryError(f"{legend} must be one of: {', '.join(allowed)}.")
    return value


def search(path: str, **params: object) -> str:
    """`/path?k=v` with empty values left out: the shareable address of a view."""
    clean = {k: v for k, v in params.items() if v not in (None, "", [])}
    return f"{path}?{urlencode(clean)}" if clean else path


def cap_from_controls(choice: str | None, custom: float | str | None, named: Iterable[str] = ()) -> str:
    """The cap key the year / cap form describes: the custom value wins when 'custom' is chosen.

    `named` are the keys the form offers (the release's named caps).
    """
    named = tuple(named)
    if choice == "custom" and custom in (None, ""):
        raise QueryError(f"Type a custom cap from {CUSTOM_RANGE}.")
    key = (str(custom) if choice == "custom" else choice or DEFAULT_CAP).strip()
    return key if key in named else custom_cap_key(key, named)


def _one(value: object) -> str | None:
    """Dash passes repeated keys as the last value; lists become their first element."""
    if isinstance(value, list):
        return str(value[0]) if value else None
    return None if value is None else str(value)
