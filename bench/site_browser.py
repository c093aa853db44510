"""Headless Chromium for bench/site.py: time to interactive and bytes transferred for a first visit.

Navigation Timing gives domInteractive and the load event; a Dash page is usable only once
its content callback has rendered, so "content rendered" (the page container has children,
polled from the page) is reported too. Bytes come from Chromium's own network log
(encodedDataLength: what crossed the wire), and each response body is gzipped here to show
what a compressing server would send. The cache is disabled: every visit is a first visit.
"""

from __future__ import annotations

import gzip
import json
import statistics
import time

CHROME_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
CONTENT_READY = (
    "const c = document.getElementById('_pages_content');"
    "return c && c.children.length > 0 && !document.querySelector('[data-dash-is-loading=\"true\"]')"
    " ? performance.now() : null;"
)
NAV_TIMING = "return JSON.stringify(performance.getEntriesByType('navigation')[0].toJSON());"


def _driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument("--window-size=1280,900")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def _transfer(driver) -> dict[str, int]:
    """Wire bytes (encodedDataLength) and gzip-6 bytes of every response body of this visit."""
    finished, responses = {}, {}
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message["method"] == "Network.responseReceived":
            responses[params["requestId"]] = params["response"]["url"]
        elif message["method"] == "Network.loadingFinished":
            finished[params["requestId"]] = params["encodedDataLength"]
    wire = body_raw = body_gzip = 0
    for request_id, url in responses.items():
        if request_id not in finished or not url.startswith("http"):
            continue
        wire += finished[request_id]
        try:
            body = driver.execute_cdp_cmd("Network.getResponseBody", {"requestId": request_id})
        except Exception:  # a body Chromium no longer holds: count its wire bytes only
            continue
        raw = (
            body["body"].encode()
            if not body.get("base64Encoded")
            else __import__("base64").b64decode(body["body"])
        )
        body_raw += len(raw)
        body_gzip += len(gzip.compress(raw, 6))
    return {"requests": len(finished), "wire_bytes": wire, "body_bytes": body_raw, "gzip_bytes": body_gzip}


def first_visit(url: str, visits: int = 3, timeout: float = 30.0) -> dict:
    """Median Navigation Timing and content-rendered times (ms) over `visits` cold visits, and bytes."""
    driver = _driver()
    rows, transfer = [], {}
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
        for _ in range(visits):
            driver.get("about:blank")
            driver.get_log("performance")  # drop earlier events
            driver.get(url)
            deadline = time.monotonic() + timeout
            ready = None
            while ready is None and time.monotonic() < deadline:
                ready = driver.execute_script(CONTENT_READY)
                if ready is None:
                    time.sleep(0.02)
            nav = json.loads(driver.execute_script(NAV_TIMING))
            rows.append(
                {
                    "dom_interactive": nav["domInteractive"],
                    "dom_content_loaded": nav["domContentLoadedEventEnd"],
                    "load_event": nav["loadEventEnd"],
                    "content_rendered": ready if ready is not None else float("nan"),
                }
            )
            time.sleep(0.5)  # let late callbacks finish before reading the network log
            transfer = _transfer(driver)
    finally:
        driver.quit()
    return {k: statistics.median(r[k] for r in rows) for k in rows[0]} | transfer
