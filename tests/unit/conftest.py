"""Unit tests of council submissions (pipeline and warehouse alike) get their own data dir and a
small working warehouse with fixture marts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.submission_files import make_work_warehouse
from warehouse.config import Settings

CAPS_CSV = """scenario_id,label,cap_experienced,cap_newly_qualified,sort_order,description
cap_12,Cap of 12,12,12,1,test
guarantee_15_12,Guarantee 15 / 12,15,12,2,test
cap_20,Cap of 20,20,,3,test
declared,Declared maximum,,,4,test
"""


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("CASELOAD_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CASELOAD_WAREHOUSE", raising=False)
    monkeypatch.setenv("CASELOAD_SUBMISSION_SALT", "test-salt")
    current = Settings.from_env()
    make_work_warehouse(current.work_path)
    return current


@pytest.fixture
def caps_path(tmp_path: Path) -> Path:
    path = tmp_path / "caps.csv"
    path.write_text(CAPS_CSV, encoding="utf-8")
    return path
