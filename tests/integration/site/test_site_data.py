"""The site's marts and snapshot against the real published files (../shared/data)."""

from __future__ import annotations

import os
import shutil

import pytest

from warehouse.config import Settings
from warehouse.read import site as q
from warehouse.read.snapshot import Snapshot, SnapshotUnavailable

pytestmark = pytest.mark.shared_data


def test_every_current_council_has_exactly_one_hex(shared_warehouse: Settings):
    with Snapshot(shared_warehouse.warehouse_path).cursor() as cur:
        per_council = dict(
            cur.execute("""
            SELECT d.la_code, count(h.hex_code) FROM marts.dim_la d
            LEFT JOIN marts.hex_layout h ON h.la_code = d.la_code
            WHERE d.is_current GROUP BY d.la_code""").fetchall()
        )
        positions = cur.execute("SELECT count(*), count(DISTINCT (q, r)) FROM marts.hex_layout").fetchall()[0]
        orphan = cur.execute("SELECT count(*) FROM marts.hex_layout WHERE la_code IS NULL").fetchall()[0][0]
    joint = "E09000021 / E09000027"
    assert per_council.pop(joint) == 2  # Kingston and Richmond: two hexes, one return
    assert set(per_council.values()) == {1}
    assert positions[0] == positions[1] and orphan == 0


def test_adjusted_hexes(shared_warehouse: Settings):
    with Snapshot(shared_warehouse.warehouse_path).cursor() as cur:
        rows = {
            r[0]: r[1:]
            for r in cur.execute("SELECT hex_code, la_code, q, r FROM marts.hex_layout").fetchall()
        }
    assert rows["E10000006"][0] == "E06000064" and rows["E06000063"] == ("E06000063", 6, 15)
    assert rows["E10000021"][0] == "E06000061 / E06000062"
    assert rows["E08000016"][0] == "E08000038" and rows["E10000027"][0] == "E06000066"


def test_towns_lead_to_their_council(shared_warehouse: Settings):
    with Snapshot(shared_warehouse.warehouse_path).cursor() as cur:
        index = q.search_index(cur)
    found = {r["search_term"]: r["la_name"] for r in index.to_dicts()}
    assert found["Canterbury"] == "Kent"
    assert found["Richmond upon Thames"].startswith("Kingston upon Thames")


def test_snapshot_reopens_when_the_file_is_replaced(shared_warehouse: Settings, tmp_path):
    served = tmp_path / "served.duckdb"
    shutil.copyfile(shared_warehouse.warehouse_path, served)
    snap = Snapshot(served)
    with snap.cursor() as cur:
        first = q.release(cur)["release_id"]
    version = snap.version()
    incoming = tmp_path / "incoming.duckdb"
    shutil.copyfile(shared_warehouse.warehouse_path, incoming)
    os.replace(incoming, served)  # what publish does: a new inode
    assert snap.version() != version
    with snap.cursor() as cur:
        assert q.release(cur)["release_id"] == first
    served.unlink()
    with pytest.raises(SnapshotUnavailable):
        snap.version()


def test_table_downloads_are_whitelisted(shared_warehouse: Settings):
    from dashboard.app import create_app

    client = create_app(shared_warehouse).server.test_client()
    csv = client.get("/download/marts.la_year.csv")
    assert csv.status_code == 200 and csv.data.startswith(b"\xef\xbb\xbfla_code,")  # BOM
    assert client.get("/download/marts.la_year.parquet").data[:4] == b"PAR1"
    assert client.get("/download/raw.hexmap.csv").status_code == 404
    assert client.get("/download/marts.la_year;DROP.csv").status_code == 404
    # a path outside data/templates is never served (Dash's own page answers instead)
    assert b"[[source]]" not in client.get("/download/template/..%2Fsources.toml").data
    assert client.get("/download/template/sources.toml").status_code == 404


def test_site_cap_figures_are_the_marts_figures(shared_warehouse: Settings):
    """One definition: the site's figures for a named cap equal marts.la_year_cap / area_year_cap."""
    from dashboard.reading.queries import named_caps_in

    with Snapshot(shared_warehouse.warehouse_path).cursor() as cur:
        named = named_caps_in(cur)  # the release's own caps (marts.caps), by address key
        site = q.council_caps(cur, 2025, named["18"])
        mart = q.frame(
            cur,
            "SELECT la_code, over_cap, additional_fte_needed FROM marts.la_year_cap "
            "WHERE year = 2025 AND cap = 18 ORDER BY la_code",
        )
        england = q.england_cap_summary(cur, 2025, named["18"])
        eng_mart = cur.execute(
            "SELECT n_las_over_cap, additional_fte_needed FROM marts.area_year_cap "
            "WHERE year = 2025 AND cap = 18 AND area_code = 'E92000001'"
        ).fetchall()[0]
    got = site.sort("la_code").select("la_code", "over_cap", "additional_fte")
    assert got.rows() == mart.rows()
    assert (england["councils_over"], england["additional_fte"]) == eng_mart
    assert not hasattr(q, "rank_in_year") and not hasattr(q, "_fallback_council_caps")


def test_funnel_curves_pass_through_the_marts_limits(shared_warehouse: Settings):
    """One definition: the site's curves, evaluated at each council's size, are the published limits;
    2025 flags 22 councils with the adjusted limits and 105 with the plain ones (docs/method.md)."""
    from warehouse.build.benchmark import limit_curve
    from warehouse.read import benchmarks as qb

    with Snapshot(shared_warehouse.warehouse_path).cursor() as cur:
        points = qb.funnel_points(cur, 2025)
        curve = qb.funnel_curve(cur, 2025)
        england, tau = cur.execute(
            "SELECT england_value, between_council_sd FROM marts.lottery_size "
            "WHERE measure = 'caseload' AND year = 2025"
        ).fetchall()[0]
    assert curve["denominator"].min() == points["denominator"].min()
    for row in points.iter_rows(named=True):
        at = limit_curve("caseload", england, tau, row["denominator"], row["denominator"], points=1).row(
            0, named=True
        )
        for col in ("lower_95", "upper_95", "lower_99_8", "unadjusted_upper_99_8"):
            assert at[col] == pytest.approx(row[col], abs=1e-9)
    assert (points["label"] != "similar").sum() == 22
    assert (
        points["unadjusted_label"].is_in(["higher_95", "higher_99_8", "lower_95", "lower_99_8"])
    ).sum() == 105
