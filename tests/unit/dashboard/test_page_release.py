"""Pages on a kept release: strict ids never echoed, the notice only on an older release, the latest
link, the footer."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.address import QueryError
from dashboard.reading import page_release as release_view
from dashboard.reading.page_release import ReleaseView, latest_href, notice, page_address, parse_release
from tests.support.site import texts

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


def test_release_ids_are_parsed_strictly_and_never_echoed():
    assert parse_release(None) is None and parse_release("") is None
    assert parse_release(OLD) == OLD
    for bad in HOSTILE:
        with pytest.raises(QueryError) as caught:
            parse_release(bad)
        assert str(bad) not in str(caught.value) and "release" in str(caught.value)


def test_the_latest_link_is_the_same_view_without_release():
    args = {"code": "leeds", "year": "2024", "release": OLD, "cap": "12"}
    path, rest = page_address("/council/<code>", args)
    assert path == "/council/leeds"
    assert latest_href(path, rest) == "/council/leeds?year=2024&cap=12"
    assert latest_href("/", {"release": OLD}) == "/"
    compare = latest_href("/compare", {"councils": "leeds,kent", "release": OLD})
    assert compare == "/compare?councils=leeds%2Ckent"
    # a path value cannot turn the link into another site's address
    assert page_address("/council/<code>", {"code": "//evil.example"})[0] == "/council/%2F%2Fevil.example"


def test_notice_only_on_an_older_release():
    built = dt.datetime(2025, 11, 1, 9, 0, tzinfo=dt.UTC)
    assert notice(None, "/") is None
    assert notice(ReleaseView(NEW, built, NEW), "/") is None  # a link pinned to the latest: no notice
    banner = notice(ReleaseView(OLD, built, NEW), "/trends?year=2024")
    assert "".join(texts(banner)) == (
        f"You are looking at release {OLD} built 01 November 2025 at 09:00 UTC, not the latest. "
        "See this view on the latest release"
    )
    assert _hrefs(banner) == {release_view.LATEST_LINK_ID: "/trends?year=2024"}


def test_footer_names_the_latest_release_not_the_page_s() -> None:
    """The footer is shared by every address, pinned ones included: it must not claim to date them."""
    from dashboard.components.shell import footer

    text = "".join(texts(footer("23 November 2026, 21:00 UTC")))
    assert "Latest release built 23 November 2026, 21:00 UTC." in text
    assert "No release has been published yet." in "".join(texts(footer(None)))
