"""An inbox run is one batch: one transaction for all its acceptable files, with the same result as
loading them one at a time, and nothing loaded (files left in the inbox) when the load fails."""

from __future__ import annotations

import hashlib

import pytest

from pipeline.submissions.inbox import folders, process_batch, process_file
from tests.support.submission_files import KNOWN, TODAY, checksums, csv_bytes, good_rows
from warehouse.build.submission_batches import BatchLoad
from warehouse.build.submission_marts import ensure_schema
from warehouse.db import connect

FILES = [
    ("a_v1.csv", csv_bytes(good_rows(12))),
    ("b.csv", csv_bytes(good_rows(9, la_code="E09000033"))),
    ("bad.csv", csv_bytes(good_rows(5, fte="2"))),
    ("a_v2.csv", csv_bytes(good_rows(14))),
    ("a_v1_again.csv", csv_bytes(good_rows(12))),
    ("a_v3.csv", csv_bytes(good_rows(15))),
]


def _drop(settings, files) -> list:
    paths = []
    for name, content in files:
        path = folders(settings)["inbox"] / name
        path.write_bytes(content)
        paths.append(path)
    return paths


def _state(con) -> tuple[list, list]:
    files = con.execute(
        "SELECT file_name, la_code, version, superseded_by, workers FROM submissions.files ORDER BY ALL"
    ).fetchall()
    workers = con.execute("SELECT * FROM submissions.workers ORDER BY ALL").fetchall()
    return files, workers


def test_a_batch_loads_like_files_one_by_one(settings, tmp_path):
    first = _drop(settings, [("a_old.csv", csv_bytes(good_rows(8)))])
    with connect(settings.work_path) as con:
        process_file(first[0], settings, con, KNOWN, TODAY)
        outcomes = process_batch(_drop(settings, FILES), settings, con, KNOWN, TODAY)
        batched = _state(con)
    assert [o.status for o in outcomes] == [
        "loaded",
        "loaded",
        "quarantined",
        "loaded",
        "duplicate",
        "loaded",
    ]
    assert not list(folders(settings)["inbox"].iterdir())
    other = tmp_path / "one_by_one.duckdb"
    settings_one = type(settings)(**{**settings.__dict__, "data_dir": tmp_path / "one"})
    with connect(other) as con:
        for name, content in [("a_old.csv", csv_bytes(good_rows(8))), *FILES]:
            process_file(_drop(settings_one, [(name, content)])[0], settings_one, con, KNOWN, TODAY)
        assert _state(con) == batched
    versions = {name: version for name, _, version, _, _ in batched[0]}
    assert versions == {"a_old.csv": 1, "a_v1.csv": 2, "b.csv": 1, "a_v2.csv": 3, "a_v3.csv": 4}
    current = [name for name, _, _, superseded_by, _ in batched[0] if superseded_by is None]
    assert sorted(current) == ["a_v3.csv", "b.csv"]


def _break_a_row(real):
    def add(self, rows, files):  # the last row breaks a NOT NULL column of submissions.workers
        return real(self, rows.with_columns(rows["role"].scatter(rows.height - 1, None)), files)

    return add


def _crash_after(real):
    def finish(self, *args):  # everything written, then a crash before the commit
        real(self, *args)
        raise RuntimeError("crash before commit")

    return finish


@pytest.mark.parametrize(
    "method, breaker, message", [("add", _break_a_row, "NOT NULL"), ("finish", _crash_after, "crash")]
)
def test_a_failure_mid_batch_loads_nothing_and_leaves_the_files(
    settings, monkeypatch, method, breaker, message
):
    paths = _drop(settings, FILES)
    with connect(settings.work_path) as con:
        ensure_schema(con)
        before = checksums(con)
        monkeypatch.setattr(BatchLoad, method, breaker(getattr(BatchLoad, method)))
        with pytest.raises(Exception, match=message):
            process_batch(paths, settings, con, KNOWN, TODAY)
        assert checksums(con) == before
        left = sorted(p.name for p in folders(settings)["inbox"].iterdir())
        assert left == sorted(n for n, _ in FILES)  # every file waits for the next run
        monkeypatch.undo()
        outcomes = process_batch(paths, settings, con, KNOWN, TODAY)
        assert [o.status for o in outcomes] == [
            "loaded",
            "loaded",
            "quarantined",
            "loaded",
            "duplicate",
            "loaded",
        ]
        ids = {i for (i,) in con.execute("SELECT submission_id FROM submissions.files").fetchall()}
    assert hashlib.sha256(FILES[0][1]).hexdigest() in ids and len(ids) == 4
