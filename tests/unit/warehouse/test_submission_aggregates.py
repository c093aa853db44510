"""The worker-level figures, computed a second way: plain Python over the rows of the files.

warehouse/sql/submissions/aggregates.sql is the one definition (docs/submissions.md); this test
recomputes each figure from the CSV rows themselves, before disclosure control, for every
submission and team: case holders, the mean (children / FTE), the median and 90th percentile of
children per FTE, workers above each cap pro rata to FTE (newly qualified at the lower cap), bands.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from pipeline.submissions.inbox import folders, process_batch
from tests.support.submission_files import KNOWN, TODAY, csv_bytes, good_rows
from warehouse.build.submission_marts import build_aggregates
from warehouse.db import connect

CAPS = {"cap_12": (12.0, 12.0), "guarantee_15_12": (15.0, 12.0), "cap_20": (20.0, 20.0)}  # conftest CAPS_CSV
BANDS = [(0.0, 12.0), (12.0, 15.0), (15.0, 18.0), (18.0, 20.0), (20.0, 25.0), (25.0, None)]
TEAMS = ("assessment", "child protection", "children in care")


def _rows(la_code: str, n: int, seed: int, teams: bool) -> list[dict[str, str]]:
    rng = random.Random(seed)
    rows = good_rows(n, la_code=la_code)
    for r in rows:
        r["fte"] = rng.choice(["1", "0.8", "0.6", "0.5", "0.93"])
        r["children_allocated"] = str(rng.choice([0, rng.randint(1, 30)]) if rng.random() < 0.1
                                      else rng.randint(1, 30))
        r["newly_qualified"] = rng.choice(["yes", "no", "no", "no"])
        r["team"] = rng.choice(TEAMS) if teams else ""
    rows[0]["children_allocated"] = "0"  # a worker holding no cases is not a case holder
    rows[1]["team"] = ""  # a case holder without a team, in a file that gives teams: 'not given'
    rows[1]["children_allocated"] = "9"
    return rows


def _expected(rows: list[dict[str, str]]) -> dict[str, dict]:
    """Per team ('all' first) from the file's own text: what the aggregates must hold."""
    holders = [r for r in rows if int(r["children_allocated"]) >= 1]
    groups = {"all": holders}
    if any(r["team"] for r in holders):
        for r in holders:
            groups.setdefault(r["team"] or "not given", []).append(r)
    out = {}
    for team, members in groups.items():
        children = [int(r["children_allocated"]) for r in members]
        fte = [float(r["fte"]) for r in members]
        per_fte = [round(c / f, 6) for c, f in zip(children, fte, strict=True)]
        above = {
            sid: sum(c > round((nq if r["newly_qualified"] == "yes" else exp) * f, 6)
                     for c, f, r in zip(children, fte, members, strict=True))
            for sid, (exp, nq) in CAPS.items()
        }
        bands = [sum(lo < x and (hi is None or x <= hi) for x in per_fte) for lo, hi in BANDS]
        out[team] = {
            "case_holders": len(members), "mean": sum(children) / sum(fte),
            "median": float(np.percentile(per_fte, 50)), "p90": float(np.percentile(per_fte, 90)),
            "above": above, "bands": bands,
        }
    return out


def test_aggregates_match_a_computation_from_the_rows(settings, caps_path):
    files = {"hartlepool.csv": _rows("E06000001", 57, 1, teams=True),
             "westminster.csv": _rows("E09000033", 41, 2, teams=False)}
    paths = []
    for name, rows in files.items():
        path = folders(settings)["inbox"] / name
        path.write_bytes(csv_bytes(rows))
        paths.append(path)
    with connect(settings.work_path) as con:
        outcomes = process_batch(paths, settings, con, KNOWN, TODAY)
        assert [o.status for o in outcomes] == ["loaded", "loaded"]
        agg = build_aggregates(con, caps_path)
    ids = {o.file_name: o.sha256 for o in outcomes}

    for name, rows in files.items():
        expected = _expected(rows)
        assert expected["all"]["case_holders"] < len(rows)
        sid = ids[name]
        groups = agg["agg_groups"].filter(submission_id=sid)
        assert sorted(groups["team"]) == sorted(expected)
        for g in groups.iter_rows(named=True):
            want = expected[g["team"]]
            assert g["case_holders"] == want["case_holders"]
            assert g["caseload_mean"] == pytest.approx(want["mean"], rel=1e-12)
            assert g["caseload_median"] == pytest.approx(want["median"], rel=1e-12)
            assert g["caseload_p90"] == pytest.approx(want["p90"], rel=1e-12)
        caps = agg["agg_caps"].filter(submission_id=sid)
        assert caps.height == len(expected) * len(CAPS)
        for c in caps.iter_rows(named=True):
            assert c["case_holders"] == expected[c["team"]]["case_holders"]
            assert c["workers_above_cap"] == expected[c["team"]]["above"][c["scenario_id"]], c
        bands = agg["agg_bands"].filter(submission_id=sid).sort("band_order")
        assert bands["workers"].to_list() == expected["all"]["bands"]
