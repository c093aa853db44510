"""Disclosure control for FOI answers' band counts: the worker submissions' one rule, applied to bands.

FOI answers are public already, but a figure here is shown by the same rule as a council's own
submission (docs/submissions.md, "Disclosure control"), so the site never explains two rules: fewer than
5 case holders in all hides every figure; a band, or a count above a cap (or at or below it), of 1 to 4
is `c`; and no `c` may be worked out by subtraction (bands add up to the total; the bands above a cap
that is a band edge add up to the count above it), found by suppression.py's own rank test. A cap no
band ends at has no figure at all: status NOT_COMPUTABLE, never an estimate.
"""

from __future__ import annotations

import polars as pl

from pipeline.submissions.suppression import hidden_cells
from warehouse.submissions import bands_spec

SUPPRESSED = "c"
PUBLISHED = "published"
NOT_COMPUTABLE = "cannot be computed from these bands"
BASIS = "FOI answer"
GUARANTEE_NOTE = (
    "Bands count children per worker and do not say who is newly qualified: the share above {cap:g} "
    "applies the experienced cap to every worker (the scenario's {nq:g} for newly qualified workers "
    "cannot be applied)."
)
NO_EDGE_NOTE = "No band of this answer ends at {cap:g} children, so the share above it is not known."


def apply(aggregates: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """The three FOI marts, every figure with a `<x>_status`: 'published', 'c' or NOT_COMPUTABLE."""
    answers, bands = aggregates["agg_foi_answers"], aggregates["agg_foi_bands"]
    caps = aggregates["agg_foi_caps"]
    hidden = _hidden(answers, bands, caps)
    facts = answers.with_columns(
        basis=pl.lit(BASIS),
        source_url=pl.when(pl.col("source").str.starts_with(bands_spec.URL_PREFIX)).then(pl.col("source")),
    )
    return {
        "submission_foi_answer": _answer(facts, aggregates["published_average"], hidden["n"]),
        "submission_foi_bands": _bands(facts, bands, hidden["band"]),
        "submission_foi_cap": _cap(facts, caps, hidden["above"]),
    }


def _hidden(answers: pl.DataFrame, bands: pl.DataFrame, caps: pl.DataFrame) -> dict[str, set[tuple]]:
    """Suppressed cells, {"n": {(sid,)}, "band": {(sid, band_order)}, "above": {(sid, scenario)}}.

    suppression.Grid lays out one set of band edges, so answers are grouped by their edges. A band
    "c to d" is the Grid's band over c - 1, so a cap at a band edge is found as for worker bands.
    """
    found: dict[str, set[tuple]] = {"n": set(), "band": set(), "above": set()}
    if answers.is_empty():
        return found
    edges = bands.group_by("submission_id").agg(
        layout=pl.concat_str(pl.col("children_from").sort().cast(pl.String), separator=",")
    )
    for (_,), part in edges.group_by("layout"):
        ids = part["submission_id"].implode()
        whole = {"group_kind": pl.lit("all"), "group_value": pl.lit("all")}  # an answer has no groups
        groups = answers.filter(pl.col("submission_id").is_in(ids)).select(
            "submission_id", **whole, case_holders="case_holders"
        )
        grid_caps = caps.filter(pl.col("submission_id").is_in(ids) & pl.col("computable")).select(
            "submission_id",
            "scenario_id",
            measure=pl.lit("children"),
            **whole,
            cap_experienced="cap_applied",
            cap_newly_qualified="cap_applied",
            workers_above_cap="workers_above_cap",
        )
        grid_bands = bands.filter(pl.col("submission_id").is_in(ids)).select(
            "submission_id",
            "band_order",
            **whole,
            caseload_from=(pl.col("children_from") - 1).cast(pl.Float64),
            workers="case_holders",
        )
        cells = hidden_cells({"agg_groups": groups, "agg_caps": grid_caps, "agg_bands": grid_bands})
        found["n"] |= {(sid,) for sid, *_ in cells["n"]}
        found["band"] |= {(sid, order) for sid, order, *_ in cells["band"]}
        found["above"] |= {(sid, scenario) for sid, scenario, *_ in cells["above"]}
    return found


def _flag(frame: pl.DataFrame, keys: list[str], hidden: set[tuple]) -> pl.DataFrame:
    hide = pl.DataFrame(list(hidden), schema=frame.select(keys).schema, orient="row")
    return frame.join(
        hide.with_columns(hide=pl.lit(True)), on=keys, how="left", maintain_order="left"
    ).with_columns(pl.col("hide").fill_null(False))


def _shown(value: str, status: pl.Expr) -> pl.Expr:
    return pl.when(status == PUBLISHED).then(pl.col(value)).otherwise(None).alias(value)


def _answer(facts: pl.DataFrame, published: pl.DataFrame, hidden: set[tuple]) -> pl.DataFrame:
    out = _flag(facts, ["submission_id"], hidden).join(published, on="submission_id", how="left")
    status = _status()
    return out.sort("la_code", "snapshot_date").select(
        "la_code",
        "la_name",
        "snapshot_date",
        "basis",
        "source",
        "source_url",
        pl.col("version").alias("submission_version"),
        "bands",
        _shown("case_holders", status),
        status.alias("case_holders_status"),
        "published_la_code",
        "published_year",
        "published_caseload_fte",
        "published_caseload_status",
    )


def _status(hide: str = "hide") -> pl.Expr:
    return pl.when(pl.col(hide)).then(pl.lit(SUPPRESSED)).otherwise(pl.lit(PUBLISHED))


def _bands(facts: pl.DataFrame, bands: pl.DataFrame, hidden: set[tuple]) -> pl.DataFrame:
    """A total under 5 hides every band (suppression.py's primary rule), so a share never divides by 0."""
    keys = facts.select("submission_id", "la_code", "snapshot_date", "basis", "source", total="case_holders")
    out = _flag(bands.join(keys, on="submission_id"), ["submission_id", "band_order"], hidden)
    label = pl.struct("children_from", "children_to").map_elements(
        lambda b: bands_spec.band_label(b["children_from"], b["children_to"]), return_dtype=pl.String
    )
    return (
        out.with_columns(
            band=label,
            status=_status(),
            pct_case_holders=(100 * pl.col("case_holders") / pl.col("total")).round(1),
        )
        .sort("la_code", "snapshot_date", "band_order")
        .select(
            "la_code", "snapshot_date", "basis", "source", "band_order", "band", "children_from",
            "children_to",
            _shown("case_holders", pl.col("status")), pl.col("status").alias("case_holders_status"),
            _shown("pct_case_holders", pl.col("status")), pl.col("status").alias("pct_case_holders_status"),
        )
    )  # fmt: skip


def note(computable: bool, cap: float, cap_newly_qualified: float) -> str | None:
    """Why a cap's figure is missing, or what it means for the guarantee's two caps."""
    if not computable:
        return NO_EDGE_NOTE.format(cap=cap)
    if cap_newly_qualified != cap:
        return GUARANTEE_NOTE.format(cap=cap, nq=cap_newly_qualified)
    return None


def _cap(facts: pl.DataFrame, caps: pl.DataFrame, hidden: set[tuple]) -> pl.DataFrame:
    keys = facts.select("submission_id", "la_code", "snapshot_date", "basis", "source")
    out = _flag(caps.join(keys, on="submission_id"), ["submission_id", "scenario_id"], hidden)
    status = pl.when(~pl.col("computable")).then(pl.lit(NOT_COMPUTABLE)).otherwise(_status())
    why = pl.struct("computable", "cap_applied", "cap_newly_qualified").map_elements(
        lambda r: note(r["computable"], r["cap_applied"], r["cap_newly_qualified"]), return_dtype=pl.String
    )
    return (
        out.with_columns(
            status=status,
            note=why,
            pct_above_cap=(100 * pl.col("workers_above_cap") / pl.col("case_holders")).round(1),
        )
        .sort("la_code", "snapshot_date", "scenario_order")
        .select(
            "la_code", "snapshot_date", "basis", "source", "scenario_id", "scenario_label", "cap_experienced",
            "cap_newly_qualified", "cap_applied", _shown("workers_above_cap", pl.col("status")),
            pl.col("status").alias("workers_above_cap_status"), _shown("pct_above_cap", pl.col("status")),
            pl.col("status").alias("pct_above_cap_status"), "note",
        )
    )  # fmt: skip
