"""The site under load (docs/benchmarks.md): `caseload serve` against a static-JSON floor.

Starts the production server (waitress) on 127.0.0.1, then, for 1 and 20 concurrent clients
for --duration seconds each: every page's first render (the HTML shell and the Dash pages
callback that draws the page, the payload built from the app's own /_dash-dependencies) and
a cap and a year change (the same callback with ?cap= / ?year=: the controls navigate, and
the page is drawn from the address). The floor, in the same run: the overview's callback
response served as a static JSON file by http.server, under the same load. Scale-out: the
20-client run again against --processes server processes, round-robin. With the cache on,
each server first warms it (dashboard/server/warm.py) and the bench waits for that; then every warmed
address is requested once (the first render after a publish) and under 20 clients. Last,
headless Chromium: time to interactive and the bytes of a first visit.

    .venv/bin/python bench/site.py [--duration 60] [--threads 8] [--processes 2] [--skip-browser]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import loadgen  # noqa: E402
import site_browser  # noqa: E402
import site_service  # noqa: E402

TARGET_P95_MS = 150.0
TARGET_TRANSFER_MB = 1.5
TARGET_TTI_S = 2.0
PAGES = {
    "overview": "/",
    "council": "/council/{slug}",
    "compare": "/compare",
    "trends": "/trends",
    "data": "/data",
    "about": "/about",
}
# What the controls write (dashboard/components/controls.py): year and cap, pinned to the release.
CHANGES = {
    "overview cap change": ("/", "?year={latest}&cap=12&release={release}"),
    "overview year change": ("/", "?year={year}&cap=18&release={release}"),
    "council cap change": ("/council/{slug}", "?year={latest}&cap=20&release={release}"),
}
WARMED = "cache warmed:"  # the line `caseload serve` prints when its cache is warm
STATIC = """
import http.server, sys
body = open(sys.argv[2], "rb").read()
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        self.send_response(200); self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
"""


def _get(url: str, body: bytes | None = None, timeout: float = 30, headers: dict | None = None) -> bytes:
    if headers is None:
        headers = {"Content-Type": "application/json"} if body is not None else {}
    with urllib.request.urlopen(urllib.request.Request(url, body, headers), timeout=timeout) as r:
        return r.read()


@contextmanager
def server(cmd: list[str], port: int, env: dict[str, str], log: Path, ready: str | None = None):
    """A server process on 127.0.0.1:port, up within 60 s (and, with `ready`, once it has printed
    that line: within 600 s), stopped (by its pid) afterwards."""
    own_log = log.with_name(f"{log.stem}-{port}{log.suffix}")
    with own_log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(f"http://127.0.0.1:{port}/", timeout=5)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"server on port {port} did not start; see {own_log}") from None
                time.sleep(0.3)
        deadline = time.monotonic() + 600
        while ready and ready not in own_log.read_text(errors="replace"):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"server on port {port} never printed {ready!r}; see {own_log}")
            time.sleep(0.5)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _caseload(port: int, threads: int) -> list[str]:
    script = Path(sys.executable).parent / "caseload"
    return [str(script), "serve", "--port", str(port), "--threads", str(threads)]


def pages_callback(base: str) -> dict:
    """The Dash pages callback (draws a page from pathname + search), from /_dash-dependencies."""
    for dep in json.loads(_get(f"{base}/_dash-dependencies")):
        if "_pages_content.children" in dep["output"]:
            return dep
    raise SystemExit("no Dash pages callback in /_dash-dependencies")


def payload(dep: dict, pathname: str, search: str) -> bytes:
    values = {
        "pathname": pathname,
        "search": search,
        "hash": "",
        "href": f"http://127.0.0.1{pathname}{search}",
    }
    inputs = [
        {"id": i["id"], "property": i["property"], "value": values.get(i["property"])} for i in dep["inputs"]
    ]
    outputs = [
        dict(zip(("id", "property"), o.rsplit(".", 1), strict=True))
        for o in dep["output"].strip(".").split("...")
    ]
    return json.dumps(
        {
            "output": dep["output"],
            "outputs": outputs,
            "inputs": inputs,
            "changedPropIds": [f"{i['id']}.{i['property']}" for i in dep["inputs"]],
            "state": dep.get("state", []),
        },
        separators=(",", ":"),  # as the renderer's JSON.stringify writes it (nginx reads the page from it)
    ).encode()


POST = {"Content-Type": "application/json", "Accept-Encoding": "gzip"}


def request_mix(base: str, sample: dict[str, str | int]) -> list[loadgen.Request]:
    dep = pages_callback(base)
    post = POST
    mix = []
    for name, path in PAGES.items():
        path = path.format(**sample)
        mix.append(loadgen.Request(f"{name} html", "GET", path, headers={"Accept-Encoding": "gzip"}))
        mix.append(
            loadgen.Request(f"{name} render", "POST", "/_dash-update-component", payload(dep, path, ""), post)
        )
    for name, (path, search) in CHANGES.items():
        mix.append(
            loadgen.Request(
                name,
                "POST",
                "/_dash-update-component",
                payload(dep, path.format(**sample), search.format(**sample)),
                post,
            )
        )
    for r in mix:  # each must answer 200 before it is timed
        _get(base + r.path, r.body) if r.method == "POST" else _get(base + r.path)
    return mix


def summary(label: str, result: loadgen.Result) -> dict[str, float]:
    """Print p50/p95 per route; return p95 (ms) per route."""
    print(
        f"\n{label}: {result.requests:,} requests in {result.seconds:.0f} s "
        f"({result.requests / result.seconds:.1f}/s), errors {sum(result.errors.values())}"
    )
    print(f"  {'route':<24} {'n':>6} {'p50 ms':>8} {'p95 ms':>8}")
    p95 = {}
    for name in sorted(result.latencies):
        v = result.latencies[name]
        p95[name] = 1000 * loadgen.percentile(v, 95)
        print(f"  {name:<24} {len(v):>6} {1000 * loadgen.percentile(v, 50):>8.1f} {p95[name]:>8.1f}")
    return p95


def _sample(env: dict[str, str]) -> dict[str, str | int]:
    """A council (by its slug, as links and search address it), the latest and an earlier year,
    and the release id, from the served warehouse (read-only)."""
    from warehouse.config import Settings
    from warehouse.db import open_snapshot

    con = open_snapshot(Settings.from_env(env).warehouse_path)
    try:
        code, latest = con.execute(
            "SELECT min(la_code), max(year) FROM marts.la_year "
            "WHERE caseload_status = 'published' AND la_code NOT LIKE '%/%'"
        ).fetchall()[0]
        slug = con.execute("SELECT slug FROM marts.dim_la WHERE la_code = ?", [code]).fetchall()[0][0]
        release = con.execute("SELECT release_id FROM meta.release").fetchall()[0][0]
    finally:
        con.close()
    return {"code": code, "slug": slug, "latest": latest, "year": latest - 2, "release": release}


def warmed_mix(env: dict[str, str]) -> list[loadgen.Request]:
    """One request per address the server warms (dashboard/server/warm.py), as a browser sends it."""
    from dashboard.app import create_app
    from dashboard.server import warm
    from dashboard.server.response_cache import page_request
    from warehouse.config import Settings

    create_app(Settings.from_env(env))  # registers the pages and points the site's reads at the release
    return [
        loadgen.Request("first render (warmed)", "POST", "/_dash-update-component", page_request(p, q), POST)
        for p, q in warm.addresses()
    ]


def first_renders(port: int, mix: list[loadgen.Request]) -> dict[str, float]:
    """Each warmed address once, one after another: the first render a reader gets after a publish."""
    times = []
    for r in mix:
        start = time.perf_counter()
        _get(f"http://127.0.0.1:{port}{r.path}", r.body, headers=r.headers)  # gzip, as browsers ask
        times.append(1000 * (time.perf_counter() - start))
    stats = {q: loadgen.percentile(times, q) for q in (50, 95, 100)}
    print(
        f"\nfirst render of each of the {len(mix)} warmed addresses, once each: "
        f"p50 {stats[50]:.1f} ms, p95 {stats[95]:.1f} ms, max {stats[100]:.1f} ms"
    )
    return stats


def _run(label: str, ports: list[int], mix: list, clients: int, args: argparse.Namespace) -> dict[str, float]:
    return summary(f"{label}, {clients} client(s)", loadgen.run(ports, mix, clients, args.duration))


def _targets(results: dict[str, dict[str, float]], floor: dict[int, float], browser: dict | None) -> None:
    print("\nratio to the floor (p95 of the overview's first render):")
    for label, p95 in results.items():
        if "overview render" not in p95:
            continue
        fl = floor[20 if label.endswith("20") else 1]
        print(
            f"  {label:<40} {p95['overview render']:8.1f} ms vs {fl:6.1f} ms "
            f"= {p95['overview render'] / fl:5.0f}x"
        )
    for label, p95 in results.items():
        if label.endswith("20"):
            name, top = max(p95.items(), key=lambda kv: kv[1])
            verdict = "holds" if top < TARGET_P95_MS else "does NOT hold"
            print(
                f"target: p95 under {TARGET_P95_MS:.0f} ms at 20 clients, {label}: {verdict} "
                f"(slowest route {name}: {top:.0f} ms)"
            )
    if not browser:
        return
    mb = {k: browser[k] / 1e6 for k in ("wire_bytes", "body_bytes", "gzip_bytes")}
    print(
        f"\nfirst visit to / in headless Chromium (median of 3, cache disabled, server cache warm): "
        f"domInteractive {browser['dom_interactive']:.0f} ms, DOMContentLoaded "
        f"{browser['dom_content_loaded']:.0f} ms, load event {browser['load_event']:.0f} ms, "
        f"page content rendered {browser['content_rendered']:.0f} ms"
    )
    print(
        f"  transfer: {browser['requests']} requests, {mb['wire_bytes']:.2f} MB on the wire "
        f"(bodies {mb['body_bytes']:.2f} MB uncompressed; gzip-6 of them {mb['gzip_bytes']:.2f} MB)"
    )
    wire_ok = "holds" if mb["wire_bytes"] < TARGET_TRANSFER_MB else "does NOT hold"
    print(
        f"target: first page under {TARGET_TRANSFER_MB} MB compressed: {wire_ok} ({mb['wire_bytes']:.2f} MB)"
    )
    tti = max(browser["load_event"], browser["content_rendered"]) / 1000
    tti_ok = "holds" if tti < TARGET_TTI_S else "does NOT hold"
    print(f"target: time to interactive under {TARGET_TTI_S:.0f} s: {tti_ok} ({tti:.2f} s: content rendered)")


def report(args: argparse.Namespace) -> int:
    env = {**os.environ, "CASELOAD_RATE_LIMIT_PER_MINUTE": "1000000", "CASELOAD_RATE_LIMIT_BURST": "1000000"}
    sample = _sample(env)
    if args.service:
        print(f"machine: {os.cpu_count()} CPUs; {args.duration:.0f} s per run; the load generator runs "
              "on the same machine")
        site_service.report_service(args, env, sample, lambda base: request_mix(base, sample))
        return 0
    warm_mix = warmed_mix(env)
    log = Path(tempfile.gettempdir()) / "bench-site-servers.log"
    port, k = args.port, args.processes
    results: dict[str, dict[str, float]] = {}
    browser = None
    print(
        f"machine: {os.cpu_count()} CPUs; waitress threads {args.threads}; {args.duration:.0f} s per run; "
        f"council {sample['slug']}, year change to {sample['year']}; logs {log.parent}/{log.stem}-<port>"
    )
    for cache in (False, True):
        flag = [] if cache else ["--no-cache"]
        name = "cache" if cache else "no cache"
        ready = WARMED if cache else None
        with server(_caseload(port, args.threads) + flag, port, env, log, ready):
            base = f"http://127.0.0.1:{port}"
            if cache:
                first = first_renders(port, warm_mix)
            mix = request_mix(base, sample)
            figure = _get(base + "/_dash-update-component", mix[1].body)
            for clients in (1, 20):
                results[f"1 process, {name}, clients {clients}"] = _run(
                    f"1 process, {name}", [port], mix, clients, args
                )
            if cache:
                results["1 process, cache, every warmed address, clients 20"] = _run(
                    "1 process, cache, every warmed address", [port], warm_mix, 20, args
                )
                if not args.skip_browser:
                    browser = site_browser.first_visit(base + "/")
                    council = site_browser.first_visit(base + PAGES["council"].format(**sample))
                    mb = council["wire_bytes"] / 1e6
                    print(
                        f"\nheadless Chromium, {PAGES['council'].format(**sample)}: content rendered "
                        f"{council['content_rendered']:.0f} ms, {mb:.2f} MB on the wire"
                    )
        if k > 1:
            ports = [port + 1 + i for i in range(k)]
            with ExitStack() as stack:
                for p in ports:
                    stack.enter_context(server(_caseload(p, args.threads) + flag, p, env, log, ready))
                mix = request_mix(f"http://127.0.0.1:{ports[0]}", sample)
                results[f"{k} processes, {name}, clients 20"] = _run(
                    f"{k} processes round-robin, {name}", ports, mix, 20, args
                )
    with tempfile.NamedTemporaryFile(suffix=".json") as static:
        static.write(figure)
        static.flush()
        with server([sys.executable, "-c", STATIC, str(port + 100), static.name], port + 100, env, log):
            floor_mix = [loadgen.Request("overview render (static)", "GET", "/figure.json")]
            floor = {
                c: _run(
                    f"floor: the overview's render as a static JSON file ({len(figure):,} bytes)",
                    [port + 100],
                    floor_mix,
                    c,
                    args,
                )["overview render (static)"]
                for c in (1, 20)
            }
    _targets(results, floor, browser)
    verdict = "holds" if first[95] < TARGET_P95_MS else "does NOT hold"
    print(
        f"target: p95 under {TARGET_P95_MS:.0f} ms for the first render after a publish (each warmed "
        f"address once, 1 client): {verdict} ({first[95]:.1f} ms)"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per load run (%(default)s)")
    parser.add_argument("--threads", type=int, default=8, help="waitress threads per process (%(default)s)")
    parser.add_argument("--processes", type=int, default=2, help="server processes (%(default)s)")
    parser.add_argument("--port", type=int, default=8650, help="first port on 127.0.0.1 (%(default)s)")
    parser.add_argument("--skip-browser", action="store_true", help="no headless Chromium measurements")
    parser.add_argument("--service", action="store_true",
                        help="nginx + Redis + --processes processes against the processes directly")
    return report(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
