"""Opening DuckDB. Every connection in the project is made here.

The rest of the project names a connection `Connection` and a database error `WarehouseError`
(both from here), so no module outside warehouse/ imports duckdb (a lint rule holds it: ruff
TID251 in pyproject.toml).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

SQL_DIR = Path(__file__).parent / "sql"

Connection = duckdb.DuckDBPyConnection
WarehouseError = duckdb.Error


def connect(path: Path, *, read_only: bool = False) -> Connection:
    """Open the warehouse file; the pipeline writes, the site only reads."""
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(path), read_only=read_only)


def open_snapshot(path: Path) -> Connection:
    """`path` read-only, attached as `snap` in a private in-memory database.

    DuckDB keeps one database instance per path in a process: `duckdb.connect(path)` after
    the file was replaced returns the OLD file while any connection to it is alive. An
    ATTACH in a fresh instance opens the file that is at `path` now. Cursors must run
    `USE snap` (see warehouse.read.snapshot).
    """
    con = duckdb.connect(":memory:")
    con.execute("ATTACH $path AS snap (READ_ONLY)", {"path": str(path)})
    con.execute("USE snap")
    return con


def sql_text(name: str | Path) -> str:
    """The text of `warehouse/sql/<name>.sql`, or of a SQL file given by its path."""
    path = name if isinstance(name, Path) else SQL_DIR / f"{name}.sql"
    return path.read_text(encoding="utf-8")


@contextmanager
def transaction(con: Connection) -> Iterator[Connection]:
    """All or nothing: a failure inside rolls every statement back."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def run_script(con: Connection, name: str | Path, params: dict | None = None) -> None:
    """Run a SQL file statement by statement inside one transaction."""
    with transaction(con):
        run_statements(con, name, params)


def run_statements(con: Connection, name: str | Path, params: dict | None = None) -> None:
    """Run a SQL file statement by statement in the caller's transaction (run_script opens its own).

    Named parameters (`$name`) are bound per statement, only those it uses.
    """
    for statement in split_statements(sql_text(name)):
        if statement.strip():
            used = {k: v for k, v in (params or {}).items() if f"${k}" in statement}
            con.execute(statement, used or None)


def split_statements(script: str) -> list[str]:
    """Split on semicolons at line ends (our SQL files keep one statement per block)."""
    out, current = [], []
    for line in script.splitlines():
        if line.strip().startswith("--"):
            continue
        current.append(line)
        if line.rstrip().endswith(";"):
            out.append("\n".join(current))
            current = []
    if "".join(current).strip():
        out.append("\n".join(current))
    return out
