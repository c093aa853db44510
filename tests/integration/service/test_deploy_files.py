"""deploy/ as an IT person installs it: the production nginx site passes `nginx -t` (with a throwaway
certificate and temporary paths), the systemd units pass `systemd-analyze verify` and start commands
this project has, and the environment file names only settings the project reads."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from caseload.cli import build_parser
from tests.support import service
from warehouse.config import PROJECT_ROOT

DEPLOY = service.DEPLOY
UNITS = sorted((DEPLOY / "systemd").iterdir())
INSTALLED = "/opt/caseload/current"


def test_the_production_nginx_site_passes_nginx_t(tmp_path: Path):
    nginx = service.need("nginx")
    openssl = service.need("openssl")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=localhost", "-keyout", str(key), "-out", str(cert)], check=True,
                   capture_output=True)
    site = (DEPLOY / "nginx" / "caseload.conf").read_text()
    site = (site.replace("/var/cache/nginx/caseload", str(tmp_path / "cache"))
            .replace(INSTALLED, str(PROJECT_ROOT)).replace("/opt/caseload", str(PROJECT_ROOT))
            .replace("/etc/letsencrypt/live/caseload.example.org/fullchain.pem", str(cert))
            .replace("/etc/letsencrypt/live/caseload.example.org/privkey.pem", str(key))
            .replace("/var/log/nginx", str(tmp_path)))
    site = re.sub(r"listen (\[::\]:)?80;", f"listen 127.0.0.1:{service.free_port()};", site, count=1)
    site = re.sub(r"\n\s*listen \[::\]:80;", "", site)
    site = re.sub(r"listen 443 ssl http2;", f"listen 127.0.0.1:{service.free_port()} ssl http2;", site)
    site = re.sub(r"\n\s*listen \[::\]:443 ssl http2;", "", site)
    directives = "\n".join(line for line in site.splitlines() if not line.lstrip().startswith("#"))
    for installed in ("/opt/caseload", "/etc/letsencrypt", "/var/cache", "/var/log"):
        assert installed not in directives, installed  # each replaced by this test's own
    (tmp_path / "caseload.conf").write_text(site)
    conf = tmp_path / "nginx.conf"
    conf.write_text(service.nginx_conf(tmp_path, service.free_port(), [1])
                    .split("    proxy_cache_path")[0]  # the wrapper's http block, less its own site
                    + f"    include {tmp_path}/caseload.conf;\n}}\n")
    done = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "e.log"),
                           "-g", f"pid {tmp_path}/nginx.pid;"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def _exec_starts() -> dict[str, list[str]]:
    out = {}
    for unit in UNITS:
        for line in unit.read_text().splitlines():
            if line.startswith("ExecStart="):
                out[unit.name] = shlex.split(line.removeprefix("ExecStart=").replace("%i", "8051"))
    return out


def test_every_unit_starts_a_command_of_this_project():
    starts = _exec_starts()
    assert set(starts) == {u.name for u in UNITS if u.suffix == ".service"}
    for name, argv in starts.items():
        program = Path(argv[0].replace(INSTALLED, str(PROJECT_ROOT)))
        assert program.is_file(), (name, program)  # a program the setup installs into .venv/bin
        for arg in argv:
            if arg.startswith(INSTALLED + "/deploy"):
                assert Path(arg.replace(INSTALLED, str(PROJECT_ROOT))).is_file(), (name, arg)
        if program.name == "caseload":
            args = build_parser().parse_args(argv[1:])
            assert (args.command, args.host, args.port) == ("serve", "127.0.0.1", 8051)
    ports = re.findall(r"server 127\.0\.0\.1:(\d+)", (DEPLOY / "nginx" / "caseload.conf").read_text())
    target = (DEPLOY / "systemd" / "caseload.target").read_text()
    wanted = re.findall(r"caseload-web@(\d+)\.service", "\n".join(
        line for line in target.splitlines() if line.startswith("Wants=")))
    assert ports and ports == wanted  # nginx balances over exactly the processes the target starts


def test_the_units_pass_systemd_analyze_verify(tmp_path: Path):
    verify = shutil.which("systemd-analyze")
    if verify is None:  # not every machine (nor container) has systemd; the test above still runs
        pytest.skip("systemd-analyze is not installed")
    env = tmp_path / "caseload.env"
    shutil.copy(DEPLOY / "caseload.env.example", env)
    paths = []
    for unit in UNITS:
        text = (unit.read_text().replace(INSTALLED, str(PROJECT_ROOT))
                .replace("/etc/caseload/caseload.env", str(env)))
        name = unit.name.replace("@.service", "@8051.service")
        (tmp_path / name).write_text(text)
        paths.append(str(tmp_path / name))
    done = subprocess.run([verify, "verify", "--man=no", *paths], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr


def test_the_environment_file_names_only_settings_the_project_reads():
    config = (PROJECT_ROOT / "warehouse" / "config.py").read_text()
    read = set(re.findall(r'env(?:\.get\()?\[?\("?([A-Z_]+)"', config)) | set(
        re.findall(r'env\.get\("([A-Z_]+)"', config)) | set(re.findall(r'env\["([A-Z_]+)"\]', config))
    named = set(re.findall(r"^#?([A-Z][A-Z_]+)=", (DEPLOY / "caseload.env.example").read_text(), re.M))
    assert {"CASELOAD_SUBMISSION_SALT", "CASELOAD_CSRF_SECRET", "CASELOAD_REDIS_URL", "DAGSTER_HOME"} <= named
    assert named <= read, named - read
