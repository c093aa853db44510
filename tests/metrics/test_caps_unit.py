"""The cap rules on tiny hand-made tables: boundaries and suppression."""

from __future__ import annotations

import duckdb
import pytest

from warehouse.metrics import build_area_year_cap, build_la_year_cap, cap_summary, la_cap
from warehouse.raw import ensure_schema
from warehouse.transform import run_step

COUNCILS = [
    # la_code, region, caseload, status, cases, fte, children
    ("E0A", "R1", 15.0, "published", 150, 10.0, 1000),
    ("E0B", "R1", 15.1, "published", 151, 10.0, 3000),
    ("E0C", "R2", None, "x", None, None, 5000),
    ("E0D", "R2", 12.0, "published", 120, 10.0, 2000),
]


@pytest.fixture()
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    ensure_schema(con)
    con.execute("""CREATE TABLE marts.la_year (la_code VARCHAR, la_name VARCHAR, series_code VARCHAR,
        region_code VARCHAR, region_name VARCHAR, year INTEGER, caseload_fte DOUBLE, caseload_status VARCHAR,
        cases BIGINT, cases_status VARCHAR, case_holders_fte DOUBLE, case_holders_fte_status VARCHAR,
        children_0_17 BIGINT)""")
    for code, region, load, status, cases, fte, kids in COUNCILS:
        con.execute("INSERT INTO marts.la_year VALUES (?, ?, ?, ?, ?, 2025, ?, ?, ?, ?, ?, ?, ?)",
                    [code, code, code, region, region, load, status, cases, status, fte, status, kids])
    run_step(con, "metrics/caps")
    return con


def test_at_the_cap_is_not_over_and_suppressed_is_unknown(con) -> None:
    rows = {r["la_code"]: r for r in la_cap(con, 2025, 15, cost_per_fte=50_000).iter_rows(named=True)}
    assert rows["E0A"]["over_cap"] is False
    assert rows["E0A"]["excess_over_cap"] == 0
    assert rows["E0A"]["additional_fte_needed"] == 0
    assert rows["E0B"]["over_cap"] is True
    assert rows["E0B"]["excess_over_cap"] == pytest.approx(0.1)
    assert rows["E0B"]["additional_fte_needed"] == pytest.approx(151 / 15 - 10)
    assert rows["E0B"]["additional_cost_gbp"] == pytest.approx((151 / 15 - 10) * 50_000)
    assert rows["E0C"]["over_cap"] is None
    assert rows["E0C"]["additional_fte_needed"] is None


def test_rates_count_unknown_apart(con) -> None:
    england = cap_summary(con, 2025, 15, cost_per_fte=50_000).filter(area_code="E92000001").row(0, named=True)
    counts = [england[k] for k in ("n_las", "n_las_covered", "n_las_unknown", "n_las_over_cap")]
    assert counts == [4, 3, 1, 1]
    assert england["pct_las_over_cap"] == pytest.approx(100 / 3)
    assert england["children_in_las_over_cap"] == 3000
    assert england["children_in_covered_las"] == 6000
    assert england["children_in_unknown_las"] == 5000
    assert england["pct_children_in_las_over_cap"] == pytest.approx(50.0)
    region2 = cap_summary(con, 2025, 15).filter(area_code="R2").row(0, named=True)
    assert (region2["n_las_covered"], region2["n_las_unknown"], region2["n_las_over_cap"]) == (1, 1, 0)


def test_stored_scenarios_match_custom_caps(con) -> None:
    build_la_year_cap(con)
    build_area_year_cap(con)
    scenarios = con.execute("SELECT scenario_id, cap, cost_per_fte_gbp FROM marts.caps").fetchall()
    assert {s for s, _, _ in scenarios} == {"cap_12", "guarantee_15_12", "target_18", "cap_20"}
    assert dict((s, c) for s, c, _ in scenarios)["guarantee_15_12"] == 15  # the experienced cap
    for scenario, cap, cost in scenarios:
        stored = con.execute("SELECT n_las_over_cap, additional_fte_needed FROM marts.area_year_cap "
                             "WHERE scenario_id = ? AND area_code = 'E92000001'", [scenario]).fetchall()[0]
        custom = cap_summary(con, 2025, cap, cost).filter(area_code="E92000001").row(0, named=True)
        assert stored == (custom["n_las_over_cap"], pytest.approx(custom["additional_fte_needed"]))


def test_a_cap_must_be_positive(con) -> None:
    with pytest.raises(ValueError):
        cap_summary(con, 2025, 0)
