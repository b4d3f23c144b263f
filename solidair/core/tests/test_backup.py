import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from solidair.accounts.models import User
from solidair.accounts.testing import make_officer
from solidair.core.mail import queue_mail
from solidair.core.models import OutgoingMail
from solidair.places.models import Municipality, MunicipalityStatus, StatusChange
from solidair.places.services import municipality_set_status
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    (settings.MEDIA_ROOT / "brochures").mkdir(parents=True)
    return settings.MEDIA_ROOT


def test_export_then_restore_brings_back_the_database_and_the_uploads(media_root, tmp_path):
    gent = make_municipality("44021", "Gent")
    officer = make_officer(gent, email="officer@gent.example")
    municipality_set_status(municipality=gent, status=MunicipalityStatus.MEMBER,
                            reason="council decision", by=officer)
    queue_mail(to="resident@example.org", subject="Bevestig", body="Klik hier")
    (media_root / "brochures" / "brochure-2026.pdf").write_bytes(b"%PDF-1.7 brochure")
    archive = tmp_path / "backup.tar.gz"

    call_command("backup_export", str(archive))
    call_command("flush", interactive=False)
    (media_root / "brochures" / "brochure-2026.pdf").unlink()
    assert not Municipality.objects.exists() and not User.objects.exists()

    call_command("backup_restore", str(archive))
    restored = Municipality.objects.get(pk="44021")
    assert restored.status == MunicipalityStatus.MEMBER and restored.name_nl == "Gent"
    change = StatusChange.objects.get()
    assert change.changed_by.email == "officer@gent.example"
    assert change.reason == "council decision"
    user = User.objects.get(email="officer@gent.example")
    assert user.check_password("a-Strong-passw0rd!")
    assert list(user.officer_assignments.values_list("municipality", flat=True)) == ["44021"]
    assert OutgoingMail.objects.get().subject == "Bevestig"
    assert (media_root / "brochures" / "brochure-2026.pdf").read_bytes() == b"%PDF-1.7 brochure"
    make_municipality("24062", "Leuven")  # sequences still work after the restore
    municipality_set_status(municipality=Municipality.objects.get(pk="24062"),
                            status=MunicipalityStatus.CANDIDATE)


def test_restore_refuses_a_database_with_data_unless_flushed(media_root, tmp_path):
    make_municipality("44021", "Gent")
    archive = tmp_path / "backup.tar.gz"
    call_command("backup_export", str(archive))
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup_restore", str(archive))
    make_municipality("24062", "Leuven")
    call_command("backup_restore", str(archive), flush=True)
    assert list(Municipality.objects.values_list("pk", flat=True)) == ["44021"]


def test_restore_refuses_what_is_not_a_backup(tmp_path):
    import tarfile

    archive = tmp_path / "other.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        (tmp_path / "manifest.json").write_text('{"format": "other"}')
        tar.add(tmp_path / "manifest.json", arcname="manifest.json")
    with pytest.raises(CommandError, match="Not a Solidair backup"):
        call_command("backup_restore", str(archive))
