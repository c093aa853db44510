"""The Atom feeds over real HTTP, on two real releases whose inputs differ: the session's build from
../shared/data, then the pipeline run again with Leeds's 2025 case-holding FTE and caseload changed
in the workforce file. Both feeds are checked against RFC 4287's RELAX NG schema and by feedparser."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from dashboard.feeds import atom
from tests.support import live_site
from tests.support.atom import parsed, schema_errors
from warehouse.config import Settings
from warehouse.read.releases import release_ids

pytestmark = pytest.mark.shared_data
WORKFORCE = "ees/csww_indicators_2017_to_2025.csv"
# Leeds 2025 as published: 298.4 case-holding FTE, 4420 cases, caseload 14.8; 4420 / 232.5 = 19.0.
LEEDS_2025, CHANGED = ",298.4,4420,14.8,", ",232.5,4420,19.0,"


def _changed_sources(shared: Path, folder: Path) -> Path:
    shutil.copytree(shared, folder)
    path = folder / WORKFORCE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    hits = [i for i, line in enumerate(lines)
            if line.startswith("2025,") and ",E08000035,Leeds," in line and LEEDS_2025 in line]
    assert len(hits) == 1
    lines[hits[0]] = lines[hits[0]].replace(LEEDS_2025, CHANGED)
    path.write_text("".join(lines), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def two_builds(shared_warehouse: Settings, shared_data_dir: Path, tmp_path_factory) -> Settings:
    from pipeline.run import run_all

    root = tmp_path_factory.mktemp("feeds")
    data_dir = root / "data"
    shutil.copytree(shared_warehouse.data_dir, data_dir)
    sources = _changed_sources(shared_data_dir, root / "sources")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CASELOAD_DATA_DIR", str(data_dir))
        mp.setenv("CASELOAD_SOURCE_DIR", str(sources))
        mp.delenv("CASELOAD_WAREHOUSE", raising=False)
        assert run_all() == 0, "the pipeline did not publish the changed build"
        settings = Settings.from_env()
    assert len(release_ids(settings.releases_dir)) == 2
    return dataclasses.replace(settings, rate_limit_per_minute=1e6, rate_limit_burst=100_000)


@pytest.fixture(scope="module")
def site(two_builds: Settings) -> Iterator[str]:
    from dashboard.app import create_app

    with live_site.running(create_app(two_builds).server) as base:
        yield base


def _feed(base: str, path: str):
    resp = requests.get(base + path, timeout=60)
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert schema_errors(resp.content) == []
    feed = parsed(resp.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return resp, feed


def test_the_releases_feed_has_one_entry_per_release_newest_first(site: str, two_builds: Settings):
    old, new = release_ids(two_builds.releases_dir)
    resp, feed = _feed(site, "/feeds/releases.atom")
    assert feed.feed.id == "tag:caseload-watch,2026:releases"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {"self": f"{site}/feeds/releases.atom", "alternate": f"{site}/data"}
    assert [e.id for e in feed.entries] == [atom.tag("release", new), atom.tag("release", old)]
    assert [e.link for e in feed.entries] == [f"{site}/?release={new}", f"{site}/?release={old}"]
    newest, first = feed.entries[0].summary, feed.entries[1].summary
    assert "workforce: the publisher revised the file" in newest
    assert "Figures changed for Leeds since the release before." in newest
    assert "Newly over Council target of 18 in 2025: Leeds." in newest
    assert first.startswith("First release kept")
    assert resp.headers["Cache-Control"] == "public, max-age=300"
    assert resp.headers["X-Caseload-Release"] == new
    again = requests.get(f"{site}/feeds/releases.atom", headers={"If-None-Match": resp.headers["ETag"]},
                         timeout=60)
    assert again.status_code == 304


def test_a_changed_council_has_an_entry_saying_what_changed(site: str, two_builds: Settings):
    new = release_ids(two_builds.releases_dir)[-1]
    _, feed = _feed(site, "/feeds/council/leeds.atom")
    assert feed.feed.id == "tag:caseload-watch,2026:council/E08000035"
    assert {link.rel: link.href for link in feed.feed.links}["alternate"] == f"{site}/council/leeds"
    (entry,) = feed.entries
    assert entry.id == f"tag:caseload-watch,2026:council/E08000035/release/{new}"
    assert entry.link == f"{site}/council/leeds?release={new}"
    assert entry.summary == ("2025 case-holding social workers (FTE) revised 298.4 → 232.5. "
                             "2025 caseload revised 14.8 → 19.0.")
    _, by_code = _feed(site, "/feeds/council/E08000035.atom")  # the keys the council pages take
    assert [e.id for e in by_code.entries] == [entry.id]


def test_an_unchanged_council_has_a_valid_empty_feed(site: str):
    _, feed = _feed(site, "/feeds/council/york.atom")
    assert feed.entries == [] and feed.feed.title == "Caseload Watch: changes to York's figures"


def test_an_unknown_council_is_the_sites_404_page(site: str):
    resp = requests.get(f"{site}/feeds/council/atlantis%3Cscript%3E.atom", timeout=60)
    assert resp.status_code == 404 and resp.headers["Content-Type"].startswith("text/html")
    assert "Not found" in resp.text and "atlantis" not in resp.text


def test_pages_link_their_feeds(site: str):
    council = requests.get(f"{site}/council/leeds", timeout=60).text
    head = council.split("</head>")[0]
    assert '<link rel="alternate" type="application/atom+xml" title="Caseload Watch: new releases" ' \
           'href="/feeds/releases.atom">' in head
    assert 'href="/feeds/council/leeds.atom"' in head
    trends = requests.get(f"{site}/trends", timeout=60).text.split("</head>")[0]
    assert 'href="/feeds/releases.atom"' in trends and "/feeds/council/" not in trends
    data = str(live_site.page_content(requests.Session(), site, "/data"))
    assert "Follow new releases" in data and "/feeds/releases.atom" in data
    profile = str(live_site.page_content(requests.Session(), site, "/council/leeds"))
    assert "/feeds/council/leeds.atom" in profile
