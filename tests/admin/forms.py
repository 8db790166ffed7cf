"""Submit admin forms as a browser would: every field the page renders, with its value."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormFields(HTMLParser):
    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.data = form_id, False, {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside or "name" not in a and tag != "option":
            return
        if "__prefix__" in a.get("name", ""):
            return  # the template the page's script copies for "Add another"
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self.data[a["name"]] = a.get("value", default)
        elif tag == "select":
            self._select = a["name"]
            self.data.setdefault(a["name"], "")
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.data[a["name"]] = ""

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            if self._textarea and self.data[self._textarea].startswith("\n"):
                self.data[self._textarea] = self.data[self._textarea][1:]
            self._textarea = None
        elif tag == "form":
            self.inside = False


def change_form(client, url: str) -> dict[str, str]:
    """The data the change form at `url` would submit unchanged."""
    response = client.get(url)
    assert response.status_code == 200, url
    model = url.split("/")[3]  # /admin/readouts/<model>/...
    parser = _FormFields(f"{model}_form")
    parser.feed(response.content.decode())
    assert parser.data, f"no form fields found at {url}"
    return parser.data


def save(client, url: str, **changes: str):
    data = change_form(client, url) | changes
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    return response
