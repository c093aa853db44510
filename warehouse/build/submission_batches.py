"""Loading validated submissions: a whole inbox run in one transaction, set-based, part by part.

One transaction per file cost milliseconds a file (23,000 files at national scale); one for the
batch costs about the same as for one file. Worker rows go in part by part as they are validated
(so a national run never holds all of them in memory), the files' own rows last; the batch loads
completely or not at all, and gives what loading its files one at a time in order would give
(sql/submissions/files.sql): the same bytes load once, a later file for a council and date
supersedes the earlier one, which is kept as history. An FOI answer's band counts (add_bands) load
in the same transaction, by the same rules, into submissions.foi_bands.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import polars as pl

from warehouse.db import Connection, run_script, run_statements
from warehouse.submissions import bands_spec, spec

FACTS = {  # incoming_files: one row per acceptable file of the batch
    "file": pl.Int64,
    "submission_id": pl.String,
    "file_name": pl.String,
    "la_code": pl.String,
    "snapshot_date": pl.Date,
    "workers": pl.Int64,
    "is_demo": pl.Boolean,
    "template": pl.String,  # 'workers', or 'bands' for an FOI answer (counts per caseload band)
    "template_version": pl.Int32,  # the version whose columns the file uses (spec.py, bands_spec.py)
}


@dataclass(frozen=True)
class LoadOutcome:
    submission_id: str
    loaded: bool  # False: this exact file was loaded before (or earlier in the batch), nothing changed
    version: int
    superseded: list[str]


class BatchLoad:
    """The open batch: add() validated rows part by part; the files are written when the batch closes."""

    def __init__(self, con: Connection, salt: str):
        self.con, self.salt = con, salt
        self.started = False
        self.known: set[str] = set()
        self.facts: list[pl.DataFrame] = []
        self.outcomes: dict[int, LoadOutcome] = {}

    def _start(self) -> None:
        run_script(self.con, "submissions/schema")
        self.con.execute("BEGIN TRANSACTION")
        self.started = True
        files = self.con.execute("SELECT submission_id FROM submissions.files").fetchall()
        self.known = {sid for (sid,) in files}

    def add(self, rows: pl.DataFrame, files: Mapping[int, tuple[str, str]]) -> None:
        """Rows of acceptable files (column `file`, a key of files: (submission_id, file_name))."""
        self._add(rows, _facts(rows, files), "incoming_workers", "submissions/workers", {"salt": self.salt})

    def add_bands(self, rows: pl.DataFrame, files: Mapping[int, tuple[str, str]]) -> None:
        """Band rows of acceptable FOI answers (bands_check.FRAME_SCHEMA with `file`), as add() does."""
        self._add(rows, _band_facts(rows, files), "incoming_bands", "submissions/foi_bands", {})

    def _add(self, rows: pl.DataFrame, facts: pl.DataFrame, name: str, script: str, params: dict) -> None:
        if not self.started:
            self._start()
        self.facts.append(facts)
        fresh = facts.filter(~pl.col("submission_id").is_in(list(self.known))).unique(
            "submission_id", keep="first", maintain_order=True
        )
        if fresh.is_empty():
            return
        self.known |= set(fresh["submission_id"])
        ids = fresh.select("file", "submission_id")
        # Arrow once: a registered polars frame is converted again by every statement that reads it.
        self.con.register("incoming_ids", ids.to_arrow())
        if fresh.height < facts.height:  # some files were loaded before: only the others' rows
            rows = rows.filter(pl.col("file").is_in(ids["file"].implode()))
        self.con.register(name, rows.to_arrow())
        # On an error the transaction is aborted and rolled back: nothing more may run on it here.
        run_statements(self.con, script, params)
        self.con.unregister("incoming_ids")
        self.con.unregister(name)

    def finish(self, loaded_at: dt.datetime) -> None:
        facts = pl.concat([pl.DataFrame(schema=FACTS), *self.facts]).sort("file")
        self.con.register("incoming_files", facts.to_arrow())
        run_statements(
            self.con, "submissions/files", {"loaded_at": loaded_at}
        )
        self.outcomes = _outcomes(self.con)
        self.con.unregister("incoming_files")
        self.con.execute("DROP TABLE temp.batch_files")


@contextmanager
def batch_load(
    con: Connection, *, salt: str, loaded_at: dt.datetime | None = None
) -> Iterator[BatchLoad]:
    """One transaction: everything added inside is loaded at the end, or nothing if anything fails.

    The transaction opens with the first add(): a batch of refused files never touches the warehouse.
    """
    batch = BatchLoad(con, salt)
    try:
        yield batch
        if batch.started:
            batch.finish(loaded_at or dt.datetime.now(dt.UTC))
            con.execute("COMMIT")
    except BaseException:
        if batch.started:
            con.execute("ROLLBACK")
        raise


def load_batch(
    con: Connection,
    rows: pl.DataFrame,
    files: Sequence[tuple[str, str]],
    *,
    salt: str,
    loaded_at: dt.datetime | None = None,
) -> list[LoadOutcome]:
    """Validated rows (column `file` indexes `files`: (submission_id, file_name)) in one transaction."""
    with batch_load(con, salt=salt, loaded_at=loaded_at) as batch:
        batch.add(rows, dict(enumerate(files)))
    return [batch.outcomes[i] for i in range(len(files))]


def load_submission(
    con: Connection,
    rows: pl.DataFrame,
    *,
    submission_id: str,
    file_name: str,
    salt: str,
    loaded_at: dt.datetime | None = None,
) -> LoadOutcome:
    """One validated file (validate.check's rows): a batch of one."""
    batch = rows.select(pl.lit(0, pl.Int64).alias("file"), pl.all())
    return load_batch(
        con,
        batch,
        [(submission_id, file_name)],
        salt=salt,
        loaded_at=loaded_at,
    )[0]


def _facts(rows: pl.DataFrame, files: Mapping[int, tuple[str, str]]) -> pl.DataFrame:
    """One row per file: its council, date, worker count and demo flag; refuses a malformed file."""
    facts = rows.group_by("file").agg(
        la_codes=pl.col("la_code").n_unique(),
        dates=pl.col("snapshot_date").n_unique(),
        la_code=pl.col("la_code").first(),
        snapshot_date=pl.col("snapshot_date").first(),
        workers=pl.len().cast(pl.Int64),
        is_demo=pl.col("demo").fill_null(False).all(),
        template_version=_template_version(rows),
    )
    if facts.height != len(files) or (facts["la_codes"] != 1).any() or (facts["dates"] != 1).any():
        raise ValueError("a submission is one council's workers on one snapshot date")
    names = pl.DataFrame(
        {
            "file": list(files),
            "submission_id": [s for s, _ in files.values()],
            "file_name": [n for _, n in files.values()],
        },
        schema={"file": pl.Int64, "submission_id": pl.String, "file_name": pl.String},
    )
    return names.join(facts.drop("la_codes", "dates"), on="file").with_columns(
        template=pl.lit("workers")
    ).select(*FACTS)


def _template_version(rows: pl.DataFrame) -> pl.Expr:
    """Per file: 2 when it gives a declared maximum (version 2's columns), else 1 (version 1's columns
    suffice: a v2 template left empty there is read as a v1 file)."""
    given = [pl.col(c).is_not_null().any() for c in spec.V2_COLUMNS if c in rows.columns]
    version = pl.when(pl.any_horizontal(given)).then(2).otherwise(1) if given else pl.lit(1)
    return version.cast(pl.Int32)


def _band_facts(rows: pl.DataFrame, files: Mapping[int, tuple[str, str]]) -> pl.DataFrame:
    """One row per FOI answer: `workers` is the case holders its bands count; never demo data."""
    worker_like = rows.with_columns(demo=pl.lit(False))
    facts = _facts(worker_like.drop("case_holders"), files).drop("workers")
    counted = rows.group_by("file").agg(workers=pl.col("case_holders").sum().cast(pl.Int64))
    return facts.join(counted, on="file").with_columns(
        template=pl.lit("bands"), template_version=pl.lit(bands_spec.TEMPLATE_VERSION, pl.Int32)
    ).select(*FACTS)


def _outcomes(con: Connection) -> dict[int, LoadOutcome]:
    found = con.execute(
        """SELECT i.file, i.submission_id, b.file IS NOT NULL, f.version,
               coalesce((SELECT list(p.submission_id ORDER BY p.version) FROM submissions.files p
                         WHERE b.file IS NOT NULL AND p.superseded_by = i.submission_id), [])
           FROM incoming_files i
           JOIN submissions.files f USING (submission_id)
           LEFT JOIN temp.batch_files b ON b.file = i.file"""
    ).fetchall()
    return {i: LoadOutcome(sid, loaded, version, list(old)) for i, sid, loaded, version, old in found}
