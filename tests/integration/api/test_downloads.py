"""Downloads round-trip: every mart, read back with polars and DuckDB, equals the published table."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import duckdb
import polars as pl
import pytest
from polars.testing import assert_frame_equal

pytestmark = pytest.mark.shared_data


def _mart_names(marts) -> list[str]:
    return [r[0] for r in marts.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'marts' ORDER BY 1").fetchall()]


def _release_id(marts) -> str:
    return marts.execute("SELECT release_id FROM meta.release").fetchall()[0][0]


def _as_published(value: object) -> object:
    """A mart value as the CSV writes it: lists joined with '; ', booleans and dates as text."""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return str(value).lower()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _rows(df: pl.DataFrame, numeric: list[str]) -> list[tuple]:
    """Rows as comparable tuples, sorted: numbers as floats, everything else as the CSV's text."""
    out = []
    for row in df.iter_rows(named=True):
        out.append(tuple(
            (None if v is None else float(v)) if c in numeric
            else (None if v is None else str(_as_published(v)))
            for c, v in row.items()
        ))
    return sorted(out, key=repr)


def test_every_mart_csv_reads_back_identical(client, marts, tmp_path):
    for name in _mart_names(marts):
        resp = client.get(f"/download/marts.{name}.csv")
        assert resp.status_code == 200, name
        assert resp.data.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM for Excel"
        assert _release_id(marts) in resp.headers["Content-Disposition"]
        assert resp.headers["X-Caseload-Release"] == _release_id(marts)
        expected = marts.sql(f'SELECT * FROM marts."{name}"').pl()
        documented = [r[0] for r in marts.execute(
            "SELECT column_name FROM meta.dictionary WHERE table_name = $t", {"t": f"marts.{name}"}
        ).fetchall()]
        got = pl.read_csv(io.BytesIO(resp.data), infer_schema_length=None)
        assert got.columns == expected.columns and set(got.columns) <= set(documented), name
        assert got.height == expected.height, name
        numeric = [c for c, t in expected.schema.items() if t.is_numeric()]
        assert _rows(got, numeric) == _rows(expected, numeric), name
        # DuckDB reads the same file (from disk: DuckDB's http reader is an extension) to the same numbers
        path = tmp_path / f"{name}.csv"
        path.write_bytes(resp.data)
        if expected.height and numeric:
            select = ", ".join(f'CAST("{c}" AS DOUBLE)' for c in numeric)
            csv_rel = duckdb.sql(f"SELECT {select} FROM read_csv($p, header=true)", params={"p": str(path)})
            order = f"ORDER BY {', '.join(str(i + 1) for i in range(len(numeric)))}"
            assert (csv_rel.order(order.removeprefix("ORDER BY ")).fetchall()
                    == marts.execute(f'SELECT {select} FROM marts."{name}" {order}').fetchall()), name


def test_every_mart_parquet_is_the_table(client, marts):
    for name in _mart_names(marts):
        resp = client.get(f"/download/marts.{name}.parquet")
        assert resp.data[:4] == b"PAR1"
        want = marts.sql(f'SELECT * FROM marts."{name}"').pl()
        assert_frame_equal(pl.read_parquet(io.BytesIO(resp.data)), want)


def test_suppressed_values_keep_their_symbol(client, marts):
    got = pl.read_csv(io.BytesIO(client.get("/download/marts.la_year.csv").data), infer_schema_length=None)
    symbols = got.filter(pl.col("caseload_status") != "published")
    assert symbols.height > 0 and symbols["caseload_fte"].null_count() == symbols.height
    westminster = got.filter((pl.col("la_code") == "E09000033") & (pl.col("year") == 2025))
    assert westminster["caseload_status"].to_list() == ["x"]


def test_a_filtered_download_is_exactly_the_rows_behind_a_figure(client, marts):
    resp = client.get("/download/marts.la_year.csv?council=E08000025&year=2024")
    got = pl.read_csv(io.BytesIO(resp.data))
    want = marts.execute("SELECT la_code, year, caseload_fte, cases FROM marts.la_year "
                         "WHERE la_code = 'E08000025' AND year = 2024").fetchall()
    assert [tuple(r) for r in got.select("la_code", "year", "caseload_fte", "cases").iter_rows()] == want
    assert "council-E08000025" in resp.headers["Content-Disposition"]
    url = "/download/marts.la_year_cap.csv?year=2025&cap=12&region=London"
    by_cap = pl.read_csv(io.BytesIO(client.get(url).data))
    assert set(by_cap["scenario_id"]) == {"cap_12"} and set(by_cap["region_name"]) == {"London"}
    assert by_cap.height == marts.execute(
        "SELECT count(*) FROM marts.la_year_cap WHERE year = 2025 AND scenario_id = 'cap_12' "
        "AND region_code = 'E12000007'").fetchall()[0][0]
    # two clicks from /data: the form's GET lands on the filtered CSV
    hop = client.get("/download/rows?table=marts.la_year&council=E08000025&year=2024")
    assert hop.status_code == 302 and hop.headers["Location"].endswith(
        "/download/marts.la_year.csv?council=E08000025&year=2024")


def test_download_refusals(client):
    assert client.get("/download/raw.hexmap.csv").status_code == 404
    assert client.get("/download/marts.la_year;DROP.csv").status_code == 404
    assert client.get("/download/marts.caps.csv?year=2025").status_code == 400  # caps has no year
    assert client.get("/download/marts.la_year.csv?year=2025&year=2024").status_code == 400
    assert client.get("/download/marts.la_year.csv?cap=14").status_code == 400
    assert client.get("/download/marts.la_year.csv?release=../../etc/passwd").status_code == 400
    assert client.get("/download/marts.la_year.csv?release=20000101T000000Z-00000000").status_code == 404


def test_the_zip_has_everything_and_a_manifest_that_checks(client, marts):
    resp = client.get("/download/caseload-watch.zip")
    rid = _release_id(marts)
    assert resp.headers["X-Caseload-Release"] == rid and rid in resp.headers["Content-Disposition"]
    zf = zipfile.ZipFile(io.BytesIO(resp.data))
    root = f"caseload-watch_{rid}/"
    files = {n[len(root):]: zf.read(n) for n in zf.namelist()}
    manifest = dict(reversed(line.split("  ", 1)) for line in files["MANIFEST.sha256"].decode().splitlines())
    assert set(manifest) == set(files) - {"MANIFEST.sha256"}
    assert all(hashlib.sha256(files[p]).hexdigest() == digest for p, digest in manifest.items())
    for name in _mart_names(marts):
        assert files[f"data/marts.{name}.csv"] == client.get(f"/download/marts.{name}.csv").data
        assert f"data/marts.{name}.parquet" in files
    assert json.loads(files["release.json"])["release_id"] == rid
    assert b"Open Government Licence v3.0" in files["LICENCE.txt"] and rid.encode() in files["CITATION.txt"]
    dictionary = pl.read_csv(io.BytesIO(files["dictionary.csv"]))
    assert dictionary.height == marts.execute("SELECT count(*) FROM meta.dictionary").fetchall()[0][0]
    sources = pl.read_csv(io.BytesIO(files["sources.csv"]))
    assert sorted(sources["sha256"]) == sorted(r[0] for r in marts.execute(
        "SELECT sha256 FROM meta.release_sources").fetchall())
    # the same release by id gives the same bytes
    assert client.get("/download", query_string={"release": rid}).data == resp.data
