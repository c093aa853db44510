"""Which first views a process warms (dashboard/server/warm.py): the first CASELOAD_WARM_LIMIT of
them, in a random order of its own when processes share the work through Redis."""

from __future__ import annotations

from dashboard.server.warm import chosen


def test_the_first_views_in_order_alone_and_shuffled_when_shared():
    views = [(f"/council/c{i}", "") for i in range(50)]
    assert chosen(views, None, shuffle=False) == views
    assert chosen(views, 5, shuffle=False) == views[:5]
    assert chosen(views, 0, shuffle=False) == []
    shared = [chosen(views, None, shuffle=True) for _ in range(3)]
    assert all(sorted(s) == sorted(views) for s in shared)  # the same views, each once
    assert any(s != views for s in shared)  # in another order (all three in order: 1 in 50!^3)
