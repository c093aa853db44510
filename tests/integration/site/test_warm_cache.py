"""The response cache's keys (a browser's first load, its navigation and the warmer share an entry)
and the warmer (dashboard/warm.py): which addresses it draws, and that a reader then gets them
from the cache."""

from __future__ import annotations

import pytest

from dashboard.server.response_cache import CachingGzip


@pytest.mark.shared_data
def test_the_warmer_draws_every_first_view_into_the_cache(site):
    from dashboard.reading import queries as data
    from dashboard.server import warm

    views = warm.addresses()
    paths = {p for p, _ in views}
    assert {"/", "/trends", "/compare", "/data", "/about", "/council/leeds"} <= paths
    assert "/404" not in paths and not any("<" in p for p in paths)
    years, release_id = data.years(), data.release()["release_id"]
    overview = {q for p, q in views if p == "/" and q}
    assert len(overview) == len(years) * 4 * 2  # each year and named cap, unpinned and pinned
    assert f"?year={max(years)}&cap=12&release={release_id}" in overview  # as the controls write it
    assert len([p for p in paths if p.startswith("/council/")]) == data.councils().height

    drawn = []

    def counting(environ, start_response):
        drawn.append(1)
        return site.server.wsgi_app(environ, start_response)

    app = CachingGzip(counting, lambda: 1)
    sample = [("/", ""), ("/council/leeds", ""), ("/", f"?year={max(years)}&cap=12&release={release_id}")]
    assert warm.warm(app, sample) == warm.Warmed(ok=3, drawn=3) and len(drawn) == 3
    assert warm.warm(app, sample) == warm.Warmed(ok=3, drawn=0) and len(drawn) == 3  # from the cache
