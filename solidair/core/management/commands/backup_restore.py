from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from solidair.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore an archive made by backup_export into a migrated, empty database."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the archive made by backup_export")
        parser.add_argument("--flush", action="store_true",
                            help="erase every row of the database first (irreversible)")

    def handle(self, *args, path, flush=False, **options):
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            manifest = restore_backup(path, flush=flush)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(
            f"restored the backup of {manifest['created_at']} "
            f"({manifest['media_files']} uploaded files)"))
