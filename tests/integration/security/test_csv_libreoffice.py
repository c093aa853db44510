"""Our CSV opened in LibreOffice Calc (headless) with formula evaluation ON: no formula is run,
numbers stay numbers. A control file without the neutralising quote shows the check can fail."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from dashboard.downloads.formats import to_download_csv

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed (scripts/test.sh installs libreoffice-calc-nogui)"
)
# comma, double quote, UTF-8, from line 1, ..., token 13: evaluate formulas = true (the risky setting)
CSV_IMPORT = "CSV:44,34,76,1,,1033,false,true,false,false,false,-1,true"
HOSTILE = ["=1+1", "+1+1", "-1+1", "@SUM(1,1)", "=HYPERLINK(\"http://x\",\"y\")", "\t=1+1", "\r=1+1"]


def _open_in_calc(csv: Path, tmp_path: Path) -> list[list[tuple[object, str]]]:
    out = tmp_path / "out"
    subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         f"--infilter={CSV_IMPORT}", "--convert-to", "xlsx", "--outdir", str(out), str(csv)],
        check=True, capture_output=True, timeout=180,
    )
    sheet = openpyxl.load_workbook(out / f"{csv.stem}.xlsx").active
    return [[(c.value, c.data_type) for c in row] for row in sheet.iter_rows()]


def test_downloaded_csv_runs_no_formula_in_calc(tmp_path: Path):
    df = pl.DataFrame({"label": HOSTILE, "value": [-1.5, 2.0, -3.0, 0.0, 12.25, -7.0, 1e6]})
    path = tmp_path / "download.csv"
    path.write_bytes(to_download_csv(df))
    rows = _open_in_calc(path, tmp_path)
    assert all(kind != "f" for row in rows for _, kind in row), "a formula was imported"
    body = rows[1:]
    # text kept as text (Calc turns a carriage return inside a quoted cell into a line feed)
    assert [value for (value, _), _ in body] == ["'" + h.replace("\r", "\n") for h in HOSTILE]
    assert [value for _, (value, _) in body] == df["value"].to_list()
    assert all(kind == "n" for _, (_, kind) in body)


def test_control_unquoted_formula_is_evaluated(tmp_path: Path):
    path = tmp_path / "control.csv"
    path.write_text("label,value\n=1+1,1\n", encoding="utf-8")
    rows = _open_in_calc(path, tmp_path)
    assert rows[1][0][1] == "f"  # without the quote Calc takes it as a formula: the check above can fail
