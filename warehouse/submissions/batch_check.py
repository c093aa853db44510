"""Check a whole inbox run at once: the rules of validate.check as column operations, for plain CSVs.

The row-by-row checker costs tens of microseconds a row; a national run has millions. A file takes
the fast path only when it is *plain*: ASCII without quotes or control characters, lines ending in
LF or CRLF, no blank lines, a header of the template's own column names, and exactly one cell per
column on every line. Then every distinct cell text of the batch is decided by validate's own cell
function (so a value means the same on both paths) and the file rules (one council, one date, one
demo marker, each worker_ref once, a declared maximum on every row or none, a known council) run per
file as group-bys.

Any file that is not plain, or has any problem at all, goes to validate.check, so a refused file's
messages (row, column, value, expectation) are exactly as before. This path never accepts a file
the row-by-row checker refuses (tests/unit/pipeline/test_submission_batch_check.py compares the two).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import polars as pl

from warehouse.submissions import bands_check, spec
from warehouse.submissions.problems import BANDS
from warehouse.submissions.rules import REF
from warehouse.submissions.rules import parsers as parsers_for
from warehouse.submissions.validate import FRAME_SCHEMA, Problem, cell_value, check

# Bytes a plain file may hold: printable ASCII but the quote, and line ends. Anything else (quotes,
# control characters Python's str.strip() removes and polars does not, non-ASCII) goes the slow way.
_PLAIN_BYTES = bytes(b for b in range(0x20, 0x7F) if b != ord('"')) + b"\r\n"
CHUNK_BYTES = 32_000_000  # plain files are read into polars this many bytes at a time (bounded memory)


@dataclass
class Batch:
    """Typed rows of every acceptable file (column `file` = position in the input), problems of the rest.

    Rows are in file order within a file; files are not in input order.
    """

    rows: pl.DataFrame
    refused: dict[int, list[Problem]] = field(default_factory=dict)
    fast: int = 0  # files accepted by the set-based path (the rest went through validate.check)
    # FOI answers' band rows (column `file`): never plain to this path, always checked by validate.check
    bands: pl.DataFrame = field(default_factory=lambda: empty_bands())


def empty_bands() -> pl.DataFrame:
    return pl.DataFrame(schema={"file": pl.Int64, **bands_check.FRAME_SCHEMA})


def plain_body(name: str, content: bytes) -> tuple[tuple[str, ...], bytes, int] | None:
    """(header, body lines each ending in LF or CRLF, number of lines) for a plain file, else None."""
    if not name.lower().endswith(".csv") or not 0 < len(content) <= spec.MAX_FILE_BYTES:
        return None
    if content.translate(None, _PLAIN_BYTES) or content.count(b"\r") != content.count(b"\r\n"):
        return None
    text = content if content.endswith(b"\n") else content + b"\r\n"
    if text.startswith((b"\n", b"\r\n")) or b"\n\n" in text or b"\n\r\n" in text:
        return None
    head, _, body = text.partition(b"\n")
    header = tuple(head.decode("ascii").removesuffix("\r").split(","))
    if len(set(header)) != len(header) or not set(header) <= set(spec.COLUMN_NAMES):
        return None
    if not set(spec.REQUIRED) <= set(header) or not body:
        return None
    lines = body.count(b"\n")
    if lines > spec.MAX_ROWS:
        return None
    return header, body, lines


def check_batch(
    files: Sequence[tuple[str, bytes]],
    known_codes: Collection[str] | None = None,
    today: dt.date | None = None,
) -> Batch:
    """Every file's verdict at once; typed rows identical to validate.check's for each acceptable file."""
    parts = list(check_stream(((i, n, c) for i, (n, c) in enumerate(files)), known_codes, today))
    refused = {i: problems for part in parts for i, problems in part.refused.items()}
    bands = pl.concat([empty_bands(), *(p.bands for p in parts)])
    return Batch(pl.concat([_empty(), *(p.rows for p in parts)]), refused, sum(p.fast for p in parts), bands)


def check_stream(
    files: Iterable[tuple[int, str, bytes]],
    known_codes: Collection[str] | None = None,
    today: dt.date | None = None,
) -> Iterator[Batch]:
    """Verdicts part by part as (index, name, content) arrive: a file's bytes are held only until its part.

    Plain files are grouped by header into parts of about CHUNK_BYTES; any other file is a part of
    its own, checked by validate.check.
    """
    today = today or dt.date.today()
    pending: dict[tuple[str, ...], list[_Plain]] = {}
    sizes: dict[tuple[str, ...], int] = {}
    for i, name, content in files:
        found = plain_body(name, content)
        if found is None:
            yield _slow([(i, name, content)], known_codes, today)
            continue
        pending.setdefault(found[0], []).append(_Plain(i, name, content, found[1], found[2]))
        sizes[found[0]] = sizes.get(found[0], 0) + len(content)
        if sizes[found[0]] >= CHUNK_BYTES:
            yield _part(found[0], pending.pop(found[0]), known_codes, today)
            sizes[found[0]] = 0
    for header, members in pending.items():
        yield _part(header, members, known_codes, today)


class _Plain(NamedTuple):
    index: int
    name: str
    content: bytes  # kept for validate.check, should the file have a problem
    body: bytes
    lines: int


def _part(
    header: tuple[str, ...], members: list[_Plain], known_codes: Collection[str] | None, today: dt.date
) -> Batch:
    accepted, rejected = _fast(header, members, known_codes, today)
    fast = accepted["file"].n_unique()
    if not rejected:
        return Batch(accepted, {}, fast)
    again = set(rejected)
    slow = _slow([(m.index, m.name, m.content) for m in members if m.index in again], known_codes, today)
    return Batch(pl.concat([accepted, slow.rows]), slow.refused, fast, slow.bands)


def _slow(
    members: list[tuple[int, str, bytes]], known_codes: Collection[str] | None, today: dt.date
) -> Batch:
    """validate.check, file by file: its rows, or its problems exactly as that checker words them."""
    frames, bands, refused = [_empty()], [empty_bands()], {}
    for i, name, content in members:
        result = check(content, name, known_codes, today)
        if result.ok:
            assert result.rows is not None
            typed = result.rows.select(pl.lit(i, pl.Int64).alias("file"), pl.all())
            (bands if result.kind == BANDS else frames).append(typed)
        else:
            refused[i] = result.problems
    return Batch(pl.concat(frames), refused, bands=pl.concat(bands))


def _empty() -> pl.DataFrame:
    return pl.DataFrame(schema={"file": pl.Int64, **FRAME_SCHEMA})


def _fast(
    header: tuple[str, ...],
    members: list[_Plain],
    known_codes: Collection[str] | None,
    today: dt.date,
) -> tuple[pl.DataFrame, list[int]]:
    """(typed rows of the files that pass every rule, files to hand to the row-by-row checker)."""
    buffer = b"".join(m.body for m in members)
    lines = np.array([m.lines for m in members])
    file_of_line = np.repeat(np.array([m.index for m in members]), lines)
    row_in_file = np.arange(len(file_of_line)) - np.repeat(np.cumsum(lines) - lines, lines)
    # Exactly one cell per column on every line: count the commas per line.
    raw = np.frombuffer(buffer, dtype=np.uint8)
    ends = np.flatnonzero(raw == ord("\n"))
    commas = np.diff(np.searchsorted(np.flatnonzero(raw == ord(",")), ends), prepend=0)
    ragged = set(np.unique(file_of_line[commas != len(header) - 1]).tolist())
    if ragged:  # read the others without them
        kept = [m for m in members if m.index not in ragged]
        accepted, rejected = _fast(header, kept, known_codes, today) if kept else (_empty(), [])
        return accepted, rejected + sorted(ragged)
    text = pl.read_csv(
        io.BytesIO(buffer),
        has_header=False,
        schema={name: pl.String for name in header},
        quote_char=None,
        empty_string_is_null=True,
    )
    if text.height != len(file_of_line):  # cannot happen for a plain file; be safe, not fast
        return _empty(), [m.index for m in members]
    typed, ok = _typed_columns(text, today)
    frame = pl.DataFrame(
        {"file": file_of_line, "source_row": row_in_file + 2},
        schema={"file": pl.Int64, "source_row": pl.Int64},
    ).with_columns(typed, ok=ok)
    rules = frame.group_by("file").agg(
        pl.col("ok").all()
        & (pl.col("la_code").n_unique() == 1)
        & (pl.col("snapshot_date").n_unique() == 1)
        & (pl.col("demo").drop_nulls().n_unique() <= 1)
        & (pl.col("worker_ref").n_unique() == pl.len())
        # a declared maximum on every row or none; a declared weighted one beside a weighted caseload
        & (pl.col("declared_max_children").is_null().n_unique() == 1)
        & (pl.col("declared_max_weighted").is_null().n_unique() == 1)
        & ~(pl.col("declared_max_weighted").is_not_null() & pl.col("weighted_caseload").is_null()).any()
        & (pl.lit(True) if known_codes is None else pl.col("la_code").is_in(list(known_codes)).all())
    )
    good = rules.filter(pl.col("ok"))["file"]
    accepted = (
        frame.filter(pl.col("file").is_in(good.implode()))
        .select("file", *FRAME_SCHEMA)
        .with_columns(pl.col("demo").fill_null(False))
    )
    rejected = rules.filter(~pl.col("ok"))["file"].to_list()
    return accepted, rejected


def _typed_columns(text: pl.DataFrame, today: dt.date) -> tuple[list[pl.Series], pl.Series]:
    """Each template column typed as validate._frame types it, and whether every cell was acceptable."""
    parsers = parsers_for(today)
    ok = pl.Series("ok", np.ones(text.height, dtype=bool))
    out: list[pl.Series] = []
    for name in spec.COLUMN_NAMES:
        dtype = FRAME_SCHEMA[name]
        if name not in text.columns:  # an optional column the file leaves out
            out.append(pl.Series(name, [None] * text.height, dtype=dtype))
            continue
        column = text[name]
        if name == "worker_ref":  # one value per worker: a regex, not a lookup
            stripped = column.str.strip_chars(" ")
            out.append(stripped.rename(name))
            ok = ok & stripped.str.contains(REF.pattern).fill_null(False)
            continue
        values = column.unique().to_list()
        verdicts = [
            cell_value(v if v is not None and v.strip() else None, name, parsers[name]) for v in values
        ]
        table = pl.DataFrame(
            {"raw": values, "good": [g for g, _ in verdicts], "value": [v for _, v in verdicts]},
            schema={"raw": pl.String, "good": pl.Boolean, "value": dtype},
        )
        joined = (
            column.rename("raw")
            .to_frame()
            .join(table, on="raw", how="left", nulls_equal=True, maintain_order="left")
        )
        out.append(joined["value"].rename(name))
        ok = ok & joined["good"]
    return out, ok
