"""One call records a change made by a signed-in person: `audit_record(actor=..., ...)`."""

from django.db import models

from solidair.accounts.models import AuditEntry


def audit_record(*, actor, action: str, obj: models.Model | None = None,
                 before: dict | None = None, after: dict | None = None, municipality=None,
                 object_label: str = "") -> AuditEntry:
    """Store who did `action` to `obj`. Pass only the fields that changed, never personal data
    of residents or volunteers (use counts or ids instead)."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=str(actor.pk) if getattr(actor, "pk", None) else "system",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_label=object_label or (str(obj)[:200] if obj is not None else ""),
        municipality=municipality,
        before=before or {}, after=after or {},
    )
