"""marts.nearby_gaps on the real files: the widest gaps between councils within 50 miles, recomputed
from the published CSV and mySociety's centres with the csv module, every year."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from pathlib import Path

import duckdb
import pytest

from tests.support.centres_csv import code_centres, council_centre, miles
from tests.support.published_csv import Council, councils
from warehouse.config import PROJECT_ROOT

pytestmark = pytest.mark.shared_data

CHANGES = PROJECT_ROOT / "data" / "reference" / "council_changes.csv"
KEPT_RANKS = 5


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _pairs(group: list[Council], maps_file: Path) -> list[tuple[Council, Council, float, float]]:
    """(higher, lower, gap, miles) for every pair with published caseloads and centres at most 50 miles
    apart; the higher caseload first, equal ones by code."""
    centres = code_centres(maps_file)
    placed = [(c, p) for c in group if c.caseload is not None
              if (p := council_centre(c.code, centres, CHANGES)) is not None]
    out = []
    for (a, pa), (b, pb) in combinations(placed, 2):
        if (b.caseload, a.code) > (a.caseload, b.code):
            (a, pa), (b, pb) = (b, pb), (a, pa)
        distance = miles((pa.lat, pa.lon), (pb.lat, pb.lon))
        if distance <= 50:
            out.append((a, b, round(a.caseload - b.caseload, 1), distance))
    return out


def test_the_widest_gaps_every_year(published, ees, shared_data_dir) -> None:
    maps_file = shared_data_dir / "maps" / "uk_local_authorities.csv"
    by_year: dict[int, list[Council]] = defaultdict(list)
    for c in councils(ees):
        by_year[c.year].append(c)
    mart = defaultdict(list)
    for r in _rows(published, "SELECT * FROM marts.nearby_gaps"):
        mart[r["year"]].append(r)
    assert set(mart) == set(by_year)
    for year, group in by_year.items():
        pairs = _pairs(group, maps_file)
        gaps = sorted((g for *_, g, _ in pairs), reverse=True)
        expected = {}
        for hi, lo, gap, distance in pairs:
            rank = 1 + sum(1 for g in gaps if g > gap)
            if rank <= KEPT_RANKS:
                expected[(hi.code, lo.code)] = (rank, gap, distance, hi.caseload, lo.caseload)
        got = {(r["higher_la_code"], r["lower_la_code"]): r for r in mart[year]}
        assert set(got) == set(expected), year
        for key, (rank, gap, distance, high, low) in expected.items():
            row = got[key]
            assert (row["gap_rank"], row["gap_caseload_fte"]) == (rank, gap), (year, key)
            assert (row["higher_caseload_fte"], row["lower_caseload_fte"]) == (high, low), (year, key)
            assert row["miles_apart"] == pytest.approx(distance, abs=1e-6), (year, key)
            assert row["n_pairs_within_50_miles"] == len(pairs), year
        widest = [r for r in mart[year] if r["gap_rank"] == 1]
        assert widest and all(r["gap_caseload_fte"] == gaps[0] for r in widest), year


def test_2025_widest_gap_names_liverpool_with_its_note(published) -> None:
    widest = _rows(published, "SELECT * FROM marts.nearby_gaps WHERE year = 2025 AND gap_rank = 1")
    assert len(widest) == 1
    row = widest[0]
    assert (row["higher_la_name"], row["higher_caseload_fte"]) == ("Bolton", 20.8)
    assert (row["lower_la_name"], row["lower_caseload_fte"]) == ("Liverpool", 10.1)
    assert row["gap_caseload_fte"] == 10.7 and 20 < row["miles_apart"] < 25
    note = _rows(published, "SELECT caseload_note FROM marts.la_year "
                            "WHERE year = 2025 AND la_name = 'Liverpool'")
    assert row["lower_caseload_note"] == note[0]["caseload_note"] and "Halved" in row["lower_caseload_note"]
    assert row["higher_caseload_note"] is None
