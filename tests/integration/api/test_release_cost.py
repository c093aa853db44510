"""Every cost comes from the release being shown, never from the serving process's settings.

A release built at £60,000 per FTE and served by a process left at the default (£57,000): over real
HTTP, a custom cap's cost (API and site) is the release's cost per FTE times the FTE, named and custom
caps agree, and a pinned older release (built at the default) agrees with its own downloads.
"""

from __future__ import annotations

import dataclasses
import io
import re
import shutil

import polars as pl
import pytest
import requests

from tests.conftest import _env, _restore
from tests.support.live_site import page_content, running
from warehouse.config import DEFAULT_COST_PER_FTE_GBP, Settings
from warehouse.domain import Cap

pytestmark = pytest.mark.shared_data
BUILT_AT = 60_000.0


@pytest.fixture(scope="module")
def served(shared_warehouse: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The shared build published again at £60,000 (the shared release, at the default, is kept
    beside it); the settings that serve it say the default."""
    from pipeline.run import run_all

    data_dir = tmp_path_factory.mktemp("cost-build")
    shutil.copytree(shared_warehouse.data_dir, data_dir, dirs_exist_ok=True)
    old = _env(CASELOAD_DATA_DIR=str(data_dir), CASELOAD_COST_PER_FTE=str(int(BUILT_AT)))
    try:
        assert run_all() == 0, "the pipeline did not publish at £60,000 per FTE"
        built = Settings.from_env()
    finally:
        _restore(old)
    return dataclasses.replace(built, cost_per_fte_gbp=DEFAULT_COST_PER_FTE_GBP,
                               rate_limit_per_minute=1e6, rate_limit_burst=100_000)


@pytest.fixture(scope="module")
def base(served: Settings):
    from dashboard.app import create_app

    with running(create_app(served).server) as url:
        yield url


def _rows(s: requests.Session, url: str, **params: object) -> list[dict]:
    resp = s.get(url, params=params, timeout=60)
    assert resp.status_code == 200, resp.text[:200]
    return resp.json()["data"]


def _priced_at(rows: list[dict], cost: float) -> None:
    priced = [r for r in rows if r["additional_fte_needed"]]
    assert priced, "no council needs more at this cap"
    for r in rows:
        assert r["cost_per_fte_gbp"] == cost
        if r["additional_fte_needed"] is not None:
            assert r["additional_cost_gbp"] == pytest.approx(cost * r["additional_fte_needed"])


def test_api_prices_every_cap_at_the_releases_cost(base):
    with requests.Session() as s:
        assert {c["cost_per_fte_gbp"] for c in _rows(s, f"{base}/api/v1/caps")} == {BUILT_AT}
        custom = _rows(s, f"{base}/api/v1/la-year", year=2025, cap="14")
        _priced_at(custom, BUILT_AT)
        named = _rows(s, f"{base}/api/v1/la-year", year=2025, cap="12")
        same_as_custom = _rows(s, f"{base}/api/v1/la-year", year=2025, cap="12.0")
    assert {r["scenario_id"] for r in named} == {"cap_12"} and {r["scenario_id"] for r in same_as_custom} == {
        "custom"}
    keys = ("la_code", "over_cap", "additional_fte_needed", "additional_cost_gbp", "cost_per_fte_gbp")
    pick = sorted((tuple(r[k] for k in keys) for r in same_as_custom), key=str)
    assert pick == sorted((tuple(r[k] for k in keys) for r in named), key=str)


def test_a_pinned_release_prices_as_it_was_built_and_as_its_downloads_say(base, served):
    """Both kept releases, each pinned by id: the API and the overview price a custom cap at the cost
    in that release's own marts.caps download (£60,000 for the new one, the default for the older)."""
    from warehouse.read.releases import release_ids

    ids = release_ids(served.releases_dir)
    assert len(ids) == 2
    built_at = set()
    with requests.Session() as s:
        for rid in ids:
            download = s.get(f"{base}/download/marts.caps.csv", params={"release": rid}, timeout=60)
            (cost,) = set(pl.read_csv(io.BytesIO(download.content))["cost_per_fte_gbp"].to_list())
            _priced_at(_rows(s, f"{base}/api/v1/la-year", year=2025, cap="14", release=rid), cost)
            page = str(page_content(s, base, "/", f"?year=2025&cap=14&release={rid}"))
            shown = {float(m.replace(",", "")) for m in re.findall(r"at £([\d,]+) per FTE", page)}
            assert shown == {cost}, rid
            built_at.add(cost)
    assert built_at == {BUILT_AT, DEFAULT_COST_PER_FTE_GBP}


def test_the_site_prices_a_custom_cap_at_the_releases_cost(base, served):
    """The overview over real HTTP, and the site's data functions it calls, at a cap of 14."""
    from dashboard.reading import queries as data
    from dashboard.views import words as fmt

    with requests.Session() as s:
        rows = _rows(s, f"{base}/api/v1/la-year", year=2025, cap="14")
        page = str(page_content(s, base, "/", "?year=2025&cap=14"))
        named_page = str(page_content(s, base, "/", "?year=2025&cap=12"))
    england_fte = sum(r["additional_fte_needed"] or 0 for r in rows)
    assert f"at £{BUILT_AT:,.0f} per FTE" in page and f"at £{BUILT_AT:,.0f} per FTE" in named_page
    assert fmt.money(BUILT_AT * england_fte) in page
    summary = data.england_cap_summary(2025, Cap(14.0, "14 children (custom)"))
    assert summary["cost_per_fte_gbp"] == BUILT_AT
    assert summary["cost_gbp"] == pytest.approx(BUILT_AT * summary["additional_fte"])
    councils = data.council_caps(2025, Cap(14.0, "14 children (custom)"))
    assert set(councils["cost_per_fte_gbp"].to_list()) == {BUILT_AT}
