"""What the parser returns: plain dataclasses, no Django."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Statement kinds
STATEMENT = "statement"  # one person's words
JOINT = "joint"  # "The two sides agreed ...", "Both sides ...", "The three sides ..."
NARRATION = "narration"  # the lead sentence, "They exchanged views on ..."

# Call media
PHONE = "phone"
VIDEO = "video"
MEETING = "meeting"


class ParseError(ValueError):
    """The text is not a readout we can recognise; the message says why."""


@dataclass
class ParsedParticipant:
    name: str  # full name as the lead prints it, e.g. "Antony Blinken"
    title: str  # office as printed in this call, e.g. "U.S. Secretary of State"
    country: str  # canonical country name, e.g. "United States", "China", "European Union"
    requested: bool = False  # this participant asked for the call
    aliases: list[str] = field(default_factory=list)  # other forms seen: "Blinken", "President Xi"


@dataclass
class ParsedStatement:
    position: int  # 0-based order within the readout
    kind: str  # STATEMENT, JOINT or NARRATION
    speaker: str | None  # ParsedParticipant.name of the speaker; None for JOINT / NARRATION
    speaker_label: str  # the cue as printed ("Blinken", "He", "The two sides", "")
    text: str  # the sentences, whitespace-normalised; "relations.The" -> "relations. The" only
    paragraph: int = 0  # 0-based paragraph index in the body


@dataclass
class ParsedReadout:
    title: str
    section: str | None  # last part of the breadcrumb, e.g. "China News"
    published_at: dt.datetime | None  # the page's date/time line, naive local time
    date: dt.date  # the day of the call
    medium: str  # PHONE, VIDEO or MEETING
    participants: list[ParsedParticipant]
    statements: list[ParsedStatement]
    url: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def requested_by(self) -> ParsedParticipant | None:
        return next((p for p in self.participants if p.requested), None)
