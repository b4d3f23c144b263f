"""No page loads anything from another host: no CDN, web font, external image or script.
Plain outbound links (<a href>) are fine."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from solidair.core.tests.site_map import crawl, foreign_host, parse_page
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


def test_no_public_page_loads_from_another_host(client):
    make_municipality("44021", "Gent")
    pages = crawl(client, start=["/municipalities/44021/"])
    assert len(pages) >= 3
    offending = [(page.path, tag, attribute, url) for page in pages
                 for tag, attribute, url in page.resources if foreign_host(url)]
    assert not offending, offending


def test_no_stylesheet_imports_from_another_host():
    offending = []
    for finder in finders.get_finders():
        for path, storage in finder.list([]):
            if path.endswith(".css") and not path.startswith("admin/"):
                page = parse_page("/", f"<style>{Path(storage.path(path)).read_text()}</style>")
                offending += [(path, url) for *_, url in page.resources if foreign_host(url)]
    assert not offending, offending
    assert settings.STATICFILES_DIRS  # the project's own static files were looked at


def test_the_check_sees_every_way_of_loading(client):
    html = """<html><head><link rel="stylesheet" href="https://cdn.example/x.css">
      <link rel="alternate" hreflang="fr" href="https://elsewhere.example/fr/">
      <style>@import "https://fonts.example/f.css";
      body { background: url(//img.example/b.png) }</style>
      </head><body><img src="/static/a.png" srcset="/a.png 1x, https://img.example/a2.png 2x">
      <script src="https://cdn.example/x.js"></script>
      <div style="background: url('https://x.example/i.png')"></div>
      <form action="https://collect.example/post"></form><a href="https://outbound.example/">ok</a>
      <img src="data:image/png;base64,AAAA"></body></html>"""
    foreign = sorted(url for *_, url in parse_page("/", html).resources if foreign_host(url))
    assert foreign == ["//img.example/b.png", "https://cdn.example/x.css",
                       "https://cdn.example/x.js", "https://collect.example/post",
                       "https://fonts.example/f.css", "https://img.example/a2.png",
                       "https://x.example/i.png"]
