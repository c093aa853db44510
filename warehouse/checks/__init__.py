"""Data checks on the marts: pure functions of a connection, each returning a `Check`.

The pipeline runs every one as a blocking Dagster asset check (pipeline/lib/blocking_check.py),
so a failing check stops the publish step and the site keeps serving the last good release.
One module per subject; each ends with a dict of its checks by the asset they guard.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from warehouse.db import Connection


@dataclass(frozen=True)
class Check:
    """Passed or not, a sentence saying why, and the offending rows (named, so they can be fixed)."""

    passed: bool
    summary: str
    failures: list = field(default_factory=list)


def rows(con: Connection, sql: str) -> list[tuple]:
    """The rows a check's query finds: each one is a failure."""
    return con.execute(sql).fetchall()


def result(failures: list, ok: str, bad: str) -> Check:
    """A passed check saying `ok`, or a failed one saying `bad` with the count and first failures."""
    if failures:
        return Check(False, f"{bad}: {len(failures)} found; first: {failures[:5]}", failures)
    return Check(True, ok)
