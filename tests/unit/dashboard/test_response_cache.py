"""The response cache: a page is keyed by its address alone, a per-load token is not part of the key, a
publish expires the warmed answer, the shell is kept gzipped per release."""

from __future__ import annotations

import json

from dashboard.server.response_cache import (
    CACHE_HEADER,
    PAGES_OUTPUT,
    CachingGzip,
    body_key,
    page_request,
    query_key,
)


def _browser_body(pathname: str, search: str, changed: list[str]) -> bytes:
    """The pages callback as Dash's renderer sends it (key order and spacing of JSON.stringify)."""
    return json.dumps(
        {
            "output": PAGES_OUTPUT,
            "outputs": [
                {"id": "_pages_content", "property": "children"},
                {"id": "_pages_store", "property": "data"},
            ],
            "inputs": [
                {"id": "_pages_location", "property": "pathname", "value": pathname},
                {"id": "_pages_location", "property": "search", "value": search},
            ],
            "changedPropIds": changed,
            "parsedChangedPropsIds": changed,
        },
        separators=(",", ":"),
    ).encode()


def test_a_page_is_keyed_by_its_address_alone():
    first_load = _browser_body("/", "?year=2024", ["_pages_location.pathname", "_pages_location.search"])
    navigation = _browser_body("/", "?year=2024", ["_pages_location.search"])
    assert body_key(first_load) == body_key(navigation) == body_key(page_request("/", "?year=2024"))
    assert body_key(page_request("/", "?year=2023")) != body_key(page_request("/", "?year=2024"))
    assert body_key(page_request("/trends", "?year=2024")) != body_key(page_request("/", "?year=2024"))
    other = b'{"output":"chart-dl.data","inputs":[]}'
    assert body_key(other)[0] == "body" and body_key(other) != body_key(b'{"output":"x"}')
    broken = PAGES_OUTPUT.encode() + b"{not json"
    assert body_key(broken)[0] == "body"


def test_a_callbacks_per_page_load_token_is_not_part_of_the_key():
    assert query_key("endId=abc123", post=True) == ""
    assert query_key("endId=abc&x=1", post=True) == "x=1"
    assert query_key("endId=abc", post=False) == "endId=abc"  # only callbacks drop it


def _environ(body: bytes, query: str = "") -> dict:
    import io

    return {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/_dash-update-component",
        "QUERY_STRING": query,
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "HTTP_ACCEPT_ENCODING": "gzip",
    }


def test_the_warmed_answer_is_what_a_browser_gets_and_a_publish_expires_it():
    calls, release = [], [1]

    def inner(environ, start_response):
        calls.append(environ["wsgi.input"].read())
        start_response("200 OK", [("Content-Type", "application/json")])
        return [json.dumps({"n": len(calls)}).encode()]

    app = CachingGzip(inner, lambda: release[0])
    from dashboard.server.warm import _post

    assert _post(app, page_request("/council/leeds", "")) == ("200 OK", "drawn")
    browser = _browser_body("/council/leeds", "", ["_pages_location.pathname", "_pages_location.search"])
    seen = {}
    app(_environ(browser, "endId=token-of-this-page-load"), lambda s, h, e=None: seen.update(dict(h)))
    assert len(calls) == 1 and seen[CACHE_HEADER] == "hit"  # the browser's request was a hit
    release[0] = 2
    app(_environ(browser, "endId=another"), lambda s, h, e=None: None)
    assert len(calls) == 2  # a new release is drawn again


def test_the_shell_layout_is_kept_gzipped_per_release():
    import io

    calls, release = [], [1]

    def inner(environ, start_response):
        calls.append(environ["PATH_INFO"])
        start_response("200 OK", [("Content-Type", "application/json")])
        return [b'{"layout": "' + b"x" * 4000 + b'"}']

    app = CachingGzip(inner, lambda: release[0])
    seen = {}
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/_dash-layout", "HTTP_ACCEPT_ENCODING": "gzip"}
    for _ in range(2):
        app({**environ, "wsgi.input": io.BytesIO()}, lambda s, h, e=None: seen.update(dict(h)))
    assert calls == ["/_dash-layout"] and seen["Content-Encoding"] == "gzip"
    release[0] = 2  # the shell names the release's build time and its councils: drawn again
    app({**environ, "wsgi.input": io.BytesIO()}, lambda s, h, e=None: None)
    assert len(calls) == 2
