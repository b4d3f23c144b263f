import pytest
from django.core.management import CommandError, call_command

from solidair.campaigns.models import CampaignSettings
from solidair.campaigns.tests.factories import make_gent

pytestmark = pytest.mark.django_db


def test_import_council_addresses_reports_errors_and_keeps_the_good_lines(tmp_path, capsys):
    make_gent()
    csv_file = tmp_path / "addresses.csv"
    csv_file.write_text("nis,email\n44021,college@stad.gent\n99999,x@example.org\n"
                        "44021,not-an-address\n", encoding="utf-8")
    with pytest.raises(CommandError, match="2 lines"):
        call_command("import_council_addresses", str(csv_file))
    output = capsys.readouterr()
    assert "line 3: unknown municipality code '99999'" in output.err
    assert "line 4: invalid e-mail address" in output.err
    assert "1 addresses saved" in output.out
    assert CampaignSettings.objects.get().council_email == "college@stad.gent"


def test_import_updates_an_existing_address(tmp_path):
    gent = make_gent()
    CampaignSettings.objects.create(municipality=gent, council_email="old@stad.gent",
                                    signature_threshold=80)
    csv_file = tmp_path / "addresses.csv"
    csv_file.write_text("nis,email\n44021,new@stad.gent\n", encoding="utf-8")
    call_command("import_council_addresses", str(csv_file))
    campaign = CampaignSettings.objects.get()
    assert campaign.council_email == "new@stad.gent" and campaign.signature_threshold == 80
    assert campaign.history.count() == 2


def test_import_refuses_a_file_without_the_columns(tmp_path):
    csv_file = tmp_path / "addresses.csv"
    csv_file.write_text("code;mail\n44021;a@b.be\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nis,email"):
        call_command("import_council_addresses", str(csv_file))
