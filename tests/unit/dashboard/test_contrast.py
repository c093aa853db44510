"""Non-text contrast (WCAG 1.4.11) and colour not used alone (1.4.1), read from what the site draws:
every chart mark, reference line and outline at least 3:1 against the chart's white background,
the focus ring at least 3:1 against every background it is drawn on, and each colour-coded
group also told apart by shape, width or a legend."""

from __future__ import annotations

import re

import plotly.graph_objects as go
import polars as pl
import pytest
from plotly.colors import sample_colorscale

from dashboard.figures import caseloads, variation
from warehouse.build.benchmark import limit_curve
from warehouse.config import PROJECT_ROOT

ASSETS = PROJECT_ROOT / "dashboard" / "assets"
CSS = "\n".join(p.read_text(encoding="utf-8") for p in sorted(ASSETS.glob("*.css")))
WHITE = "#ffffff"


def _rgb(colour: str) -> tuple[float, float, float]:
    colour = colour.strip().lower()
    if colour in ("white", "#fff"):
        colour = WHITE
    if colour.startswith("#"):
        return tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]
    parts = re.findall(r"[\d.]+", colour)
    return tuple(float(p) / 255 for p in parts[:3])  # type: ignore[return-value]


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour (#rrggbb or rgb(r, g, b))."""
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in _rgb(colour)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_ratio_is_wcags():
    assert contrast("#000000", WHITE) == pytest.approx(21.0)
    assert contrast("#767676", WHITE) == pytest.approx(4.54, abs=0.01)
    assert contrast("rgb(255, 255, 255)", WHITE) == pytest.approx(1.0)


def _caps(n: int = 3) -> pl.DataFrame:
    return pl.DataFrame({
        "la_name": ["Aton", "Bville", "Cham"][:n], "region_name": ["One"] * n,
        "caseload_fte": [20.5, 15.0, 12.0][:n], "over_cap": [True, False, False][:n],
        "region_average": [16.0] * n,
    })


def _bg(fig: go.Figure) -> str:
    """The plot's background: the site's template is plotly_white."""
    return fig.layout.template.layout.plot_bgcolor or WHITE


def _line_colours(fig: go.Figure) -> list[str]:
    """The cap and England lines (shapes) of a figure."""
    return [s.line.color for s in fig.layout.shapes if s.type == "line"]


def test_bars_and_reference_lines_stand_out_from_the_background():
    fig = caseloads.ranked_bars(_caps(), 18.0, "18", 15.2)
    bars = [t.marker.color for t in fig.data if t.type == "bar"]
    assert len(bars) == 2
    for colour in bars + _line_colours(fig):
        assert contrast(colour, _bg(fig)) >= 3, colour
    diamonds = next(t for t in fig.data if t.name == "Region average")
    assert contrast(diamonds.marker.line.color, _bg(fig)) >= 3  # a white diamond with a dark edge
    hist = caseloads.distribution([12.0, 15.0], 18.0, "18", 15.2)
    for colour in [hist.data[0].marker.color, *_line_colours(hist)]:
        assert contrast(colour, _bg(hist)) >= 3, colour


def test_every_trend_line_colour_stands_out_and_lines_differ_by_more_than_colour():
    names = ["England", *[f"Area {i}" for i in range(9)]]  # the regional chart: England and nine regions
    series = pl.DataFrame({"name": [n for n in names for _ in (0, 1)], "year": [2024, 2025] * len(names),
                           "value": [15.0, 16.0] * len(names)})
    fig = caseloads.trend_lines(series, 18.0, "18")
    for trace in fig.data:
        assert contrast(trace.line.color, _bg(fig)) >= 3, (trace.name, trace.line.color)
    looks = {(t.line.color, t.line.dash, t.marker.symbol) for t in fig.data}
    assert len(looks) == len(fig.data)  # no two lines alike
    symbols = [t.marker.symbol for t in fig.data]
    assert len(set(symbols[:6])) == 6  # the first six also differ by their markers, not colour alone
    emphasised = caseloads.trend_lines(series.filter(pl.col("name").is_in(names[:4])), None, "", "Area 0")
    for trace in emphasised.data:
        assert contrast(trace.line.color, _bg(emphasised)) >= 3, (trace.name, trace.line.color)


def _hexes(caseloads_: list[float | None], over: list[bool | None]) -> pl.DataFrame:
    n = len(caseloads_)
    return pl.DataFrame({
        "q": list(range(n)), "r": [0] * n, "hex_name": [f"H{i}" for i in range(n)],
        "la_name": [f"H{i}" for i in range(n)], "caseload_fte": caseloads_,
        "caseload_status": ["published" if v is not None else "x" for v in caseloads_], "over_cap": over,
    }, strict=False)


@pytest.mark.parametrize("mode", ["caseload", "distance"])
def test_every_hex_has_an_edge_that_stands_out_from_the_background(mode):
    """A hex whose fill is close to white (cividis' yellow at 25, PuOr's white at the cap, the grey of
    no figure) must still show where it is: its outline carries the 3:1."""
    hexes = _hexes([25.0, 18.0, 10.0, None], [False, False, False, None])
    fig = caseloads.hex_map(hexes, 30.0 if mode == "caseload" else 18.0, "x", mode)
    bg = fig.layout.plot_bgcolor or _bg(fig)
    for shape in fig.layout.shapes:
        assert max(contrast(shape.fillcolor, bg), contrast(shape.line.color, bg)) >= 3, (
            shape.fillcolor, shape.line.color)
    # the fills that need the outline do exist: the scales reach near-white
    assert contrast(sample_colorscale("cividis", [1.0])[0], WHITE) < 3
    assert contrast(sample_colorscale("PuOr_r", [0.5])[0], WHITE) < 3


def test_over_the_cap_hexes_are_told_apart_by_their_outline_not_only_colour():
    fig = caseloads.hex_map(_hexes([20.0, 15.0, None], [True, False, None]), 18.0, "18")
    over, under, missing = fig.layout.shapes
    assert over.line.width >= 2 * under.line.width and over.line.color != under.line.color
    assert contrast(over.line.color, WHITE) >= 3
    assert missing.fillcolor == caseloads.MISSING
    # no figure: a dotted outline, so a grey hex is not told from a pale one by its shade alone
    assert missing.line.dash == "dot" and over.line.dash == under.line.dash == "solid"


def test_funnel_groups_differ_by_shape_and_every_mark_stands_out():
    points = pl.DataFrame({
        "la_code": ["A", "B", "C"], "la_name": ["Aton", "Bville", "Cham"], "region_code": ["R"] * 3,
        "denominator": [100.0, 200.0, 300.0], "value": [19.0, 15.0, 11.0], "england_value": [15.0] * 3,
        "label": ["higher_95", "similar", "lower_95"],
        "unadjusted_label": ["higher_95", "similar", "lower_95"],
        **{c: [1.0] * 3 for c in ("lower_95", "upper_95", "lower_99_8", "upper_99_8", "unadjusted_lower_95",
                                  "unadjusted_upper_95", "unadjusted_lower_99_8", "unadjusted_upper_99_8")},
    })
    fig = variation.funnel(points, limit_curve("caseload", 15.0, 1.6, 50.0, 800.0, points=5), highlight="B")
    groups = [t for t in fig.data if t.mode == "markers"]
    assert len({t.marker.symbol for t in groups}) == len(groups) == 3
    for trace in fig.data:
        colour = trace.marker.color if trace.mode and "markers" in trace.mode else trace.line.color
        assert contrast(colour, _bg(fig)) >= 3, (trace.name, colour)
    for colour in _line_colours(fig):
        assert contrast(colour, _bg(fig)) >= 3


def test_the_lottery_bands_have_an_edge_that_stands_out():
    sizes = pl.DataFrame({"year": [2024, 2025], "between_council_sd": [2.0, 2.1],
                          "between_council_sd_lower_95": [1.5, 1.6],
                          "between_council_sd_upper_95": [2.5, 2.6],
                          "range": [10.0, 11.0], "max_min_ratio": [2.0, 2.1]})
    fig = variation.lottery(sizes)
    for trace in fig.data:
        assert contrast(trace.line.color, _bg(fig)) >= 3, (trace.name, trace.line.color)


def _css_var(name: str) -> str:
    return re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}})", CSS).group(1)


def test_the_focus_ring_stands_out_on_every_background():
    """:focus-visible draws an outline in --focus and a ring in --ink: on each background the site
    draws focusable things on, one of the two is at least 3:1."""
    rule = re.search(r":focus-visible\s*\{([^}]*)\}", CSS).group(1)
    assert "var(--focus)" in rule and "var(--ink)" in rule
    focus, ink = _css_var("focus"), _css_var("ink")
    header = re.search(r"\.site-header\s*\{[^}]*background:\s*(#[0-9a-fA-F]{6})", CSS).group(1)
    for bg in (_css_var("bg"), _css_var("soft"), header):
        assert max(contrast(focus, bg), contrast(ink, bg)) >= 3, bg
    assert contrast(focus, ink) >= 3  # and the two parts of the ring tell apart


def test_input_edges_stand_out():
    """An input's edge is --muted on light backgrounds and white in the dark header."""
    header = re.search(r"\.site-header\s*\{[^}]*background:\s*(#[0-9a-fA-F]{6})", CSS).group(1)
    for bg in (_css_var("bg"), _css_var("soft")):
        assert contrast(_css_var("muted"), bg) >= 3
    assert contrast(WHITE, header) >= 3


def _rule(selector: str) -> str:
    return re.search(rf"{re.escape(selector)}\s*\{{([^}}]*)\}}", CSS).group(1)


def _prop(rule: str, name: str) -> str:
    return re.search(rf"(?<![-\w]){name}:\s*(#[0-9a-fA-F]{{6}}|#fff\b)", rule).group(1)


@pytest.mark.parametrize("selector", [".bench-higher", ".bench-lower", ".bench-similar", ".demo-label"])
def test_label_text_axe_cannot_measure_is_at_least_4_5_to_1(selector):
    """axe leaves these for review (the labels sit in a table with a sticky header over it)."""
    rule = _rule(selector)
    assert contrast(_prop(rule, "color"), _prop(rule, "background")) >= 4.5


def test_text_on_the_demo_stripes_and_the_release_notice_is_at_least_4_5_to_1():
    """Text on a striped background (the demo submission) is measured against each stripe."""
    stripes = re.findall(r"#[0-9a-fA-F]{6}", _rule(".submission.demo"))
    release = _prop(_rule(".release-notice"), "background")
    for bg in [*stripes[1:], release]:  # stripes[0] is the dashed border
        for text in (_css_var("ink"), _css_var("accent")):
            assert contrast(text, bg) >= 4.5, (text, bg)
