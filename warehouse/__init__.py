"""The warehouse: the only code that opens DuckDB, and imports neither Dagster nor Dash.

    config.py   every setting (from the environment, read by the entry points only)
    domain.py   facts the whole project relies on: symbols, England's code, the cap range
    db.py       connections, transactions, running a SQL file; `Connection`, `WarehouseError`
    sql/        the SQL: staging/ and marts/ hold one file per table, named for it; queries/ the
                cap SQL run for stored and custom caps alike; submissions/ the submissions schema
    build/      making the tables: SQL steps and the few figures computed in Python
    checks/     blocking checks on the tables, one module per subject
    publish.py  copying the marts into a new release and swapping it in
    read/       reading a published release: the site's, the API's and the downloads' queries
"""
