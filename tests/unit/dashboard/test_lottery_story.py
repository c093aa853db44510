"""The postcode lottery in words (views/lottery_story.py), on small hand-made rows: every council it
names is named with its caseload and note, ties are all named, the caps come in the release's order,
and 'narrowed' is said only when the 95% intervals allow it."""

from __future__ import annotations

import datetime as dt

import polars as pl

from dashboard.address import named_caps
from dashboard.views import lottery_story as story

LIVERPOOL_NOTE = "Halved since 2024 (20.3 to 10.1): check with the council before quoting."


def _variation(**over) -> dict:
    row = {"year": 2025, "n_las_covered": 149, "n_las_unknown": 2, "min_caseload_fte": 6.0,
           "min_la_names": "Isles of Scilly", "max_caseload_fte": 20.9,
           "max_la_names": "North East Lincolnshire", "range_caseload_fte": 14.9}
    return {**row, **over}


def _gap(higher: str, hv: float, lower: str, lv: float, miles: float, rank: int = 1,
         higher_note: str | None = None, lower_note: str | None = None) -> dict:
    return {"year": 2025, "gap_rank": rank, "gap_caseload_fte": round(hv - lv, 1), "miles_apart": miles,
            "higher_la_code": "E1", "higher_la_name": higher, "higher_caseload_fte": hv,
            "higher_caseload_note": higher_note, "lower_la_code": "E2", "lower_la_name": lower,
            "lower_caseload_fte": lv, "lower_caseload_note": lower_note}


def _sizes(*rows: tuple[int, float, float, float]) -> pl.DataFrame:
    return pl.DataFrame(
        [{"year": y, "between_council_sd": sd, "between_council_sd_lower_95": lo,
          "between_council_sd_upper_95": hi} for y, sd, lo, hi in rows]
    )


def test_range_names_both_ends_with_their_caseloads_and_notes():
    s = story.range_sentence(2025, _variation(), {"Isles of Scilly": "Down 63% since 2024 (16.0 to 6.0)."})
    assert s.text == (
        "In 2025 council averages ranged from 6.0 children per social worker (Isles of Scilly) to 20.9 "
        "(North East Lincolnshire), across the 149 councils with a published figure; 2 were not published."
    )
    assert s.notes == ("Isles of Scilly: down 63% since 2024 (16.0 to 6.0).",)
    assert (s.page, s.chart) == ("/", "distribution")


def test_range_names_every_tied_council_and_says_nothing_of_unknowns_when_none():
    s = story.range_sentence(2025, _variation(min_la_names="Rutland; Westminster", n_las_unknown=0), {})
    assert "6.0 children per social worker (Rutland and Westminster (tied))" in s.text
    assert "not published" not in s.text and s.notes == ()
    assert story.range_sentence(2025, None, {}) is None
    assert story.range_sentence(2025, _variation(min_caseload_fte=None), {}) is None


def test_widest_nearby_gap_names_both_councils_the_distance_and_liverpools_note():
    gaps = pl.DataFrame([_gap("Bolton", 20.8, "Liverpool", 10.1, 22.4164, lower_note=LIVERPOOL_NOTE),
                         _gap("Bedford", 19.5, "Islington", 10.1, 46.95, rank=2)])
    s = story.nearby_sentence(gaps)
    assert s.text == (
        "The widest gap between two councils within 50 miles of each other was 10.7 children per social "
        "worker: Bolton (20.8) and Liverpool (10.1), 22 miles apart."
    )
    assert s.notes == (f"Liverpool: h{LIVERPOOL_NOTE[1:]}",)
    assert "Bedford" not in s.text and s.chart == "map"


def test_tied_widest_gaps_are_all_named_and_a_council_in_both_has_its_note_once():
    gaps = pl.DataFrame([_gap("Oldham", 20.0, "Liverpool", 10.1, 30.0, lower_note=LIVERPOOL_NOTE),
                         _gap("Bolton", 20.0, "Liverpool", 10.1, 22.4, lower_note=LIVERPOOL_NOTE)])
    s = story.nearby_sentence(gaps)
    assert "was 9.9 children per social worker, shared by 2 pairs: Bolton (20.0) and Liverpool (10.1), " \
           "22 miles apart; Oldham (20.0) and Liverpool (10.1), 30 miles apart." in s.text
    assert len(s.notes) == 1
    assert story.nearby_sentence(None) is None  # a release made before marts.nearby_gaps
    assert story.nearby_sentence(gaps.head(0)) is None


def _caps() -> pl.DataFrame:
    return pl.DataFrame(
        {"scenario_id": ["cap_12", "guarantee_15_12", "target_18", "cap_20"], "label": ["a", "b", "c", "d"],
         "cap": [12.0, 15.0, 18.0, 20.0], "cap_experienced": [12.0, 15.0, 18.0, 20.0],
         "cap_newly_qualified": [12.0, 12.0, 18.0, 20.0], "sort_order": [1, 2, 3, 4]}
    )


def _over(counts: dict[str, int], covered: int = 149) -> pl.DataFrame:
    return pl.DataFrame([{"scenario_id": k, "n_las_over_cap": v, "n_las_covered": covered, "n_las_unknown": 2}
                         for k, v in counts.items()])


def test_caps_in_the_releases_order_with_the_sites_names():
    rows = _over({"cap_20": 2, "target_18": 16, "cap_12": 138, "guarantee_15_12": 81})
    s = story.caps_sentence(2025, rows, named_caps(_caps()))
    assert s.text == (
        "In 2025, 138 of the 149 councils with a published average were over a cap of 12 children, "
        "81 over 15 (12 for newly qualified), 16 over 18 children and 2 over 20 children."
    )
    assert s.chart == "ranked"


def test_caps_say_was_for_one_council_and_skip_caps_the_rows_lack():
    s = story.caps_sentence(2025, _over({"cap_20": 1}), named_caps(_caps()))
    assert s.text == "In 2025, 1 of the 149 councils with a published average was over a cap of 20 children."
    assert story.caps_sentence(2025, _over({}), named_caps(_caps())) is None


def test_a_smaller_spread_within_overlapping_intervals_is_not_called_narrowed():
    s = story.lottery_sentence(2025, _sizes((2017, 2.048, 1.687, 2.384), (2024, 1.7, 1.4, 1.9),
                                            (2025, 1.591, 1.265, 1.845)))
    assert s.text == (
        "The gap between councils is smaller than in 2017, but within the uncertainty, so it cannot be said "
        "to have narrowed: the spread between councils that chance does not explain was 2.0 children per "
        "social worker in 2017 (95% interval 1.7 to 2.4) and 1.6 in 2025 (1.3 to 1.8)."
    )
    assert (s.page, s.chart) == ("/trends", "lottery")


def test_narrowed_and_widened_only_when_the_intervals_part():
    first = {"year": 2017, "between_council_sd": 2.0, "between_council_sd_lower_95": 1.8,
             "between_council_sd_upper_95": 2.2}
    lower = {"year": 2025, "between_council_sd": 1.2, "between_council_sd_lower_95": 1.0,
             "between_council_sd_upper_95": 1.7}
    higher = {"year": 2025, "between_council_sd": 3.0, "between_council_sd_lower_95": 2.3,
              "between_council_sd_upper_95": 3.5}
    assert story.lottery_verdict(first, lower) == "The gap between councils has narrowed since 2017"
    assert story.lottery_verdict(first, higher) == "The gap between councils has widened since 2017"
    touching = {**lower, "between_council_sd_upper_95": 1.8}  # touches the earlier interval: not apart
    assert "cannot be said to have narrowed" in story.lottery_verdict(first, touching)
    larger = {**higher, "between_council_sd": 2.2, "between_council_sd_lower_95": 2.1}
    assert story.lottery_verdict(first, larger).startswith("The gap between councils is larger than in 2017")
    same = {"year": 2025, "between_council_sd": 2.04, "between_council_sd_lower_95": 1.8,
            "between_council_sd_upper_95": 2.3}
    assert story.lottery_verdict(first, same) == "The gap between councils is about the same as in 2017"
    no_interval = {**lower, "between_council_sd_lower_95": None}
    assert "without an interval for both years" in story.lottery_verdict(first, no_interval)


def test_the_first_year_has_nothing_to_compare_with():
    s = story.lottery_sentence(2017, _sizes((2017, 2.0, 1.7, 2.4), (2025, 1.6, 1.3, 1.8)))
    assert s.text.startswith("2017 is the first year in these figures")
    assert story.lottery_sentence(2030, _sizes((2017, 2.0, 1.7, 2.4))) is None


def test_links_go_to_the_chart_pinned_across_pages_and_by_fragment_on_the_page():
    on_page = story.Sentence("t", (), "/", "map", "See")
    trends = story.Sentence("t", (), "/trends", "lottery", "See")
    pin = {"release": "20251201T090000Z-89abcdef"}
    assert story.sentence_href(on_page, 2025, "18", pin) == "#section-map"
    assert story.sentence_href(trends, 2025, "15-12", pin) == (
        "/trends?year=2025&cap=15-12&release=20251201T090000Z-89abcdef#section-lottery"
    )


def test_citation_names_the_publishers_release_and_ours():
    source = {"vintage": "Reporting year 2025 release (page last updated 19 March 2026)",
              "landing_page": "https://example.org/csww"}
    release = {"release_id": "20251201T090000Z-89abcdef", "built_at": dt.datetime(2025, 12, 1, 9, 0)}
    text = story.citation(2025, source, release)
    assert text.startswith(
        "Figures for 2025: Department for Education, Children's social work workforce, reporting year 2025 "
        "release, https://example.org/csww;"
    )
    assert "release 20251201T090000Z-89abcdef, built 01 December 2025 at 09:00 UTC" in text
    assert "Open Government Licence v3.0" in text


def test_the_block_lays_out_each_sentence_with_its_note_and_link():
    s = story.Sentence("The widest gap ...", ("Liverpool: halved.",), "/", "map",
                       "See every council on the map")
    block = story.story_block(2025, [(s, "#section-map")], "Figures for 2025 ...", "/?year=2025")
    assert block.id == "story"
    item = block.children[1].children[0]
    note, link = item.children[2], item.children[4]
    assert "Liverpool: halved." in note.children[1]
    assert (link.href, link.children) == ("#section-map", "See every council on the map")
