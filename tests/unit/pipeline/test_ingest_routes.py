"""Which route a source's bytes take, and what is recorded of it (pipeline/sources/ingest.py).

Real HTTP on 127.0.0.1: the EES stand-in for the publication, a plain server for the pinned URL,
and a real DuckDB file for what is recorded.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pipeline.sources.fetch import FetchError
from pipeline.sources.ingest import ingest_source
from pipeline.sources.registry import EesSpec, Source
from tests.support.ees_standin import running_standin
from tests.support.http_server import Route, serve
from warehouse.build.raw import ensure_schema
from warehouse.config import Settings
from warehouse.db import connect

SLUG = "tiny-publication"
HEADER = (b"time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
          b"region_name,old_la_code,new_la_code,la_name,cases\n")
V1 = HEADER + b"2024,Reporting year,National,E92000001,England,,,,,,100\n"
V2 = HEADER + b"2025,Reporting year,National,E92000001,England,,,,,,120\n"


def _source(pinned: str, fallback: str = "pinned") -> Source:
    return Source(
        id="tiny", title="t", publisher="p", vintage="pinned vintage", landing_page="l", url=pinned,
        file="ees/tiny_2017_to_2024.csv", format="ees_csv", licence="OGL", attribution="a",
        reference_date="r", columns=tuple(HEADER.decode().strip().split(",")),
        numeric=("time_period", "cases"), series="tiny", ees=EesSpec(SLUG, "tiny_*.csv", fallback),
    )


@pytest.fixture
def world(tmp_path: Path):
    with running_standin() as ees, serve({"/tiny.csv": Route(V1)}) as pinned:
        settings = dataclasses.replace(
            Settings.from_env({"CASELOAD_DATA_DIR": str(tmp_path)}),
            ees_content_api=ees.content_base, ees_public_api=ees.public_base, ees_timeout_s=1.0,
            http_retries=0, http_backoff_s=0.01)
        con = connect(settings.work_path)
        ensure_schema(con)
        try:
            yield ees, f"{pinned}/tiny.csv", settings, con
        finally:
            con.close()


def _fetches(con) -> list[tuple]:
    return con.execute("SELECT route, version_key IS NOT NULL, not_modified, vintage "
                       "FROM raw.source_files ORDER BY rowid").fetchall()


def test_the_newest_ees_file_is_fetched_once_per_version_and_kept_as_a_vintage(world) -> None:
    ees, pinned, settings, con = world
    ees.publish_release(SLUG, "2025", "Reporting year 2025", {"tiny_2017_to_2025.csv": V2},
                        next_release=(2026, 3, 19))
    first = ingest_source(_source(pinned), settings, con)
    again = ingest_source(_source(pinned), settings, con)
    assert (first.route, first.not_modified, again.not_modified) == ("EES content API", False, True)
    assert len(ees.requests_to("/api/data-set-files/")) == 1, "the same version is not downloaded twice"
    assert len(ees.requests_to(f"/api/publications/{SLUG}")) == 2, "the publication is asked once an ingest"
    assert _fetches(con)[0][:3] == ("EES content API", True, False)
    assert con.execute("SELECT vintage, latest_year, route FROM raw.vintages").fetchall() == [
        (first.vintage, 2025, "EES content API")]
    assert first.vintage.startswith("Reporting year 2025 release (published on EES 2026-")
    assert con.execute("SELECT next_update, next_date FROM raw.next_updates ORDER BY rowid LIMIT 1"
                       ).fetchall()[0][0] == "19 March 2026"


def test_with_no_fallback_a_failing_ees_fails_the_source_and_records_nothing(world) -> None:
    ees, pinned, settings, con = world
    ees.fault = "down"
    with pytest.raises(FetchError) as error:
        ingest_source(_source(pinned, fallback="none"), settings, con)
    assert "(the registry allows no fallback)" in str(error.value) and ees.content_base in str(error.value)
    assert _fetches(con) == [] and con.execute("SELECT count(*) FROM raw.vintages").fetchall() == [(0,)]


def test_with_the_pinned_fallback_the_route_says_why(world) -> None:
    ees, pinned, settings, con = world
    ees.fault = "html"
    got = ingest_source(_source(pinned), settings, con)
    assert got.url == pinned and got.route.startswith("pinned URL (EES failed: ")
    assert "HTML" in got.route and got.vintage == "pinned vintage"
    assert con.execute("SELECT latest_year FROM raw.vintages").fetchall() == [(2024,)]
