"""Small ORM factories: admin tests build exactly the rows they need."""

from __future__ import annotations

import datetime as dt
import itertools

from readouts.models import Call, Participant, Person, PersonAlias, Readout, Statement

_seq = itertools.count(1)


def person(name: str, country: str = "", aliases: tuple[str, ...] = ()) -> Person:
    p = Person.objects.create(name=name, country=country, slug=Person.unique_slug(name))
    for alias in (name, *aliases):
        PersonAlias.objects.create(person=p, name=alias)
    return p


def call(people: list[Person], date: dt.date | None = None, medium: str = "phone") -> Call:
    c = Call.objects.create(date=date or dt.date(2023, 5, 1), medium=medium)
    for i, p in enumerate(people):
        Participant.objects.create(
            call=c, person=p, title="Minister", country=p.country, position=i
        )
    return c


def readout(c: Call, statements: list[tuple[Person | None, str]], title: str = "") -> Readout:
    n = next(_seq)
    r = Readout.objects.create(
        call=c,
        source_file=f"readout-{n}.txt",
        sha256=f"{n:064x}",
        encoding="utf-8",
        title=title or f"Readout number {n}",
        raw_text="\n".join(text for _, text in statements),
    )
    Statement.objects.bulk_create(
        Statement(
            readout=r,
            position=i,
            speaker=speaker,
            speaker_label=speaker.name if speaker else "",
            kind="statement" if speaker else "narration",
            text=text,
        )
        for i, (speaker, text) in enumerate(statements)
    )
    return r


def world(calls: int = 1, statements: int = 3) -> list[Readout]:
    """`calls` calls between two people, each with one readout of `statements` statements."""
    a = person(f"Alpha Minister {next(_seq)}", "Arcadia")
    b = person(f"Beta Minister {next(_seq)}", "Borduria")
    out = []
    for i in range(calls):
        c = call([a, b], dt.date(2023, 1, 1) + dt.timedelta(days=i))
        out.append(
            readout(c, [((a, b)[j % 2], f"Statement {j} of call {i}.") for j in range(statements)])
        )
    return out
