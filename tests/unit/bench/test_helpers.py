"""Pure helpers of bench/site.py, bench/loadgen.py and bench/submissions.py, and the site's response cache.

No timings are asserted: only percentiles, week selection, the Dash callback payload, and that the
cache serves the same answer again, gzipped when asked, and a new one after a publish.
"""

from __future__ import annotations

import datetime as dt
import gzip
import importlib.util
import io
import json
import sys
from types import ModuleType

import pytest

from dashboard.server.response_cache import CachingGzip
from warehouse.config import PROJECT_ROOT


def _load(name: str) -> ModuleType:
    sys.path.insert(0, str(PROJECT_ROOT / "bench"))
    spec = importlib.util.spec_from_file_location(f"bench_{name}", PROJECT_ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("q", "expected"), [(0, 1.0), (50, 2.5), (95, 3.85), (100, 4.0)])
def test_percentile_interpolates_like_numpy(q: float, expected: float) -> None:
    assert _load("loadgen").percentile([4.0, 1.0, 3.0, 2.0], q) == pytest.approx(expected)


def test_weeks_and_snapshot_dates() -> None:
    bench = _load("submissions")
    assert bench.weeks_for(250, [100, 100, 100]) == 3
    assert bench.weeks_for(200, [100, 100, 100]) == 2
    assert bench.weeks_for(10_000, [100]) == 1
    dates = bench.snapshot_dates(3, dt.date(2025, 9, 26))
    assert dates == [dt.date(2025, 9, 12), dt.date(2025, 9, 19), dt.date(2025, 9, 26)]


def test_pages_callback_payload() -> None:
    dep = {
        "output": ".._pages_content.children..._pages_store.data..",
        "inputs": [
            {"id": "_pages_location", "property": "pathname"},
            {"id": "_pages_location", "property": "search"},
        ],
        "state": [],
    }
    body = json.loads(_load("site").payload(dep, "/trends", "?cap=12"))
    assert body["outputs"] == [
        {"id": "_pages_content", "property": "children"},
        {"id": "_pages_store", "property": "data"},
    ]
    assert [i["value"] for i in body["inputs"]] == ["/trends", "?cap=12"]
    assert body["changedPropIds"] == ["_pages_location.pathname", "_pages_location.search"]


def _call(app, method: str, path: str, body: bytes = b"", gzip_ok: bool = False) -> tuple[str, dict, bytes]:
    seen = {}
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "HTTP_ACCEPT_ENCODING": "gzip" if gzip_ok else "",
    }
    out = b"".join(app(environ, lambda s, h, e=None: seen.update(status=s, headers=dict(h))))
    return seen["status"], seen["headers"], out


def test_response_cache_keeps_answers_per_release_and_gzips() -> None:
    calls, release = [], [1]

    def inner(environ, start_response):
        calls.append(environ["wsgi.input"].read())
        start_response("200 OK", [("Content-Type", "application/json")])
        return [json.dumps({"n": len(calls), "pad": "x" * 2000}).encode()]

    app = CachingGzip(inner, lambda: release[0])
    first = _call(app, "POST", "/_dash-update-component", b'{"a": 1}')
    assert _call(app, "POST", "/_dash-update-component", b'{"a": 1}')[2] == first[2]
    assert calls == [b'{"a": 1}']  # drawn once, with the body passed on
    status, headers, zipped = _call(app, "POST", "/_dash-update-component", b'{"a": 1}', gzip_ok=True)
    assert headers["Content-Encoding"] == "gzip" and json.loads(gzip.decompress(zipped))["n"] == 2
    release[0] = 2  # a new release: drawn again
    assert json.loads(_call(app, "POST", "/_dash-update-component", b'{"a": 1}')[2])["n"] == 3
    _call(app, "GET", "/api/v1/x")
    _call(app, "GET", "/api/v1/x")
    assert len(calls) == 5  # the API is never cached
