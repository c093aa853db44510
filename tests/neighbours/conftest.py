"""Fixtures for the neighbour tests: the published warehouse, read-only, and the source folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from warehouse.config import Settings
from warehouse.db import connect


@pytest.fixture(scope="session")
def published(shared_warehouse: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    con = connect(shared_warehouse.warehouse_path, read_only=True)
    try:
        yield con
    finally:
        con.close()


@pytest.fixture(scope="session")
def ees(shared_data_dir: Path) -> Path:
    return shared_data_dir / "ees"
