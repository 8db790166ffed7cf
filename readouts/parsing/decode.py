"""Bytes -> text: guess the encoding of a saved readout page."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from .types import ParseError


@dataclass(frozen=True)
class Decoded:
    text: str  # for parsing: LF line endings, no byte-order mark
    raw_text: str  # the file as it is, character for character: raw_text.encode(encoding) == bytes
    encoding: str  # a Python codec name
    warnings: list[str] = field(default_factory=list)


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?")
# Above this share of control characters the "text" is really binary.
_MAX_CONTROL_SHARE = 0.1


def decode(data: bytes) -> Decoded:
    """Decode a saved page; raise ParseError for an empty or binary file."""
    if not data.strip():
        raise ParseError("empty file")
    warnings: list[str] = []
    raw_text, encoding = _decode_bytes(data, warnings)
    text = _NEWLINES.sub("\n", raw_text.lstrip("\ufeff"))
    if not text.strip():
        raise ParseError("empty file")
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls > _MAX_CONTROL_SHARE * len(text):
        raise ParseError(
            "binary file (NUL bytes)" if "\x00" in text else "binary file (control bytes)"
        )
    return Decoded(text, raw_text, encoding, warnings)


def _decode_bytes(data: bytes, warnings: list[str]) -> tuple[str, str]:
    """The text with any byte-order mark kept as U+FEFF, so that it encodes back exactly."""
    if data.startswith(codecs.BOM_UTF16_LE) and not data.startswith(codecs.BOM_UTF32_LE):
        return _strict_or_replace(data, "utf-16-le", warnings), "utf-16-le"
    if data.startswith(codecs.BOM_UTF16_BE):
        return _strict_or_replace(data, "utf-16-be", warnings), "utf-16-be"
    if b"\x00" in data:
        guessed = _bomless_utf16(data)
        if guessed is None:
            raise ParseError("binary file (NUL bytes)")
        warnings.append(f"no byte-order mark; decoded as {guessed}")
        return _strict_or_replace(data, guessed, warnings), guessed
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text, encoding = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # Bytes cp1252 leaves undefined (0x81, 0x8d ...): latin-1 reads every byte.
        text, encoding = data.decode("latin-1"), "latin-1"
    warnings.append(f"not valid UTF-8; decoded as {encoding}")
    return text, encoding


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
