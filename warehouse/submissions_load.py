"""Loading validated submissions: a whole inbox run in one transaction, set-based.

One transaction per file cost milliseconds a file (23,000 files at national scale); one for the
batch costs about the same as for one file. The batch either loads completely or not at all, and
gives what loading its files one at a time in order would give (warehouse/sql/submissions/
load_batch.sql): the same bytes load once, a later file for a council and date supersedes the
earlier one, which is kept as history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import polars as pl

from warehouse.db import run_script


@dataclass(frozen=True)
class LoadOutcome:
    submission_id: str
    loaded: bool  # False: this exact file was loaded before (or earlier in the batch), nothing changed
    version: int
    superseded: list[str]


def load_batch(
    con: duckdb.DuckDBPyConnection,
    rows: pl.DataFrame,
    files: Sequence[tuple[str, str]],
    *,
    salt: str,
    template_version: int,
    loaded_at: dt.datetime | None = None,
) -> list[LoadOutcome]:
    """Load validated rows (column `file` indexes `files`: (submission_id, file_name)) in one transaction.

    worker_ref is hashed with salt and never stored. Outcomes are in the order of `files`.
    """
    run_script(con, "submissions/schema")
    facts = _facts(rows, files)
    # Arrow once: a registered polars frame is converted again by every statement that reads it.
    con.register("incoming_files", facts.to_arrow())
    con.register("incoming_workers", rows.to_arrow())
    try:
        run_script(
            con,
            "submissions/load_batch",
            {
                "salt": salt,
                "template_version": template_version,
                "loaded_at": loaded_at or dt.datetime.now(dt.UTC),
            },
        )
        return _outcomes(con, files)
    finally:
        con.unregister("incoming_files")
        con.unregister("incoming_workers")
        con.execute("DROP TABLE IF EXISTS temp.batch_files")


def load_submission(
    con: duckdb.DuckDBPyConnection,
    rows: pl.DataFrame,
    *,
    submission_id: str,
    file_name: str,
    salt: str,
    template_version: int,
    loaded_at: dt.datetime | None = None,
) -> LoadOutcome:
    """One validated file (validate.check's rows): a batch of one."""
    batch = rows.select(pl.lit(0, pl.Int64).alias("file"), pl.all())
    return load_batch(
        con,
        batch,
        [(submission_id, file_name)],
        salt=salt,
        template_version=template_version,
        loaded_at=loaded_at,
    )[0]


def _facts(rows: pl.DataFrame, files: Sequence[tuple[str, str]]) -> pl.DataFrame:
    """One row per file: its council, date, worker count and demo flag; refuses a malformed file."""
    facts = rows.group_by("file").agg(
        la_codes=pl.col("la_code").n_unique(),
        dates=pl.col("snapshot_date").n_unique(),
        la_code=pl.col("la_code").first(),
        snapshot_date=pl.col("snapshot_date").first(),
        workers=pl.len().cast(pl.Int64),
        is_demo=pl.col("demo").fill_null(False).all(),
    )
    if facts.height != len(files) or (facts["la_codes"] != 1).any() or (facts["dates"] != 1).any():
        raise ValueError("a submission is one council's workers on one snapshot date")
    names = pl.DataFrame(
        {
            "file": range(len(files)),
            "submission_id": [s for s, _ in files],
            "file_name": [n for _, n in files],
        },
        schema={"file": pl.Int64, "submission_id": pl.String, "file_name": pl.String},
    )
    return names.join(facts.drop("la_codes", "dates"), on="file")


def _outcomes(con: duckdb.DuckDBPyConnection, files: Sequence[tuple[str, str]]) -> list[LoadOutcome]:
    found = con.execute(
        """SELECT i.file, b.file IS NOT NULL, f.version,
               coalesce((SELECT list(p.submission_id ORDER BY p.version) FROM submissions.files p
                         WHERE b.file IS NOT NULL AND p.superseded_by = i.submission_id), [])
           FROM incoming_files i
           JOIN submissions.files f USING (submission_id)
           LEFT JOIN temp.batch_files b ON b.file = i.file
           ORDER BY i.file"""
    ).fetchall()
    return [LoadOutcome(files[i][0], loaded, version, list(old)) for i, loaded, version, old in found]
