"""The OpenAPI 3.0 description of /api/v1, served at /api/v1/openapi.json and drawn at /api.

One dict, so the machine description and the human page cannot disagree.
"""

from __future__ import annotations

from dashboard.api.params import COUNCIL_KEY_RE, DEFAULT_LIMIT, MAX_LIMIT
from warehouse.config import MAX_UPLOAD_BYTES


def _param(name: str, description: str, schema: dict, where: str = "query", required: bool = False) -> dict:
    return {"name": name, "in": where, "required": required, "description": description, "schema": schema}


_NEXT_UPDATE = {
    "type": "object", "required": ["text", "date", "source", "checked_at"],
    "properties": {"text": {"type": "string", "nullable": True},
                   "date": {"type": "string", "format": "date", "nullable": True},
                   "source": {"type": "string"}, "checked_at": {"type": "string", "nullable": True}}}
RELEASE_INFO = {
    "type": "object", "required": ["release", "sources", "vintages"],
    "properties": {
        "sources": {"type": "array", "items": {
            "type": "object", "required": ["source_id", "vintage", "route", "next_update"],
            "properties": {"next_update": _NEXT_UPDATE}}},
        "vintages": {"type": "array", "items": {
            "type": "object", "required": ["vintage_rank", "vintage"]}}}}
RELEASE = _param("release", "A kept release id (see /api/v1/releases); the served release if absent.",
                 {"type": "string", "pattern": r"^\d{8}T\d{6}Z-[0-9a-f]{8}$"})
FORMAT = _param("format", "json (default) or csv (UTF-8 with BOM, ISO dates).",
                {"type": "string", "enum": ["json", "csv"]})
YEAR = _param("year", "Reporting year (30 September of that year).", {"type": "integer", "minimum": 2000})
REGION = _param("region", "Region GSS code (E12000007) or name (London).",
                {"type": "string", "maxLength": 100})
COUNCIL = _param(
    "council",
    "A council, named as everywhere else (as /api/v1/councils/{key}): its GSS code in any case (any "
    "year's code, its series code, a joint return's own code such as 'E09000021 / E09000027', or one of "
    "its member codes such as E09000021) or its slug (bolton). Rows are that code's years, and the whole "
    "series for a series code. Unknown: 400.",
    {"type": "string", "maxLength": 100, "pattern": COUNCIL_KEY_RE.pattern},
)
CAP = _param("cap", "A cap scenario id (cap_12, guarantee_15_12, target_18, cap_20), the site's 12, 15-12, "
             "18, 20, or a number from 5 to 40: each council against that cap.",
             {"type": "string", "maxLength": 20})
LIMIT = _param("limit", f"Rows per page (default {DEFAULT_LIMIT}).",
               {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT})
OFFSET = _param("offset", "Rows to skip; follow `next` (JSON) or the Link header (CSV).",
                {"type": "integer", "minimum": 0})

TABLE = {
    "type": "object",
    "required": ["release", "citation", "total", "columns", "data"],
    "properties": {
        "release": {"type": "object", "properties": {"id": {"type": "string"},
                                                      "built_at": {"type": "string", "nullable": True}}},
        "citation": {"type": "string"},
        "total": {"type": "integer", "description": "Rows matching, over every page."},
        "limit": {"type": "integer", "nullable": True},
        "offset": {"type": "integer"},
        "next": {"type": "string", "nullable": True, "description": "The next page's address, or null."},
        "columns": {"type": "array", "items": {"type": "string"}},
        "data": {"type": "array", "items": {"type": "object"}},
    },
}
ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {"type": "object", "properties": {"status": {"type": "integer"},
                                                               "message": {"type": "string"}}}},
}


_PROBLEM = {
    "type": "object", "required": ["row", "column", "found", "expected"],
    "properties": {
        "row": {"type": "integer", "nullable": True,
                "description": "Row in the file, counting the header as row 1; null for the whole file."},
        "column": {"type": "string", "nullable": True, "description": "The column, or null."},
        "found": {"type": "string", "description": "The value found (the file's own text)."},
        "expected": {"type": "string", "description": "What was expected, in words."}}}
CHECK_REPORT = {
    "type": "object", "required": ["acceptable", "problems", "summary"],
    "properties": {"acceptable": {"type": "boolean"},
                   "problems": {"type": "array", "items": _PROBLEM},
                   "summary": {"type": "string"}}}
CHECK_REFUSED = {"type": "object", "required": ["error"],
                 "properties": {**ERROR["properties"], **CHECK_REPORT["properties"]}}


def _check(max_bytes: int) -> dict:
    err = {"application/json": {"schema": ERROR}}
    return {"post": {
        "summary": "Check a submission file (nothing stored)",
        "description": "A council's CSV or .xlsx file, checked as `caseload validate` checks it: every "
        "problem with its row, column, value found and what was expected, and a summary. No token; "
        "nothing from the file is stored, and only a count is logged. The page /submit/check does the "
        "same for people.",
        "parameters": [],
        "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
            "type": "object", "required": ["file"],
            "properties": {"file": {"type": "string", "format": "binary",
                                    "description": "The file (CSV, UTF-8 or Windows-1252; or .xlsx)."}}}}}},
        "responses": {
            "200": {"description": "The report: `acceptable` true, or false with every problem.",
                    "content": {"application/json": {"schema": CHECK_REPORT}}},
            "400": {"description": "No `file` field in a multipart body, or a file that cannot be read "
                    "at all (empty, not UTF-8 or Windows-1252, a damaged workbook, a zip bomb): the error, "
                    "and the report with its one whole-file problem.",
                    "content": {"application/json": {"schema": CHECK_REFUSED}}},
            "413": {"description": f"The request body is over {max_bytes:,} bytes; refused before it is "
                    "read.", "content": err},
            "429": {"description": "Too many requests from this client; see Retry-After.", "content": err},
        }}}


def _responses(body: dict, csv: bool = True) -> dict:
    content = {"application/json": {"schema": body}}
    if csv:
        content["text/csv"] = {"schema": {"type": "string"}}
    headers = {
        "ETag": {"schema": {"type": "string"}, "description": "Send back as If-None-Match for a 304."},
        "X-Caseload-Release": {"schema": {"type": "string"}, "description": "The release the rows are from."},
    }
    err = {"application/json": {"schema": ERROR}}
    return {
        "200": {"description": "The rows, with the release id.", "headers": headers, "content": content},
        "304": {"description": "Not modified (If-None-Match matched the ETag)."},
        "400": {"description": "A parameter we cannot use; the message says which values are allowed.",
                "content": err},
        "404": {"description": "No such council or release.", "content": err},
        "429": {"description": "Too many requests from this client; see Retry-After.", "content": err},
    }


def _get(summary: str, description: str, parameters: list[dict], body: dict = TABLE,
         csv: bool = True) -> dict:
    return {"get": {"summary": summary, "description": description, "parameters": parameters,
                    "responses": _responses(body, csv)}}


PROBLEM = {"type": "object", "required": ["row", "column", "found", "expected"], "properties": {
    "row": {"type": "integer", "nullable": True, "description": "Row in the file (the header is row 1)."},
    "column": {"type": "string", "nullable": True},
    "found": {"type": "string"}, "expected": {"type": "string"}}}
REPORT = {"type": "object", "required": ["acceptable", "problems", "summary"], "properties": {
    "acceptable": {"type": "boolean"}, "problems": {"type": "array", "items": PROBLEM},
    "summary": {"type": "string"}}}
WORKERS = "Rows of a worker file; for an FOI answer's band file (the band template), the workers it counts."
RECEIVED = {"type": "object", "required": ["status", "submission_id", "council", "snapshot_date", "workers"],
            "properties": {
                "status": {"type": "string", "enum": ["accepted", "already received"]},
                "submission_id": {"type": "string", "description": "sha256 of the file's bytes."},
                "council": {"type": "string"}, "snapshot_date": {"type": "string", "format": "date"},
                "workers": {"type": "integer", "description": WORKERS},
                "next": {"type": "string"}, "message": {"type": "string"}}}


def _submit() -> dict:
    err = {"application/json": {"schema": ERROR}}
    return {"post": {
        "summary": "Submit a council's file",
        "description": "A council's worker-level caseload file (the template's CSV or XLSX, one row per "
        "social worker), sent with that council's own token. The file is checked by the same rules as "
        "the inbox; an acceptable file waits in the inbox, is loaded within about a minute and is "
        "published with the next release. Tokens are issued by Caseload Watch (`caseload token issue`).",
        "security": [{"bearer": []}],
        "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
            "type": "object", "required": ["file"],
            "properties": {"file": {"type": "string", "format": "binary"}}}}}},
        "responses": {
            "202": {"description": "Accepted: the file is in the inbox.",
                    "content": {"application/json": {"schema": RECEIVED}}},
            "200": {"description": "Already received: these exact bytes are waiting or were loaded.",
                    "content": {"application/json": {"schema": RECEIVED}}},
            "400": {"description": "No file in the form field `file`.", "content": err},
            "401": {"description": "No token, or a malformed, unknown, expired or revoked one (the message "
                    "says which).", "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}},
                    "content": err},
            "403": {"description": "The token is for another council than the file's la_code.",
                    "content": err},
            "413": {"description": "The file is over the size limit.", "content": err},
            "422": {"description": "The file has problems: every one, with row, column, found, expected; "
                    "nothing was kept.", "content": {"application/json": {"schema": REPORT}}},
            "429": {"description": "Too many requests from this client; see Retry-After.", "content": err},
        }}}


def spec() -> dict:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Caseload Watch API",
            "version": "1",
            "description": "Figures on children's social worker caseloads per English council, as "
            "published by the Department for Education, from the same release the site shows. Contains "
            "public sector information licensed under the Open Government Licence v3.0.",
            "license": {"name": "Open Government Licence v3.0",
                        "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"},
        },
        "servers": [{"url": "/"}],
        "components": {"securitySchemes": {"bearer": {
            "type": "http", "scheme": "bearer",
            "description": "A council's submission token, cw_<id>_<secret>, from Caseload Watch."}}},
        "paths": {
            "/api/v1/la-year": _get(
                "Councils by year",
                "One row per council and year (marts.la_year). With `cap`, each council against that cap "
                "(marts.la_year_cap, or the same rule for a number of your own). A suppressed value is null "
                "and its symbol is in the matching `_status` column.",
                [YEAR, REGION, COUNCIL, CAP, FORMAT, LIMIT, OFFSET, RELEASE],
            ),
            "/api/v1/councils": _get("Every council", "marts.dim_la: codes, names, regions, code changes.",
                                     [REGION, FORMAT, RELEASE]),
            "/api/v1/councils/{key}": _get(
                "One council and its years",
                "The council (by GSS code, a former or member code, or slug) and every year of its series.",
                [_param("key", "GSS code (E09000033; any year's code or a joint return's member code, "
                        "E09000021) or slug (westminster), as the `council` parameter takes.",
                        {"type": "string", "maxLength": 80}, where="path", required=True), FORMAT, RELEASE],
            ),
            "/api/v1/caps": _get("Cap scenarios", "The named caps (marts.caps).", [FORMAT, RELEASE]),
            "/api/v1/regions": _get("Regions", "Region codes and names.", [FORMAT, RELEASE]),
            "/api/v1/release": _get(
                "This release", "Release id, build time, every source's vintage, route, fetch time and "
                "sha256, the publisher's next update (`next_update`: `text`, `date` when a day was "
                "announced, and `source`, where that came from), and every vintage of the workforce "
                "table the release was built from.",
                [RELEASE], body=RELEASE_INFO, csv=False),
            "/api/v1/submissions/check": _check(MAX_UPLOAD_BYTES),
            "/api/v1/releases": _get(
                "Kept releases", "Every kept release, newest first, with what changed and its zip.",
                [], body={"type": "object", "required": ["current", "releases"]}, csv=False),
            "/api/v1/submissions": _submit(),
        },
    }
