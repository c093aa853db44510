"""The query string is the page's state: parse it strictly, build it back.

Pure functions, so every rule is tested without a browser. A bad value is never
guessed at: the page shows a friendly message instead (and never echoes input).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from warehouse.domain import Cap

DEFAULT_CAP = "18"
CAP_SCENARIOS: dict[str, Cap] = {
    "12": Cap(12.0, "12 children", "12"),
    "15-12": Cap(15.0, "15 (12 for newly qualified)", "15-12", nq_threshold=12.0),
    "18": Cap(18.0, "18 children", "18"),
    "20": Cap(20.0, "20 children", "20"),
}
CUSTOM_MIN, CUSTOM_MAX = 5.0, 40.0
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 /-]{0,80}$")
MAX_COMPARE = 6


class QueryError(ValueError):
    """A query-string value the site cannot use; the message is safe to show."""


@dataclass(frozen=True)
class PageState:
    year: int
    cap_key: str
    cap: Cap


def parse_cap(raw: str | None) -> tuple[str, Cap]:
    """'12', '15-12', '18', '20', or any number from 5 to 40 (one decimal place)."""
    key = (raw or DEFAULT_CAP).strip()
    if key in CAP_SCENARIOS:
        return key, CAP_SCENARIOS[key]
    try:
        value = float(key)
    except ValueError as exc:
        raise QueryError("The cap must be 12, 15-12, 18, 20 or a number from 5 to 40.") from exc
    if not math.isfinite(value) or not CUSTOM_MIN <= value <= CUSTOM_MAX:
        raise QueryError("The cap must be 12, 15-12, 18, 20 or a number from 5 to 40.")
    value = round(value, 1)
    text = f"{value:g}"
    if text in CAP_SCENARIOS:
        return text, CAP_SCENARIOS[text]
    return text, Cap(value, f"{text} children (custom)")


def parse_year(raw: str | None, years: list[int]) -> int:
    if raw in (None, ""):
        return max(years)
    if not str(raw).strip().isdigit() or int(raw) not in years:
        raise QueryError(f"The year must be one of {min(years)} to {max(years)}.")
    return int(raw)


def parse_state(query: dict, years: list[int]) -> PageState:
    year = parse_year(_one(query.get("year")), years)
    key, cap = parse_cap(_one(query.get("cap")))
    return PageState(year, key, cap)


def parse_councils(raw: str | None) -> list[str]:
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


def cap_from_controls(choice: str | None, custom: float | str | None) -> str:
    """The cap key the controls describe: the custom value wins when 'custom' is chosen."""
    if choice == "custom":
        if custom in (None, ""):
            raise QueryError("Type a custom cap from 5 to 40.")
        return parse_cap(str(custom))[0]
    return parse_cap(choice)[0]


def _one(value: object) -> str | None:
    """Dash passes repeated keys as the last value; lists become their first element."""
    if isinstance(value, list):
        return str(value[0]) if value else None
    return None if value is None else str(value)
