"""A statement timeout for the connections of web processes, on PostgreSQL.

Public pages must never hold a connection for long, whatever the query string asks for; the
import and the other management commands legitimately run long statements, so the timeout is
set per connection by the web entry point (config/wsgi.py) rather than in DATABASES.
A cancelled statement becomes a 503 page (readouts/middleware.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db.backends.signals import connection_created


def set_statement_timeout(sender, connection, **kwargs) -> None:
    timeout = int(getattr(settings, "DB_STATEMENT_TIMEOUT_MS", 0))
    if connection.vendor == "postgresql" and timeout > 0:
        with connection.cursor() as cursor:
            # Session level: it holds for the life of a persistent connection.
            cursor.execute("SELECT set_config('statement_timeout', %s, false)", [f"{timeout}ms"])


def enable_for_web_process() -> None:
    connection_created.connect(set_statement_timeout, dispatch_uid="readouts-statement-timeout")
