"""Benchmarks recomputed a second way, from the published CSV with plain Python.

Nothing here calls warehouse/benchmark.py's arithmetic: the percentile,
Winsorising, overdispersion, limits, labels, ranks and quartiles are written
out again from the method's definition (docs/method.md, "Benchmarks").
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

SYMBOLS = {"c", "x", "z", "u", "low", "k", ":"}


def _percentile(sorted_values: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (the common 'type 7' definition)."""
    position = (len(sorted_values) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def _expected_caseload(shared_data_dir: Path) -> dict[int, dict]:
    with open(shared_data_dir / "ees/csww_indicators_2017_to_2025.csv", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    out = {}
    for year in sorted({int(r["time_period"]) for r in rows}):
        england = next(float(r["caseload_fte"]) for r in rows
                       if r["geographic_level"] == "National" and int(r["time_period"]) == year)
        councils = [r for r in rows if r["geographic_level"] == "Local authority"
                    and int(r["time_period"]) == year and r["caseload_fte"] not in SYMBOLS]
        se = {r["new_la_code"]: math.sqrt(england / float(r["case_holders_fte"])) for r in councils}
        z = {c["new_la_code"]: (float(c["caseload_fte"]) - england) / se[c["new_la_code"]] for c in councils}
        ordered = sorted(z.values())
        low, high = _percentile(ordered, 0.1), _percentile(ordered, 0.9)
        n = len(z)
        phi = sum(min(max(v, low), high) ** 2 for v in z.values()) / n
        w = [1 / s**2 for s in se.values()]
        tau2 = max(0.0, (n * phi - (n - 1)) / (sum(w) - sum(x * x for x in w) / sum(w)))
        values = sorted(float(c["caseload_fte"]) for c in councils)
        expected = {}
        for c in councils:
            value = float(c["caseload_fte"])
            half = math.sqrt(se[c["new_la_code"]] ** 2 + tau2)
            if value < england - 3.090232 * half:
                label = "lower_99_8"
            elif value < england - 1.959964 * half:
                label = "lower_95"
            elif value > england + 3.090232 * half:
                label = "higher_99_8"
            elif value > england + 1.959964 * half:
                label = "higher_95"
            else:
                label = "similar"
            rank = 1 + sum(v < value for v in values)
            expected[c["new_la_code"]] = (label, rank, n, "ABCD"[4 * (rank - 1) // n])
        out[year] = {"tau": math.sqrt(tau2), "councils": expected}
    return out


@pytest.mark.shared_data
def test_caseload_labels_ranks_quartiles_every_year(published, shared_data_dir: Path) -> None:
    expected = _expected_caseload(shared_data_dir)
    got = published.execute("""
        SELECT year, la_code, label, rank, n_ranked, quartile FROM marts.la_year_benchmark
        WHERE measure = 'caseload' AND label <> 'not_compared'""").fetchall()
    by_year: dict[int, dict] = {}
    for year, code, *values in got:
        by_year.setdefault(year, {})[code] = tuple(values)
    assert set(by_year) == set(expected)
    for year, want in expected.items():
        assert by_year[year] == want["councils"], year


@pytest.mark.shared_data
def test_lottery_size_every_year(published, shared_data_dir: Path) -> None:
    expected = _expected_caseload(shared_data_dir)
    got = dict(published.execute("SELECT year, between_council_sd FROM marts.lottery_size "
                              "WHERE measure = 'caseload'").fetchall())
    assert got.keys() == expected.keys()
    for year, want in expected.items():
        assert got[year] == pytest.approx(want["tau"], rel=1e-9), year
    low, high = published.execute(
        "SELECT between_council_sd_lower_95, between_council_sd_upper_95 "
        "FROM marts.lottery_size WHERE measure = 'caseload' AND year = 2025").fetchall()[0]
    assert low < got[2025] < high


@pytest.mark.shared_data
def test_2025_adjusted_limits_flag_a_minority_plain_ones_most(published) -> None:
    adjusted, plain, compared = published.execute("""
        SELECT count(*) FILTER (WHERE label NOT IN ('similar', 'not_compared')),
               count(*) FILTER (WHERE unadjusted_label NOT IN ('similar', 'not_compared')),
               count(*) FILTER (WHERE label <> 'not_compared')
        FROM marts.la_year_benchmark WHERE measure = 'caseload' AND year = 2025""").fetchall()[0]
    assert compared == 149
    assert adjusted < compared / 2 < plain


@pytest.mark.shared_data
def test_suppressed_values_are_not_compared(published) -> None:
    rows = published.execute("""SELECT la_code, label, rank, quartile, value FROM marts.la_year_benchmark
                             WHERE measure = 'caseload' AND ((year = 2025 AND la_code = 'E09000033')
                                OR (year = 2024 AND la_code = 'E08000025'))
                             ORDER BY la_code""").fetchall()
    assert rows == [("E08000025", "not_compared", None, None, None),
                    ("E09000033", "not_compared", None, None, None)]


def _expected_rate_limits(shared_data_dir: Path, rate: str, count: str, year: int) -> dict[str, tuple]:
    """The publisher's own denominator, count + FTE in post (rate = 100 x count / (count + in post)),
    as each council's binomial sample size; the limits from the method's definition, in plain Python."""
    with open(shared_data_dir / "ees/csww_indicators_2017_to_2025.csv", encoding="utf-8-sig") as f:
        rows = [r for r in csv.DictReader(f) if int(r["time_period"]) == year]
    england = next(float(r[rate]) for r in rows if r["geographic_level"] == "National")
    usable = {}
    for r in rows:
        cells = (r[rate], r[count], r["inpost_fte"])
        if r["geographic_level"] != "Local authority" or any(c in SYMBOLS for c in cells):
            continue
        n = float(r[count]) + float(r["inpost_fte"])
        if n > 0:
            usable[r["new_la_code"]] = (float(r[rate]), n)
    se = {c: math.sqrt(england * (100 - england) / n) for c, (_, n) in usable.items()}
    z = sorted((v - england) / se[c] for c, (v, _) in usable.items())
    low, high = _percentile(z, 0.1), _percentile(z, 0.9)
    phi = sum(min(max(v, low), high) ** 2 for v in z) / len(z)
    w = [1 / s**2 for s in se.values()]
    tau2 = max(0.0, (len(z) * phi - (len(z) - 1)) / (sum(w) - sum(x * x for x in w) / sum(w)))
    out = {}
    for code, (_, n) in usable.items():
        half95, half998 = (k * math.sqrt(se[code] ** 2 + tau2) for k in (1.959964, 3.090232))
        out[code] = (n, england - half95, england + half95, england - half998, england + half998)
    return out


@pytest.mark.shared_data
@pytest.mark.parametrize("measure,rate,count", [("agency_rate", "agency_rate_fte", "agency_fte"),
                                                ("vacancy_rate", "vacancy_rate_fte", "vacancy_fte")])
@pytest.mark.parametrize("year", [2021, 2025])
def test_rate_limits_use_the_publishers_denominator(published, shared_data_dir: Path, measure, rate, count,
                                                    year) -> None:
    """Agency and vacancy rates: limits at n = agency (vacancies) + FTE in post, for every compared council;
    the Isles of Scilly (100% with 0 in post) is compared at its small n."""
    expected = _expected_rate_limits(shared_data_dir, rate, count, year)
    rows = published.execute(
        "SELECT la_code, denominator, lower_95, upper_95, lower_99_8, upper_99_8 "
        "FROM marts.la_year_benchmark WHERE measure = $m AND year = $y AND label <> 'not_compared'",
        {"m": measure, "y": year}).fetchall()
    got = {r[0]: r[1:] for r in rows}
    assert set(got) == set(expected)
    assert "E06000053" in got and got["E06000053"][0] < 5
    for code, want in expected.items():
        assert got[code] == pytest.approx(want, rel=1e-9, abs=1e-9), code


@pytest.mark.shared_data
@pytest.mark.parametrize("rate,count", [("agency_rate_fte", "agency_fte"),
                                        ("vacancy_rate_fte", "vacancy_fte")])
def test_published_rates_are_count_over_count_plus_in_post(published, rate, count) -> None:
    """What the benchmarks rely on: every council's published rate is 100 x count / (count + FTE in post),
    within the rounding of the rate (0.05) and of the one-decimal counts (at most 5 / (count + in post)).
    Dividing by FTE in post alone is far off for most councils."""
    rows = published.execute(
        f"SELECT {rate}, {count}, inpost_fte FROM marts.la_year WHERE {rate}_status = 'published' "
        f"AND {count}_status = 'published' AND inpost_fte_status = 'published'").fetchall()
    assert len(rows) > 1300
    for value, part, in_post in rows:
        assert abs(value - 100 * part / (part + in_post)) <= 0.05 + 5 / (part + in_post) + 1e-9
    far = sum(1 for value, part, in_post in rows if not in_post or abs(value - 100 * part / in_post) > 0.1)
    assert far > len(rows) / 2
