"""Data and downloads (`/data`): every table as CSV and Parquet, the dictionary, sources, templates."""

from __future__ import annotations

import dash
import polars as pl
from dash import html

from dashboard import data
from dashboard.components.chart import data_table
from dashboard.components.guard import guarded
from dashboard.pages_support import TEMPLATES_DIR

dash.register_page(
    __name__, path="/data", name="Data and downloads", title="Data and downloads: Caseload Watch"
)


def template_files() -> list[str]:
    return sorted(p.name for p in TEMPLATES_DIR.glob("*") if p.is_file()) if TEMPLATES_DIR.exists() else []


@guarded
def layout(**_query: object) -> html.Div:
    release = data.release()
    dictionary = data.dictionary()
    descriptions = (
        {r["table_name"]: r["description"] for r in data.table("meta", "dictionary_tables").to_dicts()}
        if ("meta", "dictionary_tables") in data.tables()
        else {}
    )
    items = []
    for schema, name in data.tables():
        full = f"{schema}.{name}"
        cols = dictionary.filter(pl.col("table_name") == full).select("column_name", "description")
        items.append(
            html.Li(
                [
                    html.H3(full),
                    html.P(descriptions.get(full, "")),
                    html.P(
                        [
                            html.A(f"{full} as CSV", href=f"/download/{full}.csv", download=f"{full}.csv"),
                            " · ",
                            html.A(
                                f"{full} as Parquet",
                                href=f"/download/{full}.parquet",
                                download=f"{full}.parquet",
                            ),
                        ]
                    ),
                    html.Details(
                        [
                            html.Summary(f"Columns of {full}"),
                            data_table(cols, {"column_name": "Column", "description": "What it means"}),
                        ]
                    )
                    if cols.height
                    else None,
                ]
            )
        )
    sources = data.sources().select("title", "publisher", "vintage", "licence", "landing_page", "fetched_at")
    built = release.get("built_at")
    return html.Div(
        [
            html.H1("Data and downloads", tabIndex="-1"),
            html.P(
                [
                    f"Release {release.get('release_id', '?')}, warehouse built "
                    f"{built:%d %B %Y at %H:%M} UTC."
                    if built
                    else "No release yet."
                ]
            ),
            html.H2("Sources, licences and publication dates"),
            data_table(
                sources,
                {
                    "title": "Source",
                    "publisher": "Publisher",
                    "vintage": "Publication",
                    "licence": "Licence",
                    "landing_page": "Page",
                    "fetched_at": "Fetched",
                },
                caption="Every source in this release",
            ),
            html.H2("Submission template for councils"),
            html.P(
                "Councils can send worker-level caseloads (no names) with this template; the "
                "guide explains each "
                "column and how figures are protected."
            ),
            html.Ul(
                [html.Li(html.A(f, href=f"/download/template/{f}", download=f)) for f in template_files()]
                or [html.Li("No template in this copy of the site.")]
            ),
            html.H2("Every table behind the site"),
            html.Ul(items, className="table-list"),
        ]
    )
