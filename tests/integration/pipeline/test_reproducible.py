"""Two builds from the same files publish the same figures, to the last bit.

DuckDB aggregates in parallel, so a mean or a sum of doubles taken in whatever order the
rows arrive can differ in its last digits from one run to the next (it did: neighbour means,
the 50-mile mean, a joined change note). The revisions mart and anyone diffing two releases
would then see changes that are not there. Aggregates of doubles are therefore ordered.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from warehouse.config import PROJECT_ROOT, Settings
from warehouse.db import connect

# What differs by design between two builds: when, and the release id made from when.
PER_BUILD = {("meta", "release"), ("meta", "release_sources"), ("meta", "vintages")}  # fetch times


def test_a_second_build_publishes_identical_tables(shared_warehouse: Settings, shared_data_dir: Path,
                                                   tmp_path: Path) -> None:
    env = {**os.environ, "CASELOAD_DATA_DIR": str(tmp_path), "CASELOAD_SOURCE_DIR": str(shared_data_dir)}
    env.pop("CASELOAD_WAREHOUSE", None)
    build = subprocess.run([sys.executable, "-m", "caseload.cli", "run"], cwd=PROJECT_ROOT, env=env,
                           capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]

    con = connect(Path(":memory:"))
    con.execute("ATTACH $p AS a (READ_ONLY)", {"p": str(shared_warehouse.warehouse_path)})
    con.execute("ATTACH $p AS b (READ_ONLY)", {"p": str(tmp_path / "warehouse" / "caseload.duckdb")})
    tables = {db: set(con.execute(
        "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = $db", {"db": db}
    ).fetchall()) for db in ("a", "b")}
    assert tables["a"] == tables["b"]
    assert len(tables["a"]) > 20

    differing = []
    for schema, name in sorted(tables["a"] - PER_BUILD):
        a, b = f'a.{schema}."{name}"', f'b.{schema}."{name}"'
        only_a = con.execute(f"SELECT count(*) FROM (FROM {a} EXCEPT ALL FROM {b})").fetchone()[0]
        only_b = con.execute(f"SELECT count(*) FROM (FROM {b} EXCEPT ALL FROM {a})").fetchone()[0]
        if only_a or only_b:
            differing.append(f"{schema}.{name}: {only_a} rows only in the first, {only_b} only in the second")
    con.close()
    assert not differing, differing
