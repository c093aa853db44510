"""The shape every check of a submission file answers in, whichever template the file follows.

Both templates (worker rows, spec.py; FOI band counts, bands_spec.py) report problems the same way
(row, column, found, expected), so `caseload validate`, the inbox's reports, the check door and the
submit door word them once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

WORKERS = "workers"  # Checked.kind of a worker-level file (template v1)
BANDS = "bands"  # Checked.kind of an FOI answer's band counts (bands template v1)
UNKNOWN_COUNCIL = (
    "the GSS code of a current English council with children's services (the guide says where to find "
    "it; a joint return is sent under each member council's own code)"
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file. row/column are None for whole-file problems."""

    row: int | None
    column: str | None
    value: str
    expected: str

    def __str__(self) -> str:
        where = (
            ", ".join(
                p
                for p in (
                    f"row {self.row}" if self.row else "",
                    f"column {self.column}" if self.column else "",
                )
                if p
            )
            or "file"
        )
        return f"{where}: found {self.value!r}; expected {self.expected}"


@dataclass
class Checked:
    problems: list[Problem] = field(default_factory=list)
    rows: pl.DataFrame | None = None  # typed rows, only when there are no problems
    encoding: str = ""
    unreadable: bool = False  # the file as a whole could not be read (its one problem says why)
    kind: str = WORKERS  # which template the file follows: WORKERS or BANDS

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def workers(self) -> int:
        """Social workers the file counts: its rows, or for band counts the sum of case_holders."""
        if self.rows is None:
            return 0
        return int(self.rows["case_holders"].sum()) if self.kind == BANDS else self.rows.height

    def describe(self) -> str:
        """'12 workers' or '5 bands, 120 case holders': what an acceptable file holds, in words."""
        if self.kind == BANDS:
            bands = self.rows.height if self.rows is not None else 0
            plural = "s" if bands != 1 else ""
            return f"{bands} caseload band{plural}, {self.workers:,} case holders (FOI answer)"
        return f"{self.workers} workers"
