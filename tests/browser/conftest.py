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
