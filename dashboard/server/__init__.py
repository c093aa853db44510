"""The site's WSGI side: what happens to a request around Dash.

    serve.py            `caseload serve`: waitress, the response cache and its warmer
    response_cache.py   whole answers kept per address and release, gzipped
    warm.py             the pages readers open first, drawn into the cache at start and after a publish
    security.py         headers (CSP), friendly errors without tracebacks, a per-client rate limit
"""
