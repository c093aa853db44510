"""Council submissions at national scale (docs/benchmarks.md): validate, load, breach rates.

Generation (the demo generator, weekly snapshots for every council, scaled to about 38,000
workers a week) is timed on its own and cached in --work-dir. The measured path then runs in a
fresh child process per size, and is the product's: the files hard-linked into a fresh inbox
(outside the timer), inbox.process_batch (every file checked, all acceptable files loaded in one
transaction, archived), then build_aggregates, disclosure.apply and write_marts. The floor, in a
child process of its own: DuckDB read_csv of the same files and one GROUP BY computing the same
breach rates. Peak memory is each child's ru_maxrss (os.wait4).

    .venv/bin/python bench/submissions.py [--rows 1,3,6] [--quick] [--work-dir DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from warehouse.config import Settings  # noqa: E402

TARGET_SECONDS = 60.0
TARGET_PEAK_GB = 3.0
NATIONAL_WORKERS = 38_000  # children and family social workers in England
WEEKS = 156  # three years of weekly snapshots
LAST_SNAPSHOT = dt.date(2025, 9, 26)
FLOOR_SQL = """
CREATE TABLE workers AS SELECT * FROM read_csv($files, header = true,
    auto_detect = false, delim = ',', quote = '"',
    columns = {'la_code': 'VARCHAR', 'snapshot_date': 'DATE', 'worker_ref': 'VARCHAR', 'role': 'VARCHAR',
               'employment': 'VARCHAR', 'newly_qualified': 'VARCHAR', 'fte': 'DOUBLE',
               'children_allocated': 'INTEGER', 'team': 'VARCHAR', 'families_allocated': 'INTEGER',
               'weighted_caseload': 'DOUBLE', 'declared_max_children': 'INTEGER',
               'declared_max_weighted': 'DOUBLE', 'demo': 'VARCHAR'});
CREATE TABLE caps AS SELECT scenario_id, CAST(cap_experienced AS DOUBLE) AS cap_exp,
    CAST(coalesce(nullif(trim(cap_newly_qualified), ''), cap_experienced) AS DOUBLE) AS cap_nq
FROM read_csv($caps, header = true, all_varchar = true) WHERE nullif(trim(cap_experienced), '') IS NOT NULL;
CREATE TABLE breach AS SELECT w.la_code, w.snapshot_date, c.scenario_id, count(*) AS case_holders,
    count(*) FILTER (WHERE w.children_allocated > round(
        CASE WHEN w.newly_qualified = 'yes' THEN c.cap_nq ELSE c.cap_exp END * w.fte, 6)) AS above,
    round(100.0 * above / case_holders, 1) AS pct_above
FROM workers w CROSS JOIN caps c WHERE w.children_allocated >= 1 GROUP BY ALL;
"""


def snapshot_dates(weeks: int = WEEKS, last: dt.date = LAST_SNAPSHOT) -> list[dt.date]:
    """Weekly snapshot dates, oldest first, ending on `last`."""
    return [last - dt.timedelta(weeks=weeks - 1 - i) for i in range(weeks)]


def weeks_for(rows: int, rows_per_week: list[int]) -> int:
    """How many of the first weeks hold at least `rows` worker rows (all weeks if fewer)."""
    total = 0
    for i, n in enumerate(rows_per_week, start=1):
        total += n
        if total >= rows:
            return i
    return len(rows_per_week)


def _write_week(args: tuple[list, dt.date, Path]) -> int:
    from pipeline.submissions.generator import Target, file_name, generate, write_csv

    targets, snapshot, folder = args
    rows = 0
    for t in targets:
        out = generate(Target(*t), snapshot)
        write_csv(out, folder / file_name(Target(*t), snapshot))
        rows += len(out)
    return rows


def generate_inputs(work: Path, settings: Settings, weeks: int, workers: int) -> tuple[list[int], float]:
    """Write (or reuse) the demo files, one folder per week; (rows per week, seconds spent)."""
    from warehouse.build.submission_marts import published_targets
    from warehouse.db import connect

    manifest = work / "manifest.json"
    done = json.loads(manifest.read_text()) if manifest.exists() else {}
    rows = done.get("rows_per_week", []) if done.get("workers") == workers else []
    if len(rows) >= weeks:
        return rows, 0.0
    con = connect(settings.work_path, read_only=True)
    try:
        targets = published_targets(con, LAST_SNAPSHOT)
    finally:
        con.close()
    # The generator makes fte/0.93 case holders plus 10% with no cases; scale to the national count.
    base = sum(1.1 * fte / 0.93 for _, _, fte in targets)
    scaled = [(la, mean, fte * workers / base) for la, mean, fte in targets]
    start = time.perf_counter()
    dates = snapshot_dates()  # one calendar, so a short run's files are the first weeks of a long one's
    jobs = []
    for i in range(len(rows), weeks):
        shutil.rmtree(work / f"week_{i:03d}", ignore_errors=True)
        jobs.append((scaled, dates[i], work / f"week_{i:03d}"))
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        rows += list(pool.map(_write_week, jobs, chunksize=4))
    manifest.write_text(json.dumps({"workers": workers, "rows_per_week": rows}))
    return rows, time.perf_counter() - start


def _measure_once(work: Path, weeks: int, db: Path, settings: Settings) -> dict:
    """The product path in this process: the inbox as one batch (inbox.process_batch), then the marts.

    Setup, outside the timer: council marts copied in, the files hard-linked into a fresh inbox
    (the run moves them to archive/, as the product does; the generated files stay).
    """
    from pipeline.submissions import disclosure
    from pipeline.submissions.inbox import folders, process_batch, waiting_files
    from warehouse.build.submission_marts import (
        build_aggregates,
        ensure_schema,
        known_codes_from,
        write_marts,
    )
    from warehouse.db import connect

    run = dataclasses.replace(settings, data_dir=db.parent / "data")
    inbox = folders(run)["inbox"]
    for i in range(weeks):
        for path in (work / f"week_{i:03d}").glob("*.csv"):
            try:
                os.link(path, inbox / path.name)
            except OSError:  # another file system
                shutil.copy2(path, inbox / path.name)
    con = connect(db)
    con.execute("ATTACH $p AS src (READ_ONLY)", {"p": str(settings.work_path)})
    con.execute("CREATE SCHEMA marts")
    for table in ("la_year", "dim_la"):
        con.execute(f"CREATE TABLE marts.{table} AS SELECT * FROM src.marts.{table}")
    con.execute("DETACH src")
    ensure_schema(con)
    codes = known_codes_from(con)
    caps = ROOT / "data" / "reference" / "caps.csv"
    times: dict[str, float] = {}
    start = time.perf_counter()
    files = waiting_files(run)
    outcomes = process_batch(files, run, con, codes, timings=times)
    t2 = time.perf_counter()
    aggregates = build_aggregates(con, caps)
    t3 = time.perf_counter()
    marts = disclosure.apply(aggregates)
    t4 = time.perf_counter()
    out = write_marts(con, marts)
    end = time.perf_counter()
    refused = [o.file_name for o in outcomes if o.status != "loaded"]
    if refused:
        raise SystemExit(f"not loaded: {refused[:3]}")
    rows = con.execute("SELECT count(*) FROM submissions.workers").fetchall()[0][0]
    times |= {"aggregates": t3 - t2, "disclosure": t4 - t3, "write_marts": end - t4, "total": end - start}
    return {"files": len(files), "rows": rows, "seconds": times, "mart_rows": out}


def _floor_once(work: Path, weeks: int) -> dict:
    from warehouse.db import connect, split_statements

    globs = [str(work / f"week_{i:03d}" / "*.csv") for i in range(weeks)]
    start = time.perf_counter()
    con = connect(Path(":memory:"))
    for statement in split_statements(FLOOR_SQL):
        params = {"files": globs, "caps": str(ROOT / "data" / "reference" / "caps.csv")}
        con.execute(statement, {k: v for k, v in params.items() if f"${k}" in statement})
    rows = con.execute("SELECT count(*) FROM workers").fetchall()[0][0]
    breach = con.execute("SELECT count(*) FROM breach").fetchall()[0][0]
    return {"rows": rows, "breach_rows": breach, "seconds": {"total": time.perf_counter() - start}}


def child(mode: str, work: Path, weeks: int) -> tuple[dict, float]:
    """Run one measurement in a fresh process: (its JSON result, its peak RSS in GB)."""
    with tempfile.TemporaryDirectory(prefix="bench-subs-") as tmp:
        cmd = [
            sys.executable,
            str(Path(__file__).resolve()),
            f"--{mode}-once",
            str(weeks),
            "--work-dir",
            str(work),
            "--db",
            str(Path(tmp) / "bench.duckdb"),
        ]
        with tempfile.TemporaryFile() as out:
            proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            text = out.read().decode(errors="replace")
    if proc.returncode != 0:
        sys.exit(f"{mode} child failed ({proc.returncode}):\n{text[-3000:]}")
    return json.loads(text.strip().splitlines()[-1]), usage.ru_maxrss / 1024**2


def report(work: Path, sizes: list[float], weeks: int, workers: int, settings: Settings) -> int:
    work.mkdir(parents=True, exist_ok=True)
    per_week, gen_seconds = generate_inputs(work, settings, weeks, workers)
    per_week = per_week[:weeks]
    total = sum(per_week)
    print(
        f"inputs: {len(per_week)} weekly snapshots x "
        f"{len(list((work / 'week_000').glob('*.csv')))} councils, "
        f"{total:,} worker rows in {work}"
    )
    print(
        f"generation (demo generator, {os.cpu_count()} processes): "
        + (f"{gen_seconds:.1f} s" if gen_seconds else "reused from an earlier run")
    )
    print(f"machine: {os.cpu_count()} CPUs; load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    header = (
        f"{'rows':>10} {'files':>6} {'ours s':>8} {'check':>6} {'load':>6} {'files':>6} {'move':>5} "
        f"{'aggr':>6} "
        f"{'discl':>6} {'write':>6} {'peak GB':>8} {'floor s':>8} {'fl GB':>6} {'ratio':>6} {'us/row':>7}"
    )
    print(header)
    results = []
    for millions in sizes:
        n_weeks = weeks_for(int(millions * 1e6), per_week)
        ours, peak = child("measure", work, n_weeks)
        floor, floor_peak = child("floor", work, n_weeks)
        s = ours["seconds"]
        ratio = s["total"] / floor["seconds"]["total"]
        results.append((ours["rows"], s["total"], peak))
        print(
            f"{ours['rows']:>10,} {ours['files']:>6} {s['total']:>8.1f} "
            f"{s['read_and_check']:>6.1f} {s['load']:>6.1f} {s['files_and_commit']:>6.1f} {s['move']:>5.1f} "
            f"{s['aggregates']:>6.1f} {s['disclosure']:>6.1f} {s['write_marts']:>6.1f} {peak:>8.2f} "
            f"{floor['seconds']['total']:>8.2f} {floor_peak:>6.2f} {ratio:>5.1f}x "
            f"{1e6 * s['total'] / ours['rows']:>7.1f}"
        )
    rows, seconds, peak = results[-1]
    if len(results) > 1:
        growth = (seconds / results[0][1]) / (rows / results[0][0])
        print(
            f"\ngrowth from {results[0][0]:,} to {rows:,} rows: time x{seconds / results[0][1]:.1f} for "
            f"rows x{rows / results[0][0]:.1f} "
            f"({'linear or better' if growth <= 1.15 else 'worse than linear'}"
            f", {growth:.2f} per unit of linear)"
        )
    print(
        f"target: under {TARGET_SECONDS:.0f} s at {rows:,} rows: "
        f"{'holds' if seconds < TARGET_SECONDS else 'does NOT hold'} ({seconds:.1f} s)"
    )
    print(
        f"target: peak memory under {TARGET_PEAK_GB:.0f} GB: "
        f"{'holds' if peak < TARGET_PEAK_GB else 'does NOT hold'} ({peak:.2f} GB)"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rows", default="1,3,6", help="sizes in millions of worker rows (default %(default)s)"
    )
    parser.add_argument("--quick", action="store_true", help="small sizes (0.1,0.3 million) for a short run")
    parser.add_argument("--workers", type=int, default=NATIONAL_WORKERS, help="workers a week (%(default)s)")
    parser.add_argument(
        "--work-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "caseload-bench-submissions",
        help="generated files, kept between runs (default %(default)s)",
    )
    parser.add_argument("--measure-once", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--floor-once", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    if args.measure_once:
        print(json.dumps(_measure_once(args.work_dir, args.measure_once, args.db, settings)))
        return 0
    if args.floor_once:
        print(json.dumps(_floor_once(args.work_dir, args.floor_once)))
        return 0
    if not settings.work_path.exists():
        parser.error(
            f"no working warehouse at {settings.work_path}: run `caseload run` first "
            "(with the same CASELOAD_DATA_DIR)"
        )
    sizes = [0.1, 0.3] if args.quick else [float(x) for x in args.rows.split(",")]
    weeks = min(WEEKS, int(max(sizes) * 1e6 / args.workers) + 2)  # enough weeks for the largest size
    return report(args.work_dir, sizes, weeks, args.workers, settings)


if __name__ == "__main__":
    sys.exit(main())
