"""The reference for disclosure control: pipeline/submissions/disclosure.py and suppression.py
written the plain way, one council at a time, with a matrix rank per suppressed cell and a
least-squares proof (not the batched eigendecompositions of the product).

Not used by the product: test_disclosure_reference.py checks the set-based implementation publishes
exactly the same marts. The rules are docs/submissions.md's ("Disclosure control"):
1. A group (council, snapshot, group kind and value) with fewer than 5 case holders: every figure `c`.
2. A count of workers (above a cap, at or below it, or in a band) from 1 to 4: `c`.
3. No `c` may be worked out from the sums: each kind's groups add up to the council's (case holders,
   above each cap, each band), a group's bands to its case holders, a cap on a band edge to the
   bands above it. While one is determined, a published cell its proof leans on is suppressed too.
The 90th percentile needs at least 10 workers.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from pipeline.submissions import across
from pipeline.submissions.disclosure import GROUP_ORDER

MIN_WORKERS = 5
MIN_WORKERS_P90 = 10
SUPPRESSED, NOT_GIVEN, NOT_APPLICABLE, PUBLISHED = "c", "x", "z", "published"
ALL = ("all", "all")

Cell = tuple  # ("n", kind, value) | ("above", scenario, measure, kind, value) | ("band", order, kind, value)


class _Council:
    """The cells and the additive relations between them for one submission."""

    def __init__(self, groups: pl.DataFrame, caps: pl.DataFrame, bands: pl.DataFrame):
        self.value: dict[Cell, int] = {}
        for r in groups.iter_rows(named=True):
            self.value[("n", r["group_kind"], r["group_value"])] = r["case_holders"]
        for r in caps.iter_rows(named=True):
            self.value[("above", r["scenario_id"], r["measure"], r["group_kind"], r["group_value"])] = r[
                "workers_above_cap"]
        for r in bands.iter_rows(named=True):
            self.value[("band", r["band_order"], r["group_kind"], r["group_value"])] = r["workers"]
        self.equations: list[dict[Cell, int]] = []
        present = [(r["group_kind"], r["group_value"]) for r in groups.iter_rows(named=True)]
        starts = dict(bands.select("band_order", "caseload_from").unique().iter_rows())
        scenarios = caps.select("scenario_id", "measure", "cap_experienced", "cap_newly_qualified").unique()
        for kind in sorted({k for k, _ in present} - {"all"}):
            parts = [g for g in present if g[0] == kind]
            self._sum(("n", *ALL), [("n", *g) for g in parts])
            for s, m, _, _ in scenarios.rows():
                self._sum(("above", s, m, *ALL), [("above", s, m, *g) for g in parts])
            for b in starts:
                self._sum(("band", b, *ALL), [("band", b, *g) for g in parts])
        for g in present:
            self._sum(("n", *g), [("band", b, *g) for b in starts])
            for s, m, experienced, newly_qualified in scenarios.rows():
                whole = ("above", s, m, *g)
                if whole not in self.value or m != "children":
                    continue
                edges = (set(starts.values()) - {0.0}) if experienced is None else (
                    {experienced, newly_qualified} & set(starts.values()))
                for edge in edges:
                    tail = [("band", b, *g) for b, start in starts.items() if start >= edge]
                    tail = [c for c in tail if c in self.value]
                    if tail and sum(self.value[c] for c in tail) == self.value[whole]:
                        self.equations.append({whole: 1, **{c: -1 for c in tail}})
        self.suppressed: set[Cell] = set()

    def _sum(self, whole: Cell, parts: list[Cell]) -> None:
        parts = [c for c in parts if c in self.value]
        if whole in self.value and parts:
            self.equations.append({whole: 1, **{c: -1 for c in parts}})

    def suppress_group(self, group: tuple) -> None:
        self.suppressed |= {c for c in self.value if c[-2:] == group}

    def primary(self) -> None:
        if self.value.get(("n", *ALL), 0) < MIN_WORKERS:
            self.suppressed = set(self.value)
            return
        for cell, v in self.value.items():
            if cell[0] == "n" and v < MIN_WORKERS:
                self.suppress_group(cell[1:])
            elif cell[0] == "band" and 1 <= v < MIN_WORKERS:
                self.suppressed.add(cell)
            elif cell[0] == "above":
                n = self.value[("n", *cell[-2:])]
                if 1 <= v < MIN_WORKERS or 1 <= n - v < MIN_WORKERS:
                    self.suppressed.add(cell)

    def _matrix(self, cells: list[Cell]) -> np.ndarray:
        return np.array([[eq.get(c, 0) for c in cells] for eq in self.equations], dtype=float).reshape(
            len(self.equations), len(cells))

    def determined(self) -> list[Cell]:
        """Suppressed cells that the published cells and the sums pin down exactly."""
        unknown = sorted(self.suppressed, key=repr)
        if not unknown or not self.equations:
            return []
        matrix = self._matrix(unknown)
        full = np.linalg.matrix_rank(matrix)
        rank_without = [np.linalg.matrix_rank(np.delete(matrix, i, axis=1)) for i in range(len(unknown))]
        return [c for c, rank in zip(unknown, rank_without, strict=True) if rank < full]

    def leans_on(self, cell: Cell) -> set[Cell]:
        """Published cells the least-norm proof of `cell` uses."""
        unknown = sorted(self.suppressed, key=repr)
        target = np.array([1.0 if c == cell else 0.0 for c in unknown])
        y = np.linalg.lstsq(self._matrix(unknown).T, target, rcond=None)[0]
        every = sorted(self.value, key=repr)
        weights = y @ self._matrix(every)
        return {c for c, w in zip(every, weights, strict=True) if abs(w) > 1e-6 and c not in self.suppressed}

    def secondary(self) -> None:
        """Suppress more until no `c` is determined: a group's count first, parts before totals."""
        while exposed := self.determined():
            cell = min(exposed, key=lambda c: (c[0] != "n", repr(c)))
            open_cells = set(self.value) - self.suppressed
            near = self.leans_on(cell)
            pool = (
                {c for c in near if not _is_total(c)}
                or near
                or {c for c in open_cells if not _is_total(c)}
                or open_cells
            )
            if not pool:
                return
            pick = min(pool, key=lambda c: (self.value[c] == 0, self.value[c], repr(c)))
            if pick[0] == "n":
                self.suppress_group(pick[1:])
            else:
                self.suppressed.add(pick)


def _is_total(cell: Cell) -> bool:
    return cell[-2:] == ALL


def _status(flag: pl.Expr) -> pl.Expr:
    return pl.when(flag).then(pl.lit(SUPPRESSED)).otherwise(pl.lit(PUBLISHED))


def apply(aggregates: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """The submission marts, every figure with a `<x>_status`."""
    groups, caps, bands = aggregates["agg_groups"], aggregates["agg_caps"], aggregates["agg_bands"]
    hidden: set[tuple[str, str]] = set()
    # Split once: filtering the whole table for each submission is quadratic at national scale.
    caps_by = caps.partition_by("submission_id", as_dict=True)
    bands_by = bands.partition_by("submission_id", as_dict=True)
    for (sid,), g in groups.group_by("submission_id", maintain_order=True):
        council = _Council(g, caps_by.get((sid,), caps.clear()), bands_by.get((sid,), bands.clear()))
        council.primary()
        council.secondary()
        hidden |= {(sid, repr(c)) for c in council.suppressed}

    def is_hidden(sid: str, cell: Cell) -> bool:
        return (sid, repr(cell)) in hidden

    snapshot = _la_snapshot(groups, aggregates["published_average"], is_hidden)
    cap = _cap(groups, caps, is_hidden)
    return {
        "submission_la_snapshot": snapshot,
        "submission_cap": cap,
        "submission_bands": _bands(groups, bands, is_hidden),
        "submission_across": across.pooled(snapshot, cap),
    }


def _keys(groups: pl.DataFrame) -> pl.DataFrame:
    return groups.filter(pl.col("group_kind") == "all").select(
        "submission_id", "la_code", "snapshot_date", "is_demo"
    )


def _hide(frame: pl.DataFrame, cell, is_hidden) -> pl.DataFrame:
    return frame.with_columns(
        hide=pl.struct(pl.all()).map_elements(lambda r: is_hidden(r["submission_id"], cell(r)),
                                              return_dtype=pl.Boolean)
    ).join(GROUP_ORDER, on=["group_kind", "group_value"], how="left")


def _figure(name: str, status: pl.Expr, digits: int | None, alias: str | None = None) -> list[pl.Expr]:
    alias = alias or name
    value = pl.col(name) if digits is None else pl.col(name).round(digits)
    shown = pl.when(status == PUBLISHED).then(value).otherwise(None)
    return [shown.alias(alias), status.alias(f"{alias}_status")]


def _la_snapshot(groups: pl.DataFrame, published: pl.DataFrame, is_hidden) -> pl.DataFrame:
    g = _hide(groups, lambda r: ("n", r["group_kind"], r["group_value"]), is_hidden)
    out = g.join(published, on="submission_id", how="left").sort("la_code", "snapshot_date", "group_order")
    c = pl.col("hide")
    plain = _status(c)
    p90 = _status(c | (pl.col("case_holders") < MIN_WORKERS_P90))
    families = pl.when(c).then(pl.lit(SUPPRESSED)).when(~pl.col("families_given")).then(
        pl.lit(NOT_GIVEN)).otherwise(pl.lit(PUBLISHED))
    per_family = (
        pl.when(c).then(pl.lit(SUPPRESSED)).when(~pl.col("families_given")).then(pl.lit(NOT_GIVEN))
        .when(pl.col("families") == 0).then(pl.lit(NOT_APPLICABLE)).otherwise(pl.lit(PUBLISHED))
    )
    return out.select(
        "la_code", "la_name", "snapshot_date", "group_kind", "group_value", "group_order", "is_demo",
        pl.col("version").alias("submission_version"),
        *_figure("case_holders", plain, None),
        *_figure("caseload_mean", plain, 1),
        *_figure("caseload_median", plain, 1),
        *_figure("caseload_p90", p90, 1),
        *_figure("families_per_fte", families, 1),
        *_figure("children_per_family", per_family, 2),
        "published_la_code", "published_year", "published_caseload_fte", "published_caseload_status",
    )


def _cap(groups: pl.DataFrame, caps: pl.DataFrame, is_hidden) -> pl.DataFrame:
    c = _hide(
        caps.join(_keys(groups), on="submission_id"),
        lambda r: ("above", r["scenario_id"], r["measure"], r["group_kind"], r["group_value"]),
        is_hidden,
    ).with_columns(pct=(100 * pl.col("workers_above_cap") / pl.col("case_holders")).round(1))
    c = c.sort("la_code", "snapshot_date", "scenario_order", "measure", "group_order")
    status = _status(pl.col("hide"))
    return c.select(
        "la_code", "snapshot_date", "group_kind", "group_value", "group_order", "scenario_id",
        "scenario_label", "scenario_order", "measure", "cap_experienced", "cap_newly_qualified", "is_demo",
        *_figure("workers_above_cap", status, None),
        *_figure("pct", status, None, "pct_above_cap"),
    )


def _bands(groups: pl.DataFrame, bands: pl.DataFrame, is_hidden) -> pl.DataFrame:
    keys = ["submission_id", "group_kind", "group_value"]
    b = _hide(
        bands.join(_keys(groups), on="submission_id").join(groups.select(*keys, "case_holders"), on=keys),
        lambda r: ("band", r["band_order"], r["group_kind"], r["group_value"]),
        is_hidden,
    ).with_columns(pct=(100 * pl.col("workers") / pl.col("case_holders")).round(1))
    b = b.sort("la_code", "snapshot_date", "group_order", "band_order")
    status = _status(pl.col("hide"))
    return b.select(
        "la_code", "snapshot_date", "group_kind", "group_value", "group_order", "is_demo", "band_order",
        "band", "caseload_from", "caseload_to",
        *_figure("workers", status, None),
        *_figure("pct", status, None, "pct_workers"),
    )
