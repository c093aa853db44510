"""The additional social workers figure always reads as a minimum, on the Overview and the profile."""

from __future__ import annotations

from dashboard import profile, wording


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
