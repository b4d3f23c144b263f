"""E-mail addresses as keys: one signature per mailbox, and no disposable mailboxes.

Pure functions, also used by the data migration that normalised the existing signatures
(`migrations/0005_normalize_signature_addresses`), so change them with care: a new rule needs
a new data migration for the rows written before it.
"""

from collections import defaultdict
from collections.abc import Callable

# Providers whose mailbox ignores part of the address. Gmail delivers "a.n.na+x@gmail.com" to
# "anna@gmail.com" (dots and +tags ignored), and googlemail.com is the same mailbox as
# gmail.com. Outlook.com, Hotmail and Live ignore +tags but NOT dots: "a.nna@outlook.com" is
# another mailbox than "anna@outlook.com".
DOMAIN_ALIASES = {"googlemail.com": "gmail.com"}
IGNORE_DOTS = {"gmail.com"}
IGNORE_TAGS = {"gmail.com", "outlook.com", "hotmail.com", "live.com"}


def normalize_email(email: str) -> str:
    """The key of the one-signature-per-address rule: lower case, and for providers that
    ignore them, without dots and +tags. Mail always goes to the address as typed."""
    email = email.strip().lower()
    local, at, domain = email.rpartition("@")
    if not at:
        return email
    domain = DOMAIN_ALIASES.get(domain, domain)
    if domain in IGNORE_TAGS:
        local = local.split("+", 1)[0]
    if domain in IGNORE_DOTS:
        local = local.replace(".", "")
    return f"{local}@{domain}" if local else email


def email_domain(email: str) -> str:
    return email.strip().lower().rpartition("@")[2]


def domain_and_parents(domain: str) -> list[str]:
    """'a.mailinator.com' -> ['a.mailinator.com', 'mailinator.com']: a blocked domain blocks
    its subdomains too (disposable services hand out many)."""
    parts = domain.strip(".").split(".")
    return [".".join(parts[i:]) for i in range(len(parts) - 1)] or [domain]


def is_disposable(domain: str) -> bool:
    """Whether the domain (or a parent) is on the maintained list of disposable mail services
    (the `disposable-email-domains` package, updated with each release)."""
    from disposable_email_domains import blocklist

    return any(candidate in blocklist for candidate in domain_and_parents(domain))


STATUS_RANK = {"confirmed": 0, "held": 1, "pending": 2, "rejected": 3}
# Only these domains normalise differently from a plain lower-cased address.
CHANGED_DOMAINS = sorted({*DOMAIN_ALIASES, *IGNORE_DOTS, *IGNORE_TAGS})


def normalize_existing(signature_model, *, write: Callable[[str], None] = print) -> list[dict]:
    """Give existing signatures the normalised key; report (never delete) duplicates.

    Works on the real model and on the migration's historical one. Where two or more rows of
    one municipality now share a key, the one that counts is kept (confirmed, then held,
    pending, rejected; the oldest first) and the others are marked `is_duplicate`: they keep
    their status and stay in the data, outside the uniqueness rule, until someone decides
    (see `manage.py report_duplicate_signatures`). Returns one dict per group found.
    """
    from django.db.models import Q

    only_changed = Q()
    for domain in CHANGED_DOMAINS:
        only_changed |= Q(email_normalized__endswith=f"@{domain}")
    rows = list(signature_model.objects.filter(only_changed).order_by("pk")
                .values("pk", "municipality_id", "email", "email_normalized", "status",
                        "created_at", "is_duplicate"))
    groups = defaultdict(list)
    for row in rows:
        row["new"] = normalize_email(row["email"])
        groups[(row["municipality_id"], row["new"])].append(row)
    changed, found = 0, []
    for (nis, _key), members in sorted(groups.items()):
        members.sort(key=lambda r: (STATUS_RANK.get(r["status"], 9), r["created_at"], r["pk"]))
        # The duplicates first, then the row kept: each step satisfies the uniqueness rule.
        for index, row in reversed(list(enumerate(members))):
            duplicate = index > 0
            if row["new"] != row["email_normalized"] or duplicate != row["is_duplicate"]:
                signature_model.objects.filter(pk=row["pk"]).update(
                    email_normalized=row["new"], is_duplicate=duplicate)
                changed += 1
        if len(members) > 1:
            found.append({"municipality": nis, "kept": members[0]["pk"],
                          "duplicates": [(r["pk"], r["status"]) for r in members[1:]]})
    if not changed:
        return found
    write(f"campaigns: {changed} signature addresses normalised, "
          f"{sum(len(g['duplicates']) for g in found)} duplicates marked")
    for group in found:
        # Row numbers and statuses only: this lands in deployment logs.
        others = ", ".join(f"#{pk} ({status})" for pk, status in group["duplicates"])
        write(f"  {group['municipality']}: #{group['kept']} kept; duplicates {others}")
    return found
