"""The release as files: what /download serves and how its files are written.

    routes.py        the /download routes: tables as CSV or Parquet (filtered), the zip, the rows
                     behind a figure, the councils' templates; `table_href` for pages linking to them
    release_zip.py   the whole release as one zip, with its citation, licences and MANIFEST
    formats.py       CSV and Parquet exactly as served, safe to open in a spreadsheet
    templates.py     the submission template and its guide (data/templates), by exact file name
"""
