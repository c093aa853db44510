"""Synthetic council submissions for tests, benchmarks and the demo mode. Never real data.

Every file it writes is marked as demo data (a `demo` column of 'yes', worker_refs starting
DEMO-, file names starting demo_), the warehouse keeps that mark as is_demo, and the site hides
demo rows by default.

Calibration (docs/submissions.md, "Demo data"): caseloads per FTE are drawn from a gamma
distribution with the council's published average as its mean and a coefficient of variation of
0.30; newly qualified workers get 75% of the draw, senior practitioners 90% and agency workers 115%
(the sources describe agency workers handed the heaviest caseloads). Whole children are then added
or removed one at a time until sum(children) / sum(FTE) over case holders is as close to the
published average as whole children allow: within 0.5 / (case-holding FTE).

The mix differs by council, as it does in the published statistics: agency workers are 5% to 30%
of case holders, newly qualified ones 8% to 20%. About three councils in five declare a safe
maximum for each post (template v2): a full-time experienced case holder's of 15 to 20 children,
3 fewer for a newly qualified one and 2 fewer for a senior practitioner, pro rata to FTE, and a
weighted maximum of 1.2 times that beside each weighted caseload; the others declare none.

    python -m pipeline.submissions.generator OUT_DIR --snapshot 2025-09-30 [--la E06000001 ...]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from warehouse.submissions import spec

SPREAD_CV = 0.30
NQ_FACTOR = 0.75
SENIOR_FACTOR = 0.90
AGENCY_FACTOR = 1.15
AGENCY_SHARE = (0.05, 0.30)
NQ_SHARE = (0.08, 0.20)
DECLARING_SHARE = 0.6
DECLARED_EXPERIENCED = (15, 20)
DECLARED_LOWER = {"newly qualified": 3, "senior practitioner": 2}
WEIGHTED_DECLARED_FACTOR = 1.2
MEAN_FTE = 0.93
_TEAM_WEIGHTS = (
    ("assessment", 30),
    ("child protection", 30),
    ("children in care", 20),
    ("disabled children", 7),
    ("care leavers", 8),
    ("other", 5),
)


@dataclass(frozen=True)
class Target:
    """A council to simulate: its code, published average caseload and case-holding FTE."""

    la_code: str
    mean_caseload: float
    case_holders_fte: float | None = None


def generate(target: Target, snapshot: dt.date, seed: int = 0) -> list[dict[str, str]]:
    """Rows of one demo submission, as text, in the template's columns plus demo='yes'."""
    rng = random.Random(f"{seed}:{target.la_code}:{snapshot.isoformat()}")
    fte_total = target.case_holders_fte or rng.uniform(40, 200)
    holders = max(8, round(fte_total / MEAN_FTE))
    # A council's mix and whether it declares a maximum are its own, the same at every snapshot.
    council = random.Random(f"{seed}:{target.la_code}")
    agency_share, nq_share = council.uniform(*AGENCY_SHARE), council.uniform(*NQ_SHARE)
    declared = council.randint(*DECLARED_EXPERIENCED) if council.random() < DECLARING_SHARE else None
    workers = []
    for _ in range(holders):
        role = "senior practitioner" if rng.random() < 0.25 else "case holder"
        nq = role == "case holder" and rng.random() < nq_share / 0.75
        agency = rng.random() < agency_share
        fte = 1.0 if rng.random() < 0.8 else rng.choice((0.5, 0.6, 0.8, 0.9))
        factor = NQ_FACTOR if nq else SENIOR_FACTOR if role == "senior practitioner" else 1.0
        factor *= AGENCY_FACTOR if agency else 1.0
        shape = 1 / SPREAD_CV**2
        rate = rng.gammavariate(shape, target.mean_caseload / shape) * factor
        children = min(spec.MAX_CHILDREN, max(1, round(rate * fte)))
        workers.append({"role": role, "nq": nq, "fte": fte, "children": children, "agency": agency})
    _calibrate(workers, target.mean_caseload, rng)
    for _ in range(max(1, holders // 10)):  # managers and others holding no cases
        workers.append(
            {
                "role": rng.choice(("first line manager", "other qualified")),
                "nq": False,
                "fte": 1.0,
                "children": 0,
                "agency": False,
            }
        )
    rng.shuffle(workers)
    teams, weights = zip(*_TEAM_WEIGHTS, strict=True)
    rows = []
    for number, w in enumerate(workers, start=1):
        families = max(1, round(w["children"] / rng.uniform(1.5, 2.0))) if w["children"] else 0
        weighted = w["children"] * rng.uniform(0.8, 1.4)
        maximum = _declared_for(declared, w)
        rows.append(
            {
                "la_code": target.la_code,
                "snapshot_date": snapshot.isoformat(),
                "worker_ref": f"DEMO-{target.la_code[-4:]}-{number:04d}",
                "role": w["role"],
                "employment": "agency" if w["agency"] else "permanent",
                "newly_qualified": "yes" if w["nq"] else "no",
                "fte": f"{w['fte']:g}",
                "children_allocated": str(w["children"]),
                "team": rng.choices(teams, weights)[0],
                "families_allocated": str(families),
                "weighted_caseload": f"{weighted:.1f}",
                "declared_max_children": "" if maximum is None else str(maximum),
                "declared_max_weighted": ""
                if maximum is None
                else f"{maximum * WEIGHTED_DECLARED_FACTOR:.1f}",
                "demo": "yes",
            }
        )
    return rows


def _declared_for(experienced: int | None, worker: dict) -> int | None:
    """The council's declared maximum for this worker's post, or None where it declares none."""
    if experienced is None:
        return None
    kind = "newly qualified" if worker["nq"] else worker["role"]
    return max(1, round((experienced - DECLARED_LOWER.get(kind, 0)) * worker["fte"]))


def _calibrate(workers: list[dict], mean: float, rng: random.Random) -> None:
    """Add or remove whole children until the FTE-weighted mean is as close to `mean` as possible."""
    total_fte = sum(w["fte"] for w in workers)
    gap = round(mean * total_fte) - sum(w["children"] for w in workers)
    while gap:
        w = rng.choice(workers)
        if gap > 0 and w["children"] < spec.MAX_CHILDREN:
            w["children"] += 1
            gap -= 1
        elif gap < 0 and w["children"] > 1:
            w["children"] -= 1
            gap += 1


def write_csv(rows: list[dict[str, str]], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*spec.TEMPLATE_COLUMNS, "demo"])
        writer.writeheader()
        writer.writerows(rows)
    return path


def file_name(target: Target, snapshot: dt.date) -> str:
    return f"demo_{target.la_code}_{snapshot.isoformat()}.csv"


def write_demo(targets: list[Target], snapshot: dt.date, folder: Path, seed: int = 0) -> list[Path]:
    return [write_csv(generate(t, snapshot, seed), folder / file_name(t, snapshot)) for t in targets]


def write_published_demo(
    folder: Path, snapshot: dt.date, la_codes: list[str] | None, seed: int, work_path: Path
) -> list[Path]:
    """Demo files for every council (or those in `la_codes`) with a caseload in the working file."""
    from warehouse.build.submission_marts import published_targets
    from warehouse.db import connect

    con = connect(work_path, read_only=True)
    try:
        rows = published_targets(con, snapshot)
    finally:
        con.close()
    targets = [Target(*r) for r in rows if not la_codes or r[0] in la_codes]
    return write_demo(targets, snapshot, folder, seed)


def main(argv: list[str] | None = None) -> int:
    """`python -m pipeline.submissions.generator`: an entry point, so it reads the settings."""
    from warehouse.config import Settings

    parser = argparse.ArgumentParser(description="Write demo submissions calibrated to published caseloads.")
    parser.add_argument("out", type=Path, help="folder to write to, e.g. the submissions inbox")
    parser.add_argument("--snapshot", type=dt.date.fromisoformat, default=dt.date(2025, 9, 30))
    parser.add_argument("--la", nargs="*", help="council codes (default: every council with a caseload)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    work_path = Settings.from_env().work_path
    for path in write_published_demo(args.out, args.snapshot, args.la, args.seed, work_path):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
