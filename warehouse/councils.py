"""Which council codes are current: the served release's marts.dim_la, else a committed list.

One rule for every caller (issuing a token, the site's submit door): the release's own list
when there is one, else data/reference/councils.csv when that file is in this tree, else none
(the caller says so, or refuses).
"""

from __future__ import annotations

import csv
from collections.abc import Collection
from pathlib import Path

from warehouse.config import REFERENCE_DIR
from warehouse.db import Connection, WarehouseError

COUNCILS_CSV = REFERENCE_DIR / "councils.csv"
CODE_COLUMNS = ("la_code", "code", "gss_code")


def reference_codes(path: Path = COUNCILS_CSV) -> set[str] | None:
    """The codes in a committed council list (its la_code/code column; current rows only when it
    says which are), or None without the file."""
    if not path.exists():
        return None
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if not rows:
        return set()
    column = next((c for c in CODE_COLUMNS if c in rows[0]), None)
    if column is None:
        return None
    current = "is_current" if "is_current" in rows[0] else None
    return {
        r[column].strip() for r in rows
        if r[column] and (current is None or r[current].strip().lower() in ("true", "yes", "1"))
    }


def current_codes(
    from_release: Collection[str] | None, reference: Path = COUNCILS_CSV
) -> tuple[set[str] | None, str]:
    """(codes, where they came from); (None, why) when neither the release nor the list has any."""
    if from_release:
        return set(from_release), "the served release's marts.dim_la"
    listed = reference_codes(reference)
    if listed:
        return listed, f"{reference.name}"
    return None, "no published release with marts.dim_la and no data/reference/councils.csv"


def release_codes(con: Connection) -> set[str] | None:
    """Current codes (and joint returns' members) in a release's marts.dim_la; None without it."""
    from warehouse.build.submission_marts import known_codes_from

    try:
        return known_codes_from(con)
    except WarehouseError:
        return None
