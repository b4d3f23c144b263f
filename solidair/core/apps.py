from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "solidair.core"
    verbose_name = _("Site")

    def ready(self):
        from solidair.core import checks  # noqa: F401 - registers the project's system checks
        from solidair.core.pagecache import connect_invalidation_signals

        connect_invalidation_signals()
