"""Downloads of what a page shows: the filtered calls, or the statements a search found.

Streamed in chunks, so a large download holds a few hundred rows in memory at a time. The
formats are those of docs/export-format.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse

from . import search, selectors
from .export import CSV_COLUMNS, FORMATS
from .filters import CallFilter, StatementSearchFilter
from .forms import SearchForm
from .models import Call, Participant, Statement

CHUNK = 500
# A search download is a researcher's working set, not a copy of the archive (that is the
# export command's job): it stops at this many statements.
MAX_SEARCH_ROWS = 50_000
STATEMENT_COLUMNS = [*CSV_COLUMNS, "permalink"]
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}


def _attachment(lines: Iterable[str], fmt: str, stem: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(lines, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{stem}-{dt.date.today()}.{fmt}"'
    return response


def _bad_request(message: str) -> HttpResponse:
    return HttpResponse(message + "\n", status=400, content_type="text/plain; charset=utf-8")


def _errors(*forms) -> str:
    return "; ".join(
        f"{name}: {' '.join(messages)}" for form in forms for name, messages in form.errors.items()
    )


def calls_download(request: HttpRequest, fmt: str) -> HttpResponse:
    filterset = CallFilter(request.GET, queryset=Call.objects.all())
    if not filterset.is_valid():
        return _bad_request("Invalid filter: " + _errors(filterset.form))
    calls = selectors.calls_for_export(filterset.qs).iterator(chunk_size=CHUNK)
    return _attachment(FORMATS[fmt](calls), fmt, "calls")


def statement_record(s: Statement, base_url: str) -> dict[str, object]:
    call = s.readout.call
    participants = list(call.participants.all())
    readout = s.readout
    return {
        "call_id": call.pk,
        "date": call.date.isoformat(),
        "medium": call.medium,
        "requested_by": next((p.person.name for p in participants if p.requested), None),
        "participants": "; ".join(p.person.name for p in participants),
        "source_file": readout.source_file,
        "sha256": readout.sha256,
        "readout_title": readout.title,
        "section": readout.section or None,
        "published_at": readout.published_at.isoformat() if readout.published_at else None,
        "url": readout.url or None,
        "position": s.position,
        "speaker": s.speaker.name if s.speaker_id else None,
        "kind": s.kind,
        "text": s.text,
        "permalink": base_url + s.get_absolute_url(),
    }


class _Echo:
    def write(self, value: str) -> str:
        return value


def statement_lines(statements: Iterable[Statement], fmt: str, base_url: str) -> Iterator[str]:
    if fmt == "jsonl":
        for s in statements:
            yield json.dumps(statement_record(s, base_url), ensure_ascii=False) + "\n"
        return
    writer = csv.writer(_Echo())
    yield writer.writerow(STATEMENT_COLUMNS)
    for s in statements:
        record = statement_record(s, base_url)
        yield writer.writerow(["" if record[c] is None else record[c] for c in STATEMENT_COLUMNS])


def _for_download(statements: QuerySet[Statement]) -> QuerySet[Statement]:
    participants = Participant.objects.select_related("person").order_by("position")
    return statements.select_related("speaker", "readout__call").prefetch_related(
        Prefetch("readout__call__participants", queryset=participants)
    )


def search_download(request: HttpRequest, fmt: str) -> HttpResponse:
    form = SearchForm(request.GET)
    filterset = StatementSearchFilter(request.GET, queryset=Statement.objects.all())
    if not (form.is_valid() and filterset.is_valid()):
        return _bad_request("Invalid search: " + _errors(form, filterset.form))
    q, sort = form.cleaned_data["q"], form.cleaned_data["sort"]
    if q:
        try:
            speakers = filterset.speaker_ids()
            statements = selectors.find_statements(q, filterset.qs, sort, speakers=speakers)
        except search.QueryError as exc:
            return _bad_request(str(exc))
    else:
        statements = selectors.order_statements(filterset.qs, sort)
    rows = _for_download(statements)[:MAX_SEARCH_ROWS].iterator(chunk_size=CHUNK)
    base_url = request.build_absolute_uri("/").rstrip("/")
    return _attachment(statement_lines(rows, fmt, base_url), fmt, "statements")
