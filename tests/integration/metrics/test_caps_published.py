"""Cap metrics against the published CSV, every year, computed a second way."""

from __future__ import annotations

from collections import defaultdict

import pytest

from tests.support.published_csv import CAPS, children, councils, population
from warehouse.build.caps import cap_summary, la_cap
from warehouse.checks.metrics import additional_fte_only_over_cap

pytestmark = pytest.mark.shared_data


def _additional(c, cap: float) -> float | None:
    """The method's rule: FTE to add only when the published caseload is over the cap (15.0 at a cap of
    15 needs none, whatever the unrounded ratio), then cases / cap - FTE; unknown when suppressed."""
    if c.caseload is None:
        return None
    if not c.caseload > cap:
        return 0.0
    if c.cases is None or c.fte is None:
        return None
    return max(0.0, c.cases / cap - c.fte)


def test_no_council_at_or_under_the_cap_needs_more(published) -> None:
    """A council not over the cap by its published caseload needs no additional FTE (2025: Enfield at 12,
    Barking and Dagenham at 15, Stoke-on-Trent at 18 are published exactly at the cap)."""
    bad = published.execute("SELECT la_name, year, scenario_id FROM marts.la_year_cap "
                            "WHERE NOT over_cap AND additional_fte_needed > 0").fetchall()
    assert bad == []
    at_cap = published.execute(
        "SELECT c.la_name, c.scenario_id, c.additional_fte_needed FROM marts.la_year_cap c "
        "JOIN marts.la_year l USING (la_code, year) "
        "WHERE c.year = 2025 AND c.caseload_fte = c.cap AND l.cases / l.case_holders_fte > c.cap").fetchall()
    assert {name for name, _, _ in at_cap} >= {"Enfield", "Barking and Dagenham", "Stoke-on-Trent"}
    assert {fte for _, _, fte in at_cap} == {0}
    assert additional_fte_only_over_cap(published).passed


def _area_rows(published) -> dict[tuple, dict]:
    cur = published.execute("SELECT * FROM marts.area_year_cap")
    names = [d[0] for d in cur.description]
    found = (dict(zip(names, row, strict=True)) for row in cur.fetchall())
    return {(r["area_code"], r["year"], r["scenario_id"]): r for r in found}


def test_the_figures_quoted_in_public_2025(published) -> None:
    """The 2025 figures the site and the README quote: 16 councils above 18 and 2 above 20; England at 12
    about 5,785 FTE."""
    rows = _area_rows(published)
    assert rows[("E92000001", 2025, "target_18")]["n_las_over_cap"] == 16
    assert rows[("E92000001", 2025, "cap_20")]["n_las_over_cap"] == 2
    assert rows[("E92000001", 2025, "cap_20")]["n_las_unknown"] == 2
    assert rows[("E92000001", 2025, "cap_20")]["n_las_covered"] == 149
    assert round(rows[("E92000001", 2025, "cap_12")]["additional_fte_needed"]) == 5785


def test_every_year_area_and_cap_matches_the_csv(published, ees) -> None:
    """Counts over, unknown, covered, additional FTE and children over, for England and each region."""
    pop = population(ees)
    expected: dict[tuple, dict] = defaultdict(lambda: defaultdict(float))
    for c in councils(ees):
        kids = children(c, pop)
        for area in ("E92000001", c.region):
            for scenario, cap in CAPS.items():
                e = expected[(area, c.year, scenario)]
                e["n_las"] += 1
                if c.caseload is None:
                    e["n_las_unknown"] += 1
                    e["children_in_unknown_las"] += kids or 0
                    continue
                e["n_las_covered"] += 1
                if kids is not None:
                    e["children_in_covered_las"] += kids
                if c.caseload > cap:
                    e["n_las_over_cap"] += 1
                    e["children_in_las_over_cap"] += kids or 0
                    e["additional_fte_needed"] += _additional(c, cap) or 0.0
    actual = _area_rows(published)
    assert set(actual) == set(expected)
    assert {year for _, year, _ in expected} == set(range(2017, 2026))
    for key, e in expected.items():
        a = actual[key]
        for column in ("n_las", "n_las_unknown", "n_las_covered", "n_las_over_cap",
                       "children_in_unknown_las", "children_in_las_over_cap", "children_in_covered_las"):
            assert a[column] == e[column], (key, column)
        assert a["additional_fte_needed"] == pytest.approx(e["additional_fte_needed"], abs=1e-6), key
        assert a["pct_las_over_cap"] == pytest.approx(100 * e["n_las_over_cap"] / e["n_las_covered"]), key
        assert a["additional_cost_gbp"] == pytest.approx(a["additional_fte_needed"] * a["cost_per_fte_gbp"])


def test_council_rows_match_the_csv(published, ees) -> None:
    """over_cap, excess and additional FTE for every council, year and cap."""
    cur = published.execute("SELECT la_code, year, scenario_id, over_cap, excess_over_cap, "
                            "additional_fte_needed "
                            "FROM marts.la_year_cap")
    actual = {(r[0], r[1], r[2]): r[3:] for r in cur.fetchall()}
    seen = 0
    for c in councils(ees):
        for scenario, cap in CAPS.items():
            over, excess, fte = actual[(c.code, c.year, scenario)]
            if c.caseload is None:
                assert over is None and excess is None, (c, scenario)
            else:
                assert over == (c.caseload > cap), (c, scenario)
                assert excess == pytest.approx(max(0.0, c.caseload - cap), abs=1e-9)
            if c.caseload is None or (c.caseload > cap and c.cases is None):
                assert fte is None, (c, scenario)
            else:
                assert fte == pytest.approx(_additional(c, cap), abs=1e-9), (c, scenario)
            seen += 1
    assert seen == len(actual)


def test_custom_cap_uses_the_same_definition(published) -> None:
    """cap_summary at a stored scenario's cap gives the stored row, every year."""
    stored = _area_rows(published)
    for year in range(2017, 2026):
        for scenario, cap in CAPS.items():
            frame = cap_summary(published, year, cap, cost_per_fte=57_000)
            for row in frame.iter_rows(named=True):
                s = stored[(row["area_code"], year, scenario)]
                for column in ("n_las_covered", "n_las_unknown", "n_las_over_cap",
                               "children_in_las_over_cap"):
                    assert row[column] == s[column]
                assert row["additional_fte_needed"] == pytest.approx(s["additional_fte_needed"])


def test_custom_cap_between_scenarios(published, ees) -> None:
    """A cap no scenario has (16.5): councils over it, from the CSV."""
    expected = sum(1 for c in councils(ees)
                   if c.year == 2024 and c.caseload is not None and c.caseload > 16.5)
    frame = la_cap(published, 2024, 16.5, cost_per_fte=60_000)
    assert frame["over_cap"].sum() == expected
    assert frame["over_cap"].null_count() == 1  # Birmingham 2024 is 'u'
    assert set(frame["cost_per_fte_gbp"].to_list()) == {60_000}
