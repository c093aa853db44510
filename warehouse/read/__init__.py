"""Reading a published release, read-only: the served snapshot (snapshot.py), kept releases
(releases.py), the site's queries (site.py, benchmarks.py) and filtered tables for the API and
downloads (tables.py). Nothing here defines a figure: it selects, filters and renames."""
