"""Hand a form's data to the next page without putting it in the URL.

A resident who signs or downloads the letter and wants to volunteer gets the volunteers' form
already filled in. Their name, address and phone stay in their own session on the server; the
link carries only a random, short-lived reference, so browser history, proxy logs and Referer
headers hold nothing personal.
"""

import secrets
import time
from urllib.parse import urlencode

from django.urls import reverse

SESSION_KEY = "handoffs"
MAX_AGE = 2 * 3600  # long enough to read the page and click on
MAX_KEPT = 5


def handoff_put(request, data: dict) -> str:
    """Keep `data` (JSON-serialisable) in the visitor's session; returns its reference."""
    now = time.time()
    kept = {ref: item for ref, item in request.session.get(SESSION_KEY, {}).items()
            if item["until"] > now}
    for ref in sorted(kept, key=lambda r: kept[r]["until"])[:max(len(kept) - MAX_KEPT + 1, 0)]:
        del kept[ref]
    reference = secrets.token_urlsafe(12)
    kept[reference] = {"data": data, "until": now + MAX_AGE}
    request.session[SESSION_KEY] = kept
    return reference


def handoff_get(request, reference: str) -> dict:
    """The data kept under `reference` in this visitor's session, or {} (unknown or expired)."""
    item = request.session.get(SESSION_KEY, {}).get(str(reference)[:64])
    if not item or item["until"] <= time.time():
        return {}
    return dict(item["data"])


def prefilled_url(request, url_name: str, data: dict, **params) -> str:
    """The page `url_name` (in the current language) with `data` waiting for its form;
    `params` are added to the URL as they are (nothing personal)."""
    query = urlencode({**params, "prefill": handoff_put(request, data)})
    return f"{reverse(url_name)}?{query}"
