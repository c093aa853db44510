"""When the pipeline runs by itself: weekly, to catch new releases and revisions.

The DfE publishes the workforce statistics once a year, but revisions and the
other sources arrive at other times; conditional GET makes a run with nothing
new cheap. Schedules need the Dagster daemon (`dagster dev` starts it).
"""

import dagster as dg

from pipeline.defs.submissions.assets import INBOX_ASSET

# Every asset but the inbox: the inbox sensor loads submitted files as they arrive
# (submissions/sensors.py); this job rebuilds the submission marts from what is loaded.
refresh_everything = dg.define_asset_job(
    "refresh_everything",
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets(INBOX_ASSET),
    description="Fetch every source, rebuild every mart, run the checks, publish a release.",
)

weekly_refresh = dg.ScheduleDefinition(
    job=refresh_everything,
    cron_schedule="0 6 * * 1",
    execution_timezone="Europe/London",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Mondays at 06:00 UK time; switch on in the Dagster UI for production.",
)
