"""Submitting with a council's token, over real HTTP (waitress on 127.0.0.1): every token case, the
inbox, replays, refusals, hostile file names, CSRF on /submit, the audit log, the CLI, and nothing
secret in any download."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import requests

from tests.support.live_site import running
from tests.support.submission_files import csv_bytes, good_rows
from warehouse.config import PROJECT_ROOT, Settings
from warehouse.tokens import TOKEN_RE, TokenStore

pytestmark = pytest.mark.shared_data
COUNCIL = "E08000025"  # Birmingham
API = "/api/v1/submissions"


@pytest.fixture(scope="module")
def settings(shared_warehouse: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The session's published release, with a data folder (tokens, audit, inbox) of its own."""
    return dataclasses.replace(shared_warehouse, data_dir=tmp_path_factory.mktemp("submit-door"),
                               rate_limit_per_minute=1e6, rate_limit_burst=100_000)


@pytest.fixture(scope="module")
def base(settings: Settings):
    from dashboard.app import create_app

    with running(create_app(settings).server) as url:
        yield url


def _cli(settings: Settings, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CASELOAD_DATA_DIR": str(settings.data_dir),
           "CASELOAD_WAREHOUSE": str(settings.warehouse_path)}
    return subprocess.run([sys.executable, "-m", "caseload", "token", *args], env=env, cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=120)


def _issue(settings: Settings, council: str = COUNCIL) -> str:
    done = _cli(settings, "issue", council)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def _post(base: str, token: str | None, content: bytes, name: str = "caseload.csv") -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return requests.post(base + API, headers=headers, files={"file": (name, content)}, timeout=60)


def _file(n: int = 40, **overrides: str) -> bytes:
    return csv_bytes(good_rows(n, la_code=COUNCIL, **overrides))


def _inbox(settings: Settings) -> list[str]:
    inbox = settings.submissions_dir / "inbox"
    return sorted(p.name for p in inbox.iterdir()) if inbox.exists() else []


def test_the_cli_issues_lists_and_refuses(settings: Settings):
    token = _issue(settings)
    assert TOKEN_RE.match(token)
    listed = _cli(settings, "list")
    assert listed.returncode == 0 and COUNCIL in listed.stdout and token.split("_", 2)[2] not in listed.stdout
    assert token.split("_")[1] in listed.stdout
    unknown = _cli(settings, "issue", "E99999999")
    assert unknown.returncode == 1 and "not the code of a current council" in unknown.stderr
    store_text = settings.tokens_path.read_text()
    assert token not in store_text and token.split("_", 2)[2] not in store_text


def test_each_token_case(settings: Settings, base: str):
    body = _file(12, snapshot_date="2025-03-31")
    for token, reason in ((None, "missing"), ("not-a-token", "malformed"),
                          ("cw_0badf00d_" + "A" * 43, "unknown")):
        resp = _post(base, token, body)
        assert resp.status_code == 401, resp.text
        assert resp.headers["WWW-Authenticate"].startswith("Bearer")
        assert resp.json()["error"]["reason"] == reason
    expired = TokenStore(settings.tokens_path).issue(
        COUNCIL, {COUNCIL}, days=1, now=dt.datetime.now(dt.UTC) - dt.timedelta(days=2))
    resp = _post(base, expired, body)
    assert (resp.status_code, resp.json()["error"]["reason"]) == (401, "expired")
    assert "expired" in resp.json()["error"]["message"]
    # revoked with the CLI while the site runs: the very next request is refused
    token = _issue(settings)
    assert _post(base, token, body).status_code == 202
    assert _cli(settings, "revoke", token.split("_")[1]).returncode == 0
    resp = _post(base, token, _file(13, snapshot_date="2025-03-31"))
    assert (resp.status_code, resp.json()["error"]["reason"]) == (401, "revoked")
    assert "revoked" in resp.json()["error"]["message"]
    # another council's token: 403 naming both councils, nothing kept
    before = _inbox(settings)
    other = _issue(settings, "E06000001")
    resp = _post(base, other, _file(14))
    assert resp.status_code == 403
    assert resp.json()["error"]["token_council"] == "E06000001"
    assert resp.json()["error"]["file_councils"] == [COUNCIL]
    assert _inbox(settings) == before


def test_accept_replay_refuse_and_oversize(settings: Settings, base: str):
    token = _issue(settings)
    content = _file(20)
    digest = hashlib.sha256(content).hexdigest()
    resp = _post(base, token, content)
    assert resp.status_code == 202, resp.text
    got = resp.json()
    assert (got["status"], got["submission_id"], got["council"], got["workers"]) == (
        "accepted", digest, COUNCIL, 20)
    assert "within about a minute" in got["next"]
    inbox = settings.submissions_dir / "inbox"
    assert (inbox / f"{COUNCIL}_{digest}.csv").read_bytes() == content
    assert not [n for n in _inbox(settings) if n.endswith(".part")]
    again = _post(base, token, content, name="another-name.csv")
    assert (again.status_code, again.json()["status"]) == (200, "already received")
    # a failing file: 422 with the check's report, nothing kept
    before = _inbox(settings)
    bad = _post(base, token, _file(3, fte="2"))
    assert bad.status_code == 422
    report = bad.json()
    assert report["acceptable"] is False and report["summary"].startswith("3 problems")
    assert report["problems"][0] == {"row": 2, "column": "fte", "found": "2",
                                     "expected": report["problems"][0]["expected"]}
    assert _inbox(settings) == before
    # too large: refused from its declared length, and a file just over the limit after parsing
    huge = _post(base, token, b"x" * 6_000_000)
    # waitress refuses it by Content-Length before the app sees it (its own plain 413; the door's
    # JSON 413 speaks under a server without that limit: test_submission_check.py)
    assert huge.status_code == 413
    over = _post(base, token, b"x" * 5_000_001)
    assert over.status_code == 413
    no_file = requests.post(base + API, headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert no_file.status_code == 400
    assert _inbox(settings) == before


@pytest.mark.parametrize("name", ["../../../../tmp/evil.csv", "evil\x00.csv", "<script>alert(1)</script>.csv",
                                  "..\\..\\evil.csv", "/etc/passwd"])
def test_hostile_file_names_never_reach_a_path_or_the_answer(settings: Settings, base: str, name: str):
    token = _issue(settings)
    content = _file(10, snapshot_date="2025-06-30", worker_ref="")  # refused: every worker_ref empty
    resp = _post(base, token, content, name=name)
    assert resp.status_code == 422
    assert "evil" not in resp.text and "<script>" not in resp.text and "passwd" not in resp.text
    good = _file(10, snapshot_date="2025-06-30")
    digest = hashlib.sha256(good).hexdigest()
    resp = _post(base, token, good, name=name)
    assert resp.status_code in (200, 202) and "evil" not in resp.text and "<script>" not in resp.text
    assert f"{COUNCIL}_{digest}.csv" in _inbox(settings)
    assert all(re.fullmatch(r"E\d{8}_[0-9a-f]{64}\.csv", n) for n in _inbox(settings))
    assert not Path("/tmp/evil.csv").exists()


def _form(session: requests.Session, base: str) -> str:
    page = session.get(base + "/submit", timeout=30)
    assert page.status_code == 200 and "cw_submit_csrf" in session.cookies
    assert "SameSite=Strict" in page.headers["Set-Cookie"] and "HttpOnly" in page.headers["Set-Cookie"]
    return re.search(r'name="csrf" value="([0-9a-f]+)"', page.text).group(1)


def test_the_form_needs_its_csrf_pair_and_says_what_happened(settings: Settings, base: str):
    token = _issue(settings)
    content = _file(30, snapshot_date="2025-07-31")
    files = {"file": ("<b>x</b>.csv", content)}
    session = requests.Session()
    field = _form(session, base)
    # no cookie, no field, a field for another cookie: 403, nothing kept
    before = _inbox(settings)
    assert requests.post(base + "/submit", data={"csrf": field, "token": token}, files=files,
                         timeout=30).status_code == 403
    assert session.post(base + "/submit", data={"token": token}, files=files, timeout=30).status_code == 403
    other = requests.Session()
    _form(other, base)
    assert other.post(base + "/submit", data={"csrf": field, "token": token}, files=files,
                      timeout=30).status_code == 403
    assert _inbox(settings) == before
    resp = session.post(base + "/submit", data={"csrf": field, "token": token}, files=files, timeout=30)
    assert resp.status_code == 202 and "File received" in resp.text
    assert hashlib.sha256(content).hexdigest() in resp.text and "<b>x</b>" not in resp.text
    bad = session.post(base + "/submit", data={"csrf": field, "token": token},
                       files={"file": ("a.csv", _file(2, fte="<script>x</script>"))}, timeout=30)
    assert bad.status_code == 422 and "File not accepted" in bad.text
    assert "<script>x</script>" not in bad.text and "&lt;script&gt;x&lt;/script&gt;" in bad.text
    assert "<th scope=\"col\">Expected</th>" in bad.text
    wrong = session.post(base + "/submit", data={"csrf": field, "token": "cw_nope"}, files=files, timeout=30)
    assert wrong.status_code == 401 and "not a Caseload Watch token" in wrong.text
    assert "Content-Security-Policy" in resp.headers


def test_the_audit_log_has_one_line_per_attempt_and_no_secret(settings: Settings, base: str):
    log = settings.audit_path
    start = len(log.read_text().splitlines()) if log.exists() else 0
    token = _issue(settings)
    content = _file(25, snapshot_date="2025-08-31")
    answers = [_post(base, token, content, name="Secret Name.csv").status_code,
               _post(base, token, content).status_code,
               _post(base, token, _file(2, fte="9")).status_code,
               _post(base, None, content).status_code,
               _post(base, _issue(settings, "E06000001"), content).status_code]
    assert answers == [202, 200, 422, 401, 403]
    lines = [json.loads(x) for x in log.read_text().splitlines()[start:]]
    assert [x["outcome"] for x in lines] == ["accepted", "duplicate", "refused", "unauthorised", "forbidden"]
    assert lines[0]["sha256"] == hashlib.sha256(content).hexdigest()
    assert lines[0]["token_id"] == token.split("_")[1] and lines[0]["council"] == COUNCIL
    text = log.read_text()
    assert token.split("_", 2)[2] not in text and "Secret Name" not in text and "SW0001" not in text
    assert oct(log.stat().st_mode & 0o777) == "0o600"


def test_the_rate_limit_covers_submissions(shared_warehouse: Settings, tmp_path: Path):
    from dashboard.app import create_app

    app = create_app(dataclasses.replace(shared_warehouse, data_dir=tmp_path, rate_limit_per_minute=1,
                                         rate_limit_burst=2))
    with running(app.server) as url:
        codes = [_post(url, None, b"x").status_code for _ in range(3)]
    assert codes == [401, 401, 429]


def test_no_download_holds_a_token_hash_or_an_audit_line(settings: Settings, base: str):
    token = _issue(settings)
    assert _post(base, token, _file(15, snapshot_date="2025-05-31")).status_code == 202
    secrets_text = settings.tokens_path.read_text() + settings.audit_path.read_text()
    needles = set(re.findall(r"[0-9a-f]{64}", secrets_text)) | {"submissions-audit", "tokens.json"}
    zipped = requests.get(base + "/download/caseload-watch.zip", timeout=120)
    assert zipped.status_code == 200
    bodies: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(zipped.content)) as archive:
        for member in archive.namelist():
            bodies[f"zip:{member}"] = archive.read(member)
    names = {Path(m).name.rsplit(".", 1)[0] for m in bodies if "/data/" in m}
    assert "marts.dim_la" in names
    for name in sorted(names):
        for fmt in ("csv", "parquet"):
            resp = requests.get(f"{base}/download/{name}.{fmt}", timeout=120)
            assert resp.status_code == 200, name
            bodies[f"{name}.{fmt}"] = resp.content
    for template in sorted((PROJECT_ROOT / "data" / "templates").iterdir()):
        bodies[template.name] = requests.get(f"{base}/download/template/{template.name}", timeout=30).content
    assert len(bodies) > 20
    for where, body in bodies.items():
        for needle in needles:
            assert needle.encode() not in body, (where, needle)
