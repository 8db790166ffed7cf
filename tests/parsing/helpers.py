"""Build small readout texts for the unit tests."""

from __future__ import annotations

from readouts.parsing import ParsedReadout, parse_readout


def page(
    lead: str,
    *body: str,
    title: str = "A Speaks with B on the Phone",
    header: str = "Home > China News",
    stamp: str | None = "2022-10-31 17:58",
    footer: str = "<Suggest To A Friend>",
) -> str:
    lines = [header] if header else []
    lines += [title, ""]
    if stamp:
        lines += [stamp, ""]
    for paragraph in (lead, *body):
        lines += [paragraph, ""]
    if footer:
        lines.append(footer)
    return "\n".join(lines) + "\n"


def parse(lead: str, *body: str, **kw) -> ParsedReadout:
    return parse_readout(page(lead, *body, **kw))


def people(readout: ParsedReadout) -> list[tuple[str, str, str]]:
    return [(p.name, p.title, p.country) for p in readout.participants]


def speakers(readout: ParsedReadout) -> list[tuple[str, str | None, str]]:
    """(kind, speaker, first words) of each statement."""
    return [(s.kind, s.speaker, " ".join(s.text.split()[:3])) for s in readout.statements]
