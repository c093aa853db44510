"""Browser-test setup: headless Debian Chromium, one warehouse built per session, an app per test."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from selenium.webdriver.chrome.options import Options

from warehouse.config import PROJECT_ROOT, Settings

SCREENSHOTS = PROJECT_ROOT / "artifacts" / "screenshots"
CHROME_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,1000",
)


def pytest_setup_options() -> Options:
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    return options


@pytest.fixture
def site(shared_warehouse: Settings):
    """A fresh app over the session's published warehouse (read-only)."""
    from dashboard.app import create_app

    return create_app(shared_warehouse)


@pytest.fixture
def screenshot():
    """Save a full-page PNG under artifacts/screenshots/ (kept by CI as a test artefact)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(dash_duo, name: str, width: int = 1280) -> Path:
        driver = dash_duo.driver
        driver.set_window_size(width, 1000)
        height = driver.execute_script("return document.body.scrollHeight")
        driver.set_window_size(width, min(height + 120, 7000))
        time.sleep(1.0)  # let plotly re-lay out responsive charts at the new width
        path = SCREENSHOTS / f"{name}.png"
        driver.save_screenshot(str(path))
        driver.set_window_size(1280, 1000)
        return path

    return save


@pytest.fixture(scope="session")
def demo_warehouse(shared_warehouse: Settings, tmp_path_factory: pytest.TempPathFactory):
    """A copy of the shared build with a demo (synthetic) submission for Birmingham loaded and
    published by the real pipeline; yields its settings with demo mode on."""
    import dataclasses
    import shutil

    from pipeline.run import run_all
    from pipeline.submissions import generator
    from tests.conftest import _env, _restore

    data_dir = tmp_path_factory.mktemp("demo-build")
    shutil.copytree(shared_warehouse.data_dir, data_dir, dirs_exist_ok=True)
    old = _env(CASELOAD_DATA_DIR=str(data_dir), CASELOAD_SHOW_DEMO="1")
    try:
        settings = Settings.from_env()
        inbox = settings.submissions_dir / "inbox"
        inbox.mkdir(parents=True, exist_ok=True)
        generator.main([str(inbox), "--snapshot", "2025-09-30", "--la", "E08000025"])
        assert run_all() == 0, "the pipeline did not publish the demo submission"
    finally:
        _restore(old)
    yield dataclasses.replace(settings, show_demo=True)


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
