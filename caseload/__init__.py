"""The `caseload` command: the one place that wires pipeline, warehouse and site together."""
