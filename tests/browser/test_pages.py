"""What a new user does, in a real browser: search, land on a statement, filter, page."""

from __future__ import annotations

import re

import pytest

from readouts.models import Person
from tests.pages.factories import corpus, many_statements

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TARGET_BACKGROUND = "rgb(255, 246, 214)"  # .statement:target in static/css/site.css


@pytest.fixture
def site(live_server):
    corpus(20)
    many_statements(Person.objects.get(slug="bo-chen"), 45, word="wheat")
    return live_server.url


def test_search_open_a_result_and_land_on_the_statement(page, site):
    page.goto(site + "/")
    page.get_by_label("Search what was said").fill("grain")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/search/\?q=grain"))
    assert "statements match “grain”" in page.locator(".result-count").inner_text()
    first = page.locator(".result").first
    excerpt = first.locator(".excerpt").inner_text()
    first.locator(".result-title a").click()
    page.wait_for_url(re.compile(r"/calls/\d+/#s\d+-\d+$"))
    anchor = page.url.split("#", 1)[1]
    statement = page.locator(f"#{anchor}")
    assert statement.is_visible()
    assert statement.evaluate("el => el.matches(':target')")
    background = statement.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background == TARGET_BACKGROUND
    assert excerpt.strip(" …")[:20] in statement.inner_text()
    box = statement.bounding_box()
    assert 0 <= box["y"] < 900  # scrolled into view


def test_filter_calls_by_person_and_date(page, site):
    page.goto(site + "/calls/")
    page.get_by_label("Person").fill("Bo Chen")
    page.get_by_label("From").fill("2021-01-01")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"person=Bo\+Chen"))
    assert "date_from=2021-01-01" in page.url
    rows = page.locator(".call-row")
    assert rows.count() > 0
    for i in range(rows.count()):
        row = rows.nth(i)
        assert "Bo Chen" in row.inner_text()
        assert row.locator("time").get_attribute("datetime") >= "2021-01-01"
    count = page.locator(".result-count").inner_text()
    assert re.match(r"\d+ calls? match(es)? these filters", count)
    # the filters stay filled in
    assert page.get_by_label("Person").input_value() == "Bo Chen"


def test_page_through_results(page, site):
    page.goto(site + "/search/?q=wheat&sort=oldest")
    assert "45 statements match “wheat”" in page.locator(".result-count").inner_text()
    first_page = page.locator(".result .excerpt").all_inner_texts()
    page.get_by_role("link", name="Next →").click()
    page.wait_for_url(re.compile(r"page=2"))
    assert "q=wheat" in page.url and "sort=oldest" in page.url
    assert "page 2 of 3" in page.locator(".result-count").inner_text()
    second_page = page.locator(".result .excerpt").all_inner_texts()
    assert len(second_page) == 20 and not set(first_page) & set(second_page)
    page.get_by_role("link", name="Page 3").click()
    page.wait_for_url(re.compile(r"page=3"))
    assert page.locator(".result").count() == 5
    assert page.get_by_role("link", name="Next →").count() == 0


def test_a_malformed_query_shows_a_helpful_message(page, site):
    page.goto(site + "/search/")
    page.get_by_label("Words or phrases").fill('"grain exports')
    page.get_by_role("button", name="Search", exact=True).click()
    alert = page.get_by_role("alert")
    assert "This search could not be run." in alert.inner_text()
    assert "quote mark is not closed" in alert.inner_text()
    assert page.get_by_role("link", name="how to write a search").is_visible()
    assert page.get_by_label("Words or phrases").input_value() == '"grain exports'


def test_the_person_page_searches_only_their_statements(page, site):
    page.goto(site + "/people/")
    page.get_by_role("link", name="Bo Chen").click()
    page.wait_for_url(re.compile(r"/people/bo-chen/$"))
    page.get_by_label("Search only Bo Chen's statements").fill("grain")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/people/bo-chen/\?q=grain"))
    count = page.locator(".own-search .result-count").inner_text()
    found = int(count.split()[0])
    assert found > 0
    # the same count as the main search narrowed to Bo Chen as the speaker
    page.goto(site + "/search/?q=grain&person=bo-chen")
    assert page.locator(".result-count strong").inner_text() == str(found)


@pytest.mark.parametrize("path", ["/", "/calls/", "/people/", "/search/?q=grain"])
def test_pages_fit_a_phone(phone, site, path):
    phone.goto(site + path)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{path} is {width}px wide"


def test_keyboard_user_can_skip_to_content(page, site):
    page.goto(site + "/calls/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")


def test_pages_load_without_console_errors_under_the_csp(page, site):
    """No inline script or style, nothing from elsewhere: the strict policy blocks nothing."""
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    chen = Person.objects.get(slug="bo-chen")
    call = chen.calls.order_by("id").first()
    for path in [
        "/",
        "/calls/",
        call.get_absolute_url(),
        "/people/",
        chen.get_absolute_url(),
        "/search/?q=grain",
        "/search/help/",
    ]:
        response = page.goto(site + path)
        assert response.status == 200, path
        assert "default-src 'self'" in response.headers.get("content-security-policy", "")
        assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")
    assert problems == []


def test_copy_link_keeps_the_permalink_in_the_address_bar(page, site):
    chen = Person.objects.get(slug="bo-chen")
    call = chen.calls.order_by("id").first()
    page.goto(site + call.get_absolute_url())
    link = page.locator(".statement .permalink").nth(1)
    href = link.get_attribute("href")
    link.click()
    assert page.url.endswith(href)
    assert page.locator(href).evaluate("el => el.matches(':target')")
