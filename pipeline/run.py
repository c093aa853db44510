"""Materialise every asset headless, in this process; report checks; exit code.

Dagster's own event log goes to the console only with `--verbose`: a failed run prints one line
per failed step (the original error, not Dagster's wrapping and traceback) and, when a publisher
could not be reached at all, one closing line on building from a folder instead.
"""

from __future__ import annotations

import dagster as dg

from pipeline.definitions import defs
from warehouse.config import Settings

# The errors that mean "no network here" (pipeline.sources.fetch.UnreachableError, and an EES
# discovery that could not connect): worth the closing line about CASELOAD_SOURCE_DIR.
UNREACHABLE = ("UnreachableError",)
OFFLINE_HINT = ("Cannot reach the publishers (no network?). Build from a folder of the published "
                "files instead: CASELOAD_SOURCE_DIR=../shared/data ./scripts/start.sh")


def run_all(verbose: bool = False, job_name: str = "build_everything") -> int:
    """Run a whole build (`build_everything`, or the job named, as the daemon would). 0 when every
    asset ran, every check passed and a release was published."""
    definitions = defs()
    job = definitions.resolve_job_def(job_name)
    level = "DEBUG" if verbose else "CRITICAL"
    with _instance() as instance:
        result = job.execute_in_process(
            raise_on_error=False,
            instance=instance,
            run_config={"loggers": {"console": {"config": {"log_level": level}}}},
        )
    failed_steps, offline = [], False
    for event in result.all_events:
        if event.event_type_value == "STEP_FAILURE":
            error = _root_cause(event.event_specific_data.error)
            offline = offline or error.cls_name in UNREACHABLE
            failed_steps.append(event.step_key)
            print(f"FAILED {event.step_key}: {_message(error)}")
    failed_checks = []
    for evaluation in result.get_asset_check_evaluations():
        mark = "ok " if evaluation.passed else "FAIL"
        print(f"check {mark} {evaluation.asset_key.to_user_string()}.{evaluation.check_name}: "
              f"{evaluation.description}")
        if not evaluation.passed:
            failed_checks.append(evaluation.check_name)
    for warning in _warnings(result):
        print(f"WARNING {warning}")
    materialized = {e.asset_key for e in result.get_asset_materialization_events()}
    published = dg.AssetKey("published_release") in materialized
    if failed_steps or failed_checks or not published:
        print("Run did not publish: the site keeps serving the last good release.")
        if offline:
            print(OFFLINE_HINT)
        return 1
    print("Run complete: a new release is published.")
    return 0


def _instance() -> dg.DagsterInstance:
    """The service's persistent instance when DAGSTER_HOME is set (deploy/dagster/dagster.yaml): the
    run is in the UI's history beside the daemon's, and the inbox sensor sees it going. Otherwise a
    throwaway one, as on a laptop."""
    if Settings.from_env().dagster_home is not None:
        return dg.DagsterInstance.get()
    return dg.DagsterInstance.ephemeral()


def _warnings(result: dg.ExecuteInProcessResult) -> list[str]:
    """What a source asset recorded as worth a look (a fallback to the pinned URL, added columns)."""
    out = []
    for event in result.get_asset_materialization_events():
        metadata = event.materialization.metadata
        if "warning" in metadata:
            out.append(f"{event.asset_key.to_user_string()}: {metadata['warning'].value}")
    return out


def _root_cause(error):
    """Dagster wraps the asset's exception; the user wants the original."""
    while error.cause is not None:
        error = error.cause
    return error


def _message(error) -> str:
    """The error's own words: without the module path of its class, on one line where it is one."""
    text = error.message.strip()
    prefix = f"{error.cls_name}: "
    head, _, rest = text.partition(prefix)
    return rest if rest and head.replace(".", "").replace("_", "").isalnum() else text
