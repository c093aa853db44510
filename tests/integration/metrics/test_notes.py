"""Notes beside flagged figures (marts.la_year_notes), checked against the published CSV and in every
mart that quotes or compares a council's caseload."""

from __future__ import annotations

import math
from collections import defaultdict

import pytest

from tests.support.published_csv import num, rows

pytestmark = pytest.mark.shared_data

LIVERPOOL = "E08000012"
LIVERPOOL_2025 = "Halved since 2024 (20.3 to 10.1): check with the council before quoting."


def _table(published, sql: str, params: dict | None = None) -> list[dict]:
    cur = published.execute(sql, params or {})
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _csv_caseload(ees, code: str) -> dict[int, float | None]:
    return {
        int(r["time_period"]): num(r["caseload_fte"])
        for r in rows(ees / "csww_indicators_2017_to_2025.csv")
        if r["geographic_level"] == "Local authority" and r["new_la_code"] == code
    }


def test_liverpool_2025_is_worded_from_the_published_figures(published, ees) -> None:
    load = _csv_caseload(ees, LIVERPOOL)
    assert (load[2024], load[2025]) == (20.3, 10.1)  # read a second way, from the CSV itself
    notes = _table(published, "SELECT * FROM marts.la_year_notes WHERE la_code = $c AND year = 2025",
                   {"c": LIVERPOOL})
    assert [(n["note_kind"], n["measure"], n["about_caseload"], n["note"]) for n in notes] == [
        ("large_change", "caseload_fte", True, LIVERPOOL_2025)
    ]


def test_a_large_change_note_exactly_where_the_change_is_flagged(published) -> None:
    flagged = {(r["la_code"], r["year"]): r for r in _table(
        published, "SELECT * FROM marts.la_year_position WHERE flag_large_change")}
    notes = {(r["la_code"], r["year"]): r["note"] for r in _table(
        published, "SELECT * FROM marts.la_year_notes WHERE note_kind = 'large_change'")}
    assert set(notes) == set(flagged) and len(notes) > 30
    for key, note in notes.items():
        f = flagged[key]
        assert f"since {f['year'] - 1} ({f['previous_caseload_fte']:.1f} to {f['caseload_fte']:.1f})" in note
        assert note.endswith("check with the council before quoting.")
        pct = math.floor(abs(f["yoy_change_pct"]) + 0.5)  # whole percent, halves away from zero
        assert note.startswith(("Halved", "Doubled")) or f"{pct}%" in note


def test_revisions_and_joint_returns_are_noted(published) -> None:
    sunderland = _table(published, "SELECT * FROM marts.la_year_notes WHERE la_code = 'E08000024' "
                                   "AND year = 2024 AND measure = 'turnover_rate_fte'")
    assert [n["note"] for n in sunderland] == [
        "Revised by the publisher since its previous release: the turnover rate was 0.9, now 'u'."
    ]
    assert sunderland[0]["about_caseload"] is False
    revised = _table(published, "SELECT count(*) AS n FROM marts.revisions WHERE geographic_level = "
                                "'Local authority' AND revision_kind NOT LIKE 'only in%'")[0]["n"]
    noted = _table(published, "SELECT count(*) AS n FROM marts.la_year_notes WHERE note_kind = 'revised'")
    assert noted[0]["n"] == revised
    joint = _table(published, "SELECT la_code, year, caseload_note FROM marts.la_year "
                              "WHERE la_code LIKE '%/%'")
    assert len(joint) == 14  # Kingston and Richmond every year, Northamptonshire's two 2021-2025
    for r in joint:
        assert "Joint return: one figure for" in r["caseload_note"] and " and " in r["caseload_note"]


def test_every_mart_that_quotes_a_caseload_carries_its_note(published) -> None:
    """marts.la_year (the rows behind a figure), la_year_cap, la_year_position and trend_digest all
    repeat the one note, and a council named as highest or lowest within 50 miles brings it along."""
    expected: dict[tuple, list[str]] = defaultdict(list)
    for n in _table(published, "SELECT * FROM marts.la_year_notes WHERE about_caseload "
                               "ORDER BY la_code, year, note_order, measure"):
        expected[(n["la_code"], n["year"])].append(n["note"])
    joined = {k: " ".join(v) for k, v in expected.items()}
    for table in ("la_year", "la_year_cap", "la_year_position"):
        for r in _table(published, f"SELECT la_code, year, caseload_note FROM marts.{table}"):
            assert r["caseload_note"] == joined.get((r["la_code"], r["year"])), (table, r)
    named = 0
    for r in _table(published, "SELECT * FROM marts.la_year_position WHERE n_within_50_miles > 0"):
        for side in ("highest", "lowest"):
            codes = r[f"{side}_within_50_miles_la_code"].split("; ")
            names = r[f"{side}_within_50_miles_la_name"].split("; ")
            want = [f"{name}: {joined[(code, r['year'])][0].lower()}{joined[(code, r['year'])][1:]}"
                    for code, name in zip(codes, names, strict=True) if (code, r["year"]) in joined]
            assert r[f"{side}_within_50_miles_note"] == (" ".join(want) or None), (r["la_name"], side)
            named += bool(want)
    assert named > 50
    bolton = _table(published, "SELECT * FROM marts.la_year_position WHERE la_code = 'E08000001' "
                               "AND year = 2025")[0]
    assert bolton["lowest_within_50_miles_la_name"] == "Liverpool"
    assert bolton["lowest_within_50_miles_note"] == f"Liverpool: h{LIVERPOOL_2025[1:]}"
    digest = _table(published, "SELECT * FROM marts.trend_digest WHERE area_code = $c", {"c": LIVERPOOL})
    assert digest and all(d["note"] == LIVERPOOL_2025 for d in digest)


def test_ties_name_every_council_at_the_highest_and_lowest(published) -> None:
    loads = {(r["la_code"], r["year"]): r["caseload_fte"] for r in _table(
        published, "SELECT la_code, year, caseload_fte FROM marts.la_year "
                   "WHERE caseload_status = 'published'")}
    tied = 0
    for r in _table(published, "SELECT * FROM marts.la_year_position WHERE n_within_50_miles > 0"):
        for side in ("highest", "lowest"):
            names = r[f"{side}_within_50_miles_la_name"].split("; ")
            codes = r[f"{side}_within_50_miles_la_code"].split("; ")
            assert names == sorted(names) and len(codes) == len(names)
            assert {loads[(c, r["year"])] for c in codes} == {r[f"{side}_within_50_miles_caseload_fte"]}
            tied += len(codes) > 1
    assert tied > 10  # 2025 alone has a dozen councils whose lowest within 50 miles is a tie
