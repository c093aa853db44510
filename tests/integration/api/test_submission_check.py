"""The check door over real HTTP (waitress on 127.0.0.1, as `caseload serve`): POST
/api/v1/submissions/check and the /submit/check form answer every kind of file with the report
`caseload validate` gives; oversize bodies get 413 before they are read; hostile file names are never
echoed; nothing is written under the data dir and only a count is logged."""

from __future__ import annotations

import dataclasses
import logging
import os
import socket
import time
from pathlib import Path

import pytest
import requests

from tests.support.band_files import band_csv, band_rows
from tests.support.live_site import running
from tests.support.submission_files import csv_bytes, good_rows, row, zip_bomb, zip_bytes
from warehouse.config import MAX_UPLOAD_BYTES, Settings
from warehouse.submissions import spec

pytestmark = pytest.mark.shared_data
API = "/api/v1/submissions/check"
FORM = "/submit/check"
GOOD = csv_bytes(good_rows(12, snapshot_date="2025-09-30", team="assessment"))


@pytest.fixture(scope="module")
def base(settings: Settings):
    from dashboard.app import create_app

    with running(create_app(settings).server) as url:
        yield url


def _post(base: str, content: bytes, name: str = "snapshot.csv", path: str = API) -> requests.Response:
    return requests.post(f"{base}{path}", files={"file": (name, content)}, timeout=60)


def test_a_good_file_is_acceptable(base):
    resp = _post(base, GOOD)
    assert resp.status_code == 200 and resp.headers["Content-Type"].startswith("application/json")
    assert resp.json() == {
        "acceptable": True, "problems": [],
        "summary": "The file is acceptable: 12 workers, council E06000001, snapshot 30 September 2025. "
                   "Nothing from the file was stored.",
    }
    assert resp.headers["Cache-Control"] == "no-store"


def _bad_cells() -> bytes:
    rows = good_rows(6)
    rows[1]["fte"], rows[3]["children_allocated"], rows[4]["worker_ref"] = "1.5", "twelve", "=cmd()"
    return csv_bytes(rows)


# (file, name, the (row, column, found) of every problem, a phrase of the first expectation)
PROBLEM_FILES = [
    (csv_bytes(good_rows(3), (*spec.TEMPLATE_COLUMNS[:-1], "caseworker_name")), "cols.csv",
     [(1, "caseworker_name", "caseworker_name")], "only the template's columns"),
    (_bad_cells(), "cells.csv",
     [(3, "fte", "1.5"), (5, "children_allocated", "twelve"), (6, "worker_ref", "=cmd()")], "at most 1"),
    (csv_bytes(good_rows(4, la_code="E99999999")), "unknown.csv",
     [(2, "la_code", "E99999999")], "current English council"),
    (csv_bytes([]), "header_only.csv", [(None, None, "(no rows)")], "one row per social worker"),
    (csv_bytes([row(1), row(2, la_code="E09000033")]), "two_councils.csv",
     [(3, "la_code", "E09000033")], "one file per council"),
]


@pytest.mark.parametrize("content, name, where, phrase", PROBLEM_FILES, ids=[f[1] for f in PROBLEM_FILES])
def test_every_problem_with_row_column_found_and_expected(base, content, name, where, phrase):
    resp = _post(base, content, name)
    assert resp.status_code == 200
    body = resp.json()
    assert body["acceptable"] is False
    assert [(p["row"], p["column"], p["found"]) for p in body["problems"]] == where
    assert phrase in body["problems"][0]["expected"]
    n = len(where)
    assert body["summary"].startswith(f"{n} problem{'s' if n > 1 else ''} found")


UNREADABLE = [
    (b"", "empty.csv", "the file is empty"),
    (b"la_code,fte\r\nE06000001,\x81\x8d\r\n", "latin.csv", "neither UTF-8 nor Windows-1252"),
    ("la_code,fte\r\n".encode("utf-16"), "utf16.csv", "UTF-16"),
    (b"PK\x03\x04 not a zip at all", "broken.xlsx", "damaged"),
    (zip_bytes({"xl/workbook.xml": b"<not-a-workbook/>"}), "shell.xlsx", "cannot be read"),
    (zip_bomb(), "bomb.xlsx", "zip bomb"),
    (GOOD + b"x" * (spec.MAX_FILE_BYTES - len(GOOD) + 10), "big.csv",
     f"the limit is {spec.MAX_FILE_BYTES:,}"),
]


@pytest.mark.parametrize("content, name, phrase", UNREADABLE, ids=[f[1] for f in UNREADABLE])
def test_an_unreadable_file_is_a_clear_400(base, content, name, phrase):
    resp = _post(base, content, name)
    assert resp.status_code == 400 and resp.headers["Content-Type"].startswith("application/json")
    body = resp.json()
    assert phrase in body["error"]["message"] and body["error"]["status"] == 400
    assert body["acceptable"] is False and len(body["problems"]) == 1
    assert body["problems"][0]["row"] is None and phrase in body["problems"][0]["expected"]


def test_no_file_field_is_a_clear_400(base):
    for kwargs in ({"files": {"other": ("a.csv", GOOD)}}, {"data": {"file": "not a file"}},
                   {"data": GOOD, "headers": {"Content-Type": "text/csv"}}, {}):
        resp = requests.post(f"{base}{API}", timeout=30, **kwargs)
        assert resp.status_code == 400, kwargs
        assert "field named 'file'" in resp.json()["error"]["message"]
    broken = requests.post(f"{base}{API}", data=b"--x\r\nnonsense", timeout=30,
                           headers={"Content-Type": "multipart/form-data; boundary=x"})
    assert broken.status_code == 400


def _raw(base: str, head: str, body_parts: list[bytes], pause: float = 0.0) -> tuple[str, float]:
    """Send a request by hand; (status line, seconds until the answer). Stops sending once answered."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=20) as sock:
        start = time.monotonic()
        sock.sendall(head.encode())
        sock.setblocking(False)
        answer = b""
        for part in body_parts:
            try:
                sock.sendall(part)
            except (BlockingIOError, BrokenPipeError, ConnectionResetError):
                break
            try:
                answer += sock.recv(65536)
                if answer:
                    break
            except BlockingIOError:
                time.sleep(pause)
        sock.setblocking(True)
        while b"\r\n" not in answer:
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
        return answer.split(b"\r\n", 1)[0].decode(), time.monotonic() - start


def test_oversize_bodies_get_413_before_they_are_read(base):
    boundary = "cwboundary"
    small = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n"
             "la_code\r\n").encode()
    head = (f"POST {API} HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary={boundary}\r\n"
            f"Content-Length: {1_000_000_000}\r\n\r\n")
    status, seconds = _raw(base, head, [small])  # a gigabyte announced, a few bytes sent
    assert status.startswith("HTTP/1.1 413") and seconds < 10
    chunk = b"x" * 65536
    chunked = (f"POST {API} HTTP/1.1\r\nHost: x\r\n"
               f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
               "Transfer-Encoding: chunked\r\n\r\n")
    parts = [b"%x\r\n%s\r\n" % (len(small), small)]
    parts += [b"%x\r\n%s\r\n" % (len(chunk), chunk)] * (MAX_UPLOAD_BYTES // len(chunk) + 50)
    status, _ = _raw(base, chunked, parts)  # never a final chunk: only the limit can end it
    assert status.startswith("HTTP/1.1 413")
    # a body just under the limit is read and checked (the file's own limit then speaks)
    assert _post(base, GOOD + b"x" * (spec.MAX_FILE_BYTES - len(GOOD) + 10)).status_code == 400


def test_the_route_itself_refuses_oversize_under_another_server(settings):
    """Under a server without waitress's limit (werkzeug's), the route's own checks give the 413."""
    import threading

    from werkzeug.serving import make_server

    from dashboard.app import create_app

    server = make_server("127.0.0.1", 0, create_app(settings).server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        head = (f"POST {API} HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                f"Content-Length: {MAX_UPLOAD_BYTES + 1}\r\nConnection: close\r\n\r\n")
        status, seconds = _raw(base, head, [b"--b\r\n"])
        assert status.startswith("HTTP/1.1 413") and seconds < 10
        big = b"x" * (MAX_UPLOAD_BYTES + 1000)
        resp = requests.post(f"{base}{API}", files={"file": ("a.csv", big)}, timeout=60)
        assert resp.status_code == 413 and "larger than" in resp.json()["error"]["message"]
        chunks = (b"x" * 65536 for _ in range(MAX_UPLOAD_BYTES // 65536 + 20))
        resp = requests.post(f"{base}{API}", data=chunks, timeout=60,
                             headers={"Content-Type": "multipart/form-data; boundary=b"})
        assert resp.status_code == 413
        assert _post(base, GOOD).json()["acceptable"] is True
    finally:
        server.shutdown()
        thread.join(timeout=10)


HOSTILE_NAMES = ["../../../etc/passwd.csv", "..", "a\x00b.csv", "A" * 5000 + ".csv",
                 "<script>alert('cw')</script>.csv", '"><img src=x onerror=alert(1)>.xlsx', "..\\..\\win.csv"]


def _listing(root: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for dirpath, dirs, names in os.walk(root):
        for name in [*dirs, *names]:
            st = os.lstat(os.path.join(dirpath, name))
            out[os.path.join(dirpath, name)] = (st.st_size, st.st_mtime_ns)
    return out


def test_hostile_names_are_never_echoed_and_nothing_is_stored_or_logged(base, settings, caplog):
    before = _listing(settings.data_dir)
    secret = "SW-SECRET-0001"
    rows = good_rows(3)
    rows[0]["worker_ref"], rows[1]["fte"] = secret, secret
    content = csv_bytes(rows)
    caplog.set_level(logging.INFO)
    for name in HOSTILE_NAMES:
        for path, payload in ((API, content), (FORM, content), (API, b""), (FORM, b"")):
            resp = requests.post(f"{base}{path}", files={"file": (name, payload)}, timeout=60)
            assert resp.status_code in (200, 400), (name, path)
            text = resp.text
            assert name not in text and "<script>" not in text and "<img" not in text, (name, path)
            assert "etc/passwd" not in text and "A" * 100 not in text
            if path == FORM and payload and not name.endswith(".xlsx"):  # a CSV named .xlsx: unreadable
                assert "text/html" in resp.headers["Content-Type"]
                assert "Content-Security-Policy" in resp.headers and "<table>" in text
                assert secret in text  # the file's own (escaped) values are the report
    after = _listing(settings.data_dir)
    assert after == before, sorted(set(after.items()) ^ set(before.items()))
    logged = caplog.text
    assert "submission check:" in logged and secret not in logged
    assert not [n for n in HOSTILE_NAMES if n in logged and n != ".."]


def test_the_form_answers_a_page_and_is_rate_limited(settings):
    from dashboard.app import create_app

    limited = dataclasses.replace(settings, rate_limit_per_minute=0.001, rate_limit_burst=2)
    with running(create_app(limited).server) as url:
        page = requests.post(f"{url}{FORM}", files={"file": ("a.csv", _bad_cells())}, timeout=60)
        assert page.status_code == 200 and "Your file has problems" in page.text
        assert "<td>3</td><td>fte</td><td><code>1.5</code></td>" in page.text
        assert "<code>=cmd()</code>" in page.text and page.headers["Cache-Control"] == "no-store"
        missing = requests.post(f"{url}{FORM}", data={"x": "1"}, timeout=60)
        assert missing.status_code == 400 and "The file was not checked" in missing.text
        third = requests.post(f"{url}{API}", files={"file": ("a.csv", GOOD)}, timeout=60)
        assert third.status_code == 429 and "Retry-After" in third.headers
        assert requests.get(f"{url}{FORM}", timeout=60).status_code == 200  # the page is not limited


def test_the_page_and_its_links(base):
    from tests.support.live_site import page_content

    with requests.Session() as s:
        drawn = str(page_content(s, base, FORM))
        assert "'action': '/submit/check'" in drawn and "'encType': 'multipart/form-data'" in drawn
        assert "'name': 'file'" in drawn
        for path in ("/guide", "/data"):
            assert "/submit/check" in str(page_content(s, base, path)), path
        index = s.get(f"{base}/api/v1", timeout=30).json()
        assert API in index["endpoints"]


def test_the_check_api_answers_a_bad_band_file(base):
    bad = band_rows(((0, 10, 12), (12, 20, 5), (21, None, 3)), source="http://www.example.gov.uk/foi")
    good = _post(base, band_csv(band_rows()), "foi.csv").json()
    assert good["acceptable"] and "5 caseload bands, 75 case holders (FOI answer)" in good["summary"]
    resp = _post(base, band_csv(bad), "foi.csv")
    assert resp.status_code == 200
    body = resp.json()
    assert body["acceptable"] is False
    where = [(p["row"], p["column"], p["found"]) for p in body["problems"]]
    http = "http://www.example.gov.uk/foi"
    assert where == [(2, "source", http), (3, "source", http), (4, "source", http),
                     (3, "children_from", "12")]
    assert "https://" in body["problems"][0]["expected"]
    assert "no gap or overlap" in body["problems"][3]["expected"]
    assert body["summary"].startswith("4 problems found")
