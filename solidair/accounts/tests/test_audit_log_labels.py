"""Every audit action the code can write reads as words on the audit-log page, in every language.

The action codes are collected from the source, so a new action added without a label fails
here rather than showing as a raw code to coordinators.
"""

import ast
import re
from pathlib import Path

import pytest
from django.utils import translation

from solidair.accounts.audit import action_labels

SOURCE = Path(__file__).resolve().parents[2]  # the solidair package
ACTION_CODE = re.compile(r"[a-z_]+(\.[a-z_]+)+\Z")
TRANSLATED = ("nl", "fr", "de")


def _strings(node) -> list[str]:
    """The string literals an `action=` expression can evaluate to (a literal, or a choice of
    literals); None when it is computed in a way that cannot be read from the source."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _strings(node.body), _strings(node.orelse)
        return None if body is None or orelse is None else body + orelse
    return None


def _called(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def audit_actions_in_source() -> tuple[set[str], list[str]]:
    """(action codes, problems): codes passed as `action=` to any call or as the default of
    an `action` parameter (a helper that forwards it to `audit_record`); problems are
    `audit_record` calls whose action is neither literal nor a forwarded parameter."""
    codes, problems = set(), []
    for path in sorted(SOURCE.rglob("*.py")):
        if {"tests", "migrations"} & set(path.relative_to(SOURCE).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                for keyword in node.keywords:
                    if keyword.arg != "action":
                        continue
                    found = _strings(keyword.value)
                    if found is not None:
                        codes.update(code for code in found if ACTION_CODE.match(code))
                    elif (_called(node) == "audit_record"
                          and not isinstance(keyword.value, ast.Name)):
                        problems.append(f"{path.relative_to(SOURCE)}:{node.lineno}")
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                arguments = node.args
                positional = arguments.posonlyargs + arguments.args
                pairs = list(zip(positional[len(positional) - len(arguments.defaults):],
                                 arguments.defaults, strict=True))
                pairs += [(arg, default) for arg, default
                          in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)
                          if default is not None]
                for arg, default in pairs:
                    if arg.arg == "action" and (found := _strings(default)):
                        codes.update(code for code in found if ACTION_CODE.match(code))
    return codes, problems


def test_every_audit_action_in_the_code_has_a_translated_label():
    codes, problems = audit_actions_in_source()
    assert not problems, f"write the audit action as a literal code: {problems}"
    # The scan sees every app that writes the log (a scan that finds nothing proves nothing).
    assert {code.split(".")[0] for code in codes} >= {
        "campaigns", "charter", "network", "volunteers", "municipality", "invitation", "mail"}
    assert "volunteers.offer_deleted_by_volunteer" in codes  # a forwarded default
    assert "charter.report.correct" in codes  # the second branch of a conditional

    with translation.override("en"):
        english = {code: str(label) for code, label in action_labels().items()}
    missing = sorted(codes - english.keys())
    assert not missing, f"audit actions without a label (an `audit_action_labels` hook): {missing}"
    for language in TRANSLATED:
        with translation.override(language):
            labels = action_labels()
            untranslated = sorted(code for code in codes
                                  if str(labels[code]) == english[code])
        assert not untranslated, f"labels not translated into {language}: {untranslated}"


@pytest.mark.django_db
def test_charter_and_network_actions_read_as_words_on_the_audit_log(client):
    from django.urls import reverse

    from solidair.accounts.testing import login, make_coordinator
    from solidair.core.audit import audit_record
    from solidair.places.testing import make_municipality

    coordinator = make_coordinator()
    gent = make_municipality("44021", "Gent", "Gand")
    audit_record(actor=coordinator, action="charter.application.approve", municipality=gent)
    audit_record(actor=coordinator, action="network.practice_published", municipality=gent)
    login(client, coordinator)
    page = client.get(reverse("accounts:audit_log")).content.decode()
    assert "<td>Aanvraag goedgekeurd: de gemeente is lid</td>" in page
    assert "<td>Goede praktijk gepubliceerd</td>" in page
    assert "charter.application.approve</td>" not in page
