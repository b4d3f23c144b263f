from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from solidair.accounts.models import InvitationRole, User
from solidair.accounts.services import invitation_create, invitation_url


class Command(BaseCommand):
    help = ("Make the first coordinator: prints a one-time link (valid 7 days) where the person "
            "chooses a password and sets up two-factor. No password is typed in a shell.")

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--language", default="nl", choices=["nl", "fr", "en", "de"])
        parser.add_argument("--send", action="store_true",
                            help="also e-mail the link (through the outbox)")

    def handle(self, *args, email, language, send, **options):
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Not an e-mail address: {email}") from error
        if User.objects.filter(email__iexact=email, is_coordinator=True).exists():
            raise CommandError(f"{email} is already a coordinator.")
        _invitation, token = invitation_create(email=email, role=InvitationRole.COORDINATOR,
                                               language=language, send_mail=send)
        self.stdout.write(f"Invitation for coordinator {email.lower()} (works once, 7 days):")
        self.stdout.write(invitation_url(token, language))
