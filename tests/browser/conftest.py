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

    from pipeline.submissions import generator
    from tests.conftest import published_with_inbox

    def fill(inbox: Path) -> None:
        generator.main([str(inbox), "--snapshot", "2024-09-30", "--la", "E08000035"])
        generator.main([str(inbox), "--snapshot", "2025-09-30", "--la", "E08000025", "E08000035"])
        with (inbox / "demo_E08000035_2025-09-30.csv").open(newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        assert all(r["declared_max_children"] for r in rows)  # template v2: Leeds declares
        assert {r["employment"] for r in rows} == {"agency", "permanent"}
        assert {r["newly_qualified"] for r in rows} == {"yes", "no"}

    return published_with_inbox(shared_warehouse, tmp_path_factory, "breakdown-build", fill)
