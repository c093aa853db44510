"""Browser tests: headless Debian Chromium (chromium and chromium-driver, installed by
scripts/test.sh) driven by dash[testing]'s dash_duo, and full-page screenshots kept under
artifacts/screenshots/ for people to look at."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from selenium.webdriver.chrome.options import Options

from warehouse.config import PROJECT_ROOT

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
def breakdown_warehouse(shared_warehouse, tmp_path_factory: pytest.TempPathFactory):
    """A copy of the shared build with demo submissions that have agency, newly qualified and
    declared-maximum columns: Leeds on two dates (a series) and Birmingham, which declares no maximum,
    on the latest (two councils pooled), loaded and published by the real pipeline; its settings, demo
    mode on."""
    import csv
    import dataclasses
    import shutil

    from pipeline.run import run_all
    from pipeline.submissions import generator
    from tests.conftest import _env, _restore
    from warehouse.config import Settings

    data_dir = tmp_path_factory.mktemp("breakdown-build")
    shutil.copytree(shared_warehouse.data_dir, data_dir, dirs_exist_ok=True)
    old = _env(CASELOAD_DATA_DIR=str(data_dir), CASELOAD_SHOW_DEMO="1")
    try:
        settings = Settings.from_env()
        inbox = settings.submissions_dir / "inbox"
        inbox.mkdir(parents=True, exist_ok=True)
        generator.main([str(inbox), "--snapshot", "2024-09-30", "--la", "E08000035"])
        generator.main([str(inbox), "--snapshot", "2025-09-30", "--la", "E08000025", "E08000035"])
        with (inbox / "demo_E08000035_2025-09-30.csv").open(newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        assert all(r["declared_max_children"] for r in rows)  # template v2: Leeds declares
        assert {r["employment"] for r in rows} == {"agency", "permanent"}
        assert {r["newly_qualified"] for r in rows} == {"yes", "no"}
        assert run_all() == 0, "the pipeline did not publish the demo submissions"
    finally:
        _restore(old)
    return dataclasses.replace(settings, show_demo=True)
