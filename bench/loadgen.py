"""A small closed-loop HTTP load generator for bench/site.py (no locust: one file, no dependency).

Each client is a thread with its own keep-alive connection per server; it sends the next
request as soon as the last one finished, for a fixed duration, cycling through the
requests and (for several server processes) through the servers round-robin. Latency is
measured at the client over loopback, so it is the server's time plus a loopback round trip.
"""

from __future__ import annotations

import http.client
import math
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Request:
    """One request of the mix: a route name for the report, method, path, body."""

    name: str
    method: str
    path: str
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Result:
    latencies: dict[str, list[float]]  # route name -> seconds
    errors: dict[str, int]
    seconds: float

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.latencies.values())


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation between closest ranks (numpy's default)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def _client(
    ports: list[int], mix: list[Request], offset: int, stop: float, out: Result, lock: threading.Lock
) -> None:
    conns = {p: http.client.HTTPConnection("127.0.0.1", p, timeout=30) for p in ports}
    mine: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    i = offset
    while time.perf_counter() < stop:
        req, port = mix[(i // len(ports)) % len(mix)], ports[i % len(ports)]  # every route on every server
        i += 1
        start = time.perf_counter()
        try:
            conn = conns[port]
            conn.request(req.method, req.path, body=req.body, headers=req.headers)
            response = conn.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            conns[port].close()
            conns[port] = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            ok = False
        if ok:
            mine[req.name].append(time.perf_counter() - start)
        else:
            errors[req.name] += 1
    for conn in conns.values():
        conn.close()
    with lock:
        for k, v in mine.items():
            out.latencies[k].extend(v)
        for k, n in errors.items():
            out.errors[k] += n


def run(ports: list[int], mix: list[Request], clients: int, duration: float) -> Result:
    """`clients` threads for `duration` seconds against the servers on `ports`."""
    out = Result(defaultdict(list), defaultdict(int), duration)
    lock = threading.Lock()
    start = time.perf_counter()
    stop = start + duration
    threads = [
        threading.Thread(target=_client, args=(ports, mix, n, stop, out, lock), daemon=True)
        for n in range(clients)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(duration + 60)
    out.seconds = time.perf_counter() - start
    return out
