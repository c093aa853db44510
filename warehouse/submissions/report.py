"""The check of one uploaded file as a report: what the site's check door and its API answer.

The same check() as `caseload validate` and the inbox (either template: worker rows or an FOI
answer's band counts), against the same council list
(data/reference/councils.csv). The uploaded file's own name is never used or repeated: only its
extension decides CSV or XLSX, so a hostile name cannot reach a page, a log or a report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TypedDict

from warehouse.submissions import councils
from warehouse.submissions.validate import Problem, check

# What an upload is called in a report, by its extension (anything else is read by its content).
KNOWN_EXTENSIONS = (".csv", ".xlsx", ".xls", ".ods", ".numbers")
STORED = "Nothing from the file was stored."


class ProblemRow(TypedDict):
    row: int | None
    column: str | None
    found: str
    expected: str


class Report(TypedDict):
    acceptable: bool
    problems: list[ProblemRow]
    summary: str


def problem_rows(problems: list[Problem]) -> list[ProblemRow]:
    """The check API's problem shape (also the submit door's 422): row, column, found, expected."""
    return [{"row": p.row, "column": p.column, "found": p.value, "expected": p.expected} for p in problems]


def safe_name(filename: str | None) -> str:
    """'your file.csv' / 'your file.xlsx' / 'your file': the name check() sees, never the upload's."""
    name = (filename or "").lower()
    return "your file" + next((ext for ext in KNOWN_EXTENSIONS if name.endswith(ext)), "")


def check_upload(
    content: bytes,
    filename: str | None,
    known_codes: Collection[str] | None = None,
    today: dt.date | None = None,
) -> tuple[Report, bool]:
    """(the report, whether the file could be read at all). Never raises on bad content."""
    codes = councils.known_codes() if known_codes is None else known_codes
    result = check(content, safe_name(filename), codes, today)
    problems = problem_rows(result.problems)
    if result.ok:
        assert result.rows is not None
        rows = result.rows
        summary = (
            f"The file is acceptable: {result.describe()}, council {rows['la_code'][0]}, snapshot "
            f"{rows['snapshot_date'][0]:%d %B %Y}. {STORED}"
        )
    elif result.unreadable:
        why = result.problems[0].expected.removeprefix("a readable file: ")
        summary = f"The file cannot be read: {why}. {STORED}"
    else:
        summary = (
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found: fix "
            f"{'them' if len(problems) != 1 else 'it'} and check the file again. {STORED}"
        )
    return {"acceptable": result.ok, "problems": problems, "summary": summary}, not result.unreadable
