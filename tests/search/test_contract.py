"""The search contract: the same expectations on every database the suite runs on.

Run on SQLite and on PostgreSQL (scripts/test.sh does both); docs/search-syntax.md promises
what these tests check.
"""

from __future__ import annotations

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from readouts import search
from readouts.models import Statement
from readouts.selectors import statement_facets

from .factories import person, statements

pytestmark = pytest.mark.django_db

CORPUS = {
    "agreed": "The ministers agreed to resume grain exports through the Black Sea.",
    "agreement": "They signed an agreement on energy security.",
    "agrees": "The President agrees with the Chancellor on sanctions.",
    "phrase": "Both leaders discussed the foreign ministers meeting in Geneva.",
    "scattered": "The ministers spoke of foreign trade and of a meeting soon.",
    "trade": "Trade and tariffs were on the agenda.",
    "accent": "A reception at the Café de Flore in Paris.",
    "us": "Cooperation between the U.S. and Canada on the border.",
    "hyphen": "A discussion of foreign-policy priorities for the region.",
    "negotiations": "Negotiations on a ceasefire continue.",
}


@pytest.fixture
def corpus() -> dict[str, int]:
    rows = statements(*CORPUS.values())
    return {key: row.pk for key, row in zip(CORPUS, rows, strict=True)}


def found(q: str, **kwargs) -> set[str]:
    ids = set(search.search_statements(q, **kwargs).values_list("pk", flat=True))
    keys = {pk: key for key, pk in _corpus_ids().items()}
    return {keys[pk] for pk in ids}


def _corpus_ids() -> dict[str, int]:
    texts = {text: key for key, text in CORPUS.items()}
    return {texts[s.text]: s.pk for s in Statement.objects.filter(text__in=CORPUS.values())}


@pytest.mark.parametrize(
    "q, expected",
    [
        # every word is required, in any order and place
        ("ministers geneva", {"phrase"}),
        ("ministers foreign meeting", {"phrase", "scattered"}),
        # a phrase needs its words together and in order
        ('"foreign ministers meeting"', {"phrase"}),
        ('"meeting foreign ministers"', set()),
        # OR: either side; binds tighter than the implicit AND
        ("tariffs OR ceasefire", {"trade", "negotiations"}),
        ("agenda OR geneva discussed", {"phrase"}),
        ('"energy security" OR "grain exports"', {"agreement", "agreed"}),
        # exclusion of a word or a phrase
        ("ministers -geneva", {"agreed", "scattered"}),
        ('ministers -"foreign ministers"', {"agreed", "scattered"}),
        # English stemming: inflections of a word find each other
        ("agree", {"agreed", "agrees"}),
        ("agreeing", {"agreed", "agrees"}),
        ("negotiation", {"negotiations"}),
        ("minister", {"agreed", "phrase", "scattered"}),
        # prefix: the letters typed begin a word, or are the word (with its inflections)
        ("agree*", {"agreed", "agrees", "agreement"}),
        ("negot*", {"negotiations"}),
        ("tarif*", {"trade"}),
        # case and accents do not matter
        ("CAFE", {"accent"}),
        ("café", {"accent"}),
        # punctuation inside a word is read as the index reads the text
        ("U.S.", {"us"}),
        ("foreign-policy", {"hyphen"}),
        ('"foreign policy"', {"hyphen"}),
        # stop words are left out rather than required
        ("the tariffs", {"trade"}),
        ('"Black Sea"', {"agreed"}),
    ],
)
def test_query_semantics(corpus, q, expected):
    assert found(q) == expected


def test_a_longer_prefix_than_the_stem_finds_nothing_on_either_database(corpus):
    # Documented limitation: stems are stored ("negotiations" as negoti), and a prefix is
    # compared with them.
    assert found("negotiat*") == set()


@pytest.mark.parametrize(
    "q, message",
    [
        ("", "Type some words"),
        ("   ", "Type some words"),
        ("-grain -exports", "Only excluded words"),
        ("the of and", "too common"),
        ("?!", "No words"),
        ('"grain exports', "quote mark is not closed"),
        ("g*", "at least 2 letters"),
    ],
)
def test_queries_that_cannot_be_searched_say_why(corpus, q, message):
    with pytest.raises(search.QueryError, match=message):
        search.search_statements(q)


def test_unknown_sort_is_a_query_error(corpus):
    with pytest.raises(search.QueryError, match="relevance"):
        search.search_statements("trade", sort="best")


def test_searches_within_the_given_queryset():
    chen, lopes = person("Bo Chen", "China"), person("Ana Lópes", "Brazil")
    statements("Grain exports will resume.", speaker=chen)
    statements("Grain prices are high.", speaker=lopes)
    mine = search.search_statements("grain", Statement.objects.filter(speaker=chen))
    assert [s.speaker_id for s in mine] == [chen.pk]
    by_country = Statement.objects.filter(speaker__country="Brazil")
    assert search.search_statements("grain", by_country).count() == 1


def test_relevance_puts_the_better_match_first_and_rank_is_higher_for_it():
    weak, strong, _ = statements(
        "Grain was mentioned once among many other things discussed at length that day.",
        "Grain, grain and more grain.",
        "Nothing to see.",
    )
    results = list(search.search_statements("grain"))
    assert [s.pk for s in results] == [strong.pk, weak.pk]
    assert results[0].rank > results[1].rank
    assert all(isinstance(s.rank, float) for s in results)


def test_equal_scores_come_by_the_readout_added_last_then_in_reading_order():
    first = statements("Grain talks.", "Grain talks.", date="2023-05-01")
    second = statements("Grain talks.", date="2019-05-01")
    ranked = list(search.search_statements("grain"))
    assert len({round(s.rank, 9) for s in ranked}) == 1
    assert [s.pk for s in ranked] == [second[0].pk, first[0].pk, first[1].pk]


def test_newest_and_oldest_sort_by_call_date_then_reading_order():
    old = statements("Grain in 2019.", "More grain in 2019.", date="2019-05-01")
    new = statements("Grain in 2023.", date="2023-05-01")
    mid = statements("Grain in 2021.", date="2021-05-01")
    newest = [s.pk for s in search.search_statements("grain", sort="newest")]
    assert newest == [new[0].pk, mid[0].pk, old[0].pk, old[1].pk]
    oldest = search.search_statements("grain", sort="oldest")
    assert [s.pk for s in oldest] == [old[0].pk, old[1].pk, mid[0].pk, new[0].pk]
    assert {s.rank for s in oldest} == {0.0}  # not scored: it could not change the order


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_the_date_walk_for_common_words_finds_the_same_in_the_same_order(sort):
    statements("Grain in 2019.", "More grain in 2019.", "Tea in 2019.", date="2019-05-01")
    statements("Grain in 2023.", "Grain -tea.", date="2023-05-01")
    statements("Grain in 2021.", "Tea only.", date="2021-05-01")
    chen = person("Bo Chen", "China")
    statements("Grain and tea for Bo.", speaker=chen, date="2020-01-01")
    for q in ["grain", "grain OR tea", "grain -tea", '"in 2019"', "gra*"]:
        plain = search.search_statements(q, sort=sort)
        walked = search.search_statements(q, sort=sort, common=True)
        assert [s.pk for s in walked] == [s.pk for s in plain], q
        mine = Statement.objects.filter(speaker=chen)
        assert [s.pk for s in search.search_statements(q, mine, sort, common=True)] == [
            s.pk for s in search.search_statements(q, mine, sort)
        ], q


def test_paginates_and_counts_lazily():
    statements(*(f"Grain report number {i}." for i in range(25)))
    statements("Unrelated.")
    paginator = Paginator(search.search_statements("grain"), 10)
    assert paginator.count == 25 and paginator.num_pages == 3
    assert len(paginator.page(3).object_list) == 5
    ranks = [s.rank for s in paginator.page(1).object_list]
    assert ranks == sorted(ranks, reverse=True)


def test_usable_as_a_subquery_and_grouped_for_facets():
    chen = person("Bo Chen", "China")
    statements("Grain for Bo.", "Grain again.", speaker=chen, date="2020-01-01")
    statements("Grain unattributed.", "Tea.", date="2022-01-01")
    results = search.search_statements("grain")
    facets = statement_facets(results)
    assert [(f["speaker__slug"], f["n"]) for f in facets.people] == [("bo-chen", 2)]
    assert {f["year"]: f["n"] for f in facets.years} == {2020: 2, 2022: 1}
    outer = Statement.objects.filter(pk__in=results.values("pk"))
    assert outer.count() == 3
    by_kind = results.order_by().values("kind").annotate(n=Count("pk"))
    assert list(by_kind) == [{"kind": "statement", "n": 3}]


def test_the_index_follows_every_kind_of_write():
    row, other = statements("Talks on grain.", "Talks on tea.")
    Statement.objects.filter(pk=row.pk).update(text="Talks on fertiliser.")
    assert found_ids("grain") == set() and found_ids("fertiliser") == {row.pk}
    other.text = "Talks on coffee."
    other.save()
    assert found_ids("tea") == set() and found_ids("coffee") == {other.pk}
    Statement.objects.filter(pk=row.pk).delete()
    assert found_ids("fertiliser") == set()
    (new,) = statements("Talks on wheat.")  # bulk_create
    assert found_ids("wheat") == {new.pk}
    Statement.objects.filter(pk=other.pk).update(speaker_label="Someone")  # not the text
    assert found_ids("coffee") == {other.pk}


def found_ids(q: str) -> set[int]:
    return set(search.search_statements(q).values_list("pk", flat=True))


def test_accepts_a_parsed_query_too(corpus):
    parsed = search.parse_query("tariffs OR ceasefire")
    assert search.search_statements(parsed).count() == 2


# -- snippets -----------------------------------------------------------------------------

START, END = search.HIT_START, search.HIT_END


def snippets_for(q: str) -> dict[str, str]:
    rows = list(search.search_statements(q))
    search.add_snippets(rows, q)
    return {row.text: row.snippet for row in rows}


def hits(snippet: str) -> list[str]:
    parts = snippet.split(START)[1:]
    return [part.split(END)[0] for part in parts]


@pytest.mark.parametrize(
    "q, text_key, marked",
    [
        ("agree", "agreed", ["agreed"]),  # by stemming only
        ("agree*", "agreement", ["agreement"]),  # prefix
        ("tariffs OR ceasefire", "trade", ["tariffs"]),  # OR
        ("café", "accent", ["Café"]),
    ],
)
def test_snippets_mark_the_hits(corpus, q, text_key, marked):
    snippet = snippets_for(q)[CORPUS[text_key]]
    assert [h.casefold() for h in hits(snippet)] == [m.casefold() for m in marked]
    assert snippet.replace(START, "").replace(END, "") == CORPUS[text_key]


def test_phrase_snippets_mark_the_phrase_words(corpus):
    snippet = snippets_for('"foreign ministers meeting"')[CORPUS["phrase"]]
    assert " ".join(hits(snippet)).split() == ["foreign", "ministers", "meeting"]


def test_a_long_statement_is_cut_around_the_hit_with_ellipses():
    before = " ".join(f"alpha{i}" for i in range(80))
    after = " ".join(f"omega{i}" for i in range(80))
    (row,) = statements(f"{before} the grain deal {after}")
    rows = list(search.search_statements("grain"))
    search.add_snippets(rows, "grain")
    snippet = rows[0].snippet
    assert rows[0].pk == row.pk
    assert hits(snippet) == ["grain"]
    assert snippet.startswith("…") and snippet.endswith("…")
    words = snippet.replace("…", " ").split()
    assert 10 <= len(words) <= 70


def test_snippets_take_at_most_one_query_for_the_whole_page():
    statements(*(f"Grain report {i} " + "filler " * 60 for i in range(20)))
    rows = list(search.search_statements("grain")[:20])
    with CaptureQueriesContext(connection) as queries:
        search.add_snippets(rows, "grain")
    assert len(queries) <= 1  # SQLite: none (the rows' own text); PostgreSQL: one
    assert all(hits(r.snippet) == ["Grain"] for r in rows)


def test_snippets_of_rows_that_do_not_match_fall_back_to_the_opening_words():
    (row,) = statements("Tea and coffee.")
    search.add_snippets([row], "grain")
    assert row.snippet == "Tea and coffee."


def test_engine_matches_vendor():
    # Guards against a backend silently falling back to another vendor's code.
    assert connection.vendor in {"sqlite", "postgresql"}
    expected = {"sqlite": "readouts.search.sqlite", "postgresql": "readouts.search.postgres"}
    assert search._backend().__name__ == expected[connection.vendor]


@pytest.mark.parametrize("sort", search.SORTS)
def test_within_a_distinct_queryset_over_participants(sort):
    from readouts.models import Participant

    chen, lopes = person("Bo Chen", "China"), person("Ana Lópes", "Brazil")
    rows = statements("Grain talks.", "Grain again.", "Tea.")
    call = rows[0].readout.call
    Participant.objects.create(call=call, person=chen, country="China", position=0)
    Participant.objects.create(call=call, person=lopes, country="Brazil", position=1)
    statements("Grain elsewhere.")
    within = Statement.objects.filter(
        readout__call__participants__country__in=["China", "Brazil"]
    ).distinct()
    results = search.search_statements("grain", within, sort=sort)
    assert sorted(s.pk for s in results) == [rows[0].pk, rows[1].pk]
    assert results.count() == 2


def test_count_does_no_ranking(django_assert_num_queries):
    statements("Grain talks.")
    with django_assert_num_queries(1) as captured:
        assert search.search_statements("grain").count() == 1
    sql = captured.captured_queries[0]["sql"].lower()
    assert "rank" not in sql and "snippet" not in sql and "headline" not in sql
