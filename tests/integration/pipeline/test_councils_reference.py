"""data/reference/councils.csv (the validator's list of councils) is in step with marts.dim_la of a
release built from the real published files: the same current councils, names and member codes."""

from __future__ import annotations

import pytest

from warehouse.build.council_list import current_councils
from warehouse.submissions import councils

pytestmark = pytest.mark.shared_data


def differences(committed: list[councils.Council], built: list[councils.Council]) -> list[str]:
    """One line per council that is only in one list, or differs in name or members."""
    mine, theirs = {c.la_code: c for c in committed}, {c.la_code: c for c in built}
    out = [f"{code} ({theirs[code].la_name}) is current in marts.dim_la but not in councils.csv"
           for code in sorted(theirs.keys() - mine.keys())]
    out += [f"{code} ({mine[code].la_name}) is in councils.csv but not current in marts.dim_la"
            for code in sorted(mine.keys() - theirs.keys())]
    for code in sorted(mine.keys() & theirs.keys()):
        a, b = mine[code], theirs[code]
        if a.la_name != b.la_name:
            out.append(f"{code}: named {a.la_name!r} in councils.csv, {b.la_name!r} in marts.dim_la")
        if a.members != b.members:
            out.append(f"{code}: members {a.members} in councils.csv, {b.members} in marts.dim_la")
    return out


def test_councils_csv_is_in_step_with_dim_la(published):
    found = differences(councils.read(), current_councils(published))
    assert not found, (
        "data/reference/councils.csv differs from marts.dim_la (rebuild it with "
        "`python -m warehouse.build.council_list RELEASE.duckdb`):\n  " + "\n  ".join(found)
    )
    # and the list is what a submission needs: every member of a joint return is a known code
    codes = councils.known_codes()
    assert {"E06000061", "E06000062", "E09000021", "E09000027"} <= codes and "E99999999" not in codes


def test_a_difference_is_named():
    a = [councils.Council("E1", "One", ("E1",)), councils.Council("E2", "Two", ("E2",))]
    b = [councils.Council("E1", "One!", ("E1",)), councils.Council("E3", "Three", ("E3",))]
    assert differences(a, b) == [
        "E3 (Three) is current in marts.dim_la but not in councils.csv",
        "E2 (Two) is in councils.csv but not current in marts.dim_la",
        "E1: named 'One' in councils.csv, 'One!' in marts.dim_la",
    ]
