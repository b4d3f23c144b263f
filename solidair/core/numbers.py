"""Numbers sent by people and URLs: read strictly, and always within limits a column can hold.

Two traps make "is it a number?" harder than it looks. `str.isdigit()` passes characters that
`int()` cannot read (a superscript two, "²"), and `int()` reads every Unicode decimal digit
("٣" is 3), so a check with one and a conversion with the other fails. And the database refuses
an integer beyond its column: 2^31-1 for PostgreSQL's integer (PositiveIntegerField), 32,767 for
smallint, 2^63-1 for bigint (every primary key) and for SQLite; Python's ints have no limit.

Everything that turns text from a request into a number goes through here:

- `parse_int` and `parse_ids` for query parameters and lists of checked rows, where an odd
  value is simply left out;
- `WholeNumberField` (and `number_fields` for model forms) for a number typed in a form:
  digits 0-9 only, with a lower and an upper limit, refused with a message otherwise.
"""

import re
from collections.abc import Iterable

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SMALL_MAX = 32_767  # PositiveSmallIntegerField on PostgreSQL (smallint)
INTEGER_MAX = 2_147_483_647  # PositiveIntegerField / IntegerField on PostgreSQL (integer)
BIG_MAX = 9_223_372_036_854_775_807  # BigAutoField (every primary key), SQLite's integers
# People or places counted in one municipality: far above what the largest one has.
COUNT_MAX = 1_000_000

_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,19}")


def parse_int(value, *, minimum: int = 0, maximum: int = BIG_MAX, default=None):
    """`value` as an int if it is written with the digits 0-9 (and perhaps a sign) and lies
    between `minimum` and `maximum`; `default` otherwise (None, or a fallback)."""
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value.strip()):
        number = int(value.strip())
    else:
        return default
    return number if minimum <= number <= maximum else default


def parse_ids(values: Iterable, *, limit: int | None = None) -> list[int]:
    """The primary keys among `values` (say `request.GET.getlist("offers")`), in their order,
    once each; what cannot be a key (not a number, 0 or less, beyond bigint) is left out."""
    ids = []
    for value in values:
        number = parse_int(value, minimum=1, maximum=BIG_MAX)
        if number is not None and number not in ids:
            ids.append(number)
        if limit is not None and len(ids) >= limit:
            break
    return ids


class WholeNumberField(forms.IntegerField):
    """A whole number typed with the digits 0-9, between limits that fit its column.

    Django's IntegerField reads any Unicode digit and has no limits unless given; this one
    refuses other digits with a message, and defaults to 0 ... 2^31-1 (PostgreSQL's integer).
    The limits also become the input's min and max attributes.
    """

    default_error_messages = {"invalid": _("Enter a whole number, with the digits 0 to 9.")}

    def __init__(self, *, min_value=0, max_value=INTEGER_MAX, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)

    def to_python(self, value):
        if isinstance(value, str) and not value.strip().isascii():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


def years_between(first: int, last: int):
    """A validator for a date or date-time field: its year from `first` to `last`. The year
    is a number too: a date-time in the year 1 cannot be converted to UTC and fails on save."""

    def validate(value):
        if value is not None and not first <= value.year <= last:
            raise ValidationError(_("Choose a date from %(first)s to %(last)s."),
                                  code="year_out_of_range", params={"first": first, "last": last})

    return validate


class ModelIdsField(forms.ModelMultipleChoiceField):
    """Rows chosen by their primary keys (checkboxes). A value that cannot be a key is refused
    as an invalid choice before it reaches the database: Django's field looks the values up
    with `pk__in`, which SQLite cannot take beyond 2^63-1."""

    def _check_values(self, value):
        for item in value:
            if isinstance(item, str) and parse_int(item, minimum=1) is None:
                raise ValidationError(self.error_messages["invalid_choice"],
                                      code="invalid_choice", params={"value": item})
        return super()._check_values(value)


def number_fields(limits: dict[str, tuple[int, int]], fallback=None):
    """A ModelForm's `Meta.formfield_callback`: each integer field named in `limits` becomes a
    `WholeNumberField` between its (minimum, maximum), with the model field's label, help text
    and default; every other field is made by `fallback` (another callback) or as usual.

        class Meta:
            model = Meeting
            formfield_callback = number_fields({"capacity": (1, 10_000)})
    """

    def formfield(model_field, **kwargs):
        if model_field.name in limits:
            minimum, maximum = limits[model_field.name]
            return model_field.formfield(**{**kwargs, "form_class": WholeNumberField,
                                            "min_value": minimum, "max_value": maximum})
        return fallback(model_field, **kwargs) if fallback else model_field.formfield(**kwargs)

    return formfield
