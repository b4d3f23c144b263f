"""Export and restore everything: the database (as Django JSON with natural keys) and the
uploaded files (MEDIA_ROOT), in one .tar.gz. Used by `manage.py backup_export|backup_restore`.

The archive holds `manifest.json` (format, date, the applied migrations, counts),
`database.json` and `media/...`. A restore goes into a migrated, empty database of the same
code version (or `--flush` to empty it first).
"""

import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "solidair-backup-1"
# Rebuilt by migrate, or transient: never part of a backup.
EXCLUDED = ["contenttypes", "auth.permission", "sessions.session", "django_tasks_database"]


class BackupError(Exception):
    pass


def _applied_migrations() -> list[str]:
    return sorted(f"{app}.{name}" for app, name in
                  MigrationRecorder(connection).applied_migrations())


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def export_backup(path: Path) -> dict:
    """Write the archive to `path`; returns the manifest."""
    media_root = Path(settings.MEDIA_ROOT)
    media_files = sorted(p for p in media_root.rglob("*") if p.is_file()) \
        if media_root.is_dir() else []
    with tempfile.TemporaryDirectory() as workdir:
        dump = Path(workdir) / "database.json"
        call_command("dumpdata", natural_foreign=True, natural_primary=True, exclude=EXCLUDED,
                     output=str(dump), verbosity=0)
        manifest = {"format": FORMAT, "created_at": timezone.now().isoformat(),
                    "migrations": _applied_migrations(), "media_files": len(media_files)}
        with tarfile.open(path, "w:gz") as archive:
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=1).encode())
            archive.add(dump, arcname="database.json")
            for file in media_files:
                archive.add(file, arcname=f"media/{file.relative_to(media_root).as_posix()}")
    return manifest


def _database_has_data() -> bool:
    excluded_apps = {"contenttypes", "sessions", "django_tasks_database"}
    return any(model.objects.exists() for model in apps.get_models()
               if model._meta.app_label not in excluded_apps
               and model._meta.label_lower != "auth.permission"
               and not model._meta.proxy and model._meta.managed)


def restore_backup(path: Path, *, flush: bool = False) -> dict:
    """Load the archive at `path` into this database and MEDIA_ROOT; returns its manifest."""
    with tarfile.open(path, "r:gz") as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
        if manifest.get("format") != FORMAT:
            raise BackupError(f"Not a Solidair backup: {path}")
        missing = set(manifest["migrations"]) - set(_applied_migrations())
        if missing:
            raise BackupError("The backup is from a newer version; run `manage.py migrate` with "
                              f"that version first. Missing migrations: {sorted(missing)[:5]}")
        if flush:
            call_command("flush", interactive=False, verbosity=0)
        elif _database_has_data():
            raise BackupError("The database is not empty: restore into an empty database or "
                              "pass --flush to erase it first.")
        with tempfile.TemporaryDirectory() as workdir:
            archive.extract("database.json", workdir, filter="data")
            with transaction.atomic():
                call_command("loaddata", str(Path(workdir) / "database.json"), verbosity=0)
        media_root = Path(settings.MEDIA_ROOT)
        members = [m for m in archive.getmembers() if m.name.startswith("media/") and m.isfile()]
        for member in members:
            member.name = member.name.removeprefix("media/")
        media_root.mkdir(parents=True, exist_ok=True)
        # The "data" filter refuses absolute paths, ".." and links leaving MEDIA_ROOT.
        archive.extractall(media_root, members=members, filter="data")
    return manifest
