"""The reference for disclosure control: pipeline/submissions/disclosure.py as it was before it became
array operations (the row-by-row version, frozen as the reference).

Kept unchanged (one council at a time, one matrix rank per suppressed cell) as the independent
reference: test_disclosure_reference.py checks the set-based implementation publishes exactly
the same marts. Not used by the product.

Disclosure control for submission metrics: exact aggregates in, publishable marts out.

Rules (docs/submissions.md, "Disclosure control"):
1. A group (council, snapshot, team) with fewer than 5 case-holding workers: every figure is `c`.
2. A count of workers (above a cap, at or below it, or in a band) from 1 to 4: `c`, and its percentage.
3. No `c` may be worked out from published figures: team counts add up to the council's, bands add up
   to the council's case holders, and a cap that falls on a band edge equals the sum of the bands above
   it. While any suppressed cell is determined by these sums (checked by linear algebra, so
   differences of sums are caught too), the smallest published cell beside it is suppressed as well.
The 90th percentile needs at least 10 workers: below that it is one or two workers' own caseloads.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from warehouse.submissions import spec

MIN_WORKERS = 5
MIN_WORKERS_P90 = 10
SUPPRESSED = "c"
PUBLISHED = "published"
TEAM_ORDER = {t: i for i, t in enumerate(("all", *spec.TEAMS, "not given"))}

Cell = tuple  # ("n", team) | ("above", scenario_id, team) | ("band", band_order)


class _Council:
    """The cells and the additive relations between them for one submission."""

    def __init__(self, groups: pl.DataFrame, caps: pl.DataFrame, bands: pl.DataFrame):
        self.value: dict[Cell, int] = {}
        self.equations: list[dict[Cell, int]] = []
        teams = [t for t in groups["team"].to_list() if t != "all"]
        for row in groups.iter_rows(named=True):
            self.value[("n", row["team"])] = row["case_holders"]
        for row in caps.iter_rows(named=True):
            self.value[("above", row["scenario_id"], row["team"])] = row["workers_above_cap"]
        for row in bands.iter_rows(named=True):
            self.value[("band", row["band_order"])] = row["workers"]
        scenarios = caps.filter(pl.col("team") == "all")
        if teams:
            self.equations.append({("n", "all"): 1, **{("n", t): -1 for t in teams}})
            for s in scenarios["scenario_id"]:
                self.equations.append({("above", s, "all"): 1, **{("above", s, t): -1 for t in teams}})
        if not bands.is_empty():
            self.equations.append({("n", "all"): 1, **{("band", b): -1 for b in bands["band_order"]}})
        for s in scenarios.iter_rows(named=True):
            for edge in {s["cap_experienced"], s["cap_newly_qualified"]}:
                tail = bands.filter(pl.col("caseload_from") >= edge)
                if edge in set(bands["caseload_from"]) and tail["workers"].sum() == s["workers_above_cap"]:
                    self.equations.append(
                        {
                            ("above", s["scenario_id"], "all"): 1,
                            **{("band", b): -1 for b in tail["band_order"]},
                        }
                    )
        self.suppressed: set[Cell] = set()

    def suppress_group(self, team: str) -> None:
        self.suppressed |= {
            c for c in self.value if (c[0] == "n" and c[1] == team) or (c[0] == "above" and c[2] == team)
        }

    def primary(self) -> None:
        if self.value.get(("n", "all"), 0) < MIN_WORKERS:
            self.suppressed = set(self.value)
            return
        for cell, v in self.value.items():
            if cell[0] == "n" and v < MIN_WORKERS:
                self.suppress_group(cell[1])
            elif cell[0] == "band" and 1 <= v < MIN_WORKERS:
                self.suppressed.add(cell)
            elif cell[0] == "above":
                n = self.value[("n", cell[2])]
                if 1 <= v < MIN_WORKERS or 1 <= n - v < MIN_WORKERS:
                    self.suppressed.add(cell)

    def determined(self) -> list[Cell]:
        """Suppressed cells that the published cells and the sums pin down exactly."""
        unknown = sorted(self.suppressed, key=repr)
        if not unknown or not self.equations:
            return []
        matrix = np.array([[eq.get(c, 0) for c in unknown] for eq in self.equations], dtype=float)
        full = np.linalg.matrix_rank(matrix)
        return [
            c for i, c in enumerate(unknown) if np.linalg.matrix_rank(np.delete(matrix, i, axis=1)) < full
        ]

    def secondary(self) -> None:
        """Suppress more until no `c` is determined: team groups first, parts before totals."""
        while exposed := self.determined():
            cell = min(exposed, key=lambda c: (c[0] != "n", repr(c)))
            open_cells = set(self.value) - self.suppressed
            near = {c for eq in self.equations if cell in eq for c in eq} & open_cells
            pool = (
                {c for c in near if not _is_total(c)}
                or {c for c in open_cells if not _is_total(c)}
                or near
                or open_cells
            )
            if not pool:
                return
            pick = min(pool, key=lambda c: (self.value[c] == 0, self.value[c], repr(c)))
            if pick[0] == "n":
                self.suppress_group(pick[1])
            else:
                self.suppressed.add(pick)


def _is_total(cell: Cell) -> bool:
    return cell[-1] == "all"


def _status(flag: pl.Expr) -> pl.Expr:
    return pl.when(flag).then(pl.lit(SUPPRESSED)).otherwise(pl.lit(PUBLISHED))


def apply(aggregates: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """The three submission marts, every figure with a `<x>_status` of 'published' or 'c'."""
    groups, caps, bands = aggregates["agg_groups"], aggregates["agg_caps"], aggregates["agg_bands"]
    hidden: list[dict] = []
    # Split once: filtering the whole table for each submission is quadratic at national scale.
    caps_by = caps.partition_by("submission_id", as_dict=True)
    bands_by = bands.partition_by("submission_id", as_dict=True)
    for (sid,), g in groups.group_by("submission_id", maintain_order=True):
        council = _Council(g, caps_by.get((sid,), caps.clear()), bands_by.get((sid,), bands.clear()))
        council.primary()
        council.secondary()
        hidden += [{"submission_id": sid, "cell": repr(c)} for c in council.suppressed]
    hidden_set = {(h["submission_id"], h["cell"]) for h in hidden}

    def is_hidden(sid: str, cell: Cell) -> bool:
        return (sid, repr(cell)) in hidden_set

    return {
        "submission_la_snapshot": _la_snapshot(groups, aggregates["published_average"], is_hidden),
        "submission_cap": _cap(groups, caps, is_hidden),
        "submission_bands": _bands(groups, bands, is_hidden),
    }


def _keys(groups: pl.DataFrame) -> pl.DataFrame:
    return groups.filter(pl.col("team") == "all").select(
        "submission_id", "la_code", "snapshot_date", "is_demo"
    )


def _la_snapshot(groups: pl.DataFrame, published: pl.DataFrame, is_hidden) -> pl.DataFrame:
    g = groups.with_columns(
        hide=pl.struct("submission_id", "team").map_elements(
            lambda r: is_hidden(r["submission_id"], ("n", r["team"])), return_dtype=pl.Boolean
        ),
        team_order=pl.col("team").replace_strict(TEAM_ORDER, default=99, return_dtype=pl.Int64),
    ).with_columns(hide_p90=pl.col("hide") | (pl.col("case_holders") < MIN_WORKERS_P90))
    out = g.join(published, on="submission_id", how="left").sort("la_code", "snapshot_date", "team_order")

    def measure(name: str, flag: str, digits: int | None = 1) -> list[pl.Expr]:
        value = pl.col(name) if digits is None else pl.col(name).round(digits)
        return [
            pl.when(pl.col(flag)).then(None).otherwise(value).alias(name),
            _status(pl.col(flag)).alias(f"{name}_status"),
        ]

    return out.select(
        "la_code",
        "la_name",
        "snapshot_date",
        "team",
        "is_demo",
        pl.col("version").alias("submission_version"),
        *measure("case_holders", "hide", None),
        *measure("caseload_mean", "hide"),
        *measure("caseload_median", "hide"),
        *measure("caseload_p90", "hide_p90"),
        "published_la_code",
        "published_year",
        "published_caseload_fte",
        "published_caseload_status",
    )


def _cap(groups: pl.DataFrame, caps: pl.DataFrame, is_hidden) -> pl.DataFrame:
    c = (
        caps.join(_keys(groups), on="submission_id")
        .with_columns(
            hide=pl.struct("submission_id", "scenario_id", "team").map_elements(
                lambda r: is_hidden(r["submission_id"], ("above", r["scenario_id"], r["team"])),
                return_dtype=pl.Boolean,
            ),
            team_order=pl.col("team").replace_strict(TEAM_ORDER, default=99, return_dtype=pl.Int64),
            pct=(100 * pl.col("workers_above_cap") / pl.col("case_holders")).round(1),
        )
        .sort("la_code", "snapshot_date", "scenario_order", "team_order")
    )
    return c.select(
        "la_code",
        "snapshot_date",
        "team",
        "scenario_id",
        "scenario_label",
        "cap_experienced",
        "cap_newly_qualified",
        "is_demo",
        pl.when(pl.col("hide")).then(None).otherwise(pl.col("workers_above_cap")).alias("workers_above_cap"),
        _status(pl.col("hide")).alias("workers_above_cap_status"),
        pl.when(pl.col("hide")).then(None).otherwise(pl.col("pct")).alias("pct_above_cap"),
        _status(pl.col("hide")).alias("pct_above_cap_status"),
    )


def _bands(groups: pl.DataFrame, bands: pl.DataFrame, is_hidden) -> pl.DataFrame:
    total = groups.filter(pl.col("team") == "all").select("submission_id", "case_holders")
    b = (
        bands.join(_keys(groups), on="submission_id")
        .join(total, on="submission_id")
        .with_columns(
            hide=pl.struct("submission_id", "band_order").map_elements(
                lambda r: is_hidden(r["submission_id"], ("band", r["band_order"])), return_dtype=pl.Boolean
            ),
            pct=(100 * pl.col("workers") / pl.col("case_holders")).round(1),
        )
        .sort("la_code", "snapshot_date", "band_order")
    )
    return b.select(
        "la_code",
        "snapshot_date",
        "is_demo",
        "band_order",
        "band",
        "caseload_from",
        "caseload_to",
        pl.when(pl.col("hide")).then(None).otherwise(pl.col("workers")).alias("workers"),
        _status(pl.col("hide")).alias("workers_status"),
        pl.when(pl.col("hide")).then(None).otherwise(pl.col("pct")).alias("pct_workers"),
        _status(pl.col("hide")).alias("pct_workers_status"),
    )
