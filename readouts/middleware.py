"""Requests that should not reach a view, and database faults a view cannot handle."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse

from .errors import bad_request_page, service_unavailable, unavailable_reason

logger = logging.getLogger("readouts.errors")


class RequestLimitsMiddleware:
    """A 400 with a message for query strings no person writes (too long, one filter repeated
    many times), before any view or query runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        problem = self.problem(request)
        if problem:
            return bad_request_page(problem)
        return self.get_response(request)

    @staticmethod
    def problem(request: HttpRequest) -> str | None:
        query = request.META.get("QUERY_STRING", "")
        limit = settings.MAX_QUERY_STRING_BYTES
        if len(query.encode("utf-8", "surrogateescape")) > limit:
            return f"This address is too long: its query part is limited to {limit} bytes."
        try:
            params = request.GET
        except SuspiciousOperation:  # more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS
            return "This address has too many parameters."
        most = settings.MAX_VALUES_PER_PARAMETER
        for name, values in params.lists():
            if len(values) > most:
                return f"The parameter “{name[:40]}” is repeated more than {most} times."
        return None


class DatabaseUnavailableMiddleware:
    """A 503 page, not a traceback, when the database is down or a statement timed out.

    The broken connection is closed by Django at the end of the request, so the next request
    reconnects: the site recovers by itself when the database returns.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        reason = unavailable_reason(exception)
        if reason is None:
            return None
        logger.warning("503 (%s) for %s: %s", reason, request.path, exception)
        return service_unavailable(reason)
