"""A flagged figure's note (marts.la_year_notes) sits beside it wherever the site quotes it: key
facts, caveats, the compare table, the digest, every chart's hover, table and CSV."""

from __future__ import annotations

import polars as pl

from dashboard.components.chart import download_payload
from dashboard.figures import caseloads as figures
from dashboard.figures import variation as figures_benchmark
from dashboard.views import council_facts as profile
from dashboard.views import mart_rows as shaping
from dashboard.views import switches as chart_switches

NOTE = "Halved since 2024 (20.3 to 10.1): check with the council before quoting."


def _caps() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "la_code": ["L", "B"],
            "la_name": ["Liverpool", "Bolton"],
            "series_code": ["L", "B"],
            "region_code": ["R1", "R1"],
            "region_name": ["North West", "North West"],
            "caseload_fte": [10.1, 20.8],
            "caseload_status": ["published", "published"],
            "over_cap": [False, True],
            "excess": [0.0, 2.8],
            "additional_fte": [0.0, 20.0],
            "cost_gbp": [0.0, 1_140_000.0],
            "caseload_note": [NOTE, None],
        }
    )


def _hover_texts(fig) -> str:
    return " ".join(str(t.customdata) + str(t.text) for t in fig.data)


def test_key_facts_carry_the_councils_own_note_and_the_note_of_a_council_it_is_compared_with():
    cap_row = _caps().row(0, named=True)
    position = {
        "highest_within_50_miles_la_name": "Bolton", "highest_within_50_miles_caseload_fte": 20.8,
        "highest_within_50_miles_note": None, "lowest_within_50_miles_la_name": "Liverpool; Sefton",
        "lowest_within_50_miles_caseload_fte": 10.1, "n_within_50_miles": 24,
        "lowest_within_50_miles_note": "Liverpool: " + NOTE.lower(),
    }
    facts = {f.label: f for f in profile.facts(2025, "18", cap_row, position)}
    assert facts["Average caseload, 2025"].note == NOTE
    assert facts["Within 50 miles"].note == "Liverpool: " + NOTE.lower()
    assert "lowest: Liverpool and Sefton (tied) (10.1)" in facts["Within 50 miles"].text
    assert facts["Against the cap"].note is None


def test_caveats_name_each_large_change_of_the_council():
    history = pl.DataFrame({"year": [2024, 2025], "caseload_status": ["published", "published"]})
    notes = pl.DataFrame({"year": [2025, 2024], "note_kind": ["large_change", "revised"],
                          "note": [NOTE, "Revised by the publisher since its previous release: x."]})
    text = profile.caveats({"la_code": "L", "change_note": None}, history, None, notes=notes)
    assert f"2025: the average caseload {NOTE[0].lower()}{NOTE[1:]}" in text
    assert not any("Revised by the publisher" in t for t in text)  # revisions have their own lines


def test_compare_cells_carry_notes_for_their_own_measure():
    notes = pl.DataFrame({"la_code": ["S", "S"], "measure": ["turnover_rate_fte", "caseload_fte"],
                          "note_kind": ["revised", "large_change"], "note": ["Turnover revised.", NOTE]})
    row = {"la_code": "S", "caseload_note": NOTE}
    assert shaping.cell_note(notes, row, "caseload_fte") == NOTE
    assert shaping.cell_note(notes, row, "turnover_rate_fte") == "Turnover revised."
    assert shaping.cell_note(notes, row, "agency_rate_fte") is None
    assert shaping.cell_note(notes, None, "caseload_fte") is None


def test_digest_lines_carry_the_note():
    digest = pl.DataFrame({
        "digest_year": [2025, 2025], "section": ["biggest_fallers", "biggest_fallers"],
        "scenario_id": [None, None], "cap": [None, None], "item_rank": [2, 1],
        "summary": ["Sefton: down 1.0 to 12.0", "Liverpool: average caseload down 10.2 to 10.1"],
        "note": [None, NOTE],
    })
    ((heading, lines),) = shaping.digest_sections(digest, 18.0, {"biggest_fallers": "Biggest falls"})
    assert heading == "Biggest falls"
    assert lines == [
        f"Liverpool: average caseload down 10.2 to 10.1. Note: {NOTE}",
        "Sefton: down 1.0 to 12.0",
    ]


def test_every_chart_hover_shows_the_note():
    ranked = shaping.ranked_frame(_caps(), pl.DataFrame({"region_code": ["R1"], "region_average": [16.0]}))
    assert "Halved since 2024" in _hover_texts(figures.ranked_bars(ranked, 18.0, "18", 15.2))
    hexes = pl.DataFrame({"hex_code": ["L"], "hex_name": ["Liverpool"], "la_name": ["Liverpool"],
                          "region_name": ["North West"], "series_code": ["L"], "q": [0], "r": [0]})
    assert "Halved since 2024" in _hover_texts(figures.hex_map(shaping.hex_frame(hexes, _caps()), 18.0, "18"))
    series = pl.DataFrame({"name": ["Liverpool", "Liverpool"], "year": [2024, 2025], "value": [20.3, 10.1],
                           "note": [None, NOTE]})
    fig = figures.trend_lines(series)
    assert fig.data[0].customdata[0] == "" and "Halved since 2024" in fig.data[0].customdata[1]
    points = pl.DataFrame({
        "la_code": ["L"], "la_name": ["Liverpool"], "region_code": ["R1"], "denominator": [300.0],
        "value": [10.1], "england_value": [15.2], "label": ["lower_99_8"], "unadjusted_label": ["lower_99_8"],
        **{c: [1.0] for c in ("lower_95", "upper_95", "lower_99_8", "upper_99_8", "unadjusted_lower_95",
                               "unadjusted_upper_95", "unadjusted_lower_99_8", "unadjusted_upper_99_8")},
        "caseload_note": [NOTE],
    })
    assert "Halved since 2024" in _hover_texts(figures_benchmark.funnel(points, None))
    assert chart_switches.funnel_table(points)["caseload_note"].to_list() == [NOTE]


def test_a_hover_note_is_wrapped_and_escaped():
    assert figures.hover_note(None) == "" and figures.hover_note("") == ""
    text = figures.hover_note("A <b> & " + "word " * 30)
    assert text.startswith("<br>") and "&lt;b&gt; &amp;" in text
    assert all(len(line) <= 60 for line in text.split("<br>"))


def test_a_charts_csv_has_the_note_column():
    ranked = shaping.ranked_frame(_caps(), pl.DataFrame({"region_code": ["R1"], "region_average": [16.0]}))
    stored = {"rows": ranked.to_dicts(), "columns": ["la_name", "caseload_fte", "caseload_note"],
              "filename": "ranked"}
    csv = download_payload(1, stored)["content"].splitlines()
    assert csv[0] == "la_name,caseload_fte,caseload_note"
    assert any(line.startswith("Liverpool,10.1,") and "Halved since 2024" in line for line in csv)


def test_a_release_without_notes_still_draws():
    caps = _caps().drop("caseload_note")
    ranked = shaping.ranked_frame(caps, pl.DataFrame({"region_code": ["R1"], "region_average": [16.0]}))
    assert ranked["caseload_note"].to_list() == [None, None]
    history = pl.DataFrame({"year": [2025], "caseload_fte": [10.1], "caseload_status": ["published"]})
    frame = profile.trend_frame(history, pl.DataFrame({"area_code": [], "area_name": [], "year": [],
                                                       "caseload_fte": [], "caseload_status": []}),
                                None, "Liverpool", None)
    assert frame["note"].to_list() == [None]
