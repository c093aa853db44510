"""Blocking checks on the submission marts: a failure stops the release."""

from pipeline.lib.blocking_check import blocking_check
from warehouse.checks.submissions import SUBMISSION_CHECKS

submission_checks = [blocking_check(asset, name, check)
                     for asset, checks in SUBMISSION_CHECKS.items() for name, check in checks.items()]
