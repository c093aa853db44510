"""Context, revisions and the trend digest against the published files, computed a second way."""

from __future__ import annotations

import pytest

from tests.support.published_csv import councils, num, population, rows

pytestmark = pytest.mark.shared_data

# The previous release gives these councils their current codes for earlier years (PROVENANCE.md).
RE_EXPRESSED = {"E06000065": "E10000023", "E06000066": "E10000027", "E06000060": "E10000002"}


def _table(published, sql: str) -> list[dict]:
    cur = published.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def test_children_in_need_per_10000_where_codes_are_unchanged(published, ees) -> None:
    cin = {(int(r["time_period"]), r["new_la_code"]): num(r["At31_episodes"])
           for r in rows(ees / "b1_children_in_need_2013_to_2025.csv")
           if r["geographic_level"] == "Local authority"}
    pop = population(ees)
    actual = {(r["la_code"], r["year"]): r for r in _table(published, "SELECT * FROM marts.la_year_context")}
    checked = 0
    for c in councils(ees):
        if "/" in c.code:
            continue
        n, kids = cin.get((c.year, c.code)), pop.get((c.year - 1, c.code))
        if n is None or kids is None:
            continue
        assert actual[(c.code, c.year)]["cin_per_10000"] == pytest.approx(10000 * n / kids), (c.name, c.year)
        checked += 1
    assert checked > 1200
    # Cumberland's first workforce year has no children in need figure of its own: empty, with a reason.
    cumberland = actual[("E06000063", 2023)]
    assert cumberland["cin_per_10000"] is None and "reorganisation" in cumberland["cin_note"]
    # A joint return sums its members.
    joint = actual[("E09000021 / E09000027", 2025)]
    members = [cin[(2025, m)] for m in ("E09000021", "E09000027")]
    kids = [pop[(2024, m)] for m in ("E09000021", "E09000027")]
    assert joint["cin_per_10000"] == pytest.approx(10000 * sum(members) / sum(kids))


def test_latest_ofsted_judgement_before_30_september(published) -> None:
    actual = {(r["la_code"], r["year"]): r for r in _table(published, "SELECT * FROM marts.la_year_context")}
    blackburn_2025, blackburn_2024 = actual[("E06000008", 2025)], actual[("E06000008", 2024)]
    assert blackburn_2025["ofsted_overall_effectiveness"] == "Good"
    assert str(blackburn_2025["ofsted_publication_date"]) == "2025-04-23"
    assert blackburn_2024["ofsted_overall_effectiveness"] == "Requires improvement to be good"
    assert actual[("E09000021 / E09000027", 2025)]["ofsted_la_name"] == "Kingston upon Thames"
    assert actual[("E06000008", 2017)]["ofsted_overall_effectiveness"] is None


def test_social_worker_changes_2024(published, ees) -> None:
    counts: dict[str, dict[str, float]] = {}
    for r in rows(ees / "la_cla_swcount.csv"):
        if r["geographic_level"] == "Local authority":
            counts.setdefault(r["new_la_code"], {})[r["sw_stability"]] = num(r["number"])
    sql = "SELECT * FROM marts.la_year_context WHERE year = 2024"
    actual = {r["la_code"]: r for r in _table(published, sql)}
    for code, c in counts.items():
        total, three = c["Total children"], c["3 or more social workers during the year"]
        if code in actual and total and three is not None:
            assert actual[code]["pct_cla_3plus_social_workers"] == pytest.approx(100 * three / total)


def _cells(path) -> dict[tuple, str]:
    out = {}
    skip = {"time_period", "time_identifier", "geographic_level", "country_code", "country_name",
            "region_code",
            "region_name", "old_la_code", "new_la_code", "la_name"}
    for r in rows(path):
        level = r["geographic_level"]
        area = {"National": r["country_code"], "Regional": r["region_code"]}.get(level, r["new_la_code"])
        for measure, value in r.items():
            if measure not in skip:
                out[(int(r["time_period"]), level, area, measure)] = value.strip()
    return out


def test_revisions_are_exactly_the_changed_cells(published, ees) -> None:
    current = _cells(ees / "csww_indicators_2017_to_2025.csv")
    previous = {}
    for (year, level, area, measure), value in _cells(ees / "csww_indicators_2017_to_2024.csv").items():
        re_expressed = level == "Local authority" and area in RE_EXPRESSED
        if re_expressed and (year, level, area, measure) not in current:
            area = RE_EXPRESSED[area]
        previous[(year, level, area, measure)] = value
    changed = set()
    for key, old in previous.items():
        new = current[key]
        if (num(old) != num(new)) or (num(old) is None and old != new):
            changed.add((key[0], key[3], key[2]))
    found = _table(published, "SELECT * FROM marts.revisions")
    actual = {(r["year"], r["measure"], r["current_area_code"]) for r in found}
    assert actual == changed
    # The known revisions from PROVENANCE.md, and no phantom change for re-expressed codes.
    assert (2024, "turnover_rate_fte", "E92000001") in actual
    assert (2024, "turnover_rate_fte", "E12000001") in actual
    assert (2024, "turnover_rate_fte", "E08000024") in actual
    assert not any(code in RE_EXPRESSED.values() or code in RE_EXPRESSED for _, _, code in actual)


def test_digest_newly_over_and_back_under(published, ees) -> None:
    loads = {(c.code, c.year): c.caseload for c in councils(ees)}
    digest = _table(published, "SELECT * FROM marts.trend_digest")
    assert {d["digest_year"] for d in digest} == {2025}
    newly_over_18 = {d["area_code"] for d in digest
                     if d["section"] == "newly_over_cap" and d["scenario_id"] == "target_18"}
    expected = {code for (code, year), load in loads.items()
                if year == 2025 and load is not None and load > 18
                and loads.get((code, 2024)) is not None and loads[(code, 2024)] <= 18}
    assert newly_over_18 == expected
    back_under_12 = {d["area_code"] for d in digest
                     if d["section"] == "back_under_cap" and d["scenario_id"] == "cap_12"}
    expected = {code for (code, year), load in loads.items()
                if year == 2025 and load is not None and load <= 12
                and loads.get((code, 2024)) is not None and loads[(code, 2024)] > 12}
    assert back_under_12 == expected
    risers = sorted((d for d in digest if d["section"] == "biggest_risers"), key=lambda d: d["item_rank"])
    assert risers[0]["change"] == pytest.approx(max(
        load - loads[(code, 2024)] for (code, year), load in loads.items()
        if year == 2025 and load is not None and loads.get((code, 2024)) is not None))
    assert sum(d["section"] == "revised" for d in digest) == published.execute(
        "SELECT count(*) FROM marts.revisions").fetchall()[0][0]
