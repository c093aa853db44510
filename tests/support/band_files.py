"""Builders for FOI band-file tests: the bands of one answer as CSV or XLSX bytes."""

from __future__ import annotations

import io

from openpyxl import Workbook

from tests.support.submission_files import SNAPSHOT, csv_bytes
from warehouse.submissions import bands_spec

# A typical answer: 0-10, 11-15, 16-20, 21-25, 26 or more.
BANDS = ((0, 10, 12), (11, 15, 30), (16, 20, 22), (21, 25, 8), (26, None, 3))


def band_rows(
    bands=BANDS,
    la_code: str = "E09000033",
    source: str = "FOI 2025/1234",
    snapshot: str = SNAPSHOT.isoformat(),
) -> list[dict[str, str]]:
    return [
        {"la_code": la_code, "snapshot_date": snapshot, "children_from": str(start),
         "children_to": "" if end is None else str(end), "case_holders": str(n), "source": source}
        for start, end, n in bands
    ]


def band_csv(
    rows: list[dict[str, str]], columns=bands_spec.TEMPLATE_COLUMNS, encoding: str = "utf-8"
) -> bytes:
    """A band file as written by csv_bytes, in the band template's columns."""
    return csv_bytes(rows, tuple(columns), encoding)


def band_xlsx(rows: list[dict[str, str]]) -> bytes:
    """The rows on a sheet named as the band template's, numbers as numbers (as Excel stores them)."""
    book = Workbook()
    sheet = book.active
    sheet.title = bands_spec.DATA_SHEET
    sheet.append(list(bands_spec.TEMPLATE_COLUMNS))
    for r in rows:
        sheet.append([int(v) if v.isdigit() and k != "la_code" else (v or None) for k, v in r.items()])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
