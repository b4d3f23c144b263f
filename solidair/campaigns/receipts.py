"""Verifiable digests: each signature's anonymous receipt value and each digest's fingerprint.

The scheme (byte layout, a snippet to recompute a chain) is documented in docs/digests.md;
keep the two in step. Nothing here reads the database except `chain_problems`' callers: these
are pure functions, so the documentation, the tests and `verify_digests` agree on one text.

- A signature's receipt value is HMAC-SHA256(K, "solidair-signature:<nis>:<signature id>") in
  lower-case hex, with K = SHA-256("solidair.campaigns.digest-receipt:" + secret), the secret
  being `CAMPAIGNS_RECEIPT_SECRET` (or SECRET_KEY). Without the secret nobody can link a value
  to a signature; the value is also the signer's receipt code.
- A digest's fingerprint is SHA-256 over a short UTF-8 text: a header, the previous digest's
  fingerprint and the sorted receipt values, one per line, then one line "paper:<batch id>:
  <count>" per paper batch it carried, by batch id (none without paper, so digests without
  paper batches keep the text they always had; see `fingerprint_text`).
"""

import hashlib
import hmac
import re
from datetime import UTC, datetime

from django.conf import settings

SCHEME = "solidair-digest-v1"
GENESIS = "0" * 64  # the "previous fingerprint" of a municipality's first fingerprinted digest
KEY_SALT = b"solidair.campaigns.digest-receipt:"
VALUE = re.compile(r"^[0-9a-f]{64}$")


def _key() -> bytes:
    secret = getattr(settings, "CAMPAIGNS_RECEIPT_SECRET", "") or settings.SECRET_KEY
    return hashlib.sha256(KEY_SALT + secret.encode()).digest()


def receipt_value(*, nis: str, signature_id: int) -> str:
    """The anonymous value of one signature in its digest (and the signer's receipt code)."""
    message = f"solidair-signature:{nis}:{signature_id}".encode()
    return hmac.new(_key(), message, hashlib.sha256).hexdigest()


def sent_text(moment: datetime) -> str:
    """The sending time as it enters the fingerprint: UTC, whole seconds, e.g.
    2026-03-12T08:00:05Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def paper_lines(paper: list[dict] | None) -> list[str]:
    """One line per paper batch, "paper:<batch id>:<count>", in ascending batch id."""
    return [f"paper:{int(b['batch'])}:{int(b['count'])}"
            for b in sorted(paper or [], key=lambda b: int(b["batch"]))]


def fingerprint_text(*, nis: str, number: int, sent: str, previous: str,
                     values: list[str], paper: list[dict] | None = None) -> str:
    """The exact text that is hashed: ASCII lines, each ending in one line feed (LF)."""
    lines = [SCHEME, f"municipality:{nis}", f"number:{number}", f"sent:{sent}",
             f"count:{len(values)}", f"previous:{previous}", *sorted(values),
             *paper_lines(paper)]
    return "".join(f"{line}\n" for line in lines)


def fingerprint(*, nis: str, number: int, sent: str, previous: str, values: list[str],
                paper: list[dict] | None = None) -> str:
    text = fingerprint_text(nis=nis, number=number, sent=sent, previous=previous,
                            values=values, paper=paper)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def normalize_code(code: str) -> str:
    """A receipt code as typed or pasted: spaces, dashes and capitals are ignored."""
    return re.sub(r"[\s\-]", "", code or "").lower()


def is_code(code: str) -> bool:
    return bool(VALUE.match(code))


def chain_problems(nis: str, digests) -> list[str]:
    """What is wrong with one municipality's chain. `digests`: objects (or dicts turned into
    objects) with `number`, `created_at`, `signature_count`, `fingerprint` and
    `receipt_values` (and `paper_batches`, when they have it), in any order. An empty list
    means the chain is intact.

    Digests sent before fingerprints existed have an empty fingerprint and come first; the
    first fingerprinted digest chains to GENESIS when the digest before it has none.
    """
    problems = []
    previous = GENESIS
    seen_fingerprinted = False
    for expected, digest in enumerate(sorted(digests, key=lambda d: d.number), start=1):
        label = f"{nis} digest {digest.number}"
        if digest.number != expected:
            problems.append(f"{label}: expected number {expected} (a digest is missing)")
        if not digest.fingerprint:
            if seen_fingerprinted:
                problems.append(f"{label}: no fingerprint after fingerprinted digests")
            previous = GENESIS
            continue
        seen_fingerprinted = True
        values = list(digest.receipt_values or [])
        if any(not isinstance(v, str) or not VALUE.match(v) for v in values):
            problems.append(f"{label}: a recorded value is not a 64-digit hex value")
            values = [v for v in values if isinstance(v, str)]
        if len(set(values)) != len(values):
            problems.append(f"{label}: a recorded value appears twice")
        if len(values) != digest.signature_count:
            problems.append(f"{label}: {len(values)} recorded values for "
                            f"{digest.signature_count} co-signatures")
        paper = getattr(digest, "paper_batches", None) or []
        try:
            paper_lines(paper)
        except (KeyError, TypeError, ValueError):
            problems.append(f"{label}: a recorded paper batch is malformed")
            paper = []
        recomputed = fingerprint(nis=nis, number=digest.number,
                                 sent=sent_text(digest.created_at), previous=previous,
                                 values=values, paper=paper)
        if recomputed != digest.fingerprint:
            problems.append(f"{label}: fingerprint does not match its recorded values and "
                            "the chain")
        previous = digest.fingerprint
    return problems
