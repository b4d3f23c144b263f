"""Apps that plug in wrongly, for test_extension_hooks: each fails while the site starts."""

from django.apps import AppConfig


def nav_items(request):
    return []


def officer_tasks(user):  # the hook is officer_tasks(user, municipality)
    return []


class MisspeltHookConfig(AppConfig):
    name = "solidair.core.tests.hook_apps"
    label = "misspelt_hook_app"

    def ready(self):
        from solidair.core.extensions import register_hooks

        register_hooks(self, nav_item=nav_items)


class WrongSignatureConfig(AppConfig):
    name = "solidair.core.tests.hook_apps"
    label = "wrong_signature_app"

    def ready(self):
        from solidair.core.extensions import register_hooks

        register_hooks(self, officer_tasks=officer_tasks)
