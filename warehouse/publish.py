"""Publishing: copy the marts into a new snapshot file and swap it in atomically.

The site only ever opens the served file read-only. A run builds the next
release as a separate file (releases/<id>.duckdb), then copies it to a
temporary name beside the served file and renames it over the served file in
one step, so a reader sees the old release or the new one, never a mixture.
Only the `marts` and `meta` schemas are published: raw tables, staging and
anything worker-level stay in the pipeline's working file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from warehouse.db import connect, run_statements

PUBLISHED_SCHEMAS = ("marts", "meta")
RELEASES_KEPT = 20


@dataclass(frozen=True)
class Release:
    release_id: str
    built_at: dt.datetime
    path: Path
    tables: int


def publish(work_path: Path, served_path: Path, releases_dir: Path) -> Release:
    built_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    releases_dir.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(releases_dir, served_path)
    staging_file = releases_dir / f".building-{os.getpid()}.duckdb"
    # Copy from the working file's own connection (the pipeline holds it open for the run;
    # DuckDB refuses to attach a file that is already open in this process).
    con = connect(work_path)
    try:
        con.execute("ATTACH $path AS rel", {"path": str(staging_file)})
        tables = con.execute(
            "SELECT schema_name, table_name FROM duckdb_tables() "
            "WHERE database_name = current_database() AND list_contains($schemas, schema_name) "
            "ORDER BY ALL",
            {"schemas": list(PUBLISHED_SCHEMAS)},
        ).fetchall()
        sources = con.execute(
            "SELECT list(source_id || ':' || sha256 ORDER BY source_id) FROM ("
            " SELECT source_id, arg_max(sha256, fetched_at) AS sha256"
            " FROM raw.source_files GROUP BY source_id)"
        ).fetchall()[0][0] or []
        digest = hashlib.sha256("|".join(sources).encode()).hexdigest()[:8]
        release_id = f"{built_at:%Y%m%dT%H%M%SZ}-{digest}"
        for schema in PUBLISHED_SCHEMAS:
            con.execute(f"CREATE SCHEMA IF NOT EXISTS rel.{schema}")
        for schema, name in tables:
            con.execute(f'CREATE TABLE rel.{schema}."{name}" AS SELECT * FROM {schema}."{name}"')
        con.execute(
            "CREATE OR REPLACE TABLE rel.meta.release AS SELECT $id AS release_id, "
            "CAST($built AS TIMESTAMPTZ) AS built_at",
            {"id": release_id, "built": built_at},
        )
        run_statements(con, "publish/release_sources")
        con.execute("CHECKPOINT rel")
        con.execute("DETACH rel")
    except BaseException:
        con.execute("DETACH DATABASE IF EXISTS rel")
        con.close()
        staging_file.unlink(missing_ok=True)
        raise
    con.close()
    release_path = releases_dir / f"{release_id}.duckdb"
    os.replace(staging_file, release_path)
    _swap_in(release_path, served_path)
    _prune(releases_dir)
    return Release(release_id, built_at, release_path, len(tables))


def republish(work_path: Path, served_path: Path, releases_dir: Path,
              tables: tuple[str, ...]) -> Release | None:
    """A new release: the served one with `tables` (marts) replaced from the working file.

    For council submissions, which arrive between the publisher's releases: their marts reach the
    site within minutes, without rebuilding everything else. The served file is copied (never
    written), the tables replaced in the copy, and the copy swapped in as `publish` does, so the
    site reads the old release or the new one. None when no release is served yet (the next full
    run publishes the submissions with everything else).
    """
    if not served_path.exists():
        return None
    built_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    releases_dir.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(releases_dir, served_path)
    staging_file = releases_dir / f".building-{os.getpid()}.duckdb"
    shutil.copyfile(served_path, staging_file)
    con = connect(work_path)
    try:
        con.execute("ATTACH $path AS rel", {"path": str(staging_file)})
        (based_on,) = con.execute("SELECT release_id FROM rel.meta.release").fetchall()[0]
        digest = hashlib.sha256(based_on.encode() + "".join(tables).encode()).hexdigest()[:8]
        release_id = f"{built_at:%Y%m%dT%H%M%SZ}-{digest}"
        for name in tables:
            if not name.isidentifier():
                raise ValueError(f"not a mart name: {name!r}")
            con.execute(f'CREATE OR REPLACE TABLE rel.marts."{name}" AS SELECT * FROM marts."{name}"')
        con.execute(
            "CREATE OR REPLACE TABLE rel.meta.release AS SELECT $id AS release_id, "
            "CAST($built AS TIMESTAMPTZ) AS built_at",
            {"id": release_id, "built": built_at},
        )
        con.execute("CHECKPOINT rel")
        con.execute("DETACH rel")
    except BaseException:
        con.execute("DETACH DATABASE IF EXISTS rel")
        con.close()
        staging_file.unlink(missing_ok=True)
        raise
    con.close()
    release_path = releases_dir / f"{release_id}.duckdb"
    os.replace(staging_file, release_path)
    _swap_in(release_path, served_path)
    _prune(releases_dir)
    return Release(release_id, built_at, release_path, len(tables))


def _swap_in(release_path: Path, served_path: Path) -> None:
    served_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = served_path.with_name(f".{served_path.name}.incoming-{os.getpid()}")
    shutil.copyfile(release_path, tmp)
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, served_path)


def _remove_leftovers(releases_dir: Path, served_path: Path) -> None:
    """Temporary files of a run that was killed (one pipeline runs at a time)."""
    for leftover in [*releases_dir.glob(".building-*"),
                     *served_path.parent.glob(f".{served_path.name}.incoming-*")]:
        leftover.unlink(missing_ok=True)


def _prune(releases_dir: Path) -> None:
    releases = sorted(releases_dir.glob("*.duckdb"))
    for old in releases[:-RELEASES_KEPT]:
        old.unlink(missing_ok=True)
