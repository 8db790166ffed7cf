"""The `highlight` filter: imported text is escaped, only the engine's hits become <mark>."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.template.defaultfilters import date

from readouts import search
from readouts.templatetags.readouts import highlight, short_date, thousands

from .factories import statements

S, E = search.HIT_START, search.HIT_END


def render(value) -> str:
    return Template("{% load readouts %}{{ value|highlight }}").render(Context({"value": value}))


def test_hits_become_marks_and_the_rest_is_escaped():
    assert render(f"a <b> & {S}grain{E} deal") == "a &lt;b&gt; &amp; <mark>grain</mark> deal"


def test_stray_and_unpaired_sentinels_are_dropped():
    assert render(f"{E}x {S}y{E} z{S}") == "x <mark>y</mark> z"
    assert render(f"{S}{S}grain{E}") == "<mark>grain</mark>"


def test_empty_and_none():
    assert highlight(None) == "" and highlight("") == ""


def test_a_hit_cannot_smuggle_markup():
    assert render(f"{S}<script>{E}") == "<mark>&lt;script&gt;</mark>"


HOSTILE = [
    "Talks on grain <script>alert(1)</script> ended.",
    'Grain deal <img src=x onerror=alert(1)> signed "quoted" & done.',
]


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["grain", "grain*", '"grain deal" OR talks'])
def test_hostile_statements_show_escaped_in_snippets(q):
    statements(*HOSTILE)
    rows = list(search.search_statements(q))
    search.add_snippets(rows, q)
    shown = {row.text: render(row.snippet) for row in rows}
    assert set(shown) == set(HOSTILE)
    for html in shown.values():
        assert "<mark>" in html
        assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown[HOSTILE[0]]
    assert "&lt;img src=x onerror=alert(1)&gt;" in shown[HOSTILE[1]]


def test_short_date_reads_as_django_s_date_filter():
    day = datetime.date(2000, 1, 1)
    while day.year < 2002:
        assert short_date(day) == date(day, "j M Y"), day
        day += datetime.timedelta(days=1)
    assert short_date(None) == ""


def test_thousands_separates_as_the_rest_of_the_page_does():
    assert thousands(8759) == "8,759"
    assert thousands(1000000) == "1,000,000"
    assert thousands(999) == "999"
    assert thousands(0) == "0"
    assert thousands("") == ""  # not a count: left as it is
