"""FOI answers' band counts: loaded from the inbox like worker files, the share above a cap only where
a band ends at it (checked against a computation of its own here), and the same disclosure rule."""

from __future__ import annotations

import duckdb
import pytest

from pipeline.submissions import disclosure, foi_disclosure
from pipeline.submissions.inbox import folders, process_batch
from tests.support.band_files import BANDS, band_csv, band_rows, band_xlsx
from tests.support.submission_files import KNOWN, TODAY, csv_bytes, good_rows
from warehouse.build.submission_marts import build_aggregates, write_marts
from warehouse.checks.statuses import statuses_describe_values
from warehouse.checks.submissions import disclosure_failures, no_small_figures
from warehouse.db import connect, run_script

CAPS = {"cap_12": 12, "guarantee_15_12": 15, "cap_20": 20}  # tests/unit/conftest.py's caps.csv


def drop(settings, name: str, content: bytes):
    path = folders(settings)["inbox"] / name
    path.write_bytes(content)
    return path


def run(settings, con, caps_path, *files: tuple[str, bytes]):
    outcomes = process_batch([drop(settings, n, c) for n, c in files], settings, con, KNOWN, TODAY)
    aggregates = build_aggregates(con, caps_path)
    write_marts(con, disclosure.apply(aggregates) | foi_disclosure.apply(aggregates))
    return outcomes


def above(bands, cap: int) -> int | None:
    """The test's own reading of "above a cap" from bands: only where a band ends exactly at the cap."""
    if cap not in {end for _, end, _ in bands}:
        return None
    return sum(n for start, _, n in bands if start > cap)


def rows(con, sql: str) -> list[dict]:
    return con.sql(sql).pl().to_dicts()


def test_a_band_file_loads_and_gives_the_computable_caps_only(settings, caps_path):
    bands = ((0, 10, 12), (11, 15, 30), (16, 20, 22), (21, 25, 8), (26, None, 6))
    with connect(settings.work_path) as con:
        [outcome] = run(settings, con, caps_path, ("westminster_foi.csv", band_csv(band_rows(bands))))
        assert outcome.status == "loaded" and outcome.moved_to.exists()
        files = rows(con, "SELECT template, workers, version FROM submissions.files")
        assert files == [{"template": "bands", "workers": 78, "version": 1}]
        caps = {r["scenario_id"]: r for r in rows(con, "SELECT * FROM marts.submission_foi_cap")}
        for scenario, cap in CAPS.items():
            expected = above(bands, cap)
            r = caps[scenario]
            assert r["basis"] == "FOI answer" and r["source"] == "FOI 2025/1234"
            if expected is None:
                assert r["workers_above_cap"] is None and r["pct_above_cap"] is None
                assert r["workers_above_cap_status"] == "cannot be computed from these bands"
                assert "No band of this answer ends at 12" in r["note"]
            else:
                assert r["workers_above_cap"] == expected and r["workers_above_cap_status"] == "published"
                assert r["pct_above_cap"] == round(100 * expected / 78, 1)
        assert (
            caps["guarantee_15_12"]["cap_applied"] == 15
            and "newly qualified" in caps["guarantee_15_12"]["note"]
        )
        answer = rows(con, "SELECT * FROM marts.submission_foi_answer")[0]
        assert answer["la_name"] == "Westminster" and answer["case_holders"] == 78 and answer["bands"] == 5
        assert answer["published_caseload_fte"] == 16.2 and answer["source_url"] is None
        assert statuses_describe_values(con).passed and not disclosure_failures(con)


@pytest.mark.parametrize("cap", range(0, 40))
def test_above_a_cap_matches_an_independent_count_at_every_cap(cap):
    """The SQL's rule against the test's, for every whole cap, on an answer with uneven bands."""
    bands = ((0, 9, 20), (10, 12, 15), (13, 18, 25), (19, 19, 9), (20, 30, 11), (31, None, 7))
    aggregates_sql = _aggregate(bands, cap)
    assert aggregates_sql == above(bands, cap)


def _aggregate(bands, cap: int) -> int | None:
    """The project's SQL (schema and foi_aggregates) on one answer and one cap."""
    con = duckdb.connect()
    run_script(con, "submissions/schema")
    con.execute(
        "CREATE TABLE submissions.caps AS SELECT 'x' AS scenario_id, 'x' AS scenario_label, "
        "$c::DOUBLE AS cap_experienced, $c::DOUBLE AS cap_newly_qualified, 1 AS scenario_order",
        {"c": cap},
    )
    con.execute(
        "INSERT INTO submissions.files BY NAME SELECT 'a' AS submission_id, 'a.csv' AS file_name, "
        "'E09000033' AS la_code, DATE '2025-09-30' AS snapshot_date, 1 AS version, 0 AS workers, "
        "false AS is_demo, 1 AS template_version, now() AS loaded_at, 'bands' AS template"
    )
    for i, (start, end, n) in enumerate(bands):
        con.execute(
            "INSERT INTO submissions.foi_bands VALUES ('a', ?, 'E09000033', '2025-09-30', ?, ?, ?, 'FOI 1')",
            [i + 2, start, end, n],
        )
    run_script(con, "submissions/foi_aggregates")
    [(computable, value)] = con.execute(
        "SELECT computable, workers_above_cap FROM submissions.agg_foi_caps"
    ).fetchall()
    assert computable == (value is not None)
    return value


def test_small_band_counts_are_c_and_cannot_be_worked_out(settings, caps_path):
    with connect(settings.work_path) as con:
        run(settings, con, caps_path, ("foi.csv", band_csv(band_rows(BANDS))))  # 26 or more: 3 workers
        got = {r["band"]: r for r in rows(con, "SELECT * FROM marts.submission_foi_bands")}
        assert got["26 or more"]["case_holders_status"] == "c" and got["26 or more"]["case_holders"] is None
        published = [r["case_holders"] for r in got.values() if r["case_holders_status"] == "published"]
        assert all(n >= 5 for n in published)
        hidden = [b for b in got if got[b]["case_holders_status"] == "c"]
        assert len(hidden) >= 2  # the 3 cannot be had as total minus the rest
        caps = {r["scenario_id"]: r for r in rows(con, "SELECT * FROM marts.submission_foi_cap")}
        # above 20 (21-25 and 26+) is published: 11, but neither band of it is, so the 3 stays unknown
        assert caps["cap_20"]["workers_above_cap"] == 11 and got["21 to 25"]["case_holders_status"] == "c"
        assert not disclosure_failures(con)


def test_an_answer_under_5_case_holders_is_all_c(settings, caps_path):
    small = ((0, 15, 2), (16, None, 2))
    with connect(settings.work_path) as con:
        run(settings, con, caps_path, ("foi.csv", band_csv(band_rows(small))))
        answer = rows(con, "SELECT case_holders, case_holders_status FROM marts.submission_foi_answer")
        assert answer == [{"case_holders": None, "case_holders_status": "c"}]
        statuses = {r["case_holders_status"] for r in rows(con, "SELECT * FROM marts.submission_foi_bands")}
        caps = {r["workers_above_cap_status"] for r in rows(con, "SELECT * FROM marts.submission_foi_cap")}
        assert statuses == {"c"} and caps == {"c", "cannot be computed from these bands"}
        assert statuses_describe_values(con).passed


def test_a_later_answer_supersedes_the_same_bytes_load_once(settings, caps_path):
    first, second = (
        band_csv(band_rows()),
        band_xlsx(band_rows(source="https://www.westminster.gov.uk/foi/1234")),
    )
    with connect(settings.work_path) as con:
        run(settings, con, caps_path, ("a.csv", first))
        outcomes = run(settings, con, caps_path, ("a-again.csv", first), ("b.xlsx", second))
        assert [o.status for o in outcomes] == ["duplicate", "loaded"]
        files = rows(
            con,
            "SELECT file_name, version, superseded_by IS NOT NULL AS old FROM submissions.files "
            "ORDER BY version",
        )
        assert files == [
            {"file_name": "a.csv", "version": 1, "old": True},
            {"file_name": "b.xlsx", "version": 2, "old": False},
        ]
        answer = rows(con, "SELECT source, source_url, submission_version FROM marts.submission_foi_answer")
        url = "https://www.westminster.gov.uk/foi/1234"
        assert answer == [{"source": url, "source_url": url, "submission_version": 2}]
        assert con.execute("SELECT count(*) FROM submissions.foi_bands").fetchall() == [(10,)]


def test_the_councils_own_worker_file_wins_over_an_foi_answer_for_the_same_date(settings, caps_path):
    workers = csv_bytes(good_rows(12, la_code="E09000033"))
    with connect(settings.work_path) as con:
        run(settings, con, caps_path, ("foi.csv", band_csv(band_rows())), ("own.csv", workers))
        files = rows(con, "SELECT template, superseded_by FROM submissions.files ORDER BY template")
        assert files == [
            {"template": "bands", "superseded_by": None},
            {"template": "workers", "superseded_by": None},
        ]
        assert rows(con, "SELECT * FROM marts.submission_foi_answer") == []
        own = rows(con, "SELECT la_code FROM marts.submission_la_snapshot WHERE group_kind = 'all'")
        assert own == [{"la_code": "E09000033"}]
        # an answer for another date is used beside it
        run(settings, con, caps_path, ("foi-2024.csv", band_csv(band_rows(snapshot="2024-09-30"))))
        dates = rows(con, "SELECT snapshot_date::VARCHAR AS d FROM marts.submission_foi_answer")
        assert dates == [{"d": "2024-09-30"}]


def test_the_blocking_check_refuses_a_published_small_band_count(settings, caps_path):
    with connect(settings.work_path) as con:
        run(settings, con, caps_path, ("foi.csv", band_csv(band_rows(BANDS))))
        assert no_small_figures(con).passed
        con.execute(
            "UPDATE marts.submission_foi_bands SET case_holders = 3, case_holders_status = 'published' "
            "WHERE band = '26 or more'"
        )
        assert [f[0] for f in no_small_figures(con).failures] == ["FOI band count 1-4"]
