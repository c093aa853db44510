"""Pages on a kept release (`?release=<id>`): strict ids, the one resolver, the notice and its link."""

from __future__ import annotations

import dash
import pytest

from dashboard.address import QueryError
from dashboard.reading import page_release as release_view
from dashboard.reading import queries as data
from tests.support.site import texts
from warehouse.config import Settings
from warehouse.read.releases import release_ids

OLD, NEW = "20251101T090000Z-0123abcd", "20251201T090000Z-89abcdef"


HOSTILE = ("<script>alert(1)</script>", "../caseload", f"{OLD}/../x", f"{OLD}\n", OLD.upper(), [OLD, NEW])


def _hrefs(component: object) -> dict[str, str]:
    """id -> href of every link in a component tree."""
    if isinstance(component, (list, tuple)):
        return {k: v for c in component for k, v in _hrefs(c).items()}
    found = {}
    if getattr(component, "href", None) is not None:
        found[getattr(component, "id", None) or component.href] = component.href
    children = getattr(component, "children", None)
    return {**found, **(_hrefs(children) if children is not None else {})}


def _pinned_releases(component: object) -> list[str]:
    """The release every address a page writes carries: links, and the stores the forms build them from."""
    if isinstance(component, (list, tuple)):
        return [r for c in component for r in _pinned_releases(c)]
    found = []
    href = getattr(component, "href", None)
    if href and "release=" in href and getattr(component, "id", None) != release_view.LATEST_LINK_ID:
        found.append(href.split("release=")[1].split("&")[0].split("#")[0])
    stored = getattr(component, "data", None)
    if isinstance(stored, dict):
        found += [d["release"] for d in (stored, stored.get("extra") or {}) if "release" in d]
    children = getattr(component, "children", None)
    return found + (_pinned_releases(children) if children is not None else [])


@pytest.mark.shared_data
def test_pages_read_the_release_they_name(two_releases: Settings):
    from dashboard.app import create_app

    create_app(two_releases)
    old, new = release_ids(two_releases.releases_dir)
    with release_view.pinned({"release": old}) as view:
        assert (view.release_id, view.latest_id, view.is_latest) == (old, new, False)
        assert data.release()["release_id"] == old  # read from releases/<old>.duckdb
        assert release_view.pin() == {"release": old}
    assert data.release()["release_id"] == new and release_view.current() is None
    for query in ({}, {"release": new}):
        with release_view.pinned(query) as view:
            assert view.is_latest and data.snapshot() is data.served()
            assert release_view.pin() == {"release": new}  # always pinned, even on the latest
    not_kept = "20000101T000000Z-00000000"  # well formed, not in the listing
    with pytest.raises(QueryError), release_view.pinned({"release": not_kept}):
        pass


@pytest.mark.shared_data
def test_every_page_on_an_old_release_has_the_notice_and_stays_pinned(two_releases: Settings):
    from dashboard.app import create_app

    create_app(two_releases)
    old, new = release_ids(two_releases.releases_dir)
    pages = {
        "overview": ({}, "/?year=2024"),
        "council": ({"code": "leeds"}, "/council/leeds?year=2024"),
        "compare": ({"councils": "leeds,kent"}, "/compare?councils=leeds%2Ckent&year=2024"),
        "trends": ({}, "/trends?year=2024"),
        "data_page": ({}, "/data?year=2024"),
    }
    for module, (args, latest) in pages.items():
        layout = dash.page_registry[f"dashboard.pages.{module}"]["layout"]
        page = layout(**args, year="2024", release=old)
        assert f"You are looking at release {old} built" in "".join(texts(page)), module
        assert _hrefs(page)[release_view.LATEST_LINK_ID] == latest
        pinned = _pinned_releases(page)
        assert pinned and set(pinned) <= {old, new}, module
        assert old in pinned and (module == "data_page" or set(pinned) == {old}), module
        assert "You are looking at release" not in " ".join(texts(layout(**args, year="2024", release=new)))
        assert "You are looking at release" not in " ".join(texts(layout(**args, year="2024")))


@pytest.mark.shared_data
def test_a_bad_release_gets_the_friendly_page_without_echo(two_releases: Settings):
    from dashboard.app import create_app

    create_app(two_releases)
    layout = dash.page_registry["dashboard.pages.trends"]["layout"]
    for bad in (*HOSTILE, "20000101T000000Z-00000000"):
        text = " ".join(texts(layout(release=bad)))
        assert "We could not show that view" in text and "There is no release with that id" in text
        assert str(bad) not in text


@pytest.mark.shared_data
def test_council_links_the_rows_behind_its_figures(two_releases: Settings):
    from dashboard.app import create_app

    create_app(two_releases)
    old, _new = release_ids(two_releases.releases_dir)
    layout = dash.page_registry["dashboard.pages.council"]["layout"]
    page = layout(code="leeds", year="2024", release=old)
    href = _hrefs(page)["rows-behind"]
    assert href == f"/download/marts.la_year.csv?council=E08000035&year=2024&release={old}"
    client = create_app(two_releases).server.test_client()
    resp = client.get(href)
    lines = resp.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert resp.headers["X-Caseload-Release"] == old
    assert len(lines) == 2 and "E08000035" in lines[1] and ",2024," in f",{lines[1]},"
    assert "Cite these figures" in " ".join(texts(page))
