"""The production profile: `check --deploy` is clean, and the headers are there."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.db import connection

from .scratch import ROOT

SECRET = "k" * 20 + "-production-test-secret-" + "9f3a" * 5  # 64 chars, varied enough
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": SECRET,
    "DJANGO_ALLOWED_HOSTS": "archive.example.org",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://archive.example.org",
    "DATABASE_URL": "postgres://readouts:secret@db.invalid:5432/readouts",
}


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_values():
    result = run(PRODUCTION, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_check_deploy_flags_debug_on():
    result = run({**PRODUCTION, "DJANGO_DEBUG": "1"}, "manage.py", "check", "--deploy")
    assert "security.W018" in result.stdout + result.stderr  # DEBUG on in deployment


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_SECRET_KEY"}
    result = run(env, "manage.py", "check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


PROBE = """
from django.test import Client
c = Client()
plain = c.get("/calls/", HTTP_HOST="archive.example.org")
print("redirect", plain.status_code, plain.get("Location"))
health = c.get("/healthz", HTTP_HOST="10.0.0.7")
print("health", health.status_code, health.json()["status"])
secure = c.get("/", secure=True, HTTP_HOST="archive.example.org")
print("home", secure.status_code)
for name in ("Strict-Transport-Security", "Content-Security-Policy", "X-Frame-Options",
             "Referrer-Policy", "X-Content-Type-Options", "Cross-Origin-Opener-Policy"):
    print(name, "=", secure.get(name))
"""


def test_production_headers_and_https_redirect(tmp_path):
    env = {
        **PRODUCTION,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),  # pages need the static manifest
    }
    assert run(env, "manage.py", "migrate", "-v0").returncode == 0
    assert run(env, "manage.py", "collectstatic", "--noinput", "-v0").returncode == 0
    result = run(env, "manage.py", "shell", "-c", PROBE)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "redirect 301 https://archive.example.org/calls/" in out
    # The probe speaks plain HTTP to an address, not to the public name, and still gets in.
    assert "health 200 ok" in out
    assert "home 200" in out
    assert "Strict-Transport-Security = max-age=31536000; includeSubDomains; preload" in out
    csp = next(line for line in out.splitlines() if line.startswith("Content-Security-Policy"))
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "X-Frame-Options = DENY" in out
    assert "Referrer-Policy = same-origin" in out
    assert "X-Content-Type-Options = nosniff" in out


def test_postgresql_connections_only_go_parallel_where_it_pays(db):
    """Small queries were slower with parallel workers (their start-up is ~8 ms here)."""
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL planner setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW parallel_setup_cost")
        assert cursor.fetchone()[0] == "10000"


KEPT_CONNECTION = """
import subprocess, sys
from django.db import connection
from django.test.client import RequestFactory
from config.wsgi import application

def get(path):
    # The WSGI handler itself, as gunicorn calls it: request_started and request_finished
    # close connections that are too old (the test client leaves them alone).
    environ = RequestFactory(HTTP_HOST="archive.example.org").get(path, secure=True).environ
    return b"".join(application(environ, lambda status, headers: None)).decode()

first = get("/people/")
kept = connection.connection
write = "from readouts.models import Person; Person.objects.create(name='Zora Newname', slug='zn')"
subprocess.run([sys.executable, "manage.py", "shell", "-c", write], check=True)
second = get("/people/")
print("kept", kept is not None and connection.connection is kept)
print("fresh", "Zora Newname" not in first and "Zora Newname" in second)
"""


def test_sqlite_connections_are_kept_between_requests_and_see_new_rows(tmp_path):
    """A new SQLite connection parses the schema and starts with a cold page cache (3 ms of a
    search page); a kept one must still see what another process wrote since."""
    database = tmp_path / "kept.sqlite3"
    env = {
        **PRODUCTION,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
    }
    assert run(env, "manage.py", "migrate", "-v0").returncode == 0
    assert run(env, "manage.py", "collectstatic", "--noinput", "-v0").returncode == 0
    result = run(env, "manage.py", "shell", "-c", KEPT_CONNECTION)
    assert result.returncode == 0, result.stderr
    assert "kept True" in result.stdout
    assert "fresh True" in result.stdout
