"""Blocking asset checks on the metrics marts: a failure stops the publish step."""

from pipeline.defs.blocking_check import blocking_check
from warehouse.metrics_checks import METRICS_CHECKS

metrics_checks = [blocking_check(asset, name, check)
                  for asset, checks in METRICS_CHECKS.items() for name, check in checks.items()]
