"""The site as a service, for tests over real HTTP on 127.0.0.1: a real redis-server, real
`caseload serve` processes and a real nginx with the deploy/ configuration, each on a free port,
each started here and stopped (by its own pid) afterwards."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from warehouse.config import PROJECT_ROOT

DEPLOY = PROJECT_ROOT / "deploy"
WARMED = "cache warmed:"


def need(binary: str) -> str:
    """The binary's path; a missing one skips the test, except in CI (CI=true), where it fails."""
    found = shutil.which(binary) or next(
        (str(p) for p in (Path("/usr/sbin") / binary, Path("/usr/bin") / binary) if p.exists()), None
    )
    if found:
        return found
    message = f"{binary} is not installed (scripts/test.sh installs it with apt)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def _wait(ok, proc: subprocess.Popen, what: str, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not ok():
        if proc.poll() is not None or time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            raise AssertionError(f"{what} did not start (exit {proc.poll()}):\n{tail}")
        time.sleep(0.1)


@dataclass
class Server:
    """A process the tests started: its port on 127.0.0.1 and its log."""

    port: int
    proc: subprocess.Popen
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")


class Redis(Server):
    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def ping(self) -> bool:
        import redis

        try:
            return bool(redis.Redis(port=self.port, socket_timeout=0.5).ping())
        except redis.RedisError:
            return False


def start_redis(tmp: Path, port: int | None = None) -> Redis:
    """redis-server on loopback, nothing written to disk (no RDB, no AOF)."""
    binary = need("redis-server")
    port = port or free_port()
    log = tmp / f"redis-{port}.log"
    cmd = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
           "--dir", str(tmp), "--logfile", str(log)]
    server = Redis(port, subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT), log)
    _wait(server.ping, server.proc, "redis-server", log, 20)
    return server


def stop(server: Server) -> None:
    _stop(server.proc)


class Site(Server):
    """One `caseload serve` process."""


def start_sites(tmp: Path, env: dict[str, str], n: int = 1, warmed: bool = True) -> list[Site]:
    """`n` `caseload serve` processes on free ports with `env` added, started at once; returned when
    each is up (and, with `warmed`, has warmed its cache)."""
    caseload = Path(sys.executable).with_name("caseload")
    full = {**os.environ, **env, "PYTHONUNBUFFERED": "1"}
    sites = []
    for _ in range(n):
        port = free_port()
        log = tmp / f"serve-{port}.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [str(caseload), "serve", "--host", "127.0.0.1", "--port", str(port)],
                cwd=PROJECT_ROOT, env=full, stdout=out, stderr=subprocess.STDOUT)
        sites.append(Site(port, proc, log))
    for site in sites:
        _wait(lambda site=site: _up(site, warmed), site.proc, "caseload serve", site.log, 120)
    return sites


def _up(site: Site, warmed: bool) -> bool:
    try:
        answered = requests.get(f"{site.base}/_dash-layout", timeout=5).status_code == 200
    except requests.RequestException:
        return False
    return answered and (not warmed or WARMED in site.output())


class Nginx(Server):
    """nginx in front of the sites."""


def nginx_conf(tmp: Path, port: int, upstreams: list[int]) -> str:
    """An nginx.conf with temporary paths around deploy/nginx's maps and locations (the production
    site, deploy/nginx/caseload.conf, includes the same two files)."""
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;" for p in upstreams)
    temp = "\n".join(f"    {kind}_temp_path {tmp}/{kind};" for kind in
                     ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # As root, nginx's workers would run as nobody, who cannot write the test's private temp dirs.
    user = "user root root;" if os.geteuid() == 0 else ""
    return f"""
{user}
worker_processes 1;
events {{ worker_connections 1024; }}
http {{
    log_format caseload '$request_method $request_uri $status $upstream_cache_status '
                        '$upstream_addr $request_time';
    access_log {tmp}/access.log caseload;
    default_type application/octet-stream;
{temp}
    proxy_cache_path {tmp}/cache levels=1:2 keys_zone=caseload:10m max_size=256m inactive=1d
                     use_temp_path=off;
    upstream caseload {{
{servers}
        keepalive 32;
    }}
    include {DEPLOY}/nginx/caseload-maps.conf;
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        include {DEPLOY}/nginx/caseload-locations.conf;
    }}
}}
"""


def start_nginx(tmp: Path, upstreams: list[int]) -> Nginx:
    """nginx in the foreground with its pid, logs, temp files and cache under `tmp`."""
    binary = need("nginx")
    tmp.mkdir(parents=True, exist_ok=True)
    port = free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(nginx_conf(tmp, port, upstreams))
    log = tmp / "error.log"
    cmd = [binary, "-p", str(tmp), "-c", str(conf), "-e", str(log),
           "-g", f"daemon off; pid {tmp}/nginx.pid; error_log {log} warn;"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    server = Nginx(port, proc, log)

    def up() -> bool:
        try:
            requests.get(f"{server.base}/_dash-layout", timeout=5)
            return True
        except requests.RequestException:
            return False

    _wait(up, proc, "nginx", log, 20)
    return server


@contextmanager
def running(*servers: Redis | Site | Nginx) -> Iterator[None]:
    try:
        yield
    finally:
        for s in reversed(servers):
            stop(s)
