"""`make screenshots`: the key screens at 390 and 1366 px, in Dutch and French, as PNG files.

Anyone can look at the site in `var/screenshots/` (`nl-390-home.png`, `fr-1366-review.png`, ...)
without clicking through it. The pages are found by URL name (`reverse`), and people sign in
through the real sign-in form, so the script keeps working while the pages are redesigned.

Its own site, so a developer's `var/solidair.sqlite3` and `var/mail/` are left alone: everything
lives in `SOLIDAIR_VAR_DIR` (default `var/screenshots-site/`: database, mails, uploads), which
`make screenshots` empties and fills with `make data` (reference data and demo content) on every
run, so the pictures are the same from one run to the next. The screens use the demo content as
it is: Liège before membership (in dialogue with its council, with demo co-signatures),
Merelbeke-Melle as a member (founding), Mechelen's application under review, the page of
Gent's commitment to reception places (evidence, figures, confirmations and contests).

It serves the site as `make run` does (runserver with the local settings and a task worker beside
it, the worker sends the confirmation mail) on a free port with SITE_URL on that port, drives
Debian's Chromium (/usr/bin/chromium, never a downloaded browser) through Playwright, and stops
both processes at the end. The resident's journey is followed for real: the sign form is filled
in, the confirmation link is read from the mail file and opened, and the signature confirmed.

    make screenshots                       # the usual way
    SOLIDAIR_VAR_DIR=... python scripts/screenshots.py   # against a site already filled

Exits with status 1 when a screen answered with an error (the picture is still written).
"""

import contextlib
import email
import email.policy
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
OUTPUT_DIR = BASE_DIR / "var" / "screenshots"
DEFAULT_VAR_DIR = BASE_DIR / "var" / "screenshots-site"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # as conftest.py
LANGUAGES = {"nl": "nl-BE", "fr": "fr-BE"}
WIDTHS = {
    390: {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    1366: {"viewport": {"width": 1366, "height": 768}},
}

BEFORE_NIS = "62063"  # Liège: residents asked (demo co-signatures), the council is in dialogue
# The member (Merelbeke-Melle, a founding member) and the application under review (Mechelen)
# come from the demo content too: see screens().
SIGNER = {  # who signs during the run, per language
    "nl": ("Lore Jacobs", "Ik woon hier graag en wil dat iedereen hier welkom is."),
    "fr": ("Élise Moreau", "Je veux que ma ville s'engage pour l'accueil."),
}


@dataclass
class Screen:
    name: str  # the file name's last part: nl-390-<name>.png
    url_name: str
    args: tuple = ()
    user: str = ""  # the e-mail of the demo account that signs in first ("" for a visitor)

    def path(self, language: str) -> str:
        from django.urls import reverse
        from django.utils import translation

        with translation.override(language):
            return reverse(self.url_name, args=self.args)


def screens(stdout=sys.stdout) -> list[Screen]:
    """The screens opened directly by URL (the sign journey adds three more). Needs Django."""
    from solidair.accounts.demo import (
        DEMO_COORDINATOR_EMAIL,
        DEMO_MUNICIPALITY_NIS,
        DEMO_OFFICER_EMAIL,
    )
    from solidair.charter.demo import IN_REVIEW_NIS, STORY_ACTIVITY, STORY_NIS
    from solidair.charter.models import Application, ApplicationStatus, Commitment

    member_nis = DEMO_MUNICIPALITY_NIS  # Merelbeke-Melle, a founding member
    review = [Screen("review-list", "charter:review_list", user=DEMO_COORDINATOR_EMAIL)]
    application = (Application.objects.filter(status=ApplicationStatus.SUBMITTED)
                   .order_by("-pk").filter(municipality__nis=IN_REVIEW_NIS).first()
                   or Application.objects.filter(status=ApplicationStatus.SUBMITTED)
                   .order_by("-pk").first())
    if application is None:
        stdout.write("No application under review in the demo content: showing the review "
                     "list instead of a review page.\n")
    else:
        review = [Screen("review", "charter:review", (application.pk,),
                         user=DEMO_COORDINATOR_EMAIL)]
    # One commitment's own page: the demo's story (Gent's reception places), else any member's.
    story = (Commitment.objects.filter(application__status=ApplicationStatus.APPROVED,
                                       application__municipality__nis=STORY_NIS,
                                       activity__code=STORY_ACTIVITY).first()
             or Commitment.objects.filter(application__status=ApplicationStatus.APPROVED,
                                          application__municipality__status="member")
             .select_related("application", "activity").order_by("pk").first())
    commitment = [] if story is None else [
        Screen("commitment", "charter:commitment",
               (story.application.municipality_id, story.activity.code))]
    return [
        Screen("home", "places:home"),
        Screen("municipality-before", "places:municipality", (BEFORE_NIS,)),
        Screen("municipality-member", "places:municipality", (member_nis,)),
        Screen("letter", "documents:letter", (BEFORE_NIS,)),
        Screen("sign", "campaigns:sign", (BEFORE_NIS,)),
        Screen("map", "places:map"),
        Screen("members", "charter:members"),
        *commitment,
        Screen("officer-home", "accounts:home", user=DEMO_OFFICER_EMAIL),
        Screen("coordinator-home", "accounts:home", user=DEMO_COORDINATOR_EMAIL),
        *review,
    ]


# --- Running the site -------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"The server stopped (exit status {server.returncode}); "
                             "see its log in SOLIDAIR_VAR_DIR/screenshots-server.log.")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2):  # noqa: S310
            return
        time.sleep(0.3)
    raise SystemExit(f"The server did not answer at {url} within {timeout:.0f} s.")


@contextlib.contextmanager
def serve(port: int, env: dict, var_dir: Path):
    """runserver and a task worker, as `make run` starts them; both stopped on the way out."""
    manage = [sys.executable, str(BASE_DIR / "manage.py")]
    with open(var_dir / "screenshots-server.log", "w") as server_log, \
            open(var_dir / "screenshots-worker.log", "w") as worker_log:
        processes = [
            subprocess.Popen([*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],  # noqa: S603
                             cwd=BASE_DIR, env=env, stdout=server_log, stderr=subprocess.STDOUT),
            subprocess.Popen([*manage, "db_worker", "--interval", "1", "--no-reload"],  # noqa: S603
                             cwd=BASE_DIR, env=env, stdout=worker_log, stderr=subprocess.STDOUT),
        ]
        try:
            _wait_until_up(f"http://127.0.0.1:{port}/healthz", processes[0])
            yield f"http://127.0.0.1:{port}"
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()


def confirmation_path(mail_dir: Path, address: str, timeout: float = 60) -> str:
    """The path of the confirmation link in the mail the worker wrote for `address`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for file in sorted(mail_dir.glob("*.log")) if mail_dir.is_dir() else []:
            for chunk in file.read_bytes().split(b"-" * 79):
                message = email.message_from_bytes(chunk.strip(), policy=email.policy.default)
                if address not in str(message.get("To", "")):
                    continue
                body = message.get_body(preferencelist=("plain",))
                found = re.search(r"https?://[^/\s]+((?:/\w\w)?/signatures/confirm/[^\s<>\"']+)",
                                  body.get_content() if body else "")
                if found:
                    return found.group(1)
        time.sleep(0.5)
    raise SystemExit(f"No confirmation mail for {address} in {mail_dir} within {timeout:.0f} s "
                     "(is the task worker running? see screenshots-worker.log).")


# --- Taking the pictures ----------------------------------------------------------------------

class Camera:
    def __init__(self, browser, base_url: str, password: str):
        self.browser, self.base_url, self.password = browser, base_url, password
        self.written: list[Path] = []
        self.errors: list[str] = []

    def context(self, language: str, width: int):
        return self.browser.new_context(locale=LANGUAGES[language], timezone_id="Europe/Brussels",
                                        **WIDTHS[width])

    def shoot(self, page, response, language: str, width: int, name: str) -> None:
        status = response.status if response is not None else 0
        if not 200 <= status < 300:
            self.errors.append(f"{language}-{width}-{name}: HTTP {status} at {page.url}")
        path = OUTPUT_DIR / f"{language}-{width}-{name}.png"
        page.screenshot(path=str(path), full_page=True, animations="disabled")
        self.written.append(path)

    def sign_in(self, page, language: str, user: str) -> None:
        from django.urls import reverse
        from django.utils import translation

        with translation.override(language):
            login = reverse("account_login")
        page.goto(self.base_url + login)
        form = page.locator("form", has=page.locator("input[name=password]")).first
        form.locator("input[name=login]").fill(user)
        form.locator("input[name=password]").fill(self.password)
        submit(page, form)
        if page.url.split("?")[0].endswith(login):
            self.errors.append(f"{language}: could not sign in as {user} (still on {page.url})")

    def screens(self, language: str, width: int, screens: list[Screen]) -> None:
        """Each screen in its own browser context: visitors stay anonymous, accounts sign in."""
        by_user: dict[str, list[Screen]] = {}
        for screen in screens:
            by_user.setdefault(screen.user, []).append(screen)
        for user, group in by_user.items():
            context = self.context(language, width)
            page = context.new_page()
            if user:
                self.sign_in(page, language, user)
            for screen in group:
                response = page.goto(self.base_url + screen.path(language))
                self.shoot(page, response, language, width, screen.name)
            context.close()

    def sign_journey(self, language: str, width: int, mail_dir: Path, postal_code: str) -> None:
        """Sign the letter, find the link in the mail, open it and confirm."""
        sign = Screen("sign", "campaigns:sign", (BEFORE_NIS,))
        # A new address on every run: a script run again on the same site signs anew.
        address = f"screenshots.{language}.{width}.{int(time.time())}@example.org"
        name, message = SIGNER[language]
        context = self.context(language, width)
        page = context.new_page()
        page.goto(self.base_url + sign.path(language))
        form = page.locator("form", has=page.locator("input[name=postal_code]")).first
        form.locator("input[name=name]").fill(name)
        form.locator("input[name=email]").fill(address)
        form.locator("input[name=postal_code]").fill(postal_code)
        form.locator("textarea[name=message]").fill(message)
        form.locator("input[name=consent]").check()
        self.shoot(page, submit(page, form), language, width, "sign-sent")
        response = page.goto(self.base_url + confirmation_path(mail_dir, address))
        self.shoot(page, response, language, width, "sign-confirm")
        form = page.locator("main form[method=post]").first
        self.shoot(page, submit(page, form), language, width, "sign-confirmed")
        context.close()


def submit(page, form):
    """Press the form's (first) submit button; the response of the page it leads to."""
    button = form.locator("button:not([type=button]):not([type=reset]), input[type=submit]").first
    with page.expect_navigation() as navigation:
        button.click()
    return navigation.value


def main() -> int:
    var_dir = Path(os.environ.setdefault("SOLIDAIR_VAR_DIR", str(DEFAULT_VAR_DIR))).resolve()
    if not (var_dir / "solidair.sqlite3").exists() and not os.environ.get("DATABASE_URL"):
        print(f"No database in {var_dir}: run `make screenshots` (it fills one first).",
              file=sys.stderr)
        return 2
    if not os.path.exists(CHROMIUM):
        print(f"Needs Debian's Chromium at {CHROMIUM} (apt-get install chromium).",
              file=sys.stderr)
        return 2
    port = int(os.environ.get("SCREENSHOTS_PORT") or free_port())
    os.environ["SITE_URL"] = f"http://127.0.0.1:{port}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.db import connections

    from solidair.accounts.demo import DEMO_PASSWORD
    from solidair.places.models import PostalCode

    shots = screens()
    postal_code = (PostalCode.objects.filter(municipality__nis=BEFORE_NIS)
                   .order_by("code").values_list("code", flat=True).first())
    connections.close_all()  # the server and the worker use the database from here on

    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    for old in OUTPUT_DIR.glob("*.png"):
        old.unlink()
    from playwright.sync_api import sync_playwright

    with serve(port, dict(os.environ), var_dir) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        camera = Camera(browser, base_url, DEMO_PASSWORD)
        # Every page first, then the journeys: each "before" page shows the same count.
        for language in LANGUAGES:
            for width in WIDTHS:
                camera.screens(language, width, shots)
        for language in LANGUAGES:
            for width in WIDTHS:
                camera.sign_journey(language, width, var_dir / "mail", postal_code)
        browser.close()

    for path in sorted(camera.written):
        print(path.relative_to(BASE_DIR))
    print(f"{len(camera.written)} screenshots in {OUTPUT_DIR.relative_to(BASE_DIR)}/")
    for error in camera.errors:
        print(f"error: {error}", file=sys.stderr)
    return 1 if camera.errors else 0


if __name__ == "__main__":
    sys.exit(main())
