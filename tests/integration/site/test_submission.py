"""The profile's submission section: suppression in words, the chosen cap, demo rows labelled and hidden."""

from __future__ import annotations

import dash
import pytest

from tests.support.site import texts
from warehouse.config import Settings


@pytest.mark.shared_data
def test_profile_hides_the_demo_submission_unless_demo_mode(demo_warehouse: Settings):
    """The same published release: default settings show no demo row; demo mode shows it, labelled."""
    import dataclasses

    from dashboard.app import create_app

    create_app(dataclasses.replace(demo_warehouse, show_demo=False))
    page = dash.page_registry["dashboard.pages.council"]["layout"]
    text = " ".join(texts(page(code="birmingham", year="2025", cap="18")))
    assert "No worker-level submission from this council yet" in text and "Demo" not in text
    create_app(demo_warehouse)
    text = " ".join(texts(page(code="birmingham", year="2025", cap="18")))
    assert "Demo data (synthetic): Birmingham, snapshot of 30 September 2025" in text
    assert "Above the cap of 18 children" in text


@pytest.mark.shared_data
def test_every_breakdown_on_the_page_is_the_marts_figure(demo_warehouse: Settings):
    """The demo submission as the real pipeline published it: every group's figures on the page are
    the mart's (formatted), every 'c' the sentence, the halves and the declared rows as published."""
    import polars as pl

    from dashboard.address import named_caps
    from dashboard.views import submission as sv
    from dashboard.views.submission_cells import SUPPRESSED, group_label
    from warehouse.db import connect
    from warehouse.read import site
    from warehouse.read import submissions as q

    con = connect(demo_warehouse.warehouse_path, read_only=True)
    try:
        args = (con, ["E08000025"], True)
        snap, caps, bands = q.submission_snapshot(*args), q.submission_caps(*args), q.submission_bands(*args)
        cap = named_caps(site.caps(con))["18"]
        view = sv.submission_views(
            snap, caps, bands, cap, series=q.submission_series(*args), across=q.submission_across(con, True)
        )[0]
    finally:
        con.close()

    def shown(v, status, digits=1):
        return SUPPRESSED if status == "c" else f"{v:,.{digits}f}"

    groups = snap.filter(pl.col("group_kind") != "all")
    assert {"team", "employment", "experience", "role"} <= set(groups["group_kind"])
    for r in groups.iter_rows(named=True):
        row = next(g for g in view.groups[r["group_kind"]] if g["Group"] == r["group_value"])
        assert row["Case holders"] == shown(r["case_holders"], r["case_holders_status"], 0)
        assert row["Mean"] == shown(r["caseload_mean"], r["caseload_mean_status"])
        assert row["Median"] == shown(r["caseload_median"], r["caseload_median_status"])
        if r["caseload_p90_status"] in ("c", "published"):
            assert row["90th percentile"] == shown(r["caseload_p90"], r["caseload_p90_status"])
        if r["families_per_fte_status"] in ("c", "published"):
            assert row["Families per FTE"] == shown(r["families_per_fte"], r["families_per_fte_status"])
    chosen = caps.filter((pl.col("scenario_id") == "target_18") & (pl.col("group_kind") != "all"))
    for r in chosen.iter_rows(named=True):
        row = next(g for g in view.groups[r["group_kind"]] if g["Group"] == r["group_value"])
        expect = (
            SUPPRESSED
            if "c" in (r["pct_above_cap_status"], r["workers_above_cap_status"])
            else (f"{r['pct_above_cap']:.1f}% of case holders")
        )
        assert row["Above the cap"].startswith(expect)
    halves = {h.heading: h.figures for h in view.halves}
    for value, head in (
        ("newly qualified", "Newly qualified (above 12)"),
        ("experienced", "Experienced (above 15)"),
    ):
        r = caps.filter((pl.col("scenario_id") == "guarantee_15_12") & (pl.col("group_value") == value)).row(
            0, named=True
        )
        assert halves[head]["Share above their guarantee"] == (
            SUPPRESSED if r["pct_above_cap_status"] == "c" else f"{r['pct_above_cap']:.1f}%"
        )
    declared = caps.filter(pl.col("scenario_id") == "declared")
    assert view.declared is not None
    if declared.height:  # the generator declares for about three councils in five
        rows = {d["Group"]: d for d in view.declared.rows}
        for r in declared.filter(pl.col("measure") == "children").iter_rows(named=True):
            text = rows[group_label(r["group_kind"], r["group_value"])]["Children"]
            assert (
                text == SUPPRESSED
                if r["pct_above_cap_status"] == "c"
                else text.startswith(f"{r['pct_above_cap']:.1f}%")
            )
    else:
        assert view.declared.rows == []
    assert view.across is not None and view.across.councils >= 1
