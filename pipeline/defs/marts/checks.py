"""Blocking asset checks on marts.la_year: a failure stops the publish step."""

from pipeline.lib.blocking_check import blocking_check
from warehouse.checks.la_year import LA_YEAR_CHECKS

la_year_checks = [blocking_check("la_year", name, check) for name, check in LA_YEAR_CHECKS.items()]
