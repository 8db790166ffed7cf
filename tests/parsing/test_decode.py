"""decode(): encodings, byte-order marks, line endings and files that are not text."""

from __future__ import annotations

import codecs

import pytest

from readouts.parsing import ParseError, decode


def _tw(result):
    return result.text, result.warnings


TEXT = "Home > News\nWang Yi Speaks with Kuleba\n\nOn March 1, 2022, Wang Yi met Kuleba.\n"


def test_plain_utf8_has_no_warnings():
    result = decode(TEXT.encode())
    assert (result.text, result.encoding, result.warnings) == (TEXT, "utf-8", [])


def test_utf8_bom_is_dropped():
    text, warnings = _tw(decode(codecs.BOM_UTF8 + TEXT.encode()))
    assert text == TEXT and warnings == []


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_become_lf(newline):
    text = decode(TEXT.replace("\n", newline).encode()).text
    assert text == TEXT


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(encoding):
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    text, warnings = _tw(decode(bom + "Zürich – “quoted”\r\n".encode(encoding)))
    assert text == "Zürich – “quoted”\n" and warnings == []


def test_utf16_without_bom_is_recognised_with_a_warning():
    text, warnings = _tw(decode(TEXT.encode("utf-16-le")))
    assert text == TEXT
    assert warnings == ["no byte-order mark; decoded as utf-16-le"]


def test_cp1252_fallback_keeps_curly_quotes_and_warns():
    text, warnings = _tw(decode("the latter’s request – “yes”".encode("cp1252")))
    assert text == "the latter’s request – “yes”"
    assert warnings == ["not valid UTF-8; decoded as cp1252"]


def test_latin1_fallback_when_cp1252_cannot_decode():
    # 0x81 is undefined in cp1252 but is a control character in latin-1
    text, warnings = _tw(decode("Jos\xe9 Albares said".encode("latin-1") + b"\x81"))
    assert text.startswith("José Albares said")
    assert warnings == ["not valid UTF-8; decoded as latin-1"]


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t ", codecs.BOM_UTF8 + b"\n\n"])
def test_empty_files_are_refused(data):
    with pytest.raises(ParseError, match="empty file"):
        decode(data)


def test_nul_bytes_mean_binary():
    with pytest.raises(ParseError, match=r"binary file \(NUL bytes\)"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")


def test_mostly_control_bytes_mean_binary():
    with pytest.raises(ParseError, match="binary file"):
        decode(bytes(range(1, 32)) * 20)


def test_utf16_bom_with_only_whitespace_is_empty():
    with pytest.raises(ParseError, match="empty file"):
        decode(codecs.BOM_UTF16_LE + "  \r\n".encode("utf-16-le"))


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode(),
        codecs.BOM_UTF8 + TEXT.replace("\n", "\r\n").encode(),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le"),
        "Jos\xe9 said \u201cyes\u201d".encode("cp1252"),
        b"caf\xe9 \x81",
    ],
)
def test_raw_text_encodes_back_to_the_same_bytes(data):
    result = decode(data)
    assert result.raw_text.encode(result.encoding) == data
