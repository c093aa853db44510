"""The site as a service under load, for bench/site.py --service: nginx in front of `caseload serve`
processes sharing one Redis, against the same processes asked directly (round-robin).

Starts a redis-server, --processes `caseload serve` processes (CASELOAD_REDIS_URL set, so they warm
one shared cache between them: the time each took is printed) and nginx with deploy/nginx's
configuration, all on free ports under a temporary folder (tests/support/service.py starts them the
same way the tests do). Then, for 20 and 200 clients, --duration seconds each: the mix of pages'
HTML, first renders, cap and year changes (bench/site.py's) plus two API answers and a download,
first against the processes directly, then through nginx. Prints p50/p95 per route, throughput and
errors, and the ratio of each p95 through nginx to the direct one.
"""

from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

import loadgen

from tests.support import service

CLIENTS = (20, 200)


def extra(sample: dict[str, str | int]) -> list[loadgen.Request]:
    """What nginx keeps for every reader (the processes do not): the API and a download."""
    gzip = {"Accept-Encoding": "gzip"}
    return [
        loadgen.Request("api release", "GET", "/api/v1/release", headers=gzip),
        loadgen.Request("api la-year", "GET", f"/api/v1/la-year?year={sample['latest']}&limit=200",
                        headers=gzip),
        loadgen.Request("download caps.csv", "GET", "/download/marts.caps.csv", headers=gzip),
    ]


def _warm_seconds(site: service.Site) -> str:
    warmed = r"cache warmed: (\d+) of (\d+) pages in ([\d.]+) s \(drawn here: (\d+)\)"
    found = re.search(warmed, site.output())
    return f"{found.group(3)} s, drew {found.group(4)} of {found.group(2)}" if found else "not warmed"


def report_service(args: argparse.Namespace, env: dict[str, str], sample: dict, mix_for) -> None:
    """Direct processes against nginx in front of them, at 20 and 200 clients."""
    with tempfile.TemporaryDirectory(prefix="bench-service-") as folder:
        tmp = Path(folder)
        redis = service.start_redis(tmp)
        stack = {**env, "CASELOAD_REDIS_URL": redis.url, "CASELOAD_TRUSTED_PROXIES": "1",
                 "CASELOAD_CSRF_SECRET": "bench"}
        servers: list = [redis]
        try:
            sites = service.start_sites(tmp, stack, n=args.processes)
            servers += sites
            nginx = service.start_nginx(tmp / "nginx", [s.port for s in sites])
            servers.append(nginx)
            print(f"\nservice: redis-server, {len(sites)} processes sharing it, nginx in front "
                  f"(deploy/nginx); warming the shared cache: "
                  + "; ".join(f"process {i + 1} {_warm_seconds(s)}" for i, s in enumerate(sites)))
            mix = mix_for(sites[0].base) + extra(sample)
            results: dict[str, dict[str, float]] = {}
            for clients in CLIENTS:
                for label, ports in (("direct", [s.port for s in sites]), ("nginx", [nginx.port])):
                    result = loadgen.run(ports, mix, clients, args.duration)
                    results[f"{label} {clients}"] = _summary(f"{label}, {clients} clients", result)
            for clients in CLIENTS:
                direct, proxied = results[f"direct {clients}"], results[f"nginx {clients}"]
                print(f"\np95 through nginx against direct, {clients} clients:")
                for name in sorted(direct):
                    if name in proxied and name != "throughput":
                        print(f"  {name:<24} {direct[name]:8.1f} ms -> {proxied[name]:8.1f} ms")
                rates = direct["throughput"], proxied["throughput"]
                print(f"  {'throughput':<24} {rates[0]:8.1f} /s -> {rates[1]:8.1f} /s")
        finally:
            for server in reversed(servers):
                service.stop(server)


def _summary(label: str, result: loadgen.Result) -> dict[str, float]:
    """Print p50/p95 per route; return p95 (ms) per route and the throughput."""
    rate = result.requests / result.seconds
    print(f"\n{label}: {result.requests:,} requests in {result.seconds:.0f} s ({rate:.1f}/s), "
          f"errors {sum(result.errors.values())}")
    print(f"  {'route':<24} {'n':>7} {'p50 ms':>8} {'p95 ms':>8}")
    out = {"throughput": rate}
    for name in sorted(result.latencies):
        values = result.latencies[name]
        out[name] = 1000 * loadgen.percentile(values, 95)
        p50 = 1000 * loadgen.percentile(values, 50)
        print(f"  {name:<24} {len(values):>7} {p50:>8.1f} {out[name]:>8.1f}")
    return out
