"""Compared-with-England labels that allow for real variation between councils.

A plain funnel (limits from chance alone) flags most councils, because councils
differ for real reasons. Following Spiegelhalter (2005), "Funnel plots for
comparing institutional performance", each year and measure gets an additive
random-effects adjustment estimated robustly from that year's councils:

  s_i   chance standard error at England's value t: sqrt(t / n_i) for caseload and
        children in need per 10,000 (Poisson), sqrt(t (100 - t) / n_i) for percentages
  z_i   (y_i - t) / s_i, Winsorised at the 10th and 90th percentiles
  phi   mean of the Winsorised z_i squared (the overdispersion)
  tau2  max(0, (I phi - (I - 1)) / (sum w_i - sum w_i^2 / sum w_i)), w_i = 1 / s_i^2
  limits  t +- z_alpha sqrt(s_i^2 + tau2)   (95%: 1.959964; 99.8%: 3.090232)

tau, the between-council standard deviation that chance does not explain, is
"the size of the lottery"; its 95% interval comes from resampling councils.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from warehouse.build.steps import run_step
from warehouse.config import REFERENCE_DIR
from warehouse.db import Connection, transaction

Z95 = 1.959964
Z998 = 3.090232
POISSON_MEASURES = {"caseload", "cin_per_10000"}
BOOTSTRAP_SAMPLES = 400
REFERENCE_MEASURES = REFERENCE_DIR / "benchmark_measures.csv"


def chance_se(measure: str, england: float, denominator: float) -> float:
    if measure in POISSON_MEASURES:
        return float(np.sqrt(england / denominator))
    return float(np.sqrt(england * (100.0 - england) / denominator))


def funnel_limits(measure: str, england: float, denominator: float, tau2: float = 0.0) -> list[float]:
    """[lower 95%, upper 95%, lower 99.8%, upper 99.8%] at one denominator: t +- z sqrt(s^2 + tau2).

    tau2 = 0 gives the plain (chance-only) limits. The one definition of a funnel limit: the marts
    use it at each council's denominator, the site's curves (limit_curve) between them.
    """
    sd = float(np.sqrt(chance_se(measure, england, denominator) ** 2 + tau2))
    return [england - Z95 * sd, england + Z95 * sd, england - Z998 * sd, england + Z998 * sd]


def limit_curve(measure: str, england: float, tau: float, low: float, high: float,
                points: int = 120) -> pl.DataFrame:
    """Both sets of limits (adjusted with tau, and plain) at log-spaced denominators, for drawing."""
    rows = []
    for n in map(float, np.geomspace(low, high, points)):
        rows.append([n, *funnel_limits(measure, england, n, tau**2), *funnel_limits(measure, england, n)])
    cols = ["lower_95", "upper_95", "lower_99_8", "upper_99_8"]
    return pl.DataFrame(rows, schema=["denominator", *cols, *[f"unadjusted_{c}" for c in cols]], orient="row")


def winsorise(z: np.ndarray, share: float = 0.1) -> np.ndarray:
    low, high = np.percentile(z, [100 * share, 100 * (1 - share)])
    return np.clip(z, low, high)


def between_council_variance(z: np.ndarray, se: np.ndarray) -> tuple[float, float]:
    """(phi, tau2) from the z-scores and chance standard errors of one year's councils."""
    count = len(z)
    phi = float(np.mean(winsorise(z) ** 2))
    w = 1.0 / se**2
    if count * phi <= count - 1:
        return phi, 0.0
    return phi, float((count * phi - (count - 1)) / (w.sum() - (w**2).sum() / w.sum()))


def _tau_interval(z: np.ndarray, se: np.ndarray, seed: int) -> tuple[float, float]:
    """95% interval for tau from resampling councils: the same estimator, vectorised."""
    rng = np.random.default_rng(seed)
    count = len(z)
    pick = rng.integers(0, count, (BOOTSTRAP_SAMPLES, count))
    zs, ses = z[pick], se[pick]
    low, high = np.percentile(zs, [10, 90], axis=1)
    phi = np.mean(np.clip(zs, low[:, None], high[:, None]) ** 2, axis=1)
    w = 1.0 / ses**2
    tau2 = (count * phi - (count - 1)) / (w.sum(axis=1) - (w**2).sum(axis=1) / w.sum(axis=1))
    taus = np.sqrt(np.where(count * phi <= count - 1, 0.0, tau2))
    lower, upper = np.percentile(taus, [2.5, 97.5])
    return float(lower), float(upper)


def _label(value: float | None, lo95: float, hi95: float, lo998: float, hi998: float) -> str:
    if value is None or np.isnan(value):
        return "not_compared"
    if value < lo998:
        return "lower_99_8"
    if value < lo95:
        return "lower_95"
    if value > hi998:
        return "higher_99_8"
    if value > hi95:
        return "higher_95"
    return "similar"


def benchmark(inputs: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(la_year_benchmark rows, lottery_size rows) from staging.benchmark_inputs."""
    rows, sizes = [], []
    for (measure, year), group in inputs.group_by(["measure", "year"], maintain_order=True):
        england = group["england_value"][0]
        usable = group.filter(
            (pl.col("value_status") == "published") & pl.col("value").is_not_null()
            & (pl.col("denominator") > 0)
        )
        if england is None or usable.height < 10:
            continue
        se_all = {r["la_code"]: chance_se(measure, england, r["denominator"])
                  for r in usable.iter_rows(named=True)}
        z = np.array([(r["value"] - england) / se_all[r["la_code"]] for r in usable.iter_rows(named=True)])
        se = np.array([se_all[c] for c in usable["la_code"]])
        phi, tau2 = between_council_variance(z, se)
        tau_low, tau_high = _tau_interval(z, se, seed=int(year))
        values = usable["value"].to_numpy()
        sizes.append({
            "measure": measure, "year": year, "n_councils": usable.height, "england_value": england,
            "overdispersion_phi": phi, "between_council_sd": float(np.sqrt(tau2)),
            "between_council_sd_lower_95": tau_low, "between_council_sd_upper_95": tau_high,
            "min_value": float(values.min()), "max_value": float(values.max()),
            "range": float(values.max() - values.min()),
            "max_min_ratio": float(values.max() / values.min()) if values.min() > 0 else None,
        })
        ranks = usable.select("la_code", pl.col("value").rank("min").cast(pl.Int64).alias("rank"))
        rank_of = dict(ranks.iter_rows())
        for r in group.iter_rows(named=True):
            compared = r["la_code"] in se_all
            limits = funnel_limits(measure, england, r["denominator"], tau2) if compared else [None] * 4
            plain = funnel_limits(measure, england, r["denominator"]) if compared else [None] * 4
            rank = rank_of.get(r["la_code"])
            rows.append({
                "la_code": r["la_code"], "la_name": r["la_name"], "region_code": r["region_code"],
                "year": year, "measure": measure,
                # Kept as published even when not compared: the label says so, the value never goes.
                "value": r["value"], "value_status": r["value_status"],
                "denominator": r["denominator"], "england_value": england,
                "lower_95": limits[0], "upper_95": limits[1],
                "lower_99_8": limits[2], "upper_99_8": limits[3],
                "label": _label(r["value"], *limits) if compared else "not_compared",
                "unadjusted_lower_95": plain[0], "unadjusted_upper_95": plain[1],
                "unadjusted_lower_99_8": plain[2], "unadjusted_upper_99_8": plain[3],
                "unadjusted_label": _label(r["value"], *plain) if compared else "not_compared",
                "rank": rank, "n_ranked": usable.height if compared else None,
                "quartile": "ABCD"[4 * (rank - 1) // usable.height] if compared else None,
            })
    return pl.DataFrame(rows, infer_schema_length=None), pl.DataFrame(sizes, infer_schema_length=None)


def build_benchmarks(con: Connection) -> tuple[int, int]:
    """Run the inputs step, compute, and replace the benchmark marts in one transaction."""
    run_step(con, "staging/benchmark_inputs")
    inputs = con.sql("SELECT * FROM staging.benchmark_inputs").pl()
    table, sizes = benchmark(inputs)
    with transaction(con):
        con.register("bench_rows", table)
        con.register("bench_sizes", sizes)
        con.execute("CREATE OR REPLACE TABLE marts.la_year_benchmark AS "
                    "SELECT * FROM bench_rows ORDER BY measure, year, la_code")
        con.execute("CREATE OR REPLACE TABLE marts.lottery_size AS "
                    "SELECT * FROM bench_sizes ORDER BY measure, year")
        con.execute("CREATE OR REPLACE TABLE marts.benchmark_measures AS "
                    "SELECT * FROM read_csv($path, header = true, all_varchar = true)",
                    {"path": str(REFERENCE_MEASURES)})
        con.unregister("bench_rows")
        con.unregister("bench_sizes")
    return table.height, sizes.height
