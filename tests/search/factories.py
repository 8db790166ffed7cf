"""Rows made directly with the ORM, for search tests that need only a few statements."""

from __future__ import annotations

import datetime
import itertools

from readouts.models import Call, Medium, Person, Readout, Statement, StatementKind

_serial = itertools.count(1)


def person(name: str, country: str = "") -> Person:
    return Person.objects.create(name=name, slug=Person.unique_slug(name), country=country)


def readout(date: datetime.date | str = "2021-03-04", title: str = "A call") -> Readout:
    if isinstance(date, str):
        date = datetime.date.fromisoformat(date)
    n = next(_serial)
    call = Call.objects.create(date=date, medium=Medium.PHONE)
    return Readout.objects.create(
        call=call,
        source_file=f"search-{n}.txt",
        sha256=f"{n:064x}",
        encoding="utf-8",
        title=title,
        raw_text="",
    )


def statements(
    *texts: str,
    date: str = "2021-03-04",
    speaker: Person | None = None,
    kind: str = StatementKind.STATEMENT,
) -> list[Statement]:
    """One readout holding `texts` as its statements, in order."""
    parent = readout(date)
    return Statement.objects.bulk_create(
        Statement(readout=parent, position=i, text=text, speaker=speaker, kind=kind)
        for i, text in enumerate(texts)
    )
