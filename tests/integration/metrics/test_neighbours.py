"""Statistical-neighbour means and medians recomputed from the published CSV files.

The models are read with the csv module and mapped to councils in plain Python,
so marts.la_year_neighbours is checked against a second, independent reading.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from tests.support.published_csv import POPULATION_CODE, SYMBOLS, num, rows

pytestmark = pytest.mark.shared_data

WORKFORCE = {"caseload": "caseload_fte", "agency_rate": "agency_rate_fte", "vacancy_rate": "vacancy_rate_fte",
             "turnover_rate": "turnover_rate_fte", "absence_rate": "absence_rate_fte"}
JOINT_KR = "E09000021 / E09000027"
JOINT_NW = "E06000061 / E06000062"
WESTMINSTER, KENSINGTON = "E09000033", "E09000020"


@dataclass(frozen=True)
class Expected:
    n_model: int
    codes: frozenset[str]
    suppressed: frozenset[str]
    values: tuple[float, ...]


def models(ees: Path) -> dict[str, dict[str, list[str]]]:
    """Model -> council number -> its ten neighbour numbers, as published."""
    out: dict[str, dict[str, list[str]]] = {"2025": {}, "2021": {}}
    for r in rows(ees / "sn_model_2025_wide.csv"):
        out["2025"][r["old_la_code"].strip()] = [r[f"SN_{i}"].strip() for i in range(1, 11)]
    for r in rows(ees / "New_Statistical_Neighbour_Groupings_April_2021.csv"):
        if r["LA num"].strip():  # the "Old SNs:" heading row has no number
            out["2021"][r["LA num"].strip()] = [r[f"SN{i}"].strip() for i in range(1, 11)]
    return out


def workforce(ees: Path) -> dict[int, dict[str, dict[str, str]]]:
    """Year -> council code -> its published row."""
    out: dict[int, dict[str, dict[str, str]]] = {}
    for r in rows(ees / "csww_indicators_2017_to_2025.csv"):
        if r["geographic_level"] == "Local authority":
            out.setdefault(int(r["time_period"]), {})[r["new_la_code"]] = r
    return out


class Column:
    """A workforce column's value per council in one year; symbols are no value."""

    def __init__(self, year_rows: dict[str, dict[str, str]], column: str) -> None:
        self.year_rows, self.column = year_rows, column

    def __call__(self, code: str) -> float | None:
        return num(self.year_rows[code][self.column])

    def symbol(self, code: str) -> bool:
        return self.year_rows[code][self.column].strip() in SYMBOLS


def numbers(row: dict[str, str]) -> set[str]:
    return {n.strip() for n in row["old_la_code"].split("/")}


def neighbours(model: dict[str, list[str]], year_rows: dict[str, dict[str, str]], code: str
               ) -> tuple[int, set[str]]:
    """(neighbour numbers in the model, councils reporting that year that used one of them)."""
    own = numbers(year_rows[code])
    wanted = {n for mine in own for n in model.get(mine, [])} - own
    return len(wanted), {c for c, r in year_rows.items() if numbers(r) & wanted}


def expected(model: dict[str, list[str]], year_rows: dict[str, dict[str, str]], code: str,
             column: Column) -> Expected:
    n_model, codes = neighbours(model, year_rows, code)
    values = [column(c) for c in codes]
    return Expected(n_model, frozenset(codes), frozenset(c for c in codes if column.symbol(c)),
                    tuple(v for v in values if v is not None))


def mart(published: duckdb.DuckDBPyConnection, measure: str) -> dict[tuple, dict]:
    cur = published.execute("SELECT * FROM marts.la_year_neighbours WHERE measure = $m", {"m": measure})
    names = [d[0] for d in cur.description]
    return {(r["la_code"], r["year"], r["neighbour_model"]): r
            for r in (dict(zip(names, row, strict=True)) for row in cur.fetchall())}


def assert_matches(row: dict, exp: Expected, own: float | None) -> None:
    where = (row["la_name"], row["year"], row["neighbour_model"], row["measure"])
    assert row["n_model_neighbours"] == exp.n_model, where
    assert set(row["neighbour_codes"]) == exp.codes and row["n_neighbours"] == len(exp.codes), where
    assert set(row["suppressed_neighbour_codes"]) == exp.suppressed, where
    assert row["n_neighbours_suppressed"] == len(exp.suppressed), where
    assert row["n_neighbours_with_value"] == len(exp.values), where
    if exp.values:
        assert row["neighbour_mean"] == pytest.approx(statistics.fmean(exp.values)), where
        assert row["neighbour_median"] == pytest.approx(statistics.median(exp.values)), where
    else:
        assert row["neighbour_mean"] is None and row["neighbour_median"] is None, where
    assert row["value"] == (None if own is None else pytest.approx(own)), where
    if own is not None and exp.values:
        assert row["diff_from_neighbour_median"] == pytest.approx(own - statistics.median(exp.values)), where


@pytest.mark.parametrize("measure", list(WORKFORCE))
def test_workforce_measures_every_council_year_and_model(published, ees, measure: str) -> None:
    """Caseload and the four workforce rates: every council, every year, both models."""
    actual, wf, sn = mart(published, measure), workforce(ees), models(ees)
    checked = 0
    for year, year_rows in wf.items():
        column = Column(year_rows, WORKFORCE[measure])
        for code in year_rows:
            for name, model in sn.items():
                exp = expected(model, year_rows, code, column)
                assert_matches(actual[(code, year, name)], exp, column(code))
                checked += 1
    assert checked == len(actual) == 2 * sum(len(r) for r in wf.values())


def test_suppressed_neighbour_is_left_out_not_zero(published, ees) -> None:
    """Kensington and Chelsea ('x' in 2025) is a neighbour of Westminster in both models."""
    sn, year_rows = models(ees), workforce(ees)[2025]
    assert year_rows[KENSINGTON]["caseload_fte"] == "x" and year_rows[WESTMINSTER]["caseload_fte"] == "x"
    for name in ("2025", "2021"):
        assert "207" in sn[name]["213"]  # Kensington and Chelsea is one of Westminster's ten
        row = mart(published, "caseload")[(WESTMINSTER, 2025, name)]
        assert KENSINGTON in row["suppressed_neighbour_codes"]
        assert row["n_neighbours_suppressed"] == 1
        assert row["n_neighbours_with_value"] == row["n_neighbours"] - 1
        others = [float(year_rows[c]["caseload_fte"]) for c in row["neighbour_codes"] if c != KENSINGTON]
        assert row["neighbour_mean"] == pytest.approx(sum(others) / len(others))
        assert row["neighbour_mean"] != pytest.approx(sum(others) / row["n_neighbours"])  # not averaged as 0
        # Westminster's own caseload is suppressed: no value and no difference.
        assert row["value"] is None and row["value_status"] == "x" and row["diff_from_neighbour_mean"] is None


def test_joint_returns(published, ees) -> None:
    """A joint return takes both members' neighbours; a neighbour in a joint return maps to it."""
    sn, wf = models(ees), workforce(ees)
    rows_ = mart(published, "caseload")
    union = (set(sn["2025"]["314"]) | set(sn["2025"]["318"])) - {"314", "318"}
    kr = rows_[(JOINT_KR, 2025, "2025")]
    assert kr["n_model_neighbours"] == len(union) > 10
    # Councils listing Kingston or Richmond (314/318) as a neighbour see the joint return once.
    listing = [n for n, ns in sn["2025"].items() if {"314", "318"} & set(ns) and n not in {"314", "318"}]
    assert listing
    for number in listing:
        code = next(c for c, r in wf[2025].items() if number in numbers(r))
        assert rows_[(code, 2025, "2025")]["neighbour_codes"].count(JOINT_KR) == 1
    # North and West Northamptonshire (940/941) exist from 2021: before, no council used those numbers.
    lister = next(n for n, ns in sn["2025"].items() if "940" in ns and n not in {"940", "941"})
    code = next(c for c, r in wf[2025].items() if lister in numbers(r))
    assert JOINT_NW in rows_[(code, 2025, "2025")]["neighbour_codes"]
    early = rows_[(code, 2019, "2025")]
    assert JOINT_NW not in early["neighbour_codes"]
    assert early["n_neighbours"] < early["n_model_neighbours"]
    # A council the model leaves out has no neighbours, not a zero mean.
    cumberland = rows_[("E06000063", 2025, "2021")]
    assert cumberland["n_model_neighbours"] == 0 and cumberland["neighbour_mean"] is None


def _cin_per_10000(ees: Path) -> dict[tuple[int, str], float]:
    """Children in need at 31 March per 10,000 children aged 0-17 at mid-year before, by GSS code."""
    cin = {(int(r["time_period"]), r["new_la_code"]): num(r["At31_episodes"])
           for r in rows(ees / "b1_children_in_need_2013_to_2025.csv")
           if r["geographic_level"] == "Local authority"}
    pop = {(int(r["time_period"]), r["new_la_code"]): num(r["population_estimate"])
           for r in rows(ees / "ons_mid-year_population_estimates_2012_to_2024.csv")
           if r["geographic_level"] == "Local authority" and r["age_group"] == "Children aged 0 to 17 years"}
    out = {}
    for (year, code), n in cin.items():
        kids = pop.get((year - 1, POPULATION_CODE.get(code, code)))
        if n is not None and kids:
            out[(year, code)] = 10000 * n / kids
    return out


def test_children_in_need_spot_check_2025(published, ees) -> None:
    """Councils whose neighbours all have their own code in the children in need file."""
    cin, year_rows, sn = _cin_per_10000(ees), workforce(ees)[2025], models(ees)
    actual = mart(published, "cin_per_10000")
    checked = 0
    for code in year_rows:
        for name, model in sn.items():
            values = [cin.get((2025, c)) for c in neighbours(model, year_rows, code)[1]]
            if not values or any(v is None for v in values):
                continue
            row = actual[(code, 2025, name)]
            assert row["n_neighbours_with_value"] == len(values), (code, name)
            assert row["neighbour_mean"] == pytest.approx(statistics.fmean(values)), (code, name)
            assert row["neighbour_median"] == pytest.approx(statistics.median(values)), (code, name)
            checked += 1
    assert checked > 200


def test_2025_model_caseload_agrees_with_position_mart(published) -> None:
    """marts.la_year_position's neighbour mean (2025 model, caseload) is the same figure."""
    bad = published.execute("""
        SELECT n.la_code, n.year FROM marts.la_year_neighbours n
        JOIN marts.la_year_position p USING (la_code, year)
        WHERE n.measure = 'caseload' AND n.neighbour_model = '2025'
          AND (n.n_neighbours_with_value <> p.n_neighbours_covered
               OR (n.neighbour_mean IS NULL) <> (p.neighbour_mean_caseload_fte IS NULL)
               OR abs(n.neighbour_mean - p.neighbour_mean_caseload_fte) > 1e-9)""").fetchall()
    assert bad == []
