"""The error shapes every endpoint of /api/v1/ shares, declared once, in core so that every
app's router (below opendata, which mounts them) can use them.

- 400 (bad input): `{"message": str, "errors": {field: [str]}}`; a problem with the request as
  a whole (e.g. a body that is not JSON) is listed under the field `__all__`, as Django forms do.
- 404, 406, 409, 429: `{"message": str}`.

Apps use `ERRORS` (or pick from it) in their routes' `response=`; the API adds the statuses
every route may give (400 on bad parameters, 404 for an unknown path parameter, 429 when
rate-limited) to the OpenAPI document, so each documented error is declared where it happens.
"""

from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import HttpError

NON_FIELD = "__all__"


class Message(Schema):
    message: str


class Invalid(Schema):
    message: str
    errors: dict[str, list[str]]


ERRORS = {400: Invalid, 404: Message, 406: Message, 409: Message, 429: Message}


def errors_for(*statuses: int) -> dict:
    """`response=` entries for the given error statuses, e.g. `{202: X, **errors_for(400, 404)}`."""
    return {status: ERRORS[status] for status in statuses}


def invalid(errors: dict, message: str | None = None) -> dict:
    """The body of a 400: `errors` maps a field to its messages (Django form errors fit)."""
    return {"message": message or _("Please correct the fields listed in errors."),
            "errors": {field: [str(text) for text in texts] for field, texts in errors.items()}}


class InvalidInput(HttpError):
    """Raise in a route for a 400 with field errors: `InvalidInput({"status": ["..."]})`."""

    def __init__(self, errors: dict[str, list[str]], message: str | None = None):
        self.errors = errors
        super().__init__(400, message or _("Please correct the fields listed in errors."))
