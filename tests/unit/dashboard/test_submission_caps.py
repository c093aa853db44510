"""Each worker against their own cap: the guarantee's two halves side by side, and the council's own
declared maximum by group, or a sentence (never a zero) when it declared none."""

from __future__ import annotations

import polars as pl

from dashboard.views import submission_caps as sc
from dashboard.views.submission_cells import SUPPRESSED
from tests.support import submission_marts as m
from tests.support.site import texts


def test_the_halves_are_newly_qualified_above_12_and_experienced_above_15():
    halves = sc.halves(m.snapshot(), m.caps())
    assert [h.heading for h in halves] == ["Newly qualified (above 12)", "Experienced (above 15)"]
    nq, exp = (h.figures for h in halves)
    assert nq == {"Case holders": "40", "Above their guarantee": "6", "Share above their guarantee": "15.0%"}
    assert exp == {
        "Case holders": "40",
        "Above their guarantee": "14",
        "Share above their guarantee": "35.0%",
    }
    table = texts(sc.halves_block(halves, False))
    assert "The guarantee's two halves" in table and "Newly qualified (above 12)" in table


def test_a_suppressed_half_is_words_in_both_its_cells():
    small = {("experience", "newly qualified")}
    caps = m.caps().with_columns(
        pl.when(
            pl.struct("group_kind", "group_value").map_elements(
                lambda s: (s["group_kind"], s["group_value"]) in small, return_dtype=pl.Boolean
            )
        )
        .then(pl.lit("c"))
        .otherwise(pl.col("pct_above_cap_status"))
        .alias("pct_above_cap_status")
    )
    nq = sc.halves(m.snapshot(), caps)[0].figures
    assert nq["Above their guarantee"] == SUPPRESSED and nq["Share above their guarantee"] == SUPPRESSED


def test_a_council_without_newly_qualified_case_holders_says_so():
    groups = tuple(g for g in m.GROUPS if g[1] != "newly qualified")
    halves = sc.halves(m.snapshot(groups=groups), m.caps(groups=groups))
    assert halves[0].figures["Case holders"] == "no newly qualified case holders in this submission"
    assert halves[1].figures["Above their guarantee"] == "14"


def test_no_declared_rows_is_a_sentence_never_a_zero():
    d = sc.declared(m.caps())
    assert d.rows == []
    shown = texts(sc.declared_block(d, False))
    assert sc.NO_DECLARED in shown
    assert not any("0%" in t or t.strip() == "0" for t in shown)


def test_declared_shares_by_group_in_children_and_weighted_caseload():
    d = sc.declared(m.caps(declared=True, weighted=True))
    assert d.label == "the council's own declared maximum" and d.weighted
    assert d.rows[0] == {
        "Group": "Whole council",
        "Children": "25.0% of case holders (10 workers)",
        "Weighted caseload": "17.5% of case holders (7 workers)",
    }
    assert [r["Group"] for r in d.rows][1:5] == [
        "Team: assessment",
        "Team: care leavers",
        "Employment: permanent",
        "Employment: agency",
    ]
    small = next(r for r in d.rows if r["Group"] == "Team: care leavers")
    assert small["Children"] == SUPPRESSED and small["Weighted caseload"] == SUPPRESSED
    shown = texts(sc.declared_block(d, True))
    assert "Above the maximum: weighted caseload" in shown
    assert any(t.startswith("Demo data (synthetic). Council submission: case holders above") for t in shown)


def test_declared_without_weighted_has_no_weighted_column():
    d = sc.declared(m.caps(declared=True))
    assert not d.weighted and "Weighted caseload" not in d.rows[0]
    assert "Above the maximum: weighted caseload" not in texts(sc.declared_block(d, False))
