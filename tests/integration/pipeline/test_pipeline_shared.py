"""The whole pipeline on the real published files: figures come out exactly as published."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import duckdb
import pytest

from warehouse.config import Settings

pytestmark = pytest.mark.shared_data


def _published_rows(shared_data_dir: Path) -> list[dict[str, str]]:
    with open(shared_data_dir / "ees/csww_indicators_2017_to_2025.csv", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def test_england_2025_as_published(published) -> None:
    row = published.execute(
        "SELECT caseload_fte, cases, case_holders_fte, caseload_status FROM marts.area_year "
        "WHERE geographic_level = 'National' AND year = 2025").fetchall()
    assert row == [(15.2, 321661, 21105.4, "published")]


def test_suppressed_caseloads_are_null_with_their_symbol(published) -> None:
    rows = published.execute(
        "SELECT la_name, year, caseload_fte, caseload_status, cases FROM marts.la_year "
        "WHERE (year = 2025 AND la_code IN ('E09000033', 'E09000020')) "
        "   OR (year = 2024 AND la_code = 'E08000025') ORDER BY la_name").fetchall()
    assert rows == [
        ("Birmingham", 2024, None, "u", None),
        ("Kensington and Chelsea", 2025, None, "x", None),
        ("Westminster", 2025, None, "x", None),
    ]


def test_every_council_figure_matches_the_published_csv(published, shared_data_dir: Path) -> None:
    """Each council-year's cells, read a second way with the csv module, equal the mart's."""
    marts = {
        (code, year): values
        for code, year, *values in published.execute(
            "SELECT la_code, year, cases, cases_status, case_holders_fte, caseload_fte, caseload_status, "
            "agency_rate_fte, vacancy_rate_fte, turnover_rate_fte, absence_rate_fte, "
            "agency_fte, agency_fte_status, vacancy_fte, vacancy_fte_status FROM marts.la_year"
        ).fetchall()
    }
    symbols = {"c", "x", "z", "u", "low", "k", ":"}

    def number(text: str):
        return None if text in symbols else float(text)

    published = [r for r in _published_rows(shared_data_dir) if r["geographic_level"] == "Local authority"]
    assert len(published) == len(marts)
    for r in published:
        got = marts[(r["new_la_code"], int(r["time_period"]))]
        expected = [
            number(r["cases"]), r["cases"] if r["cases"] in symbols else "published",
            number(r["case_holders_fte"]), number(r["caseload_fte"]),
            r["caseload_fte"] if r["caseload_fte"] in symbols else "published",
            number(r["agency_rate_fte"]), number(r["vacancy_rate_fte"]),
            number(r["turnover_rate_fte"]), number(r["absence_rate_fte"]),
            number(r["agency_fte"]), r["agency_fte"] if r["agency_fte"] in symbols else "published",
            number(r["vacancy_fte"]), r["vacancy_fte"] if r["vacancy_fte"] in symbols else "published",
        ]
        assert got == expected, (r["la_name"], r["time_period"])


def test_raw_files_are_recorded_with_their_sha256(shared_warehouse: Settings, shared_data_dir: Path) -> None:
    con = duckdb.connect(str(shared_warehouse.work_path), read_only=True)
    try:
        rows = con.execute(
            "SELECT source_id, url, sha256, bytes, archive_path FROM raw.source_files").fetchall()
    finally:
        con.close()
    assert len({r[0] for r in rows}) == 12
    for source_id, url, digest, size, archive in rows:
        original = Path(url.removeprefix("file://")).read_bytes()
        assert hashlib.sha256(original).hexdigest() == digest, source_id
        assert Path(archive).read_bytes() == original and size == len(original)


def test_council_series_across_reorganisations(published) -> None:
    series = dict(published.execute("SELECT la_code, series_code FROM marts.dim_la").fetchall())
    assert series["E10000023"] == series["E06000065"] == "E06000065"  # North Yorkshire, same area
    assert series["E08000016"] == "E08000038"  # Barnsley recoded in 2025
    assert series["E10000021"] == "E06000061 / E06000062"  # Northamptonshire -> joint return
    assert series["E10000006"] == "E10000006"  # Cumbria split: the line breaks
    assert series["E10000009"] == "E10000009"  # Dorset lost Christchurch: the line breaks
    years = published.execute(
        "SELECT list(year ORDER BY year) FROM marts.la_year WHERE series_code = 'E06000065'").fetchall()
    assert years == [(list(range(2017, 2026)),)]


def test_children_add_up_to_england_where_every_council_has_a_population(published) -> None:
    rows = published.execute("""
        SELECT l.year, sum(l.children_0_17)::BIGINT, any_value(a.children_0_17),
               count(*) FILTER (WHERE l.children_0_17 IS NULL)
        FROM marts.la_year l JOIN marts.area_year a
          ON a.year = l.year AND a.geographic_level = 'National'
        GROUP BY l.year ORDER BY l.year""").fetchall()
    for year, councils, england, missing in rows:
        if missing == 0:
            assert councils == england, year
        else:  # 2017-18: Bournemouth, Poole and old Dorset have no estimate on their old boundaries
            assert year in (2017, 2018) and missing == 3 and councils < england


def test_only_marts_and_meta_are_published(published) -> None:
    schemas = {r[0] for r in published.execute("SELECT DISTINCT schema_name FROM duckdb_tables()").fetchall()}
    assert schemas == {"marts", "meta"}
