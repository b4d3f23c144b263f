from django.core.management.base import BaseCommand

from solidair.volunteers.services import needs_close_expired


class Command(BaseCommand):
    help = "Close the volunteer needs whose date has passed (run daily)."

    def handle(self, *args, **options):
        closed = needs_close_expired()
        self.stdout.write(f"{closed} needs closed")
