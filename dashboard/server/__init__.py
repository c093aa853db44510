"""The site's WSGI side: what happens to a request around Dash.

    serve.py            `caseload serve`: waitress, the response cache and its warmer
    response_cache.py   whole answers kept per address and release, gzipped; then in Redis, if shared
    shared_cache.py     the page answers every process shares (Redis, Flask-Caching), drawn once
    warm.py             the pages readers open first, drawn into the cache at start and after a publish
    proxy_cache.py      how long nginx may keep an answer of the current release (s-maxage)
    rate_limit.py       the per-client limit (Flask-Limiter; Redis when shared, else memory)
    security.py         headers (CSP), friendly errors without tracebacks, the limit's 429, ProxyFix
"""
