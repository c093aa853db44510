"""Write data/reference/councils.csv from a release's marts.dim_la (current councils only).

Run once per change in the councils (a reorganisation, a new joint return):
`python -m warehouse.build.council_list data/warehouse/caseload.duckdb`. An integration test
(tests/integration/pipeline/test_councils_reference.py) fails naming any difference.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from warehouse.config import COUNCILS_PATH
from warehouse.db import Connection, connect
from warehouse.submissions.councils import COLUMNS, Council

HEADER = (
    "# Current English councils with children's services, and the member codes of joint returns.\n"
    "# From marts.dim_la (is_current) of a Caseload Watch release, built from the Department for\n"
    "# Education's 'Children's social work workforce' statistics on Explore Education Statistics\n"
    "# ({vintage}) and data/reference/council_changes.csv.\n"
    "# Rebuild: python -m warehouse.build.council_list RELEASE.duckdb\n"
)


def current_councils(con: Connection) -> list[Council]:
    """Every current council of marts.dim_la, with the codes a submission for it may carry."""
    rows = con.execute(
        "SELECT la_code, la_name, list_sort(member_codes) FROM marts.dim_la WHERE is_current ORDER BY la_code"
    ).fetchall()
    return [Council(code, name, tuple(members or ())) for code, name, members in rows]


def workforce_vintage(con: Connection) -> str:
    rows = con.execute("SELECT vintage FROM meta.release_sources WHERE source_id = 'workforce'").fetchall()
    return rows[0][0] if rows else "vintage unknown"


def render(councils: list[Council], vintage: str) -> str:
    out = io.StringIO(newline="")
    out.write(HEADER.format(vintage=vintage))
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for c in councils:
        writer.writerow((c.la_code, c.la_name, " ".join(c.members)))
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m warehouse.build.council_list RELEASE.duckdb", file=sys.stderr)
        return 2
    con = connect(Path(args[0]), read_only=True)
    try:
        text = render(current_councils(con), workforce_vintage(con))
    finally:
        con.close()
    COUNCILS_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {COUNCILS_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
