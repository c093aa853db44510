"""When the pipeline runs by itself: when the publisher has released something new.

Two ways of looking, one question (pipeline/sources/discovery.py): does EES hold a file version
the served release was not built from? The daily schedule asks every morning; the release-day
sensor asks every hour, but only on the day the publisher announced for its next release
(meta.release_sources.next_update_date), when a new release is most likely. Either starts
`refresh_everything` (fetch, archive as a new vintage, check, publish) once per new version:
the run key is the versions seen. Both need the Dagster daemon (`dagster dev` starts it).
"""

import datetime as dt
from zoneinfo import ZoneInfo

import dagster as dg

from pipeline.defs.publish.jobs import refresh_everything
from pipeline.defs.sources.assets import SOURCES
from pipeline.lib.resources import WarehouseResource
from pipeline.sources.discovery import look
from warehouse.read.served import served_sources

UK = ZoneInfo("Europe/London")

def check_publisher(warehouse: WarehouseResource, why: str) -> dg.RunRequest | dg.SkipReason:
    """A run when EES has a file version the served release lacks; else why not, in one line."""
    settings = warehouse.settings()
    seen = look(settings, SOURCES, served_sources(settings.warehouse_path))
    if not seen.news:
        if seen.problems:
            return dg.SkipReason(f"{why}: could not ask the publisher, so no run: {'; '.join(seen.problems)}")
        return dg.SkipReason(f"{why}: nothing new (every followed source is as served)")
    return dg.RunRequest(
        run_key=seen.run_key,
        tags={"caseload/trigger": why, "caseload/news": "; ".join(n.sentence() for n in seen.news)[:200]},
    )


@dg.schedule(
    job=refresh_everything,
    cron_schedule="0 7 * * *",
    execution_timezone="Europe/London",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Every day at 07:00 UK time: has the publisher released anything new?",
)
def daily_publisher_check(
    context: dg.ScheduleEvaluationContext, warehouse: WarehouseResource
) -> dg.RunRequest | dg.SkipReason:
    return check_publisher(warehouse, "daily check")


def release_days(warehouse: WarehouseResource) -> set[dt.date]:
    """The days the publishers announced for their next releases, as the served release records."""
    served = served_sources(warehouse.settings().warehouse_path)
    return {s.next_update_date for s in served.values() if s.next_update_date is not None}


@dg.sensor(
    job=refresh_everything,
    minimum_interval_seconds=3600,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Hourly on a publisher's announced release day: has the new release appeared?",
)
def release_day_sensor(
    context: dg.SensorEvaluationContext, warehouse: WarehouseResource
) -> dg.RunRequest | dg.SkipReason:
    today = dt.datetime.now(UK).date()
    days = release_days(warehouse)
    if today not in days:
        upcoming = sorted(d for d in days if d >= today)
        return dg.SkipReason(
            f"not a release day (next announced: {upcoming[0].isoformat() if upcoming else 'none'})")
    return check_publisher(warehouse, "release-day check")
