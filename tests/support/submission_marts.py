"""Hand-made rows of the submission marts after #19 (one row per group; every figure with a status),
exactly the columns the data layer publishes, for the site's tests. Suppressed figures keep a
number in their value column on purpose: a test that finds it on the page has caught a leak.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

DAY = dt.date(2025, 9, 30)
LEAK = 3.0  # the value left in a suppressed cell: never to be shown
# (group_kind, group_value, group_order)
GROUPS = (
    ("all", "all", 0),
    ("team", "assessment", 1),
    ("team", "care leavers", 2),
    ("employment", "permanent", 10),
    ("employment", "agency", 11),
    ("experience", "experienced", 20),
    ("experience", "newly qualified", 21),
    ("role", "case holder", 30),
    ("role", "senior practitioner", 31),
)
SMALL = {("team", "care leavers")}  # every figure 'c'
FIGURES = {
    "case_holders": 40,
    "caseload_mean": 17.2,
    "caseload_median": 16.5,
    "caseload_p90": 23.4,
    "families_per_fte": 9.1,
    "children_per_family": 1.89,
}
NAMED = (  # scenario_id, label, order, cap_experienced, cap_newly_qualified
    ("cap_12", "Legal cap of 12", 1, 12.0, 12.0),
    ("guarantee_15_12", "Caseload guarantee 15 / 12", 2, 15.0, 12.0),
    ("target_18", "Council target of 18", 3, 18.0, 18.0),
    ("cap_20", "Proposed national cap of 20", 4, 20.0, 20.0),
)
DECLARED_LABEL = "the council's own declared maximum"


def _status(kind: str, value: str) -> str:
    return "c" if (kind, value) in SMALL else "published"


def snapshot(is_demo: bool = False, day: dt.date = DAY, families: str = "published",
             groups: tuple = GROUPS, **figures: float) -> pl.DataFrame:
    """marts.submission_la_snapshot; `families` is the status of both family figures in every group."""
    rows = []
    for kind, value, order in groups:
        status = _status(kind, value)
        values = {**FIGURES, **figures}
        row = {
            "la_code": "E1", "la_name": "Aton", "snapshot_date": day, "group_kind": kind,
            "group_value": value, "group_order": order, "is_demo": is_demo, "submission_version": 1,
        }
        for k, v in values.items():
            family = k in ("families_per_fte", "children_per_family")
            st = families if family and status == "published" else status
            row[k] = v if st == "published" else LEAK
            row[f"{k}_status"] = st
        row.update(published_la_code="E1", published_year=day.year, published_caseload_fte=17.0,
                   published_caseload_status="published")
        rows.append(row)
    return pl.DataFrame(rows, infer_schema_length=None)


def _cap_row(kind: str, value: str, order: int, sid: str, label: str, sorder: int, exp: float | None,
             nq: float | None, measure: str, is_demo: bool, day: dt.date, n: int) -> dict:
    status = _status(kind, value)
    return {
        "la_code": "E1", "snapshot_date": day, "group_kind": kind, "group_value": value, "group_order": order,
        "scenario_id": sid, "scenario_label": label, "scenario_order": sorder, "measure": measure,
        "cap_experienced": exp, "cap_newly_qualified": nq, "is_demo": is_demo,
        "workers_above_cap": n if status == "published" else int(LEAK), "workers_above_cap_status": status,
        "pct_above_cap": round(100 * n / 40, 1) if status == "published" else LEAK,
        "pct_above_cap_status": status,
    }


def caps(is_demo: bool = False, day: dt.date = DAY, declared: bool = False, weighted: bool = False,
         groups: tuple = GROUPS) -> pl.DataFrame:
    """marts.submission_cap: every named scenario for every group, and `declared` rows when asked."""
    rows = []
    for kind, value, order in groups:
        for i, (sid, label, sorder, exp, nq) in enumerate(NAMED):
            n = 20 - 4 * i
            if sid == "guarantee_15_12":
                n = {"newly qualified": 6, "experienced": 14}.get(value, n)
            rows.append(
                _cap_row(kind, value, order, sid, label, sorder, exp, nq, "children", is_demo, day, n))
        if declared:
            rows.append(_cap_row(kind, value, order, "declared", DECLARED_LABEL, 5, None, None, "children",
                                 is_demo, day, 10))
        if weighted:
            rows.append(_cap_row(kind, value, order, "declared", DECLARED_LABEL, 5, None, None,
                                 "weighted caseload", is_demo, day, 7))
    return pl.DataFrame(rows, infer_schema_length=None)


def bands(is_demo: bool = False, day: dt.date = DAY, groups: tuple = GROUPS) -> pl.DataFrame:
    """marts.submission_bands: two bands per group; the second suppressed."""
    rows = []
    for kind, value, order in groups:
        for band_order, band, lo, hi, n, status in ((2, "over 12 to 15", 12.0, 15.0, 4, "c"),
                                                    (1, "up to 12", 0.0, 12.0, 36, "published")):
            st = "c" if (kind, value) in SMALL else status
            rows.append({
                "la_code": "E1", "snapshot_date": day, "group_kind": kind, "group_value": value,
                "group_order": order, "is_demo": is_demo, "band_order": band_order, "band": band,
                "caseload_from": lo, "caseload_to": hi,
                "workers": n if st == "published" else int(LEAK), "workers_status": st,
                "pct_workers": 90.0 if st == "published" else LEAK, "pct_workers_status": st,
            })
    return pl.DataFrame(rows, infer_schema_length=None)


def across(day: dt.date = DAY, is_demo: bool = False, councils: int = 3,
           suppressed: str = "", left_out: int = 0) -> pl.DataFrame:
    """marts.submission_across for one date: every named scenario; `suppressed` is a scenario_id made 'c'
    (no council could be pooled); the last `left_out` councils are left out of the target_18 rows."""
    codes = [f"E{i}" for i in range(1, councils + 1)]
    names = [f"Council {i}" for i in range(1, councils + 1)]
    rows = []
    for sid, label, sorder, _, _ in NAMED:
        st = "c" if sid == suppressed else "published"
        out = left_out if sid == "target_18" else 0
        pooled = councils - out if st == "published" else 0
        rows.append({
            "snapshot_date": day, "is_demo": is_demo, "scenario_id": sid, "scenario_label": label,
            "scenario_order": sorder, "measure": "children", "councils_submitted": councils,
            "councils": pooled, "council_codes": "; ".join(codes[:pooled]),
            "council_names": "; ".join(names[:pooled]), "left_out_names": "; ".join(names[pooled:]),
            "case_holders": 120 if st == "published" else int(LEAK), "case_holders_status": st,
            "workers_above_cap": 30 if st == "published" else int(LEAK), "workers_above_cap_status": st,
            "pct_above_cap": 25.0 if st == "published" else LEAK, "pct_above_cap_status": st,
        })
    return pl.DataFrame(rows, infer_schema_length=None)
