"""Marts the public site needs beyond the figures: the hex map and the search index."""

from pipeline.lib.sql_step import Step, sql_asset

GROUP = "site"

STEPS = (
    Step("hex_layout", "marts/hex_layout", "marts.hex_layout", ("dim_la", "raw_hexmap"), GROUP,
         "One hex per current council, from the Open Innovations layout adjusted to April 2023 "
         "geography (data/reference/hex_adjustments.csv)."),
    Step("council_search", "marts/council_search", "marts.council_search",
         ("dim_la", "raw_district_lookup", "raw_council_centres"), GROUP,
         "Council and district (town) names that lead to a current council, for type-ahead search, "
         "including councils abolished before April 2023 (mySociety's file)."),
)

site_assets = [sql_asset(spec) for spec in STEPS]
