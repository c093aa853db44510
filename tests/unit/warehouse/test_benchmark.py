"""The benchmark estimator on made-up councils: chance alone gives no spread, real spread is recovered,
a value not compared keeps its number."""

from __future__ import annotations

import math

import numpy as np
import pytest

from warehouse.build.benchmark import between_council_variance


def test_pure_chance_gives_no_between_council_spread() -> None:
    """Councils that differ only by chance (z ~ N(0, 1)) leave tau at or near zero."""
    rng = np.random.default_rng(7)
    z = rng.standard_normal(150)
    se = rng.uniform(0.2, 1.0, 150)
    phi, tau2 = between_council_variance(z, se)
    assert phi < 1.0 and tau2 == 0.0


def test_real_spread_is_recovered_conservatively() -> None:
    """A known between-council SD is found, and grows with the truth.

    Winsorising at the 10th and 90th percentiles (what makes the estimate robust
    to a few outlying councils) shrinks a normal spread by roughly a fifth, so
    the estimate sits between 70% and 100% of the true SD (docs/method.md).
    """
    rng = np.random.default_rng(11)
    estimates = []
    for true_sd in (0.5, 1.5, 3.0):
        se = rng.uniform(0.3, 0.6, 2000)
        values = rng.normal(0, true_sd, 2000) + rng.standard_normal(2000) * se
        tau = math.sqrt(between_council_variance(values / se, se)[1])
        assert 0.6 * true_sd < tau < true_sd
        estimates.append(tau)
    assert estimates == sorted(estimates)


def test_vectorised_interval_matches_the_estimator_applied_per_resample() -> None:
    """The bootstrap's vectorised arithmetic is the same estimator, resample by resample."""
    from warehouse.build.benchmark import BOOTSTRAP_SAMPLES, _tau_interval

    rng = np.random.default_rng(3)
    se = rng.uniform(0.3, 0.6, 150)
    z = (rng.normal(0, 1.5, 150) + rng.standard_normal(150) * se) / se
    picks = np.random.default_rng(2025).integers(0, 150, (BOOTSTRAP_SAMPLES, 150))
    taus = [math.sqrt(between_council_variance(z[p], se[p])[1]) for p in picks]
    assert _tau_interval(z, se, seed=2025) == pytest.approx(tuple(np.percentile(taus, [2.5, 97.5])))


def test_a_value_not_compared_keeps_its_published_number() -> None:
    """A published rate with no usable denominator is not compared (no limits, label, rank), but its
    value stays exactly as published; a suppressed one stays empty with its symbol."""
    import polars as pl

    from warehouse.build.benchmark import benchmark

    base = {"la_name": "A council", "region_code": "E12000009", "year": 2025, "measure": "agency_rate",
            "england_value": 15.0}
    rows = [{**base, "la_code": f"E0{i:02d}", "value": 10.0 + i, "value_status": "published",
             "denominator": 100.0 + i} for i in range(12)]
    rows.append({**base, "la_code": "E099", "value": 100.0, "value_status": "published", "denominator": 0.0})
    rows.append({**base, "la_code": "E098", "value": None, "value_status": "x", "denominator": 80.0})
    table, _ = benchmark(pl.DataFrame(rows))
    got = {r["la_code"]: r for r in table.iter_rows(named=True)}
    lonely = got["E099"]
    assert (lonely["value"], lonely["value_status"], lonely["label"]) == (100.0, "published", "not_compared")
    assert lonely["rank"] is None and lonely["lower_95"] is None and lonely["quartile"] is None
    assert (got["E098"]["value"], got["E098"]["label"]) == (None, "not_compared")
    assert got["E005"]["value"] == 15.0 and got["E005"]["label"] != "not_compared"
