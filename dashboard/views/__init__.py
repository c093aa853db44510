"""Each page's content as plain functions of the release's reads: no callbacks, no Flask, so every
page can be drawn and checked without a browser (`view(...)` returns the page's Dash tree).

    overview.py, council.py, compare.py, trends.py, data_page.py, about.py, api_docs.py, guide.py
                     one per page, beside its thin module in dashboard/pages/
    council_facts.py the council page's facts, trend series, context, caveats and citation in words
    benchmarks.py    "Compared with England" (benchmarks): each measure's label, rank, quartile, table
    submission.py    a council's own worker-level submission, worded, and its section
    switches.py      the charts a reader can switch (funnel limits, neighbour model and statistic)
    mart_rows.py     rows of the marts picked and joined for a chart or a table (nothing computed)
    words.py         how figures read (a suppressed figure is words) and sentences pages repeat
"""
