"""Databases of their own for tests that run manage.py in a subprocess (which cannot see the
test transaction): a temporary SQLite file, or a scratch PostgreSQL database beside the test one."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def manage(database_url: str, *args: str, check: bool = True, **kwargs):
    env = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=check,
        timeout=kwargs.pop("timeout", 300),
        **kwargs,
    )


def postgres_url(name: str) -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def _admin(sql: str) -> None:
    import psycopg

    s = connection.settings_dict
    with psycopg.connect(
        dbname="postgres",
        user=s["USER"],
        password=s["PASSWORD"] or None,
        host=s["HOST"] or "127.0.0.1",
        port=s["PORT"] or 5432,
        autocommit=True,
    ) as admin:
        admin.execute(sql)


@contextmanager
def scratch_database(tmp_path: Path, purpose: str) -> Iterator[str]:
    """A fresh, empty database of the suite's vendor; its DATABASE_URL."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / (purpose + '.sqlite3')}"
        return
    name = f"{connection.settings_dict['NAME']}_{purpose}"
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin(f'CREATE DATABASE "{name}"')
    try:
        yield postgres_url(name)
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
