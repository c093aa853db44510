"""Blocking asset checks on marts.la_year and marts.dim_la: a failure stops the publish step."""

from pipeline.lib.blocking_check import blocking_check
from warehouse.checks.councils import DIM_LA_CHECKS
from warehouse.checks.la_year import LA_YEAR_CHECKS

la_year_checks = [blocking_check("la_year", name, check) for name, check in LA_YEAR_CHECKS.items()]
dim_la_checks = [blocking_check("dim_la", name, check) for name, check in DIM_LA_CHECKS.items()]
