"""Turn a published file's bytes into rows of text, checking its shape.

Every cell stays text here: turning text into numbers (and suppression
symbols into a status) is the warehouse's job, in SQL. What a reader does
check is that the file has every column the registry expects and that every
cell of a numeric column is a number or a published symbol, so a bad file is
refused whole, with its name, row and column. A column the registry does not
list is reported but not loaded: a publisher adding a measure is a change the
pipeline can take; removing or renaming one is not (docs/sources-ees.md).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import polars as pl
from python_calamine import CalamineWorkbook

from pipeline.sources.registry import Source
from warehouse import domain

SUPPRESSION_SYMBOLS = tuple(domain.SUPPRESSION_SYMBOLS)  # published instead of a number
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
MAX_REPORTED_PROBLEMS = 20


class SourceFormatError(ValueError):
    """A published file that does not look as the registry says it should."""


def read_source(source: Source, content: bytes) -> pl.DataFrame:
    """Parse `content` by the source's format; return text columns plus `_row`."""
    return read_source_reporting(source, content)[0]


def read_source_reporting(source: Source, content: bytes) -> tuple[pl.DataFrame, list[str]]:
    """`read_source`, and the columns the file has beyond the registry's (not loaded)."""
    readers = {"ees_csv": _read_csv, "csv": _read_csv, "ods": _read_ods, "hexjson": _read_hexjson}
    if source.format not in readers:
        raise SourceFormatError(f"{source.file}: unknown format {source.format!r}")
    header, rows = readers[source.format](source, content)
    added = _check_columns(source, header)
    frame = pl.DataFrame(
        {"_row": [r for r, _ in rows], **{c: [v[i] for _, v in rows] for i, c in enumerate(header)}},
        schema={"_row": pl.Int64, **{c: pl.String for c in header}},
    )
    _check_numeric_cells(source, frame)
    return frame.select("_row", *source.columns), added


def _decode(source: Source, content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceFormatError(
            f"{source.file}: not UTF-8 text (byte {exc.start}: {content[exc.start:exc.start + 1]!r})"
        ) from exc


def _unique_header(names: list[str]) -> list[str]:
    """Number repeated column names (the 2021 neighbour file repeats `SNP`)."""
    stripped = [n.strip() for n in names]
    seen: dict[str, int] = {}
    out = []
    for name in stripped:
        if name and stripped.count(name) > 1:
            seen[name] = seen.get(name, 0) + 1
            name = f"{name}_{seen[name]}"
        out.append(name)
    return out


def _read_csv(source: Source, content: bytes) -> tuple[list[str], list[tuple[int, list]]]:
    text = _decode(source, content)
    if not text.strip():
        raise SourceFormatError(f"{source.file}: the file is empty")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = _unique_header(next(reader))
    keep = [i for i, name in enumerate(header) if name]  # trailing empty column
    rows = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        if len(values) < len(header):
            values = values + [""] * (len(header) - len(values))
        if len(values) > len(header) and any(v.strip() for v in values[len(header):]):
            raise SourceFormatError(
                f"{source.file}, row {reader.line_num}: {len(values)} cells but "
                f"{len(header)} columns in the header"
            )
        rows.append((reader.line_num, [values[i].strip() or None for i in keep]))
    return [header[i] for i in keep], rows


def _cell_text(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() or None


def _read_ods(source: Source, content: bytes) -> tuple[list[str], list[tuple[int, list]]]:
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(content))
        sheet = book.get_sheet_by_name(source.sheet or book.sheet_names[0]).to_python()
    except Exception as exc:  # calamine raises several error types for broken files
        raise SourceFormatError(f"{source.file}: cannot read sheet {source.sheet!r}: {exc}") from exc
    if len(sheet) < source.header_row:
        raise SourceFormatError(f"{source.file}: sheet {source.sheet!r} has no header row")
    header = [str(v).strip() for v in sheet[source.header_row - 1]]
    rows = []
    for number, values in enumerate(sheet[source.header_row:], start=source.header_row + 1):
        cells = [_cell_text(v) for v in values]
        if any(c is not None for c in cells):
            rows.append((number, cells))
    return header, rows


def _read_hexjson(source: Source, content: bytes) -> tuple[list[str], list[tuple[int, list]]]:
    try:
        doc = json.loads(_decode(source, content))
        hexes = doc["hexes"]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise SourceFormatError(f"{source.file}: not a HexJSON document ({exc})") from exc
    header = list(source.columns)
    rows = []
    for number, (key, hexagon) in enumerate(hexes.items(), start=1):
        cells = {"id": key, "name": hexagon.get("n") or hexagon.get("name"), **hexagon}
        rows.append((number, [_cell_text(cells.get(c)) for c in header]))
    return header, rows


def _check_columns(source: Source, header: list[str]) -> list[str]:
    """Every expected column present (else refuse, naming them); the added ones, returned."""
    expected = list(source.columns)
    missing = [c for c in expected if c not in header]
    new = [c for c in header if c not in expected]
    if missing:
        parts = [f"missing columns {missing}"]
        if new:
            parts.append(f"new columns {new} (renamed?)")
        raise SourceFormatError(
            f"{source.file}: the published columns changed: {'; '.join(parts)}"
        )
    return new


def _check_numeric_cells(source: Source, frame: pl.DataFrame) -> None:
    problems = []
    for column in source.numeric:
        bad = frame.filter(
            pl.col(column).is_not_null()
            & ~pl.col(column).str.strip_chars().str.contains(_NUMBER.pattern)
            & ~pl.col(column).str.strip_chars().is_in(SUPPRESSION_SYMBOLS)
        )
        for row, value in bad.select("_row", column).iter_rows():
            problems.append(f"row {row}, column {column!r}: {value!r} is not a number")
    if problems:
        shown = problems[:MAX_REPORTED_PROBLEMS]
        more = len(problems) - len(shown)
        raise SourceFormatError(
            f"{source.file}: {len(problems)} cell(s) are neither a number nor a suppression "
            f"symbol ({', '.join(SUPPRESSION_SYMBOLS)}):\n  "
            + "\n  ".join(shown)
            + (f"\n  ... and {more} more" if more else "")
        )
