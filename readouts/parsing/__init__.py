"""Readout text -> dataclasses. Pure Python: nothing here imports Django."""

from .decode import Decoded, decode
from .parse import parse_readout
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
    "JOINT",
    "MEETING",
    "NARRATION",
    "PHONE",
    "STATEMENT",
    "VIDEO",
    "ParsedParticipant",
    "ParsedReadout",
    "ParsedStatement",
    "ParseError",
    "Decoded",
    "decode",
    "parse_readout",
]
