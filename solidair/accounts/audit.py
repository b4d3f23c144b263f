"""The audit log kept by accounts: where entries are stored, and how people read them.

Apps write entries through `solidair.core.audit.audit_record(actor=..., ...)` (the API is in core
so that places, below accounts, can write too); `write_entry` below stores them, plugged in by
`AccountsConfig.ready`.
"""

from django.utils.translation import gettext_lazy as _

from solidair.accounts.models import AuditEntry
from solidair.core.extensions import hooks


def write_entry(**entry) -> AuditEntry:
    """The writer behind `core.audit.audit_record`: one `AuditEntry` row."""
    return AuditEntry.objects.create(**entry)


# Reading the log: people read words, not codes ------------------------------------------------

def _own_action_labels() -> dict:
    return {
        "invitation.create": _("Invitation sent"),
        "invitation.accept": _("Invitation accepted"),
        "invitation.revoke": _("Invitation withdrawn"),
        "officer.revoke": _("Officer's access withdrawn"),
        "municipality.status": _("Status in the network changed"),
        "municipality.set_status": _("Status in the network changed"),
        "municipality.set_city_title": _("City title changed"),
        "mail.retry": _("E-mail sent again"),
    }


def _own_object_labels() -> dict:
    return {"accounts.invitation": _("invitation #%(id)s"),
            "accounts.officerassignment": _("officer access #%(id)s"),
            "core.outgoingmail": _("e-mail #%(id)s")}


FIELD_LABELS = {
    "status": _("status"), "reason": _("reason"), "role": _("role"), "state": _("state"),
    "is_city": _("city"), "user": _("person"), "municipality": _("municipality"),
    "count": _("number"), "fields": _("fields"), "offer": _("offer"),
    "council_email": _("council's address"),
    "pending_council_email": _("address waiting for confirmation"),
    "digest_period_days": _("days between digests"), "signature_threshold": _("threshold"),
}


def _own_value_labels() -> dict:
    from solidair.accounts.models import InvitationRole, InvitationState
    from solidair.places.models import MunicipalityStatus

    municipality_status = {"status": dict(MunicipalityStatus.choices)}
    invitation = {"state": dict(InvitationState.choices), "role": dict(InvitationRole.choices)}
    return {"municipality.status": municipality_status,
            "municipality.set_status": municipality_status,
            "invitation.create": invitation, "invitation.accept": invitation,
            "invitation.revoke": invitation}


def _merged(own: dict, hook_name: str) -> dict:
    """This app's labels plus those apps add through the optional extension hook."""
    merged = dict(own)
    for hook in hooks(hook_name):
        merged.update(hook())
    return merged


def action_labels() -> dict:
    """Every known action code and its label (`audit_action_labels()` extension hook)."""
    return _merged(_own_action_labels(), "audit_action_labels")


def _value_text(value, choices: dict) -> str:
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list):
        return ", ".join(_value_text(item, choices) for item in value)
    return str(choices.get(value, value))


def change_items(action: str, values: dict, value_labels: dict) -> list[tuple[str, str]]:
    """`before` or `after` of an entry as (field, value) words; unknown codes stay as they are.
    `value_labels` maps action -> field -> {code: label} (`audit_value_labels()` hook)."""
    choices = value_labels.get(action, {})
    return [(str(FIELD_LABELS.get(key, key)), _value_text(value, choices.get(key, {})))
            for key, value in values.items()]


def _object_text(entry, object_labels: dict) -> str:
    label = object_labels.get(entry.object_type)
    return label % {"id": entry.object_id} if label and entry.object_id else entry.object_label


def readable_entries(entries) -> list:
    """Give each entry `action_text`, `object_text`, `before_items` and `after_items` for the
    log page. Objects of a known type read as "<kind> #<id>" in the reader's language
    (`audit_object_labels()` hook); others keep the label stored when the entry was written."""
    labels = action_labels()
    value_labels = _merged(_own_value_labels(), "audit_value_labels")
    object_labels = _merged(_own_object_labels(), "audit_object_labels")
    for entry in entries:
        entry.action_text = labels.get(entry.action, entry.action)
        entry.object_text = _object_text(entry, object_labels)
        entry.before_items = change_items(entry.action, entry.before, value_labels)
        entry.after_items = change_items(entry.action, entry.after, value_labels)
    return entries
