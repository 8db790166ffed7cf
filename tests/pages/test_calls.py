import csv
import datetime as dt
import io
import json

import pytest
from django.urls import get_script_prefix, reverse, set_script_prefix

from readouts.models import Call

from .factories import PEOPLE, corpus

pytestmark = pytest.mark.django_db

CALLS = reverse("readouts:call-list")


@pytest.fixture
def calls():
    return corpus(12)


def titles(response) -> list[str]:
    return [c.title for c in response.context["listing"].page]


def test_lists_newest_first_with_date_people_and_medium(client, calls):
    response = client.get(CALLS)
    assert response.status_code == 200
    rows = list(response.context["listing"].page)
    assert [c.date for c in rows] == sorted((c.date for c in calls), reverse=True)
    html = response.content.decode()
    newest = calls[-1]
    assert newest.title in html and newest.date.strftime("%-d %b %Y") in html
    assert "Ana Lópes (Brazil)" in html and "Meeting" in html and "Video call" in html


def test_sort_oldest(client, calls):
    rows = list(client.get(CALLS, {"sort": "oldest"}).context["listing"].page)
    assert rows[0].pk == calls[0].pk


@pytest.mark.parametrize("value", ["Bo Chen", "bo-chen", "Minister Chen", "bo chen"])
def test_filter_by_person_name_slug_or_alias(client, calls, value):
    response = client.get(CALLS, {"person": value})
    expected = {c.title for c in calls if "Bo Chen" in c.title}
    assert set(titles(response)) == expected and len(expected) == 6


def test_filter_by_date_range_year_country_medium_requested(client, calls):
    in_2021 = {c.title for c in calls if c.date.year == 2021}
    assert set(titles(client.get(CALLS, {"year": 2021}))) == in_2021
    got = titles(client.get(CALLS, {"date_from": "2021-01-01", "date_to": "2021-12-31"}))
    assert set(got) == in_2021
    ukraine = {c.title for c in calls if "Dmytro Koval" in c.title}
    assert set(titles(client.get(CALLS, {"country": "ukraine"}))) == ukraine
    video = {c.title for c in calls if c.medium == "video"}
    assert set(titles(client.get(CALLS, {"medium": "video"}))) == video
    # the first participant asked for each call in the corpus
    asked = {c.title for c in calls if c.title.startswith("Erik Larsen")}
    assert set(titles(client.get(CALLS, {"requested_by": "Erik Larsen"}))) == asked


@pytest.mark.parametrize("value", ["Ukraine", "ukraine", "UKRAINE", " uKrAiNe "])
def test_country_filter_ignores_case(client, calls, value):
    ukraine = {c.title for c in calls if "Dmytro Koval" in c.title}
    assert set(titles(client.get(CALLS, {"country": value}))) == ukraine and ukraine


def test_country_filter_finds_every_spelling_of_the_country(client, calls):
    shouted = Call.objects.filter(participants__country="Ukraine").earliest("date")
    shouted.participants.filter(country="Ukraine").update(country="UKRAINE")
    ukraine = {c.title for c in calls if "Dmytro Koval" in c.title}
    assert set(titles(client.get(CALLS, {"country": "ukraine"}))) == ukraine


def test_unknown_country_is_no_results_not_an_error(client, calls):
    response = client.get(CALLS, {"country": "Atlantis"})
    assert response.status_code == 200
    assert response.context["listing"].page.paginator.count == 0
    assert "No calls match these filters." in response.content.decode()


def test_download_filtered_by_country_in_any_case(client, calls):
    url = reverse("readouts:call-export", kwargs={"fmt": "jsonl"})
    response = client.get(url, {"country": "UKRAINE"})
    records = [json.loads(line) for line in b"".join(response.streaming_content).splitlines()]
    expected = sum(1 for c in calls if "Dmytro Koval" in c.title)
    assert len(records) == expected and expected
    response = client.get(url, {"country": "Atlantis"})
    assert response.status_code == 200 and b"".join(response.streaming_content) == b""


def test_pagination_keeps_the_filters(client):
    made = corpus(60)
    params = {"date_from": "2020-06-01", "sort": "oldest"}
    expected = sorted(c.date for c in made if c.date >= dt.date(2020, 6, 1))
    first = client.get(CALLS, params).context["listing"]
    assert first.page.paginator.count == len(expected) and first.page.paginator.num_pages == 3
    assert first.next_url == "?date_from=2020-06-01&sort=oldest&page=2"
    response = client.get(CALLS + first.next_url)
    second = response.context["listing"]
    assert second.page.number == 2
    assert [c.date for c in second.page] == expected[25:50]
    html = response.content.decode()
    assert 'href="?date_from=2020-06-01&amp;sort=oldest&amp;page=3"' in html
    assert 'href="?date_from=2020-06-01&amp;sort=oldest&amp;page=1"' in html


@pytest.mark.parametrize(
    "params, message",
    [
        ({"date_from": "yesterday"}, "Enter a valid date."),
        ({"date_from": "2022-02-30"}, "Enter a valid date."),
        ({"year": "-1"}, "greater than or equal to 1900"),
        ({"year": "99999999999999999999999"}, "less than or equal to 2100"),
        ({"medium": "pigeon"}, "Select a valid choice."),
        ({"sort": "random"}, "Select a valid choice."),
        ({"date_from": "2022-05-01", "date_to": "2022-01-01"}, "end date is before the start"),
        ({"person": "a\x00b"}, "Null characters are not allowed."),
    ],
)
def test_bad_filter_values_are_explained(client, calls, params, message):
    response = client.get(CALLS, params)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["listing"].page.paginator.count == 0


@pytest.mark.parametrize(
    "page, note",
    [("abc", "is not a page number"), ("0", "is not a page number"), ("99999", "no page 99999")],
)
def test_bad_page_numbers_show_a_page_with_a_note(client, calls, page, note):
    response = client.get(CALLS, {"page": page})
    assert response.status_code == 200
    assert note in response.content.decode()
    assert len(response.context["listing"].page) > 0


def test_unknown_person_is_no_results_not_an_error(client, calls):
    response = client.get(CALLS, {"person": "Nobody Atall"})
    assert response.status_code == 200
    assert "No calls match these filters." in response.content.decode()


def test_download_filtered_calls_as_csv_and_jsonl(client, calls):
    url = reverse("readouts:call-export", kwargs={"fmt": "jsonl"})
    response = client.get(url, {"person": "Bo Chen"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="calls-')
    records = [json.loads(line) for line in b"".join(response.streaming_content).splitlines()]
    assert len(records) == 6
    assert [r["date"] for r in records] == sorted(r["date"] for r in records)
    assert all("Bo Chen" in [p["name"] for p in r["participants"]] for r in records)
    response = client.get(reverse("readouts:call-export", kwargs={"fmt": "csv"}), {"year": 2020})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    in_2020 = [c for c in calls if c.date.year == 2020]
    assert len(rows) == 3 * len(in_2020)
    assert {r["date"][:4] for r in rows} == {"2020"}


def test_download_with_a_bad_filter_is_a_400(client, calls):
    url = reverse("readouts:call-export", kwargs={"fmt": "csv"})
    response = client.get(url, {"date_to": "soon"})
    assert response.status_code == 400
    assert b"date_to" in response.content


def test_call_list_links_downloads_with_the_filters(client, calls):
    html = client.get(CALLS, {"person": "Bo Chen", "page": 1}).content.decode()
    assert '/calls/export.csv?person=Bo+Chen"' in html


def test_call_detail(client, calls):
    call = calls[2]
    response = client.get(call.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    a, b = PEOPLE[2], PEOPLE[3]
    assert f'{a[0]}</a>, <span class="as-printed">{a[2]}</span>' in html
    assert f"({b[1]})" in html and "asked for the call" in html
    readout = call.readouts.get()
    statements = list(readout.statements.order_by("position"))
    positions = [html.index(f'id="{s.anchor}"') for s in statements]
    assert positions == sorted(positions)
    for s in statements:
        assert f'href="#{s.anchor}"' in html
    assert f'href="{statements[1].speaker.get_absolute_url()}"' in html
    assert readout.source_file in html and readout.sha256 in html and readout.url in html
    assert '<details class="raw">' in html
    today = dt.date.today().strftime("%-d %B %Y")
    assert (
        f"“{readout.title}”, News, published {call.date:%-d %B %Y}; meeting of "
        f"{call.date:%-d %B %Y} between Claire Dubois and Dmytro Koval. Readout Archive, "
        f"http://testserver/calls/{call.pk}/#readout-{readout.pk}, accessed {today}."
    ) in html


def test_call_detail_404(client, calls):
    assert client.get("/calls/999999/").status_code == 404
    assert client.get("/calls/99999999999999999999999999/").status_code == 404


def test_statement_url_points_at_its_anchor(calls):
    s = calls[0].readouts.get().statements.get(position=1)
    assert s.get_absolute_url() == f"/calls/{calls[0].pk}/#s{s.readout_id}-1"
    assert Call.objects.count() == 12


def test_row_urls_are_what_reverse_gives_under_any_script_prefix(calls):
    s = calls[0].readouts.get().statements.get(position=1)
    person = s.speaker
    prefix = get_script_prefix()
    try:
        for script_prefix in ("/", "/archive/"):
            set_script_prefix(script_prefix)
            assert calls[0].get_absolute_url() == reverse(
                "readouts:call-detail", args=[calls[0].pk]
            )
            assert person.get_absolute_url() == reverse(
                "readouts:person-detail", args=[person.slug]
            )
            assert s.get_absolute_url() == f"{calls[0].get_absolute_url()}#{s.anchor}"
        assert calls[0].get_absolute_url() == f"/archive/calls/{calls[0].pk}/"
    finally:
        set_script_prefix(prefix)


def test_call_rows_link_to_their_calls(client, calls):
    html = client.get(CALLS).content.decode()
    for call in calls:
        assert (
            f'<time datetime="{call.date:%Y-%m-%d}">{call.date:%-d %b %Y}</time>\n'
            f'  <a class="call-title" href="/calls/{call.pk}/">{call.title}</a>'
        ) in html
