"""Reads. Views, downloads and the export command get their QuerySets here."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from .models import Call, Participant, Readout, Statement


def calls_for_export(calls: QuerySet[Call]) -> QuerySet[Call]:
    """Calls with everything the export format needs, oldest first, in few queries."""
    statements = Statement.objects.select_related("speaker").order_by("position")
    readouts = Readout.objects.defer("raw_text").order_by("id").prefetch_related(
        Prefetch("statements", queryset=statements)
    )
    participants = Participant.objects.select_related("person").order_by("position")
    return calls.order_by("date", "id").prefetch_related(
        Prefetch("participants", queryset=participants),
        Prefetch("readouts", queryset=readouts),
    )
