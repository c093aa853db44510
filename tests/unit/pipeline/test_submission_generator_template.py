"""Demo data matches the published averages it is calibrated to; the template matches the validator."""

from __future__ import annotations

import csv
import datetime as dt
import io
import statistics

import pytest
from python_calamine import CalamineWorkbook

from pipeline.submissions import generator, template
from tests.support.submission_files import KNOWN, TODAY, csv_bytes
from warehouse.build.submission_marts import published_targets
from warehouse.config import PROJECT_ROOT
from warehouse.db import connect
from warehouse.submissions import spec
from warehouse.submissions.validate import check

SNAPSHOT = dt.date(2025, 9, 30)


@pytest.mark.parametrize("mean, fte", [(13.9, 91.4), (6.0, 9.0), (20.9, 400.0), (32.7, 30.0), (15.0, None)])
def test_mean_matches_the_published_caseload(mean, fte):
    rows = generator.generate(generator.Target("E06000001", mean, fte), SNAPSHOT, seed=3)
    holders = [r for r in rows if int(r["children_allocated"]) >= 1]
    total_fte = sum(float(r["fte"]) for r in holders)
    got = sum(int(r["children_allocated"]) for r in holders) / total_fte
    assert abs(got - mean) <= 0.5 / total_fte + 1e-9  # the documented tolerance: whole children only
    rates = [int(r["children_allocated"]) / float(r["fte"]) for r in holders]
    assert 0.15 < statistics.stdev(rates) / statistics.mean(rates) < 0.6  # spread: CV 0.30 before rounding
    assert all(r["demo"] == "yes" and r["worker_ref"].startswith("DEMO-") for r in rows)


def test_demo_files_validate_and_follow_the_warehouse(settings, tmp_path):
    with connect(settings.work_path, read_only=True) as con:
        targets = [generator.Target(*t) for t in published_targets(con, SNAPSHOT)]
    assert [t.la_code for t in targets] == ["E06000001", "E08000025", "E09000033"]  # no joint return
    paths = generator.write_demo(targets, SNAPSHOT, tmp_path, seed=1)
    assert all(p.name.startswith("demo_") for p in paths)
    for path, target in zip(paths, targets, strict=True):
        result = check(path.read_bytes(), path.name, KNOWN, TODAY)
        assert result.ok, result.problems[:3]
        assert result.rows["demo"].all() and result.rows["la_code"].unique().to_list() == [target.la_code]
    assert generator.generate(targets[0], SNAPSHOT, 1) == generator.generate(targets[0], SNAPSHOT, 1)


def test_committed_templates_match_the_spec():
    folder = PROJECT_ROOT / "data" / "templates"
    header = next(csv.reader(io.StringIO((folder / f"{spec.TEMPLATE_STEM}.csv").read_text("utf-8"))))
    assert tuple(header) == spec.TEMPLATE_COLUMNS
    book = CalamineWorkbook.from_path(str(folder / f"{spec.TEMPLATE_STEM}.xlsx"))
    assert book.sheet_names == [spec.DATA_SHEET, "about"]
    assert tuple(book.get_sheet_by_name(spec.DATA_SHEET).to_python()[0]) == spec.TEMPLATE_COLUMNS
    assert template.csv_text() == (folder / f"{spec.TEMPLATE_STEM}.csv").read_bytes().decode("utf-8")


def test_the_guide_explains_every_column_and_its_example_passes():
    guide = (PROJECT_ROOT / "data" / "templates" / "GUIDE.md").read_text("utf-8")
    for name in spec.TEMPLATE_COLUMNS:
        assert f"`{name}`" in guide
    assert f"version {spec.TEMPLATE_VERSION}" in guide.lower()
    example = guide.split("```csv\n", 1)[1].split("```", 1)[0]
    result = check(example.encode(), "example.csv", KNOWN, TODAY)
    assert result.ok, result.problems
    assert csv_bytes([]).decode().strip() == example.splitlines()[0]


def test_a_councils_mix_and_declared_maximum_hold_across_snapshots():
    """Agency and newly qualified shares vary by council, not by snapshot; so does declaring a maximum."""
    declaring = set()
    for code in ("E06000001", "E08000025", "E09000033", "E10000015", "E08000003"):
        snapshots = [generator.generate(generator.Target(code, 16.0, 80.0), dt.date(2025, m, 28), seed=2)
                     for m in (1, 2, 3)]
        declared = {bool(rows[0]["declared_max_children"]) for rows in snapshots}
        assert len(declared) == 1, code
        declaring |= declared
        for rows in snapshots:
            assert all(bool(r["declared_max_children"]) == bool(r["declared_max_weighted"]) for r in rows)
            agency = sum(r["employment"] == "agency" for r in rows) / len(rows)
            assert 0.0 < agency < 0.45
    assert declaring == {True, False}  # some councils declare, some do not
