"""Figures: pure functions; the cap and England are labelled lines, not only colours."""

from __future__ import annotations

import polars as pl

from dashboard.figures import caseloads as figures
from dashboard.views import council_facts as profile
from dashboard.views import mart_rows as shaping


def _caps() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "la_code": ["A", "B", "C"],
            "la_name": ["Aton", "Bville", "Cham"],
            "series_code": ["A", "B", "C"],
            "region_code": ["R1", "R1", "R2"],
            "region_name": ["One", "One", "Two"],
            "caseload_fte": [20.5, 15.0, None],
            "caseload_status": ["published", "published", "x"],
            "over_cap": [True, False, None],
            "excess": [2.5, 0.0, None],
            "additional_fte": [3.0, 0.0, None],
            "cost_gbp": [171000.0, 0.0, None],
        }
    )


def test_ranked_leaves_out_suppressed_and_labels_cap_and_england():
    regions = pl.DataFrame({"region_code": ["R1"], "region_average": [16.0]})
    ranked = shaping.ranked_frame(_caps(), regions)
    assert ranked["la_name"].to_list() == ["Aton", "Bville"]
    fig = figures.ranked_bars(ranked, 18.0, "18", 15.2)
    texts = [a.text for a in fig.layout.annotations]
    assert "Cap: 18" in texts and "England average: 15.2" in texts


def test_hex_frame_matches_by_series_and_greys_missing():
    hexes = pl.DataFrame(
        {
            "hex_code": ["A", "C", "D"],
            "hex_name": ["Aton", "Cham", "Dee"],
            "la_name": ["Aton", "Cham", "Dee"],
            "region_name": ["One", "Two", "Two"],
            "series_code": ["A", "C", "D"],
            "q": [0, 1, 2],
            "r": [0, 1, 0],
        }
    )
    out = shaping.hex_frame(hexes, _caps())
    assert out["caseload_status"].to_list() == ["published", "x", "no return"]
    fig = figures.hex_map(out, 18.0, "18")
    fills = [s.fillcolor for s in fig.layout.shapes]
    assert fills[1] == figures.MISSING and fills[2] == figures.MISSING
    assert fig.layout.shapes[0].line.width > fig.layout.shapes[1].line.width  # over the cap: thick outline


def test_odd_rows_shift_right():
    assert figures.hex_centre(3, 1)[0] == 3.5 and figures.hex_centre(3, 2)[0] == 3


def test_trend_frame_turns_symbols_into_gaps():
    history = pl.DataFrame(
        {"year": [2024, 2025], "caseload_fte": [15.0, None], "caseload_status": ["published", "x"]}
    )
    areas = pl.DataFrame(
        {
            "area_code": ["E92000001"],
            "area_name": ["England"],
            "year": [2025],
            "caseload_fte": [15.2],
            "caseload_status": ["published"],
        }
    )
    out = profile.trend_frame(history, areas, None, "Aton", None)
    assert out.filter(pl.col("name") == "Aton")["value"].to_list() == [15.0, None]


def test_caveats_name_suppressed_years():
    history = pl.DataFrame({"year": [2025], "caseload_status": ["x"]})
    text = " ".join(profile.caveats({"la_code": "A", "change_note": None}, history, None))
    assert "2025: caseload not published (x" in text


def test_caveats_say_which_release_revised_a_figure():
    history = pl.DataFrame({"year": [2024], "caseload_status": ["published"]})
    revisions = pl.DataFrame({
        "year": [2024], "measure": ["turnover_rate_fte"], "previous_value": [0.9],
        "previous_status": ["published"], "current_value": [None], "current_status": ["u"],
        "revision_kind": ["now suppressed"],
    })
    releases = (profile.release_name("Reporting year 2025 release (page last updated 19 March 2026)", "x"),
                profile.release_name("Reporting year 2024 release (2025)", "y"))
    council = {"la_code": "E08000024", "change_note": None}
    text = " ".join(profile.caveats(council, history, revisions, releases))
    assert "Revised in the reporting year 2025 release: 2024 turnover rate fte was 0.9" in text
    assert "in the reporting year 2024 release, now not published (u" in text


def test_every_figure_gets_the_site_template_without_setting_it_per_figure():
    import plotly.graph_objects as go

    from dashboard.figures import variation as figures_benchmark  # noqa: F401  (imports figures: the default is the site's)

    fig = figures._base(go.Figure(), 300)
    assert fig.layout.template.layout.plot_bgcolor == "white"  # plotly_white, not plotly's grey
