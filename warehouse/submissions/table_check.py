"""What checking a submission file means whichever template it follows (spec.py, bands_spec.py).

The header against the template's columns, each cell by its column's rule, each row's cells
against the header, and the values a whole file must share: written once, so a worker file and
an FOI answer's band file are refused in the same words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from warehouse.submissions.problems import Problem
from warehouse.submissions.reading import Table
from warehouse.submissions.rules import NUMBER, Bad
from warehouse.submissions.spec import Column

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet could run a cell starting so


def check_header(
    header: list[str], normalise: Callable[[str], str], by_name: Mapping[str, Column],
    must_have: Sequence[str], template_columns: Sequence[str], template: str,
) -> tuple[dict[str, int], list[Problem]]:
    """(column name -> position, problems): every name known and once, every `must_have` there."""
    problems, index = [], {}
    for position, raw in enumerate(header):
        name = normalise(raw)
        if not name:
            problems.append(
                Problem(1, f"column {position + 1}", raw, "a column name (the header row is row 1)")
            )
        elif name in index:
            problems.append(Problem(1, name, raw, "each column once"))
        elif name not in by_name:
            expected = f"only {template}'s columns: " + ", ".join(template_columns)
            problems.append(Problem(1, raw, raw, expected))
        else:
            index[name] = position
    for name in must_have:
        if name not in index:
            problems.append(Problem(1, name, "(missing)", f"a column named {name}: {by_name[name].expected}"))
    return index, problems


def cell(raw: str | None, column: Column, number: int, parse: Callable, problems: list[Problem]) -> object:
    """One cell's typed value, or None with its problem added (a formula, a missing value, a bad one)."""
    text = raw.strip() if raw is not None else ""
    if raw is not None and raw.startswith(FORMULA_START) and not NUMBER.match(text):
        problems.append(Problem(number, column.name, raw, "a plain value: cells starting with =, +, - or @ "
                                "are refused because a spreadsheet could run them as formulas"))
        return None
    if not text:
        if column.required:
            problems.append(Problem(number, column.name, "", f"a value: {column.expected}"))
        return None
    try:
        return parse(text)
    except Bad:
        problems.append(Problem(number, column.name, raw or "", column.expected))
        return None


def read_records(
    table: Table, index: Mapping[str, int], parsers: Mapping[str, Callable], by_name: Mapping[str, Column],
    problems: list[Problem],
) -> list[dict]:
    """Each row as {source_row, column: typed value}; a row with more cells than the header is a problem."""
    width = len(table.header)
    records = []
    for number, cells in table.rows:
        if len(cells) > width and any(c is not None for c in cells[width:]):
            problems.append(
                Problem(number, None, f"{len(cells)} cells", f"at most {width} cells, one per header column")
            )
        record: dict = {"source_row": number}
        for name, position in index.items():
            raw = cells[position] if position < len(cells) else None
            record[name] = cell(raw, by_name[name], number, parsers[name], problems)
        records.append(record)
    return records


def one_value_per_file(records: list[dict], rules: Sequence[tuple[str, str]]) -> list[Problem]:
    """For each (column, why): every row's value equals the first row's that has one."""
    problems = []
    for name, why in rules:
        first = next((r for r in records if r.get(name) is not None), None)
        for r in records:
            if first and r.get(name) is not None and r[name] != first[name]:
                problems.append(Problem(r["source_row"], name, str(r[name]),
                                        f"{first[name]} as on row {first['source_row']} ({why})"))
    return problems
