"""The audit log's write API: one call records a change made by a signed-in person.

    audit_record(actor=request.user, action="charter.application.submit", obj=application,
                 municipality=application.municipality, before={...}, after={...})

Every app writes through this function, so that even `places` (below `accounts` in the layers)
can record who changed a municipality's status. The log itself is kept by `accounts` (its
`AuditEntry` model, read on the coordinators' audit-log page, labels in `accounts.audit`):
`AccountsConfig.ready` plugs its writer in with `set_audit_writer`. Core holds the API, accounts
the table: no lower app imports a higher one.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.db import models

_writer: Callable | None = None


def set_audit_writer(writer: Callable) -> None:
    """Where `audit_record` stores its entries: `writer(**entry)` with the fields of
    `audit_record` resolved (actor, actor_label, action, object_type, object_id, object_label,
    municipality, before, after). Called once, by the app that keeps the log."""
    global _writer
    _writer = writer


def audit_record(*, actor, action: str, obj: models.Model | None = None,
                 before: dict | None = None, after: dict | None = None, municipality=None,
                 object_label: str = ""):
    """Store who did `action` to `obj` (returns the stored entry). Pass only the fields that
    changed, never personal data of residents or volunteers (use counts or ids instead)."""
    if _writer is None:  # never silently unlogged
        raise ImproperlyConfigured("No audit log is installed (solidair.accounts keeps it).")
    has_pk = bool(getattr(actor, "pk", None))
    return _writer(
        actor=actor if has_pk else None,
        actor_label=str(actor.pk) if has_pk else "system",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_label=object_label or (str(obj)[:200] if obj is not None else ""),
        municipality=municipality,
        before=before or {}, after=after or {},
    )
