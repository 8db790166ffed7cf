"""The export format (docs/export-format.md): JSON Lines, one call a line, or CSV, one
statement a row. Researchers depend on it: add fields at the end, never rename or remove."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import Any

from .models import Call

CSV_COLUMNS = [
    "call_id",
    "date",
    "medium",
    "requested_by",
    "participants",
    "source_file",
    "sha256",
    "readout_title",
    "section",
    "published_at",
    "url",
    "position",
    "speaker",
    "kind",
    "text",
]


def call_record(call: Call) -> dict[str, Any]:
    participants = list(call.participants.all())
    requested = next((p.person.name for p in participants if p.requested), None)
    return {
        "id": call.pk,
        "date": call.date.isoformat(),
        "medium": call.medium,
        "requested_by": requested,
        "participants": [
            {"name": p.person.name, "country": p.country or None, "title": p.title or None}
            for p in participants
        ],
        "readouts": [
            {
                "source_file": r.source_file,
                "sha256": r.sha256,
                "title": r.title,
                "section": r.section or None,
                "published_at": r.published_at.isoformat() if r.published_at else None,
                "url": r.url or None,
                "statements": [
                    {
                        "position": s.position,
                        "speaker": s.speaker.name if s.speaker_id else None,
                        "kind": s.kind,
                        "text": s.text,
                    }
                    for s in r.statements.all()
                ],
            }
            for r in call.readouts.all()
        ],
    }


def jsonl_lines(calls: Iterable[Call]) -> Iterator[str]:
    for call in calls:
        yield json.dumps(call_record(call), ensure_ascii=False) + "\n"


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(calls: Iterable[Call]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_COLUMNS)
    for call in calls:
        record = call_record(call)
        people = "; ".join(p["name"] for p in record["participants"])
        for readout in record["readouts"]:
            for s in readout["statements"]:
                yield writer.writerow(
                    [
                        record["id"],
                        record["date"],
                        record["medium"],
                        record["requested_by"] or "",
                        people,
                        readout["source_file"],
                        readout["sha256"],
                        readout["title"],
                        readout["section"] or "",
                        readout["published_at"] or "",
                        readout["url"] or "",
                        s["position"],
                        s["speaker"] or "",
                        s["kind"],
                        s["text"],
                    ]
                )


FORMATS = {"jsonl": jsonl_lines, "csv": csv_lines}
