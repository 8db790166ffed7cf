import csv
import datetime as dt
import io
import json

import pytest
from django.urls import reverse

from readouts import selectors
from readouts.models import Person, Statement

from .factories import corpus, make_call, many_statements, person

pytestmark = pytest.mark.django_db

SEARCH = reverse("readouts:search")


@pytest.fixture
def calls():
    return corpus(14)


def results(response) -> list[Statement]:
    return list(response.context["listing"].page)


def test_empty_search_page_invites_a_query(client, calls):
    response = client.get(SEARCH)
    assert response.status_code == 200
    assert "listing" not in response.context
    assert "Type words above" in response.content.decode()


def test_results_are_statements_linking_to_their_anchor(client, calls):
    response = client.get(SEARCH, {"q": "grain"})
    found = results(response)
    # topic 0 is grain: calls 0 and 7, two speakers each
    assert len(found) == 4 and all("grain" in s.text for s in found)
    html = response.content.decode()
    assert "<strong>4</strong> statements match “grain”" in html
    for s in found:
        assert f'href="/calls/{s.readout.call_id}/#{s.anchor}"' in html
        assert f'href="{s.speaker.get_absolute_url()}">{s.speaker.name}</a>' in html
        assert s.readout.title in html
        date = s.readout.call.date
        assert f'<time datetime="{date:%Y-%m-%d}">{date:%-d %b %Y}</time>' in html


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"person": "Bo Chen"}, {"Bo Chen"}),
        ({"person": "Minister Chen"}, {"Bo Chen"}),
        ({"country": "ukraine"}, {"Dmytro Koval"}),
        ({"country": "UKRAINE"}, {"Dmytro Koval"}),
        ({"country": "Atlantis"}, set()),
        ({"date_from": "2020-09-01"}, {"Claire Dubois", "Dmytro Koval"}),
        ({"q": "trade", "year": "2021"}, {"Bo Chen", "Claire Dubois"}),
        ({"q": "trade", "year": "2020"}, {"Erik Larsen", "Ana Lópes"}),
        ({"q": "trade", "date_to": "2020-12-31"}, {"Erik Larsen", "Ana Lópes"}),
    ],
)
def test_filters_narrow_the_results(client, calls, params, expected):
    found = results(client.get(SEARCH, {"q": "grain", **params}))
    assert {s.speaker.name for s in found} == expected


def test_filters_without_words_browse_statements(client, calls):
    found = results(client.get(SEARCH, {"kind": "narration", "sort": "oldest"}))
    assert len(found) == 14 and all(s.kind == "narration" for s in found)
    dates = [s.readout.call.date for s in found]
    assert dates == sorted(dates)


def test_facets_count_every_match(client, calls):
    response = client.get(SEARCH, {"q": "grain"})
    facets = response.context["facets"]
    assert [(f.label, f.count) for f in facets["Year"]] == [("2020", 4)]
    people = {f.label: f.count for f in facets["Speaker"]}
    assert people == {"Ana Lópes": 1, "Bo Chen": 1, "Claire Dubois": 1, "Dmytro Koval": 1}
    countries = {f.label: f.count for f in facets["Speaker's country"]}
    assert countries == {"Brazil": 1, "China": 1, "France": 1, "Ukraine": 1}
    chen = next(f for f in facets["Speaker"] if f.label == "Bo Chen")
    assert chen.url == "?q=grain&person=bo-chen" and not chen.active
    narrowed = client.get(SEARCH + chen.url)
    assert {s.speaker.name for s in results(narrowed)} == {"Bo Chen"}
    assert next(f for f in narrowed.context["facets"]["Speaker"] if f.label == "Bo Chen").active


def test_facets_name_people_as_they_are_now(client, calls):
    """The facets take names and countries from a map kept per version of the people: an
    edit shows on the next page, and so does a speaker the map has not seen."""

    def speakers() -> dict[str, int]:
        return {
            f.label: f.count
            for f in client.get(SEARCH, {"q": "grain"}).context["facets"]["Speaker"]
        }

    assert "Bo Chen" in speakers()
    chen = Person.objects.get(slug="bo-chen")
    chen.name, chen.country = "Chen Bo", "Taiwan"
    chen.save()
    facets = client.get(SEARCH, {"q": "grain"}).context["facets"]
    assert "Chen Bo" in {f.label for f in facets["Speaker"]} and "Bo Chen" not in speakers()
    assert "Taiwan" in {f.label for f in facets["Speaker's country"]}

    found = Statement.objects.filter(text__icontains="grain")
    people = selectors.suggestions().people()
    newcomer = Person.objects.create(name="Ines Newcomer", slug="ines-newcomer", country="Chile")
    found.filter(speaker=chen).update(speaker=newcomer)
    facets = selectors.statement_facets(found, people=people)  # a map read before the change
    assert {"speaker__slug": "ines-newcomer", "speaker__name": "Ines Newcomer", "n": 1} in (
        facets.people
    )
    assert {"speaker__country": "Chile", "n": 1} in facets.countries


def test_suggestions_follow_changes_made_here_at_once_and_elsewhere_within_a_second(
    client, calls, monkeypatch
):
    """The suggestions' version is read once a second (selectors.VERSION_SECONDS). A person
    saved in this process shows on the next page; one written without the model's signals,
    as another process or an import's bulk insert would, within VERSION_SECONDS."""
    clock = [1000.0]
    monkeypatch.setattr("readouts.selectors.time.monotonic", lambda: clock[0])

    def offered() -> str:
        return client.get(SEARCH).content.decode()

    assert '<option value="Bo Chen">' in offered()
    Person.objects.create(name="Ines Newcomer", slug="ines-newcomer", country="Chile")
    assert '<option value="Ines Newcomer">' in offered()

    Person.objects.bulk_create([Person(name="Otto Elsewhere", slug="otto", country="Peru")])
    clock[0] += selectors.VERSION_SECONDS / 2
    assert '<option value="Otto Elsewhere">' not in offered()
    clock[0] += selectors.VERSION_SECONDS / 2
    assert '<option value="Otto Elsewhere">' in offered()


def test_year_facet_newest_first(client, calls):
    facets = client.get(SEARCH, {"q": "trade"}).context["facets"]
    assert [(f.label, f.count) for f in facets["Year"]] == [("2021", 2), ("2020", 2)]
    assert facets["Year"][0].url == "?q=trade&year=2021"


def test_facet_links_keep_the_other_parameters_and_put_theirs_last(client, calls):
    params = {"q": "grain", "country": "China", "sort": "oldest", "page": "1", "kind": ""}
    facets = client.get(SEARCH, params).context["facets"]
    [chen] = facets["Speaker"]
    assert chen.url == "?q=grain&sort=oldest&country=China&person=bo-chen" and not chen.active
    [china] = facets["Speaker's country"]
    assert china.url == "?q=grain&sort=oldest&country=China" and china.active
    [year] = facets["Year"]
    assert year.url == "?q=grain&sort=oldest&country=China&year=2020"
    facets = client.get(SEARCH, {"person": "bo chen", "year": "2020"}).context["facets"]
    assert facets["Speaker's country"][0].url == "?person=bo+chen&year=2020&country=China"


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_sort_by_date(client, calls, sort):
    found = results(client.get(SEARCH, {"q": "said", "sort": sort}))
    dates = [s.readout.call.date for s in found]
    assert len(dates) == 14
    assert dates == sorted(dates, reverse=sort == "newest")


def test_relevance_puts_denser_matches_first(client, calls):
    chen = Person.objects.get(slug="bo-chen")
    many_statements(chen, 1, word="ceasefire")  # "ceasefire" twice in one short statement
    found = results(client.get(SEARCH, {"q": "ceasefire"}))
    assert "more ceasefire" in found[0].text
    assert len(found) == 5


def test_results_paginate_with_their_filters(client, calls):
    chen = Person.objects.get(slug="bo-chen")
    many_statements(chen, 45)
    first = client.get(SEARCH, {"q": "grain", "person": "bo-chen", "sort": "oldest"})
    listing = first.context["listing"]
    assert listing.page.paginator.count == 46 and listing.page.paginator.num_pages == 3
    assert listing.next_url == "?q=grain&sort=oldest&person=bo-chen&page=2"
    third = client.get(SEARCH, {"q": "grain", "person": "bo-chen", "sort": "oldest", "page": 3})
    assert len(results(third)) == 6
    assert 'start="41"' in third.content.decode()


@pytest.mark.parametrize(
    "q, message",
    [
        ("-grain -sanctions", "Only excluded words"),
        ("OR", "No words to search for"),
        ("( ) *", "No words to search for"),
        ("the of and", "too common to search for"),
        ("g*", "letters before *"),
    ],
)
def test_queries_that_cannot_run_get_a_helpful_message(client, calls, q, message):
    response = client.get(SEARCH, {"q": q})
    assert response.status_code == 400
    html = response.content.decode()
    assert "This search could not be run." in html and message in html
    assert 'href="/search/help/">how to write a search</a>' in html
    assert f'value="{q}"' in html  # kept in the box to be corrected


def test_unclosed_quote_is_explained(client, calls):
    response = client.get(SEARCH, {"q": '"grain exports'})
    assert response.status_code == 400
    html = response.content.decode()
    assert "This search could not be run." in html and "quote mark is not closed" in html


def test_phrase_search_needs_the_words_in_order(client, calls):
    assert len(results(client.get(SEARCH, {"q": '"exports grain"'}))) == 0
    assert len(results(client.get(SEARCH, {"q": '"grain exports"'}))) == 4


def test_or_exclusion_prefix_and_stemming(client, calls):
    grain_or_trade = results(client.get(SEARCH, {"q": "grain OR trade"}))
    assert len(grain_or_trade) == 8
    no_china = results(client.get(SEARCH, {"q": "grain -Chen"}))
    assert len(no_china) == 3 and all("Chen" not in s.text for s in no_china)
    assert len(results(client.get(SEARCH, {"q": "vaccin*"}))) == 4
    assert len(results(client.get(SEARCH, {"q": "stressing"}))) == 14  # "stressed"
    accents = results(client.get(SEARCH, {"q": "lopes", "kind": "statement"}))
    assert {s.speaker.name for s in accents} == {"Ana Lópes"} and len(accents) == 5
    curly = results(client.get(SEARCH, {"q": "“grain exports”"}))
    assert len(curly) == 4


def test_excerpts_are_highlighted(client, calls):
    html = client.get(SEARCH, {"q": "grain"}).content.decode()
    assert "<mark>grain</mark>" in html


def test_many_terms_are_cut_with_a_note(client, calls):
    q = "grain " + " ".join(f"w{i}" for i in range(40))
    response = client.get(SEARCH, {"q": q})
    assert response.status_code == 200
    assert "Only the first 32 terms" in response.content.decode()


@pytest.mark.parametrize(
    "params, field",
    [
        ({"q": "grain", "date_from": "31/12/2020"}, "date_from"),
        ({"q": "grain", "kind": "speech"}, "kind"),
        ({"q": "grain", "sort": "best"}, "sort"),
        ({"q": "grain", "year": "twenty"}, "year"),
        ({"q": "x" * 501}, "q"),
    ],
)
def test_bad_filters_are_a_400_with_the_field_marked(client, calls, params, field):
    response = client.get(SEARCH, params)
    assert response.status_code == 400
    form_errors = {**response.context["form"].errors, **response.context["filter"].form.errors}
    assert field in form_errors
    assert "could not be used" in response.content.decode() or field == "q"


def test_search_help_documents_the_syntax(client):
    html = client.get(reverse("readouts:search-help")).content.decode()
    for example in ['"Black Sea"', "sanctions OR embargo", "ceasefire -Gaza", "negot*"]:
        assert f"<code>{example}</code>" in html
    assert "stemming" in html


def test_download_search_results(client, calls):
    url = reverse("readouts:search-export", kwargs={"fmt": "csv"})
    response = client.get(url, {"q": "grain", "sort": "oldest"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="statements-')
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 4 and all("grain" in r["text"] for r in rows)
    assert rows[0]["date"] <= rows[-1]["date"]
    s = Statement.objects.get(text=rows[0]["text"])
    assert rows[0]["permalink"] == "http://testserver" + s.get_absolute_url()
    assert rows[0]["participants"] == "Ana Lópes; Bo Chen"
    assert rows[0]["requested_by"] == "Ana Lópes"
    url = reverse("readouts:search-export", kwargs={"fmt": "jsonl"})
    response = client.get(url, {"q": "grain", "person": "Bo Chen"})
    records = [json.loads(x) for x in b"".join(response.streaming_content).splitlines()]
    assert [r["speaker"] for r in records] == ["Bo Chen"]
    assert records[0]["kind"] == "statement" and records[0]["call_id"] == s.readout.call_id


def test_download_with_a_bad_query_is_a_400(client, calls):
    url = reverse("readouts:search-export", kwargs={"fmt": "csv"})
    assert client.get(url, {"q": "grain", "date_to": "never"}).status_code == 400


@pytest.mark.parametrize("q", ["-Gaza", "the of", "*", "g*"])
def test_search_help_shows_the_engine_s_own_messages(client, q):
    from django.utils.html import escape

    from readouts.search import QueryError, parse_query

    with pytest.raises(QueryError) as refused:
        parse_query(q)
    html = client.get(reverse("readouts:search-help")).content.decode()
    assert f"<td>{escape(str(refused.value))}</td>" in html or f"<td>{refused.value}</td>" in html


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_a_common_term_walks_the_dates_and_shows_the_same_pages(client, calls, sort, monkeypatch):
    """Past COMMON_MATCHES matches the page walks the date index (on PostgreSQL under
    plan_for_date_walk): same statements, same order, same filters as the sorted path."""
    chen = Person.objects.get(slug="bo-chen")
    many_statements(chen, 45)
    params = {"q": "grain", "sort": sort, "page": "2"}

    def pages(threshold: int) -> list[tuple[list[int], int]]:
        monkeypatch.setattr("readouts.selectors.COMMON_MATCHES", threshold)
        out = []
        for extra in ({}, {"person": "bo-chen"}, {"date_from": "2020-01-01"}):
            response = client.get(SEARCH, {**params, **extra})
            assert response.status_code == 200
            listing = response.context["listing"]
            out.append(([s.pk for s in listing.page], listing.page.paginator.count))
        return out

    sorted_pages = pages(10**9)
    assert sorted_pages[0][0] and sorted_pages[0][1] > 20
    assert pages(1) == sorted_pages


@pytest.mark.parametrize("sort", ["newest", "oldest", "relevance"])
def test_rows_selected_by_the_ordered_query_are_the_pages_of_ids(client, calls, sort, monkeypatch):
    """A page of few matches in date order may be fetched by the ordered query itself
    (search.sorts_few_rows_whole): the same statements in the same order, with what a row
    shows, as the page's ids and then their rows, on every page, with and without words."""
    chen = Person.objects.get(slug="bo-chen")
    many_statements(chen, 45)

    def pages(whole: bool) -> list[tuple[bool, list[tuple]]]:
        monkeypatch.setattr("readouts.views.sorts_few_rows_whole", lambda: whole)
        out = []
        for params in ({"q": "grain"}, {"q": "grain", "person": "bo-chen"}, {"person": "bo-chen"}):
            for page in ("1", "2", "3"):
                response = client.get(SEARCH, {**params, "sort": sort, "page": page})
                assert response.status_code == 200
                listing = response.context["listing"]
                rows = [
                    (s.pk, s.speaker.name, s.readout.title, s.readout.call.date, s.snippet)
                    if params.get("q")
                    else (s.pk, s.speaker.name, s.readout.title, s.readout.call.date)
                    for s in listing.page
                ]
                out.append((listing.page.paginator.whole, rows))
        return out

    by_ids, whole = pages(False), pages(True)
    assert [rows for _, rows in whole] == [rows for _, rows in by_ids]
    assert all(rows for _, rows in by_ids)
    assert not any(used for used, _ in by_ids)
    # Ranked, the ordered query joins no match to its call: it stays ids first.
    assert all(used for used, _ in whole) == (sort != "relevance")


def test_facets_over_a_sample_say_so(client, calls, monkeypatch):
    chen = Person.objects.get(slug="bo-chen")
    many_statements(chen, 30)
    monkeypatch.setattr("readouts.selectors.FACET_SAMPLE", 10)
    response = client.get(SEARCH, {"q": "grain"})
    counted = response.context["listing"].page.paginator.count
    assert counted > 30
    sampled = sum(year.count for year in response.context["facets"]["Year"])
    assert 5 <= sampled <= 15  # about 10: SQLite keeps those under a hash threshold
    html = response.content.decode()
    hint = f"Counts in a sample of {sampled} of the matches, taken across the whole archive."
    assert hint in html
    monkeypatch.setattr("readouts.selectors.FACET_SAMPLE", 1000)
    response = client.get(SEARCH, {"q": "grain"})
    assert "a sample of" not in response.content.decode()
    assert sum(year.count for year in response.context["facets"]["Year"]) == counted


YEARS = range(2001, 2011)


@pytest.fixture
def archive_in_date_order(db):
    """Ten years of calls imported year by year, as an archive kept up to date is: ids grow
    with dates. Each year has twenty statements with "grain" by one person, and one other."""
    chen, other = person("Bo Chen", "China"), person("Ana Lópes", "Brazil")
    for year in YEARS:
        lines = [(chen, f"On grain, point {i}.") for i in range(20)] + [(other, "Thanks.")]
        make_call(dt.date(year, 6, 1), [chen, other], f"Grain talks {year}", lines)


@pytest.mark.parametrize(
    ("params", "count_cap", "index_scan_limit"),
    [
        ({"q": "grain"}, 10_000, 0),  # counted: chosen among them all by hash
        ({"q": "grain"}, 100, 10_000),  # too many to count: SQLite chooses in its index
        ({"q": "grain"}, 100, 0),  # too many to read all: those in id windows
        ({"q": "grain", "date_from": "2000-01-01"}, 10_000, 0),  # a filter beside the words
        ({"q": "grain", "date_from": "2000-01-01"}, 100, 10_000),
        ({"q": "grain", "date_from": "2000-01-01"}, 100, 0),
        ({"person": "bo-chen"}, 10_000, 0),  # browsing without words
        ({"person": "bo-chen"}, 100, 0),
    ],
)
def test_the_facets_sample_spans_an_archive_imported_in_date_order(
    client, archive_in_date_order, monkeypatch, params, count_cap, index_scan_limit
):
    """The first 50 of 200 matches the database finds are all from the first three years
    (the table's order is the order of import); the facets' sample takes some from every
    year, about as many from each."""
    monkeypatch.setattr("readouts.selectors.FACET_SAMPLE", 50)
    monkeypatch.setattr("readouts.selectors.COUNT_CAP", count_cap)
    monkeypatch.setattr("readouts.sampling.INDEX_SCAN_LIMIT", index_scan_limit)  # SQLite
    monkeypatch.setattr("readouts.sampling.WINDOW_IDS", 1)  # 100 windows over ~210 ids
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    assert response.context["listing"].page.paginator.count == min(200, count_cap)
    years = {int(f.label): f.count for f in response.context["facets"]["Year"]}
    sampled = sum(years.values())
    assert set(years) == set(YEARS)
    assert all(n <= 3 * sampled / len(YEARS) for n in years.values()), years
    assert f"Counts in a sample of {sampled} of the matches" in response.content.decode()


@pytest.mark.parametrize("params", [{"q": "grain"}, {"person": "bo-chen"}])
def test_a_spread_sample_that_holds_nothing_gives_way_to_the_first_matches(
    client, archive_in_date_order, monkeypatch, params
):
    """A filter that keeps few statements can leave none in the windows: the facets then
    count the first matches found rather than show nothing."""
    monkeypatch.setattr("readouts.selectors.FACET_SAMPLE", 50)
    monkeypatch.setattr("readouts.selectors.COUNT_CAP", 100)  # too many to sample in the count
    monkeypatch.setattr("readouts.sampling.INDEX_SCAN_LIMIT", 0)
    monkeypatch.setattr("readouts.search.spread_sample", lambda q, rows, *args: rows.none())
    monkeypatch.setattr("readouts.sampling.in_windows", lambda rows: rows.none())
    response = client.get(SEARCH, params)
    years = response.context["facets"]["Year"]
    assert sum(f.count for f in years) == 50
    assert "Counts in a sample of 50 of the matches" in response.content.decode()


@pytest.mark.parametrize("params", [{"q": "grain"}, {"person": "bo-chen"}])
def test_the_count_is_right_whether_the_facet_sample_holds_every_match_or_not(
    client, calls, monkeypatch, params
):
    """The page takes its count from the first facets when they hold every match."""
    many_statements(Person.objects.get(slug="bo-chen"), 30)

    def count(sample: int) -> int:
        monkeypatch.setattr("readouts.selectors.FACET_SAMPLE", sample)
        return client.get(SEARCH, params).context["listing"].page.paginator.count

    matches = count(10**6)
    assert matches > 30
    for sample in (matches - 1, matches, matches + 1, 5):
        assert count(sample) == matches, sample


@pytest.mark.parametrize("sample", [5, 10**6])
@pytest.mark.parametrize("params", [{"q": "grain"}, {"q": "grain", "person": "bo-chen"}])
def test_the_index_alone_counts_as_the_filtered_search_does(
    client, calls, monkeypatch, sample, params
):
    """Without other filters the count and the facets' sample come from the search index
    alone; a date filter that leaves every statement takes the other way to the same page."""
    many_statements(Person.objects.get(slug="bo-chen"), 30)
    monkeypatch.setattr("readouts.selectors.FACET_SAMPLE", sample)

    def seen(extra: dict) -> tuple:
        context = client.get(SEARCH, {**params, **extra}).context
        facets = {
            name: [(f.label, f.count) for f in links] for name, links in context["facets"].items()
        }
        return (
            context["listing"].page.paginator.count,
            [s.pk for s in context["listing"].page],
            facets,
        )

    alone, joined = seen({}), seen({"date_from": "1900-01-01"})
    assert alone[0] > 30
    assert alone[:2] == joined[:2]
    if sample > alone[0]:  # every match counted: the facets agree too (samples may differ)
        assert alone[2] == joined[2]
        assert sum(n for _, n in alone[2]["Year"]) == alone[0]


@pytest.mark.parametrize(
    ("url", "field"),
    [
        (SEARCH + "?q=talks&", "year"),
        (reverse("readouts:call-list") + "?", "year"),
        (reverse("readouts:person-list") + "?", "country"),
    ],
)
def test_filter_fields_show_the_values_of_each_request(client, calls, url, field):
    """The rendered fields are cached by their values: each request must see its own values
    and errors, whatever was rendered before."""

    def field_html(query: str) -> str:
        page = client.get(url + query).content.decode()
        start = page.index(f'name="{field}"')
        return page[page.rindex("<input", 0, start) : page.index(">", start) + 1]

    for _ in range(2):  # the second round reads what the first one cached
        assert 'value="2019"' in field_html(f"{field}=2019")
        assert 'value="2021"' in field_html(f"{field}=2021")
        assert "value=" not in field_html("")
        # Repeated, the parameter's last value is the one the form reads and shows.
        assert 'value="2021"' in field_html(f"{field}=2019&{field}=2021")
        assert 'value="2019"' in field_html(f"{field}=2019")
    if field == "year":
        bad = client.get(url + "year=abc").content.decode()
        assert "Enter a whole number." in bad
        assert "Enter a whole number." not in client.get(url + "year=2019").content.decode()


def test_large_counts_are_printed_with_thousands_separators(client, calls, monkeypatch):
    """As the facets' sample ("a sample of 1,979") and the cap ("more than 10,000") are."""
    monkeypatch.setattr("readouts.views.CappedPaginator.count", 8759)
    html = client.get(SEARCH, {"q": "grain"}).content.decode()
    assert "<strong>8,759</strong> statements match" in html
