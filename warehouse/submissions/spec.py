"""What a submission file must look like: columns, allowed values and bounds.

One place for every rule, so the template, the guide, the validator and the
generator cannot disagree. docs/submissions.md explains the reasons.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# Version 2 adds the council's declared safe maximums (declared_max_children, declared_max_weighted);
# a version 1 file (without them) is still a valid file.
TEMPLATE_VERSION = 2
V2_COLUMNS = ("declared_max_children", "declared_max_weighted")
TEMPLATE_STEM = f"caseload_submission_template_v{TEMPLATE_VERSION}"
DATA_SHEET = "submission"

# Files: a large council has under 1,000 social workers; a row is under 200 bytes.
MAX_FILE_BYTES = 5_000_000
MAX_ROWS = 5_000
# XLSX is a zip: refuse one that would unpack to more than this, or compresses suspiciously well.
MAX_UNPACKED_BYTES = 50_000_000
MAX_ZIP_RATIO = 100
MAX_ZIP_MEMBERS = 200

# Sanity bounds (docs/submissions.md, "Bounds"). The highest published council average is about 33
# children per FTE; a single worker with more than 60 children allocated is a data error.
MAX_CHILDREN = 60
MAX_FAMILIES = 60
MAX_WEIGHTED = 200.0
EARLIEST_SNAPSHOT = dt.date(2015, 1, 1)
MAX_REF_LENGTH = 64

ROLES = ("case holder", "senior practitioner", "first line manager", "other qualified")
EMPLOYMENT = ("permanent", "agency")
TEAMS = ("assessment", "child protection", "children in care", "disabled children", "care leavers", "other")
YES = ("yes", "y", "true", "1")
NO = ("no", "n", "false", "0")


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    expected: str  # what a valid value looks like, as the guide and the error messages say it
    example: str


COLUMNS = (
    Column("la_code", True, "the council's 9-character GSS code, e.g. E09000033", "E09000033"),
    Column(
        "snapshot_date",
        True,
        "a date as YYYY-MM-DD (or DD/MM/YYYY), from "
        f"{EARLIEST_SNAPSHOT.isoformat()} up to today (never in the future)",
        "2025-09-30",
    ),
    Column(
        "worker_ref",
        True,
        "the council's own pseudonym for the worker: letters, digits, '_', '.', "
        f"'-', at most {MAX_REF_LENGTH} characters, no spaces, never a name",
        "SW0413",
    ),
    Column("role", True, "one of: " + ", ".join(ROLES), "case holder"),
    Column("employment", True, "one of: " + ", ".join(EMPLOYMENT), "permanent"),
    Column(
        "newly_qualified", True, "yes or no (yes = in the assessed and supported year in employment)", "no"
    ),
    Column("fte", True, "a number above 0 and at most 1 (full-time equivalent)", "0.8"),
    Column("children_allocated", True, f"a whole number from 0 to {MAX_CHILDREN}", "14"),
    Column("team", False, "empty, or one of: " + ", ".join(TEAMS), "child protection"),
    Column("families_allocated", False, f"empty, or a whole number from 0 to {MAX_FAMILIES}", "8"),
    Column(
        "weighted_caseload",
        False,
        f"empty, or a number from 0 to {MAX_WEIGHTED:g} (the council's complexity-weighted caseload)",
        "17.5",
    ),
    Column(
        "declared_max_children",
        False,
        f"empty, or a whole number from 1 to {MAX_CHILDREN}: the most children the council says this "
        "post, at its FTE, can safely hold (its own declared maximum); on every row or none",
        "15",
    ),
    Column(
        "declared_max_weighted",
        False,
        f"empty, or a number above 0 and at most {MAX_WEIGHTED:g}: the council's declared maximum "
        "weighted caseload for this post; only beside a weighted_caseload; on every row or none",
        "20",
    ),
    Column(
        "demo", False, "leave out, or 'yes' on every row: reserved for Caseload Watch's demo generator", ""
    ),
)
COLUMN_NAMES = tuple(c.name for c in COLUMNS)
REQUIRED = tuple(c.name for c in COLUMNS if c.required)
BY_NAME = {c.name: c for c in COLUMNS}
# Template columns: everything but the generator's marker.
TEMPLATE_COLUMNS = tuple(c for c in COLUMN_NAMES if c != "demo")
