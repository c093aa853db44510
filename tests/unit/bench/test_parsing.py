"""bench/pipeline.py reads step timings from Dagster's log lines: the parsing must be right.

No timings are asserted; only the conversion of Dagster's formatted durations.
"""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest

from warehouse.config import PROJECT_ROOT


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_pipeline", PROJECT_ROOT / "bench" / "pipeline.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("text", "expected"), [
    ("0.83ms", 0.00083), ("533ms", 0.533), ("2.1s", 2.1), ("4m52s", 292.0), ("1h4m", 3840.0),
])
def test_dagster_durations_in_seconds(text: str, expected: float) -> None:
    assert _bench().seconds(text) == pytest.approx(expected)


def test_step_durations_from_log_lines() -> None:
    log = (
        '2026-11-23 18:55:07 +0000 - dagster - DEBUG - __ASSET_JOB - abc - 9178 - la_year - STEP_SUCCESS - '
        'Finished execution of step "la_year" in 473ms.\n'
        "2026-11-23 18:55:07 +0000 - dagster - DEBUG - __ASSET_JOB - abc - 9178 - la_year_benchmark - "
        'STEP_SUCCESS - Finished execution of step "la_year_benchmark" in 7.59s.\n'
        "check ok  la_year_neighbours.neighbour_counts_add_up: neighbour counts add up\n"
    )
    assert _bench().step_durations(log) == {"la_year": pytest.approx(0.473),
                                            "la_year_benchmark": pytest.approx(7.59)}
