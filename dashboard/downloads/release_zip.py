"""The whole release as one zip: every mart as CSV and Parquet, the dictionary, sources,
licences, a citation and a MANIFEST of sha256 sums (`sha256sum -c MANIFEST.sha256` checks it).

The zip is made from one cursor, so it is entirely one release; its entries carry the build
time as their date, so the same release always gives the same bytes (and the same ETag).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile

import polars as pl

from dashboard.downloads.formats import to_download_csv, to_parquet
from warehouse.db import Connection
from warehouse.read import site as q
from warehouse.read import tables as aq

SITE = "Caseload Watch"
OGL_TEXT = (
    "Contains public sector information licensed under the Open Government Licence v3.0.\n"
    "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/\n"
)


def citation(release_id: str, built_at: object, what: str = "the published tables") -> str:
    """How to cite a download: the site, the release, the build date and the OGL attribution."""
    when = f"{built_at:%d %B %Y}" if isinstance(built_at, dt.datetime) else "date unknown"
    return (
        f"{SITE}, release {release_id} (built {when}): {what}. Source: Department for Education, "
        "Children's social work workforce statistics, and the sources listed with the release. "
        "Contains public sector information licensed under the Open Government Licence v3.0."
    )


def licence_text(sources: pl.DataFrame) -> str:
    lines = [f"{SITE}: data licences", "", OGL_TEXT, "Each source and its licence:", ""]
    for row in sources.to_dicts():
        lines.append(f"- {row['title']} ({row['publisher']}), {row['vintage']}: {row['licence']}.")
        lines.append(f"  Attribution: {row['attribution']}. {row['landing_page'] or ''}".rstrip())
    lines += ["", "The site's own code is MIT licensed; its tables may be reused under the licences above."]
    return "\n".join(lines) + "\n"


def readme_text(release_id: str, built_at: object) -> str:
    return (
        f"{SITE}, release {release_id}\n\n"
        "data/<schema>.<table>.csv and .parquet: every published table. CSV files are UTF-8 with a BOM, "
        "dates in ISO 8601, and a header row of the column names described in dictionary.csv. A value "
        "the publisher suppressed is empty, and its symbol (c, x, z, u, low, k, :) is in the matching "
        "<measure>_status column. Text that starts with = + - @ (not a number) has a leading quote.\n"
        "dictionary.csv: every column. tables.csv: every table. sources.csv: each source file, its "
        "vintage and sha256. LICENCE.txt, CITATION.txt, release.json. MANIFEST.sha256: sha256 of "
        "every other file.\n\n" + citation(release_id, built_at) + "\n"
    )


def build_zip(cur: Connection, release_id: str, built_at: object) -> bytes:
    """Every file of the release, then the MANIFEST of their sha256 sums."""
    sources = aq.release_sources(cur)
    files: dict[str, bytes] = {}
    for schema, name in q.tables(cur):
        if schema != "marts":
            continue
        df = aq.filtered(cur, schema, name, {}).rows
        files[f"data/{schema}.{name}.csv"] = to_download_csv(df)
        files[f"data/{schema}.{name}.parquet"] = to_parquet(df)
    files["dictionary.csv"] = to_download_csv(aq.filtered(cur, "meta", "dictionary", {}).rows)
    files["tables.csv"] = to_download_csv(aq.filtered(cur, "meta", "dictionary_tables", {}).rows)
    files["sources.csv"] = to_download_csv(sources)
    files["LICENCE.txt"] = licence_text(sources).encode("utf-8")
    files["CITATION.txt"] = (citation(release_id, built_at) + "\n").encode("utf-8")
    files["README.txt"] = readme_text(release_id, built_at).encode("utf-8")
    files["release.json"] = json.dumps(
        {
            "release_id": release_id,
            "built_at": built_at.isoformat() if isinstance(built_at, dt.datetime) else None,
            "sources": [
                {k: r[k] for k in ("source_id", "vintage", "sha256")} for r in sources.to_dicts()
            ],
        },
        indent=2,
    ).encode("utf-8")
    manifest = "".join(f"{hashlib.sha256(b).hexdigest()}  {path}\n" for path, b in sorted(files.items()))
    files["MANIFEST.sha256"] = manifest.encode("utf-8")
    stamp = built_at.timetuple()[:6] if isinstance(built_at, dt.datetime) else (1980, 1, 1, 0, 0, 0)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for path, body in files.items():
            info = zipfile.ZipInfo(f"caseload-watch_{release_id}/{path}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, body)
    return buf.getvalue()
