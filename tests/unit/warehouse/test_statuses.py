"""The status check on hand-made tables: it names table, column, council and year, and passes a table
that keeps the rule."""

from __future__ import annotations

import duckdb

from warehouse.checks.statuses import statuses_describe_values


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
