"""Blocking asset checks on the metrics marts: a failure stops the publish step."""

from pipeline.lib.blocking_check import blocking_check
from warehouse.checks.benchmarks import BENCHMARK_CHECKS
from warehouse.checks.centres import CENTRES_CHECKS
from warehouse.checks.metrics import METRICS_CHECKS
from warehouse.checks.neighbours import NEIGHBOURS_CHECKS

metrics_checks = [blocking_check(asset, name, check)
                  for checks_by_asset in (METRICS_CHECKS, CENTRES_CHECKS, BENCHMARK_CHECKS,
                                          {"la_year_neighbours": NEIGHBOURS_CHECKS})
                  for asset, checks in checks_by_asset.items() for name, check in checks.items()]
