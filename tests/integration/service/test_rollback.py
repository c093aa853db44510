"""`caseload rollback`: the kept releases listed with the served one marked, one of them served again
by an atomic swap (a new file, so the site's caches renew), and an unknown id refused."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from warehouse.config import PROJECT_ROOT, Settings
from warehouse.read.releases import release_ids

pytestmark = pytest.mark.shared_data


def _caseload(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "CASELOAD_DATA_DIR": str(data_dir)}
    env.pop("CASELOAD_WAREHOUSE", None)
    return subprocess.run([str(Path(sys.executable).with_name("caseload")), *args], env=env,
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)


def _served(settings: Settings) -> str:
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        return con.execute("SELECT release_id FROM meta.release").fetchall()[0][0]
    finally:
        con.close()


def test_rollback_serves_a_kept_release_again(two_releases: Settings, tmp_path: Path):
    data_dir = tmp_path / "data"
    shutil.copytree(two_releases.data_dir, data_dir)
    settings = Settings.from_env({"CASELOAD_DATA_DIR": str(data_dir)})
    first, second = release_ids(settings.releases_dir)
    assert _served(settings) == second
    listed = _caseload("rollback", data_dir=data_dir)
    assert listed.returncode == 0 and listed.stdout.split("\n")[:2] == [first, f"{second}  (served)"]

    inode = settings.warehouse_path.stat().st_ino
    done = _caseload("rollback", first, data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    assert _served(settings) == first and settings.warehouse_path.stat().st_ino != inode
    assert release_ids(settings.releases_dir) == [first, second]  # nothing kept is lost

    refused = _caseload("rollback", "20990101T000000Z-00000000", data_dir=data_dir)
    assert refused.returncode == 1 and "no kept release" in refused.stderr
    assert _served(settings) == first
