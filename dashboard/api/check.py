"""The check door: `POST /api/v1/submissions/check` (JSON) and `POST /submit/check` (the page's form).

Both read one multipart field `file` into memory (never to disk: nothing is stored), run the same
check as `caseload validate` (warehouse.submissions.report) and answer; only a count is logged, never
the file's name or content. A body over warehouse.config.MAX_UPLOAD_BYTES is refused with 413 before
it is read: by its Content-Length at once, and a chunked one as soon as the stream passes the limit
(waitress, under `caseload serve`, refuses both itself with the same limit).
"""

from __future__ import annotations

import io
import logging
from typing import IO

from flask import Response, request
from werkzeug.exceptions import HTTPException
from werkzeug.formparser import parse_form_data

from dashboard.api import http
from dashboard.api.params import ApiError
from dashboard.views import submit_check
from warehouse.config import MAX_UPLOAD_BYTES
from warehouse.submissions import spec
from warehouse.submissions.report import check_upload

log = logging.getLogger(__name__)
FORM_PATH = "/submit/check"  # the page's form posts to its own address (dashboard/views/submit_check.py)
TOO_LARGE = (
    f"The upload is larger than {MAX_UPLOAD_BYTES:,} bytes; a submission file may be at most "
    f"{spec.MAX_FILE_BYTES:,} bytes (one row per social worker is far smaller)."
)
NO_FILE = "Send the file as multipart/form-data, in a field named 'file' (one CSV or .xlsx file)."


def _in_memory(*_args: object, **_kwargs: object) -> IO[bytes]:
    """werkzeug's stream factory: uploads stay in memory (it would spool large ones to a temp file)."""
    return io.BytesIO()


def read_upload() -> tuple[bytes, str | None]:
    """(the file's bytes, its name as sent); ApiError 413 over the limit, 400 without a file field."""
    if request.content_length is not None and request.content_length > MAX_UPLOAD_BYTES:
        raise ApiError(413, TOO_LARGE)
    if request.mimetype != "multipart/form-data":
        raise ApiError(400, NO_FILE)
    try:
        _stream, _form, files = parse_form_data(
            request.environ, stream_factory=_in_memory, max_content_length=MAX_UPLOAD_BYTES,
            max_form_memory_size=MAX_UPLOAD_BYTES, max_form_parts=20, silent=False,
        )
    except HTTPException as exc:
        if exc.code == 413:
            raise ApiError(413, TOO_LARGE) from exc
        raise ApiError(400, NO_FILE) from exc
    except ValueError as exc:  # a broken multipart body
        raise ApiError(400, NO_FILE) from exc
    upload = files.get("file")
    if upload is None:
        raise ApiError(400, NO_FILE)
    content = upload.stream.read(spec.MAX_FILE_BYTES + 1)
    return content, upload.filename


def _checked() -> tuple[dict, int]:
    content, name = read_upload()
    report, readable = check_upload(content, name)
    log.info("submission check: %d problem(s)", len(report["problems"]))
    return report, 200 if readable else 400


def api_check() -> Response:
    """The report as JSON; an unreadable file is a 400 whose body also carries the report."""
    report, status = _checked()
    body = dict(report) if status == 200 else {"error": {"status": 400, "message": report["summary"]},
                                               **report}
    resp = http.json_body(body)
    resp.status_code = status
    resp.headers["Cache-Control"] = "no-store"
    return resp


def form_check() -> Response:
    """The page's form posts here: the report as an HTML page (works without JavaScript)."""
    try:
        report, status = _checked()
    except ApiError as exc:
        page = submit_check.result_page(None, exc.message)
        return _html(page, exc.status)
    return _html(submit_check.result_page(report, readable=status == 200), status)


def _html(page: str, status: int) -> Response:
    resp = Response(page, status=status, mimetype="text/html")
    resp.headers["Cache-Control"] = "no-store"
    return resp
