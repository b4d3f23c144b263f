from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from solidair.core.extensions import hooks


class Command(BaseCommand):
    help = "Add believable demo content (marked as demo). Refused in production."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="run even outside demo mode")

    def handle(self, *args, force=False, **options):
        if not (settings.DEMO_MODE or force):
            raise CommandError("Demo data is only loaded in demo/local settings (DEMO_MODE).")
        for seed in hooks("seed_demo"):
            seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
