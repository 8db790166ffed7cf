"""The database down, lost or slow: a 503 page, never a traceback, and recovery after."""

from __future__ import annotations

import socket
import sqlite3
import time

import psycopg
import pytest
from django.conf import settings
from django.db import OperationalError, close_old_connections, connection, connections
from django.test import Client, RequestFactory

from config.dbtimeout import enable_for_web_process, set_statement_timeout
from readouts.errors import server_error

from .factories import archive
from .scratch import _admin

postgres_only = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"], reason="a PostgreSQL fault"
)


def assert_unavailable_page(response, words="not answering"):
    body = response.content.decode()
    assert response.status_code == 503
    assert words in body and "Temporarily unavailable" in body
    assert "Traceback" not in body and "OperationalError" not in body
    assert response["Retry-After"]


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens there once the socket is closed


def break_connection(monkeypatch):
    """The database becomes unreachable: the next connection attempt fails."""
    if connection.vendor == "postgresql":
        monkeypatch.setitem(connection.settings_dict, "PORT", closed_port())
        connection.close()
    else:  # the in-memory test database cannot be closed and reopened; fail the same way

        def refuse():
            cause = sqlite3.OperationalError("unable to open database file")
            raise OperationalError("unable to open database file") from cause

        monkeypatch.setattr(connections["default"], "ensure_connection", refuse)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("url", ["/", "/calls/", "/people/"])
def test_database_down_gives_503_and_the_site_recovers(monkeypatch, url):
    archive(calls=2)
    client = Client()
    assert client.get(url).status_code == 200
    with monkeypatch.context() as broken:
        break_connection(broken)
        assert_unavailable_page(client.get(url))
        health = client.get("/healthz")
        assert health.status_code == 503 and health.json()["status"] == "unavailable"
    close_old_connections()  # what the end of a real request does
    assert client.get(url).status_code == 200
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db(transaction=True)
@postgres_only
def test_a_connection_killed_by_the_server_gives_503_then_recovers():
    archive(calls=2)
    client = Client()
    assert client.get("/calls/").status_code == 200
    pid = connection.connection.info.backend_pid
    _admin(f"SELECT pg_terminate_backend({pid})")
    time.sleep(0.2)
    assert_unavailable_page(client.get("/calls/"))
    close_old_connections()
    assert client.get("/calls/").status_code == 200
    assert connection.connection.info.backend_pid != pid


@pytest.mark.django_db(transaction=True)
@postgres_only
def test_statement_timeout_gives_503_on_web_connections_only(settings):
    settings.DB_STATEMENT_TIMEOUT_MS = 300
    settings.ROOT_URLCONF = "tests.deploy.slow_urls"
    enable_for_web_process()
    try:
        connection.close()
        started = time.monotonic()
        response = Client().get("/slow/")
        assert time.monotonic() - started < 2.5
        assert_unavailable_page(response, "took too long")
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "300ms"
    finally:
        from django.db.backends.signals import connection_created

        connection_created.disconnect(
            set_statement_timeout, dispatch_uid="readouts-statement-timeout"
        )
        connection.close()
    # Management commands never connect the handler: no timeout for an import.
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"


def test_a_database_error_outside_any_view_still_gives_the_503_page():
    request = RequestFactory().get("/calls/")
    try:
        raise OperationalError("server closed") from psycopg.OperationalError("server closed")
    except OperationalError:
        response = server_error(request)
    assert_unavailable_page(response)


def test_a_sql_error_is_a_500_not_a_503():
    """SQLite reports syntax errors as OperationalError too: those are bugs, not outages."""
    request = RequestFactory().get("/search/")
    try:
        cause = sqlite3.OperationalError('fts5: syntax error near "AND"')
        raise OperationalError(str(cause)) from cause
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
