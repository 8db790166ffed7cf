"""Bytes -> text: guess the encoding of a saved readout page."""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from .types import ParseError


class Decoded(NamedTuple):
    """A plain (text, warnings) tuple that also reads as .text / .warnings."""

    text: str
    warnings: list[str]


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?")
# Above this share of control characters the "text" is really binary.
_MAX_CONTROL_SHARE = 0.1


def decode(data: bytes) -> Decoded:
    """Return the text (LF line endings, no BOM) and warnings about how it was read."""
    if not data.strip():
        raise ParseError("empty file")
    warnings: list[str] = []
    text = _decode_bytes(data, warnings)
    text = _NEWLINES.sub("\n", text.lstrip("\ufeff"))
    if not text.strip():
        raise ParseError("empty file")
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls > _MAX_CONTROL_SHARE * len(text):
        raise ParseError(
            "binary file (NUL bytes)" if "\x00" in text else "binary file (control bytes)"
        )
    return Decoded(text, warnings)


def _decode_bytes(data: bytes, warnings: list[str]) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not data.startswith(
        codecs.BOM_UTF32_LE
    ):
        return _strict_or_replace(data, "utf-16", warnings)
    if b"\x00" in data:
        guessed = _bomless_utf16(data)
        if guessed is None:
            raise ParseError("binary file (NUL bytes)")
        warnings.append(f"no byte-order mark; decoded as {guessed}")
        return _strict_or_replace(data, guessed, warnings)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        warnings.append("not valid UTF-8; decoded as cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        warnings.append("not valid UTF-8; decoded as latin-1")
    return text


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 text of Latin script has a NUL in every other byte; binary data does not."""
    if len(data) < 4:
        return None
    even, odd = data[0::2], data[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _strict_or_replace(data: bytes, encoding: str, warnings: list[str]) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        warnings.append(f"invalid {encoding} bytes replaced")
        return data.decode(encoding, errors="replace")
