"""Across councils: how many and which, the pooled shares, labelled those councils only; a suppressed
pooled figure is words."""

from __future__ import annotations

import datetime as dt

from dashboard.views import submission_across as sa
from dashboard.views.submission_cells import SUPPRESSED
from tests.support import submission_marts as m
from tests.support.site import texts


def test_the_pooled_block_says_how_many_which_and_not_england():
    view = sa.across_view(m.across(councils=3, suppressed="cap_20"), m.DAY, False)
    assert view is not None and view.councils == 3
    assert view.names == ["Council 1", "Council 2", "Council 3"]
    assert view.rows[2] == {
        "Cap": "Council target of 18",
        "Councils": "3",
        "Case holders": "120",
        "Above the cap": "25.0% of their case holders (30 workers)",
    }
    assert view.rows[3]["Above the cap"] == SUPPRESSED
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
    assert all(t.startswith("Demo data") for t in texts(sa.across_block(demo)) if "pooled for" in t)


def test_many_councils_are_listed_folded():
    view = sa.across_view(m.across(councils=20), m.DAY, False)
    shown = texts(sa.across_block(view))
    assert "Which 20 councils" in shown
