"""accounts' pages in the permission matrix (see test_permission_matrix.py)."""

from solidair.accounts.models import InvitationRole, OfficerAssignment
from solidair.accounts.testing import make_user

# The invitation link is a token link: whoever holds it may open it (once, within 7 days).
PUBLIC = ["accounts:invitation_accept"]

SIGNED_IN = {"anonymous": 302, "officer_a": 200, "officer_b": 200, "coordinator": 200,
             "staff": 200}
# Staff are site administrators (superusers) and may use the back office too.
COORDINATORS_SEE = {"anonymous": 302, "officer_a": 404, "officer_b": 404, "coordinator": 200,
                    "staff": 200}
COORDINATORS_ACT = {"anonymous": 302, "officer_a": 404, "officer_b": 404, "coordinator": 302,
                    "staff": 302}


def setup(a, b):
    from solidair.accounts.services import invitation_create

    colleague = make_user(email="colleague-a@example.org")
    assignment = OfficerAssignment.objects.create(user=colleague, municipality=a)
    invitation, _token = invitation_create(email="invitee-a@example.org",
                                           role=InvitationRole.OFFICER, municipality=a,
                                           send_mail=False)
    from solidair.core.models import OutgoingMail

    mail = OutgoingMail.objects.create(to=["x@example.org"], subject="Bevestig", body="...",
                                       status=OutgoingMail.Status.FAILED, attempts=8)
    return {"assignment_a": assignment.pk, "invitation_a": invitation.pk, "failed_mail": mail.pk}


CASES = [
    {"name": "accounts:home", "kwargs": {}, "method": "GET", "expect": SIGNED_IN},
    {"name": "accounts:municipalities", "kwargs": {}, "method": "GET",
     "expect": COORDINATORS_SEE},
    {"name": "accounts:municipality", "kwargs": {"nis": "{a}"}, "method": "GET",
     "expect": COORDINATORS_SEE},
    {"name": "accounts:municipality_status", "kwargs": {"nis": "{a}"}, "method": "GET",
     "expect": COORDINATORS_SEE},
    {"name": "accounts:municipality_status", "kwargs": {"nis": "{a}"}, "method": "POST",
     "data": {"status": "candidate", "reason": "Council decision"},
     "expect": COORDINATORS_ACT},
    {"name": "accounts:officer_revoke", "kwargs": {"nis": "{a}", "pk": "{assignment_a}"},
     "method": "GET", "expect": COORDINATORS_SEE},
    {"name": "accounts:officer_revoke", "kwargs": {"nis": "{a}", "pk": "{assignment_a}"},
     "method": "POST", "expect": COORDINATORS_ACT},
    {"name": "accounts:invitations", "kwargs": {}, "method": "GET", "expect": COORDINATORS_SEE},
    {"name": "accounts:invitation_create", "kwargs": {}, "method": "GET",
     "expect": COORDINATORS_SEE},
    {"name": "accounts:invitation_create", "kwargs": {}, "method": "POST",
     "data": {"email": "new@example.org", "role": "officer", "municipality": "{a}",
              "language": "nl"},
     "expect": COORDINATORS_ACT},
    {"name": "accounts:invitation_revoke", "kwargs": {"pk": "{invitation_a}"}, "method": "GET",
     "expect": COORDINATORS_SEE},
    {"name": "accounts:invitation_revoke", "kwargs": {"pk": "{invitation_a}"}, "method": "POST",
     "expect": COORDINATORS_ACT},
    {"name": "accounts:audit_log", "kwargs": {}, "method": "GET", "expect": COORDINATORS_SEE},
    {"name": "accounts:failed_mails", "kwargs": {}, "method": "GET", "expect": COORDINATORS_SEE},
    {"name": "accounts:failed_mail_retry", "kwargs": {"pk": "{failed_mail}"}, "method": "POST",
     "expect": COORDINATORS_ACT},
]
