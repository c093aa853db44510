"""Has the publisher released something the served release was not built from?

Asked by the daily schedule and the release-day sensor (pipeline/defs/sources/schedules.py).
For each source published on EES it finds the file the pipeline would fetch now and compares
the publisher's file version (`EesFile.version_key`: file id and update time) with the one the
served release records. Cheap: two small JSON answers per source, no download.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from pipeline.sources.ees import EesError
from pipeline.sources.ingest import discovery_on, ees_client
from pipeline.sources.registry import Source
from warehouse.config import Settings
from warehouse.read.served import ServedSource


@dataclass(frozen=True)
class News:
    """A file on EES the served release was not built from."""

    source_id: str
    version_key: str
    release_title: str
    filename: str

    def sentence(self) -> str:
        return f"{self.source_id}: {self.filename} in {self.release_title} ({self.version_key})"


@dataclass(frozen=True)
class Look:
    """One check: what is new, and what could not be asked (one line each)."""

    news: tuple[News, ...]
    problems: tuple[str, ...]

    @property
    def run_key(self) -> str:
        """The same news gives the same key, so Dagster starts one run for it, not one per tick."""
        stamp = "|".join(sorted(f"{n.source_id}={n.version_key}" for n in self.news))
        return hashlib.sha256(stamp.encode()).hexdigest()[:16]


def look(settings: Settings, sources: list[Source], served: dict[str, ServedSource]) -> Look:
    news, problems = [], []
    followed = [s for s in sources if discovery_on(s, settings)]
    if not followed:
        return Look((), ("EES discovery is off (a source folder or mirror is set, or "
                         "CASELOAD_EES_CONTENT_API=off): nothing to follow",))
    client = ees_client(settings)
    for source in followed:
        try:
            found = client.find_file(source.ees.publication, source.ees.file)
        except EesError as exc:
            problems.append(f"{source.id}: {exc}")
            continue
        known = served.get(source.id)
        if known is None or known.version_key != found.version_key:
            news.append(News(source.id, found.version_key, found.release_title, found.filename))
    return Look(tuple(news), tuple(problems))
