"""The site behind a real waitress server on 127.0.0.1, for tests over real HTTP."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from waitress.server import create_server


@contextmanager
def running(wsgi_app, threads: int = 8, **options: int) -> Iterator[str]:
    """Serve `wsgi_app` on a free port, with `caseload serve`'s waitress options (its upload limit)
    unless told otherwise; yield its base URL; shut it down afterwards."""
    from dashboard.server.serve import waitress_options

    settings = {**waitress_options(), **options}
    server = create_server(wsgi_app, host="127.0.0.1", port=0, threads=threads, **settings)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        thread.join(timeout=10)


def page_content(session, base: str, path: str, search: str = "") -> dict:
    """What Dash draws for a page: the pages callback's response, as the browser would fetch it."""
    body = {
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [
            {"id": "_pages_content", "property": "children"},
            {"id": "_pages_store", "property": "data"},
        ],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": path},
            {"id": "_pages_location", "property": "search", "value": search},
        ],
        "changedPropIds": ["_pages_location.pathname"],
        "state": [],
    }
    resp = session.post(f"{base}/_dash-update-component", json=body, timeout=60)
    resp.raise_for_status()
    return resp.json()
