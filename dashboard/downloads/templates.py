"""Files the site serves from the project itself, not from a release: the councils' submission
template and its guide, in data/templates."""

from __future__ import annotations

from pathlib import Path

from warehouse.config import TEMPLATES_DIR


def template_path(filename: str) -> Path | None:
    """A file directly in data/templates, by exact name from the directory listing (never a path)."""
    if not TEMPLATES_DIR.exists():
        return None
    names = {p.name: p for p in TEMPLATES_DIR.iterdir() if p.is_file()}
    return names.get(filename)


def template_files() -> list[str]:
    """Every file in data/templates, by name, for the data page's list."""
    return sorted(p.name for p in TEMPLATES_DIR.glob("*") if p.is_file()) if TEMPLATES_DIR.exists() else []


def guide_text() -> str | None:
    """The submission guide's Markdown (data/templates/GUIDE.md), or None when it is absent."""
    path = template_path("GUIDE.md")
    return path.read_text(encoding="utf-8") if path else None
