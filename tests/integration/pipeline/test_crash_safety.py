"""Killing a run at any point leaves the served release and the raw archive intact.

`caseload run` is started as a real process and sent SIGKILL at several
moments (fetching, transforming, publishing). After each kill the served file
is byte-for-byte the last good release or a complete newer one, every archived
raw file still matches the sha256 in its name, and the next run completes.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.shared_data


def _run(env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "caseload", "run"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _served_release(path: Path) -> tuple[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        release = con.execute("SELECT release_id FROM meta.release").fetchall()[0][0]
        rows = con.execute("SELECT count(*) FROM marts.la_year").fetchall()[0][0]
    finally:
        con.close()
    return release, rows


def _archive_is_sound(raw_dir: Path) -> None:
    for path in raw_dir.rglob("*"):
        if path.is_file() and not path.name.startswith("."):
            assert hashlib.sha256(path.read_bytes()).hexdigest() == path.stem, path


def test_sigkill_at_several_stages(tmp_path: Path, shared_data_dir: Path) -> None:
    env = {**os.environ, "CASELOAD_DATA_DIR": str(tmp_path), "CASELOAD_SOURCE_DIR": str(shared_data_dir)}
    env.pop("CASELOAD_WAREHOUSE", None)
    served = tmp_path / "warehouse" / "caseload.duckdb"
    assert _run(env).wait(timeout=300) == 0
    good_release, good_rows = _served_release(served)

    timings = []
    started = time.monotonic()
    assert _run(env).wait(timeout=300) == 0
    full_run = time.monotonic() - started
    for fraction in (0.2, 0.5, 0.8, 0.95):
        process = _run(env)
        time.sleep(full_run * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        timings.append(round(full_run * fraction, 1))
        release, rows = _served_release(served)
        assert rows == good_rows, f"killed after {timings[-1]} s: served release damaged"
        assert release >= good_release
        _archive_is_sound(tmp_path / "raw")

    assert _run(env).wait(timeout=300) == 0, "the run after the kills completes"
    assert _served_release(served)[1] == good_rows
    assert not list((tmp_path / "warehouse" / "releases").glob(".building-*"))
