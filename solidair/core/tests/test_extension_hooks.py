"""Extension hooks are wired explicitly: a misspelt or ill-fitting hook stops the site from
starting, and a hook an app defines but does not register is a system check error."""

import pytest
from django.apps.registry import Apps
from django.core.exceptions import ImproperlyConfigured

from solidair.core import checks
from solidair.core.extensions import hooks, register_hooks, registered
from solidair.places import extensions as places_extensions


def _start(app_config: str):
    """Start an app registry with this app, as the site does at start-up (ready() included)."""
    Apps(installed_apps=[app_config])


def test_a_misspelt_hook_fails_at_start_up():
    with pytest.raises(ImproperlyConfigured, match=r"'nav_item' is not an extension hook "
                                                   r"\(did you mean 'nav_items'\?\)"):
        _start("solidair.core.tests.hook_apps.MisspeltHookConfig")
    assert registered("solidair.core.tests.hook_apps") == {}  # nothing half-registered


def test_a_hook_with_the_wrong_signature_fails_at_start_up():
    with pytest.raises(ImproperlyConfigured, match=r"officer_tasks\(user\) does not fit the hook "
                                                   r"officer_tasks\(user, municipality\)"):
        _start("solidair.core.tests.hook_apps.WrongSignatureConfig")
    assert registered("solidair.core.tests.hook_apps") == {}


def test_a_schema_hook_must_be_a_schema_and_come_with_its_values():
    with pytest.raises(ImproperlyConfigured, match="must be a ninja Schema"):
        register_hooks("solidair.elsewhere", MunicipalityApiFields=dict,
                       municipality_api_fields=lambda municipality: {})
    with pytest.raises(ImproperlyConfigured, match="registered together"):
        register_hooks("solidair.elsewhere", municipality_api_fields=lambda municipality: {})
    assert registered("solidair.elsewhere") == {}


def test_asking_for_an_unknown_hook_is_an_error():
    with pytest.raises(LookupError, match="did you mean 'officer_tasks'"):
        hooks("oficer_tasks")


def test_every_hook_an_app_defines_is_registered(monkeypatch):
    assert checks.extension_hooks_registered() == []
    assert hooks("nav_items")[0] is places_extensions.nav_items  # apps in SOLIDAIR_APPS order

    def officer_tasks(user, municipality):  # defined in places' extensions, never registered
        return []

    officer_tasks.__module__ = places_extensions.__name__
    monkeypatch.setattr(places_extensions, "officer_tasks", officer_tasks, raising=False)
    [error] = checks.extension_hooks_registered()
    assert error.id == "solidair.E001"
    assert "solidair.places.extensions.officer_tasks is defined but not registered" in error.msg

