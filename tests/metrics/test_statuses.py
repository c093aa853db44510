"""A status describes its value, in every mart: `published` has a number, anything else has none.

The blocking check (warehouse.checks.statuses) on the shared build and on small tables made here to
break it; and the rows that used to break it, read from the release.
"""

from __future__ import annotations

import duckdb
import pytest

from warehouse.checks.statuses import status_pairs, statuses_describe_values

OLD_DORSET = ("E06000028", "E06000029", "E10000009")  # Bournemouth, Poole, Dorset County: 2017-2018
SCILLY = "E06000053"


def _hand_made() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("CREATE SCHEMA marts")
    con.execute("""CREATE TABLE marts.made_up (la_code VARCHAR, year INTEGER, value DOUBLE,
        value_status VARCHAR, caseload_fte DOUBLE, caseload_status VARCHAR)""")
    con.execute("""INSERT INTO marts.made_up VALUES
        ('E0A', 2025, 1.5, 'published', 15.0, 'published'),
        ('E0B', 2025, NULL, 'published', NULL, 'x'),
        ('E0C', 2024, 2.0, 'x', 12.0, 'published'),
        ('E0D', 2024, NULL, 'no population', 13.0, NULL)""")
    con.execute("CREATE TABLE marts.other (area_code VARCHAR, figure_year INTEGER, orphan_status VARCHAR)")
    return con


def test_the_check_names_table_column_council_and_year() -> None:
    """A table the check has never heard of is found in the catalogue and each bad row named."""
    outcome = statuses_describe_values(_hand_made())
    assert not outcome.passed
    assert sorted(outcome.failures, key=str) == sorted([
        ("made_up", "value", "E0B", "2025", "published"),      # published, but empty
        ("made_up", "value", "E0C", "2024", "x"),              # a symbol, but a number
        ("made_up", "caseload_fte", "E0D", "2024", "NULL"),    # no status at all
        ("other", "orphan_status", None, None, "no value column"),
    ], key=str)


def test_the_check_passes_a_table_that_keeps_the_rule() -> None:
    con = _hand_made()
    con.execute("DROP TABLE marts.other")
    con.execute("DELETE FROM marts.made_up WHERE la_code <> 'E0A'")
    con.execute("INSERT INTO marts.made_up VALUES ('E0F', 2025, NULL, 'no population', NULL, 'u')")
    assert statuses_describe_values(con).passed


@pytest.mark.shared_data
def test_every_status_in_the_release_describes_its_value(published) -> None:
    outcome = statuses_describe_values(published)
    assert outcome.passed, outcome.summary
    pairs = status_pairs(published)
    assert all(value is not None for _, _, value in pairs)
    assert ("la_year_benchmark", "value_status", "value") in pairs
    assert ("la_year_context", "cin_per_10000_status", "cin_per_10000") in pairs


@pytest.mark.shared_data
def test_no_population_is_said_not_published(published) -> None:
    """The old Dorset councils' 2017-2018 children in need are published; their rate per 10,000 has no
    population estimate, and every mart says so with the same word."""
    context = published.execute(
        "SELECT la_code, year, cin_status, cin_at_31_march IS NOT NULL, cin_per_10000, cin_per_10000_status "
        "FROM marts.la_year_context WHERE list_contains($c, la_code) ORDER BY ALL", {"c": list(OLD_DORSET)}
    ).fetchall()
    assert [(c, y) for c, y, *_ in context] == [(c, y) for c in OLD_DORSET for y in (2017, 2018)]
    assert {tuple(r[2:]) for r in context} == {("published", True, None, "no population")}
    for table in ("la_year_benchmark", "la_year_neighbours"):
        rows = published.execute(
            f"SELECT DISTINCT value, value_status FROM marts.{table} "
            "WHERE measure = 'cin_per_10000' AND list_contains($c, la_code) AND year <= 2018",
            {"c": list(OLD_DORSET)}).fetchall()
        assert rows == [(None, "no population")], table


@pytest.mark.shared_data
def test_scilly_rates_are_kept_as_published(published) -> None:
    """The Isles of Scilly's agency and vacancy rates, 100 with 0 FTE in post in 2021-2025, stay 100."""
    rows = published.execute(
        "SELECT DISTINCT value, value_status FROM marts.la_year_benchmark WHERE la_code = $c "
        "AND measure IN ('agency_rate', 'vacancy_rate') AND year >= 2021", {"c": SCILLY}).fetchall()
    assert rows == [(100.0, "published")]
