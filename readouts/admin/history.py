"""What reversion versions, and the snapshot taken before the first edit of a record.

Imports write without reversion, so a record's imported state has no version until staff first
touch it; `snapshot_if_changed` stores that state just before the edit so it can be reverted to.
"""

from __future__ import annotations

from django.core import serializers
from django.db import models
from reversion import register
from reversion.models import Version

from ..models import Call, Participant, Person, PersonAlias, Readout, Statement
from ..services import record_revision

# A readout's version carries its statements (a few dozen short rows) so that reverting it
# restores statements deleted or changed through its inline form.
FOLLOW = {
    Call: ("participants",),
    Participant: (),
    Readout: ("statements",),
    Statement: (),
    Person: ("aliases",),
    PersonAlias: (),
}
for _model, _follow in FOLLOW.items():
    register(_model, follow=_follow)


def _related(obj: models.Model) -> list[models.Model]:
    return [rel for name in FOLLOW[type(obj)] for rel in getattr(obj, name).all()]


def snapshot_if_changed(obj: models.Model) -> bool:
    """Record `obj` as it is now unless its latest version already says exactly that."""
    latest = Version.objects.get_for_object(obj).only("serialized_data").first()
    if latest is not None and latest.serialized_data == serializers.serialize("json", [obj]):
        return False
    comment = "As imported" if latest is None else "As changed outside the admin (re-import)"
    record_revision([obj, *_related(obj)], comment)  # no user: nobody here made this state
    return True


def snapshot_before_delete(obj: models.Model, user=None) -> None:
    """Record `obj` and what its deletion takes with it, so 'Recover deleted' can bring it back.

    Deleting a call cascades to its readouts and statements; deleting a person empties the
    speaker of their statements.
    """
    cascade: list[models.Model] = []
    if isinstance(obj, Call):
        for readout in obj.readouts.all():
            cascade += [readout, *_related(readout)]
    elif isinstance(obj, Person):
        cascade += list(obj.statements.all())
    record_revision([obj, *_related(obj), *cascade], f"Before deleting {obj}", user)
