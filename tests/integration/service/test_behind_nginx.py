"""The site as a service over real HTTP on 127.0.0.1: nginx in front of two `caseload serve`
processes sharing one Redis (tests/integration/service/conftest.py).

What nginx keeps and for how long; one rate limit per client across both processes; each address
drawn once per release between them; a publish under 20 clients through nginx with no failed request
and every process on the new release within seconds; and, last (it stops Redis), the site answering
with Redis gone and taking it back when it returns.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import duckdb
import pytest
import requests

from dashboard.server.response_cache import CACHE_HEADER, page_request
from tests.integration.service.conftest import RATE_BURST, WARM_LIMIT, Service
from tests.support import service
from warehouse.config import PROJECT_ROOT

pytestmark = pytest.mark.shared_data
GZIP = {"Accept-Encoding": "gzip"}
CALLBACK = "/_dash-update-component"
PUBLISH_SEEN_WITHIN_S = 10.0  # nginx: 2 s kept + 2 s stale at most; processes: at once


def _render(base: str, pathname: str, search: str = "", session=requests) -> requests.Response:
    """A page's first render, as the browser asks for it (the pages callback)."""
    return session.post(f"{base}{CALLBACK}", data=page_request(pathname, search), timeout=60,
                        headers={"Content-Type": "application/json", **GZIP})


def _release(base: str, session=requests, headers: dict | None = None) -> str:
    resp = session.get(f"{base}/api/v1/release", timeout=30, headers=headers or {})
    resp.raise_for_status()
    return resp.json()["release"]["id"]


def test_nginx_keeps_bundles_a_year_and_current_answers_seconds(stack: Service):
    base = stack.nginx.base
    page = requests.get(f"{base}/", headers=GZIP, timeout=30)
    html = page.text
    assert page.status_code == 200 and "plotly" in html, (page.status_code, html[:500])
    plotly = re.search(r'src="(/assets/vendor/plotly[^"]+\?m=[^"]+)"', html).group(1)
    suite = re.search(r'src="(/_dash-component-suites/dash/dash-renderer/[^"]+)"', html).group(1)
    for path in (plotly, suite):
        first = requests.get(base + path, headers=GZIP, timeout=30)
        again = requests.get(base + path, headers=GZIP, timeout=30)
        assert first.status_code == again.status_code == 200 and again.content == first.content
        assert again.headers["X-Cache-Status"] == "HIT", path
        assert again.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert again.headers["Content-Encoding"] == "gzip"
    bare = requests.get(base + plotly.split("?")[0], timeout=30)  # no ?m=: may change, so not kept
    assert bare.headers["Cache-Control"] == "no-cache" and bare.headers["X-Cache-Status"] == "BYPASS"

    api = f"{base}/api/v1/la-year?year=2025&limit=40"
    first, again = (requests.get(api, headers=GZIP, timeout=30) for _ in range(2))
    assert first.json() == again.json() and again.headers["X-Cache-Status"] == "HIT"
    assert again.headers["Content-Encoding"] == "gzip"  # gzipped by nginx: the site sends JSON plain
    shared = f"s-maxage={stack.settings.proxy_cache_s}, stale-while-revalidate={stack.settings.proxy_cache_s}"
    assert again.headers["Cache-Control"] == f"public, max-age=300, {shared}"  # the browser's 5 min
    time.sleep(2 * stack.settings.proxy_cache_s + 1)  # past its time and its stale time: asked afresh
    expired = requests.get(api, headers=GZIP, timeout=30)
    assert expired.headers["X-Cache-Status"] == "EXPIRED"

    rid = _release(base)
    pinned = f"{base}/api/v1/caps?release={rid}"
    requests.get(pinned, timeout=30)
    kept = requests.get(pinned, timeout=30)
    assert kept.headers["X-Cache-Status"] == "HIT" and "immutable" in kept.headers["Cache-Control"]

    whole = requests.get(f"{base}/download/meta.release.csv", timeout=30)
    part = requests.get(f"{base}/download/meta.release.csv", headers={"Range": "bytes=0-9"}, timeout=30)
    assert part.status_code == 206 and part.content == whole.content[:10]

    # A page's render (a POST) is kept by the pathname and search in its body; other callbacks, and
    # a body with anything escaped in it, pass through.
    first, again = _render(base, "/trends", "?cap=20"), _render(base, "/trends", "?cap=20")
    assert first.headers["X-Cache-Status"] == "MISS" and again.headers["X-Cache-Status"] == "HIT"
    assert first.content == again.content != _render(base, "/trends", "?cap=12").content
    escaped = _render(base, "/trends", '?cap=20&x="1"')
    assert escaped.status_code == 200 and escaped.headers["X-Cache-Status"] == "BYPASS"
    other = requests.post(f"{base}{CALLBACK}", json={"output": "x.children", "inputs": []}, timeout=30)
    assert other.headers["X-Cache-Status"] == "BYPASS"


def test_a_client_meets_one_limit_whichever_process_answers(stack: Service):
    client = {"X-Forwarded-For": "198.51.100.7"}  # as nginx sets it; the processes trust one proxy
    codes = []
    for i in range(RATE_BURST + 1):
        site = stack.sites[i % 2]
        codes.append(requests.get(f"{site.base}/api/v1/caps", headers=client, timeout=30).status_code)
    assert codes[:RATE_BURST] == [200] * RATE_BURST and codes[RATE_BURST] == 429
    for site in stack.sites:  # refused by either process now, with when to come back
        refused = requests.get(f"{site.base}/download/marts.caps.csv", headers=client, timeout=30)
        assert refused.status_code == 429 and 1 <= int(refused.headers["Retry-After"]) <= 61
    other = {"X-Forwarded-For": "198.51.100.8"}
    assert requests.get(f"{stack.sites[1].base}/api/v1/caps", headers=other, timeout=30).status_code == 200
    assert _render(stack.sites[0].base, "/data").status_code == 200  # pages are never limited


def test_each_address_is_drawn_once_per_release_across_processes(stack: Service):
    logs = [s.output() for s in stack.sites]
    drawn = [int(re.search(r"cache warmed: \d+ of \d+ pages .*drawn here: (\d+)", log).group(1))
             for log in logs]
    assert all(f"cache warmed: {WARM_LIMIT} of {WARM_LIMIT} pages" in log for log in logs)
    assert sum(drawn) == WARM_LIMIT, drawn  # the two warmers shared the work: none drawn twice

    search = "?year=2023&cap=15"  # an address no warmer draws, asked for by 12 readers at once
    answers: list[tuple[str, bytes]] = []

    def ask(base: str) -> None:
        resp = _render(base, "/council/leeds", search)
        assert resp.status_code == 200
        answers.append((resp.headers[CACHE_HEADER], resp.content))

    threads = [threading.Thread(target=ask, args=(stack.sites[i % 2].base,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    sources = Counter(source for source, _ in answers)
    assert len(answers) == 12 and sources["drawn"] == 1, sources
    assert len({body for _, body in answers}) == 1  # the same answer from both processes
    assert _render(stack.nginx.base, "/council/leeds", search).headers[CACHE_HEADER] != "drawn"


def _load(base: str, stop: threading.Event, seen: list[str], failures: list[str]) -> None:
    """One reader through nginx: the release, a page's HTML and its first render, over and over."""
    with requests.Session() as s:
        while not stop.is_set():
            try:
                seen.append(_release(base, s))
                assert s.get(f"{base}/council/leeds", timeout=60).status_code == 200
                render = _render(base, "/data", session=s)
                assert render.status_code == 200 and b"Release " in render.content
            except Exception as exc:  # every failure is recorded, none is swallowed
                failures.append(f"{type(exc).__name__}: {exc}"[:300])


def test_a_publish_under_20_clients_fails_nothing_and_shows_within_seconds(stack: Service):
    before = _release(stack.nginx.base)
    stop, seen, failures = threading.Event(), [], []
    clients = [threading.Thread(target=_load, args=(stack.nginx.base, stop, seen, failures))
               for _ in range(20)]
    for t in clients:
        t.start()
    try:
        env = {**os.environ, **stack.env, "CASELOAD_SOURCE_DIR": str(stack.source_dir)}
        caseload = str(Path(sys.executable).with_name("caseload"))
        done = subprocess.run([caseload, "run"], env=env, cwd=PROJECT_ROOT, capture_output=True,
                              text=True, timeout=600)
        published = time.monotonic()
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
        after = {}
        bases = [("nginx", stack.nginx.base)] + [(f"process {s.port}", s.base) for s in stack.sites]
        for name, base in bases:
            while _release(base) == before and time.monotonic() - published < PUBLISH_SEEN_WITHIN_S:
                time.sleep(0.1)
            after[name] = (_release(base), time.monotonic() - published)
        new_id = after["nginx"][0]
        while new_id.encode() not in _render(stack.nginx.base, "/data").content:  # the page, too
            assert time.monotonic() - published < PUBLISH_SEEN_WITHIN_S, "the /data page kept the old release"
            time.sleep(0.1)
        time.sleep(1)  # a little more load on the new release
    finally:
        stop.set()
        for t in clients:
            t.join(120)
    new = {rid for rid, _ in after.values()}
    assert len(new) == 1 and before not in new, after  # every process and nginx: the new release
    assert not failures, failures[:5]
    assert len(seen) > 100 and set(seen) == {before, *new}  # readers saw the old, then the new


def _slugs(stack: Service) -> list[str]:
    con = duckdb.connect(str(stack.settings.warehouse_path), read_only=True)
    try:
        return [r[0] for r in con.execute("SELECT slug FROM marts.dim_la ORDER BY slug").fetchall()]
    finally:
        con.close()


def test_with_redis_stopped_mid_run_pages_answer_and_limits_hold(stack: Service):
    stop, seen, failures = threading.Event(), [], []
    clients = [threading.Thread(target=_load, args=(stack.nginx.base, stop, seen, failures))
               for _ in range(6)]
    for t in clients:
        t.start()
    try:
        time.sleep(1)
        service.stop(stack.redis)  # mid-run
        time.sleep(2)
        # An address nobody drew yet: drawn here, since the shared cache is gone.
        fresh = _render(stack.sites[0].base, "/council/leeds", "?year=2022&cap=20")
        assert fresh.status_code == 200 and fresh.headers[CACHE_HEADER] == "drawn"
        # Limits fall back to each process's memory: still limited, per process.
        client = {"X-Forwarded-For": "198.51.100.9"}
        codes = [requests.get(f"{stack.sites[1].base}/api/v1/caps", headers=client, timeout=30).status_code
                 for _ in range(RATE_BURST + 1)]
        assert codes[:RATE_BURST] == [200] * RATE_BURST and codes[-1] == 429
    finally:
        stop.set()
        for t in clients:
            t.join(120)
    assert not failures, failures[:5]
    assert len(seen) > 20

    # Redis back (empty, on the same port): within seconds an address drawn by one process is
    # shared with the other again.
    stack.redis = service.start_redis(stack.redis.log.parent, stack.redis.port)
    deadline = time.monotonic() + 20
    for slug in _slugs(stack):  # a new address each time
        first = _render(stack.sites[0].base, f"/council/{slug}", "?year=2021&cap=12")
        second = _render(stack.sites[1].base, f"/council/{slug}", "?year=2021&cap=12")
        if second.headers[CACHE_HEADER] == "shared" or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert first.headers[CACHE_HEADER] == "drawn" and second.headers[CACHE_HEADER] == "shared"
