"""A search narrowed to some speakers: the engine may use their ids (search_statements'
`speakers`), and must then find exactly what the filtered statements alone would give, in the
same order, whatever has been written since. Run on both databases."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from readouts import search
from readouts.filters import SPEAKERS_FOR_SEARCH, StatementSearchFilter
from readouts.models import Person, Statement

from .factories import person, statements

pytestmark = pytest.mark.django_db

QUERIES = ["grain", "grain OR tea", "grain -tea", '"grain exports"', "gra*"]


@pytest.fixture
def speakers() -> dict[str, Person]:
    chen, lopes = person("Bo Chen", "China"), person("Ana Lopes", "Brazil")
    koval = person("Dmytro Koval", "Ukraine")
    statements("Grain exports resume.", "Tea and grain.", speaker=chen, date="2021-01-01")
    statements("Grain exports, grain prices.", speaker=chen, date="2022-01-01")
    statements("Grain prices are high.", "Tea only.", speaker=lopes, date="2020-01-01")
    statements("Grain exports through the sea.", speaker=koval, date="2023-01-01")
    statements("Grain unattributed.", date="2019-01-01")
    return {"chen": chen, "lopes": lopes, "koval": koval}


def ids(rows) -> list[int]:
    return [s.pk for s in rows]


@pytest.mark.parametrize(
    "sort, common",
    [
        ("relevance", False),
        ("newest", False),
        ("oldest", False),
        ("newest", True),
        ("oldest", True),
    ],
)
def test_the_speakers_hint_changes_nothing_in_the_results(speakers, sort, common):
    for group in (["chen"], ["chen", "koval"], ["lopes"]):
        pks = [speakers[name].pk for name in group]
        mine = Statement.objects.filter(speaker__in=pks)
        for q in QUERIES:
            plain = search.search_statements(q, mine, sort, common=common)
            hinted = search.search_statements(q, mine, sort, common=common, speakers=pks)
            assert ids(hinted) == ids(plain), (group, q)
    chen = Statement.objects.filter(speaker=speakers["chen"])
    hinted = search.search_statements("grain", chen, sort, speakers=[speakers["chen"].pk])
    assert sorted(ids(hinted)) == sorted(ids(chen))  # all three of his mention grain
    nobody = Statement.objects.none()
    assert ids(search.search_statements("grain", nobody, "newest", speakers=[])) == []


def test_relevance_is_the_text_s_alone(speakers):
    chen = speakers["chen"]
    mine = Statement.objects.filter(speaker=chen)
    plain = list(search.search_statements("grain", mine))
    hinted = list(search.search_statements("grain", mine, speakers=[chen.pk]))
    assert [(s.pk, s.rank) for s in hinted] == [(s.pk, pytest.approx(s.rank)) for s in plain]


def test_a_speaker_s_id_is_not_a_word_of_the_text(speakers):
    chen = speakers["chen"]
    assert search.search_statements(str(chen.pk)).count() == 0
    (numbered,) = statements(f"Point {chen.pk} of the agenda.", speaker=speakers["lopes"])
    assert ids(search.search_statements(str(chen.pk))) == [numbered.pk]


def test_a_corrected_speaker_is_found_under_the_new_one_only(speakers):
    chen, koval = speakers["chen"], speakers["koval"]
    row = Statement.objects.get(text="Grain exports resume.")
    Statement.objects.filter(pk=row.pk).update(speaker=koval)  # update(): triggers only
    by = {
        name: ids(
            search.search_statements(
                "exports", Statement.objects.filter(speaker=p), "newest", speakers=[p.pk]
            )
        )
        for name, p in (("chen", chen), ("koval", koval))
    }
    assert row.pk in by["koval"] and row.pk not in by["chen"]
    row.refresh_from_db()
    row.speaker = None
    row.save()
    for p in (chen, koval):
        mine = Statement.objects.filter(speaker=p)
        assert row.pk not in ids(search.search_statements("exports", mine, speakers=[p.pk]))
    assert row.pk in ids(search.search_statements("exports"))


def filterset(**params) -> StatementSearchFilter:
    request = RequestFactory().get("/search/", params)
    narrowed = StatementSearchFilter(request.GET, queryset=Statement.objects.all())
    assert narrowed.is_valid()
    return narrowed


def test_the_filters_name_the_speakers_they_leave(speakers):
    chen, lopes = speakers["chen"], speakers["lopes"]
    assert filterset().speaker_ids() is None
    assert filterset(q="grain", year="2021").speaker_ids() is None
    assert filterset(person="Bo Chen").speaker_ids() == [chen.pk]
    assert filterset(person=chen.slug).speaker_ids() == [chen.pk]
    assert filterset(country="brazil").speaker_ids() == [lopes.pk]
    assert filterset(person="Bo Chen", country="Brazil").speaker_ids() == []
    assert filterset(person="Nobody At All").speaker_ids() == []
    assert filterset(country="Atlantis").speaker_ids() == []


def test_too_many_speakers_are_not_named(speakers):
    for i in range(SPEAKERS_FOR_SEARCH):
        person(f"Envoy Number {i}", "Carpathia")
    assert len(filterset(country="Carpathia").speaker_ids()) == SPEAKERS_FOR_SEARCH
    person("Envoy One Too Many", "Carpathia")
    assert filterset(country="Carpathia").speaker_ids() is None


@pytest.mark.parametrize("group", [None, ["chen"], ["chen", "koval"], []])
def test_counts_and_samples_from_the_index_alone_are_those_of_the_search(
    speakers, group, monkeypatch
):
    pks = None if group is None else [speakers[name].pk for name in group]
    mine = Statement.objects.all() if pks is None else Statement.objects.filter(speaker__in=pks)
    for q in QUERIES:
        matches = set(ids(search.search_statements(q, mine, "newest")))
        for cap in (0, 1, len(matches), 100):
            assert search.count_matches(q, mine, cap, pks) == min(len(matches), cap + 1), (q, cap)
        n = len(matches)
        first = set(search.first_matches(q, mine, 100, pks).values_list("pk", flat=True))
        assert first == matches, q
        assert len(search.first_matches(q, mine, 2, pks)) == min(2, n), q
        for limit in (0, 10**6):  # SQLite: in the windows / chosen among every match
            monkeypatch.setattr("readouts.sampling.INDEX_SCAN_LIMIT", limit)
            sample = search.spread_sample(q, mine, 100, pks)  # the windows cover every id
            assert set(sample.values_list("pk", flat=True)) == matches, (q, limit)


def test_the_index_alone_answers_when_no_filter_but_the_speaker_s_is_used(speakers):
    def alone(**params) -> bool:
        narrowed = filterset(**params)
        return narrowed.index_alone(narrowed.speaker_ids())

    assert alone()
    assert alone(person="Bo Chen")
    assert alone(country="Brazil")
    assert alone(person="Nobody At All")  # no speaker: the index finds nothing, rightly
    assert not alone(year="2021")
    assert not alone(person="Bo Chen", kind="joint")
    assert not alone(date_from="2020-01-01")
    assert not alone(date_to="2020-01-01", country="Brazil")
    for i in range(SPEAKERS_FOR_SEARCH + 1):
        person(f"Envoy Number {i}", "Carpathia")
    assert not alone(country="Carpathia")  # too many speakers to hand over
