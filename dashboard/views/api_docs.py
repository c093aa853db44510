"""The API page for people: drawn from the same OpenAPI description the machines read."""

from __future__ import annotations

from dash import html

from dashboard.api.openapi import spec
from dashboard.components.table import scrollable_table

EXAMPLES = (
    ("One curl, CSV", "curl -sL 'http://HOST/api/v1/la-year?year=2025&region=London&format=csv'"),
    ("Polars", "pl.read_csv('http://HOST/api/v1/la-year?year=2025&format=csv&limit=5000')"),
    ("One council", "curl -s 'http://HOST/api/v1/councils/E09000033'"),
    ("A council against a cap", "curl -s 'http://HOST/api/v1/la-year?council=E08000025&cap=18'"),
    ("A whole table, filtered", "curl -sLO 'http://HOST/download/marts.la_year_cap.csv?year=2025&cap=12'"),
    ("An older release", "curl -sLO 'http://HOST/download/caseload-watch.zip?release=RELEASE_ID'"),
    ("Check a submission file (nothing stored)",
     "curl -s -F 'file=@caseload_submission.csv' 'http://HOST/api/v1/submissions/check'"),
    ("A council's system submitting its file (with its token)",
     "curl -H \"Authorization: Bearer $TOKEN\" -F file=@caseload.csv https://HOST/api/v1/submissions"),
)


def endpoint(path: str, op: dict, method: str = "get") -> html.Section:
    """One endpoint: its method and address, what it answers (each status, for a POST) and a table of
    its parameters (a multipart body's fields and a token header among them)."""
    params = [(p["name"], p["in"], p["description"]) for p in op.get("parameters", [])]
    for media, body in op.get("requestBody", {}).get("content", {}).items():
        fields = body["schema"].get("properties", {})
        params += [(name, f"body ({media})", field.get("description", "")) for name, field in fields.items()]
    if op.get("security"):
        params.append(("Authorization", "header", "Bearer and the council's token (cw_...)."))
    rows = [html.Tr([html.Td(html.Code(name)), html.Td(where), html.Td(text)])
            for name, where, text in params]
    answers = [f"{code}: {r['description']}" for code, r in op["responses"].items()
               if "requestBody" in op]
    return html.Section([
        html.H3(html.Code(f"{method.upper()} {path}")),
        html.P(op["description"]),
        html.Ul([html.Li(a) for a in answers]) if answers else None,
        scrollable_table(f"Parameters of {path}", ("Parameter", "In", "Meaning"), rows)
        if rows else html.P("No parameters."),
    ])


def view() -> html.Div:
    """The API's description, examples and every endpoint, from dashboard.api.openapi.spec."""
    doc = spec()
    return html.Div([
        html.H1("API", tabIndex="-1"),
        html.P(doc["info"]["description"]),
        html.P([
            "Machine-readable description: ", html.A("/api/v1/openapi.json", href="/api/v1/openapi.json"),
            ". Every response carries the release id (X-Caseload-Release header, and in JSON), an ETag "
            "(send it back as If-None-Match for a 304) and Cache-Control; CORS is open for GET. One POST, "
            "/api/v1/submissions/check, checks a council's file and stores nothing. A bad "
            "parameter gives HTTP 400 with a message saying what is allowed. Rows come 1,000 to a page "
            "(limit up to 5,000); follow `next` in JSON or the Link header in CSV. Downloads and the API "
            "are rate-limited per client (HTTP 429 with Retry-After).",
        ]),
        html.H2("Examples"),
        html.Ul([html.Li([html.Strong(label), ": ", html.Code(cmd)]) for label, cmd in EXAMPLES]),
        html.H2("Endpoints"),
        *[endpoint(path, op, method) for path, item in doc["paths"].items() for method, op in item.items()],
    ])
