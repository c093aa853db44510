"""Strict query-parameter parsing for the API and downloads: a clear 400, never a guess.

Every message is fixed text or lists allowed values; none echoes what the reader sent.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping

from warehouse.domain import CUSTOM_CAP_MAX, CUSTOM_CAP_MIN, Cap
from warehouse.read.releases import RELEASE_ID_RE

MAX_VALUE_LENGTH = 100
DEFAULT_LIMIT, MAX_LIMIT = 1000, 5000
# A council key's shape: a GSS code (a joint return's own code joins two with " / ") or a slug. Which
# council it names is the warehouse's one resolver's business (warehouse.read.site.council).
COUNCIL_KEY_RE = re.compile(r"^(?:[A-Za-z]\d{8}(?: / [A-Za-z]\d{8})?|[A-Za-z0-9][A-Za-z0-9-]{0,79})$")
COUNCIL_KEY_HELP = ("Give a council by its GSS code (E09000033; any year's code, or a joint return's member "
                    "code such as E09000021) or its slug (westminster).")
REGION_RE = re.compile(r"^E12\d{6}$")


class ApiError(Exception):
    """A request we refuse; `message` is safe to show (it never contains the request)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def single_values(args: Mapping[str, list[str]], allowed: Iterable[str]) -> dict[str, str]:
    """One value per known parameter; unknown, repeated or over-long parameters are refused."""
    allowed = tuple(allowed)
    out = {}
    for key, values in args.items():
        if key not in allowed:
            raise ApiError(400, f"Unknown parameter. This address takes: {', '.join(allowed) or 'none'}.")
        if len(values) != 1:
            raise ApiError(400, "Give each parameter once.")
        if len(values[0]) > MAX_VALUE_LENGTH:
            raise ApiError(400, f"A parameter is longer than {MAX_VALUE_LENGTH} characters.")
        out[key] = values[0].strip()
    return out


def year(raw: str | None, years: list[int]) -> int | None:
    if raw is None:
        return None
    if not (raw.isascii() and raw.isdigit()) or int(raw) not in years:
        raise ApiError(400, f"year must be a reporting year from {min(years)} to {max(years)}.")
    return int(raw)


def region(raw: str | None, regions: Mapping[str, str]) -> str | None:
    """A region's GSS code (E12000007) or its name (London, any case)."""
    if raw is None:
        return None
    if REGION_RE.fullmatch(raw.upper()) and raw.upper() in regions:
        return raw.upper()
    by_name = {name.lower(): code for code, name in regions.items()}
    if raw.lower() in by_name:
        return by_name[raw.lower()]
    raise ApiError(400, "region must be a region code (E12000001 to E12000009) or name; see /api/v1/regions.")


def council_key(raw: str) -> str:
    """A value shaped like a council key, or a 400 (the message never repeats it)."""
    if not COUNCIL_KEY_RE.fullmatch(raw):
        raise ApiError(400, COUNCIL_KEY_HELP)
    return raw


def council(raw: str | None, resolve: Callable[[str], str | None]) -> str | None:
    """The code of the council a key names: code, slug or member code, through `resolve`
    (warehouse.read.tables.council_code, the same resolver as /api/v1/councils/<key> and the site)."""
    if raw is None:
        return None
    code = resolve(council_key(raw))
    if code is None:
        raise ApiError(400, "No council has that code or slug; /api/v1/councils lists every council.")
    return code


def cap(raw: str | None, named: Mapping[str, Cap], allow_custom: bool = True) -> str | float | None:
    """A named scenario of this release (its id, cap_12 ..., or its key on the site, 12, 15-12 ...;
    `named` from marts.caps by key), or a number in the custom range."""
    if raw is None:
        return None
    ids = [c.scenario_id for c in named.values()]
    if raw in ids:
        return raw
    if raw in named:
        return named[raw].scenario_id
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if allow_custom and math.isfinite(value) and CUSTOM_CAP_MIN <= value <= CUSTOM_CAP_MAX:
        return round(value, 1)
    extra = f" or a number from {CUSTOM_CAP_MIN:g} to {CUSTOM_CAP_MAX:g}" if allow_custom else ""
    raise ApiError(400, f"cap must be one of {', '.join([*ids, *named])}{extra}.")


def whole(raw: str | None, name: str, default: int, low: int, high: int) -> int:
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit()) or not low <= int(raw) <= high:
        raise ApiError(400, f"{name} must be a whole number from {low} to {high}.")
    return int(raw)


def limit(raw: str | None) -> int:
    return whole(raw, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)


def offset(raw: str | None) -> int:
    return whole(raw, "offset", 0, 0, 10_000_000)


def fmt(raw: str | None) -> str:
    if raw is None or raw in ("json", "csv"):
        return raw or "json"
    raise ApiError(400, "format must be json or csv.")


def release(raw: str | None, kept: list[str]) -> str | None:
    if raw is None:
        return None
    if not RELEASE_ID_RE.fullmatch(raw):
        raise ApiError(400, "release must be a release id such as 20250101T000000Z-0123abcd.")
    if raw not in kept:
        raise ApiError(404, "That release is not kept; /api/v1/releases lists those that are.")
    return raw
