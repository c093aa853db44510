"""A chart with its download and its table alternative, so every chart has both.

The CSV holds exactly the rows the chart was drawn from (kept in a Store beside
it); the <details> table shows the same rows as text.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
from dash import MATCH, Dash, Input, Output, State, dcc, html, no_update

from dashboard.export import records_to_csv

MAX_TABLE_ROWS = 400


def chart_block(
    cid: str,
    title: str,
    fig: go.Figure,
    data: pl.DataFrame,
    *,
    summary: str,
    columns: dict[str, str],
    filename: str,
    intro: str = "",
) -> html.Section:
    """`columns`: data column -> heading, in order: what the CSV and the table contain."""
    shown = data.select([c for c in columns if c in data.columns])
    return html.Section(
        className="chart-block",
        id=f"section-{cid}",
        children=[
            html.H2(title, id=f"h-{cid}"),
            html.P(intro) if intro else None,
            html.Figure(
                [
                    html.Div(
                        dcc.Graph(
                            id=f"graph-{cid}", figure=fig, config={"displaylogo": False, "responsive": True}
                        ),
                        role="img",
                        **{"aria-label": summary},
                    ),
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
                        data={"filename": filename, "columns": list(shown.columns), "rows": shown.to_dicts()},
                    ),
                ],
            ),
            html.Details([html.Summary(f"Show the figures as a table: {title}"), data_table(shown, columns)]),
        ],
    )


def data_table(df: pl.DataFrame, columns: dict[str, str], caption: str | None = None) -> html.Table:
    heads = [columns.get(c, c) for c in df.columns]
    rows = df.head(MAX_TABLE_ROWS).iter_rows()
    return html.Div(
        className="table-wrap",
        tabIndex="0",
        role="region",
        **{"aria-label": caption or "Table"},
        children=html.Table(
            [
                html.Caption(caption) if caption else None,
                html.Thead(html.Tr([html.Th(h, scope="col") for h in heads])),
                html.Tbody([html.Tr([html.Td(_cell(v)) for v in row]) for row in rows]),
            ]
        ),
    )


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
