"""What the accessibility browser tests share: waiting until a page is fully drawn (its h1, every
chart, no callback pending) and setting the viewport's width in CSS px."""

from __future__ import annotations

import time

# True once Dash has nothing pending and every chart on the page has drawn its SVG.
DRAWN = """
if (document.querySelector('[data-dash-is-loading="true"], ._dash-loading')) { return false; }
const h1 = document.querySelector('#main h1');
if (!h1) { return false; }
const graphs = Array.from(document.querySelectorAll('.dash-graph'));
return graphs.every(g => g.querySelector('.main-svg') && !g.querySelector('.dash-graph--pending'));
"""


def wait_drawn(driver, heading: str = "", timeout: float = 20) -> None:
    """Wait until the page's h1 contains `heading` and it is drawn; then a moment for plotly's
    responsive re-layout, so what a check sees is what a reader sees."""
    end = time.time() + timeout
    while time.time() < end:
        try:
            if driver.execute_script(DRAWN) and heading in driver.execute_script(
                "return document.querySelector('#main h1').textContent"
            ):
                time.sleep(0.3)
                return
        except Exception:  # noqa: BLE001 - the page is being replaced; look again
            pass
        time.sleep(0.1)
    raise AssertionError(f"{driver.current_url} was not drawn with an h1 containing {heading!r}")


def set_width(driver, width: int, height: int = 900) -> None:
    """The viewport `width` CSS px wide (headless Chromium: window width = viewport width), and a
    moment for responsive charts to re-lay out."""
    if driver.execute_script("return window.innerWidth") != width:
        driver.set_window_size(width, height)
        time.sleep(0.4)
