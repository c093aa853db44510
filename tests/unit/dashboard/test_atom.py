"""Atom documents (dashboard.feeds.atom): valid against RFC 4287's schema with or without entries,
every value escaped, times in RFC 3339 UTC."""

from __future__ import annotations

import datetime as dt

from lxml import etree

from dashboard.feeds import atom
from tests.support.atom import ATOM, parsed, schema_errors

BUILT = dt.datetime(2026, 2, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def _feed(entries: list[atom.Entry]) -> bytes:
    return atom.feed(feed_id=atom.tag("council", "E08000035"), title="Changes to <Leeds> & co",
                     subtitle="s", self_href="http://x/feeds/council/leeds.atom",
                     alternate_href="http://x/council/leeds", updated=BUILT, entries=entries)


def test_an_empty_feed_is_valid_and_dated_by_the_latest_release():
    body = _feed([])
    assert schema_errors(body) == [] and parsed(body).bozo == 0
    root = etree.fromstring(body)
    assert root.findtext(f"{ATOM}updated") == "2026-02-01T08:30:00Z"
    assert root.findtext(f"{ATOM}title") == "Changes to <Leeds> & co"


def test_entries_escape_what_they_say():
    line = '2024 caseload revised 17.1 → 17.3 <script>alert("x")</script> & more.'
    body = _feed([atom.Entry(atom.tag("release", "r1"), "Release r1", BUILT, "http://x/?release=r1&a=<b>",
                             [line])])
    assert b"<script>" not in body and schema_errors(body) == []
    feed = parsed(body)
    assert feed.bozo == 0 and feed.entries[0].id == "tag:caseload-watch,2026:release/r1"
    assert feed.entries[0].link == "http://x/?release=r1&a=<b>"
    assert feed.entries[0].summary == line
    content = etree.fromstring(body).find(f"{ATOM}entry/{ATOM}content")
    assert content.get("type") == "html" and content.text.startswith("<ul><li>2024 caseload")
    assert "&lt;script&gt;" in content.text  # escaped once more inside the HTML


def test_times_are_utc_rfc3339():
    assert atom.rfc3339(dt.datetime(2026, 12, 1, 23, 55, 28)) == "2026-12-01T23:55:28Z"
    assert atom.rfc3339(BUILT) == "2026-02-01T08:30:00Z"
