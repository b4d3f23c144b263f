"""The admin's history pages (django-simple-history), shared by every app's admin."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """`SimpleHistoryAdmin` whose history pages answer 404 to an address that holds no key.

    Its URL patterns take any text (`<id>/history/` and `<id>/history/<version>/`), and a value
    such as "²" that is not a number reached the database lookup: a server error.
    """

    def history_view(self, request, object_id, extra_context=None):
        _key_or_404(self.model, object_id)
        return super().history_view(request, object_id, extra_context=extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        _key_or_404(self.model, object_id)
        history = getattr(self.model, self.model._meta.simple_history_manager_attribute)
        _key_or_404(history.model, version_id)
        return super().history_form_view(request, object_id, version_id,
                                          extra_context=extra_context)


def _key_or_404(model, value):
    try:
        model._meta.pk.to_python(unquote(value))
    except ValidationError:
        raise Http404 from None
