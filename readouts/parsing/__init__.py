"""Readout text -> dataclasses. Pure Python: nothing here imports Django."""

from .types import (
    JOINT,
    MEETING,
    NARRATION,
    PHONE,
    STATEMENT,
    VIDEO,
    ParsedParticipant,
    ParsedReadout,
    ParsedStatement,
    ParseError,
)

__all__ = [
    "JOINT", "MEETING", "NARRATION", "PHONE", "STATEMENT", "VIDEO",
    "ParsedParticipant", "ParsedReadout", "ParsedStatement", "ParseError",
]
