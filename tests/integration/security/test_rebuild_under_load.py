"""Safe publishing: pages and API fetched over real HTTP while the real pipeline rebuilds twice.

Zero failed requests, and every response is entirely one release: the release id a response names
(header, body, page text) matches the data it carries (each run records its own fetch times, so a
release's `meta.release_sources` is its fingerprint), checked afterwards against the release files.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest
import requests

from tests.support.live_site import page_content, running
from warehouse.config import PROJECT_ROOT, Settings
from warehouse.read.releases import release_ids

pytestmark = pytest.mark.shared_data
WORKERS = 6
MAX_ROUNDS = 400  # per worker: bounds the loop even if a run hangs


def _run_pipeline(data_dir: Path, source_dir: Path) -> None:
    env = {**os.environ, "CASELOAD_DATA_DIR": str(data_dir), "CASELOAD_SOURCE_DIR": str(source_dir)}
    env.pop("CASELOAD_WAREHOUSE", None)
    caseload = Path(sys.executable).with_name("caseload")
    done = subprocess.run([str(caseload), "run"], env=env, cwd=PROJECT_ROOT, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


def _fingerprint(path: Path) -> tuple[str, frozenset]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        rid = con.execute("SELECT release_id FROM meta.release").fetchall()[0][0]
        fetched = con.execute("SELECT source_id, fetched_at FROM meta.release_sources").fetchall()
    finally:
        con.close()
    return rid, frozenset((s, t.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S")) for s, t in fetched)


def _one_round(s: requests.Session, base: str, seen: list[tuple]) -> None:
    """Fetch API, download and page; record (release id, fingerprint-ish evidence) per response."""
    info = s.get(f"{base}/api/v1/release", timeout=60)
    info.raise_for_status()
    body = info.json()
    assert info.headers["X-Caseload-Release"] == body["release"]["id"]
    seen.append((body["release"]["id"], frozenset((r["source_id"], r["fetched_at"][:19])
                                                  for r in body["sources"])))
    csv = s.get(f"{base}/download/meta.release.csv", timeout=60)
    csv.raise_for_status()
    assert csv.headers["X-Caseload-Release"] in csv.text
    rows = s.get(f"{base}/api/v1/la-year?year=2025&limit=3", timeout=60)
    rows.raise_for_status()
    assert rows.headers["X-Caseload-Release"] == rows.json()["release"]["id"]
    page = str(page_content(s, base, "/data"))
    rid = re.search(r"Release (\d{8}T\d{6}Z-[0-9a-f]{8}), warehouse built", page).group(1)
    shown = re.findall(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})", page)
    seen.append((rid, frozenset(f"{d}T{t}" for d, t in shown), "page"))
    assert s.get(f"{base}/", timeout=60).status_code == 200


def test_requests_during_two_rebuilds_never_fail_nor_mix(shared_data_dir: Path, tmp_path: Path):
    from dashboard.app import create_app

    data_dir = tmp_path / "data"
    _run_pipeline(data_dir, shared_data_dir)
    settings = dataclasses.replace(Settings.from_env({"CASELOAD_DATA_DIR": str(data_dir)}),
                                   rate_limit_per_minute=1e6, rate_limit_burst=100_000)
    app = create_app(settings)
    stop = threading.Event()
    seen: list[tuple] = []
    failures: list[str] = []

    def worker() -> None:
        with requests.Session() as s:
            for _ in range(MAX_ROUNDS):
                if stop.is_set():
                    return
                try:
                    _one_round(s, base, seen)
                except Exception as exc:  # every failure is recorded, none is swallowed
                    failures.append(f"{type(exc).__name__}: {exc}"[:300])

    with running(app.server, threads=8) as base:
        threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
        for t in threads:
            t.start()
        try:
            _run_pipeline(data_dir, shared_data_dir)
            _run_pipeline(data_dir, shared_data_dir)
        finally:
            stop.set()
            for t in threads:
                t.join(timeout=300)
    assert not failures, failures[:5]
    kept = release_ids(settings.releases_dir)
    assert len(kept) == 3
    prints = dict(_fingerprint(settings.releases_dir / f"{rid}.duckdb") for rid in kept)
    assert len(set(prints.values())) == 3  # each run's fetch times tell its release apart
    observed = {entry[0] for entry in seen}
    assert observed <= set(kept) and len(observed) >= 2, observed
    for entry in seen:
        rid, evidence = entry[0], entry[1]
        times = {t for _, t in prints[rid]}
        if len(entry) == 3:  # the /data page: every fetch time it shows is its own release's
            assert evidence and evidence <= times, rid
        else:
            assert evidence == prints[rid], rid
