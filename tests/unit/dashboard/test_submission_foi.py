"""An FOI answer on the council page: every part says it is an FOI answer and names its source (a link
only for an https address), a cap no band ends at is words, never a number, and the council's own
submission wins when it is as recent."""

from __future__ import annotations

import datetime as dt

import polars as pl
from dash import html

from dashboard.views import submission_foi as sf
from tests.support.site import texts

SNAP = dt.date(2025, 9, 30)
URL = "https://www.example.gov.uk/foi/2025-0456"


def _answer(source: str = "FOI 2025/0456", url: str | None = None) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "la_code": "E06000001",
                "la_name": "Hartlepool",
                "snapshot_date": SNAP,
                "basis": "FOI answer",
                "source": source,
                "source_url": url,
                "submission_version": 1,
                "bands": 3,
                "case_holders": 74,
                "case_holders_status": "published",
                "published_la_code": "E06000001",
                "published_year": 2025,
                "published_caseload_fte": 13.9,
                "published_caseload_status": "published",
            }
        ]
    )


def _bands() -> pl.DataFrame:
    rows = [
        (1, "0 to 12", 40, "published", 54.1),
        (2, "13 to 18", 30, "published", 40.5),
        (3, "19 or more", None, "c", None),
    ]
    return pl.DataFrame(
        [
            {
                "la_code": "E06000001",
                "snapshot_date": SNAP,
                "band_order": o,
                "band": b,
                "case_holders": n,
                "case_holders_status": s,
                "pct_case_holders": p,
                "pct_case_holders_status": s,
            }
            for o, b, n, s, p in rows
        ]
    )


def _caps() -> pl.DataFrame:
    rows = [
        ("Legal cap of 12", 12.0, 34, "published", 45.9, None),
        (
            "Caseload guarantee 15 / 12",
            15.0,
            None,
            "cannot be computed from these bands",
            None,
            "No band of this answer ends at 15 children, so the share above it is not known.",
        ),
    ]
    return pl.DataFrame(
        [
            {
                "la_code": "E06000001",
                "snapshot_date": SNAP,
                "scenario_label": label,
                "cap_applied": cap,
                "workers_above_cap": n,
                "workers_above_cap_status": s,
                "pct_above_cap": p,
                "pct_above_cap_status": s,
                "note": note,
            }
            for label, cap, n, s, p, note in rows
        ]
    )


def _links(component) -> list[str]:
    found = []
    if isinstance(component, html.A):
        found.append(component.href)
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            found += _links(child)
    return found


def test_a_reference_is_named_and_every_caption_says_foi_answer():
    [view] = sf.foi_views(_answer(), _bands(), _caps())
    shown = texts(sf.foi_block(view))
    assert view.title == "FOI answer: Hartlepool, counts of 30 September 2025"
    assert "FOI reference FOI 2025/0456" in shown
    captions = [t for t in shown if "social workers by children held" in t or "above each named cap" in t]
    assert len(captions) == 2 and all(
        t.startswith("FOI answer (FOI reference FOI 2025/0456)") for t in captions
    )
    assert not [h for h in _links(sf.foi_block(view)) if h.startswith("https://www.example")]


def test_a_published_answer_is_a_link():
    [view] = sf.foi_views(_answer(URL, URL), _bands(), _caps())
    assert URL in _links(sf.foi_block(view))
    assert any(URL in t for t in texts(sf.foi_block(view)) if t.startswith("FOI answer ("))


def test_a_cap_no_band_ends_at_is_words_and_c_is_the_suppression_sentence():
    [view] = sf.foi_views(_answer(), _bands(), _caps())
    caps = {c["Cap"]: c for c in view.caps}
    assert (
        caps["Legal cap of 12"]["Above the cap"] == "45.9% of social workers (34) hold more than 12 children"
    )
    guarantee = caps["Caseload guarantee 15 / 12"]
    assert guarantee["Above the cap"] == "cannot be computed from these bands"
    assert "ends at 15" in guarantee["Why"]
    assert view.bands[2]["workers"].startswith("suppressed") and view.bands[2]["pct"] is None


def test_the_councils_own_submission_wins_when_as_recent():
    assert sf.foi_views(_answer(), _bands(), _caps(), newer_than={"E06000001": SNAP}) == []
    older = {"E06000001": dt.date(2024, 9, 30)}
    assert len(sf.foi_views(_answer(), _bands(), _caps(), newer_than=older)) == 1
