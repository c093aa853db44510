"""The check door's plain functions: the report of an upload (its name never used) and the page
drawn from it (every value from the file escaped)."""

from __future__ import annotations

import pytest

from dashboard.views.submit_check import result_page
from tests.support.submission_files import TODAY, csv_bytes, good_rows
from warehouse.submissions import councils
from warehouse.submissions.report import check_upload, safe_name


@pytest.mark.parametrize("name, seen", [
    ("../../etc/passwd.csv", "your file.csv"), ("<b>x</b>.XLSX", "your file.xlsx"), (None, "your file"),
    ("a\x00b", "your file"), ("old.xls", "your file.xls"),
])
def test_the_upload_is_known_by_its_extension_only(name, seen):
    assert safe_name(name) == seen


def test_the_report_never_carries_the_uploads_name_and_the_page_escapes_the_file():
    rows = good_rows(3)
    rows[1]["fte"] = "<script>alert(1)</script>"
    report, readable = check_upload(csv_bytes(rows), "<img src=x>.csv", today=TODAY)
    assert readable and report["acceptable"] is False
    assert report["problems"] == [{"row": 3, "column": "fte", "found": "<script>alert(1)</script>",
                                   "expected": "a number above 0 and at most 1 (full-time equivalent)"}]
    page = result_page(report)
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img" not in page and "Your file has problems" in page
    empty, readable = check_upload(b"", "<img src=x>.csv", today=TODAY)
    assert not readable and empty["problems"][0]["found"] == "your file.csv"
    assert "Your file cannot be read" in result_page(empty, readable=False)
    assert "<b>" not in result_page(None, "no <b>file</b>")


def test_the_council_list_refuses_a_file_of_other_columns():
    assert councils.parse("# note\nla_code,la_name,member_codes\nE1,One,E1 E2\n") == [
        councils.Council("E1", "One", ("E1", "E2"))]
    with pytest.raises(ValueError, match="expected the columns"):
        councils.parse("code,name\nE1,One\n")
