"""Time a cold full build against a plain-DuckDB floor (docs/benchmarks.md).

Cold build: `caseload run` as a subprocess in a fresh CASELOAD_DATA_DIR, so Python
and Dagster start-up, the raw archive, checks and publish are all included.
Floor: bench/floor.sql (the same reads, unpivot/pivot, population
join and cap aggregations, no Dagster) in a subprocess of its own, so both pay
for starting Python. Step durations come from the cold build's STEP_SUCCESS events.
Each figure is wall time and CPU time (user + system of the child): CPU time moves less
when other work shares the machine, so its ratio is the steadier one.

    .venv/bin/python bench/pipeline.py [--source-dir ../shared/data] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from warehouse.config import Settings  # noqa: E402

TARGET_SECONDS = 20.0
TARGET_RATIO = 5.0
STEP_DONE = re.compile(r'Finished execution of step "([^"]+)" in (\S+)\.\s*$')
DURATION_PART = re.compile(r"([\d.]+)(ms|h|m|s)")
UNIT_SECONDS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}


def seconds(text: str) -> float:
    """Dagster's formatted duration ('533ms', '2.1s', '4m52s', '1h4m') in seconds."""
    return sum(float(n) * UNIT_SECONDS[u] for n, u in DURATION_PART.findall(text))


def step_durations(log: str) -> dict[str, float]:
    return {m.group(1): seconds(m.group(2)) for line in log.splitlines() if (m := STEP_DONE.search(line))}


def _env(data_dir: Path, source_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "CASELOAD_WAREHOUSE"}
    env.update(CASELOAD_DATA_DIR=str(data_dir), CASELOAD_SOURCE_DIR=str(source_dir))
    return env


class Timing(NamedTuple):
    wall: float
    cpu: float  # user + system seconds of the child (and its threads)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[Timing, str]:
    cpu_before, start = _children_cpu(), time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    timing = Timing(time.perf_counter() - start, _children_cpu() - cpu_before)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return timing, done.stdout + done.stderr


def _caseload() -> list[str]:
    script = Path(sys.executable).parent / "caseload"
    return [str(script)] if script.exists() else [sys.executable, "-m", "caseload.cli"]


def cold_build(source_dir: Path) -> tuple[Timing, dict[str, float]]:
    with tempfile.TemporaryDirectory(prefix="bench-cold-") as tmp:
        timing, log = _timed([*_caseload(), "run"], _env(Path(tmp), source_dir))
    return timing, step_durations(log)


# The fixed start-up a Dagster run pays before its first step, phase by phase, in CPU seconds.
STARTUP_CODE = """
import json, time
c = time.process_time
t0 = c(); import dagster as dg
t1 = c(); from pipeline.definitions import defs; d = defs(); job = d.resolve_implicit_global_asset_job_def()
t2 = c(); dg.DagsterInstance.ephemeral()
t3 = c()
print(json.dumps({"import dagster": t1 - t0, "load definitions": t2 - t1, "run instance": t3 - t2}))
"""


def startup(source_dir: Path) -> tuple[Timing, dict[str, float]]:
    """Python + Dagster import, the definitions and the run's instance: paid before any step."""
    with tempfile.TemporaryDirectory(prefix="bench-defs-") as tmp:
        timing, out = _timed([sys.executable, "-c", STARTUP_CODE], _env(Path(tmp), source_dir))
    return timing, json.loads(out.strip().splitlines()[-1])


def floor(source_dir: Path) -> tuple[Timing, float, dict[str, int]]:
    """(subprocess timing, SQL-only seconds, row counts)."""
    with tempfile.TemporaryDirectory(prefix="bench-floor-") as tmp:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--floor-once", str(Path(tmp) / "floor.duckdb"),
               "--source-dir", str(source_dir)]
        elapsed, out = _timed(cmd, _env(Path(tmp), source_dir))
    result = json.loads(out.strip().splitlines()[-1])
    return elapsed, result["sql_seconds"], result["rows"]


def _floor_once(db_path: Path, source_dir: Path) -> None:
    from bench.floor import run_floor
    from pipeline.sources.registry import load_registry

    settings = Settings.from_env()
    files = {s.id: source_dir / s.file for s in load_registry(settings.registry_path)}
    sql_seconds, rows = run_floor(db_path, files, settings.cost_per_fte_gbp)
    print(json.dumps({"sql_seconds": sql_seconds, "rows": rows}))


def _median(values: list[float]) -> float:
    return statistics.median(values)


def bytecode_compiled() -> bool:
    """Whether Dagster's modules have .pyc files: without them every start compiles ~2,000 files
    (PYTHONDONTWRITEBYTECODE is set on our machines; scripts/setup.sh compiles at install)."""
    import dagster

    return any((Path(dagster.__file__).parent / "__pycache__").glob("*.pyc"))


def report(source_dir: Path, repeat: int, top: int) -> int:
    colds, floors, sqls, starts, phases, steps = [], [], [], [], defaultdict(list), defaultdict(list)
    for i in range(repeat):
        cold, durations = cold_build(source_dir)
        wall, sql, rows = floor(source_dir)
        start, phase = startup(source_dir)
        colds.append(cold)
        floors.append(wall)
        sqls.append(sql)
        starts.append(start)
        for name, s in phase.items():
            phases[name].append(s)
        for step, s in durations.items():
            steps[step].append(s)
        print(f"run {i + 1}/{repeat}: cold build {cold.wall:.2f} s (CPU {cold.cpu:.2f} s), "
              f"floor {wall.wall:.2f} s (CPU {wall.cpu:.2f} s, SQL {sql:.2f} s), "
              f"start-up {start.wall:.2f} s, {len(durations)} steps")
    cold, wall, start = (Timing(_median([t.wall for t in x]), _median([t.cpu for t in x]))
                         for x in (colds, floors, starts))
    sql = _median(sqls)
    step_median = {k: _median(v) for k, v in steps.items()}
    in_steps = sum(step_median.values())
    ratio = cold.wall / wall.wall
    print(f"\nsource dir: {source_dir}; repeats: {repeat}; floor rows: {rows}")
    print(f"machine: {os.cpu_count()} CPUs; load average (1, 5, 15 min) at the end: "
          f"{', '.join(f'{x:.2f}' for x in os.getloadavg())} (other work on the machine slows every figure)")
    if not bytecode_compiled():
        print("WARNING: site-packages has no bytecode (.pyc): run scripts/setup.sh, "
              "or every start compiles Dagster")
    print(f"cold full build (caseload run, median): {cold.wall:.2f} s wall, {cold.cpu:.2f} s CPU")
    print(f"  start-up before any step (separate process, median): {start.wall:.2f} s wall; CPU: "
          + ", ".join(f"{name} {_median(v):.2f} s" for name, v in phases.items()))
    print(f"  inside {len(step_median)} steps (sum of step medians): {in_steps:.2f} s")
    print(f"  outside steps (start-up, run orchestration, event handling): {cold.wall - in_steps:.2f} s")
    print(f"floor (plain DuckDB script in its own process, median): {wall.wall:.2f} s wall, "
          f"{wall.cpu:.2f} s CPU; SQL alone {sql:.2f} s")
    print(f"ratio cold / floor: {ratio:.1f}x wall (against SQL alone: {cold.wall / sql:.1f}x); "
          f"{cold.cpu / wall.cpu:.1f}x CPU")
    print(f"Dagster's start-up alone is {start.wall / wall.wall:.1f}x the floor's whole run")
    print(f"\nslowest {top} steps (median seconds):")
    for step, s in sorted(step_median.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {s:7.3f}  {step}")
    under = cold.wall < TARGET_SECONDS
    within = ratio <= TARGET_RATIO
    print(f"\ntarget: cold build under {TARGET_SECONDS:.0f} s: {'holds' if under else 'does NOT hold'} "
          f"({cold.wall:.2f} s)")
    print(f"target: at most {TARGET_RATIO:.0f}x the floor: {'holds' if within else 'does NOT hold'} "
          f"({ratio:.1f}x)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", type=Path, default=ROOT.parent / "shared" / "data",
                        help="folder laid out like ../shared/data (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; medians are reported")
    parser.add_argument("--top", type=int, default=10, help="how many of the slowest steps to list")
    parser.add_argument("--floor-once", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    source_dir = args.source_dir.resolve()
    if not (source_dir / "ees").is_dir():
        parser.error(f"no ees/ folder in {source_dir}")
    if args.floor_once:
        _floor_once(args.floor_once, source_dir)
        return 0
    return report(source_dir, max(1, args.repeat), args.top)


if __name__ == "__main__":
    sys.exit(main())
