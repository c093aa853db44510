"""The layers point one way: pipeline/ and dashboard/ call warehouse/, which imports neither Dagster
nor Dash; the site never imports the pipeline; only warehouse/ opens DuckDB.

Read from the source (every `import` and `from ... import`, at any depth in a module), not by
importing it, so a lazy import inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

from warehouse.config import PROJECT_ROOT

# package -> top-level modules it must never import
FORBIDDEN = {
    "warehouse": {"dagster", "dash", "flask", "pipeline", "dashboard", "caseload"},
    "dashboard": {"pipeline", "dagster", "caseload", "duckdb"},
    "pipeline": {"dashboard", "dash", "caseload", "duckdb"},
    "bench": {"duckdb"},
}


def imported_roots(path: Path) -> set[str]:
    """The top-level names a module imports (`from warehouse.db import x` -> 'warehouse')."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def violations(root: Path, forbidden: dict[str, set[str]] = FORBIDDEN) -> list[str]:
    """'<file> imports <name>' for every import that crosses a layer the wrong way."""
    out = []
    for package, banned in forbidden.items():
        for path in sorted((root / package).rglob("*.py")):
            for name in sorted(imported_roots(path) & banned):
                out.append(f"{path.relative_to(root)} imports {name}")
    return out


def test_the_layers_point_one_way() -> None:
    assert violations(PROJECT_ROOT) == []
    # and the check sees the tree: every package it guards has modules
    assert all(any((PROJECT_ROOT / p).rglob("*.py")) for p in FORBIDDEN)


def test_a_wrong_way_import_is_named(tmp_path: Path) -> None:
    (tmp_path / "dashboard" / "pages").mkdir(parents=True)
    (tmp_path / "warehouse").mkdir()
    (tmp_path / "dashboard" / "pages" / "council.py").write_text(
        "def layout():\n    from pipeline.run import run_all\n    return run_all\n"
    )
    (tmp_path / "warehouse" / "db.py").write_text("import duckdb\nimport dagster as dg\n")
    assert violations(tmp_path, {"dashboard": {"pipeline"}, "warehouse": {"dagster"}}) == [
        "dashboard/pages/council.py imports pipeline",
        "warehouse/db.py imports dagster",
    ]
