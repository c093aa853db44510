"""What each release changed (warehouse.read.feeds), on three small hand-made release files: the
sentences of the releases feed and of each council's feed, exactly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from warehouse.read import feeds

A, B, C = "20260101T090000Z-aaaaaaaa", "20260201T090000Z-bbbbbbbb", "20260301T090000Z-cccccccc"
LEEDS, YORK, HULL, WIGAN = "E08000035", "E06000014", "E06000010", "E08000010"
NAMES = {LEEDS: "Leeds", YORK: "York", HULL: "Kingston upon Hull", WIGAN: "Wigan"}
CAPS = [("target_18", "Council target of 18", 18.0, 1), ("cap_20", "Proposed national cap of 20", 20.0, 2)]


def make_release(folder: Path, release_id: str, vintage: str, figures: dict, revisions: list[str]) -> Path:
    """A release file holding what the feeds read: meta.release(_sources), marts.la_year,
    marts.caps, marts.la_year_cap (over each cap from the caseload) and marts.revisions.
    `figures`: (series code, year) -> (caseload, status)."""
    path = folder / f"{release_id}.duckdb"
    con = duckdb.connect(str(path))
    for schema in ("meta", "marts"):
        con.execute(f"CREATE SCHEMA {schema}")
    built = dt.datetime.strptime(release_id[:16], "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
    con.execute("CREATE TABLE meta.release AS SELECT $id AS release_id, CAST($b AS TIMESTAMPTZ) AS built_at",
                {"id": release_id, "b": built})
    con.execute("CREATE TABLE meta.release_sources (source_id VARCHAR, vintage VARCHAR, sha256 VARCHAR)")
    con.execute("INSERT INTO meta.release_sources VALUES ('workforce', $v, $v)", {"v": vintage})
    con.execute("CREATE TABLE marts.la_year (la_code VARCHAR, la_name VARCHAR, series_code VARCHAR, "
                "year INTEGER, caseload_fte DOUBLE, caseload_status VARCHAR, cases BIGINT, "
                "cases_status VARCHAR)")
    con.execute("CREATE TABLE marts.caps (scenario_id VARCHAR, label VARCHAR, cap DOUBLE, "
                "sort_order INTEGER)")
    con.executemany("INSERT INTO marts.caps VALUES (?, ?, ?, ?)", CAPS)
    con.execute("CREATE TABLE marts.la_year_cap (la_name VARCHAR, series_code VARCHAR, year INTEGER, "
                "scenario_id VARCHAR, over_cap BOOLEAN)")
    for (code, year), (caseload, status) in figures.items():
        value = caseload if status == "published" else None
        con.execute("INSERT INTO marts.la_year VALUES ($c, $n, $c, $y, $v, $s, 100, 'published')",
                    {"c": code, "n": NAMES[code], "y": year, "v": value, "s": status})
        for sid, _label, cap, _order in CAPS:
            con.execute("INSERT INTO marts.la_year_cap VALUES ($n, $c, $y, $sid, $over)",
                        {"n": NAMES[code], "c": code, "y": year, "sid": sid,
                         "over": value is not None and value > cap})
    con.execute("CREATE TABLE marts.revisions (revision_kind VARCHAR)")
    for kind in revisions:
        con.execute("INSERT INTO marts.revisions VALUES ($k)", {"k": kind})
    con.close()
    return path


BEFORE = {(LEEDS, 2024): (17.1, "published"), (YORK, 2024): (18.4, "published"),
          (HULL, 2024): (16.0, "published"), (WIGAN, 2024): (17.9, "published")}

AFTER_B = {**BEFORE, (LEEDS, 2024): (17.3, "published"), (YORK, 2024): (None, "c"),
           (WIGAN, 2024): (18.5, "published")}


@pytest.fixture
def kept(tmp_path: Path) -> Path:
    """A; B revises Leeds, suppresses York, takes Wigan over 18, leaves Hull; C adds 2025 for Hull only."""
    make_release(tmp_path, A, "Reporting year 2024", BEFORE, [])
    make_release(tmp_path, B, "Reporting year 2024 (revised)", AFTER_B,
                 ["value revised", "value revised", "now suppressed"])
    make_release(tmp_path, C, "Reporting year 2025", {**AFTER_B, (HULL, 2025): (20.5, "published")}, [])
    return tmp_path


def test_entries_newest_first_each_against_the_one_before(kept: Path):
    entries = feeds.entries(kept)
    assert [(e.release_id, e.previous_id) for e in entries] == [(C, B), (B, A), (A, None)]
    assert entries[0].built_at == dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)
    assert entries[-1].sentences == ("First release kept: 1 sources.",)
    assert entries[-1].councils == {}


def test_the_release_sentences_say_what_changed(kept: Path):
    _c, b, _a = feeds.entries(kept)
    assert b.sentences == (
        "workforce: new vintage Reporting year 2024 (revised) (was Reporting year 2024).",
        "Revisions to earlier figures, now suppressed: 1 (was 0).",
        "Revisions to earlier figures, value revised: 2 (was 0).",
        "Revisions recorded in this release: 3 published figures (1 now suppressed, 2 value revised).",
        "Figures changed for Leeds, Wigan and York since the release before.",
        "Newly over Council target of 18 in 2024: Wigan.",
    )


def test_a_new_year_and_a_council_newly_over_a_cap_in_it(kept: Path):
    c = feeds.entries(kept)[0]
    assert c.sentences == (
        "workforce: new vintage Reporting year 2025 (was Reporting year 2024 (revised)).",
        "Revisions to earlier figures, now suppressed: 0 (was 1).",
        "Revisions to earlier figures, value revised: 0 (was 2).",
        "New year of figures: 2025.",
        "Figures changed for Kingston upon Hull since the release before.",
        "Newly over Council target of 18 in 2025 (not over it in 2024): Kingston upon Hull.",
        "Newly over Proposed national cap of 20 in 2025 (not over it in 2024): Kingston upon Hull.",
    )
    assert {k: v.lines for k, v in c.councils.items()} == {HULL: ("2025 figures added: caseload 20.5.",)}


def test_each_councils_changes_old_to_new(kept: Path):
    b = feeds.entries(kept)[1]
    assert {k: (v.name, v.lines) for k, v in b.councils.items()} == {
        LEEDS: ("Leeds", ("2024 caseload revised 17.1 → 17.3.",)),
        YORK: ("York", ("2024 caseload newly suppressed (c; was 18.4).",)),
        WIGAN: ("Wigan", ("2024 caseload revised 17.9 → 18.5.",)),
    }
    assert HULL not in b.councils  # unchanged: no entry in its feed


def test_a_rebuild_with_nothing_new_says_so(tmp_path: Path):
    make_release(tmp_path, A, "v1", BEFORE, [])
    make_release(tmp_path, B, "v1", BEFORE, [])
    assert feeds.entries(tmp_path)[0].sentences == ("Rebuilt with the same source files: no figure changed.",)


def test_figure_changes_in_words():
    assert feeds.figure_change("2023 cases", 10, "published", 10, "published") is None
    assert feeds.figure_change("2023 cases", None, "x", None, "x") is None
    assert feeds.figure_change("2023 cases", None, "x", 12, "published") == (
        "2023 cases now published: 12 (was x).")
    assert feeds.figure_change("2023 cases", None, "x", None, "c") == "2023 cases changed from x to c."
    assert feeds.figure_change("2023 caseload", 17.0, "published", 18.0, "published") == (
        "2023 caseload revised 17.0 → 18.0.")


def test_more_than_ten_councils_are_counted_not_named():
    names = [f"Council {i}" for i in range(11)]
    assert feeds._named("Newly over Legal cap of 12 in 2025:", names) == (
        "Newly over Legal cap of 12 in 2025: 11 councils.")
    assert feeds._named("Newly over Legal cap of 12 in 2025:", names[:2]) == (
        "Newly over Legal cap of 12 in 2025: Council 0 and Council 1.")
