"""Variation, position and funnel against the published CSV, every year, computed a second way."""

from __future__ import annotations

import math
import statistics
from collections import defaultdict

import pytest

from tests.support.published_csv import councils, national, rows

pytestmark = pytest.mark.shared_data


def _table(published, sql: str) -> list[dict]:
    cur = published.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def test_variation_every_year_and_area(published, ees) -> None:
    groups: dict[tuple, list[float]] = defaultdict(list)
    unknown: dict[tuple, int] = defaultdict(int)
    for c in councils(ees):
        for area in ("E92000001", c.region):
            if c.caseload is None:
                unknown[(area, c.year)] += 1
            else:
                groups[(area, c.year)].append(c.caseload)
    actual = {(r["area_code"], r["year"]): r for r in _table(published, "SELECT * FROM marts.variation_year")}
    assert set(actual) == set(groups)
    for key, values in groups.items():
        a = actual[key]
        q = statistics.quantiles(values, n=20, method="inclusive")  # 5% steps
        deciles = statistics.quantiles(values, n=10, method="inclusive")
        quartiles = statistics.quantiles(values, n=4, method="inclusive")
        assert a["n_las_covered"] == len(values) and a["n_las_unknown"] == unknown[key]
        assert a["min_caseload_fte"] == min(values) and a["max_caseload_fte"] == max(values)
        assert a["range_caseload_fte"] == pytest.approx(max(values) - min(values))
        assert a["max_min_ratio"] == pytest.approx(max(values) / min(values))
        assert a["p10_caseload_fte"] == pytest.approx(deciles[0])
        assert a["p90_caseload_fte"] == pytest.approx(deciles[-1])
        assert a["median_caseload_fte"] == pytest.approx(q[9])
        assert a["iqr_caseload_fte"] == pytest.approx(quartiles[2] - quartiles[0])
        assert a["p90_p10_ratio"] == pytest.approx(deciles[-1] / deciles[0])
        cv = statistics.stdev(values) / statistics.mean(values)
        assert a["coefficient_of_variation"] == pytest.approx(cv)


def test_rank_percentile_and_differences(published, ees) -> None:
    region_load = {(int(r["time_period"]), r["region_code"]): r["caseload_fte"]
                   for r in rows(ees / "csww_indicators_2017_to_2025.csv")
                   if r["geographic_level"] == "Regional"}
    actual = {(r["la_code"], r["year"]): r for r in _table(published, "SELECT * FROM marts.la_year_position")}
    by_year: dict[int, list] = defaultdict(list)
    for c in councils(ees):
        by_year[c.year].append(c)
    for year, group in by_year.items():
        loads = [c.caseload for c in group if c.caseload is not None]
        england = national(ees, year, "caseload_fte")
        for c in group:
            a = actual[(c.code, year)]
            if c.caseload is None:
                assert a["rank_highest"] is None and a["diff_from_england"] is None
                continue
            assert a["rank_highest"] == 1 + sum(v > c.caseload for v in loads)
            lower = sum(v < c.caseload for v in loads)
            assert a["percentile"] == pytest.approx(100 * lower / (len(loads) - 1))
            assert a["diff_from_england"] == pytest.approx(c.caseload - england)
            assert a["diff_from_region"] == pytest.approx(c.caseload - float(region_load[(year, c.region)]))


def test_year_on_year_where_the_code_is_unchanged(published, ees) -> None:
    loads = {(c.code, c.year): c.caseload for c in councils(ees)}
    actual = {(r["la_code"], r["year"]): r for r in _table(published, "SELECT * FROM marts.la_year_position")}
    checked = 0
    for (code, year), load in loads.items():
        before = loads.get((code, year - 1))
        if load is None or before is None:
            continue
        a = actual[(code, year)]
        assert a["previous_caseload_fte"] == before
        assert a["yoy_change_pct"] == pytest.approx(100 * (load - before) / before)
        assert a["flag_large_change"] == (abs(100 * (load - before) / before) > 30)
        b1, b2 = loads.get((code, year - 2)), loads.get((code, year - 3))
        if b1 is not None and b2 is not None:
            assert a["flag_sustained_rise"] == (load > before > b1 > b2)
        checked += 1
    assert checked > 1000
    # Across a recode the series continues: Barnsley 2025 (E08000038) follows E08000016 in 2024.
    assert actual[("E08000038", 2025)]["previous_caseload_fte"] == loads[("E08000016", 2024)]
    # A split starts a new series: Cumberland has no year before.
    assert actual[("E06000063", 2023)]["previous_caseload_fte"] is None


def test_neighbour_mean_2025_model(published, ees) -> None:
    model = rows(ees / "sn_model_2025_wide.csv")
    neighbours = {r["old_la_code"].strip(): [r[f"SN_{i}"].strip() for i in range(1, 11)] for r in model}
    actual = {(r["la_code"], r["year"]): r for r in _table(published, "SELECT * FROM marts.la_year_position")}
    by_year: dict[int, list] = defaultdict(list)
    for c in councils(ees):
        by_year[c.year].append(c)
    checked = 0
    for year, group in by_year.items():
        by_number = {n: c for c in group for n in c.old_codes}
        for c in group:
            wanted = {n for own in c.old_codes for n in neighbours.get(own, [])}
            found = {by_number[n].code: by_number[n].caseload for n in wanted if n in by_number}
            found.pop(c.code, None)
            values = [v for v in found.values() if v is not None]
            a = actual[(c.code, year)]
            assert a["n_neighbours_covered"] == len(values), (c.name, year)
            if values:
                assert a["neighbour_mean_caseload_fte"] == pytest.approx(statistics.mean(values))
                checked += 1
    assert checked > 1300


def test_funnel_limits_every_year(published, ees) -> None:
    actual = {(r["la_code"], r["year"]): r for r in _table(published, "SELECT * FROM marts.la_year_funnel")}
    for c in councils(ees):
        a = actual[(c.code, c.year)]
        rate = national(ees, c.year, "cases") / national(ees, c.year, "case_holders_fte")
        if c.fte is None:
            assert a["funnel_position"] is None
            continue
        se = math.sqrt(rate / c.fte)
        assert a["upper_998"] == pytest.approx(rate + 3.090232 * se)
        assert a["lower_95"] == pytest.approx(rate - 1.959964 * se)
        z = (c.caseload - rate) / se
        expected = ("above 99.8%" if z > 3.090232 else "above 95%" if z > 1.959964
                    else "below 99.8%" if z < -3.090232 else "below 95%" if z < -1.959964 else "inside 95%")
        assert a["funnel_position"] == expected, (c.name, c.year)
