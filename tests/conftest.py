"""Fixtures shared by every test folder.

`shared_warehouse` builds the warehouse once per session from the real
published files in ../shared/data (tests using it are marked `shared_data`).
Tests that must run anywhere make their own small files instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from warehouse.config import PROJECT_ROOT, Settings
from warehouse.db import connect

SHARED_DATA = Path(os.environ.get("CASELOAD_SHARED_DATA", PROJECT_ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data_dir() -> Path:
    if not (SHARED_DATA / "PROVENANCE.md").exists():
        pytest.skip(f"no shared data at {SHARED_DATA}")
    return SHARED_DATA


def _env(**values: str) -> dict[str, str | None]:
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    return old


def _restore(old: dict[str, str | None]) -> None:
    for key, value in old.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def shared_warehouse(tmp_path_factory: pytest.TempPathFactory, shared_data_dir: Path) -> Iterator[Settings]:
    """Run the whole pipeline once on ../shared/data; yield its settings."""
    from pipeline.run import run_all

    data_dir = tmp_path_factory.mktemp("shared-build")
    old = _env(CASELOAD_DATA_DIR=str(data_dir), CASELOAD_SOURCE_DIR=str(shared_data_dir))
    old.update({"CASELOAD_WAREHOUSE": os.environ.pop("CASELOAD_WAREHOUSE", None)})
    try:
        assert run_all() == 0, "the pipeline did not publish from ../shared/data"
        yield Settings.from_env()
    finally:
        _restore(old)


@pytest.fixture(scope="session")
def published(shared_warehouse: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    """The published release from ../shared/data, opened read-only as the site opens it."""
    con = connect(shared_warehouse.warehouse_path, read_only=True)
    try:
        yield con
    finally:
        con.close()


@pytest.fixture(scope="session")
def ees(shared_data_dir: Path) -> Path:
    """The folder of the Department for Education's files in the shared data."""
    return shared_data_dir / "ees"
