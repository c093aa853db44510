"""Fixtures shared by every test folder.

`shared_warehouse` builds the warehouse once per session from the real
published files in ../shared/data (tests using it are marked `shared_data`).
Tests that must run anywhere make their own small files instead.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
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


@pytest.fixture
def site(shared_warehouse: Settings):
    """A fresh app over the session's published warehouse (read-only)."""
    from dashboard.app import create_app

    return create_app(shared_warehouse)


def _foi_answers() -> dict[str, bytes]:
    from tests.support.band_files import band_csv, band_rows

    hartlepool = ((0, 12, 40), (13, 18, 25), (19, None, 9))
    url = "https://www.hartlepool.gov.uk/foi/answers/2025-0456"
    return {
        "hartlepool_foi.csv": band_csv(band_rows(hartlepool, la_code="E06000001", source=url)),
        "westminster_foi.csv": band_csv(band_rows(la_code="E09000033")),
    }


FOI_ANSWERS = _foi_answers()


def copy_of_shared(shared: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **env: str) -> Settings:
    """The shared build copied into `tmp_path` for one test to change: its settings, with no source
    folder, warehouse path or demo mode carried over unless `env` sets them."""
    import shutil

    shutil.copytree(shared.data_dir, tmp_path, dirs_exist_ok=True)
    for name in ("CASELOAD_SOURCE_DIR", "CASELOAD_WAREHOUSE", "CASELOAD_SHOW_DEMO"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CASELOAD_DATA_DIR", str(tmp_path))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return Settings.from_env()


def published_with_inbox(shared: Settings, tmp_path_factory: pytest.TempPathFactory, name: str,
                         fill: Callable[[Path], None]) -> Settings:
    """A copy of the shared build whose inbox `fill` writes to, loaded and published by the real
    pipeline; its settings with demo mode on."""
    import dataclasses
    import shutil

    from pipeline.run import run_all

    data_dir = tmp_path_factory.mktemp(name)
    shutil.copytree(shared.data_dir, data_dir, dirs_exist_ok=True)
    old = _env(CASELOAD_DATA_DIR=str(data_dir), CASELOAD_SHOW_DEMO="1")
    try:
        settings = Settings.from_env()
        inbox = settings.submissions_dir / "inbox"
        inbox.mkdir(parents=True, exist_ok=True)
        fill(inbox)
        assert run_all() == 0, f"the pipeline did not publish the submissions of {name}"
    finally:
        _restore(old)
    return dataclasses.replace(settings, show_demo=True)


@pytest.fixture(scope="session")
def demo_warehouse(shared_warehouse: Settings, tmp_path_factory: pytest.TempPathFactory):
    """A copy of the shared build with a demo (synthetic) submission for Birmingham, and two FOI
    answers' band files (Hartlepool's with a published answer's address, Westminster's with an FOI
    reference), loaded and published by the real pipeline; its settings with demo mode on."""
    from pipeline.submissions import generator

    def fill(inbox: Path) -> None:
        generator.main([str(inbox), "--snapshot", "2025-09-30", "--la", "E08000025"])
        for name, content in FOI_ANSWERS.items():
            (inbox / name).write_bytes(content)

    return published_with_inbox(shared_warehouse, tmp_path_factory, "demo-build", fill)


@pytest.fixture
def demo_site(demo_warehouse: Settings):
    """An app in demo mode (CASELOAD_SHOW_DEMO=1) over the demo build."""
    from dashboard.app import create_app

    return create_app(demo_warehouse)


@pytest.fixture(scope="session")
def two_releases(demo_warehouse: Settings) -> Settings:
    """Two real releases: the demo build is the shared build published a second time by the pipeline.
    Demo mode off, so the pages are the public ones."""
    import dataclasses

    from warehouse.read.releases import release_ids

    assert len(release_ids(demo_warehouse.releases_dir)) == 2
    return dataclasses.replace(demo_warehouse, show_demo=False)
