"""Download formats: formula-like text is neutralised, numbers are not; the chart callback payload."""

from __future__ import annotations

import io

import polars as pl

from dashboard.components.chart import download_payload
from dashboard.downloads.formats import neutralise, records_to_csv, to_csv, to_download_csv


def test_neutralise_formulas_not_numbers():
    for bad in ("=SUM(A1)", "+1+1", "-cmd", "@x", "\tx", "\rx"):
        assert neutralise(bad) == "'" + bad
    assert neutralise("-3.5") == "-3.5"
    assert neutralise(-3.5) == -3.5
    assert neutralise("Leeds") == "Leeds"


def test_csv_keeps_numbers_and_lists():
    df = pl.DataFrame({"name": ["=evil()", "Leeds"], "diff": [-1.5, 2.0], "codes": [["a", "b"], ["c"]]})
    text = to_csv(df)
    assert "'=evil()" in text and "-1.5" in text and "a; b" in text


def test_download_payload_is_exactly_the_stored_rows():
    stored = {
        "filename": "x",
        "columns": ["la_name", "caseload_fte"],
        "rows": [{"la_name": "Leeds", "caseload_fte": 14.8, "extra": 1}],
    }
    payload = download_payload(1, stored)
    assert payload["filename"] == "x.csv"
    assert payload["content"].splitlines() == ["la_name,caseload_fte", "Leeds,14.8"]
    assert download_payload(None, stored) is None
    assert records_to_csv([], ["a", "b"]) == "a,b\n"


def test_csv_cells_are_safe_and_numbers_unchanged():
    df = pl.DataFrame({"t": ["=1+1", "+A1", "-2", "@SUM(A1)", "\tx", "\ry", "-3.5", "ok"],
                       "n": [-1.5, 2.0, -3.0, 0.0, 1e6, None, 7.25, -0.1]})
    got = pl.read_csv(io.BytesIO(to_download_csv(df)))
    assert got["t"].to_list() == ["'=1+1", "'+A1", "-2", "'@SUM(A1)", "'\tx", "'\ry", "-3.5", "ok"]
    assert got["n"].to_list() == df["n"].to_list()
