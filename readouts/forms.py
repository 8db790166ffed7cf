"""Forms for the parts of a page's query string that are not filters."""

from __future__ import annotations

from django import forms

# Newest first by default, as Hansard archives do (TheyWorkForYou sorts by date): it stays
# fast however common the words are; relevance ranks every match (docs/benchmarks.md).
SORTS = [("newest", "Newest first"), ("relevance", "Relevance"), ("oldest", "Oldest first")]


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search statements",
        required=False,
        max_length=500,
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "aria-describedby": "q-hint"}
        ),
    )
    sort = forms.ChoiceField(label="Sort", choices=SORTS, required=False)

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())

    def clean_sort(self) -> str:
        return self.cleaned_data["sort"] or "newest"
