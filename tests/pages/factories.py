"""Rows made directly with the ORM: these tests need an archive, not the parser."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools

from readouts.models import Call, Participant, Person, PersonAlias, Readout, Statement

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(1)>"

TOPICS = [
    "grain exports through the Black Sea",
    "sanctions on energy imports",
    "climate finance before the summit",
    "a ceasefire and humanitarian corridors",
    "trade and investment ties",
    "vaccines and public health cooperation",
    "regional security and stability",
]

PEOPLE = [
    ("Ana Lópes", "Brazil", "Minister of Foreign Affairs"),
    ("Bo Chen", "China", "State Councilor and Foreign Minister"),
    ("Claire Dubois", "France", "Minister for Europe and Foreign Affairs"),
    ("Dmytro Koval", "Ukraine", "Minister of Foreign Affairs"),
    ("Erik Larsen", "Norway", "Prime Minister"),
]


def person(name: str, country: str, *aliases: str) -> Person:
    p = Person.objects.create(name=name, country=country, slug=Person.unique_slug(name))
    for alias in (name, *aliases):
        PersonAlias.objects.create(person=p, name=alias)
    return p


def make_call(
    date: dt.date,
    people: list[Person],
    title: str,
    texts: list[tuple[Person | None, str]],
    medium: str = "phone",
    requested: int = 0,
    titles: list[str] | None = None,
) -> Call:
    """One call with one readout whose statements are (speaker, text); None is narration."""
    call = Call.objects.create(date=date, medium=medium)
    for i, p in enumerate(people):
        Participant.objects.create(
            call=call,
            person=p,
            title=(titles or [""] * len(people))[i],
            country=p.country,
            requested=i == requested,
            position=i,
        )
    raw = f"{title}\n\n" + "\n".join(t for _, t in texts)
    readout = Readout.objects.create(
        call=call,
        source_file=f"{call.pk:05}_{date:%Y%m%d}.txt",
        sha256=hashlib.sha256(f"{call.pk}{raw}".encode()).hexdigest(),
        encoding="utf-8",
        title=title,
        section="News",
        published_at=dt.datetime.combine(date, dt.time(18, 30)),
        url=f"https://example.org/readouts/{call.pk}",
        raw_text=raw,
    )
    Statement.objects.bulk_create(
        Statement(
            readout=readout,
            position=j,
            speaker=speaker,
            speaker_label=speaker.name.split()[-1] if speaker else "",
            kind="statement" if speaker else ("joint" if j % 2 else "narration"),
            text=text,
        )
        for j, (speaker, text) in enumerate(texts)
    )
    return call


def corpus(calls: int = 12, start: dt.date = dt.date(2020, 1, 15)) -> list[Call]:
    """`calls` calls among five people over the years, three statements each, in a fixed
    pattern: call i is between PEOPLE[i % 5] and PEOPLE[(i + 1) % 5] and talks about
    TOPICS[i % 7]."""
    people = [person(n, c) for n, c, _ in PEOPLE]
    PersonAlias.objects.create(person=people[1], name="Minister Chen")
    made = []
    for i in range(calls):
        a, b = people[i % 5], people[(i + 1) % 5]
        topic = TOPICS[i % len(TOPICS)]
        date = start + dt.timedelta(days=41 * i)
        made.append(
            make_call(
                date,
                [a, b],
                f"{a.name} speaks with {b.name} ({i})",
                [
                    (None, f"On {date:%B %d, %Y}, {a.name} held a phone call with {b.name}."),
                    (a, f"{a.name.split()[-1]} said the two sides discussed {topic}."),
                    (b, f"{b.name.split()[-1]} stressed that {topic} matters for both countries."),
                ],
                titles=[PEOPLE[i % 5][2], PEOPLE[(i + 1) % 5][2]],
                medium=("phone", "video", "meeting")[i % 3],
            )
        )
    return made


def hostile_call() -> Call:
    """A call whose every imported text tries to inject markup."""
    villain = person(f"Eve {HOSTILE}", f"Land {HOSTILE}")
    other = person("Plain Person", "Norway")
    return make_call(
        dt.date(2023, 5, 5),
        [villain, other],
        f"Title {HOSTILE}",
        [(villain, f"Hostile grain {HOSTILE} grain"), (other, "A reply about grain.")],
        titles=[f"Office {HOSTILE}", "Minister"],
    )


def many_statements(speaker: Person, n: int, word: str = "grain") -> Call:
    """One call with `n` statements by `speaker` that all contain `word`."""
    other = Person.objects.exclude(pk=speaker.pk).first() or person("Other One", "Chile")
    counter = itertools.count()
    return make_call(
        dt.date(2024, 3, 1),
        [speaker, other],
        f"A long call about {word}",
        [(speaker, f"Point {next(counter)} on {word} and more {word}.") for _ in range(n)],
    )
