"""What every admin of a protectable record shares: the edited mark, history, release."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.db import IntegrityError
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from .. import services
from ..models import Readout
from .history import snapshot_before_delete, snapshot_if_changed

PROTECTED_NOTE = (
    "Edited by staff: a re-import of the source keeps this record as it is. "
    "Select it in the list and run “Release for re-import” to let the source overwrite it."
)
UNPROTECTED_NOTE = (
    "Not edited yet: a re-import of a changed source file overwrites this record. "
    "Saving it here protects it."
)


def count_of(model, field: str) -> Coalesce:
    """How many `model` rows point here, as a subquery: no GROUP BY over the whole listing."""
    counted = (
        model.objects.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


@admin.action(description="Release for re-import (the source file overwrites them again)")
def release_for_reimport(modeladmin, request, queryset):
    count = services.release_for_reimport(queryset, user=request.user)
    noun = modeladmin.model._meta.verbose_name if count == 1 else None
    noun = noun or modeladmin.model._meta.verbose_name_plural
    modeladmin.message_user(
        request,
        f"Released {count} {noun} for re-import; the next import of their source files "
        "overwrites them.",
        messages.SUCCESS,
    )
    if modeladmin.model is Readout:
        held = queryset.filter(call__edited=True).count()
        if held:
            modeladmin.message_user(
                request,
                f"{held} of them still belong to an edited call, which keeps them as they are: "
                "release the call too to let the source overwrite them.",
                messages.WARNING,
            )


class ProtectedAdmin(VersionAdmin):
    """Saving marks the record edited; its imported state is kept as a version first."""

    actions = [release_for_reimport]
    history_latest_first = True
    show_full_result_count = False  # one COUNT(*) fewer on tables of many thousand rows

    @admin.display(boolean=True, description="protected", ordering="edited")
    def protected(self, obj) -> bool:
        return obj.edited

    @admin.display(description="re-import")
    def protection(self, obj) -> str:
        if obj is None or obj.pk is None:
            return "New records made here are never touched by imports."
        if obj.edited:
            return format_html("<strong>Protected.</strong> {}", PROTECTED_NOTE)
        return UNPROTECTED_NOTE

    def get_readonly_fields(self, request, obj=None):
        return ("protection", *super().get_readonly_fields(request, obj))

    def save_model(self, request, obj, form, change):
        obj.edited = True
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        snapshot_before_delete(obj, request.user)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            snapshot_before_delete(obj, request.user)
        super().delete_queryset(request, queryset)

    def _snapshot(self, request, object_id) -> None:
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if obj is not None:
                snapshot_if_changed(obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._snapshot(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        self._snapshot(request, object_id)
        try:
            return super().revision_view(request, object_id, version_id, extra_context)
        except IntegrityError:
            # e.g. the version names a person merged away since; the revert was rolled back.
            self.message_user(
                request,
                "This version cannot be restored: it refers to records that no longer exist "
                "(a merged or deleted person?). Recover those first.",
                messages.ERROR,
            )
            opts = self.model._meta
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_changelist")
