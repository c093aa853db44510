"""Materialise every asset headless, in this process; report checks; exit code."""

from __future__ import annotations

import dagster as dg

from pipeline.definitions import defs


def run_all() -> int:
    """Run the whole graph. 0 when every asset ran and every check passed."""
    definitions = defs()
    job = definitions.resolve_implicit_global_asset_job_def()
    result = job.execute_in_process(raise_on_error=False, instance=dg.DagsterInstance.ephemeral())
    failed_steps = [e.step_key for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
    for event in result.all_events:
        if event.event_type_value == "STEP_FAILURE":
            print(f"FAILED {event.step_key}: {_root_cause(event.event_specific_data.error)}")
    failed_checks = []
    for evaluation in result.get_asset_check_evaluations():
        mark = "ok " if evaluation.passed else "FAIL"
        print(f"check {mark} {evaluation.asset_key.to_user_string()}.{evaluation.check_name}: "
              f"{evaluation.description}")
        if not evaluation.passed:
            failed_checks.append(evaluation.check_name)
    materialized = {e.asset_key for e in result.get_asset_materialization_events()}
    published = dg.AssetKey("published_release") in materialized
    if failed_steps or failed_checks or not published:
        print("Run did not publish: the site keeps serving the last good release.")
        return 1
    print("Run complete: a new release is published.")
    return 0


def _root_cause(error) -> str:
    """Dagster wraps the asset's exception; the user wants the original message."""
    while error.cause is not None:
        error = error.cause
    return error.message.strip()
