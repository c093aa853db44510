"""What an FOI answer's band file must look like: columns, bounds and the source's form.

The band template is the worker template's (spec.py) counterpart for councils that answer a Freedom
of Information request with counts of social workers per caseload band rather than a row per worker.
One place for its rules, so the template, the guide and the check cannot disagree; told apart from
the worker template by its header (`is_bands_header`). docs/submissions.md explains the reasons.
"""

from __future__ import annotations

import datetime as dt

from warehouse.submissions.spec import Column

TEMPLATE_VERSION = 1
TEMPLATE_STEM = f"caseload_submission_bands_v{TEMPLATE_VERSION}"
DATA_SHEET = "bands"

# FOI answers collected so far start with the 2017 workforce census; a band bound above 200 children
# or a band of more than 5,000 case holders (a large council has under 1,000) is a typing error.
EARLIEST_SNAPSHOT = dt.date(2017, 1, 1)
MAX_BOUND = 200
MAX_CASE_HOLDERS = 5_000
MAX_BANDS = 100
MAX_SOURCE_LENGTH = 200
URL_PREFIX = "https://"

COLUMNS = (
    Column("la_code", True, "the council's 9-character GSS code, e.g. E09000033, the same on every row",
           "E09000033"),
    Column(
        "snapshot_date",
        True,
        "a date as YYYY-MM-DD (or DD/MM/YYYY), the same on every row, from "
        f"{EARLIEST_SNAPSHOT.isoformat()} up to today (never in the future)",
        "2025-09-30",
    ),
    Column("children_from", True, f"a whole number from 0 to {MAX_BOUND}: the band's fewest children",
           "0"),
    Column(
        "children_to",
        False,
        f"a whole number from children_from to {MAX_BOUND}: the band's most children; empty only for "
        "an open top band (e.g. 26 or more), which must be the last",
        "10",
    ),
    Column("case_holders", True, f"a whole number from 0 to {MAX_CASE_HOLDERS:,}: social workers in the band",
           "14"),
    Column(
        "source",
        True,
        "the FOI reference (e.g. FOI 2025/1234: letters, digits, spaces and / - _ . #, with at "
        f"least one digit) or the council's published answer as an https:// address, at most "
        f"{MAX_SOURCE_LENGTH} characters, the same on every row",
        "FOI 2025/1234",
    ),
)
COLUMN_NAMES = tuple(c.name for c in COLUMNS)
HEADER = COLUMN_NAMES  # every column is in the header; children_to's cell may be empty (an open band)
BY_NAME = {c.name: c for c in COLUMNS}
TEMPLATE_COLUMNS = COLUMN_NAMES
# Columns only the band template has, and only the worker template has: a header decides the template.
OWN_COLUMNS = frozenset({"children_from", "children_to", "case_holders"})
WORKER_ONLY = frozenset({"worker_ref", "fte", "children_allocated", "role", "employment", "newly_qualified"})


def is_bands_header(names: list[str]) -> bool:
    """A header (normalised names) is the band template's: it names a band column and no worker column."""
    found = set(names)
    return bool(found & OWN_COLUMNS) and not found & WORKER_ONLY


def band_label(start: int, end: int | None) -> str:
    """'0 to 10', '26 or more', '5': a band as the site and the marts word it."""
    if end is None:
        return f"{start} or more"
    return str(start) if start == end else f"{start} to {end}"
