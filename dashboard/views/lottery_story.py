"""The postcode lottery in words, at the top of the overview: what a reader arriving from a news
story should take away before touching a control, for the year shown.

Four sentences, each read from one mart and linking to the chart it sums up: the range between
councils (marts.variation_year), the widest gap between two councils within 50 miles
(marts.nearby_gaps), how many councils are over each named cap (marts.area_year_cap, the release's
caps) and whether the gap between councils has narrowed since the first year (marts.lottery_size).
Every figure is as published; a council the story names keeps its note (marts.la_year.caseload_note)
beside it; the block cites the release it comes from. Plain functions of rows, so every wording is
tested without a browser; `story_block` only lays them out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import polars as pl
from dash import dcc, html

from dashboard.address import search
from dashboard.components.notes import figure_note
from dashboard.reading.page_release import built_text
from dashboard.views import words
from dashboard.views.council_facts import release_name
from warehouse.domain import Cap

UNIT = "children per social worker"
STORY_ID = "story"


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text, the notes on the councils it names, and the chart it sums up (the
    `chart_block` whose section id is `section-<chart>`, on `page`)."""

    text: str
    notes: tuple[str, ...]
    page: str
    chart: str
    link_text: str


def _and(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _unique(notes: Iterable[str | None]) -> tuple[str, ...]:
    """The notes in order, each once (a council named twice has its note once)."""
    return tuple(dict.fromkeys(n for n in notes if n))


def _split(joined: str | None) -> list[str]:
    return [n.strip() for n in (joined or "").split(";") if n.strip()]


def range_sentence(year: int, variation: Mapping | None, notes: Mapping[str, str | None]) -> Sentence | None:
    """The lowest and highest council that year, named (every tied one), with their caseloads.

    `variation` is marts.variation_year's England row; `notes` maps a council's name to its caseload
    note that year, so a named council's note sits beside it.
    """
    if not variation or None in (variation.get("min_caseload_fte"), variation.get("max_caseload_fte")):
        return None
    low, high = variation["min_la_names"], variation["max_la_names"]
    text = (
        f"In {year} council averages ranged from {variation['min_caseload_fte']:.1f} {UNIT} "
        f"({words.tied_names(low)}) to {variation['max_caseload_fte']:.1f} ({words.tied_names(high)}), "
        f"across the {variation['n_las_covered']} councils with a published figure"
    )
    unknown = variation.get("n_las_unknown") or 0
    if unknown:
        text += f"; {unknown} {'was' if unknown == 1 else 'were'} not published"
    named = _split(low) + _split(high)
    return Sentence(
        text + ".",
        _unique(words.named_note(n, notes.get(n)) for n in named),
        "/",
        "distribution",
        "See how council averages are spread",
    )


def nearby_sentence(gaps: pl.DataFrame | None) -> Sentence | None:
    """The widest gap between two councils within 50 miles (marts.nearby_gaps, rank 1): both names,
    both caseloads, the distance, and every pair when several share it."""
    if gaps is None or not gaps.height:
        return None
    top = gaps.filter(pl.col("gap_rank") == 1).sort("higher_la_name", "lower_la_name")
    rows = list(top.iter_rows(named=True))
    pairs = [
        f"{r['higher_la_name']} ({r['higher_caseload_fte']:.1f}) and {r['lower_la_name']} "
        f"({r['lower_caseload_fte']:.1f}), {r['miles_apart']:.0f} miles apart"
        for r in rows
    ]
    gap = f"{rows[0]['gap_caseload_fte']:.1f} {UNIT}"
    lead = "The widest gap between two councils within 50 miles of each other was"
    text = (
        f"{lead} {gap}: {pairs[0]}."
        if len(pairs) == 1
        else f"{lead} {gap}, shared by {len(pairs)} pairs: {'; '.join(pairs)}."
    )
    notes = _unique(
        note
        for r in rows
        for note in (
            words.named_note(r["higher_la_name"], r["higher_caseload_note"]),
            words.named_note(r["lower_la_name"], r["lower_caseload_note"]),
        )
    )
    return Sentence(text, notes, "/", "map", "See every council on the map")


def caps_sentence(year: int, rows: pl.DataFrame, named: Mapping[str, Cap]) -> Sentence | None:
    """How many councils are over each named cap (marts.area_year_cap, England rows), in the
    release's order and with the site's names for its caps."""
    by_scenario = {r["scenario_id"]: r for r in rows.iter_rows(named=True)}
    found = [(cap, by_scenario[cap.scenario_id]) for cap in named.values() if cap.scenario_id in by_scenario]
    if not found:
        return None
    first = found[0][1]
    counts = [f"{r['n_las_over_cap']} over {cap.label}" for cap, r in found]
    counts[0] = (
        f"{first['n_las_over_cap']} of the {first['n_las_covered']} councils with a published average "
        f"{'was' if first['n_las_over_cap'] == 1 else 'were'} over a cap of {found[0][0].label}"
    )
    return Sentence(
        f"In {year}, {_and(counts)}.", (), "/", "ranked", "See every council ranked against a cap"
    )


def lottery_verdict(first: Mapping, last: Mapping) -> str:
    """Whether the gap between councils narrowed, in words the 95% intervals allow.

    'Narrowed' (or 'widened') only when the later interval lies wholly below (above) the earlier
    one; otherwise the change is within the uncertainty and is said so.
    """
    y0 = first["year"]
    a, b = first["between_council_sd"], last["between_council_sd"]
    bounds = (first["between_council_sd_lower_95"], first["between_council_sd_upper_95"],
              last["between_council_sd_lower_95"], last["between_council_sd_upper_95"])
    a_lo, a_hi, b_lo, b_hi = bounds
    if None not in bounds:
        if b_hi < a_lo:
            return f"The gap between councils has narrowed since {y0}"
        if b_lo > a_hi:
            return f"The gap between councils has widened since {y0}"
    if round(a, 1) == round(b, 1):
        return f"The gap between councils is about the same as in {y0}"
    smaller = b < a
    why = "within the uncertainty" if None not in bounds else "without an interval for both years"
    return (
        f"The gap between councils is {'smaller' if smaller else 'larger'} than in {y0}, but {why}, "
        f"so it cannot be said to have {'narrowed' if smaller else 'widened'}"
    )


def lottery_sentence(year: int, sizes: pl.DataFrame) -> Sentence | None:
    """The between-council SD (marts.lottery_size, caseload) in the first year and the year shown,
    with their 95% intervals, and the verdict on them."""
    shown = sizes.filter(pl.col("year") <= year).sort("year")
    last = shown.filter(pl.col("year") == year)
    if not last.height or last["between_council_sd"][0] is None:
        return None
    first, last_row = shown.row(0, named=True), last.row(0, named=True)
    page, chart, link = "/trends", "lottery", "See the size of the lottery each year, on Trends"
    if first["year"] == year:
        return Sentence(
            f"{year} is the first year in these figures, so there is no earlier year to compare the gap "
            "between councils with.",
            (), page, chart, link,
        )

    def sd(r: Mapping, with_label: bool) -> str:
        interval = (
            f"{r['between_council_sd_lower_95']:.1f} to {r['between_council_sd_upper_95']:.1f}"
            if r["between_council_sd_lower_95"] is not None and r["between_council_sd_upper_95"] is not None
            else "no interval"
        )
        return f"{r['between_council_sd']:.1f}{' ' + UNIT if with_label else ''} in {r['year']} " + (
            f"(95% interval {interval})" if with_label else f"({interval})"
        )

    return Sentence(
        f"{lottery_verdict(first, last_row)}: the spread between councils that chance does not explain was "
        f"{sd(first, True)} and {sd(last_row, False)}.",
        (), page, chart, link,
    )


def citation(year: int, source: Mapping | None, release: Mapping) -> str:
    """Where the story's figures come from: the publisher's release, the centres, and this site's
    release (its id and when it was built), in the words of the council page's citation."""
    vintage = release_name((source or {}).get("vintage"), "latest release")
    url = (source or {}).get("landing_page")
    return (
        f"Figures for {year}: Department for Education, Children's social work workforce, {vintage}"
        f"{', ' + url if url else ''}; distances between council centres from mySociety's council data. "
        f"Via Caseload Watch, release {release.get('release_id', '?')}, "
        f"built {built_text(release.get('built_at'))}. "
        "Contains public sector information licensed under the Open Government Licence v3.0."
    )


def sentence_href(sentence: Sentence, year: int, cap_key: str, pin: Mapping[str, str]) -> str:
    """Where a sentence's link goes: a chart on another page by its pinned address (`pin` is
    page_release.pin()); a chart on this page by its fragment alone, which keeps the address the
    reader is on (and its release). A pinned address of this page would reload it, and the browser
    looks for the fragment before Dash has drawn the chart, so the reader would land at the top."""
    fragment = f"#section-{sentence.chart}"
    if sentence.page == "/":
        return fragment
    return search(sentence.page, year=year, cap=cap_key, **pin) + fragment


def story_block(year: int, items: list[tuple[Sentence, str]], cite: str, permalink: str) -> html.Section:
    """The story as a section before the year / cap form: each sentence with its notes and the link
    (`items` pairs a sentence with `sentence_href`), then the citation."""
    return html.Section(
        id=STORY_ID,
        className="story",
        **{"aria-labelledby": "h-story"},
        children=[
            html.H2(f"The postcode lottery in {year}", id="h-story"),
            html.Ul(
                [
                    html.Li(
                        [
                            sentence.text,
                            " ",
                            figure_note(" ".join(sentence.notes) or None),
                            " ",
                            (html.A if sentence.page == "/" else dcc.Link)(sentence.link_text, href=href),
                            ".",
                        ]
                    )
                    for sentence, href in items
                ],
                className="story-sentences",
            ),
            html.P(
                [cite, " ", html.A("A link to these figures on this release", href=permalink), "."],
                className="citation",
            ),
        ],
    )
