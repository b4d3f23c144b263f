"""Finding the public surface of the site: pages by walking the URL resolver and following
links, forms on those pages, and the API's operations. Shared by the security tests; it grows
with every app that adds URLs, with no change here."""

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse

# Not pages for visitors: the admin, the API (tested through its schema) and sign-out.
SKIPPED_PREFIXES = ("/admin/", "/api/", "/static/", "/media/")
SKIPPED_SUFFIXES = ("/logout/",)


def url_names(resolver=None, namespace: str = ""):
    """Every named URL pattern, with its namespaces ("places:home")."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern, inner)
        elif pattern.name:
            yield namespace + pattern.name


SAMPLE_VALUES = {"int": "1", "slug": "gent", "uuid": "00000000-0000-0000-0000-000000000000",
                 "str": "x", "path": "x"}
PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _patterns(resolver=None, namespace: str = "", route: str = ""):
    """(name with namespaces, the route text with its parent routes) of every named pattern."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        text = route + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern, inner, text)
        elif pattern.name:
            yield namespace + pattern.name, text


def sample_paths(samples: dict | None = None) -> list[str]:
    """One path per named URL, its parameters filled with plausible values: `samples` by
    parameter name (e.g. {"nis": "44021"}), else by converter (int 1, str "x", ...). Token and
    key parameters get values that match nothing: the view must answer 404, not fail."""
    samples = samples or {}
    paths = set()
    for name, route in _patterns():
        kwargs = {param: samples.get(param, SAMPLE_VALUES.get(converter or "str", "x"))
                  for converter, param in PARAMETER.findall(route)}
        try:
            paths.add(reverse(name, kwargs=kwargs or None))
        except NoReverseMatch:
            continue  # a regex pattern or a converter of its own: not guessable
    return sorted(p for p in paths if _is_page(p))


def parameterless_paths() -> list[str]:
    paths = set()
    for name in url_names():
        try:
            paths.add(reverse(name))
        except NoReverseMatch:
            continue  # needs parameters
    return sorted(p for p in paths if _is_page(p))


def _is_page(path: str) -> bool:
    for prefix in SKIPPED_PREFIXES:
        if re.match(rf"^(/[a-z]{{2}})?{re.escape(prefix)}", path):
            return False
    return not path.endswith(SKIPPED_SUFFIXES)


@dataclass
class Form:
    action: str
    method: str
    fields: dict = field(default_factory=dict)  # name -> value typed in by default


@dataclass
class Page:
    path: str
    html: str
    links: list = field(default_factory=list)  # same-site paths from <a href>
    resources: list = field(default_factory=list)  # (tag, attribute, url) the browser loads
    forms: list = field(default_factory=list)


RESOURCE_LINK_RELS = {"stylesheet", "icon", "shortcut", "preload", "modulepreload", "prefetch",
                      "manifest", "apple-touch-icon", "dns-prefetch", "preconnect", "mask-icon"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.IGNORECASE)


class _PageParser(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page, self.form, self.in_style = page, None, False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        page = self.page
        if tag == "a" and attributes.get("href"):
            page.links.append(attributes["href"])
        for name in ("src", "poster", "data", "background"):
            if attributes.get(name):
                page.resources.append((tag, name, attributes[name]))
        for name in ("srcset", "imagesrcset"):
            for candidate in (attributes.get(name) or "").split(","):
                if candidate.strip():
                    page.resources.append((tag, name, candidate.split()[0]))
        rels = set((attributes.get("rel") or "").lower().split())
        if tag == "link" and rels & RESOURCE_LINK_RELS and attributes.get("href"):
            page.resources.append((tag, "href", attributes["href"]))
        if tag in {"form", "button", "input"} and attributes.get("formaction" if tag != "form"
                                                                 else "action"):
            page.resources.append((tag, "action", attributes.get("action")
                                   or attributes.get("formaction")))
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            target = (attributes.get("content") or "").partition("url=")[2]
            if target:
                page.resources.append((tag, "refresh", target))
        for url in _css_urls(attributes.get("style") or ""):
            page.resources.append((tag, "style", url))
        self.in_style = tag == "style"
        self._forms(tag, attributes)

    def _forms(self, tag, attributes):
        if tag == "form":
            self.form = Form(action=urljoin(self.page.path, attributes.get("action") or ""),
                             method=(attributes.get("method") or "get").lower())
            self.page.forms.append(self.form)
        elif (self.form and tag in {"input", "textarea", "select"} and attributes.get("name")
              and attributes.get("type") not in {"submit", "button", "image", "reset"}):
            self.form.fields[attributes["name"]] = attributes.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.page.resources.extend(("style", "css", url) for url in _css_urls(data))


def _css_urls(css: str) -> list[str]:
    return [first or second for first, second in CSS_URL.findall(css)]


def parse_page(path: str, html: str) -> Page:
    page = Page(path=path, html=html)
    _PageParser(page).feed(html)
    return page


def foreign_host(url: str, own_hosts=("testserver", "localhost", "127.0.0.1")) -> bool:
    """Whether loading `url` contacts another host (data: and relative URLs do not)."""
    parts = urlsplit(url.strip())
    if parts.scheme in {"data", "blob", ""} and not parts.netloc:
        return False
    return parts.hostname not in own_hosts


def crawl(client, *, start: list[str] | None = None, limit: int = 400) -> list[Page]:
    """Anonymous visit of every page reachable from the parameterless URLs (and `start`),
    following same-site links, up to `limit` pages. Returns the pages that answered 200 HTML."""
    queue = list(dict.fromkeys([*parameterless_paths(), *(start or [])]))
    seen, pages = set(queue), []
    while queue and len(pages) < limit:
        path = queue.pop(0)
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        page = parse_page(path, response.content.decode())
        pages.append(page)
        for href in page.links:
            target = urljoin(path, href)
            parts = urlsplit(target)
            if parts.netloc or parts.scheme not in {"", "http", "https"}:
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if local not in seen and _is_page(parts.path):
                seen.add(local)
                queue.append(local)
    return pages


def api_operations(client) -> list[tuple[str, str, dict]]:
    """(method, path template, operation) for every operation in /api/v1/openapi.json."""
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    return [(method.upper(), "/api/v1" + path if not path.startswith("/api/") else path, op)
            for path, item in schema.get("paths", {}).items()
            for method, op in item.items() if method in {"get", "post", "put", "patch", "delete"}]
