"""Check a council submission without loading it: every problem, with row, column, value and expectation.

`check(content, filename, known_codes)` is pure (no warehouse, no files) and
never raises on bad input; the loader and `caseload validate FILE` both use it,
so a file that passes on a council officer's laptop passes in the pipeline.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Collection
from pathlib import Path

import polars as pl

from warehouse.config import COUNCILS_PATH
from warehouse.submissions import bands_check, bands_spec, councils, spec
from warehouse.submissions.problems import UNKNOWN_COUNCIL, Checked, Problem
from warehouse.submissions.reading import Unreadable, read_table
from warehouse.submissions.rules import parsers as parsers_for
from warehouse.submissions.table_check import cell, check_header, one_value_per_file, read_records

# The typed rows of an acceptable file (batch_check.py builds the same frame set-based).
FRAME_SCHEMA = {
    "source_row": pl.Int64,
    "la_code": pl.String,
    "snapshot_date": pl.Date,
    "worker_ref": pl.String,
    "role": pl.String,
    "employment": pl.String,
    "newly_qualified": pl.Boolean,
    "fte": pl.Float64,
    "children_allocated": pl.Int64,
    "team": pl.String,
    "families_allocated": pl.Int64,
    "weighted_caseload": pl.Float64,
    "declared_max_children": pl.Int64,
    "declared_max_weighted": pl.Float64,
    "demo": pl.Boolean,
}


def _normalise(name: str) -> str:
    return "_".join(name.replace("\ufeff", "").strip().lower().replace("-", " ").split())


def _check_header(header: list[str]) -> tuple[dict[str, int], list[Problem]]:
    return check_header(header, _normalise, spec.BY_NAME, spec.REQUIRED, spec.TEMPLATE_COLUMNS,
                        "the template")


def check(
    content: bytes, filename: str, known_codes: Collection[str] | None = None, today: dt.date | None = None
) -> Checked:
    """Every problem in the file; typed rows when there are none. Never raises on bad content.

    The header decides the template: the band template's columns (an FOI answer, bands_spec.py) are
    checked by bands_check, anything else as worker rows (spec.py); `kind` says which.
    """
    try:
        table = read_table(content, filename)
    except Unreadable as exc:
        return Checked([Problem(None, None, Path(filename).name, f"a readable file: {exc}")], unreadable=True)
    if bands_spec.is_bands_header([_normalise(name) for name in table.header]):
        return bands_check.check_table(table, _normalise, known_codes, today or dt.date.today())
    out = Checked(encoding=table.encoding)
    index, out.problems = _check_header(table.header)
    if not table.rows:
        out.problems.append(
            Problem(None, None, "(no rows)", "one row per social worker in post on the snapshot date")
        )
        return out
    parsers = parsers_for(today or dt.date.today())
    records = read_records(table, index, parsers, spec.BY_NAME, out.problems)
    reported = {(p.row, p.column) for p in out.problems}
    out.problems.extend(_file_rules(records, known_codes, reported))
    if not out.problems:
        out.rows = _frame(records)
    return out


def cell_value(raw: str | None, name: str, parse: Callable) -> tuple[bool, object]:
    """(acceptable, typed value) of one cell, by the same rules as the row-by-row check."""
    problems: list[Problem] = []
    value = cell(raw, spec.BY_NAME[name], 0, parse, problems)
    return not problems, value


def _file_rules(
    records: list[dict], known_codes: Collection[str] | None, reported: set[tuple] = frozenset()
) -> list[Problem]:
    problems = one_value_per_file(records, (
        ("la_code", "one file per council"),
        ("snapshot_date", "one snapshot date per file"),
        ("demo", "the demo marker on every row or none"),
    ))
    problems.extend(_declared_rules(records, reported))
    seen: dict[str, int] = {}
    for r in records:
        ref = r.get("worker_ref")
        if ref is None:
            continue
        if ref in seen:
            problems.append(
                Problem(
                    r["source_row"],
                    "worker_ref",
                    ref,
                    f"a worker_ref used once; it is also on row {seen[ref]}",
                )
            )
        else:
            seen[ref] = r["source_row"]
    if known_codes is not None:
        for code in sorted({r["la_code"] for r in records if r.get("la_code")}):
            row = next(r["source_row"] for r in records if r.get("la_code") == code)
            if code not in known_codes:
                problems.append(
                    Problem(row, "la_code", code, UNKNOWN_COUNCIL)
                )
    return problems


def _declared_rules(records: list[dict], reported: set[tuple]) -> list[Problem]:
    """A declared maximum is on every row or none (so a share above it counts every case holder),
    and a declared weighted maximum sits beside a weighted caseload. A cell refused by its own rule
    has a problem already and is not counted again here."""
    problems = []
    for name in spec.V2_COLUMNS:
        given = [r for r in records if r.get(name) is not None]
        if not given:
            continue
        first = given[0]["source_row"]
        for r in records:
            if r[name] is None and (r["source_row"], name) not in reported:
                problems.append(Problem(r["source_row"], name, "", f"a value, as on row {first}: "
                                        "a declared maximum is given on every row or none"))
    for r in records:
        if r.get("declared_max_weighted") is not None and r.get("weighted_caseload") is None \
                and (r["source_row"], "weighted_caseload") not in reported:
            problems.append(Problem(r["source_row"], "weighted_caseload", "",
                                    "a value on a row with a declared_max_weighted"))
    return problems


def _frame(records: list[dict]) -> pl.DataFrame:
    schema = FRAME_SCHEMA
    rows = [{k: r.get(k) for k in schema} for r in records]
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    return frame.with_columns(pl.col("demo").fill_null(False))


def main(path: str | Path, councils_path: Path = COUNCILS_PATH) -> int:
    """`caseload validate FILE`: 0 when the file is acceptable, 1 when not, 2 when it cannot be opened.

    Council codes are checked against data/reference/councils.csv (committed), so a fresh install
    with no warehouse refuses an unknown code as the pipeline does.
    """
    file = Path(path)
    try:
        with file.open("rb") as handle:
            content = handle.read(spec.MAX_FILE_BYTES + 1)
    except OSError as exc:
        print(f"{file}: cannot open the file ({exc.strerror or exc})", file=sys.stderr)
        return 2
    try:
        codes: Collection[str] | None = councils.known_codes(councils_path)
    except (OSError, ValueError) as exc:  # a broken install: say so, check the code's form only
        codes = None
        print(f"note: council codes not checked against the list of current councils ({exc})")
    result = check(content, file.name, codes)
    for problem in result.problems:
        print(problem)
    if result.ok:
        assert result.rows is not None
        print(
            f"{file.name}: OK, {result.describe()}, {result.rows['la_code'][0]}, "
            f"snapshot {result.rows['snapshot_date'][0]} ({result.encoding})"
        )
        return 0
    print(f"{file.name}: {len(result.problems)} problem(s); nothing was loaded. Fix them and run this again.")
    return 1
