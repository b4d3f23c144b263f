"""Dutch (the default) and French must be complete: every text a person reads is translated."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUES = sorted(Path(settings.PACKAGE_DIR).glob("*/locale/*/LC_MESSAGES/django.po"))


def test_every_app_has_dutch_and_french_catalogues():
    apps = {path.parts[-5] for path in CATALOGUES}
    for language in ("nl", "fr"):
        assert apps == {path.parts[-5] for path in CATALOGUES if path.parts[-3] == language}


@pytest.mark.parametrize("path", [p for p in CATALOGUES if p.parts[-3] in {"nl", "fr", "de"}],
                         ids=lambda path: f"{path.parts[-5]}-{path.parts[-3]}")
def test_catalogue_is_complete(path):
    catalogue = polib.pofile(str(path))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not missing and not fuzzy, f"untranslated: {missing[:10]}, fuzzy: {fuzzy[:10]}"
