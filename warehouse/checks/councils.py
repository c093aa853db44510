"""Blocking check on the councils a new vintage publishes: every code must be one we know.

A council code the pipeline has never seen (a reorganisation the project's reference data does
not describe yet) would otherwise become a new council with no series, no centre, no map hex
and no neighbours, quietly. Known means: published in an earlier vintage, or named in
data/reference/council_changes.csv, or in mySociety's register of council codes (current and
former). A joint return's code ("E06000061 / E06000062") is known when each member is.
"""

from __future__ import annotations

from warehouse.checks import Check, result, rows
from warehouse.db import Connection


def council_codes_known(con: Connection) -> Check:
    bad = rows(con, """
        WITH current AS (
            SELECT DISTINCT area_code, area_name, unnest(string_split(area_code, ' / ')) AS member
            FROM staging.workforce_long
            WHERE vintage_rank = 1 AND geographic_level = 'Local authority'
        ),
        known AS (
            SELECT DISTINCT unnest(string_split(area_code, ' / ')) AS code FROM staging.workforce_long
            WHERE vintage_rank > 1 AND geographic_level = 'Local authority'
            UNION SELECT from_code FROM staging.council_changes
            UNION SELECT to_code FROM staging.council_changes
            UNION SELECT "gss-code" FROM raw.council_centres
            UNION SELECT unnest(string_split("former-gss-codes", ',')) FROM raw.council_centres
        )
        SELECT area_code, area_name, member FROM current
        WHERE trim(member) NOT IN (SELECT trim(code) FROM known WHERE code IS NOT NULL)
        ORDER BY area_code""")
    return result(
        bad, "every council code in the current vintage is known",
        "council codes in the current vintage that no earlier vintage, no council change "
        "(data/reference/council_changes.csv) and no register of council codes knows: describe "
        "them in council_changes.csv before publishing")


DIM_LA_CHECKS = {"council_codes_known": council_codes_known}
