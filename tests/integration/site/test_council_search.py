"""Search finds towns whose districts were abolished before 2023 (marts.council_search).

The ONS lookup is of April 2023, so Harrogate, Carlisle, Kettering... come from mySociety's
file (end-date, replaced-by). On the real files, and on a made-up country.
"""

from __future__ import annotations

import duckdb
import pytest

from dashboard.components.search import resolve_search
from warehouse.read.site import search_index


def _terms(con: duckdb.DuckDBPyConnection) -> dict[str, set[tuple[str, str]]]:
    out: dict[str, set[tuple[str, str]]] = {}
    rows = con.execute("SELECT search_term, term_kind, la_code FROM marts.council_search").fetchall()
    for term, kind, code in rows:
        out.setdefault(term.lower(), set()).add((kind, code))
    return out


@pytest.mark.shared_data
@pytest.mark.parametrize(("town", "kind", "council"), [
    ("Harrogate", "former district", "E06000065"),  # North Yorkshire
    ("Scarborough", "former district", "E06000065"),
    ("Carlisle", "former district", "E06000063"),  # Cumberland
    ("Barrow-in-Furness", "former district", "E06000064"),  # Westmorland and Furness
    ("Kettering", "former district", "E06000061 / E06000062"),  # the Northamptonshires' joint return
    ("Corby", "former district", "E06000061 / E06000062"),
    ("Taunton Deane", "former district", "E06000066"),  # via Somerset West and Taunton, itself abolished
    ("Aylesbury Vale", "former district", "E06000060"),  # Buckinghamshire
    ("Weymouth and Portland", "former district", "E06000059"),  # Dorset
    ("Christchurch", "former district", "E06000058"),  # Bournemouth, Christchurch and Poole
    ("Forest Heath", "former district", "E10000029"),  # via West Suffolk, a current district of Suffolk
    ("Cumbria", "former county", "E06000063"),
])
def test_former_districts_lead_to_todays_council(published, town: str, kind: str, council: str) -> None:
    assert (kind, council) in _terms(published)[town.lower()]


@pytest.mark.shared_data
def test_former_terms_are_current_councils_and_never_repeat_a_current_name(published) -> None:
    current = {c for (c,) in published.execute(
        "SELECT la_code FROM marts.dim_la WHERE is_current").fetchall()}
    terms = _terms(published)
    for term, found in terms.items():
        kinds = {k for k, _ in found}
        assert {c for _, c in found} <= current, term
        if kinds & {"former district", "former county", "former council"}:
            assert not kinds & {"council", "district"}, term
    assert ("council", "E06000065") in terms["north yorkshire"]  # the current name, not the former county


@pytest.mark.shared_data
def test_the_site_search_resolves_an_abolished_town(published) -> None:
    index = search_index(published).to_dicts()
    slug = published.execute(
        "SELECT slug FROM marts.dim_la WHERE la_code = 'E06000061 / E06000062'").fetchall()[0][0]
    assert resolve_search("Kettering", index) == (f"/council/{slug}", [])
    assert resolve_search("harrogate", index) == ("/council/north-yorkshire", [])
    # Part of two former names (Taunton Deane, Somerset West and Taunton), both now Somerset.
    assert resolve_search("Taunton", index) == ("/council/somerset", [])
