"""warehouse/domain.py owns the facts; the SQL's own copies must agree with it."""

from __future__ import annotations

import math
import re
from pathlib import Path

from warehouse import domain
from warehouse.build.raw import ensure_schema
from warehouse.db import SQL_DIR, connect


def test_the_sql_symbol_macro_lists_exactly_the_domain_symbols() -> None:
    schema = (SQL_DIR / "schema.sql").read_text()
    macro = re.search(r"MACRO cw_symbol\(x\) AS trim\(x\) IN \(([^)]*)\)", schema)
    assert macro, "cw_symbol is no longer a plain IN list: update this test with it"
    in_sql = re.findall(r"'([^']*)'", macro.group(1))
    assert sorted(in_sql) == sorted(domain.SUPPRESSION_SYMBOLS)
    con = connect(Path(":memory:"))
    ensure_schema(con)
    for symbol in domain.SUPPRESSION_SYMBOLS:
        found = con.execute("SELECT cw_symbol($s), cw_num($s), cw_status($s)", {"s": f" {symbol} "})
        found = found.fetchone()
        assert found == (True, None, symbol)
    assert con.execute("SELECT cw_symbol('12.5'), cw_num('12.5'), cw_status('12.5')").fetchone() == (
        False, 12.5, domain.PUBLISHED)


def test_the_sql_distance_uses_the_domain_radius() -> None:
    con = connect(Path(":memory:"))
    ensure_schema(con)
    # a quarter of a meridian: pi / 2 radians of the Earth's radius
    miles = con.execute("SELECT cw_miles(0, 0, 90, 0)").fetchone()[0]
    assert math.isclose(miles, domain.EARTH_RADIUS_MILES * math.pi / 2, rel_tol=1e-12)


def test_cap_keys_are_the_site_addresses() -> None:
    assert domain.cap_key(18.0) == "18"
    assert domain.cap_key(15.0, 12.0) == "15-12"
    assert domain.cap_key(12.0, 12.0) == "12"
    assert domain.cap_key(16.5) == "16.5"
    assert domain.CUSTOM_CAP_MIN < 12 < 20 < domain.CUSTOM_CAP_MAX
