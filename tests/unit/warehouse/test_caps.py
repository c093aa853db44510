"""The cap rules on tiny hand-made tables: boundaries and suppression."""

from __future__ import annotations

import duckdb
import pytest

from warehouse.build.caps import build_area_year_cap, build_la_year_cap, cap_summary, la_cap
from warehouse.build.raw import ensure_schema
from warehouse.build.steps import run_step
from warehouse.checks.metrics import additional_fte_only_over_cap

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
    run_step(con, "marts/caps")
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


def test_at_the_cap_by_its_published_figure_needs_no_one(con) -> None:
    """Published at 15.0 but 151 / 10.04 = 15.04 unrounded: at the cap, so no additional FTE and no cost;
    a council over the cap (15.1) is priced with the unrounded ratio."""
    con.execute("INSERT INTO marts.la_year VALUES ('E0E', 'E0E', 'E0E', 'R1', 'R1', 2025, 15.0, 'published', "
                "151, 'published', 10.04, 'published', 500)")
    rows = {r["la_code"]: r for r in la_cap(con, 2025, 15, cost_per_fte=50_000).iter_rows(named=True)}
    assert rows["E0E"]["over_cap"] is False
    assert rows["E0E"]["additional_fte_needed"] == 0
    assert rows["E0E"]["additional_cost_gbp"] == 0
    england = cap_summary(con, 2025, 15, cost_per_fte=50_000).filter(area_code="E92000001").row(0, named=True)
    assert england["additional_fte_needed"] == pytest.approx(151 / 15 - 10)  # E0B only
    assert england["n_las_costed"] == 4


def test_the_cap_check_catches_additional_fte_at_the_cap() -> None:
    """The blocking check on marts.la_year_cap: not over (or unknown) means no additional FTE."""
    con = duckdb.connect()
    con.execute("CREATE SCHEMA marts")
    con.execute("""CREATE TABLE marts.la_year_cap (la_code VARCHAR, year INTEGER, scenario_id VARCHAR,
        over_cap BOOLEAN, additional_fte_needed DOUBLE)""")
    con.execute("""INSERT INTO marts.la_year_cap VALUES
        ('E0A', 2025, 'cap_12', false, 0.0), ('E0B', 2025, 'cap_12', true, 1.5),
        ('E0C', 2025, 'cap_12', NULL, NULL), ('E0D', 2025, 'cap_12', false, 0.4),
        ('E0E', 2024, 'cap_20', NULL, 2.0)""")
    outcome = additional_fte_only_over_cap(con)
    assert not outcome.passed
    assert outcome.failures == [("E0D", 2025, "cap_12", False, 0.4), ("E0E", 2024, "cap_20", None, 2.0)]
    con.execute("DELETE FROM marts.la_year_cap WHERE la_code IN ('E0D', 'E0E')")
    assert additional_fte_only_over_cap(con).passed


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
    every = con.execute("SELECT scenario_id, applies_to FROM marts.caps WHERE cap IS NULL").fetchall()
    assert every == [("declared", "submissions only")]  # each worker's own maximum: no cap to price
    assert con.execute("SELECT count(DISTINCT scenario_id) FROM marts.area_year_cap "
                       "WHERE scenario_id = 'declared'").fetchall() == [(0,)]
    scenarios = con.execute(
        "SELECT scenario_id, cap, cost_per_fte_gbp FROM marts.caps WHERE cap IS NOT NULL").fetchall()
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
