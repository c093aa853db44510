"""The site's read-only view of the served warehouse file.

The pipeline replaces the served file atomically (`os.replace`), which gives it a
new inode. The site holds one read-only connection and reopens it when the
inode (or mtime) changes, so a new release appears without restarting the
server and the site never holds a write lock. The file is ATTACHed in a private
in-memory database (warehouse.db.open_snapshot): a plain reconnect by path would get
DuckDB's cached instance of the old file. Each request gets its own cursor:
DuckDB connections must not be shared between threads mid-query.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from warehouse.db import Connection, WarehouseError, open_snapshot


class SnapshotUnavailable(RuntimeError):
    """No published warehouse yet (or it cannot be opened): the site says so, politely."""


class Snapshot:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._con: Connection | None = None
        self._key: tuple[int, int] | None = None

    def version(self) -> tuple[int, int]:
        """(inode, mtime_ns) of the served file: changes with every publish."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError as exc:
            raise SnapshotUnavailable(f"no published warehouse at {self.path}") from exc
        return (st.st_ino, st.st_mtime_ns)

    def _connection(self) -> Connection:
        key = self.version()
        with self._lock:
            if self._con is None or key != self._key:
                try:
                    con = open_snapshot(self.path)
                except WarehouseError as exc:
                    raise SnapshotUnavailable(str(exc)) from exc
                # The old connection is dropped, not closed: cursors still reading
                # from it finish on the old release, then it is garbage-collected.
                self._con, self._key = con, key
            return self._con

    @contextmanager
    def cursor(self) -> Iterator[Connection]:
        """A cursor of its own for one request; closed afterwards."""
        cur = self._connection().cursor()
        try:
            cur.execute("USE snap")  # a cursor does not inherit its connection's USE
            yield cur
        finally:
            cur.close()

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
            self._con, self._key = None, None
