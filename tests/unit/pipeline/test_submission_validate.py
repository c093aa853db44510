"""Every kind of bad file is refused with a problem a council officer can act on; good files pass."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from caseload.cli import validate as main
from tests.support.submission_files import KNOWN, TODAY, csv_bytes, good_rows, row
from warehouse.submissions import spec
from warehouse.submissions.validate import check


def problems(content: bytes, name: str = "sub.csv", known=KNOWN):
    return check(content, name, known, TODAY).problems


def test_a_good_file_passes_with_typed_rows():
    result = check(csv_bytes(good_rows(12, team="assessment")), "sub.csv", KNOWN, TODAY)
    assert result.ok, result.problems
    assert result.rows.height == 12
    assert result.rows["fte"].dtype.is_float() and result.rows["children_allocated"].sum() > 0


def test_bom_and_windows_1252_are_accepted():
    assert not problems(b"\xef\xbb\xbf" + csv_bytes(good_rows()))
    # Excel's Windows-1252 CSV: a non-breaking space (0xA0) after a value is not UTF-8.
    content = csv_bytes(good_rows(6, employment="permanent\xa0"), encoding="cp1252")
    result = check(content, "sub.csv", KNOWN, TODAY)
    assert result.ok and result.encoding == "windows-1252"


UNREADABLE = [
    (b"", "empty"),
    (b"   \r\n", "empty"),
    (b"la_code;snapshot_date\r\nE06000001;2025-09-30\r\n", "separated by ';'"),
    ("la_code,worker_ref\r\n".encode("utf-16"), "UTF-16"),
    (b"la_code,fte\r\nE06000001,\x81\x8d\r\n", "neither UTF-8 nor Windows-1252"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Excel .xls"),
    (b"la_code,fte\r\nE06000001,\x00\x01\r\n", "NUL"),
]


@pytest.mark.parametrize("content, hint", UNREADABLE)
def test_unreadable_files(content, hint):
    found = problems(content)
    assert len(found) == 1 and found[0].row is None and hint in found[0].expected


def test_header_only_file_has_no_rows():
    found = problems(csv_bytes([]))
    assert [p.value for p in found] == ["(no rows)"]


def test_wrong_and_missing_columns():
    columns = tuple(c for c in spec.TEMPLATE_COLUMNS if c != "fte") + ("caseworker_name",)
    found = problems(csv_bytes(good_rows(), columns))
    assert {(p.row, p.column) for p in found} == {(1, "caseworker_name"), (1, "fte")}
    assert any("a column named fte" in p.expected for p in found)


BAD_CELLS = [
    ("fte", "full time", "a number above 0"),
    ("fte", "0", "a number above 0"),
    ("fte", "1.2", "at most 1"),
    ("fte", "-0.5", "a number above 0"),
    ("children_allocated", "twelve", "whole number"),
    ("children_allocated", "-1", "whole number"),
    ("children_allocated", "12.5", "whole number"),
    ("children_allocated", str(spec.MAX_CHILDREN + 1), f"0 to {spec.MAX_CHILDREN}"),
    ("families_allocated", "3 families", "whole number"),
    ("weighted_caseload", "n/a", "number from 0"),
    ("la_code", "E0600001", "GSS code"),
    ("la_code", "E06000999", "current English council"),
    ("snapshot_date", "2026-01-01", "never in the future"),
    ("snapshot_date", "30 Sept 2025", "YYYY-MM-DD"),
    ("snapshot_date", "2025-02-30", "YYYY-MM-DD"),
    ("role", "manager", "one of: case holder"),
    ("employment", "locum", "permanent, agency"),
    ("newly_qualified", "maybe", "yes or no"),
    ("team", "fostering", "assessment"),
    ("worker_ref", "Jane Smith", "never a name"),
    ("worker_ref", "", "a value"),
]


def bad_cell_file(column: str, value: str) -> bytes:
    rows = good_rows(8)
    # A file-wide value (la_code, snapshot_date) is changed on every row, so only the cell rule fires.
    for i in range(8) if column in ("la_code", "snapshot_date") else [2]:
        rows[i][column] = value
    return csv_bytes(rows)


@pytest.mark.parametrize("column, value, expect", BAD_CELLS)
def test_bad_cells_name_row_column_value_and_expectation(column, value, expect):
    targets = range(8) if column in ("la_code", "snapshot_date") else [2]
    found = problems(bad_cell_file(column, value))
    assert found, f"{column}={value!r} was accepted"
    first = found[0]
    assert (first.row, first.column, first.value) == (2 if len(targets) > 1 else 4, column, value)
    assert expect in first.expected


FORMULAS = ['=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)"]


@pytest.mark.parametrize("value", FORMULAS)
def test_formula_cells_are_refused_but_signed_numbers_are_not(value):
    rows = good_rows(6)
    rows[1]["worker_ref"] = value
    found = problems(csv_bytes(rows))
    assert [(p.row, p.column) for p in found] == [(3, "worker_ref")]
    assert "formulas" in found[0].expected
    rows = good_rows(6)
    rows[1]["fte"] = "+0.5"
    assert not problems(csv_bytes(rows))


def test_duplicate_worker_ref_and_mixed_councils_and_dates():
    rows = good_rows(6)
    rows[3]["worker_ref"] = rows[0]["worker_ref"]
    rows[4]["la_code"] = "E09000033"
    rows[5]["snapshot_date"] = "2025-03-31"
    found = {(p.row, p.column): p.expected for p in problems(csv_bytes(rows))}
    assert "also on row 2" in found[(5, "worker_ref")]
    assert "one file per council" in found[(6, "la_code")]
    assert "one snapshot date per file" in found[(7, "snapshot_date")]


def test_known_codes_include_members_of_joint_returns_and_are_optional():
    content = csv_bytes(good_rows(6, la_code="E09000027"))
    assert not problems(content)
    assert not problems(csv_bytes(good_rows(6, la_code="E06000999")), known=None)


def test_oversized_files_are_refused_before_parsing():
    content = csv_bytes(good_rows(6)) + b"x" * spec.MAX_FILE_BYTES
    found = problems(content)
    assert len(found) == 1 and "limit" in found[0].expected


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_zip_bombs_are_refused_before_opening():
    ratio_bomb = _zip({"xl/worksheets/sheet1.xml": b"0" * 5_000_000})
    found = problems(ratio_bomb, "sub.xlsx")
    assert len(ratio_bomb) < 100_000 and "zip bomb" in found[0].expected
    big = _zip(
        {f"xl/part{i}.xml": bytes(range(256)) * 40_000 for i in range(6)}
    )  # 61 MB, barely compressible
    assert "unpacks to" in problems(big, "sub.xlsx")[0].expected


def test_damaged_or_disguised_spreadsheets():
    assert "damaged" in problems(b"PK\x03\x04 not really a zip", "sub.xlsx")[0].expected
    assert "name it .xlsx" in problems(_zip({"a.txt": b"hello"}), "sub.csv")[0].expected


def _xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = spec.DATA_SHEET
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_with_real_dates_and_numbers_passes():
    import datetime as dt

    header = list(spec.TEMPLATE_COLUMNS)
    body = [
        [
            r["la_code"],
            dt.datetime(2025, 9, 30),
            r["worker_ref"],
            "case holder",
            "agency",
            "no",
            0.8,
            int(r["children_allocated"]),
            "assessment",
            5,
            14.5,
        ]
        for r in good_rows(6)
    ]
    result = check(_xlsx([header, *body]), "sub.xlsx", KNOWN, TODAY)
    assert result.ok, result.problems
    bad = [header, [*body[0][:6], 1.5, *body[0][7:]]]
    assert [(p.row, p.column) for p in check(_xlsx(bad), "sub.xlsx", KNOWN, TODAY).problems] == [(2, "fte")]


def test_cli_exit_codes_and_messages(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CASELOAD_WAREHOUSE", str(tmp_path / "none.duckdb"))
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes(good_rows(6, snapshot_date="2024-09-30")))
    assert main(good) == 0
    assert "OK, 6 workers" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([row(1, snapshot_date="2024-09-30", fte="2")]))
    assert main(bad) == 1
    out = capsys.readouterr().out
    assert "row 2, column fte: found '2'; expected a number above 0 and at most 1" in out
    assert "not checked" not in out  # data/reference/councils.csv: no warehouse needed
    assert main(tmp_path / "missing.csv") == 2


def test_a_fresh_install_refuses_an_unknown_council(tmp_path, capsys, monkeypatch):
    """No warehouse at all: the committed council list still names E99999999 as unknown, and takes a
    joint return's member codes (E06000061 and E06000062 send as North and West Northamptonshire)."""
    monkeypatch.setenv("CASELOAD_WAREHOUSE", str(tmp_path / "none.duckdb"))
    monkeypatch.setenv("CASELOAD_DATA_DIR", str(tmp_path / "data"))
    unknown = tmp_path / "unknown.csv"
    unknown.write_bytes(csv_bytes(good_rows(4, la_code="E99999999", snapshot_date="2024-09-30")))
    assert main(unknown) == 1
    out = capsys.readouterr().out
    assert "row 2, column la_code: found 'E99999999'; expected the GSS code of a current English" in out
    for member in ("E06000061", "E06000062", "E09000021"):
        member_file = tmp_path / f"{member}.csv"
        member_file.write_bytes(csv_bytes(good_rows(4, la_code=member, snapshot_date="2024-09-30")))
        assert main(member_file) == 0, capsys.readouterr().out
    assert "OK, 4 workers, E09000021" in capsys.readouterr().out
    assert not (tmp_path / "data").exists() and not (tmp_path / "none.duckdb").exists()


def test_declared_maximums_on_every_row_or_none_and_weighted_beside_a_weighted_caseload():
    from tests.unit.pipeline.test_submission_batch_check import declared_files

    files = declared_files()
    good = check(csv_bytes(files["declared.csv"]), "d.csv", KNOWN, TODAY)
    assert good.ok and good.rows["declared_max_children"].to_list() == [15] * 6
    some = check(csv_bytes(files["declared_some.csv"]), "d.csv", KNOWN, TODAY)
    assert [(p.row, p.column) for p in some.problems] == [(5, "declared_max_children")]
    assert "on every row or none" in some.problems[0].expected and "as on row 2" in some.problems[0].expected
    alone = check(csv_bytes(files["declared_weighted_alone.csv"]), "d.csv", KNOWN, TODAY)
    assert [(p.row, p.column) for p in alone.problems] == [(4, "weighted_caseload")]
    zero = check(csv_bytes(good_rows(5, declared_max_children="0")), "d.csv", KNOWN, TODAY)
    assert [(p.row, p.column) for p in zero.problems] == [(r, "declared_max_children") for r in range(2, 7)]


def test_a_version_1_file_is_still_valid():
    v1 = tuple(c for c in spec.TEMPLATE_COLUMNS if c not in spec.V2_COLUMNS)
    result = check(csv_bytes(good_rows(5), v1), "v1.csv", KNOWN, TODAY)
    assert result.ok and result.rows["declared_max_children"].is_null().all()
