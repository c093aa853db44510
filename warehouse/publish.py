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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from warehouse.db import Connection, connect, run_statements

PUBLISHED_SCHEMAS = ("marts", "meta")
RELEASES_KEPT = 20


@dataclass(frozen=True)
class Release:
    release_id: str
    built_at: dt.datetime
    path: Path
    tables: int


def publish(work_path: Path, served_path: Path, releases_dir: Path) -> Release:
    """A new release from the working file's marts and meta, swapped in for the site."""
    with _building(work_path, served_path, releases_dir) as build:
        con = build.con
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
        for schema in PUBLISHED_SCHEMAS:
            con.execute(f"CREATE SCHEMA IF NOT EXISTS rel.{schema}")
        for schema, name in tables:
            con.execute(f'CREATE TABLE rel.{schema}."{name}" AS SELECT * FROM {schema}."{name}"')
        build.name(hashlib.sha256("|".join(sources).encode()).hexdigest()[:8])
        run_statements(con, "publish/release_sources")
    return build.install(len(tables))


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
    with _building(work_path, served_path, releases_dir, start_from=served_path) as build:
        con = build.con
        (based_on,) = con.execute("SELECT release_id FROM rel.meta.release").fetchall()[0]
        build.name(hashlib.sha256(based_on.encode() + "".join(tables).encode()).hexdigest()[:8])
        for name in tables:
            if not name.isidentifier():
                raise ValueError(f"not a mart name: {name!r}")
            con.execute(f'CREATE OR REPLACE TABLE rel.marts."{name}" AS SELECT * FROM marts."{name}"')
    return build.install(len(tables))


class _Build:
    """A release being written: the working file's connection with the new file attached as `rel`."""

    def __init__(self, con: Connection, staging_file: Path, served_path: Path, releases_dir: Path) -> None:
        self.con, self.staging_file = con, staging_file
        self.served_path, self.releases_dir = served_path, releases_dir
        self.built_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
        self.release_id = ""

    def name(self, digest: str) -> None:
        """Give the release its id (build time and `digest`) and write meta.release."""
        self.release_id = f"{self.built_at:%Y%m%dT%H%M%SZ}-{digest}"
        self.con.execute(
            "CREATE OR REPLACE TABLE rel.meta.release AS SELECT $id AS release_id, "
            "CAST($built AS TIMESTAMPTZ) AS built_at",
            {"id": self.release_id, "built": self.built_at},
        )

    def install(self, tables: int) -> Release:
        """Keep the finished file under its id and swap it in for the site."""
        release_path = self.releases_dir / f"{self.release_id}.duckdb"
        os.replace(self.staging_file, release_path)
        _swap_in(release_path, self.served_path)
        _prune(self.releases_dir)
        return Release(self.release_id, self.built_at, release_path, tables)


@contextmanager
def _building(work_path: Path, served_path: Path, releases_dir: Path,
              start_from: Path | None = None) -> Iterator[_Build]:
    """The new release file (empty, or a copy of `start_from`) attached to the working file's own
    connection (the pipeline holds it open for the run; DuckDB refuses to attach a file already
    open in this process). Checkpointed and detached when the block ends; removed if it fails."""
    releases_dir.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(releases_dir, served_path)
    staging_file = releases_dir / f".building-{os.getpid()}.duckdb"
    if start_from is not None:
        shutil.copyfile(start_from, staging_file)
    con = connect(work_path)
    try:
        con.execute("ATTACH $path AS rel", {"path": str(staging_file)})
        yield _Build(con, staging_file, served_path, releases_dir)
        con.execute("CHECKPOINT rel")
        con.execute("DETACH rel")
    except BaseException:
        con.execute("DETACH DATABASE IF EXISTS rel")
        con.close()
        staging_file.unlink(missing_ok=True)
        raise
    con.close()


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


def restore(release_path: Path, served_path: Path) -> None:
    """Serve a kept release again (`caseload rollback`), by the same atomic swap as a publish: readers
    see the old release or the restored one, and the site's caches, keyed by the served file, renew."""
    _swap_in(release_path, served_path)
