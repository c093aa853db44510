"""The set-based checker (batch_check.py) agrees with the row-by-row one (validate.check) on every file:
the same accept/refuse, the same typed rows for an accepted file, the same messages for a refused one."""

from __future__ import annotations

import polars as pl
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from tests.support.submission_files import KNOWN, TODAY, csv_bytes, good_rows, row
from tests.unit.pipeline.test_submission_properties import mutated_csv
from tests.unit.pipeline.test_submission_validate import BAD_CELLS, FORMULAS, UNREADABLE, bad_cell_file
from warehouse.submissions import spec
from warehouse.submissions.batch_check import check_batch, plain_body
from warehouse.submissions.validate import check


def assert_agree(files: list[tuple[str, bytes]], known=KNOWN) -> int:
    """Both paths over `files` as one batch; returns how many files the fast path accepted."""
    batch = check_batch(files, known, TODAY)
    for i, (name, content) in enumerate(files):
        slow = check(content, name, known, TODAY)
        assert (i not in batch.refused) == slow.ok, (name, content[:200], slow.problems)
        if slow.ok:
            fast = batch.rows.filter(pl.col("file") == i).drop("file")
            assert fast.equals(slow.rows), (fast, slow.rows)
        else:
            assert batch.refused[i] == slow.problems
    return batch.fast


def _fixtures() -> list[tuple[str, bytes]]:
    """The invalid files of test_validate.py, and good files that take the fast path beside them."""
    files = [("unreadable.csv", content) for content, _ in UNREADABLE]
    files += [(f"bad_{column}.csv", bad_cell_file(column, value)) for column, value, _ in BAD_CELLS]
    for value in FORMULAS:
        rows = good_rows(6)
        rows[1]["worker_ref"] = value
        files.append(("formula.csv", csv_bytes(rows)))
    mixed = good_rows(6)
    mixed[3]["worker_ref"] = mixed[0]["worker_ref"]
    mixed[4]["la_code"] = "E09000033"
    files += [("mixed.csv", csv_bytes(mixed)), ("header_only.csv", csv_bytes([]))]
    columns = (*(c for c in spec.TEMPLATE_COLUMNS if c != "fte"), "caseworker_name")
    files.append(("columns.csv", csv_bytes(good_rows(), columns)))
    files.append(("huge.csv", csv_bytes(good_rows(6)) + b"x" * spec.MAX_FILE_BYTES))
    demo = [dict(r, demo="yes") for r in good_rows(6)]
    demo[2]["demo"] = "no"
    files.append(("demo_mixed.csv", csv_bytes(demo, (*spec.TEMPLATE_COLUMNS, "demo"))))
    files += [
        ("good.csv", csv_bytes(good_rows(12, team="assessment"))),
        ("good_lf.csv", csv_bytes(good_rows(5)).replace(b"\r\n", b"\n")),
        ("no_final_newline.csv", csv_bytes(good_rows(5)).rstrip(b"\r\n")),
        ("spaces.csv", csv_bytes([row(i, fte=" 0.5 ", role="Case_Holder", team=" ") for i in range(1, 6)])),
        ("signed.csv", csv_bytes([row(i, fte="+0.5", newly_qualified="Y") for i in range(1, 6)])),
        ("uk_date.csv", csv_bytes(good_rows(5, snapshot_date="30/9/2025"))),
        ("few_columns.csv", csv_bytes(good_rows(5), spec.REQUIRED)),
        ("reordered.csv", csv_bytes(good_rows(5), tuple(reversed(spec.TEMPLATE_COLUMNS)))),
        ("joint_member.csv", csv_bytes(good_rows(5, la_code="E09000027"))),
        ("quoted.csv", csv_bytes(good_rows(5, team="child protection")).replace(b"assessment", b'"a"')),
        ("bom.csv", b"\xef\xbb\xbf" + csv_bytes(good_rows(5))),
        ("extra_empty_cell.csv", csv_bytes(good_rows(5)).replace(b"\r\n", b",\r\n")),
        ("blank_line.csv", csv_bytes(good_rows(5)) + b"\r\n" + csv_bytes(good_rows(3)).split(b"\r\n", 1)[1]),
        ("sub.xlsx", csv_bytes(good_rows(5))),
        ("v1.csv", csv_bytes(good_rows(5), tuple(c for c in spec.TEMPLATE_COLUMNS
                                                  if c not in spec.V2_COLUMNS))),
        *((name, csv_bytes(rows)) for name, rows in declared_files().items()),
    ]
    return files


def declared_files() -> dict[str, list[dict[str, str]]]:
    """Template v2's declared maximums: on every row (good), on some rows, and a weighted one without
    a weighted caseload."""
    every = good_rows(6, declared_max_children="15", weighted_caseload="12.5", declared_max_weighted="20")
    some = good_rows(6, declared_max_children="15")
    some[3]["declared_max_children"] = ""
    lonely = good_rows(6, declared_max_weighted="20", weighted_caseload="10")
    lonely[2]["weighted_caseload"] = ""
    return {"declared.csv": every, "declared_some.csv": some, "declared_weighted_alone.csv": lonely}


def test_fixtures_agree_one_by_one_and_as_one_batch():
    files = _fixtures()
    for file in files:
        assert_agree([file])
    fast = assert_agree(files)
    assert fast >= 10  # the good plain files did take the fast path
    assert assert_agree(files, known=None) >= 10


def test_plain_files_take_the_fast_path_and_others_do_not():
    assert plain_body("a.csv", csv_bytes(good_rows(3))) is not None
    assert plain_body("a.CSV", csv_bytes(good_rows(3)).replace(b"\r\n", b"\n")) is not None
    assert plain_body("a.xlsx", csv_bytes(good_rows(3))) is None
    assert plain_body("a.csv", b"\xef\xbb\xbf" + csv_bytes(good_rows(3))) is None
    assert plain_body("a.csv", csv_bytes(good_rows(3, team="a\tb"))) is None
    assert plain_body("a.csv", csv_bytes(good_rows(3)).replace(b"\r\n", b"\r")) is None


@hsettings(max_examples=200, deadline=None)
@given(st.lists(mutated_csv(), min_size=1, max_size=6))
def test_mutated_files_agree(contents):
    assert_agree([(f"f{i}.csv", c) for i, c in enumerate(contents)])


@hsettings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(spec.TEMPLATE_COLUMNS),
            st.sampled_from(
                [
                    " 1",
                    "1 ",
                    "01",
                    "1.0",
                    "+1",
                    "-0",
                    "0.0",
                    "1e0",
                    " ",
                    "Yes",
                    "TRUE",
                    "y ",
                    "Agency",
                    "case  holder",
                    "child_protection",
                    "2025-9-30",
                    "31/09/2025",
                    "29/02/2024",
                    "E0900003",
                    "e09000033",
                    "SW 1",
                    "SW.1",
                    "A" * 65,
                    "60",
                    "61",
                    "200.0",
                    "200.1",
                    "0.0001",
                ]
            ),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_edge_values_agree(edits):
    rows = good_rows(6)
    for n, (column, value) in enumerate(edits):
        rows[n % 6][column] = value
    assert_agree([("edge.csv", csv_bytes(rows))])


def test_accented_pseudonyms_in_a_windows_1252_file_pass_on_both_paths():
    """The guide says letters: Excel's Windows-1252 CSV with Wé0004 and Š12 is acceptable, read the
    same by the row-by-row checker and (handed to it, as non-ASCII) by the set-based one."""
    rows = good_rows(4)
    rows[0]["worker_ref"], rows[1]["worker_ref"], rows[2]["worker_ref"] = "Wé0004", "Š12", "Straße_7"
    content = csv_bytes(rows, encoding="cp1252")
    assert b"W\xe90004" in content and b"\x8a12" in content  # really 1252 bytes, not UTF-8
    result = check(content, "sub.csv", KNOWN, TODAY)
    assert result.ok, result.problems
    assert result.encoding == "windows-1252"
    assert result.rows["worker_ref"].to_list()[:3] == ["Wé0004", "Š12", "Straße_7"]
    assert plain_body("sub.csv", content) is None  # not ASCII: the row-by-row way
    assert_agree([("sub.csv", content), ("good.csv", csv_bytes(good_rows(5)))])


def _cp1252_chars() -> list[str]:
    out = []
    for byte in range(0x80, 0x100):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:  # five bytes are undefined in Windows-1252
            continue
    return out


def test_every_windows_1252_letter_is_a_letter_and_nothing_else_is():
    letters = [c for c in _cp1252_chars() if c.isalpha()]
    others = [c for c in _cp1252_chars() if not c.isalpha()]
    assert {"é", "Š", "ß", "ñ", "Ø", "ÿ", "Ž", "œ"} <= set(letters)
    assert {"€", "…", "«", "§", "\xa0", "\xad", "–", "’", "·", "²"} <= set(others)
    files = []
    for char in letters:
        rows = good_rows(3)
        rows[0]["worker_ref"] = f"{char}01"  # first, and inside
        rows[1]["worker_ref"] = f"W{char}02"
        files.append((f"letter_{ord(char)}.csv", csv_bytes(rows, encoding="cp1252")))
    for file in files:
        assert check(file[1], file[0], KNOWN, TODAY).ok, file
    for char in [*others, " ", "\t", ",", ";", "/", "'", "\x7f", "\x01"]:
        rows = good_rows(3)
        rows[1]["worker_ref"] = f"W{char}02"
        content = csv_bytes(rows, encoding="cp1252")
        found = check(content, "sub.csv", KNOWN, TODAY).problems
        assert found, f"worker_ref W{char!r}02 was accepted"
        if char not in (",", "\t", ";"):  # these split the cell or the line
            assert [(p.row, p.column) for p in found] == [(3, "worker_ref")], (char, found)
        files.append(("other.csv", content))
    assert_agree(files)
