"""Published releases: which exist, opening one read-only, and what changed between two.

Each publish leaves `releases/<release id>.duckdb` (warehouse.publish). Old releases stay
downloadable, so an id from a reader is only ever matched against the directory listing,
never joined into a path. The changelog compares what each release file itself records:
`meta.release_sources` (vintage and sha256 of every source file), the count of revisions
to earlier figures (`marts.revisions`) and of council submissions.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from warehouse.db import open_snapshot
from warehouse.read.site import has_column

RELEASE_ID_RE = re.compile(r"^\d{8}T\d{6}Z-[0-9a-f]{8}$")
NO_CHANGE = "Rebuilt with the same source files: no figure changed."


def release_ids(releases_dir: Path) -> list[str]:
    """Ids of the releases kept, oldest first (the ids start with the build time)."""
    if not releases_dir.is_dir():
        return []
    return sorted(p.stem for p in releases_dir.glob("*.duckdb") if RELEASE_ID_RE.fullmatch(p.stem))


def release_path(releases_dir: Path, release_id: str) -> Path | None:
    """The file of a kept release, or None: the id must be one the listing holds."""
    if not isinstance(release_id, str) or not RELEASE_ID_RE.fullmatch(release_id):
        return None
    return releases_dir / f"{release_id}.duckdb" if release_id in release_ids(releases_dir) else None


@dataclass(frozen=True)
class ReleaseSummary:
    release_id: str
    built_at: dt.datetime | None
    sources: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # id -> (vintage, sha)
    revisions: dict[str, int] = field(default_factory=dict)  # revision_kind -> rows
    submissions: int = 0


# The revisions this release made: its current vintage against the one before (a release keeps
# every vintage, so marts.revisions also holds each earlier pair).
_LATEST_PAIR = "WHERE latest_pair"


def summarise(path: Path) -> ReleaseSummary:
    """What a release file says about itself (opened read-only, closed afterwards)."""
    con = open_snapshot(path)
    try:
        present = {
            f"{s}.{t}"
            for s, t in con.execute(
                "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = 'snap'"
            ).fetchall()
        }
        rid, built = con.execute("SELECT release_id, built_at FROM meta.release").fetchall()[0]
        sources = {
            r[0]: (r[1], r[2])
            for r in con.execute("SELECT source_id, vintage, sha256 FROM meta.release_sources").fetchall()
        }
        revisions = (
            dict(con.execute(
                "SELECT revision_kind, count(*) FROM marts.revisions "
                f"{_LATEST_PAIR if has_column(con, 'marts', 'revisions', 'latest_pair') else ''} GROUP BY ALL"
            ).fetchall())
            if "marts.revisions" in present
            else {}
        )
        submissions = (
            con.execute(
                "SELECT count(DISTINCT (la_code, snapshot_date, submission_version)) "
                "FROM marts.submission_la_snapshot WHERE NOT coalesce(is_demo, false)"
            ).fetchall()[0][0]
            if "marts.submission_la_snapshot" in present
            else 0
        )
    finally:
        con.close()
    return ReleaseSummary(rid, built, sources, revisions, int(submissions))


def changes(old: ReleaseSummary | None, new: ReleaseSummary) -> list[str]:
    """Plain sentences: new vintages, revised files, revisions and submissions."""
    if old is None:
        return [f"First release kept: {len(new.sources)} sources."]
    out: list[str] = []
    for source_id, (vintage, sha) in sorted(new.sources.items()):
        if source_id not in old.sources:
            out.append(f"New source {source_id} ({vintage}).")
            continue
        old_vintage, old_sha = old.sources[source_id]
        if vintage != old_vintage:
            out.append(f"{source_id}: new vintage {vintage} (was {old_vintage}).")
        elif sha != old_sha:
            out.append(f"{source_id}: the publisher revised the file ({vintage}).")
    out += [f"Source {s} dropped." for s in sorted(set(old.sources) - set(new.sources))]
    for kind in sorted(set(new.revisions) | set(old.revisions)):
        before, after = old.revisions.get(kind, 0), new.revisions.get(kind, 0)
        if before != after:
            out.append(f"Revisions to earlier figures, {kind}: {after} (was {before}).")
    if new.submissions != old.submissions:
        out.append(f"Council submissions: {new.submissions} (was {old.submissions}).")
    return out or [NO_CHANGE]


def changelog(summaries: list[ReleaseSummary]) -> list[dict]:
    """One entry per release, newest first: {release_id, built_at, changes}; `summaries` oldest first."""
    entries = []
    for i, new in enumerate(summaries):
        entries.append(
            {
                "release_id": new.release_id,
                "built_at": new.built_at,
                "changes": changes(summaries[i - 1] if i else None, new),
            }
        )
    return entries[::-1]
