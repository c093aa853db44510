"""What a council submission must look like, and the check of a file against it.

Shared by the pipeline's inbox (pipeline/submissions/inbox.py), `caseload validate`, and the site's
check and submit door, which may not import the pipeline. Pure functions of bytes: no DuckDB here.
"""
