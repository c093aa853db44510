"""Reusable Dash pieces used by several pages (page content is in dashboard/views/).

    shell.py     header (menu from dash.page_registry), footer, friendly messages, headline figures
    controls.py  the year / cap form and its callback
    radios.py    native radio buttons in a fieldset (the form's and the chart switches' choices)
    search.py    finding a council by a typed name (header search, compare's "Add") and callbacks
    chart.py     a chart with its CSV, its table and its switch; their callbacks
    table.py     the one accessible scrolling table
    notes.py     a flagged figure's note beside it
    guard.py     every page layout inside `guarded`: a friendly page for bad input, `?release=` read
"""
