"""The next release, in words: the publisher's date and where it came from, or why there is none."""

from __future__ import annotations

import datetime as dt

import polars as pl

from dashboard.views import council_facts, next_update

EES = "EES content API: /api/publications/children-s-social-work-workforce (nextReleaseDate)"


def _sources(**workforce) -> pl.DataFrame:
    row = {"source_id": "workforce", "vintage": "Reporting year 2025 release (page last updated 19 March)",
           "next_update": None, "next_update_date": None, "next_update_basis": None} | workforce
    other = {"source_id": "population", "vintage": "Mid-2024", "next_update": None,
             "next_update_date": None, "next_update_basis": "Not announced anywhere we read."}
    return pl.DataFrame([row, other], schema={k: pl.String for k in row} | {"next_update_date": pl.Date})


def test_a_day_the_publisher_named_is_written_out() -> None:
    sources = _sources(next_update="19 March 2027", next_update_date=dt.date(2027, 3, 19),
                       next_update_basis=EES)
    assert next_update.sentence(sources) == (
        "Next update of the workforce statistics expected 19 March 2027, as announced by the "
        "Department for Education on Explore Education Statistics.")
    assert next_update.cell(sources.row(0, named=True)) == f"19 March 2027 ({EES})"


def test_a_month_only_keeps_the_publishers_words() -> None:
    sources = _sources(next_update="March 2027", next_update_basis=EES)
    assert "expected March 2027," in next_update.sentence(sources)


def test_no_date_says_why() -> None:
    folder = "Not checked: built from a local folder (CASELOAD_SOURCE_DIR)."
    sources = _sources(next_update_basis=folder)
    assert next_update.sentence(sources) == f"Next update of the workforce statistics: not known. {folder}"
    assert next_update.cell(sources.row(1, named=True)) == "Not announced anywhere we read."


def test_a_release_kept_from_before_says_nothing() -> None:
    old = pl.DataFrame({"source_id": ["workforce"], "vintage": ["Reporting year 2025 release"]})
    assert next_update.sentence(old) is None


def test_release_names_come_from_the_vintages_else_the_two_sources() -> None:
    vintages = pl.DataFrame({"vintage_rank": [2, 1], "vintage": ["Reporting year 2025 release (x)",
                                                                 "Reporting year 2026 release (y)"]})
    assert council_facts.release_names(vintages, _sources()) == (
        "reporting year 2026 release", "reporting year 2025 release")
    old = pl.DataFrame({"source_id": ["workforce", "workforce_previous"],
                        "vintage": ["Reporting year 2025 release (a)", "Reporting year 2024 release (b)"]})
    empty = pl.DataFrame(schema={"vintage_rank": pl.Int64, "vintage": pl.String})
    assert council_facts.release_names(empty, old) == (
        "reporting year 2025 release", "reporting year 2024 release")
