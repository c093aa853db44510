"""The resource every asset uses: the pipeline's working DuckDB file, and the settings.

Bound to the name `warehouse` (with the in-process executor) in pipeline/defs/resources.py.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg
from pydantic import PrivateAttr

from warehouse.build.raw import ensure_schema
from warehouse.config import Settings
from warehouse.db import Connection, connect


class WarehouseResource(dg.ConfigurableResource):
    """The pipeline's working DuckDB file (never the served snapshot).

    Settings come from the environment (warehouse/config.py), so the CLI,
    `dagster dev` and the tests all point at the same place. This is the one place
    the pipeline's assets, checks and sensors get them from.
    """

    _in_execution: bool = PrivateAttr(default=False)
    _keeper: Connection | None = PrivateAttr(default=None)

    def settings(self) -> Settings:
        return Settings.from_env()

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        """Note that a run (or a sensor tick) has begun; the file is opened by the first `connect()`.

        A sensor only reads the settings, so its ticks never open (and lock) the working file.
        """
        self._in_execution = True

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._keeper is not None:
            self._keeper.close()
            self._keeper = None
        self._in_execution = False

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        path = self.settings().work_path
        first = self._keeper is None
        if self._in_execution and first:
            # Hold the file open for the rest of the run. DuckDB shares one database instance per
            # file in a process while any connection to it is open, so each step's `connect()` then
            # costs well under a millisecond instead of about 30 ms of reopening the file and
            # reloading its catalog (55 steps, 160 opens).
            self._keeper = connect(path)
        con = connect(path)
        try:
            if first:  # the schema once per run (about 6 ms), not on each of its 160 opens
                ensure_schema(con)
            yield con
        finally:
            con.close()
