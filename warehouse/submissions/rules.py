"""Cell rules: text in, a typed value out, or `Bad` when the value does not fit its column.

Each column's expectation, as shown to councils, is in spec.py; these functions only decide.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from warehouse.submissions import spec

NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_WHOLE = re.compile(r"^\+?\d+(\.0+)?$")
_GSS = re.compile(r"^E\d{8}$")
# worker_ref in an ASCII file (batch_check.py hands it to polars): letters, digits, then also _ . -
REF = re.compile(rf"^[A-Za-z0-9][A-Za-z0-9_.\-]{{0,{spec.MAX_REF_LENGTH - 1}}}$")
_DIGITS, _REF_MARKS = frozenset("0123456789"), frozenset("_.-")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_UK = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


class Bad(ValueError):
    """A cell's value does not fit its column (the message is never shown; `expected` is)."""


def _number(text: str) -> float:
    if not NUMBER.match(text):
        raise Bad
    return float(text)


def _fte(text: str) -> float:
    value = _number(text)
    if not 0 < value <= 1:
        raise Bad
    return value


def _whole(upper: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        if not _WHOLE.match(text):
            raise Bad
        value = int(float(text))
        if value > upper:
            raise Bad
        return value

    return parse


def _weighted(text: str) -> float:
    value = _number(text)
    if not 0 <= value <= spec.MAX_WEIGHTED:
        raise Bad
    return value


def _declared_children(text: str) -> int:
    value = _whole(spec.MAX_CHILDREN)(text)
    if value < 1:
        raise Bad
    return value


def _declared_weighted(text: str) -> float:
    value = _weighted(text)
    if value <= 0:
        raise Bad
    return value


def _choice(options: tuple[str, ...]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        value = " ".join(text.lower().replace("_", " ").split())
        if value not in options:
            raise Bad
        return value

    return parse


def _yes_no(text: str) -> bool:
    value = text.strip().lower()
    if value in spec.YES:
        return True
    if value in spec.NO:
        return False
    raise Bad


def _date(today: dt.date, earliest: dt.date = spec.EARLIEST_SNAPSHOT) -> Callable[[str], dt.date]:
    def parse(text: str) -> dt.date:
        try:
            if _ISO.match(text):
                value = dt.date.fromisoformat(text)
            elif match := _UK.match(text):
                value = dt.date(int(match[3]), int(match[2]), int(match[1]))
            else:
                raise Bad
        except ValueError as exc:
            raise Bad from exc
        if not earliest <= value <= today:
            raise Bad
        return value

    return parse


def _code(text: str) -> str:
    if not _GSS.match(text):
        raise Bad
    return text


def _ref_char(char: str, first: bool) -> bool:
    """A letter (any: é, Š, ß from a Windows-1252 file, as the guide says), an ASCII digit, or after
    the first character _ . -; never punctuation, whitespace or a control character."""
    return char.isalpha() or char in _DIGITS or (not first and char in _REF_MARKS)


def is_ref(text: str) -> bool:
    """The worker_ref rule; on ASCII text it decides exactly as REF."""
    return 0 < len(text) <= spec.MAX_REF_LENGTH and all(
        _ref_char(char, i == 0) for i, char in enumerate(text)
    )


def _ref(text: str) -> str:
    if not is_ref(text):
        raise Bad
    return text


# The rules the band template (bands_spec.py) shares with the worker template.
gss_code, whole_number, date_between = _code, _whole, _date


def parsers(today: dt.date) -> dict[str, Callable[[str], object]]:
    return {
        "la_code": _code,
        "snapshot_date": _date(today),
        "worker_ref": _ref,
        "role": _choice(spec.ROLES),
        "employment": _choice(spec.EMPLOYMENT),
        "newly_qualified": _yes_no,
        "fte": _fte,
        "children_allocated": _whole(spec.MAX_CHILDREN),
        "team": _choice(spec.TEAMS),
        "families_allocated": _whole(spec.MAX_FAMILIES),
        "weighted_caseload": _weighted,
        "declared_max_children": _declared_children,
        "declared_max_weighted": _declared_weighted,
        "demo": _yes_no,
    }
