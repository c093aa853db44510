"""The Data and downloads page's content: the whole release, the rows behind a figure, what
changed, the sources, the councils' template, every table.

Everything on the page is read through one cursor (dashboard.reading.releases), so the release id,
its sources and its tables shown together always belong to the same release.
"""

from __future__ import annotations

import polars as pl
from dash import dcc, html

from dashboard import feeds
from dashboard.address import search
from dashboard.components.chart import data_table
from dashboard.components.table import scrollable_table
from dashboard.downloads import release_zip
from dashboard.downloads.routes import ZIP_NAME, table_href
from dashboard.downloads.templates import template_files
from dashboard.reading.page_release import pin
from dashboard.reading.queries import settings
from dashboard.reading.releases import kept_releases, open_release
from dashboard.views import next_update, submission_across
from warehouse.read import site as q
from warehouse.read import submissions as qs
from warehouse.read import tables as aq

ROW_TABLES = ("marts.la_year", "marts.la_year_cap", "marts.la_year_position", "marts.la_year_context",
              "marts.la_year_neighbours", "marts.la_year_benchmark")


def changelog_rows(entries: list[dict]) -> list[html.Tr]:
    """Date | release | what changed | zip and the site as it was then, newest first."""
    rows = []
    for e in entries:
        built, rid = e["built_at"], e["release_id"]
        rows.append(html.Tr([
            html.Td(f"{built:%d %b %Y %H:%M}" if built else "?"),
            html.Td(html.Code(rid)),
            html.Td(html.Ul([html.Li(c) for c in e["changes"]])),
            html.Td([
                html.A("zip", href=f"/download/{ZIP_NAME}.zip?release={rid}"),
                " · ",
                dcc.Link("the site then", href=f"/?release={rid}"),
            ]),
        ]))
    return rows


def follow_section(councils: pl.DataFrame, sources: pl.DataFrame) -> list:
    """"Follow new releases": when the next is due, the two Atom feeds and what their entries say
    (docs/site.md, "Feeds")."""
    example = councils.row(0, named=True) if councils.height else None
    expected = next_update.sentence(sources)
    return [
        html.H2("Follow new releases"),
        html.P(expected, id="next-update-data") if expected else None,
        html.P("Two Atom feeds, for a feed reader or a script; each entry links to the site as it was "
               "in that release."),
        html.Ul([
            html.Li([html.A("New releases (Atom feed)", href=feeds.RELEASES_PATH, id="feed-releases"),
                     ": one entry per release kept, saying what changed: new editions of the sources, "
                     "how many published figures the publisher revised, and which councils are newly "
                     "over each named cap."]),
            html.Li(["A council's changes: ", html.Code("/feeds/council/<council>.atom"),
                     *([" (for example ", html.A(f"{example['la_name']}'s feed",
                                                 href=feeds.council_path(example["slug"])), ")"]
                       if example else []),
                     ", linked from each council's page: one entry per release that added, revised or "
                     "suppressed that council's figures, naming each figure with its old and new value."]),
        ]),
    ]


def rows_form(councils: pl.DataFrame, years: list[int], tables: list[str]) -> html.Form:
    """A plain GET form (no script): table, council and year, then the filtered CSV."""
    return html.Form(
        action="/download/rows",
        method="get",
        className="rows-form",
        children=[
            html.Label(["Table ", html.Select(
                [html.Option(t, value=t) for t in tables], name="table", id="rows-table")]),
            html.Label(["Council ", html.Select(
                [html.Option(r["la_name"], value=r["la_code"]) for r in councils.to_dicts()],
                name="council", id="rows-council")]),
            html.Label(["Year ", html.Select(
                [html.Option(str(y), value=str(y)) for y in reversed(years)], name="year", id="rows-year")]),
            *[dcc.Input(type="hidden", name=k, value=v) for k, v in pin().items()],
            html.Button("Download these rows (CSV)", type="submit", className="button primary"),
        ],
    )


def table_item(full: str, description: str, cols: pl.DataFrame, release_id: str) -> html.Li:
    """One published table: what it holds, its CSV and Parquet, its columns."""
    names = {fmt: f"{ZIP_NAME}_{release_id}_{full}.{fmt}" for fmt in ("csv", "parquet")}
    return html.Li([
        html.H3(full),
        html.P(description),
        html.P([
            html.A(f"{full} as CSV", href=table_href(full, **pin()), download=names["csv"]),
            " · ",
            html.A(f"{full} as Parquet", href=table_href(full, "parquet", **pin()),
                   download=names["parquet"]),
        ]),
        html.Details([
            html.Summary(f"Columns of {full}"),
            data_table(cols, {"column_name": "Column", "description": "What it means"}),
        ]) if cols.height else None,
    ])


def view() -> html.Div:
    """The page for the release this request reads."""
    with open_release() as opened:
        cur = opened.cursor
        tables = q.tables(cur)
        dictionary = q.dictionary(cur)
        descriptions = dict(aq.filtered(cur, "meta", "dictionary_tables", {}).rows.iter_rows())
        sources = aq.release_sources(cur)
        councils = q.councils(cur)
        years = q.years(cur)
        pooled = submission_across.latest(qs.submission_across(cur, settings().show_demo))
    rid, built = opened.release_id, opened.built_at
    present = {f"{s}.{t}" for s, t in tables}
    items = []
    for s, t in tables:
        cols = dictionary.filter(pl.col("table_name") == f"{s}.{t}").select("column_name", "description")
        items.append(table_item(f"{s}.{t}", descriptions.get(f"{s}.{t}", ""), cols, rid))
    return html.Div([
        html.H1("Data and downloads", tabIndex="-1"),
        html.P(f"Release {rid}, warehouse built {built:%d %B %Y at %H:%M} UTC." if built
               else "No release yet.", id="release-line"),
        html.P([
            html.A("Download everything (zip)", href=search(f"/download/{ZIP_NAME}.zip", **pin()),
                   download=f"{ZIP_NAME}_{rid}.zip"),
            ": every table as CSV and Parquet, the data dictionary, the sources, their licences, a "
            "citation and a MANIFEST of sha256 sums.",
        ]),
        html.H2("Cite this release"),
        html.Blockquote(release_zip.citation(rid, built), id="citation"),
        html.H2("The rows behind a figure"),
        html.P("Pick a table, a council and a year: the CSV holds exactly those rows, with the release id "
               "in its name. Every figure on the site comes from one of these tables."),
        rows_form(councils, years, [t for t in ROW_TABLES if t in present]),
        html.P(["For scripts and analysts: the same rows from the ", dcc.Link("API", href="/api"),
                ", e.g. ", html.Code("/api/v1/la-year?year=2025&region=London&format=csv"), "."]),
        *follow_section(councils, sources),
        html.H2("Releases and what changed"),
        html.P("Each run of the pipeline publishes a release. Older releases stay downloadable."),
        scrollable_table("Releases", ("Date", "Release", "What changed", "Download or view"),
                         changelog_rows(kept_releases()), caption="Releases kept, newest first"),
        html.H2("Sources, licences and publication dates"),
        data_table(
            sources.with_columns(
                pl.Series("next", [next_update.cell(r) for r in sources.to_dicts()], dtype=pl.String),
                pl.col("route").fill_null("not recorded"),
            ).select("title", "publisher", "vintage", "licence", "landing_page", "fetched_at", "route",
                     "next"),
            {"title": "Source", "publisher": "Publisher", "vintage": "Publication", "licence": "Licence",
             "landing_page": "Page", "fetched_at": "Fetched", "route": "Fetched from",
             "next": "Next update"},
            caption="Every source in this release",
        ),
        html.H2("Submission template for councils"),
        html.P(["Councils can send worker-level caseloads (no names) with this template; ",
                dcc.Link("the guide", href="/guide"),
                " explains each column with an example, and how figures are protected. ",
                dcc.Link("Check a file", href="/submit/check"),
                " before you send it: every problem listed, nothing stored."]),
        html.Ul(
            [html.Li(html.A(f, href=f"/download/template/{f}", download=f)) for f in template_files()]
            or [html.Li("No template in this copy of the site.")]
        ),
        *([html.H2("Councils' own submissions, pooled")] if pooled else []),
        *[html.Div(submission_across.across_block(v, level=3),
                   className="submission demo" if v.is_demo else "submission") for v in pooled],
        html.H2("Every table behind the site"),
        html.Ul(items, className="table-list"),
    ])
