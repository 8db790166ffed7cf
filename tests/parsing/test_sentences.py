"""Sentence splitting and the repairs of glued text."""

from __future__ import annotations

import pytest

from readouts.parsing import parse_readout
from readouts.parsing.attribution import CUE_VERBS
from readouts.parsing.sentences import split_sentences
from readouts.parsing.text import repair, repair_stops


def split(text: str) -> list[str]:
    return split_sentences(repair(text), CUE_VERBS)


@pytest.mark.parametrize(
    ("glued", "fixed"),
    [
        ("relations.The two", "relations. The two"),
        ("each other.He stressed", "each other. He stressed"),
        ("in 2022.The call", "in 2022. The call"),
        ('said."The next', 'said." The next'),
        ("peace.“We are ready", "peace. “We are ready"),
        ("peace,China is", "peace, China is"),
        ("On September17, 2022,", "On September 17, 2022,"),
        ("On 17September", "On 17 September"),
        ("On Sept.5,2021", "On Sept. 5, 2021"),
        ("October 31,2022, Wang", "October 31, 2022, Wang"),
    ],
)
def test_repair_puts_back_lost_spaces(glued, fixed):
    assert repair(glued) == fixed


@pytest.mark.parametrize(
    "kept",
    [
        "the U.S. side",
        "U.S.-China ties",
        "1.5 degrees",
        "Mr.Smith",
        "fmprc.gov.cn",
        "G20 summit",
        "COVID-19",
        "No.1 priority",
        "e.g. this",
        "version 2.0 of",
    ],
)
def test_repair_leaves_abbreviations_and_numbers_alone(kept):
    assert repair(kept) == kept


def test_abbreviations_titles_and_initials_do_not_end_sentences():
    text = (
        "Mr. Smith met Dr. Jones on St. Patrick's Day. Retno L.P. Marsudi spoke. "
        "John F. Kennedy was there. Growth was 1.5 percent in Jan. 2022 and No. 3 in rank."
    )
    assert split(text) == [
        "Mr. Smith met Dr. Jones on St. Patrick's Day.",
        "Retno L.P. Marsudi spoke.",
        "John F. Kennedy was there.",
        "Growth was 1.5 percent in Jan. 2022 and No. 3 in rank.",
    ]


def test_us_inside_a_sentence_is_not_a_stop():
    assert split("Blinken said that the U.S. side is ready. The U.S. President agreed.") == [
        "Blinken said that the U.S. side is ready.",
        "The U.S. President agreed.",
    ]


def test_us_at_the_end_of_a_sentence_splits_before_a_starter_or_a_cue():
    text = (
        "China opposes sanctions by the U.S. The world needs peace. He urged the U.S. "
        "Kerry said the U.K. Foreign Secretary Cleverly agreed."
    )
    assert split(text) == [
        "China opposes sanctions by the U.S.",
        "The world needs peace.",
        "He urged the U.S.",
        "Kerry said the U.K. Foreign Secretary Cleverly agreed.",
    ]


def test_us_followed_by_a_named_speaker_splits():
    assert split("It relies on the U.S. Wang Yi said China disagrees.") == [
        "It relies on the U.S.",
        "Wang Yi said China disagrees.",
    ]


def test_question_exclamation_and_quotes():
    text = 'Wang Yi asked: "Who benefits?" He answered: "Nobody!" The talks went on.'
    assert split(text) == [
        'Wang Yi asked: "Who benefits?"',
        'He answered: "Nobody!"',
        "The talks went on.",
    ]


def test_curly_quotes_close_a_sentence():
    text = "He said: “China is ready.” Blinken agreed."
    assert split(text) == ["He said: “China is ready.”", "Blinken agreed."]


def test_glued_sentences_are_split_after_repair():
    assert split(
        "Wang said that China and Germany should respect each other.He stressed that."
    ) == [
        "Wang said that China and Germany should respect each other.",
        "He stressed that.",
    ]


def test_truncated_paragraph_keeps_its_tail():
    assert split(
        "Wang Yi said that China is ready. The international community should help rebui"
    ) == [
        "Wang Yi said that China is ready.",
        "The international community should help rebui",
    ]


def test_lower_case_after_a_stop_does_not_split():
    assert split("The talks ended at 10 p.m. local time. They agreed.") == [
        "The talks ended at 10 p.m. local time.",
        "They agreed.",
    ]


def test_abbreviation_opening_a_sentence():
    assert split("It changed dramatically. Mr. Blinken hoped so. Dr. Tedros agreed.") == [
        "It changed dramatically.",
        "Mr. Blinken hoped so.",
        "Dr. Tedros agreed.",
    ]


@pytest.mark.parametrize(
    ("glued", "fixed"),
    [
        ("relations.The two", "relations. The two"),
        ("peace,China is", "peace,China is"),
        ("On September17, 2022,", "On September17, 2022,"),
        ("October 31,2022, Wang", "October 31,2022, Wang"),
        ("the U.S. side", "the U.S. side"),
    ],
)
def test_returned_text_only_gets_back_spaces_lost_after_a_stop(glued, fixed):
    assert repair_stops(glued) == fixed


def test_glued_dates_and_commas_are_read_but_kept_as_printed():
    r = parse_readout(
        "T\n\nOn 17September,2022 at noon,Wang Yi spoke with Kenyan Foreign Minister Alfred "
        "Mutua on the phone.\n\nMutua said,Kenya is ready.On the Ukraine issue,Wang Yi said so.\n"
    )
    assert str(r.date) == "2022-09-17"
    assert r.statements[0].text.startswith("On 17September,2022 at noon,Wang Yi")
    assert [(s.speaker, s.text) for s in r.statements[1:]] == [
        ("Alfred Mutua", "Mutua said,Kenya is ready."),
        ("Wang Yi", "On the Ukraine issue,Wang Yi said so."),
    ]
