"""How apps plug into shared pages without the lower apps importing the higher ones.

Each app may have an `extensions` module defining any of these optional hooks:

- `nav_items(request) -> list[tuple[str, str]]`: (label, url) links in the main navigation.
- `MunicipalityApiFields`: a ninja `Schema` with the fields the app adds to
  `/api/v1/municipalities/{nis}/`, and `municipality_api_fields(municipality) -> dict` filling them.
- `municipality_profile_sections(request, municipality) -> list[str]`: rendered HTML blocks
  for the municipality's public page (use `render_to_string`; it escapes user text).
- `seed_demo(*, stdout) -> None`: adds the app's demo content (`manage.py seed_demo`).
- `municipality_head_tags(request, municipality) -> list[str]`: rendered tags for the `<head>`
  of the municipality's public page (e.g. the charter's Open Graph share image).
- `account_links(request, municipality) -> list[tuple[str, str]]`: what an officer can do for
  this municipality, listed on their account page (`/account/`).
- `seed_bench(*, sizes: dict, stdout) -> None`: tops the app's data up to the benchmark sizes
  (`sizes["confirmed_signatures"]`, ... see bench/seed.py); fast bulk inserts, idempotent.

The shared pages collect them through `hooks(name)`, in the order of settings.SOLIDAIR_APPS.
"""

from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.conf import settings


@cache
def _extension_modules():
    modules = []
    for app in settings.SOLIDAIR_APPS:
        name = f"{app}.extensions"
        if app != "solidair.core" and find_spec(name) is not None:
            modules.append(import_module(name))
    return tuple(modules)


def hooks(name: str) -> list:
    """Every app's implementation of the hook `name`, in app order."""
    return [getattr(module, name) for module in _extension_modules() if hasattr(module, name)]
