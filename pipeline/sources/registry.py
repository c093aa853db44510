"""The source registry (`data/sources.toml`): what we ingest, from where, and what it must look like."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class EesSpec:
    """Where a source is published on Explore Education Statistics, and what to do if EES fails.

    `file` is a filename pattern (fnmatch) for the data file in the publication's latest release;
    `fallback = "pinned"` lets a failed discovery fall back to the source's pinned URL (with a
    warning and the route recorded); `fallback = "none"` fails the run instead.
    """

    publication: str
    file: str
    fallback: str = "pinned"

    def __post_init__(self) -> None:
        if self.fallback not in ("pinned", "none"):
            raise ValueError(f"ees.fallback must be 'pinned' or 'none', not {self.fallback!r}")


@dataclass(frozen=True)
class Source:
    """One published file, as the registry describes it."""

    id: str
    title: str
    publisher: str
    vintage: str
    landing_page: str
    url: str
    file: str
    format: str
    licence: str
    attribution: str
    reference_date: str
    columns: tuple[str, ...]
    numeric: tuple[str, ...] = field(default_factory=tuple)
    sheet: str | None = None
    header_row: int = 1
    # Files of one series are vintages of the same table: every one ever fetched is kept, and
    # revisions are found between each and the one before (warehouse/build/vintages.py).
    series: str | None = None
    ees: EesSpec | None = None

    @property
    def table(self) -> str:
        """The raw table the file is loaded into."""
        return f"raw.{self.id}"

    @property
    def suffix(self) -> str:
        return Path(self.file).suffix


def load_registry(path: Path) -> list[Source]:
    """Read every `[[source]]` entry, filling licence and attribution from `[defaults]`."""
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    defaults = doc.get("defaults", {})
    sources = []
    for entry in doc["source"]:
        merged = {**defaults, **entry}
        merged["columns"] = tuple(merged["columns"])
        merged["numeric"] = tuple(merged.get("numeric", ()))
        if "ees" in merged:
            merged["ees"] = EesSpec(**merged["ees"])
        sources.append(Source(**merged))
    ids = [s.id for s in sources]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{path}: duplicate source ids in {ids}")
    return sources
