"""The two ways of building a whole release, as jobs.

`build_everything` is `caseload run`: every asset, the inbox included, then one full publish.
`refresh_everything` is what the publisher's schedule and sensor start: the same without the inbox
(its own sensor loads files as they arrive). Neither runs `submissions_published`, which republishes
the served release with new submission marts and belongs to the inbox's own job: a full build
publishes those marts with everything else.
"""

import dagster as dg

from pipeline.defs.submissions.assets import INBOX_ASSET, PUBLISH_ASSET

build_everything = dg.define_asset_job(
    "build_everything",
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets(PUBLISH_ASSET),
    description="Fetch every source, load the inbox, rebuild every mart, run the checks, publish a release.",
)

refresh_everything = dg.define_asset_job(
    "refresh_everything",
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets(INBOX_ASSET, PUBLISH_ASSET),
    description="Fetch every source, rebuild every mart, run the checks, publish a release.",
)
