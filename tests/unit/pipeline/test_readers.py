"""Readers refuse a bad file whole, naming the file, row and column."""

from __future__ import annotations

import pytest

from pipeline.sources.readers import SourceFormatError, read_source, read_source_reporting
from pipeline.sources.registry import Source


def _source(**overrides) -> Source:
    fields = dict(
        id="tiny", title="t", publisher="p", vintage="v", landing_page="l", url="u",
        file="ees/tiny.csv", format="ees_csv", licence="OGL", attribution="a", reference_date="r",
        columns=("la_name", "cases", "caseload_fte"), numeric=("cases", "caseload_fte"),
    )
    return Source(**{**fields, **overrides})


def test_symbols_stay_text_and_rows_are_numbered() -> None:
    content = "\ufeffla_name,cases,caseload_fte\nA,10,2.5\nB,x,x\nC,u,low\n".encode()
    frame = read_source(_source(), content)
    assert frame["_row"].to_list() == [2, 3, 4]
    assert frame["cases"].to_list() == ["10", "x", "u"]
    assert frame["caseload_fte"].to_list() == ["2.5", "x", "low"]


def test_quoted_commas_are_one_cell() -> None:
    content = b'la_name,cases,caseload_fte\n"Herefordshire, County of",1039,14\n'
    frame = read_source(_source(), content)
    assert frame["la_name"].to_list() == ["Herefordshire, County of"]


def test_a_cell_that_is_neither_number_nor_symbol_names_file_row_column() -> None:
    content = b"la_name,cases,caseload_fte\nA,10,2.5\nB,12,abc\nC,n/a,1\n"
    with pytest.raises(SourceFormatError) as error:
        read_source(_source(), content)
    message = str(error.value)
    assert "ees/tiny.csv" in message
    assert "row 3, column 'caseload_fte': 'abc'" in message
    assert "row 4, column 'cases': 'n/a'" in message


def test_changed_columns_are_named() -> None:
    content = b"la_name,cases,caseload_per_fte\nA,10,2.5\n"
    with pytest.raises(SourceFormatError) as error:
        read_source(_source(), content)
    assert "missing columns ['caseload_fte']" in str(error.value)
    assert "new columns ['caseload_per_fte']" in str(error.value)


def test_an_added_column_is_reported_and_not_loaded() -> None:
    content = b"la_name,cases,caseload_fte,cases_per_worker_headcount\nA,10,2.5,3.1\n"
    frame, added = read_source_reporting(_source(), content)
    assert added == ["cases_per_worker_headcount"]
    assert frame.columns == ["_row", "la_name", "cases", "caseload_fte"]
    assert frame.row(0) == (2, "A", "10", "2.5")


def test_empty_and_non_utf8_files_are_refused() -> None:
    with pytest.raises(SourceFormatError, match="empty"):
        read_source(_source(), b"")
    with pytest.raises(SourceFormatError, match="not UTF-8"):
        read_source(_source(), "la_name,cases,caseload_fte\nSt Helens\xa3,1,1\n".encode("latin-1"))


def test_a_row_longer_than_the_header_is_refused() -> None:
    with pytest.raises(SourceFormatError, match="row 2: 4 cells but 3 columns"):
        read_source(_source(), b"la_name,cases,caseload_fte\nA,1,2,3\n")


def test_repeated_header_names_are_numbered() -> None:
    source = _source(format="csv", columns=("LA", "SN1", "SNP_1", "SN2", "SNP_2"), numeric=())
    frame = read_source(source, b"LA,SN1,SNP,SN2,SNP,\n201,207,Close,213,Not Close,\n")
    assert frame.columns == ["_row", "LA", "SN1", "SNP_1", "SN2", "SNP_2"]
    assert frame.row(0) == (2, "201", "207", "Close", "213", "Not Close")


def test_hexjson_rows() -> None:
    source = _source(format="hexjson", file="maps/x.hexjson", columns=("id", "name", "q", "r"),
                     numeric=("q", "r"))
    frame = read_source(source, b'{"layout":"odd-r","hexes":{"E1":{"n":"One","q":1,"r":-2}}}')
    assert frame.row(0) == (1, "E1", "One", "1", "-2")
    with pytest.raises(SourceFormatError, match="not a HexJSON"):
        read_source(source, b'{"layout":"odd-r"}')
