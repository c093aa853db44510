"""The current English councils with children's services, from committed reference data.

`data/reference/councils.csv` (built from marts.dim_la of a release by `python -m
warehouse.build.council_list`) lets `caseload validate`, the inbox and the site's check refuse an
unknown council code on any install, with or without a built warehouse. A joint return (one set of
figures for two councils, e.g. `E06000061 / E06000062`) is submitted under each member's own code,
so the member codes are known codes too.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from warehouse.config import COUNCILS_PATH

COLUMNS = ("la_code", "la_name", "member_codes")


@dataclass(frozen=True)
class Council:
    la_code: str  # the code the statistics publish (a joint return's is "A / B")
    la_name: str
    members: tuple[str, ...]  # the codes a submission may carry: its own, or each member's


def parse(text: str) -> list[Council]:
    """Rows of the file; lines starting with '#' are its provenance, not data."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise ValueError(f"councils.csv: expected the columns {', '.join(COLUMNS)}")
    return [
        Council(r["la_code"], r["la_name"], tuple(r["member_codes"].split()))
        for r in reader
    ]


def read(path: Path = COUNCILS_PATH) -> list[Council]:
    return parse(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def known_codes(path: Path = COUNCILS_PATH) -> frozenset[str]:
    """Every code a submission may carry: each council's own and each joint-return member's."""
    return frozenset(code for c in read(path) for code in (c.la_code, *c.members))
