"""Bytes of a submitted file -> header and rows of text, refusing unsafe or unreadable files.

Nothing here trusts the file: its size is checked before anything else, an
XLSX's zip directory is checked before the spreadsheet is opened, and text is
decoded only as UTF-8 (with or without BOM) or Excel's Windows-1252.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field

from python_calamine import CalamineWorkbook

from warehouse.submissions import spec


class Unreadable(ValueError):
    """The file as a whole cannot be read; the message says what to do instead."""


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[str | None]]] = field(default_factory=list)  # (row number, cells)
    encoding: str = "utf-8"


def read_table(content: bytes, filename: str) -> Table:
    """Header (row 1) and data rows, every cell as text or None; raises Unreadable."""
    if len(content) > spec.MAX_FILE_BYTES:
        raise Unreadable(
            f"the file is {len(content):,} bytes; the limit is {spec.MAX_FILE_BYTES:,} "
            "(one row per social worker should be far smaller)"
        )
    if not content.strip():
        raise Unreadable("the file is empty")
    name = filename.lower()
    is_zip = content[:4] == b"PK\x03\x04"
    if name.endswith(".xlsx") or (is_zip and not name.endswith(".csv")):
        return _read_xlsx(content)
    if is_zip:
        raise Unreadable(
            "the file is named .csv but is a spreadsheet (zip): save it as CSV, or name it .xlsx"
        )
    if name.endswith((".xls", ".ods", ".numbers")):
        raise Unreadable("this spreadsheet format is not accepted: save as CSV (UTF-8) or Excel .xlsx")
    if content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise Unreadable("the file is an old Excel .xls workbook: save as CSV (UTF-8) or Excel .xlsx")
    return _read_csv(content)


def _decode(content: bytes) -> tuple[str, str]:
    if content[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise Unreadable("the file is UTF-16 text ('Unicode text'): save it as 'CSV UTF-8 (comma delimited)'")
    if b"\x00" in content:
        raise Unreadable("the file contains NUL bytes: it is not a CSV text file")
    try:
        return content.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError as exc:
        raise Unreadable(
            f"byte {exc.start} ({content[exc.start : exc.start + 1]!r}) is neither UTF-8 nor Windows-1252 "
            "text: save the file as 'CSV UTF-8 (comma delimited)'"
        ) from exc


def _read_csv(content: bytes) -> Table:
    text, encoding = _decode(content)
    if not text.strip():
        raise Unreadable("the file is empty")
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    for delimiter in (";", "\t"):
        if "," not in first_line and delimiter in first_line:
            raise Unreadable(f"columns are separated by {delimiter!r}: save the file as comma-separated CSV")
    reader = csv.reader(io.StringIO(text, newline=""))
    table = Table(header=[], encoding=encoding)
    try:
        for values in reader:
            if not table.header:
                if any(v.strip() for v in values):
                    table.header = [v.strip() for v in values]
                continue
            if any(v.strip() for v in values):
                table.rows.append((reader.line_num, [v if v.strip() else None for v in values]))
                if len(table.rows) > spec.MAX_ROWS:
                    raise Unreadable(
                        f"more than {spec.MAX_ROWS:,} rows: one row per social worker is expected"
                    )
    except csv.Error as exc:
        raise Unreadable(f"row {reader.line_num}: not valid CSV ({exc})") from exc
    if not table.header:
        raise Unreadable("the file is empty")
    return table


def check_zip(content: bytes) -> None:
    """Refuse a zip (XLSX) that unpacks to far more than its size, before opening it."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise Unreadable(f"the .xlsx file is damaged or not an Excel workbook ({exc})") from exc
    if len(members) > spec.MAX_ZIP_MEMBERS:
        raise Unreadable(f"the workbook has {len(members)} parts; at most {spec.MAX_ZIP_MEMBERS} expected")
    unpacked = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    if unpacked > spec.MAX_UNPACKED_BYTES:
        raise Unreadable(
            f"the workbook unpacks to {unpacked:,} bytes; the limit is "
            f"{spec.MAX_UNPACKED_BYTES:,}: submit one sheet of one row per worker"
        )
    if unpacked > spec.MAX_ZIP_RATIO * max(packed, len(content), 1):
        raise Unreadable(
            f"the workbook unpacks to {unpacked:,} bytes from {len(content):,}: far more than "
            "a real workbook; it was refused as a possible zip bomb"
        )


def _cell_text(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value)
    return text if text.strip() else None


def _read_xlsx(content: bytes) -> Table:
    check_zip(content)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(content))
        name = spec.DATA_SHEET if spec.DATA_SHEET in book.sheet_names else book.sheet_names[0]
        sheet = book.get_sheet_by_name(name)
        if sheet.total_height > spec.MAX_ROWS + 1000:
            raise Unreadable(
                f"the sheet has {sheet.total_height:,} rows: one row per social worker is expected"
            )
        grid = sheet.to_python(skip_empty_area=False)
    except Unreadable:
        raise
    except Exception as exc:  # calamine raises several error types for broken workbooks
        raise Unreadable(f"the .xlsx workbook cannot be read ({type(exc).__name__}: {exc})") from exc
    table = Table(header=[], encoding="xlsx")
    for number, values in enumerate(grid, start=1):
        cells = [_cell_text(v) for v in values]
        if not table.header:
            if any(c is not None for c in cells):
                table.header = [(c or "").strip() for c in cells]
                while table.header and not table.header[-1]:
                    table.header.pop()
            continue
        if any(c is not None for c in cells):
            table.rows.append((number, cells))
            if len(table.rows) > spec.MAX_ROWS:
                raise Unreadable(f"more than {spec.MAX_ROWS:,} rows: one row per social worker is expected")
    if not table.header:
        raise Unreadable("the workbook's first sheet is empty")
    return table
