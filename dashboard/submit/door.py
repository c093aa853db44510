"""One attempt to submit: the token, then the upload (size first), then the check and the inbox;
one audit line for each attempt, whatever its outcome."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flask import current_app, request
from werkzeug.exceptions import RequestEntityTooLarge

from dashboard.reading import queries
from warehouse.audit import AuditLog
from warehouse.config import MAX_UPLOAD_BYTES, Settings
from warehouse.submissions import councils, spec
from warehouse.submissions.receive import Receipt, receive, suffix_of
from warehouse.tokens import TokenStore, Verdict

# A multipart body is the file plus its boundaries and the form's other fields (one limit for every
# upload, warehouse/config.py; under `caseload serve` waitress itself refuses a larger body).
BODY_LIMIT = MAX_UPLOAD_BYTES
REFUSED_TOKEN = {
    "missing": "No token was sent: send the council's token as 'Authorization: Bearer <token>'.",
    "malformed": "That is not a Caseload Watch token: a token looks like cw_<8 hex digits>_<43 characters>.",
    "unknown": "That token is not known here: check it was copied whole, or ask for a new one.",
    "expired": "That token has expired: ask Caseload Watch for a new one.",
    "revoked": "That token has been revoked: ask Caseload Watch for a new one.",
}
SETTINGS_KEY = "CASELOAD_SETTINGS"  # set on the Flask app by create_app
_lock = threading.Lock()
_stores: dict[Path, TokenStore] = {}
_audits: dict[Path, AuditLog] = {}


def settings() -> Settings:
    """This app's settings (each app its own: tests run several in one process)."""
    return current_app.config.get(SETTINGS_KEY) or queries.settings()


def store() -> TokenStore:
    """The token store the settings name, one per path (it caches the file by its mtime)."""
    path = settings().tokens_path
    with _lock:
        return _stores.setdefault(path, TokenStore(path))


def audit() -> AuditLog:
    path = settings().audit_path
    with _lock:
        return _audits.setdefault(path, AuditLog(path))


@dataclass(frozen=True)
class Upload:
    content: bytes | None
    suffix: str = "csv"
    too_large: bool = False


def body_too_large() -> bool:
    """The declared body is over the limit: refused before it is parsed."""
    return request.content_length is not None and request.content_length > BODY_LIMIT


def read_upload(field: str = "file") -> Upload:
    """The multipart `file`, at most one byte over the size limit; a body without a length (chunked)
    is cut off at the same limit. The client's file name gives only the kind of file."""
    if body_too_large():
        return Upload(None, too_large=True)
    request.max_content_length = BODY_LIMIT
    try:
        part = request.files.get(field)
    except RequestEntityTooLarge:
        return Upload(None, too_large=True)
    if part is None:
        return Upload(None)
    content = part.stream.read(spec.MAX_FILE_BYTES + 1)
    return Upload(content, suffix_of(part.filename), len(content) > spec.MAX_FILE_BYTES)


def known_codes() -> frozenset[str]:
    """Current council codes and joint-return members: the committed list every check uses
    (data/reference/councils.csv, kept in step with marts.dim_la by a test)."""
    return councils.known_codes()


@dataclass(frozen=True)
class Attempt:
    verdict: Verdict
    receipt: Receipt | None  # None when the token was refused (nothing was read)


def attempt(route: str, presented: str | None, upload: Callable[[], Upload]) -> Attempt:
    """Check the token, then read and receive the upload; audit the attempt."""
    verdict = store().verify(presented)
    log = audit()
    if not verdict.ok:
        log.append(route=route, outcome="unauthorised", status=401, token_id=verdict.token_id,
                   council=verdict.council, reason=verdict.status)
        return Attempt(verdict, None)
    got = upload()
    if got.too_large:
        receipt = Receipt("too_large", 413)
    elif not got.content:
        receipt = Receipt("refused", 400)
    else:
        receipt = receive(got.content, got.suffix, verdict.council or "", known_codes(),
                          settings().submissions_dir)
    reason = None
    if receipt.outcome == "refused":
        reason = f"{len(receipt.problems)} problem(s)" if receipt.problems else "no file"
    elif receipt.outcome == "forbidden":
        reason = "file for " + ", ".join(receipt.file_councils)
    log.append(route=route, outcome=receipt.outcome, status=receipt.status, token_id=verdict.token_id,
               council=verdict.council, sha256=receipt.sha256, reason=reason)
    return Attempt(verdict, receipt)


def audit_too_large(route: str) -> None:
    """A form body over the limit, refused before its token could be read."""
    audit().append(route=route, outcome="too_large", status=413, reason="body over the limit")
