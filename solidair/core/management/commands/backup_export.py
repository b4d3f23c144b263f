from pathlib import Path

from django.core.management.base import BaseCommand

from solidair.core.backup import export_backup


class Command(BaseCommand):
    help = "Export the database and the uploaded files into one .tar.gz (see docs/backup.md)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the archive to write, e.g. backup.tar.gz")

    def handle(self, *args, path, **options):
        manifest = export_backup(path)
        self.stdout.write(self.style.SUCCESS(
            f"wrote {path} ({manifest['media_files']} uploaded files)"))
