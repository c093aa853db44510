"""A chart with its download and its table alternative, so every chart has both.

The CSV holds exactly the rows the chart was drawn from (kept in a Store beside
it); the <details> table shows the same rows as text. The table is built from that Store
when the reader first opens it: a page's tables are thousands of Dash components, and
drawing them in the browser cost more than its charts (docs/benchmarks.md).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace

import plotly.graph_objects as go
import polars as pl
from dash import ALL, MATCH, ClientsideFunction, Dash, Input, Output, State, dcc, html, no_update

from dashboard.address import parse_choice
from dashboard.components.radios import RadioGroup
from dashboard.components.table import scrollable_table
from dashboard.downloads.formats import records_to_csv

MAX_TABLE_ROWS = 400
TABLE_PENDING = "Loading the table…"


@dataclass(frozen=True)
class SwitchGroup:
    """One radio group of a chart switch: `options` are (value, label); `value` is the default."""

    name: str
    legend: str
    options: tuple[tuple[str, str], ...]
    value: str


@dataclass(frozen=True)
class Switch:
    """Alternative drawings of one chart, e.g. adjusted or plain funnel limits.

    `figures` maps variant_key(values of each group, in order) to a figure. All variants are
    drawn on the server and kept beside the chart; the control only picks one, so switching
    never needs the warehouse and the callback does nothing but choose.
    """

    groups: tuple[SwitchGroup, ...]
    figures: dict[str, go.Figure]

    @property
    def default_key(self) -> str:
        return variant_key([g.value for g in self.groups])


def chosen(switch: Switch, query: Mapping[str, object]) -> Switch:
    """The switch as the address sets it: `?limits=plain`, `?model=2021&statistic=median`.

    A group's name is its query key, so a shared link shows the drawing its sender chose
    (assets/switch_address.js writes the choice into the address). A value the switch does not
    offer is refused (QueryError), never guessed at.
    """
    groups = []
    for g in switch.groups:
        value = parse_choice(query.get(g.name), [v for v, _ in g.options], g.legend)
        groups.append(replace(g, value=value) if value is not None else g)
    return replace(switch, groups=tuple(groups))


def variant_key(values: list[str | None]) -> str:
    return "|".join(str(v) for v in values)


def pick_variant(values: list[str | None], stored: dict | None) -> dict | None:
    """The stored figure for the chosen values, or None if there is none (a stale page)."""
    return (stored or {}).get(variant_key(values))


def _switch_controls(cid: str, switch: Switch) -> html.Div:
    return html.Div(
        className="chart-switch",
        children=[
            RadioGroup(
                {"type": "chart-switch", "chart": cid, "group": g.name},
                g.legend,
                [{"label": label, "value": value} for value, label in g.options],
                g.value,
            )
            for g in switch.groups
        ]
        + [
            dcc.Store(
                id={"type": "chart-variants", "chart": cid},
                data={k: json.loads(f.to_json()) for k, f in switch.figures.items()},
            )
        ],
    )


def _graph(cid: str, fig: go.Figure | dict) -> dcc.Graph:
    return dcc.Graph(id=f"graph-{cid}", figure=fig, config={"displaylogo": False, "responsive": True})


def chart_block(
    cid: str,
    title: str,
    fig: go.Figure | None,
    data: pl.DataFrame,
    *,
    summary: str,
    columns: dict[str, str],
    filename: str,
    intro: str = "",
    switch: Switch | None = None,
    level: int = 2,
) -> html.Section:
    """`columns`: data column -> heading, in order: what the CSV and the table contain. `level` is the
    title's heading level (a chart inside a block that has its own heading sits below it).

    With a `switch`, `fig` is ignored: the switch's default variant is drawn, and the table and
    CSV hold the columns of every variant.
    """
    shown = data.select([c for c in columns if c in data.columns])
    if switch is not None:
        fig = switch.figures[switch.default_key]
    return html.Section(
        className="chart-block",
        id=f"section-{cid}",
        children=[
            getattr(html, f"H{level}")(title, id=f"h-{cid}"),
            html.P(intro) if intro else None,
            _switch_controls(cid, switch) if switch is not None else None,
            html.Figure(
                [
                    # Named by its caption (a figure's name is its figcaption). Not role="img":
                    # plotly's mode bar inside is a toolbar of buttons, which an image cannot hold.
                    html.Div(_graph(cid, fig), id={"type": "chart-figure", "chart": cid}),
                    html.Figcaption(summary),
                ]
            ),
            html.Div(
                className="chart-actions",
                children=[
                    html.Button(
                        "Download CSV of this chart's data",
                        id={"type": "chart-dl-btn", "chart": cid},
                        className="button",
                        type="button",
                    ),
                    dcc.Download(id={"type": "chart-dl", "chart": cid}),
                    dcc.Store(
                        id={"type": "chart-data", "chart": cid},
                        data={
                            "filename": filename,
                            "columns": list(shown.columns),
                            "headings": [columns[c] for c in shown.columns],
                            "rows": shown.to_dicts(),
                        },
                    ),
                ],
            ),
            html.Details(
                [
                    html.Summary(
                        f"Show the figures as a table: {title}", id={"type": "chart-table-open", "chart": cid}
                    ),
                    html.Div(id={"type": "chart-table", "chart": cid}, children=TABLE_PENDING),
                ]
            ),
        ],
    )


def stored_table(stored: dict | None) -> html.Div | None:
    """The <details> table of a chart, from the rows kept for its CSV; None without them."""
    if not stored or "rows" not in stored:
        return None
    cols = stored.get("columns") or []
    headings = dict(zip(cols, stored.get("headings") or cols, strict=False))
    heads = [headings.get(c, c) for c in cols]
    rows = stored["rows"][:MAX_TABLE_ROWS]
    body = [html.Tr([html.Td(_cell(row.get(c))) for c in cols]) for row in rows]
    return scrollable_table("Table", heads, body)


def data_table(df: pl.DataFrame, columns: dict[str, str], caption: str | None = None) -> html.Div:
    heads = [columns.get(c, c) for c in df.columns]
    rows = df.head(MAX_TABLE_ROWS).iter_rows()
    body = [html.Tr([html.Td(_cell(v)) for v in row]) for row in rows]
    return scrollable_table(caption or "Table", heads, body, caption=caption)


def _cell(v: object) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:,.1f}"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int):
        return f"{v:,}" if abs(v) >= 10000 else str(v)
    return str(v)


def download_payload(n_clicks: int | None, stored: dict | None) -> dict | None:
    """What the Download receives: the stored rows as a safe CSV, or None before a click."""
    if not n_clicks or not stored:
        return None
    csv = records_to_csv(stored.get("rows", []), stored.get("columns"))
    return {
        "content": csv,
        "filename": f"{stored.get('filename', 'chart')}.csv",
        "type": "text/csv",
        "base64": False,
    }


def register(app: Dash) -> None:
    """Callbacks are registered per app (not module-level), so create_app() can run twice."""

    @app.callback(
        Output({"type": "chart-dl", "chart": MATCH}, "data"),
        Input({"type": "chart-dl-btn", "chart": MATCH}, "n_clicks"),
        State({"type": "chart-data", "chart": MATCH}, "data"),
        prevent_initial_call=True,
    )
    def _download(n_clicks: int | None, stored: dict | None):
        payload = download_payload(n_clicks, stored)
        return payload if payload is not None else no_update

    @app.callback(
        Output({"type": "chart-table", "chart": MATCH}, "children"),
        Input({"type": "chart-table-open", "chart": MATCH}, "n_clicks"),
        State({"type": "chart-data", "chart": MATCH}, "data"),
        prevent_initial_call=True,
    )
    def _table(n_clicks: int | None, stored: dict | None):
        table = stored_table(stored) if n_clicks else None
        return table if table is not None else no_update

    @app.callback(
        Output({"type": "chart-figure", "chart": MATCH}, "children"),
        Input({"type": "chart-switch", "chart": MATCH, "group": ALL}, "value"),
        State({"type": "chart-variants", "chart": MATCH}, "data"),
        State({"type": "chart-figure", "chart": MATCH}, "id"),
        prevent_initial_call=True,
    )
    def _switch(values: list[str], stored: dict | None, wrapper: dict):
        fig = pick_variant(values, stored)
        return _graph(wrapper["chart"], fig) if fig is not None else no_update

    # The switches' choices go into the address in the browser (history.replaceState: no reload,
    # no new history entry), so a copied link shows the same drawing, of the same release.
    app.clientside_callback(
        ClientsideFunction(namespace="caseload", function_name="switchAddress"),
        Output("switch-address", "data"),
        Input({"type": "chart-switch", "chart": ALL, "group": ALL}, "value"),
        State({"type": "chart-switch", "chart": ALL, "group": ALL}, "id"),
        State("switch-address", "data"),
        prevent_initial_call=True,
    )
