"""Releases: ids only from the listing, the changelog from two real release files, old releases served,
and the snapshot really reopening a replaced file."""

from __future__ import annotations

import dataclasses
import os
import shutil

import duckdb
import pytest

from warehouse.config import Settings
from warehouse.read import releases
from warehouse.read import site as q
from warehouse.read.snapshot import Snapshot

pytestmark = pytest.mark.shared_data
NEXT_ID = "20991231T235959Z-0badc0de"


@pytest.fixture(scope="module")
def two_releases(shared_warehouse: Settings, tmp_path_factory) -> Settings:
    """The shared release, and a later one made from it with a new workforce vintage, a revised
    population file and one more revision: what a real second publish records."""
    root = tmp_path_factory.mktemp("two-releases")
    settings = dataclasses.replace(shared_warehouse, warehouse_path=root / "caseload.duckdb",
                                   rate_limit_per_minute=1e6, rate_limit_burst=100_000)
    settings.releases_dir.mkdir(parents=True)
    (first,) = releases.release_ids(shared_warehouse.releases_dir)
    original = shared_warehouse.releases_dir / f"{first}.duckdb"
    shutil.copyfile(original, settings.releases_dir / f"{first}.duckdb")
    later = settings.releases_dir / f"{NEXT_ID}.duckdb"
    shutil.copyfile(original, later)
    con = duckdb.connect(str(later))
    con.execute("UPDATE meta.release SET release_id = $id, built_at = built_at + INTERVAL 1 DAY",
                {"id": NEXT_ID})
    con.execute("UPDATE meta.release_sources SET vintage = 'Reporting year 2026' "
                "WHERE source_id = 'workforce'")
    con.execute("UPDATE meta.release_sources SET sha256 = repeat('0', 64) WHERE source_id = 'population'")
    con.execute("INSERT INTO marts.revisions SELECT * REPLACE ('value revised' AS revision_kind) "
                "FROM marts.revisions LIMIT 1")
    con.close()
    shutil.copyfile(later, settings.warehouse_path)
    return settings


def test_ids_come_only_from_the_listing(two_releases: Settings, tmp_path):
    folder = two_releases.releases_dir
    assert releases.release_ids(folder)[-1] == NEXT_ID
    (folder / "notes.duckdb").write_bytes(b"")
    assert "notes" not in releases.release_ids(folder)
    for bad in ("../caseload", f"{NEXT_ID}/../x", f"{NEXT_ID}\n", "20991231T235959Z-0badc0dx", ""):
        assert releases.release_path(folder, bad) is None
    assert releases.release_path(tmp_path / "missing", NEXT_ID) is None


def test_changelog_says_what_changed(two_releases: Settings):
    ids = releases.release_ids(two_releases.releases_dir)
    entries = releases.changelog([releases.summarise(two_releases.releases_dir / f"{i}.duckdb") for i in ids])
    assert [e["release_id"] for e in entries] == ids[::-1]
    newest = " ".join(entries[0]["changes"])
    assert "workforce: new vintage Reporting year 2026" in newest
    assert "population: the publisher revised the file" in newest
    assert "Revisions to earlier figures, value revised" in newest
    assert entries[-1]["changes"][0].startswith("First release kept")


def test_old_release_served_by_id_and_listed(two_releases: Settings):
    from dashboard.app import create_app

    client = create_app(two_releases).server.test_client()
    first = releases.release_ids(two_releases.releases_dir)[0]
    listed = client.get("/api/v1/releases").get_json()
    assert listed["current"] == NEXT_ID and [r["release_id"] for r in listed["releases"]] == [NEXT_ID, first]
    old = client.get(f"/api/v1/release?release={first}").get_json()
    assert old["release"]["id"] == first
    resp = client.get(f"/download/meta.release.csv?release={first}")
    assert resp.headers["X-Caseload-Release"] == first and first.encode() in resp.data
    page = client.get("/api/v1/release").get_json()
    workforce = next(s for s in page["sources"] if s["source_id"] == "workforce")
    assert workforce["vintage"] == "Reporting year 2026"


def test_snapshot_reopens_a_replaced_file(two_releases: Settings, tmp_path):
    served = tmp_path / "served.duckdb"
    first, second = releases.release_ids(two_releases.releases_dir)
    shutil.copyfile(two_releases.releases_dir / f"{first}.duckdb", served)
    snap = Snapshot(served)
    with snap.cursor() as cur:
        assert q.release(cur)["release_id"] == first
        incoming = tmp_path / "incoming.duckdb"
        shutil.copyfile(two_releases.releases_dir / f"{second}.duckdb", incoming)
        os.replace(incoming, served)
        assert q.release(cur)["release_id"] == first  # a reader already under way finishes on its release
    with snap.cursor() as cur:
        assert q.release(cur)["release_id"] == second
