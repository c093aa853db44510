"""An FOI answer's band file: every rule refuses what it should, in the worker check's problem shape,
and a good file passes through the same entry point (validate.check) as a worker file."""

from __future__ import annotations

import datetime as dt

import pytest

from caseload.cli import validate as main
from tests.support.band_files import BANDS, band_csv, band_rows, band_xlsx
from tests.support.submission_files import KNOWN, TODAY, csv_bytes, good_rows
from warehouse.submissions import bands_spec
from warehouse.submissions.problems import BANDS as BANDS_KIND
from warehouse.submissions.problems import WORKERS
from warehouse.submissions.report import check_upload
from warehouse.submissions.validate import check


def problems(content: bytes, name: str = "foi.csv", known=KNOWN, today: dt.date = TODAY):
    return check(content, name, known, today).problems


def where(found) -> list[tuple]:
    return [(p.row, p.column) for p in found]


def test_a_good_band_file_passes_with_typed_rows():
    result = check(band_csv(band_rows()), "foi.csv", KNOWN, TODAY)
    assert result.ok, result.problems
    assert result.kind == BANDS_KIND
    assert result.rows["children_from"].to_list() == [0, 11, 16, 21, 26]
    assert result.rows["children_to"].to_list() == [10, 15, 20, 25, None]
    assert result.workers == 75 and result.rows["source"].unique().to_list() == ["FOI 2025/1234"]


def test_the_header_tells_the_templates_apart():
    assert check(csv_bytes(good_rows()), "w.csv", KNOWN, TODAY).kind == WORKERS
    assert check(band_csv(band_rows()), "b.csv", KNOWN, TODAY).kind == BANDS_KIND


def test_a_published_answer_url_is_a_source_but_http_is_not():
    assert not problems(band_csv(band_rows(source="https://www.example.gov.uk/foi/answers/2025-1234")))
    for bad in ("http://www.example.gov.uk/foi/1234", "javascript:alert(1)//1", "https://", "see letter",
                "FOI <b>2025</b>", "https://exa mple.gov.uk/1"):
        found = problems(band_csv(band_rows(source=bad)))
        assert {p.column for p in found} == {"source"}, bad
        assert len(found) == len(BANDS)


def test_windows_1252_is_accepted():
    # Excel's Windows-1252 CSV: a non-breaking space (0xA0) after the reference is not UTF-8.
    content = band_csv(band_rows(source="FOI 2025/1234\xa0"), encoding="cp1252")
    result = check(content, "foi.csv", KNOWN, TODAY)
    assert result.ok and result.encoding == "windows-1252"
    assert result.rows["source"][0] == "FOI 2025/1234"


def test_xlsx_is_accepted_and_checked_the_same_way():
    result = check(band_xlsx(band_rows()), "foi.xlsx", KNOWN, TODAY)
    assert result.ok, result.problems
    assert result.kind == BANDS_KIND and result.rows["case_holders"].to_list() == [12, 30, 22, 8, 3]
    bad = band_rows(((0, 10, 12), (12, 15, 30)))
    assert where(check(band_xlsx(bad), "foi.xlsx", KNOWN, TODAY).problems) == [(3, "children_from")]


def test_the_first_band_starts_at_0():
    found = problems(band_csv(band_rows(((1, 10, 12), (11, None, 3)))))
    assert where(found) == [(2, "children_from")] and found[0].expected.startswith("0")


@pytest.mark.parametrize(
    "bands, kind",
    [(((0, 10, 5), (12, None, 5)), "gap"), (((0, 10, 5), (10, None, 5)), "overlap"),
     (((0, 10, 5), (5, 20, 5)), "overlap")],
)
def test_bands_are_contiguous_without_gap_or_overlap(bands, kind):
    found = problems(band_csv(band_rows(bands)))
    assert where(found) == [(3, "children_from")]
    assert found[0].value == str(bands[1][0])
    assert found[0].expected.startswith("11") and kind in found[0].expected


def test_children_to_is_at_least_children_from():
    found = problems(band_csv(band_rows(((0, 10, 5), (11, 9, 5)))))
    assert (3, "children_to") in where(found)


def test_at_most_one_open_band_and_it_is_the_last():
    found = problems(band_csv(band_rows(((0, None, 5), (11, 20, 5)))))
    assert where(found) == [(3, "children_to")] and "row 2" in found[0].expected
    two_open = problems(band_csv(band_rows(((0, 10, 5), (11, None, 5), (12, None, 5)))))
    assert where(two_open) == [(4, "children_to")]


def test_a_closed_top_band_is_allowed():
    assert not problems(band_csv(band_rows(((0, 12, 40), (13, 60, 7)))))


@pytest.mark.parametrize(
    "column, value",
    [("children_from", "-1"), ("children_from", "1.5"), ("children_from", "ten"), ("children_to", "2.5"),
     ("children_to", str(bands_spec.MAX_BOUND + 1)), ("case_holders", "-3"), ("case_holders", "4.2"),
     ("case_holders", ""), ("case_holders", str(bands_spec.MAX_CASE_HOLDERS + 1)), ("source", ""),
     ("la_code", "W06000001x"), ("snapshot_date", "30/02/2025")],
)
def test_cells_must_fit_their_column(column, value):
    rows = band_rows()
    rows[1][column] = value
    found = problems(band_csv(rows))
    assert (3, column) in where(found), found
    assert all(p.row == 3 for p in found if p.column == column)


def test_snapshot_date_not_in_the_future_nor_before_2017():
    future = problems(band_csv(band_rows(snapshot="2025-11-02")))
    assert where(future) == [(r, "snapshot_date") for r in range(2, 7)]
    assert {p.column for p in problems(band_csv(band_rows(snapshot="2016-12-31")))} == {"snapshot_date"}
    assert not problems(band_csv(band_rows(snapshot="2017-01-01")))


def test_one_council_one_date_one_source_per_file():
    rows = band_rows()
    rows[2]["la_code"], rows[3]["snapshot_date"], rows[4]["source"] = "E06000001", "2025-03-31", "FOI 2025/9"
    found = problems(band_csv(rows))
    assert where(found) == [(4, "la_code"), (5, "snapshot_date"), (6, "source")]
    assert "as on row 2" in found[0].expected


def test_an_unknown_council_is_refused():
    found = problems(band_csv(band_rows(la_code="E99999999")))
    assert where(found) == [(2, "la_code")] and "current English council" in found[0].expected


def test_at_least_one_band_and_every_column():
    assert [p.value for p in problems(band_csv([]))] == ["(no rows)"]
    columns = tuple(c for c in bands_spec.TEMPLATE_COLUMNS if c != "source") + ("notes",)
    found = problems(band_csv(band_rows(), columns))
    assert {(p.row, p.column, p.value) for p in found} == {(1, "notes", "notes"), (1, "source", "(missing)")}


def test_formula_like_cells_are_refused():
    found = problems(band_csv(band_rows(source="=HYPERLINK(\"https://x.example\")")))
    assert {p.column for p in found} == {"source"} and "formula" in found[0].expected


def test_validate_cli_and_the_check_door_take_band_files(tmp_path, capsys):
    good, bad = tmp_path / "foi.csv", tmp_path / "bad.csv"
    good.write_bytes(band_csv(band_rows()))
    bad.write_bytes(band_csv(band_rows(((0, 10, 5), (12, None, 5)))))
    assert main(str(good)) == 0 and "5 caseload bands, 75 case holders" in capsys.readouterr().out
    assert main(str(bad)) == 1 and "row 3, column children_from" in capsys.readouterr().out
    report, readable = check_upload(band_csv(band_rows()), "mine.csv", KNOWN, TODAY)
    assert readable and report["acceptable"] and "FOI answer" in report["summary"]


def test_the_committed_band_template_matches_its_spec():
    from pipeline.submissions import template
    from warehouse.config import TEMPLATES_DIR

    committed = (TEMPLATES_DIR / f"{bands_spec.TEMPLATE_STEM}.csv").read_bytes().decode("utf-8")
    assert committed == template.bands_csv_text()
    assert committed.strip().split(",") == list(bands_spec.TEMPLATE_COLUMNS)
    assert check(committed.encode(), "t.csv", KNOWN, TODAY).kind == BANDS_KIND


def test_the_guide_explains_the_band_template_and_its_example_passes():
    from warehouse.config import TEMPLATES_DIR

    guide = (TEMPLATES_DIR / "GUIDE.md").read_text("utf-8")
    for name in bands_spec.TEMPLATE_COLUMNS:
        assert f"| `{name}` |" in guide
    assert f"{bands_spec.TEMPLATE_STEM}.csv" in guide
    example = guide.split("```csv\n")[2].split("```", 1)[0]
    result = check(example.encode(), "example.csv", KNOWN, TODAY)
    assert result.ok and result.kind == BANDS_KIND, result.problems
