"""The source registry (`data/sources.toml`): what we ingest, from where, and what it must look like."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path


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
        sources.append(Source(**merged))
    ids = [s.id for s in sources]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{path}: duplicate source ids in {ids}")
    return sources
