"""Across councils: how many and which, the pooled shares, labelled those councils only; a suppressed
pooled figure is words."""

from __future__ import annotations

import datetime as dt

from dashboard.views import submission_across as sa
from dashboard.views.submission_cells import SUPPRESSED
from tests.support import submission_marts as m
from tests.support.site import texts


def test_the_pooled_block_says_how_many_which_and_not_england():
    view = sa.across_view(m.across(councils=3, suppressed="cap_20", left_out=1), m.DAY, False)
    assert view is not None and view.councils == 3  # every council that submitted, pooled or not
    assert view.names == ["Council 1", "Council 2", "Council 3"]
    assert view.rows[2] == {
        "Cap": "Council target of 18",
        "Councils pooled": "2",
        "Case holders": "120",
        "Above the cap": "25.0% of their case holders (30 workers)",
        "Left out": "Council 3",
    }
    assert view.rows[0]["Left out"] == "none"
    suppressed = view.rows[3]
    assert suppressed["Above the cap"] == SUPPRESSED and suppressed["Case holders"] == SUPPRESSED
    assert (
        suppressed["Councils pooled"] == "0" and suppressed["Left out"] == "Council 1, Council 2, Council 3"
    )
    shown = texts(sa.across_block(view))
    assert (
        view.title == "Councils that submitted for 30 September 2025: those councils only, not an estimate "
        "for England"
    )
    assert view.title in shown and "Which: Council 1, Council 2, Council 3." in shown
    assert any(
        "not an estimate for England" in t for t in shown if t.startswith("Council submissions pooled")
    )


def test_another_date_or_demo_flag_is_not_pooled_in():
    rows = m.across(is_demo=True)
    assert sa.across_view(rows, m.DAY, False) is None
    assert sa.across_view(m.across(), dt.date(2024, 9, 30), False) is None
    assert sa.across_block(None) == []
    demo = sa.across_view(rows, m.DAY, True)
    captions = [t for t in texts(sa.across_block(demo)) if "pooled for 30" in t]
    assert captions and all(t.startswith("Demo data") for t in captions)


def test_many_councils_are_listed_folded():
    view = sa.across_view(m.across(councils=20), m.DAY, False)
    shown = texts(sa.across_block(view))
    assert "Which 20 councils" in shown


def test_the_data_page_shows_the_latest_date_real_first():
    import polars as pl

    rows = pl.concat([m.across(dt.date(2024, 9, 30)), m.across(), m.across(is_demo=True, councils=147)])
    views = sa.latest(rows)
    assert [(v.snapshot_date, v.is_demo, v.councils) for v in views] == [
        (m.DAY, False, 3),
        (m.DAY, True, 147),
    ]
    assert sa.latest(rows.filter(pl.col("is_demo").not_())) == views[:1]
    heads = [c for c in sa.across_block(views[0], level=3) if type(c).__name__ == "H3"]
    assert heads and heads[0].children == views[0].title


def test_many_left_out_are_folded_behind_their_count():
    view = sa.across_view(m.across(councils=12, left_out=8), m.DAY, False)
    assert view.rows[2]["Left out"] == ", ".join(f"Council {i}" for i in range(5, 13))
    folded = sa._left_out(view.rows[2]["Left out"])
    assert texts(folded)[0] == "8 councils" and "Council 12" in texts(folded)[1]
    assert sa._left_out("Council 1, Council 2") == "Council 1, Council 2"
