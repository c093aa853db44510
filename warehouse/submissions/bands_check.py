"""Check an FOI answer's band file (bands_spec.py) as strictly as a worker file, in the same words.

Called by validate.check when the header is the band template's, so `caseload validate`, the inbox,
the check door and the submit door take both templates through one entry point. Pure: no warehouse.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection
from urllib.parse import urlsplit

import polars as pl

from warehouse.submissions import bands_spec as bs
from warehouse.submissions.problems import BANDS, UNKNOWN_COUNCIL, Checked, Problem
from warehouse.submissions.reading import Table
from warehouse.submissions.rules import Bad, date_between, gss_code, whole_number
from warehouse.submissions.table_check import check_header, one_value_per_file, read_records

FRAME_SCHEMA = {
    "source_row": pl.Int64,
    "la_code": pl.String,
    "snapshot_date": pl.Date,
    "children_from": pl.Int64,
    "children_to": pl.Int64,
    "case_holders": pl.Int64,
    "source": pl.String,
}
_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 /\-_.#]*$")
_URL = re.compile(r"^https://[^\s<>\"'`\\]+$")


def _source(text: str) -> str:
    """An FOI reference with a number in it, or an https:// address of a host (never http, never a script)."""
    if len(text) > bs.MAX_SOURCE_LENGTH:
        raise Bad
    if text.lower().startswith(bs.URL_PREFIX):
        parts = urlsplit(text)
        if not _URL.match(text) or parts.scheme != "https" or not parts.hostname or "." not in parts.hostname:
            raise Bad
        return text
    if "://" in text or not _REFERENCE.match(text) or not any(c.isdigit() for c in text):
        raise Bad
    return " ".join(text.split())


def parsers(today: dt.date) -> dict[str, Callable[[str], object]]:
    bound = whole_number(bs.MAX_BOUND)
    return {
        "la_code": gss_code,
        "snapshot_date": date_between(today, bs.EARLIEST_SNAPSHOT),
        "children_from": bound,
        "children_to": bound,
        "case_holders": whole_number(bs.MAX_CASE_HOLDERS),
        "source": _source,
    }


def check_table(
    table: Table, normalise: Callable[[str], str], known_codes: Collection[str] | None, today: dt.date
) -> Checked:
    """Every problem of a band file already read (reading.read_table); typed rows when there are none."""
    out = Checked(encoding=table.encoding, kind=BANDS)
    index, out.problems = check_header(table.header, normalise, bs.BY_NAME, bs.HEADER,
                                       bs.TEMPLATE_COLUMNS, "the band template")
    if not table.rows:
        out.problems.append(Problem(None, None, "(no rows)", "at least one band: one row per caseload band"))
        return out
    if len(table.rows) > bs.MAX_BANDS:
        out.problems.append(Problem(None, None, f"{len(table.rows)} rows", f"at most {bs.MAX_BANDS} bands"))
        return out
    records = read_records(table, index, parsers(today), bs.BY_NAME, out.problems)
    # The band rules need every bound read: a bad bound is reported first, the bands after it is fixed.
    bounds_read = not any(p.column in ("children_from", "children_to") for p in out.problems)
    out.problems.extend(file_rules(records, known_codes, bounds_read))
    if not out.problems:
        out.rows = pl.DataFrame([{k: r.get(k) for k in FRAME_SCHEMA} for r in records],
                                schema=FRAME_SCHEMA, orient="row")
    return out


def file_rules(records: list[dict], known_codes: Collection[str] | None, bands: bool = True) -> list[Problem]:
    """One council, date and source per file; a known council; bands contiguous from 0, the open one last."""
    problems = one_value_per_file(records, (
        ("la_code", "one file per council"), ("snapshot_date", "one snapshot date per file"),
        ("source", "one FOI answer per file")))
    coded = next((r for r in records if r.get("la_code") is not None), None)
    if known_codes is not None and coded and coded["la_code"] not in known_codes:
        problems.append(Problem(coded["source_row"], "la_code", coded["la_code"], UNKNOWN_COUNCIL))
    if bands:
        problems.extend(band_rules(records))
    return problems


def band_rules(records: list[dict]) -> list[Problem]:
    """The bands, in the file's order: the first from 0, each from one above the previous band's
    children_to (no gap, no overlap), to >= from, and at most one open band, the last."""
    problems = []
    previous: dict | None = None
    for r in records:
        start, end, row = r["children_from"], r["children_to"], r["source_row"]
        if end is not None and end < start:
            expected = f"a number at least children_from ({start})"
            problems.append(Problem(row, "children_to", str(end), expected))
        if previous is None:
            if start != 0:
                expected = "0: the first band starts at 0 children"
                problems.append(Problem(row, "children_from", str(start), expected))
        elif previous["children_to"] is None:
            problems.append(Problem(
                row, "children_to", "(a band after the open band)",
                f"the open band (children_to empty, row {previous['source_row']}) to be the last band",
            ))
        elif start != previous["children_to"] + 1:
            kind = "overlap" if start <= previous["children_to"] else "gap"
            problems.append(Problem(
                row, "children_from", str(start),
                f"{previous['children_to'] + 1}: one more than the previous band's children_to (row "
                f"{previous['source_row']}), with no gap or overlap (found a {kind})",
            ))
        previous = r
    return problems

