"""Benchmarks on the site: labels in words, the funnel's two methods, the lottery, neighbour switches."""

from __future__ import annotations

import polars as pl
import pytest

from dashboard.address import QueryError
from dashboard.components.chart import chosen, pick_variant, variant_key
from dashboard.figures import variation as figures_benchmark
from dashboard.views import benchmarks
from dashboard.views import switches as chart_switches
from warehouse.build.benchmark import limit_curve


def _measures() -> pl.DataFrame:
    base = {"england_value": 15.0, "lower_95": 12.0, "upper_95": 18.0, "lower_99_8": 10.0, "upper_99_8": 20.0}
    rows = [
        {
            "measure": "caseload",
            "measure_label": "Average caseload",
            "unit": "cases per FTE",
            "better": "lower",
            "why": "Lower is generally better.",
            "value": 19.1,
            "value_status": "published",
            "label": "higher_95",
            "rank": 140,
            "n_ranked": 149,
            "quartile": "D",
            **base,
        },
        {
            "measure": "agency_rate",
            "measure_label": "Agency social workers",
            "unit": "% of FTE",
            "better": "lower",
            "why": "Lower is generally better.",
            "value": None,
            "value_status": "x",
            "label": "not_compared",
            "rank": None,
            "n_ranked": None,
            "quartile": None,
            **base,
        },
        {
            "measure": "cin_per_10000",
            "measure_label": "Children in need",
            "unit": "per 10000 children",
            "better": "none",
            "why": "No direction.",
            "value": 300.0,
            "value_status": "published",
            "label": "lower_99_8",
            "rank": 3,
            "n_ranked": 151,
            "quartile": "A",
            **{**base, "england_value": 330.0, "lower_95": -4.0, "upper_95": 460.0},
        },
    ]
    return pl.DataFrame(rows, infer_schema_length=None)


def test_labels_are_words_and_directions_never_good_or_bad():
    rows = benchmarks.benchmark_rows(_measures())
    assert [r["Compared with England"] for r in rows] == [
        "higher than England (95%)",
        "not compared (no published figure)",
        "lower than England (99.8%)",
    ]
    assert [r["class"] for r in rows] == ["bench-higher", "bench-none", "bench-lower"]
    text = " ".join(v for r in rows for v in r.values()).lower()
    assert "good" not in text and "worse" not in text
    assert rows[0]["Value"] == "19.1 cases per FTE" and rows[0]["Rank"].startswith("140 of 149 (1 = lowest")
    assert (
        rows[0]["Explanation"].startswith("England: 15.0 cases per FTE")
        and "between 12.0 and 18.0" in (rows[0]["Explanation"])
    )
    assert rows[1]["Value"] == "not published (x)" and rows[1]["Rank"] == "not ranked"
    assert rows[2]["Quartile"].startswith("A") and "no direction" in rows[2]["Quartile"]
    assert "up to 460 per 10,000 children" in rows[2]["Explanation"]  # a negative lower limit is not shown


def _points() -> pl.DataFrame:
    n = [50.0, 200.0, 800.0]
    return pl.DataFrame(
        {
            "la_code": ["A", "B", "C"],
            "la_name": ["Aton", "Bville", "Cham"],
            "denominator": n,
            "value": [19.0, 15.5, 13.0],
            "england_value": [15.0] * 3,
            "label": ["similar", "similar", "lower_95"],
            "unadjusted_label": ["higher_95", "similar", "lower_99_8"],
            "lower_95": [11.0, 12.0, 12.5],
            "upper_95": [19.0, 18.0, 17.5],
            "lower_99_8": [9.0, 10.0, 11.0],
            "upper_99_8": [21.0, 20.0, 19.0],
            "unadjusted_lower_95": [13.9, 14.5, 14.7],
            "unadjusted_upper_95": [16.1, 15.5, 15.3],
            "unadjusted_lower_99_8": [13.3, 14.2, 14.6],
            "unadjusted_upper_99_8": [16.7, 15.8, 15.4],
        }
    )


def _curve() -> pl.DataFrame:
    return limit_curve("caseload", 15.0, 1.6, 50.0, 800.0, points=5)


def test_funnel_draws_the_limit_curves_for_the_chosen_method():
    curve = _curve()
    adjusted = figures_benchmark.funnel(_points(), curve, "adjusted", highlight="B")
    plain = figures_benchmark.funnel(_points(), curve, "plain")
    assert "allowing for real variation" in adjusted.layout.title.text
    assert "chance alone" in plain.layout.title.text
    upper95 = [t for t in adjusted.data if t.name == "95% limits"][1]
    assert (
        list(upper95.y) == curve["upper_95"].to_list() and list(upper95.x) == curve["denominator"].to_list()
    )
    assert (
        list([t for t in plain.data if t.name == "95% limits"][1].y) == curve["unadjusted_upper_95"].to_list()
    )
    names = [t.name for t in adjusted.data]
    assert "Lower than England (1)" in names and "Similar to England (2)" in names and "Bville" in names
    assert "Higher than England (1)" in [t.name for t in plain.data]  # Aton is outside only the plain limits


def test_limit_curve_is_the_marts_formula():
    """tau = 0 gives the plain Poisson limits; tau widens them: t +- z sqrt(t / n + tau^2)."""
    curve = limit_curve("caseload", 16.0, 2.0, 100.0, 100.0, points=1).row(0, named=True)
    assert curve["unadjusted_upper_95"] == pytest.approx(16.0 + 1.959964 * (16.0 / 100.0) ** 0.5)
    assert curve["upper_99_8"] == pytest.approx(16.0 + 3.090232 * (16.0 / 100.0 + 4.0) ** 0.5)
    assert curve["lower_95"] == pytest.approx(16.0 - 1.959964 * (16.0 / 100.0 + 4.0) ** 0.5)


def test_funnel_switch_defaults_to_adjusted_and_the_table_has_both_labels():
    switch = chart_switches.funnel_switch(_points(), _curve())
    assert switch.default_key == "adjusted" and set(switch.figures) == {"adjusted", "plain"}
    table = chart_switches.funnel_table(_points())
    assert table["label"].to_list()[2] == "lower than England (95%)"
    assert table["unadjusted_label"].to_list()[0] == "higher than England (95%)"


def test_switch_picks_a_stored_figure():
    stored = {variant_key(["2021", "median"]): {"data": [], "layout": {"title": "x"}}}
    assert pick_variant(["2021", "median"], stored) == {"data": [], "layout": {"title": "x"}}
    assert pick_variant(["2025", "mean"], stored) is None and pick_variant(["2025"], None) is None


def test_the_address_chooses_the_drawing_strictly():
    """`?limits=plain` draws the plain funnel; a value the switch does not offer is refused."""
    switch = chart_switches.funnel_switch(_points(), _curve())
    assert chosen(switch, {}).default_key == "adjusted"
    assert chosen(switch, {"limits": ""}).default_key == "adjusted"
    assert chosen(switch, {"limits": "plain", "year": "2025"}).default_key == "plain"
    assert chosen(switch, {"limits": ["plain"]}).default_key == "plain"  # a repeated key: the first
    assert set(chosen(switch, {"limits": "plain"}).figures) == {"adjusted", "plain"}
    for bad in ("PLAIN", "<script>", "adjusted,plain"):
        with pytest.raises(QueryError, match="Funnel limits must be one of: adjusted, plain"):
            chosen(switch, {"limits": bad})


def test_trend_switch_names_model_and_statistic_on_the_chart():
    history = pl.DataFrame(
        {"year": [2024, 2025], "caseload_fte": [15.0, 16.0], "caseload_status": ["published"] * 2}
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
    neighbours = pl.DataFrame(
        {
            "year": [2025, 2025],
            "neighbour_model": ["2025", "2021"],
            "neighbour_model_name": [
                "DfE statistical neighbours, 2025 model",
                "DfE statistical neighbours, April 2021 model",
            ],
            "neighbour_mean": [17.0, 16.0],
            "neighbour_median": [16.5, 15.5],
        }
    )
    council = {"la_name": "Aton", "region_code": None}
    switch, rows = chart_switches.trend_switch(history, areas, neighbours, council, 18.0, "18")
    assert switch.default_key == "2025|mean" and len(switch.figures) == 4
    fig = switch.figures["2021|median"]
    assert fig.layout.title.text == (
        "Neighbours line: DfE statistical neighbours, April 2021 model, median of their averages"
    )
    line = next(t for t in fig.data if t.name == "Statistical neighbours (2021 model, median)")
    assert list(line.y) == [15.5]
    assert set(rows["name"]) >= {"Aton", "England", "Statistical neighbours (2025 model, mean)"}


def test_lottery_chart_and_summary():
    sizes = pl.DataFrame(
        {
            "year": [2018, 2017],
            "between_council_sd": [1.9, 2.05],
            "between_council_sd_lower_95": [1.6, 1.7],
            "between_council_sd_upper_95": [2.2, 2.4],
            "range": [14.8, 16.2],
            "max_min_ratio": [2.23, 2.59],
        }
    )
    fig = figures_benchmark.lottery(sizes)
    sd = next(t for t in fig.data if t.name == "Between-council SD")
    assert list(sd.x) == [2017, 2018] and list(sd.y) == [2.05, 1.9]
    band = next(t for t in fig.data if t.name == "95% interval")
    assert list(band.y) == [2.4, 2.2, 1.6, 1.7]
    text = benchmarks.lottery_summary(sizes)
    assert "2017: 2.0 cases per FTE (95% interval 1.7 to 2.4); range 16.2, highest 2.6 times" in text
