"""The public pages. Each view validates its query string (a form or a FilterSet), asks a
selector for the rows and renders; a value it cannot use is a message on the page with a 400."""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.forms import BoundField
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.functional import cached_property

from . import selectors
from .charts import calls_chart
from .filters import CallFilter, PersonFilter, StatementSearchFilter
from .forms import SearchForm
from .models import Call, Person, Statement
from .search import Query, QueryError, parse_query, sorts_few_rows_whole
from .search import plan_for_date_walk as search_plan_for_date_walk
from .search.query import MAX_LENGTH, MAX_TERMS

CALLS_PER_PAGE = 25
PEOPLE_PER_PAGE = 50
RESULTS_PER_PAGE = 20
COUNTERPARTS_SHOWN = 20
MAX_PAGE_PARAM = 9


@dataclass
class Listing:
    """A page of rows, the query string that made it (without the page) and any notes."""

    page: Page
    query: str
    notes: list[str] = field(default_factory=list)
    param: str = "page"

    def url(self, number: int) -> str:
        return "?" + "&".join(p for p in (self.query, f"{self.param}={number}") if p)

    @property
    def prev_url(self) -> str | None:
        return self.url(self.page.previous_page_number()) if self.page.has_previous() else None

    @property
    def next_url(self) -> str | None:
        return self.url(self.page.next_page_number()) if self.page.has_next() else None

    @property
    def links(self) -> list[tuple[int | None, str | None]]:
        """(number, url) for the first, last and nearby pages; (None, None) marks a gap."""
        last, here = self.page.paginator.num_pages, self.page.number
        shown = sorted({1, last, *range(max(1, here - 2), min(last, here + 2) + 1)})
        links: list[tuple[int | None, str | None]] = []
        for i, number in enumerate(shown):
            if i and number - shown[i - 1] > 1:
                links.append((None, None))
            links.append((number, self.url(number)))
        return links


def _kept_pairs(request: HttpRequest, names: list[str]) -> list[tuple[str, str]]:
    return [
        (name, value) for name in names for value in request.GET.getlist(name)[:1] if value != ""
    ]


def kept_query(request: HttpRequest, names: list[str], page_param: str = "page") -> str:
    """The query string of the given parameters, re-encoded; never the page number."""
    return urlencode(_kept_pairs(request, [n for n in names if n != page_param]))


class CappedPaginator(Paginator):
    """Pages over a count that stops at a cap (`more` when there are more rows: only the
    first `cap` can be paged). `listing` makes a query of statements select what a row
    shows. A page is fetched ids first: the ordered query selects only the page's ids, then
    one query fetches those rows; sorting whole rows (text included) was 3 × slower than
    sorting ids on SQLite. `plan`: a context for the ids query alone (the date walk's
    planner settings would make the fetch slow). `whole`: the ordered query selects the
    rows itself, one query instead of two (search.sorts_few_rows_whole)."""

    def __init__(
        self,
        object_list,
        per_page: int,
        counted: int,
        cap: int,
        listing,
        plan=nullcontext,
        whole: bool = False,
    ) -> None:
        super().__init__(object_list, per_page)
        self.counted, self.cap, self.listing, self.plan = counted, cap, listing, plan
        self.whole = whole

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.cap)

    @property
    def more(self) -> bool:
        return self.counted > self.cap

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if self.whole:
            rows = list(self.listing(self.object_list)[bottom:][: self.per_page])
            return self._get_page(rows, number, self)
        with self.plan():
            ids = list(self.object_list.values_list("pk", flat=True)[bottom:][: self.per_page])
        fetched = self.listing(Statement.objects.filter(pk__in=ids)) if ids else []
        rows = {row.pk: row for row in fetched}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)


def paginate(
    request: HttpRequest,
    rows,
    per_page: int,
    names: list[str],
    param: str = "page",
    paginator: Paginator | None = None,
) -> Listing:
    paginator = paginator or Paginator(rows, per_page)
    raw = request.GET.get(param, "1")
    notes = []
    number = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= MAX_PAGE_PARAM else None
    if number is None or number < 1:
        notes.append(f"“{raw[:40]}” is not a page number; showing the first page.")
        number = 1
    elif number > paginator.num_pages:
        notes.append(f"There is no page {number}; showing the last page, {paginator.num_pages}.")
        number = paginator.num_pages
    return Listing(paginator.page(number), kept_query(request, names, param), notes, param)


def fields_key(*fields: BoundField) -> str:
    """What the fields render from: each raw value as its widget reads it (the last of a
    repeated parameter, a date as typed). Rendering a field takes its widget's templates
    (60-200 µs each, a millisecond for a filter form); the pages cache the rendered fields
    under this key ({% cache %}), since the same values always render the same, errors
    included."""
    return repr(
        [
            (
                bf.html_name,
                bf.field.widget.value_from_datadict(bf.form.data, bf.form.files, bf.html_name),
            )
            for bf in fields
        ]
    )


def _status(*forms) -> int:
    return 400 if any(f.errors for f in forms) else 200


def home(request: HttpRequest) -> HttpResponse:
    counts = selectors.archive_counts()
    context = {
        "counts": counts,
        "shown": {name: f"{n:,}" for name, n in counts.items()},
        "latest": Call.objects.for_listing()[:10],
        "chart": calls_chart(selectors.calls_per_month()),
    }
    return render(request, "readouts/home.html", context)


def call_list(request: HttpRequest) -> HttpResponse:
    suggestions = selectors.suggestions()
    filterset = CallFilter(
        request.GET, queryset=Call.objects.for_listing(), suggestions=suggestions
    )
    calls = filterset.qs if filterset.is_valid() else Call.objects.none()
    listing = paginate(request, calls, CALLS_PER_PAGE, list(filterset.form.fields))
    context = {
        "filter": filterset,
        "listing": listing,
        "datalists": suggestions.datalists(),
        "fields_key": fields_key(*filterset.form),
        "filtered": bool(listing.query.replace("sort=newest", "")),
    }
    return render(request, "readouts/call_list.html", context, status=_status(filterset.form))


def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = selectors.call_detail(pk).first()
    if call is None:
        raise Http404("No call with this number.")
    context = {
        "call": call,
        "participants": list(call.participants.all()),
        "readouts": list(call.readouts.all()),
        "today": dt.date.today(),
        "page_url": request.build_absolute_uri(call.get_absolute_url()),
    }
    return render(request, "readouts/call_detail.html", context)


def person_list(request: HttpRequest) -> HttpResponse:
    suggestions = selectors.suggestions()
    filterset = PersonFilter(request.GET, queryset=Person.objects.all(), suggestions=suggestions)
    people = filterset.qs if filterset.is_valid() else Person.objects.none()
    listing = paginate(
        request, selectors.people_for_listing(people), PEOPLE_PER_PAGE, ["name", "country"]
    )
    context = {
        "filter": filterset,
        "listing": listing,
        "datalists": suggestions.datalists(people=False),
        "fields_key": fields_key(*filterset.form),
    }
    return render(request, "readouts/person_list.html", context, status=_status(filterset.form))


@dataclass
class Found:
    """A search's statements in the page's order, their number up to the count cap + 1, the
    facets (counted over the plain form of the match: the walk's form would list every match
    first), notes on how the query was read and whether the page walks the date order (a
    common term, newest or oldest first)."""

    rows: QuerySet[Statement]
    counted: int
    facets: selectors.Facets
    notes: list[str]
    walk: bool = False
    whole: bool = False


def _whole_rows(counted: int, sort: str) -> bool:
    """With few matches in date order, the ordered query joins each to its call to sort
    them, so it may as well select their rows (where search.sorts_few_rows_whole); ranked,
    it joins none of them, and selecting the rows would join them all (997 matches at
    100,000 statements: 33 ms instead of 23)."""
    return sort != "relevance" and counted < selectors.COMMON_MATCHES and sorts_few_rows_whole()


def _query_notes(query: Query) -> list[str]:
    """What the page says about how the query was read."""
    if not query.truncated:
        return []
    return [
        f"Only the first {MAX_TERMS} terms (and {MAX_LENGTH} characters) of this search were used."
    ]


def _find(
    form: SearchForm,
    statements: QuerySet[Statement],
    speakers: list[int] | None = None,
    index_alone: bool = False,
    people: selectors.PeopleById | None = None,
) -> Found:
    """`speakers`: `statements` holds only theirs (StatementSearchFilter.speaker_ids);
    `index_alone`: no other filter narrows `statements` (StatementSearchFilter.index_alone);
    `people`: names for the facets (Suggestions.people).
    Raises QueryError (a message for the user) for a query that cannot be run."""
    q, sort = form.cleaned_data["q"], form.cleaned_data["sort"]
    if not q:  # browsing without words
        facets, counted = selectors.facets_and_count(statements, people=people)
        rows = selectors.order_statements(statements, sort)
        return Found(rows, counted, facets, [], whole=_whole_rows(counted, sort))
    query = parse_query(q)
    # The count (capped, unranked) decides how the facets' sample is taken and how the page
    # is fetched.
    matches = selectors.find_statements(query, statements, "newest", speakers=speakers)
    facets, counted = selectors.facets_and_count(
        matches, query, statements, speakers, people, index_alone
    )
    common = counted >= selectors.COMMON_MATCHES
    rows = selectors.find_statements(query, statements, sort, common=common, speakers=speakers)
    notes = _query_notes(query)
    walk = common and sort != "relevance"
    return Found(rows, counted, facets, notes, walk, whole=_whole_rows(counted, sort))


def _statement_results(
    form: SearchForm, statements: QuerySet[Statement], speakers: list[int]
) -> tuple[QuerySet[Statement], str | None, list[str]]:
    """The statements matching the form's query in its order, a message if the query cannot
    be run, and notes on how it was read. `statements` holds only the `speakers`' own."""
    q, sort = form.cleaned_data["q"], form.cleaned_data["sort"]
    if not q:
        return selectors.order_statements(statements, sort), None, []
    try:
        query = parse_query(q)
        found = selectors.find_statements(query, statements, sort, speakers=speakers)
    except QueryError as exc:
        return Statement.objects.none(), str(exc), []
    notes = _query_notes(query)
    return found, None, notes


def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person, slug=slug)
    form = SearchForm(request.GET)
    error = None
    if form.is_valid():
        own = Statement.objects.filter(speaker=person)
        statements, error, notes = _statement_results(form, own, [person.pk])
    else:
        statements, notes = Statement.objects.none(), []
    statements = selectors.statements_for_listing(statements)
    results = paginate(request, statements, RESULTS_PER_PAGE, ["q", "sort", "cpage"])
    results.notes[:0] = notes
    calls = paginate(
        request, selectors.person_calls(person), CALLS_PER_PAGE, ["q", "sort", "page"], "cpage"
    )
    q = form.cleaned_data.get("q", "") if form.is_valid() else ""
    if q:
        selectors.add_snippets(list(results.page), q)
    context = {
        "person": person,
        "calls": calls,
        "counterparts": selectors.counterparts(person)[:COUNTERPARTS_SHOWN],
        "form": form,
        "q": q,
        "error": error,
        "results": results,
    }
    status = 400 if error or form.errors else 200
    return render(request, "readouts/person_detail.html", context, status=status)


SEARCH_PARAMS = ["q", "sort", "person", "country", "date_from", "date_to", "year", "kind"]


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    suggestions = selectors.suggestions()
    filterset = StatementSearchFilter(
        request.GET, queryset=Statement.objects.all(), suggestions=suggestions
    )
    valid = form.is_valid() and filterset.is_valid()
    asked = any(request.GET.get(name) for name in SEARCH_PARAMS if name != "sort")
    context = {
        "form": form,
        "filter": filterset,
        "asked": asked,
        "filters_used": any(request.GET.get(name) for name in filterset.form.fields),
        "error": None,
        "datalists": suggestions.datalists(),
        "fields_key": fields_key(*filterset.form, form["sort"]),
        "q_key": fields_key(form["q"]),
    }
    if not valid or not asked:
        return render(
            request, "readouts/search.html", context, status=_status(form, filterset.form)
        )
    q = form.cleaned_data["q"]
    try:
        speakers = filterset.speaker_ids() if q else None
        found = _find(
            form, filterset.qs, speakers, filterset.index_alone(speakers), suggestions.people()
        )
    except QueryError as exc:
        context.update(error=str(exc), q=q)
        return render(request, "readouts/search.html", context, status=400)
    paginator = CappedPaginator(
        found.rows,
        RESULTS_PER_PAGE,
        found.counted,
        selectors.COUNT_CAP,
        selectors.statements_for_listing,
        plan=search_plan_for_date_walk if found.walk else nullcontext,
        whole=found.whole,
    )
    listing = paginate(request, None, RESULTS_PER_PAGE, SEARCH_PARAMS, paginator=paginator)
    listing.notes[:0] = found.notes
    if q:
        selectors.add_snippets(list(listing.page), q)
    context.update(
        q=q,
        listing=listing,
        facets=facet_links(request, found.facets),
        facet_sample=f"{found.facets.counted:,}" if found.facets.sampled else None,
        count_cap=f"{selectors.COUNT_CAP:,}",
        download_query=kept_query(request, SEARCH_PARAMS),
    )
    return render(request, "readouts/search.html", context)


@dataclass
class FacetLink:
    label: str
    count: int
    url: str
    active: bool


def facet_links(request: HttpRequest, facets: selectors.Facets) -> dict[str, list[FacetLink]]:
    """Each facet value as a link to the same search narrowed to it: the other parameters as
    they are, this one last (encoded once per facet, not once per value)."""
    kept = _kept_pairs(request, SEARCH_PARAMS)

    def links(name: str, rows: list[tuple[object, str, int]]) -> list[FacetLink]:
        others = urlencode([(k, v) for k, v in kept if k != name])
        start = f"?{others}&" if others else "?"
        current = request.GET.get(name, "")
        return [
            FacetLink(label, count, start + urlencode({name: str(value)}), current == str(value))
            for value, label, count in rows
        ]

    return {
        "Speaker": links(
            "person", [(r["speaker__slug"], r["speaker__name"], r["n"]) for r in facets.people]
        ),
        "Speaker's country": links(
            "country",
            [(r["speaker__country"], r["speaker__country"], r["n"]) for r in facets.countries],
        ),
        "Year": links("year", [(r["year"], str(r["year"]), r["n"]) for r in facets.years]),
    }


def search_help(request: HttpRequest) -> HttpResponse:
    return render(request, "readouts/search_help.html")
