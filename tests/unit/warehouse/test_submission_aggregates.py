"""The worker-level figures, computed a second way: plain Python over the rows of the files.

warehouse/sql/submissions/aggregates.sql is the one definition (docs/submissions.md); this test
recomputes each figure from the CSV rows themselves, before disclosure control, for every
submission and group (whole council, team, employment, experience, role): case holders, the mean
(children / FTE), the median and 90th percentile of children per FTE, families per FTE and children
per family, workers above each cap pro rata to FTE (newly qualified at the lower cap) and above their
own declared maximum (children and weighted), bands.
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


def _rows(la_code: str, n: int, seed: int, teams: bool, declares: bool = False) -> list[dict[str, str]]:
    rng = random.Random(seed)
    rows = good_rows(n, la_code=la_code)
    for r in rows:
        r["fte"] = rng.choice(["1", "0.8", "0.6", "0.5", "0.93"])
        r["children_allocated"] = str(rng.choice([0, rng.randint(1, 30)]) if rng.random() < 0.1
                                      else rng.randint(1, 30))
        r["newly_qualified"] = rng.choice(["yes", "no", "no", "no"])
        r["employment"] = rng.choice(["agency", "permanent", "permanent"])
        r["role"] = rng.choice(["case holder", "case holder", "senior practitioner"])
        r["team"] = rng.choice(TEAMS) if teams else ""
        r["families_allocated"] = str(rng.randint(0, 15)) if declares else ""
        r["weighted_caseload"] = f"{rng.uniform(0, 40):.1f}"
        r["declared_max_children"] = str(rng.randint(10, 20)) if declares else ""
        r["declared_max_weighted"] = f"{rng.uniform(10, 30):.1f}" if declares else ""
    rows[0]["children_allocated"] = "0"  # a worker holding no cases is not a case holder
    rows[1]["team"] = ""  # a case holder without a team, in a file that gives teams: 'not given'
    rows[1]["children_allocated"] = "9"
    return rows


def _groups(holders: list[dict[str, str]]) -> dict[tuple[str, str], list[dict[str, str]]]:
    """Every group, from the rows' own text: whole council, teams (if given), employment, experience, role."""
    groups: dict[tuple[str, str], list] = {("all", "all"): holders}
    for r in holders:
        if any(h["team"] for h in holders):
            groups.setdefault(("team", r["team"] or "not given"), []).append(r)
        groups.setdefault(("employment", r["employment"]), []).append(r)
        experience = "newly qualified" if r["newly_qualified"] == "yes" else "experienced"
        groups.setdefault(("experience", experience), []).append(r)
        groups.setdefault(("role", r["role"]), []).append(r)
    return groups


def _expected(rows: list[dict[str, str]]) -> dict[tuple[str, str], dict]:
    """Per group from the file's own text: what the aggregates must hold."""
    holders = [r for r in rows if int(r["children_allocated"]) >= 1]
    out = {}
    for group, members in _groups(holders).items():
        children = [int(r["children_allocated"]) for r in members]
        fte = [float(r["fte"]) for r in members]
        per_fte = [round(c / f, 6) for c, f in zip(children, fte, strict=True)]
        above = {
            (sid, "children"): sum(c > round((nq if r["newly_qualified"] == "yes" else exp) * f, 6)
                                   for c, f, r in zip(children, fte, members, strict=True))
            for sid, (exp, nq) in CAPS.items()
        }
        if all(r["declared_max_children"] for r in members):
            above[("declared", "children")] = sum(
                int(r["children_allocated"]) > int(r["declared_max_children"]) for r in members)
            above[("declared", "weighted caseload")] = sum(
                float(r["weighted_caseload"]) > float(r["declared_max_weighted"]) for r in members)
        families = [int(r["families_allocated"]) for r in members if r["families_allocated"]]
        given = len(families) == len(members)
        bands = [sum(lo < x and (hi is None or x <= hi) for x in per_fte) for lo, hi in BANDS]
        out[group] = {
            "case_holders": len(members), "mean": sum(children) / sum(fte),
            "median": float(np.percentile(per_fte, 50)), "p90": float(np.percentile(per_fte, 90)),
            "families_per_fte": sum(families) / sum(fte) if given else None,
            "children_per_family": sum(children) / sum(families) if given and sum(families) else None,
            "above": above, "bands": bands,
        }
    return out


def test_aggregates_match_a_computation_from_the_rows(settings, caps_path):
    files = {"hartlepool.csv": _rows("E06000001", 57, 1, teams=True),
             "westminster.csv": _rows("E09000033", 41, 2, teams=False, declares=True)}
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
        assert expected[("all", "all")]["case_holders"] < len(rows)
        sid = ids[name]
        groups = agg["agg_groups"].filter(submission_id=sid)
        assert sorted(groups.select("group_kind", "group_value").rows()) == sorted(expected)
        for g in groups.iter_rows(named=True):
            want = expected[(g["group_kind"], g["group_value"])]
            assert g["case_holders"] == want["case_holders"]
            assert g["caseload_mean"] == pytest.approx(want["mean"], rel=1e-12)
            assert g["caseload_median"] == pytest.approx(want["median"], rel=1e-12)
            assert g["caseload_p90"] == pytest.approx(want["p90"], rel=1e-12)
            for figure in ("families_per_fte", "children_per_family"):
                assert g[figure] == (None if want[figure] is None else pytest.approx(want[figure], rel=1e-12))
        caps = agg["agg_caps"].filter(submission_id=sid)
        assert caps.height == sum(len(w["above"]) for w in expected.values())
        for c in caps.iter_rows(named=True):
            want = expected[(c["group_kind"], c["group_value"])]
            assert c["case_holders"] == want["case_holders"]
            assert c["workers_above_cap"] == want["above"][(c["scenario_id"], c["measure"])], c
        bands = agg["agg_bands"].filter(submission_id=sid).sort("band_order")
        assert set(bands["group_kind"]) == {"all"}
        assert bands["workers"].to_list() == expected[("all", "all")]["bands"]
    hartlepool = agg["agg_caps"].filter(submission_id=ids["hartlepool.csv"])
    assert "declared" not in set(hartlepool["scenario_id"])  # declares nothing: no rows, never zeros
