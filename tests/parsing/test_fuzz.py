"""parse_readout on arbitrary and damaged text: a ParsedReadout that keeps its promises, or a
ParseError, never anything else."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readouts.parsing import STATEMENT, ParsedReadout, ParseError, decode, parse_readout

from .golden_io import sample_paths

HERE = Path(__file__).resolve().parent
TEXTS = [
    decode(p.read_bytes()).text for p in [*sample_paths(), *sorted((HERE / "unseen").glob("*.txt"))]
]
SETTINGS = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def check(text: str) -> None:
    try:
        r = parse_readout(text)
    except ParseError:
        return
    assert isinstance(r, ParsedReadout)
    assert r.participants, "no participant"
    assert isinstance(r.date, dt.date)
    assert [s.position for s in r.statements] == list(range(len(r.statements)))
    names = {p.name for p in r.participants}
    for s in r.statements:
        if s.kind == STATEMENT:
            assert s.speaker in names, (s.speaker, names)
    assert sum(p.requested for p in r.participants) <= 1


@SETTINGS
@given(st.text(max_size=400))
def test_random_text(text):
    check(text)


# Words that steer random text into the parser's deeper paths.
_WORDS = st.sampled_from(
    """On October 31, 2022, 1 April the evening of Wang Yi Xi President Minister Foreign
    State Councilor spoke with on the phone at the latter's request of U.S. German said that
    He She They The two sides agreed . , : “ ” \n \n\n Home > News 2022-10-31 17:58 met
    video call Suggest To A Friend First, Second, Blinken von der bin Al of Kenya and
    request Secretary-General UN EU latter’s (local time) held talks Premier Li""".split(" ")
)


@SETTINGS
@given(st.lists(_WORDS, max_size=80))
def test_readout_like_word_salad(words):
    check(" ".join(words))


@SETTINGS
@given(st.data())
def test_mutated_samples(data):
    text = data.draw(st.sampled_from(TEXTS))
    lines = text.split("\n")
    ops = data.draw(
        st.lists(st.sampled_from(["cut", "drop", "shuffle", "dup", "noise"]), max_size=4)
    )
    for op in ops:
        if op == "cut":
            text = "\n".join(lines)
            lines = text[: data.draw(st.integers(0, len(text)))].split("\n")
        elif op == "drop" and lines:
            del lines[data.draw(st.integers(0, len(lines) - 1))]
        elif op == "shuffle":
            lines = data.draw(st.permutations(lines))
        elif op == "dup" and lines:
            i = data.draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
        elif op == "noise" and lines:
            i = data.draw(st.integers(0, len(lines) - 1))
            at = data.draw(st.integers(0, len(lines[i])))
            junk = data.draw(st.text(max_size=8))
            lines[i] = lines[i][:at] + junk + lines[i][at:]
    check("\n".join(lines))


@SETTINGS
@given(st.data())
def test_shuffled_paragraphs(data):
    text = data.draw(st.sampled_from(TEXTS))
    paragraphs = text.split("\n\n")
    check("\n\n".join(data.draw(st.permutations(paragraphs))))
