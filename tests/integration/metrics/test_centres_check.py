"""The blocking check on council centres: it passes on the built centres and fails on the file's own.

Both on the real files (marked shared_data) and on a made-up country (tests/support/centres_fixture.py).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator

import duckdb
import pytest

from tests.support.centres_csv import MISPLACED, file_points
from warehouse.checks.centres import centres_near_districts
from warehouse.config import Settings
from warehouse.db import connect


@pytest.fixture(scope="module")
def work(shared_warehouse: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    """The pipeline's working file (raw, staging, marts), read-only: what the blocking check sees."""
    con = connect(shared_warehouse.work_path, read_only=True)
    try:
        yield con
    finally:
        con.close()


@pytest.mark.shared_data
def test_check_passes_on_the_published_centres(work) -> None:
    outcome = centres_near_districts(work)
    assert outcome.passed, outcome.summary


@pytest.mark.shared_data
def test_check_fails_on_the_files_own_points_naming_the_eleven(work, shared_data_dir) -> None:
    points = file_points(shared_data_dir / "maps" / "uk_local_authorities.csv")
    values = []
    for (code,) in work.execute("SELECT la_code FROM marts.dim_la").fetchall():
        members = [points.get(m.strip()) for m in code.split("/")]
        if all(members):
            values.append((code, *(statistics.mean(p[i] for p in members) for i in (0, 1))))
    work.execute("CREATE OR REPLACE TEMP TABLE file_points (la_code VARCHAR, lat DOUBLE, lon DOUBLE)")
    work.executemany("INSERT INTO file_points VALUES ($1, $2, $3)", values)
    outcome = centres_near_districts(work, "file_points")
    assert not outcome.passed
    assert {code for _name, code, _why in outcome.failures} == set(MISPLACED)
    for code, name in MISPLACED.items():
        assert f"{name} ({code})" in outcome.summary
    assert "115.6 miles" in outcome.summary  # Lancashire, from its districts
