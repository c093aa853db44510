"""The whole pipeline over real HTTP, and what a fault leaves behind.

A local server on 127.0.0.1 serves the shared files under their registry paths
(CASELOAD_SOURCE_MIRROR). After one good run, a run that meets a server error
or a file whose columns changed fails, names the source, and leaves the
served release and the raw archive exactly as they were.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from pipeline.run import run_all
from pipeline.sources.registry import load_registry
from tests.support.http_server import Route, serve
from warehouse.config import Settings

pytestmark = pytest.mark.shared_data


def _routes(shared_data_dir: Path) -> dict[str, Route]:
    sources = load_registry(Settings.from_env().registry_path)
    return {f"/{s.file}": Route((shared_data_dir / s.file).read_bytes()) for s in sources}


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def http_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared_data_dir: Path):
    routes = _routes(shared_data_dir)
    with serve(routes) as base:
        monkeypatch.delenv("CASELOAD_SOURCE_DIR", raising=False)
        monkeypatch.delenv("CASELOAD_WAREHOUSE", raising=False)
        monkeypatch.setenv("CASELOAD_DATA_DIR", str(tmp_path))
        monkeypatch.setenv("CASELOAD_SOURCE_MIRROR", base)
        monkeypatch.setenv("CASELOAD_EES_CONTENT_API", "off")  # the mirror alone (test_follow_publisher: EES)
        monkeypatch.setenv("CASELOAD_HTTP_BACKOFF", "0.01")
        monkeypatch.setenv("CASELOAD_HTTP_TIMEOUT", "2")
        yield routes, Settings.from_env()


def test_http_run_then_conditional_rerun(http_build, capsys) -> None:
    routes, settings = http_build
    assert run_all() == 0
    assert settings.warehouse_path.exists()
    assert all(r.requests == 1 for r in routes.values())
    assert run_all() == 0, "a second run with every file unchanged (304) still publishes"
    assert all(r.conditional_requests == 1 for r in routes.values())
    archived = list((settings.raw_dir / "workforce").iterdir())
    assert len(archived) == 1, "an unchanged file is archived once"


def test_server_errors_fail_the_run_and_keep_the_last_good_release(http_build, capsys) -> None:
    routes, settings = http_build
    assert run_all() == 0
    served_before = settings.warehouse_path.read_bytes()
    raw_before = _fingerprint(settings.raw_dir)
    routes["/ees/csww_indicators_2017_to_2025.csv"].faults = ["500"] * 10
    capsys.readouterr()
    assert run_all() == 1
    out = capsys.readouterr().out
    assert "FAILED raw_workforce" in out and "HTTP 500" in out
    assert "did not publish" in out
    assert settings.warehouse_path.read_bytes() == served_before
    assert _fingerprint(settings.raw_dir) == raw_before


def test_changed_columns_are_named_and_nothing_is_half_loaded(http_build, capsys) -> None:
    routes, settings = http_build
    assert run_all() == 0
    served_before = settings.warehouse_path.read_bytes()
    raw_before = _fingerprint(settings.raw_dir)
    route = routes["/ees/csww_indicators_2017_to_2025.csv"]
    route.body = route.body.replace(b",caseload_fte,", b",caseload_per_fte,", 1)
    capsys.readouterr()
    assert run_all() == 1
    out = capsys.readouterr().out
    assert "missing columns ['caseload_fte']" in out and "new columns ['caseload_per_fte']" in out
    assert settings.warehouse_path.read_bytes() == served_before
    assert _fingerprint(settings.raw_dir) == raw_before, "a refused file is not archived"


def test_a_bad_cell_names_file_row_and_column(http_build, capsys) -> None:
    routes, settings = http_build
    route = routes["/ees/csww_indicators_2017_to_2025.csv"]
    lines = route.body.split(b"\n")
    lines[5] = lines[5].replace(b",Reporting year,", b",Reporting year,", 1)
    cells = lines[5].split(b",")
    cells[-1] = b"3.5!"  # absence_rate_fte on line 6
    lines[5] = b",".join(cells)
    route.body = b"\n".join(lines)
    assert run_all() == 1
    out = capsys.readouterr().out
    assert "ees/csww_indicators_2017_to_2025.csv" in out
    assert "row 6, column 'absence_rate_fte': '3.5!'" in out
    assert not settings.warehouse_path.exists(), "nothing was ever published"


def test_a_different_file_under_the_same_url_is_a_new_vintage(http_build, capsys) -> None:
    """The publisher replaces the file in place: the new bytes are archived beside the old,
    recorded with their own sha256, and the new figures are published."""
    routes, settings = http_build
    assert run_all() == 0
    route = routes["/ees/csww_indicators_2017_to_2025.csv"]
    lines = route.body.split(b"\n")
    england = next(i for i, line in enumerate(lines) if line.startswith(b"2025,Reporting year,National,"))
    cells = lines[england].split(b",")
    assert cells[-1] == b"3.5"  # England's 2025 absence rate
    cells[-1] = b"3.6"
    lines[england] = b",".join(cells)
    route.body = b"\n".join(lines)
    assert run_all() == 0
    archived = sorted(p.name for p in (settings.raw_dir / "workforce").iterdir())
    assert len(archived) == 2 and f"{hashlib.sha256(route.body).hexdigest()}.csv" in archived
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        absence = con.execute("SELECT absence_rate_fte FROM marts.area_year WHERE year = 2025 "
                              "AND geographic_level = 'National'").fetchall()
        sha = con.execute("SELECT sha256 FROM meta.release_sources WHERE source_id = 'workforce'").fetchall()
        vintages = con.execute("SELECT vintage_rank, latest_year FROM meta.vintages").fetchall()
        pairs = con.execute("""
            SELECT latest_pair, count(*), list(DISTINCT measure ORDER BY measure) FILTER (WHERE latest_pair)
            FROM marts.revisions GROUP BY ALL ORDER BY ALL""").fetchall()
    finally:
        con.close()
    assert absence == [(3.6,)]
    assert vintages == [(1, 2025), (2, 2025), (3, 2024)], "every vintage kept: both 2025 files and 2024"
    # Each vintage against the one before: the replaced file's one change, then the 19 of 2024 -> 2025.
    assert pairs == [(False, 19, None), (True, 1, ["absence_rate_fte"])]
    assert sha == [(hashlib.sha256(route.body).hexdigest(),)]
