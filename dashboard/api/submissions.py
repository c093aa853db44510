"""POST /api/v1/submissions: a council's own system sends its file with its token.

`Authorization: Bearer <token>` and a multipart `file`. Answers (docs/api.md): 202 accepted (in the
inbox), 200 already received, 400 no file, 401 no/malformed/unknown/expired/revoked token (with
`WWW-Authenticate: Bearer`), 403 the file is another council's, 413 too large, 422 the check's
report (the same JSON as the check door). No CSRF token: a browser never sends the Bearer header
by itself, so another site cannot make it submit.
"""

from __future__ import annotations

from flask import Response, request

from dashboard.api import http
from dashboard.submit import door
from warehouse.submissions import spec
from warehouse.submissions.receive import NEXT_STEP, report
from warehouse.submissions.validate import Checked

ROUTE = "api"


def bearer() -> str | None:
    """The token in 'Authorization: Bearer <token>', or None."""
    value = request.headers.get("Authorization", "")
    scheme, _, token = value.strip().partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def _json(status: int, body: dict, headers: dict | None = None) -> Response:
    resp = http.json_body(body)
    resp.status_code = status
    resp.headers["Cache-Control"] = "no-store"
    resp.headers.update(headers or {})
    return resp


def _error(status: int, message: str, **extra: object) -> dict:
    return {"error": {"status": status, "message": message, **extra}}


def submit() -> Response:
    got = door.attempt(ROUTE, bearer(), door.read_upload)
    verdict, receipt = got.verdict, got.receipt
    if receipt is None:
        error = "invalid_request" if verdict.status == "missing" else "invalid_token"
        challenge = f'Bearer realm="caseload-watch", error="{error}"'
        if verdict.status == "missing":
            challenge = 'Bearer realm="caseload-watch"'
        return _json(401, _error(401, door.REFUSED_TOKEN[verdict.status], reason=verdict.status),
                     {"WWW-Authenticate": challenge})
    if receipt.outcome == "too_large":
        return _json(413, _error(413, f"The file is over the limit of {spec.MAX_FILE_BYTES:,} bytes "
                                      "(one row per social worker is far smaller)."))
    if receipt.status == 400:
        return _json(400, _error(400, "Send the file as a multipart form field named 'file'."))
    if receipt.outcome == "refused":
        return _json(422, report(Checked(problems=receipt.problems)))
    facts = {"submission_id": receipt.sha256, "council": receipt.council,
             "snapshot_date": receipt.snapshot_date, "workers": receipt.workers}
    if receipt.outcome == "forbidden":
        return _json(403, _error(
            403, f"This token is for {verdict.council}; the file is for {', '.join(receipt.file_councils)}. "
            "Send each council's file with that council's own token.",
            token_council=verdict.council, file_councils=list(receipt.file_councils)))
    if receipt.outcome == "duplicate":
        return _json(200, {"status": "already received", **facts,
                           "message": "These exact bytes were received before; nothing more to do."})
    return _json(202, {"status": "accepted", **facts, "next": NEXT_STEP})
