"""Whitespace and punctuation repairs shared by every stage.

Patterns here start with a rare character (a stop, a comma, a digit) and check the context
afterwards: a pattern that starts with a letter class runs at every position and is 10x slower.
"""

from __future__ import annotations

import html
import re

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_WORDS = frozenset(MONTHS.lower().split("|")) | {
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}

_WS = " \t\f\v\xa0\u2000-\u200a\u202f\u205f\u3000"
_SPACES = re.compile(rf" [{_WS}]+|[\t\f\v\xa0\u2000-\u200a\u202f\u205f\u3000][{_WS}]*")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,30}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_GLUE = re.compile(
    r"[.!?,;0-9](?:"
    r"(?<=[.!?])[“‘\"”’]?(?=[A-Z][a-z])"  # "relations.The", 'said."The'
    r"|(?<=[.!?])[\"”’](?=[A-Z])"
    r"|(?<=[,;])(?=[A-Za-z]{2})"  # "peace,China"
    r"|(?<=,)(?=[0-9]{4}\b)"  # "October 31,2022"
    r"|(?<=[A-Za-z.][0-9])"  # "September17"
    r"|(?<=[0-9])(?=[A-Z][a-z])"  # "17September"
    r")"
)
# Only the lost space after a full stop: needed to split sentences. Spaces lost after commas or
# inside dates ("peace,China", "September17") are left as printed in the text we return; the
# date and cue patterns read through them.
_STOP_GLUE = re.compile(r"[.!?](?:[“‘\"”’]?(?=[A-Z][a-z])|[\"”’](?=[A-Z]))")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?\s?\d{0,2}$")
_WORD_AFTER = re.compile(r"[A-Za-z]+")


def clean_text(text: str) -> str:
    """HTML entities a saving tool left ("&nbsp;", "&rsquo;") decoded, odd spaces collapsed
    and invisible characters dropped; line breaks kept."""
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    if "\u200b" in text or "\ufeff" in text or "\u2060" in text or "\u200c" in text:
        text = _INVISIBLE.sub("", text)
    # plain str checks first: the regex costs more than the scan for a clean line
    return "\n".join(
        _SPACES.sub(" ", line) if not line.isascii() or "  " in line or "\t" in line else line
        for line in text.split("\n")
    )


def repair(text: str) -> str:
    """Put back spaces a copy-and-paste lost, without breaking abbreviations or numbers."""
    return _GLUE.sub(_fix, text)


def repair_stops(text: str) -> str:
    """Put back the space a copy lost after a full stop ("relations.The"), nothing else."""
    return _STOP_GLUE.sub(_fix, text) if "." in text or "!" in text or "?" in text else text


def _fix(m: re.Match[str]) -> str:
    s, i, text = m.group(0), m.start(), m.string
    before = text[max(0, i - 4) : i]
    c = s[0]
    if c in ".!?":
        # two lower-case letters (not "U.S.", "Mr.", an initial) or a year before the stop
        if len(s) == 2 and s[1] in '"”’':
            return s + " " if before[-1:].islower() else s
        if _lower_letters(before[-2:]) or (before.isdigit() and len(before) == 4):
            return s[0] + " " + s[1:]
        return s
    if c in ",;":
        if text[m.end()].isdigit():
            return s + " " if _month_before(text, i) else s
        return s + " " if _lower_letters(before[-2:]) else s
    # a digit touching a letter: only month names are split off
    if before[-1:].isalpha() or before[-1:] == ".":
        return " " + s if _month_before(text, i + 1, digits=False) else s
    after = _WORD_AFTER.match(text, m.end())
    return s + " " if after and after.group(0).lower() in _MONTH_WORDS else s


def _lower_letters(s: str) -> bool:
    return len(s) == 2 and s.isalpha() and s.islower()


def _month_before(text: str, i: int, digits: bool = True) -> bool:
    window = text[max(0, i - 14) : i if digits else i - 1]
    m = _WORD_BEFORE.search(window)
    return bool(m) and m.group(1).lower() in _MONTH_WORDS


def normalise_ws(text: str) -> str:
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()
