import datetime as dt

import pytest

from readouts.charts import calls_chart

from .factories import corpus

pytestmark = pytest.mark.django_db


def test_home_with_counts_latest_calls_and_chart(client):
    calls = corpus(12)
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>12</strong> calls" in html and "<strong>5</strong> people" in html
    assert "<strong>36</strong> statements" in html
    assert [c.pk for c in response.context["latest"]] == [c.pk for c in reversed(calls)][:10]
    assert 'role="search"' in html and 'action="/search/"' in html
    bars = response.context["chart"].bars
    per_year = {}
    for c in calls:
        per_year[c.date.year] = per_year.get(c.date.year, 0) + 1
    assert {b.year: b.count for b in bars} == per_year
    assert '<a href="/calls/?year=2021"' in html
    assert "<title>2021: " in html


def test_chart_numbers_are_never_localized(client, settings):
    corpus(3)
    settings.USE_THOUSAND_SEPARATOR, settings.NUMBER_GROUPING = True, 3
    settings.DECIMAL_SEPARATOR, settings.USE_I18N = ",", False
    html = client.get("/").content.decode()
    assert '<a href="/calls/?year=2020"' in html and ">2020</a></th>" in html
    assert "2,020" not in html
    rect = html[html.index("<rect ") : html.index("</rect>")]
    assert "," not in rect and "." in rect


def test_empty_archive_home(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["chart"] is None
    assert "No calls yet." in response.content.decode()


def test_chart_includes_empty_years_and_month_tooltips():
    chart = calls_chart([(2019, 3, 2), (2019, 11, 1), (2022, 1, 6)])
    assert [(b.year, b.count) for b in chart.bars] == [(2019, 3), (2020, 0), (2021, 0), (2022, 6)]
    assert chart.bars[0].title == "2019: 3 calls (Mar 2, Nov 1)"
    assert chart.bars[1].title == "2020: 0 calls" and chart.bars[1].height == 0
    tallest = chart.bars[3]
    assert tallest.y + tallest.height == chart.baseline
    assert chart.bars[0].height == pytest.approx(tallest.height / 2, abs=0.1)
    assert chart.bars[0].months[2] == 2


def test_month_table(client):
    corpus(3, start=dt.date(2021, 1, 10))
    html = client.get("/").content.decode()
    assert "<caption>Number of calls by year and month</caption>" in html
    # 2021-01-10, 2021-02-20, 2021-04-02
    assert "<td>1</td><td>1</td><td>·</td><td>1</td>" in html


def test_chart_names_every_fifth_year_when_there_are_many():
    chart = calls_chart([(y, 1, 10) for y in range(2000, 2027)])
    named = [b.year for b in chart.bars if b.show_year]
    assert named == [2000, 2005, 2010, 2015, 2020, 2025]
    assert not any(b.show_count for b in chart.bars)
    few = calls_chart([(2020, 1, 1), (2021, 1, 2)])
    assert all(b.show_year and b.show_count for b in few.bars)
