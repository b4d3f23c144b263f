"""Pages of an API list for clients that want them: `?page=` and `?page_size=`.

Without either parameter a list answers whole, as it always has. With them it answers one
page in the same shape (a JSON array, CSV rows, a GeoJSON FeatureCollection) and says where the
others are in a `Link` header (rel first, prev, next, last; RFC 8288). Every list says how long
it is whole in `X-Total-Count`. `page` counts from 1 (default 1); `page_size` is 1 to
MAX_PAGE_SIZE (default DEFAULT_PAGE_SIZE). A value that is not a whole number written with the
digits 0-9 within those limits (a sign, "²", "1e3", a huge number) is a 400 in the API's error
shape; a page after the last is a 404.
"""

import math
import re
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import HttpError
from pydantic import BeforeValidator, Field

from solidair.core.links import site_url

MAX_PAGE = 1_000_000
MAX_PAGE_SIZE = 1000
DEFAULT_PAGE_SIZE = 100
_DIGITS = re.compile(r"[0-9]{1,9}")


def _whole_number(value):
    """Digits 0-9 only: pydantic alone would read "1_0", "5.0" or " 5 "."""
    if isinstance(value, str):
        if not _DIGITS.fullmatch(value):
            raise ValueError("not a whole number")
        return int(value)
    return value


class Paging(Schema):
    # The limits before the validator, so that the OpenAPI schema shows them.
    page: Annotated[int, Field(ge=1, le=MAX_PAGE),
                    BeforeValidator(_whole_number)] | None = Field(
        None, description="The page to answer, from 1. Without `page` and `page_size` the "
        "whole list is answered.", examples=[1])
    page_size: Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE),
                         BeforeValidator(_whole_number)] | None = Field(
        None, description=f"Items per page, 1 to {MAX_PAGE_SIZE} (default "
        f"{DEFAULT_PAGE_SIZE} when `page` is given).", examples=[DEFAULT_PAGE_SIZE])

    @property
    def wanted(self) -> bool:
        return self.page is not None or self.page_size is not None


def paginate(request, items: list, paging: Paging) -> tuple[list, dict[str, str]]:
    """The page of `items` that `paging` asks for, and the headers that describe it."""
    headers = {"X-Total-Count": str(len(items))}
    if not paging.wanted:
        return items, headers
    size = paging.page_size or DEFAULT_PAGE_SIZE
    page = paging.page or 1
    last = max(1, math.ceil(len(items) / size))
    if page > last:
        raise HttpError(404, _("This page does not exist: the last page is %(last)d.")
                        % {"last": last})
    pages = {"first": 1, "prev": page - 1 if page > 1 else None,
             "next": page + 1 if page < last else None, "last": last}
    headers["Link"] = ", ".join(f'<{_page_url(request, number, size)}>; rel="{rel}"'
                                for rel, number in pages.items() if number)
    return items[(page - 1) * size:page * size], headers


def _page_url(request, page: int, size: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    query["page_size"] = str(size)
    return site_url(f"{request.path}?{query.urlencode()}")


PAGING_DESCRIPTION = (
    "Pages, for clients that want them: `?page=1&page_size=100` (page_size up to "
    f"{MAX_PAGE_SIZE}); the `Link` header names the first, previous, next and last pages, "
    "`X-Total-Count` the length of the whole list. Without `page` the whole list is answered.")
