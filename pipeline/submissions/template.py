"""Write the submission templates from their specs, so they always match the validator: the worker
template (CSV and XLSX) from spec.py, the FOI band template (CSV) from bands_spec.py.

`python -m pipeline.submissions.template [FOLDER]` rewrites data/templates/.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from warehouse.submissions import bands_spec, spec

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "data" / "templates"
_FIXED_TIME = dt.datetime(2025, 1, 1)  # fixed workbook timestamps: rewriting changes nothing


def csv_text(columns: tuple[str, ...] = spec.TEMPLATE_COLUMNS) -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerow(columns)
    return buffer.getvalue()


def bands_csv_text() -> str:
    """The band template: its header only, as the worker template (GUIDE.md has a filled example)."""
    return csv_text(bands_spec.TEMPLATE_COLUMNS)


def workbook() -> Workbook:
    """Sheet 'submission' (header, drop-down lists) and sheet 'about' (version and every column)."""
    book = Workbook()
    sheet = book.active
    sheet.title = spec.DATA_SHEET
    sheet.append(list(spec.TEMPLATE_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    lists = {
        "role": spec.ROLES,
        "employment": spec.EMPLOYMENT,
        "newly_qualified": ("yes", "no"),
        "team": spec.TEAMS,
    }
    for position, name in enumerate(spec.TEMPLATE_COLUMNS, start=1):
        letter = sheet.cell(row=1, column=position).column_letter
        sheet.column_dimensions[letter].width = max(14, len(name) + 2)
        if name in lists:
            rule = DataValidation(type="list", formula1='"' + ",".join(lists[name]) + '"', allow_blank=True)
            rule.add(f"{letter}2:{letter}{spec.MAX_ROWS + 1}")
            sheet.add_data_validation(rule)
        if name in ("la_code", "snapshot_date", "worker_ref"):
            sheet.column_dimensions[letter].number_format = "@"  # keep codes and dates as typed
    about = book.create_sheet("about")
    about.append(["Caseload Watch council submission template", f"version {spec.TEMPLATE_VERSION}"])
    about.append(
        [
            "One row per social worker in post on the snapshot date, on the sheet 'submission'. "
            "See GUIDE.md for every column, with an example."
        ]
    )
    about.append([])
    about.append(["column", "required", "what to enter", "example"])
    for column in spec.COLUMNS:
        if column.name in spec.TEMPLATE_COLUMNS:
            about.append([column.name, "yes" if column.required else "no", column.expected, column.example])
    about.column_dimensions["A"].width = 22
    about.column_dimensions["C"].width = 90
    book.properties.created = _FIXED_TIME
    book.properties.modified = _FIXED_TIME
    book.properties.creator = "Caseload Watch"
    return book


def write_templates(folder: Path = TEMPLATE_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    csv_path = folder / f"{spec.TEMPLATE_STEM}.csv"
    csv_path.write_bytes(csv_text().encode("utf-8"))
    xlsx_path = folder / f"{spec.TEMPLATE_STEM}.xlsx"
    workbook().save(xlsx_path)
    bands_path = folder / f"{bands_spec.TEMPLATE_STEM}.csv"
    bands_path.write_bytes(bands_csv_text().encode("utf-8"))
    return [csv_path, xlsx_path, bands_path]


if __name__ == "__main__":
    for path in write_templates(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE_DIR):
        print(path)
