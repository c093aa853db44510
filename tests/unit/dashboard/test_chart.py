"""A chart's <details> table is built on first open from the rows kept for its CSV: the same table."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import polars as pl
from plotly.utils import PlotlyJSONEncoder

from dashboard.components.chart import chart_block, data_table, stored_table

COLUMNS = {"la_name": "Council", "caseload_fte": "Caseload", "over_cap": "Over the cap"}


def _find(component, type_name: str):
    """The first component of `type_name` with an id (depth first)."""
    if getattr(component, "id", None) is not None and type(component).__name__ == type_name:
        yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str):
            yield from _find(child, type_name)


def test_the_table_built_on_open_is_the_table_of_the_rows_drawn():
    df = pl.DataFrame(
        {
            "la_name": ["Leeds", "=Kent"],
            "caseload_fte": [15.25, None],
            "over_cap": [False, True],
            "extra": [1, 2],
        }
    )
    block = chart_block("t", "Title", go.Figure(), df, summary="s", columns=COLUMNS, filename="f")
    store = next(s for s in _find(block, "Store") if s.id["type"] == "chart-data")
    stored = json.loads(json.dumps(store.data, cls=PlotlyJSONEncoder))  # as the browser sends it back
    expected = data_table(df.select(list(COLUMNS)), COLUMNS)
    got = stored_table(stored)
    assert json.dumps(got, cls=PlotlyJSONEncoder) == json.dumps(expected, cls=PlotlyJSONEncoder)
    # the page itself carries no table until the reader opens it
    pending = next(d for d in _find(block, "Div") if d.id == {"type": "chart-table", "chart": "t"})
    assert pending.children == "Loading the table…"


def test_no_table_without_stored_rows():
    assert stored_table(None) is None
    assert stored_table({"filename": "f"}) is None
