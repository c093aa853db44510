"""The additional social workers figure always reads as a minimum, on the Overview and the profile."""

from __future__ import annotations

from dashboard.views import council_facts as profile
from dashboard.views import words as wording


def _over_cap_row(additional: float | None) -> dict:
    return {
        "caseload_fte": 20.5,
        "caseload_status": "published",
        "over_cap": True,
        "excess": 2.5,
        "additional_fte": additional,
    }


def _against_the_cap(row: dict) -> str:
    return {f.label: f.text for f in profile.facts(2025, "18", row, None, None)}["Against the cap"]


def test_headline_says_at_least():
    assert wording.at_least(5785.8) == "at least 5,786"
    assert wording.at_least(None) == "no figure"
    assert "a council whose average is at the cap still has workers above it" in wording.LOWER_BOUND_NOTE


def test_profile_says_the_additional_fte_is_a_lower_bound():
    text = _against_the_cap(_over_cap_row(12.34))
    assert "Over the cap of 18 by 2.5" in text
    assert "At least 12.3 more social workers (FTE)" in text
    assert "still has workers above it" in text
    assert "about" not in text


def test_profile_without_cases_gives_no_number():
    text = _against_the_cap(_over_cap_row(None))
    assert "cannot be worked out" in text and "At least" not in text


def test_profile_at_the_cap_needs_no_one():
    """At the cap by the published figure (18.0 against 18) is not over it, so no extra workers: the
    same rule as marts.la_year_cap.additional_fte_needed (docs/method.md, "Additional FTE needed")."""
    row = {**_over_cap_row(0.0), "caseload_fte": 18.0, "over_cap": False, "excess": 0.0}
    text = _against_the_cap(row)
    assert "At or under the cap of 18" in text
    assert "No more social workers are needed" in text and "At least" not in text
    assert "exactly at the cap needs none" in wording.OVER_CAP_ONLY


def test_a_rate_with_no_population_reads_as_no_figure_not_as_suppressed():
    """Children in need are published for the old Dorset councils in 2017-2018, but there is no population
    estimate to divide by: the profile says so, never 'not published'."""
    context = {f"{m}_rate_fte": 10.0 for m in ("agency", "vacancy", "turnover", "absence")}
    context |= {f"{m}_rate_fte_status": "published" for m in ("agency", "vacancy", "turnover", "absence")}
    context |= {"cin_year": 2017, "cin_per_10000": None, "cin_status": "published",
                "cin_per_10000_status": "no population", "sw_year": None,
                "pct_cla_3plus_social_workers": None}
    rows = dict(profile.context_rows(context))
    text = rows["Children in need per 10,000 children (31 March 2017)"]
    assert text == "no figure (no population estimate to divide by)"


def test_what_a_caseload_counts_is_one_sentence_shown_beside_the_councils_average():
    assert wording.CASELOAD_COUNTS.count(". ") == 0 and wording.CASELOAD_COUNTS.endswith(".")
    for words_ in ("children, not families", "case-holding social worker (full-time equivalent)",
                   "published average", "not any one worker's caseload"):
        assert words_ in wording.CASELOAD_COUNTS
    row = {**_over_cap_row(1.0), "caseload_note": None}
    fact = profile.facts(2025, "18", row, None, None)[0]
    assert fact.label == "Average caseload, 2025" and fact.text == f"20.5. {wording.CASELOAD_COUNTS}"


def test_tied_names_and_named_notes():
    assert wording.tied_names("Rutland") == "Rutland"
    assert wording.tied_names("A; B; C") == "A, B and C (tied)"
    assert wording.named_note("Liverpool", "Halved since 2024.") == "Liverpool: halved since 2024."
    assert wording.named_note("Liverpool", None) is None
