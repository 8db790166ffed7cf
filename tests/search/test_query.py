"""The query parser alone: what each piece of syntax reads as, and what it refuses."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readouts.search import Query, QueryError, Term, parse_query
from readouts.search.query import MAX_LENGTH, MAX_TERMS


def words(q: str) -> list[list[tuple[str, ...]]]:
    """The required groups as lists of word tuples."""
    return [[t.words for t in group] for group in parse_query(q).groups]


def test_words_are_each_required():
    assert words("grain exports") == [[("grain",)], [("exports",)]]


def test_a_phrase_is_one_term_with_its_words_in_order():
    (group,) = parse_query('"Black Sea grain"').groups
    assert group == (Term("Black Sea grain", ("black", "sea", "grain"), quoted=True),)


def test_or_joins_its_neighbours_and_binds_tighter_than_and():
    assert words("wheat OR maize exports") == [[("wheat",), ("maize",)], [("exports",)]]
    assert words("a1 OR b1 OR c1") == [[("a1",), ("b1",), ("c1",)]]


def test_lower_case_or_is_an_ordinary_stop_word():
    assert words("wheat or maize") == [[("wheat",)], [("maize",)]]


@pytest.mark.parametrize(
    "q, expected",
    [
        ("OR wheat", [[("wheat",)]]),
        ("wheat OR", [[("wheat",)]]),
        ("wheat OR OR maize", [[("wheat",), ("maize",)]]),
        ("-rice OR wheat", [[("wheat",)]]),
    ],
)
def test_stray_or_is_ignored(q, expected):
    assert words(q) == expected


def test_exclusions_of_words_and_phrases():
    query = parse_query('grain -wheat -"Black Sea"')
    assert [t.words for t in query.excluded] == [("wheat",), ("black", "sea")]
    assert words('grain -wheat -"Black Sea"') == [[("grain",)]]


def test_excluded_word_after_or_does_not_join_the_group():
    query = parse_query("wheat OR -maize rice")
    assert [[t.words for t in g] for g in query.groups] == [[("wheat",)], [("rice",)]]
    assert [t.words for t in query.excluded] == [("maize",)]


def test_prefix():
    (group,) = parse_query("negot*").groups
    assert group == (Term("negot", ("negot",), prefix=True),)
    (group,) = parse_query('"foreign minis"*').groups
    assert group[0].prefix and group[0].words == ("foreign", "minis")


def test_case_and_accents_are_folded_in_words_but_kept_in_text():
    (group,) = parse_query("Café").groups
    assert group[0].words == ("cafe",) and group[0].text == "Café"


def test_punctuated_word_is_one_term_of_adjacent_words():
    (group,) = parse_query("U.S.").groups
    assert group[0].text == "U.S." and group[0].words == ("u", "s")


def test_curly_quotes_are_quotes():
    (group,) = parse_query("\u201cBlack Sea\u201d").groups
    assert group[0].quoted and group[0].words == ("black", "sea")


def test_stop_words_are_dropped_not_required():
    assert words("the talks of the day") == [[("talks",)], [("day",)]]
    assert words('"prime minister of Italy"') == [[("prime", "minister", "of", "italy")]]


def test_non_latin_scripts_are_words():
    assert words("Путин 習近平") == [[("путин",)], [("習近平",)]]


def test_nul_and_control_characters_are_spaces():
    assert words("grain\x00exports\x07") == [[("grain",)], [("exports",)]]


def test_long_input_is_cut_to_the_limits():
    query = parse_query(" ".join(f"w{i}" for i in range(100)))
    assert len(query.terms) == MAX_TERMS and query.truncated
    long = parse_query("grain " + "x" * 2000)
    assert long.truncated and all(len(w) <= 100 for t in long.terms for w in t.words)
    assert len(" ".join(t.text for t in long.terms)) <= MAX_LENGTH


@pytest.mark.parametrize(
    "q, message",
    [
        ("", "Type some words to search for."),
        ("-wheat", "Only excluded words: add at least one word to search for."),
        ("the", "“the”: too common to search for. Add a more specific word."),
        ("!!! ???", "No words to search for: type some letters or digits."),
        ("*", "No words to search for: type some letters or digits."),
        ("-", "No words to search for: type some letters or digits."),
        ("w*", "Put at least 2 letters before * (as in negot*), or leave out the *."),
        ('"grain', 'A quote mark is not closed: write "grain" to search for that phrase'),
        ('grain "', "A quote mark is not closed: remove it"),
    ],
)
def test_what_cannot_be_searched_is_explained(q, message):
    with pytest.raises(QueryError) as error:
        parse_query(q)
    assert str(error.value).startswith(message)


def test_query_error_is_a_value_error():
    assert issubclass(QueryError, ValueError)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=600))
def test_any_text_parses_or_raises_query_error(q):
    try:
        query = parse_query(q)
    except QueryError as error:
        assert str(error)
        return
    assert isinstance(query, Query) and query.groups
    assert len(query.terms) <= MAX_TERMS
    for term in query.terms:
        assert term.words and all(term.words)
        assert "\x00" not in term.text and '"' not in term.text


SYNTAX = st.sampled_from(['"', "-", "*", " OR ", " ", "(", ")", ":", "&", "!", "'", "NOT", "\\"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(SYNTAX, st.text(min_size=1, max_size=6)), max_size=20).map("".join))
def test_syntax_heavy_text_parses_or_raises_query_error(q):
    try:
        parse_query(q)
    except QueryError:
        pass
