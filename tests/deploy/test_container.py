"""docker-compose.yml and the Dockerfile's commands (no container engine needed: the compose
file is read as data, and the start script runs by hand against a venv)."""

from __future__ import annotations

import json
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

from .scratch import ROOT
from .test_settings import PRODUCTION, run

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_postgres_with_a_health_check_and_a_volume():
    db = COMPOSE["services"]["db"]
    assert db["image"].startswith("postgres:15")
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    volume = db["volumes"][0].split(":")
    assert volume[1] == "/var/lib/postgresql/data" and volume[0] in COMPOSE["volumes"]


def test_compose_runs_the_web_app_in_production_mode_after_the_database():
    web = COMPOSE["services"]["web"]
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    env = web["environment"]
    assert env["DJANGO_DEBUG"] == "0"
    assert env["DATABASE_URL"].startswith("postgres://") and "@db:5432/" in env["DATABASE_URL"]
    assert ":?" in env["DJANGO_SECRET_KEY"]  # compose refuses to start without one
    assert "/healthz" in " ".join(web["healthcheck"]["test"])
    assert web["command"] == ["sh", "docker/start.sh"]
    start = (ROOT / "docker" / "start.sh").read_text()
    assert "migrate --noinput" in start and "gunicorn config.wsgi:application" in start


def test_dockerfile_collects_static_files_with_production_settings(tmp_path):
    dockerfile = (ROOT / "Dockerfile").read_text()
    instructions = dockerfile.replace("\\\n", " ").splitlines()
    collect = next(
        line for line in instructions if line.startswith("RUN ") and "collectstatic" in line
    )
    words = shlex.split(collect)
    env = dict(word.split("=", 1) for word in words if "=" in word and not word.startswith("-"))
    assert env["DJANGO_DEBUG"] == "0"
    env["DJANGO_STATIC_ROOT"] = str(tmp_path / "static")
    result = run(env, "manage.py", "collectstatic", "--noinput", "-v0")
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["admin/css/base.css"]
    assert hashed != "admin/css/base.css"  # fingerprinted: cacheable forever
    assert (tmp_path / "static" / (hashed + ".gz")).exists()  # whitenoise compression


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_start_script_migrates_imports_and_serves_under_gunicorn(tmp_path):
    port = free_port()
    env = {
        **PRODUCTION,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'start.sqlite3'}",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
    }
    assert run(env, "manage.py", "collectstatic", "--noinput", "-v0").returncode == 0
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    clean["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{clean['PATH']}"
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        ["sh", "docker/start.sh"],
        cwd=ROOT,
        env={**clean, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                status, _, body = get(f"{base}/healthz")
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "server.log").read_text()
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.3)
        assert (status, json.loads(body)["status"]) == (200, "ok")
        status, headers, body = get(f"{base}/calls/")
        assert status == 200 and b"Wang Yi" in body  # the fixtures were imported
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
        status, headers, _ = get(f"{base}/static/{manifest['paths']['admin/css/base.css']}")
        assert status == 200 and "immutable" in headers["Cache-Control"]
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        log.close()
    output = (tmp_path / "server.log").read_text()
    assert '"GET /calls/ HTTP/1.1" 200' in output  # the access log goes to stdout
