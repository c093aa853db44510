"""One service per test module: a copy of the session's build, a real redis-server, two
`caseload serve` processes sharing it (the deploy/ settings: trusted proxy, shared limits and cache)
and a real nginx with deploy/nginx's configuration in front of them, all on free ports."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support import service
from warehouse.config import Settings

RATE_BURST = 100  # per client, across both processes: 100 in 60 s
WARM_LIMIT = 16  # of the ~230 first-view addresses: enough to see the work shared, cheap in time


@dataclass
class Service:
    settings: Settings
    source_dir: Path
    redis: service.Redis
    sites: list[service.Site]
    nginx: service.Nginx
    env: dict[str, str]


@pytest.fixture(scope="module")
def stack(shared_warehouse: Settings, shared_data_dir: Path,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    service.need("nginx")
    service.need("redis-server")
    tmp = tmp_path_factory.mktemp("service")
    data_dir = tmp / "data"
    shutil.copytree(shared_warehouse.data_dir, data_dir)
    redis = service.start_redis(tmp)
    env = {
        "CASELOAD_DATA_DIR": str(data_dir),
        "CASELOAD_REDIS_URL": redis.url,
        "CASELOAD_TRUSTED_PROXIES": "1",
        "CASELOAD_CSRF_SECRET": "service-test-csrf-secret",
        "CASELOAD_RATE_LIMIT_PER_MINUTE": str(RATE_BURST),
        "CASELOAD_RATE_LIMIT_BURST": str(RATE_BURST),
        "CASELOAD_WARM_LIMIT": str(WARM_LIMIT),
    }
    sites: list[service.Site] = []
    nginx = running = None
    try:
        sites = service.start_sites(tmp, env, n=2)
        nginx = service.start_nginx(tmp / "nginx", [s.port for s in sites])
        running = Service(Settings.from_env(env), shared_data_dir, redis, sites, nginx, env)
        yield running
    finally:
        # the Redis a test restarted (stack.redis), as well as the one started here
        for server in [nginx, *sites, redis, running.redis if running else None]:
            if server is not None:
                service.stop(server)
