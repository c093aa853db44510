"""CSV and Parquet for downloads: exactly the rows given, safe to open in a spreadsheet."""

from __future__ import annotations

import io

import polars as pl

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Prefix a quote to text a spreadsheet would run as a formula; numbers stay numbers."""
    if not isinstance(value, str) or not value.startswith(DANGEROUS):
        return value
    try:
        float(value)
        return value  # '-3.5' as text is still a number, not a formula
    except ValueError:
        return "'" + value


def safe_frame(df: pl.DataFrame) -> pl.DataFrame:
    text_cols = [c for c, t in df.schema.items() if t == pl.String]
    return df.with_columns(pl.col(c).map_elements(neutralise, return_dtype=pl.String) for c in text_cols)


def _flatten(df: pl.DataFrame) -> pl.DataFrame:
    """Lists (member_codes) become 'a; b' so CSV can hold them."""
    cols = []
    for c, t in df.schema.items():
        if isinstance(t, pl.List):
            cols.append(pl.col(c).cast(pl.List(pl.String)).list.join("; ").alias(c))
    return df.with_columns(cols) if cols else df


def to_csv(df: pl.DataFrame) -> str:
    return safe_frame(_flatten(df)).write_csv()


def records_to_csv(records: list[dict], columns: list[str] | None = None) -> str:
    if not records:
        return ",".join(columns or []) + "\n"
    df = pl.DataFrame(records, infer_schema_length=None)
    if columns:
        df = df.select([c for c in columns if c in df.columns])
    return to_csv(df)


def to_parquet(df: pl.DataFrame) -> bytes:
    buf = io.BytesIO()
    df.write_parquet(buf)
    return buf.getvalue()


BOM = "\ufeff"


def to_download_csv(df: pl.DataFrame) -> bytes:
    """A published table as a file: UTF-8 with a BOM (Excel then reads it as UTF-8), ISO 8601
    dates and times, lists as 'a; b', and text that a spreadsheet would run as a formula quoted.
    Status columns keep the publisher's symbols; numbers are written as numbers."""
    text = safe_frame(_flatten(df)).write_csv(
        datetime_format="%Y-%m-%dT%H:%M:%S%:z", date_format="%Y-%m-%d", time_format="%H:%M:%S"
    )
    return (BOM + text).encode("utf-8")
