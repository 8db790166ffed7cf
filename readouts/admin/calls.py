"""Calls, their readouts and the statements in them."""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.db.models import Max, Prefetch
from django.forms import Textarea
from django.urls import reverse
from django.utils.html import format_html

from ..models import Call, Participant, Readout, Statement
from .base import ProtectedAdmin, count_of
from .widgets import KnownChoiceAutocomplete, known_formset


def is_recovery(request) -> bool:
    match = request.resolver_match
    return bool(match and match.url_name and match.url_name.endswith(("_recover", "_recoverlist")))


def _is_changelist(request) -> bool:
    match = request.resolver_match
    return bool(match and match.url_name and match.url_name.endswith("_changelist"))


class KnownAutocompleteInline(admin.TabularInline):
    """An inline whose autocompletes label current values without a query per row."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.autocomplete_fields:
            kwargs["widget"] = KnownChoiceAutocomplete(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ParticipantInline(KnownAutocompleteInline):
    model = Participant
    formset = known_formset("person")
    fields = ("position", "person", "title", "country", "requested")
    autocomplete_fields = ("person",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person").order_by("position")


class ReadoutInline(admin.TabularInline):
    model = Readout
    fields = ("title", "source_file", "published_at", "edited")
    readonly_fields = fields
    show_change_link = True
    can_delete = False
    extra = 0

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # readouts come from source files

    def get_queryset(self, request):
        return super().get_queryset(request).defer("raw_text")


@admin.register(Call)
class CallAdmin(ProtectedAdmin):
    list_display = ("date", "title_", "participant_names", "medium", "readout_count", "protected")
    list_display_links = ("date", "title_")
    list_filter = ("edited", "medium")
    date_hierarchy = "date"
    search_fields = ("readouts__title", "participants__person__name", "participants__country")
    fields = ("protection", "date", "medium")
    inlines = (ParticipantInline, ReadoutInline)
    list_per_page = 50

    def get_queryset(self, request):
        qs = (
            super()
            .get_queryset(request)
            .prefetch_related(
                # `title` (also used in autocomplete labels) reads the first readout.
                Prefetch("readouts", queryset=Readout.objects.only("id", "call_id", "title"))
            )
        )
        if _is_changelist(request):
            qs = qs.annotate(readout_count=count_of(Readout, "call")).prefetch_related(
                Prefetch(
                    "participants",
                    queryset=Participant.objects.select_related("person").order_by("position"),
                )
            )
        return qs

    @admin.display(description="title")
    def title_(self, obj: Call) -> str:
        return obj.title

    @admin.display(description="people")
    def participant_names(self, obj: Call) -> str:
        return ", ".join(p.person.name for p in obj.participants.all())

    @admin.display(description="readouts", ordering="readout_count")
    def readout_count(self, obj: Call) -> int:
        return obj.readout_count


class StatementInline(KnownAutocompleteInline):
    model = Statement
    formset = known_formset("speaker")
    fields = ("position", "kind", "speaker", "speaker_label", "text", "edited")
    # Positions are the source's order; editing them here could swap two and break uniqueness.
    readonly_fields = ("position", "speaker_label", "edited")
    autocomplete_fields = ("speaker",)
    ordering = ("position",)
    extra = 0
    formfield_overrides = {models.TextField: {"widget": Textarea(attrs={"rows": 3, "cols": 50})}}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("speaker").order_by("position")


@admin.register(Readout)
class ReadoutAdmin(ProtectedAdmin):
    list_display = ("title", "call_date", "source_file", "statement_count", "protected")
    list_filter = ("edited", "call__medium", "section")
    date_hierarchy = "call__date"
    search_fields = ("title", "source_file", "url")
    list_select_related = ("call",)
    autocomplete_fields = ("call",)
    fieldsets = (
        (None, {"fields": ("protection", "call", "title", "section", "published_at", "url")}),
        (
            "Source (as imported, read-only)",
            {
                "fields": ("source_file", "sha256", "encoding", "raw_text"),
                "classes": ("collapse",),
            },
        ),
    )
    readonly_fields = ("source_file", "sha256", "encoding", "raw_text")
    inlines = (StatementInline,)
    list_per_page = 50

    def has_add_permission(self, request) -> bool:
        # Readouts come from source files (import_readouts); deleted ones can be recovered.
        return is_recovery(request) and super().has_add_permission(request)

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if _is_changelist(request):
            qs = qs.defer("raw_text").annotate(statement_count=count_of(Statement, "readout"))
        return qs

    @admin.display(description="date", ordering="call__date")
    def call_date(self, obj: Readout):
        return obj.call.date

    @admin.display(description="statements", ordering="statement_count")
    def statement_count(self, obj: Readout) -> int:
        return obj.statement_count

    def save_formset(self, request, form, formset, change):
        if formset.model is not Statement:
            return super().save_formset(request, form, formset, change)
        changed = formset.save(commit=False)
        for statement in formset.deleted_objects:
            statement.delete()
        last = form.instance.statements.aggregate(last=Max("position"))["last"]
        next_position = 0 if last is None else last + 1
        for statement in changed:
            if statement.pk is None:  # added by staff: after what the source said
                statement.position, next_position = next_position, next_position + 1
            statement.edited = True  # a statement changed here is protected on its own too
            statement.save()


@admin.register(Statement)
class StatementAdmin(ProtectedAdmin):
    list_display = ("excerpt", "speaker", "speaker_label", "kind", "readout_title", "protected")
    list_filter = ("edited", "kind")
    search_fields = ("text", "speaker_label", "speaker__name", "readout__title")
    list_select_related = ("speaker", "readout")
    autocomplete_fields = ("speaker",)
    fields = ("protection", "readout_link", "position", "kind", "speaker", "speaker_label", "text")
    readonly_fields = ("readout_link", "position", "speaker_label")
    list_per_page = 100
    # Newest readouts first, each in reading order, without sorting by the call's date (a join
    # and a sort of every statement: 0.5 s at 100,000 statements on SQLite).
    ordering = ("-readout_id", "position")

    def has_add_permission(self, request) -> bool:
        # Statements are added in their readout, where their position is clear.
        return is_recovery(request) and super().has_add_permission(request)

    def get_queryset(self, request):
        # Setting select_related here stops the changelist applying list_select_related.
        qs = super().get_queryset(request).select_related(*self.list_select_related)
        return qs.defer("readout__raw_text")

    @admin.display(description="statement")
    def excerpt(self, obj: Statement) -> str:
        return obj.text if len(obj.text) <= 120 else obj.text[:119] + "…"

    @admin.display(description="readout", ordering="readout__title")
    def readout_title(self, obj: Statement) -> str:
        return obj.readout.title

    @admin.display(description="readout")
    def readout_link(self, obj: Statement):
        url = reverse("admin:readouts_readout_change", args=[obj.readout_id])
        return format_html('<a href="{}">{}</a>', url, obj.readout.title)
