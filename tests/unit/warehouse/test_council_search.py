"""Former districts searchable, on a made-up country built through the real SQL."""

from __future__ import annotations

import duckdb

from tests.support.centres_fixture import make_country
from warehouse.build.steps import run_step


def _terms(con: duckdb.DuckDBPyConnection) -> dict[str, set[tuple[str, str]]]:
    out: dict[str, set[tuple[str, str]]] = {}
    rows = con.execute("SELECT search_term, term_kind, la_code FROM marts.council_search").fetchall()
    for term, kind, code in rows:
        out.setdefault(term.lower(), set()).add((kind, code))
    return out


def test_former_districts_on_a_made_up_country() -> None:
    con = make_country()
    run_step(con, "marts/council_search")
    terms = _terms(con)
    assert terms["olea"] == {("former district", "E06000902")}  # Oldshire's, replaced by Newshire
    assert terms["dton"] == {("former district", "E10000901")}  # merged into Cton, a district of Northshire
    assert terms["oldshire"] == {("former county", "E06000902")}
    assert terms["aton"] == {("district", "E10000901")}
