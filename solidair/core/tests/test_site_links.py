"""Links sent by e-mail and given by the API open on the server that runs the site (SITE_URL)."""

import os
import re
import subprocess

import pytest
from django.core import mail
from django.utils import timezone

from solidair.core.testing import BASE_DIR

HERE = "http://127.0.0.1:8765"


def test_make_run_sends_links_to_the_port_it_serves_on():
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "MAKEFLAGS")}
    plan = subprocess.run(["make", "-n", "run", "PORT=8765"], cwd=BASE_DIR, env=env, text=True,
                          capture_output=True, timeout=60, check=True).stdout
    script = plan[plan.index("seed_demo") - 200:]
    # The demo data and the server (and its worker) both run with SITE_URL on port 8765 ...
    assert plan.count('SITE_URL="${SITE_URL:-http://127.0.0.1:8765}"') == 2
    # ... which the shell resolves to that port unless SITE_URL is given.
    resolved = subprocess.run(["sh", "-c", 'echo "${SITE_URL:-http://127.0.0.1:8765}"'], env=env,
                              text=True, capture_output=True, check=True).stdout.strip()
    assert resolved == HERE and "runserver 127.0.0.1:8765" in script


@pytest.mark.django_db
def test_mail_and_api_links_use_site_url(client, settings, django_capture_on_commit_callbacks):
    from solidair.campaigns.tests.factories import make_gent
    from solidair.network.models import Brochure
    from solidair.network.tests.factories import make_meeting

    settings.SITE_URL = HERE + "/"
    make_gent()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/municipalities/44021/ask/", {
            "name": "Anna", "email": "anna@example.org", "postal_code": "9000",
            "consent": "on", "website": ""})
    [message] = mail.outbox
    links = re.findall(r"https?://\S+", message.body)
    assert links and all(link.startswith(HERE + "/") for link in links), links

    municipality = client.get("/api/v1/municipalities/44021/").json()
    assert municipality["url"] == f"{HERE}/municipalities/44021/"
    meeting = make_meeting(days=-3)
    Brochure.objects.create(meeting=meeting, title="B", version=1, state="ready",
                            published_at=timezone.now())
    [listed] = client.get("/api/v1/meetings/").json()
    for field in ("url", "ics_url", "brochure_url"):
        assert listed[field].startswith(HERE + "/") and "//" not in listed[field][8:], listed[field]
