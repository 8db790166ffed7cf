"""Rows made directly with the ORM: these tests need an archive, not the parser."""

from __future__ import annotations

import datetime as dt
import hashlib

from readouts.models import Call, Participant, Person, PersonAlias, Readout, Statement

WORDS = ["sanctions", "grain", "climate", "ceasefire", "trade", "vaccines", "security"]


def person(name: str, country: str) -> Person:
    p = Person.objects.create(name=name, country=country, slug=Person.unique_slug(name))
    PersonAlias.objects.create(person=p, name=name)
    return p


def archive(calls: int = 3, statements: int = 4) -> list[Call]:
    """`calls` calls between two people, one readout each, `statements` statements each."""
    a = person("Ana Lópes", "Brazil")
    b = person("Bo Chen", "China")
    PersonAlias.objects.create(person=b, name="Minister Chen")
    made = []
    for i in range(calls):
        call = Call.objects.create(date=dt.date(2022, 1, 1) + dt.timedelta(days=i), medium="phone")
        Participant.objects.create(call=call, person=a, title="Foreign Minister", position=0)
        Participant.objects.create(
            call=call, person=b, title="Minister", country="China", requested=True, position=1
        )
        text = f"Readout {i}: <b>bold</b> & “quotes”"
        readout = Readout.objects.create(
            call=call,
            source_file=f"{i:04}.txt",
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            encoding="utf-8",
            title=f"Call number {i}",
            published_at=dt.datetime(2022, 1, 1, 12, 30) + dt.timedelta(days=i),
            url=f"https://example.org/{i}",
            raw_text=text,
        )
        Statement.objects.bulk_create(
            Statement(
                readout=readout,
                position=j,
                speaker=(a, b, None)[j % 3],
                speaker_label=("Lópes", "Chen", "")[j % 3],
                kind=("statement", "statement", "joint")[j % 3],
                text=f"On {WORDS[(i + j) % len(WORDS)]}, statement {j} of call {i}.",
            )
            for j in range(statements)
        )
        made.append(call)
    return made
