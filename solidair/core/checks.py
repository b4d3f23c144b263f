"""System checks of the project's own wiring (`manage.py check`, also run by a test)."""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.checks import Error, register

from solidair.core.extensions import HOOK_NAMES, registered


@register()
def extension_hooks_registered(app_configs=None, **kwargs) -> list[Error]:
    """A hook defined in an app's `extensions.py` but not registered in its `AppConfig.ready`
    would be silently left out of the shared pages: an error."""
    errors = []
    for app_name in settings.SOLIDAIR_APPS:
        module_name = f"{app_name}.extensions"
        if app_name == "solidair.core" or find_spec(module_name) is None:
            continue
        module = import_module(module_name)
        have = registered(app_name)
        for name in sorted(HOOK_NAMES):
            defined = getattr(module, name, None)
            if defined is None or getattr(defined, "__module__", None) != module_name:
                continue
            if have.get(name) is not defined:
                errors.append(Error(
                    f"{module_name}.{name} is defined but not registered as a hook.",
                    hint=f"Add {name}=extensions.{name} to register_hooks(...) in the app's "
                         "AppConfig.ready (see solidair.core.extensions).",
                    obj=module_name, id="solidair.E001"))
    return errors
