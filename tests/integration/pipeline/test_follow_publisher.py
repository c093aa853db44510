"""Following the publisher end to end, over real HTTP on 127.0.0.1 (no mock of `requests`).

An EES stand-in (tests/support/ees_standin.py) serves the workforce publication in the shapes
the EES source documents; a plain server serves every other source at its registry path (the
mirror, which is also the workforce fallback). The story:
1. EES offers the 2024 vintage: the pipeline builds and publishes it; the site serves 2017-2024.
2. EES publishes the 2025 release: the daily check asks for a run, the run (the job the daemon
   would start) publishes it; the running site serves 2025 without a restart, the revisions
   between the two vintages appear, and the next check finds nothing new.
3. A release with a column removed: the check asks, the run fails naming the column, nothing is
   published and the site keeps the last release.
4. EES down, slow or answering HTML: the check starts no run and says why in one line naming
   the address; a run meanwhile uses the pinned fallback (here the mirror) and says so.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import dagster as dg
import duckdb
import polars as pl
import pytest
import requests

import pipeline.defs.sources.schedules as schedules
from pipeline.lib.resources import WarehouseResource
from pipeline.run import run_all
from pipeline.sources.registry import load_registry
from tests.support.atom import parsed, schema_errors
from tests.support.ees_standin import running_standin
from tests.support.http_server import Route, serve
from tests.support.live_site import running
from warehouse.config import Settings

pytestmark = pytest.mark.shared_data

SLUG = "children-s-social-work-workforce"
V2024, V2025 = "ees/csww_indicators_2017_to_2024.csv", "ees/csww_indicators_2017_to_2025.csv"


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared_data_dir: Path):
    """A mirror of every registry file, an EES stand-in, and the settings pointing at both."""
    sources = load_registry(Settings.from_env().registry_path)
    routes = {f"/{s.file}": Route((shared_data_dir / s.file).read_bytes()) for s in sources}
    with serve(routes) as mirror, running_standin() as ees:
        for name in ("CASELOAD_SOURCE_DIR", "CASELOAD_WAREHOUSE"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("CASELOAD_DATA_DIR", str(tmp_path))
        monkeypatch.setenv("CASELOAD_SOURCE_MIRROR", mirror)
        monkeypatch.setenv("CASELOAD_EES_CONTENT_API", ees.content_base)
        monkeypatch.setenv("CASELOAD_EES_PUBLIC_API", ees.public_base)
        monkeypatch.setenv("CASELOAD_EES_TIMEOUT", "1")
        monkeypatch.setenv("CASELOAD_HTTP_BACKOFF", "0.01")
        monkeypatch.setenv("CASELOAD_HTTP_TIMEOUT", "2")
        ees.slow_s = 3.0
        yield ees, shared_data_dir, Settings.from_env()


def _publish(ees, shared: Path, year: int, path: str, body: bytes | None = None,
             next_release=(2027, 3, None)) -> None:
    name = Path(path).name.replace("2017_to_2025", f"2017_to_{year}") if body else Path(path).name
    ees.publish_release(SLUG, f"{year}", f"Reporting year {year}",
                        {name: body if body is not None else (shared / path).read_bytes()},
                        published=dt.datetime(year + 1, 3, 19, 9, 30, tzinfo=dt.UTC),
                        next_release=next_release)


def _check() -> dg.RunRequest | dg.SkipReason:
    """The daily schedule's answer, evaluated as the daemon would."""
    with dg.build_schedule_context(resources={"warehouse": WarehouseResource()}) as context:
        return schedules.daily_publisher_check(context)


def _served(settings: Settings, sql: str) -> list[tuple]:
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _release_id(settings: Settings) -> str:
    return _served(settings, "SELECT release_id FROM meta.release")[0][0]


def test_a_new_release_is_found_ingested_compared_and_served(world, capsys) -> None:
    from dashboard.app import create_app

    ees, shared, settings = world
    _publish(ees, shared, 2024, V2024, next_release=(2026, 3, 19))
    assert run_all() == 0, capsys.readouterr().out
    assert _served(settings, "SELECT max(year) FROM marts.la_year") == [(2024,)]
    assert _served(settings, "SELECT count(*) FROM marts.revisions") == [(0,)], "one vintage so far"
    route = _served(settings, "SELECT route, next_update, next_update_date, next_update_basis "
                              "FROM meta.release_sources WHERE source_id = 'workforce'")[0]
    assert route[0] == "EES content API"
    assert route[1:3] == ("19 March 2026", dt.date(2026, 3, 19))
    assert f"/publications/{SLUG}" in route[3]
    first = _release_id(settings)

    with running(create_app(settings).server) as site:
        assert requests.get(f"{site}/api/v1/la-year?year=2025", timeout=30).status_code == 400
        assert isinstance(_check(), dg.SkipReason), "nothing new yet"

        # 2. The 2025 release appears.
        _publish(ees, shared, 2025, V2025)
        request = _check()
        assert isinstance(request, dg.RunRequest)
        assert "Reporting year 2025" in request.tags["caseload/news"]
        assert run_all(job_name="refresh_everything") == 0, capsys.readouterr().out
        assert _release_id(settings) != first
        rows = requests.get(f"{site}/api/v1/la-year?year=2025&limit=500", timeout=30)
        assert rows.status_code == 200 and rows.json()["total"] >= 150, "served without a restart"
        vintages = _served(settings, "SELECT vintage_rank, vintage, latest_year, route FROM meta.vintages")
        assert [(v[0], v[2]) for v in vintages] == [(1, 2025), (2, 2024)]
        assert vintages[0][1].startswith("Reporting year 2025 release")
        # The revisions between the two vintages: the publisher's own (PROVENANCE.md), e.g.
        # Sunderland's 2024 turnover 0.9 -> u, and England's 2024 turnover 13.8 -> 13.9.
        sunderland = _served(settings, """
            SELECT previous_value, current_status, latest_pair FROM marts.revisions
            WHERE series_code = 'E08000024' AND year = 2024 AND measure = 'turnover_rate_fte'""")
        assert sunderland == [(0.9, "u", True)]
        assert _served(settings, "SELECT count(*) FROM marts.revisions")[0][0] == 19
        release = requests.get(f"{site}/api/v1/release", timeout=30).json()
        workforce = next(s for s in release["sources"] if s["source_id"] == "workforce")
        assert workforce["next_update"]["text"] == "March 2027"
        assert workforce["next_update"]["date"] is None, "the publisher named a month, not a day"
        assert f"/publications/{SLUG}" in workforce["next_update"]["source"]
        assert isinstance(_check(), dg.SkipReason), "the same release is not fetched twice"
        shell = requests.get(f"{site}/_dash-layout", timeout=30).text
        assert "Next update of the workforce statistics expected March 2027" in shell, "in the footer"
        # Both feeds announce it, as valid Atom.
        feed = requests.get(f"{site}/feeds/releases.atom", timeout=30).content
        assert schema_errors(feed) == []
        entries = parsed(feed).entries
        assert len(entries) == 2 and entries[0].link.endswith(f"release={release['release']['id']}")
        assert "Reporting year 2025 release" in entries[0].summary
        assert "Revisions recorded in this release: 19 published figures" in entries[0].summary
        council = requests.get(f"{site}/feeds/council/sunderland.atom", timeout=30).content
        assert schema_errors(council) == []
        (entry,) = parsed(council).entries
        assert "2024 turnover rate newly suppressed (u; was 0.9)" in entry.summary

        # 3. A release the pipeline cannot take: a column removed.
        frame = pl.read_csv(shared / V2025, infer_schema=False).drop("caseload_fte")
        out = io.BytesIO()
        frame.write_csv(out)
        _publish(ees, shared, 2026, V2025, body=out.getvalue())
        assert isinstance(_check(), dg.RunRequest)
        served_before = settings.warehouse_path.read_bytes()
        capsys.readouterr()
        assert run_all(job_name="refresh_everything") == 1
        printed = capsys.readouterr().out
        assert "missing columns ['caseload_fte']" in printed and "did not publish" in printed
        assert settings.warehouse_path.read_bytes() == served_before
        assert requests.get(f"{site}/api/v1/release", timeout=30).json()["release"]["id"] \
            == release["release"]["id"], "the site keeps the last good release"


@pytest.mark.parametrize(("fault", "says"), [
    ("down", "HTTP 503"), ("slow", "no answer within 1 s"), ("html", "HTML"),
])
def test_a_failing_publisher_api_starts_no_run_and_the_fallback_says_so(world, capsys, fault, says) -> None:
    ees, shared, settings = world
    _publish(ees, shared, 2025, V2025)
    assert run_all() == 0
    first = _release_id(settings)
    vintages = _served(settings, "SELECT vintage_id FROM meta.vintages ORDER BY ALL")
    ees.fault = fault
    answer = _check()
    assert isinstance(answer, dg.SkipReason)
    assert answer.skip_message.count("\n") == 0
    assert "could not ask the publisher, so no run" in answer.skip_message
    assert says in answer.skip_message and ees.content_base in answer.skip_message
    assert _release_id(settings) == first, "no run, no publish"
    capsys.readouterr()
    assert run_all() == 0, "a run meanwhile falls back to the pinned file, as the registry allows"
    printed = capsys.readouterr().out
    assert "WARNING raw_workforce: fell back from EES: mirror (EES failed:" in printed
    route = _served(settings, "SELECT route FROM meta.release_sources WHERE source_id = 'workforce'")
    assert route[0][0].startswith("mirror (EES failed:") and says in route[0][0]
    assert _served(settings, "SELECT vintage_id FROM meta.vintages ORDER BY ALL") == vintages, \
        "the pinned file is the same 2025 vintage: no new one"


def _edited(shared: Path, edit) -> bytes:
    """The 2025 file with `edit` applied to its frame (every cell text), as CSV bytes."""
    frame = edit(pl.read_csv(shared / V2025, infer_schema=False))
    out = io.BytesIO()
    frame.write_csv(out)
    return out.getvalue()


def test_a_change_the_pipeline_can_take_publishes_and_one_it_cannot_fails_naming_it(world, capsys) -> None:
    ees, shared, settings = world
    _publish(ees, shared, 2025, V2025)
    assert run_all() == 0
    # An added measure: published by itself, the new column reported and not loaded.
    _publish(ees, shared, 2026, V2025, body=_edited(
        shared, lambda f: f.with_columns(pl.lit("1").alias("caseload_headcount"))))
    capsys.readouterr()
    assert run_all(job_name="refresh_everything") == 0
    printed = capsys.readouterr().out
    assert "the publisher added columns, not loaded: caseload_headcount" in printed
    assert _served(settings, "SELECT added_columns FROM meta.release_sources "
                             "WHERE source_id = 'workforce'") == [("caseload_headcount",)]
    after_added = settings.warehouse_path.read_bytes()
    # A symbol the publisher never used before: refused, naming the file, row and column.
    _publish(ees, shared, 2026, V2025, body=_edited(
        shared, lambda f: f.with_columns(
            pl.when(pl.int_range(pl.len()) == 3).then(pl.lit("q"))
            .otherwise(pl.col("cases")).alias("cases"))))
    capsys.readouterr()
    assert run_all(job_name="refresh_everything") == 1
    printed = capsys.readouterr().out
    assert "row 5, column 'cases': 'q' is not a number" in printed
    # A council code nobody knows: the check names it and nothing is published.
    _publish(ees, shared, 2026, V2025, body=_edited(
        shared, lambda f: f.with_columns(pl.col("new_la_code").replace("E06000047", "E06000099"))))
    capsys.readouterr()
    assert run_all(job_name="refresh_everything") == 1
    printed = capsys.readouterr().out
    assert "check FAIL dim_la.council_codes_known" in printed and "E06000099" in printed
    assert settings.warehouse_path.read_bytes() == after_added


def test_the_release_day_sensor_looks_only_on_the_announced_day(world) -> None:
    ees, shared, settings = world
    today = dt.datetime.now(schedules.UK).date()
    _publish(ees, shared, 2025, V2025, next_release=(today.year, today.month, today.day))
    assert run_all() == 0
    ees.publish_release(SLUG, "2026", "Reporting year 2026", {"csww_indicators_2017_to_2026.csv": b"x"})
    with dg.build_sensor_context(resources={"warehouse": WarehouseResource()}) as context:
        assert isinstance(schedules.release_day_sensor(context), dg.RunRequest), "today is the day"
    _publish(ees, shared, 2026, V2025, next_release=(today.year + 1, 3, 19))
    assert run_all() == 0
    ees.publish_release(SLUG, "2027", "Reporting year 2027", {"csww_indicators_2017_to_2027.csv": b"x"})
    with dg.build_sensor_context(resources={"warehouse": WarehouseResource()}) as context:
        answer = schedules.release_day_sensor(context)
    assert isinstance(answer, dg.SkipReason)
    assert answer.skip_message == f"not a release day (next announced: {today.year + 1}-03-19)"
