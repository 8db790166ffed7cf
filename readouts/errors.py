"""Error pages that never need the database.

They are rendered without a request, so no context processor (the user, the session) can touch
a database that may be the very thing that failed.
"""

from __future__ import annotations

import logging
import sys

import psycopg
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger("readouts.errors")

SLOW = "slow"
DOWN = "down"

# SQLite reports syntax errors as OperationalError too; only these mean "not available now".
_SQLITE_UNAVAILABLE = (
    "database is locked",
    "unable to open database",
    "disk i/o error",
    "readonly database",
    "interrupted",
)

MESSAGES = {
    DOWN: "The archive's database is not answering just now. Please try again in a minute.",
    SLOW: "This request took too long to answer. Try a narrower search or fewer filters.",
}


def unavailable_reason(exc: BaseException | None) -> str | None:
    """SLOW for a statement cancelled by its timeout, DOWN for a lost database, else None."""
    if not isinstance(exc, OperationalError | InterfaceError):
        return None
    cause = exc.__cause__
    if isinstance(cause, psycopg.Error):
        if isinstance(cause, psycopg.errors.QueryCanceled):
            return SLOW
        if isinstance(cause, psycopg.OperationalError | psycopg.InterfaceError):
            return DOWN
        return None
    if isinstance(exc, InterfaceError):
        return DOWN
    message = str(exc).lower()
    if "interrupted" in message:
        return SLOW
    return DOWN if any(text in message for text in _SQLITE_UNAVAILABLE) else None


def render_page(template: str, status: int, context: dict | None = None) -> HttpResponse:
    try:
        body = render_to_string(template, context or {})
        content_type = "text/html; charset=utf-8"
    except Exception:  # the page of last resort must not fail in turn
        logger.exception("could not render %s", template)
        body = (context or {}).get("message") or f"Error {status}"
        content_type = "text/plain; charset=utf-8"
    return HttpResponse(body, status=status, content_type=content_type)


def service_unavailable(reason: str) -> HttpResponse:
    response = render_page("503.html", 503, {"reason": reason, "message": MESSAGES[reason]})
    response["Retry-After"] = "30" if reason == DOWN else "5"
    response["Cache-Control"] = "no-store"
    return response


def bad_request_page(message: str) -> HttpResponse:
    return render_page("400.html", 400, {"message": message})


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database that failed outside a view still gets the 503 page."""
    reason = unavailable_reason(sys.exc_info()[1])
    if reason:
        return service_unavailable(reason)
    return render_page("500.html", 500)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400 (a malformed or suspicious request)."""
    return bad_request_page("The request could not be understood.")
