"""A person at a browser: log in, correct who said a statement, see it on the public page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from readouts.models import Statement

from . import factories

pytestmark = pytest.mark.browser


def test_staff_fix_a_speaker_and_the_public_page_shows_it(page, live_server, django_user_model):
    django_user_model.objects.create_superuser("editor", "e@example.org", "a-long-pass-phrase")
    readout = factories.world(statements=3)[0]
    factories.person("Gamma Envoy", "Carpathia", aliases=("Envoy Gamma",))
    statement = readout.statements.get(position=1)

    page.goto(live_server.url + reverse("admin:readouts_readout_change", args=[readout.pk]))
    assert "/admin/login/" in page.url  # not logged in: sent to the login form
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-pass-phrase")
    page.click("input[type=submit]")
    page.wait_for_selector("#readout_form")

    its_id = page.locator(f"input[name$='-id'][value='{statement.pk}']")
    row = page.locator("tr.form-row", has=its_id)
    row.locator(".select2-selection").click()
    page.fill(".select2-search__field", "envoy")
    page.locator(".select2-results__option", has_text="Gamma Envoy").click()
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    statement.refresh_from_db()
    assert statement.speaker.name == "Gamma Envoy" and statement.edited
    page.goto(live_server.url + f"/calls/{readout.call_id}/")
    assert "Gamma Envoy" in page.locator(f"[id='{statement.anchor}']").inner_text()
    others = Statement.objects.filter(readout=readout).exclude(pk=statement.pk)
    assert all(not s.edited for s in others)
