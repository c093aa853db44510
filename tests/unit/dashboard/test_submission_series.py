"""Over time: one snapshot is a sentence; three are a chart (suppressed points left out) with the
published average beside, and the share above each cap per snapshot as words."""

from __future__ import annotations

import datetime as dt

import polars as pl

from dashboard.figures.submissions import snapshot_series
from dashboard.views import submission_series as ss
from dashboard.views.submission_cells import SUPPRESSED
from tests.support import submission_marts as m
from tests.support.site import texts

DATES = (dt.date(2023, 9, 30), dt.date(2024, 9, 30), dt.date(2025, 3, 31))
ALL = m.GROUPS[:1]


def _series(dates=DATES, suppress_2024: bool = True) -> ss.SeriesView:
    snaps, caps = [], []
    for d in dates:
        s = m.snapshot(day=d, groups=ALL, caseload_median=15.0 + d.year - 2023)
        c = m.caps(day=d, groups=ALL)
        if suppress_2024 and d.year == 2024:
            s = s.with_columns(caseload_p90_status=pl.lit("c"))  # the value stays in: never to be drawn
            c = c.with_columns(pct_above_cap_status=pl.lit("c"))
        snaps.append(s.with_columns(published_year=pl.lit(d.year if d.month >= 9 else d.year - 1)))
        caps.append(c)
    return ss.series_view(pl.concat(snaps[::-1]), pl.concat(caps))


def test_one_snapshot_is_a_sentence_not_a_chart():
    view = _series(DATES[:1])
    assert view.single
    shown = texts(ss.series_block(view, "s", "Aton", False))
    assert any(t.startswith("Only one snapshot so far (30 September 2023)") for t in shown)
    assert not any(
        "graph" in str(getattr(c, "id", "")) for c in _flat(ss.series_block(view, "s", "Aton", False))
    )


def test_three_snapshots_oldest_first_with_suppressed_points_left_out():
    view = _series()
    assert not view.single and view.dates == list(DATES)
    rows = view.chart_rows.to_dicts()
    assert [r["median"] for r in rows] == [15.0, 16.0, 17.0]
    assert rows[1]["p90"] is None and rows[1]["p90_status"] == "c"  # a gap, never 3.0
    assert [r["published_year"] for r in rows] == [2023, 2024, 2024]
    assert rows[0]["published_average"] == 17.0
    fig = snapshot_series(view.chart_rows)
    assert [t.name for t in fig.data] == [
        "Median (council submission)",
        "90th percentile (council submission)",
        "Published average (DfE, 30 September)",
    ]
    assert fig.data[1].y[1] is None


def test_shares_per_snapshot_are_words_for_a_suppressed_cap():
    view = _series()
    assert view.cap_labels == [
        "Legal cap of 12",
        "Caseload guarantee 15 / 12",
        "Council target of 18",
        "Proposed national cap of 20",
    ]
    assert view.shares[0]["Council target of 18"] == "30.0% of case holders (12 workers)"
    assert all(view.shares[1][c] == SUPPRESSED for c in view.cap_labels)
    block = ss.series_block(view, "submission-series-E1-demo", "Aton", True)
    shown = texts(block)
    assert "Demo data (synthetic). Council submission: Aton's snapshots over time" in shown
    assert any(
        t.startswith("Demo data (synthetic). Aton's 3 submitted snapshots") for t in shown
    )  # figcaption
    assert (
        "Demo data (synthetic). Council submission: share of case holders above each cap, per snapshot"
        in shown
    )


def _flat(tree) -> list:
    out = []
    for c in tree if isinstance(tree, list) else [tree]:
        if c is None or isinstance(c, str):
            continue
        out.append(c)
        ch = getattr(c, "children", None)
        if ch is not None:
            out += _flat(ch if isinstance(ch, list) else [ch])
    return out
