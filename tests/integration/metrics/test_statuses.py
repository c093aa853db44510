"""A status describes its value, in every mart: `published` has a number, anything else has none.

The blocking check (warehouse.checks.statuses) on the shared build and on small tables made here to
break it; and the rows that used to break it, read from the release.
"""

from __future__ import annotations

import pytest

from warehouse.checks.statuses import status_pairs, statuses_describe_values

OLD_DORSET = ("E06000028", "E06000029", "E10000009")  # Bournemouth, Poole, Dorset County: 2017-2018


SCILLY = "E06000053"


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
