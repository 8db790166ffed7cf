"""Readout text -> ParsedReadout."""

from __future__ import annotations

import re

from .attribution import CUE_VERBS, Attributor, Cue
from .countries import COUNTRY_RE, canonical_country, find_country
from .dates import RELATIVE_DAY, find_date, relative_date, resolve_year
from .furniture import Page, split_page
from .lead import LeadPerson, find_medium, lead_persons, request_cue, title_persons
from .names import Resolver, is_office_word
from .sentences import split_sentences
from .text import normalise_ws, repair_stops
from .types import (
    MEETING,
    NARRATION,
    STATEMENT,
    ParsedParticipant,
    ParsedReadout,
    ParsedStatement,
    ParseError,
)

_NEWLINES = re.compile(r"\r\n?")
_TITLE_REQUEST = re.compile(r"\bat request\b", re.IGNORECASE)
_MAX_LEAD_PARAGRAPHS = 3


def parse_readout(text: str) -> ParsedReadout:
    """Parse one readout page saved as text; ParseError says why it is not one."""
    page = split_page(_NEWLINES.sub("\n", text.lstrip("\ufeff")))
    if not page.paragraphs and not page.title:
        raise ParseError("empty file")
    warnings: list[str] = []
    paragraphs = [repair_stops(p) for p in page.paragraphs]
    title = normalise_ws(repair_stops(page.title))
    lead_index, sentences, date_idx, call_date = _find_lead(paragraphs, page, warnings)
    lead = sentences[date_idx]

    people = lead_persons(lead, _date_span(lead))
    if not people and title:
        people = title_persons(title)
    if not people and date_idx + 1 < len(sentences):
        # "On June 8, the ... Meeting was held in Astana. Wang Yi, ... attended the meeting."
        people = lead_persons(sentences[date_idx + 1], None)
    if not people:
        raise ParseError("no participants found in the lead sentence")
    participants = _participants(people, title)

    medium = find_medium(lead, " ".join(sentences[: date_idx + 1]), title)
    if medium is None:
        medium = MEETING
        warnings.append("no contact verb found; assumed an in-person meeting")
    resolver = Resolver(
        [p.name for p in participants],
        [p.title for p in participants],
        [p.country for p in participants],
        [p.country == "China" for p in participants],
    )
    _mark_requester(participants, people, lead, title, resolver)

    body = paragraphs[lead_index:]
    statements = _statements(body, sentences, date_idx, resolver, participants)
    _guess_missing_countries(participants, statements)
    return ParsedReadout(
        title=title,
        section=page.section,
        published_at=page.published_at,
        date=call_date,
        medium=medium,
        participants=participants,
        statements=statements,
        warnings=warnings,
    )


def _find_lead(paragraphs: list[str], page: Page, warnings: list[str]):
    """The first paragraph with a call date; its sentences up to the dated one are the lead."""
    for idx, para in enumerate(paragraphs[:_MAX_LEAD_PARAGRAPHS]):
        sentences = split_sentences(para, CUE_VERBS)
        for k, sentence in enumerate(sentences[:3]):
            found = find_date(sentence)
            if found:
                try:
                    day, warning = resolve_year(found, page.published_at, page.title + " " + para)
                except ValueError as exc:
                    raise ParseError(str(exc)) from None
                if warning:
                    warnings.append(warning)
                return idx, sentences, k, day
            relative = relative_date(sentence, page.published_at)
            if relative:
                warnings.append("call date is a weekday; counted back from the publication date")
                return idx, sentences, k, relative[0]
    if paragraphs and page.published_at and find_medium(paragraphs[0]):
        # a lead that names a call but no day: the page date is the best we have
        warnings.append("no call date in the lead; used the publication date")
        return 0, split_sentences(paragraphs[0], CUE_VERBS), 0, page.published_at.date()
    raise ParseError("no lead sentence with a call date found")


def _date_span(sentence: str) -> tuple[int, int] | None:
    found = find_date(sentence)
    if found:
        return found.start, found.end
    m = RELATIVE_DAY.search(sentence)
    return m.span() if m else None


def _participants(people: list[LeadPerson], title: str) -> list[ParsedParticipant]:
    """Countries from the office, else from the headline, else a neighbour in the same list.

    A publishing-side official prints no country word: the subject defaults to China. A
    counterpart left without one gets "" here and a guess from their own words later.
    """
    out: list[ParsedParticipant] = []
    previous_country = None
    for person in people:
        country = person.country or _country_from_title(person.name, title)
        if country is None and not person.subject:
            country = (
                previous_country  # "Blinken, U.S. Secretary of State, and Adviser Jake Sullivan"
            )
        if not person.subject:
            previous_country = country
        if any(p.name == person.name for p in out):
            continue
        default = "China" if person.subject else ""
        out.append(
            ParsedParticipant(name=person.name, title=person.title, country=country or default)
        )
    return out


def _guess_missing_countries(participants: list[ParsedParticipant], statements) -> None:
    """A counterpart with no country word: the country a Chinese ambassador taking part is
    posted to ('Chinese Ambassador to South Africa ... met with ANC Secretary General X'),
    else the foreign country they speak about most, else China."""
    host = _host_country(participants)
    for p in participants:
        if p.country:
            continue
        if host:
            p.country = host
            continue
        counts: dict[str, int] = {}
        for st in statements:
            if st.speaker == p.name:
                for m in COUNTRY_RE.finditer(st.text):
                    c = canonical_country(m.group(0))
                    if c and c != "China":
                        counts[c] = counts.get(c, 0) + 1
        p.country = max(counts, key=counts.get) if counts else "China"


_POSTED_TO = re.compile(
    r"\b(?:ambassador|envoy|consul(?:[- ]general)?)\s+(?:to|in)\s+(?P<where>.+)$", re.IGNORECASE
)


def _host_country(participants: list[ParsedParticipant]) -> str | None:
    for p in participants:
        m = _POSTED_TO.search(p.title) if p.country == "China" else None
        host = find_country(m["where"]) if m else None
        if host and host != "China":
            return host
    return None


def _country_from_title(name: str, title: str) -> str | None:
    """'Wang Yi Speaks with German Foreign Minister Baerbock': the words just before the name,
    back to a verb, 'with' or 'and'; past an 'and' that joins two offices ('Belgian Deputy
    Prime Minister and Foreign Minister Wilmès'), not one that joins two people."""
    tokens = name.split()
    for token in (tokens[-1], tokens[0]):
        at = title.find(token)
        if at > 0:
            parts = _TITLE_JOINS.split(title[max(0, at - 80) : at])
            before = parts[-1]
            # parts: text, joining word, text, ...; parts[-3] is the text before the last 'and'
            while (
                find_country(before) is None
                and len(parts) >= 3
                and parts[-2] == "and"
                and _ends_in_office(parts[-3])
            ):
                before = f"{parts[-3]} and {before}"
                parts = parts[:-2]
            return find_country(before)
    return None


_TITLE_JOINS = re.compile(r"\b(with|and|Speaks|Meets|Holds|Has|Talks)\b")


def _ends_in_office(text: str) -> bool:
    words = text.split()
    return bool(words) and is_office_word(words[-1])


def _mark_requester(participants, people, lead, title, resolver: Resolver) -> None:
    cue = request_cue(lead)
    if cue is None and _TITLE_REQUEST.search(title):
        cue = ("latter", None)
    if cue is None:
        return
    kind, who = cue
    name = None
    if kind == "of" and who:
        name = resolver.resolve(re.sub(r"^(?:the|his|her)\s+", "", who))
    elif kind == "former":
        name = next((p.name for p in people if p.subject), None)
    elif kind == "latter":
        name = next((p.name for p in people if not p.subject), None)
        if name is None and len(participants) > 1:
            name = participants[-1].name
    for p in participants:
        if p.name == name:
            p.requested = True


def _statements(
    body, lead_sentences, date_idx, resolver: Resolver, participants
) -> list[ParsedStatement]:
    subject = participants[0].name
    words = {w for p in participants for w in (p.name + " " + p.title).split()}
    attributor = Attributor(resolver, subject, words)
    rows: list[tuple[int, str, str | None, str, str]] = []  # paragraph, kind, speaker, label, text
    aliases: dict[str, list[str]] = {p.name: [] for p in participants}
    floor: Cue = Cue(NARRATION, None, "")
    for pi, para in enumerate(body):
        sentences = lead_sentences if pi == 0 else split_sentences(para, CUE_VERBS)
        for si, sentence in enumerate(sentences):
            if pi == 0 and si <= date_idx:
                rows.append((pi, NARRATION, None, "", sentence))
                continue
            cue = attributor.cue(sentence)
            label = ""
            if cue is not None:
                floor = cue
                label = cue.label
                if cue.kind == STATEMENT and _is_alias(cue):
                    known = aliases[cue.speaker]
                    if cue.label not in known:
                        known.append(cue.label)
            rows.append((pi, floor.kind, floor.speaker, label, sentence))
    for p in participants:
        p.aliases = aliases[p.name]
    return _group(rows)


def _is_alias(cue: Cue) -> bool:
    """A short form of the speaker's name ("Blinken", "President Xi"), not "The U.S. side"."""
    return not cue.pronoun and cue.label != cue.speaker and not cue.label.lower().startswith("the ")


def _group(rows) -> list[ParsedStatement]:
    out: list[ParsedStatement] = []
    for pi, kind, speaker, label, sentence in rows:
        last = out[-1] if out else None
        if last and last.paragraph == pi and last.kind == kind and last.speaker == speaker:
            last.text += " " + sentence
            continue
        out.append(ParsedStatement(len(out), kind, speaker, label, sentence, pi))
    return out
