"""Hypothesis throws malformed files at the validator and the inbox: no crash, no half-load."""

from __future__ import annotations

import io
import zipfile

from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from pipeline.submissions.inbox import folders, process_file
from tests.support.submission_files import KNOWN, TODAY, checksums, csv_bytes, good_rows
from warehouse.db import connect
from warehouse.submissions import spec
from warehouse.submissions.validate import Checked, check

BASE = good_rows(8, team="assessment")
cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        ["", "=1+1", "-", "@x", "1e9", "NaN", "0", "1.0000001", "2025-02-29", "\ufeff", "\x00", " 12 ", "-0"]
    ),
)


@st.composite
def mutated_csv(draw) -> bytes:
    rows = [dict(r) for r in BASE]
    for _ in range(draw(st.integers(1, 4))):
        r = draw(st.integers(0, len(rows) - 1))
        rows[r][draw(st.sampled_from(spec.TEMPLATE_COLUMNS))] = draw(cells)
    columns = list(spec.TEMPLATE_COLUMNS)
    if draw(st.booleans()):
        columns = draw(st.permutations(columns))[: draw(st.integers(1, len(columns)))]
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]))
    text = csv_bytes(rows, tuple(columns)).decode()
    content = text.encode(encoding, errors="replace")
    cut = draw(st.one_of(st.none(), st.integers(0, len(content))))
    return content if cut is None else content[:cut]


def _assert_well_formed(result: Checked) -> None:
    assert isinstance(result, Checked)
    assert result.ok == (result.rows is not None)
    for problem in result.problems:
        assert isinstance(problem.expected, str) and problem.expected and str(problem)


@hsettings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["x.csv", "x.xlsx", "x.txt", "x"]))
def test_validator_never_crashes_on_any_bytes(content, name):
    _assert_well_formed(check(content, name, KNOWN, TODAY))


@hsettings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "[Content_Types].xml",
                "xl/workbook.xml",
                "xl/worksheets/sheet1.xml",
                "xl/_rels/workbook.xml.rels",
            ]
        ),
        st.binary(max_size=300),
    )
)
def test_validator_never_crashes_on_broken_workbooks(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    _assert_well_formed(check(buffer.getvalue(), "x.xlsx", KNOWN, TODAY))


@hsettings(max_examples=150, deadline=None)
@given(mutated_csv())
def test_validator_never_crashes_on_mutated_submissions(content):
    _assert_well_formed(check(content, "x.csv", KNOWN, TODAY))


@hsettings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutated_csv())
def test_an_invalid_file_changes_no_table(settings, content):
    inbox = folders(settings)["inbox"]
    with connect(settings.work_path) as con:
        before = checksums(con)
        path = inbox / "mutated.csv"
        path.write_bytes(content)
        valid = check(content, path.name, KNOWN, TODAY).ok
        outcome = process_file(path, settings, con, KNOWN, TODAY)
        if valid:
            assert outcome.status in ("loaded", "duplicate")
        else:
            assert outcome.status == "quarantined"
            assert checksums(con) == before
            assert outcome.moved_to.exists() and not path.exists()
