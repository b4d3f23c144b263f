"""Reads shared by the pages, the API and the extension hooks."""

import functools
import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, DateField, Exists, Max, Min, OuterRef, Q, Sum, Value
from django.db.models.functions import StrIndex, Substr
from django.urls import reverse
from django.utils import timezone

from solidair.campaigns import conf, invalidation, receipts, tokens
from solidair.campaigns.conf import signature_threshold
from solidair.campaigns.models import (
    CampaignSettings,
    CouncilAnswer,
    Delivery,
    IntegrityCounts,
    PaperBatch,
    Signature,
    SignatureInvalidation,
    SignatureStatus,
    TrendAlert,
    TrendKind,
)
from solidair.core.counts import counts
from solidair.core.extensions import hooks
from solidair.core.mail import outbox_for
from solidair.places.models import Municipality, MunicipalityStatus


def confirmed_count(municipality) -> int:
    """The confirmed online co-signatures (see `signature_counts` for the total with paper)."""
    return Signature.objects.filter(municipality=municipality,
                                    status=SignatureStatus.CONFIRMED).count()


def paper_count(municipality) -> int:
    return PaperBatch.objects.filter(municipality=municipality).aggregate(
        n=Sum("count"))["n"] or 0


def signature_counts(municipality) -> dict:
    """What counts: the confirmed online co-signatures, those collected on paper, and their
    total (the `confirmed_signatures` of the API, what the threshold compares with)."""
    online, paper = confirmed_count(municipality), paper_count(municipality)
    return {"online": online, "paper": paper, "total": online + paper}


@functools.cache
def _api_figures_sql() -> str:
    def table(model) -> str:
        return connection.ops.quote_name(model._meta.db_table)

    def column(model, name: str) -> str:
        return connection.ops.quote_name(model._meta.get_field(name).column)

    newest = (f"ORDER BY {column(CouncilAnswer, 'answered_on')} DESC, "  # as Meta.ordering
              f"{column(CouncilAnswer, 'id')} DESC LIMIT 1")
    answers = f"FROM {table(CouncilAnswer)} WHERE {column(CouncilAnswer, 'municipality')} = %s"
    # Only the models' table and column names go into the text; the values are parameters.
    return (
        f"SELECT (SELECT COUNT(*) FROM {table(Signature)} WHERE "  # noqa: S608
        f"{column(Signature, 'municipality')} = %s AND {column(Signature, 'status')} = %s), "
        f"(SELECT SUM({column(PaperBatch, 'count')}) FROM {table(PaperBatch)} WHERE "
        f"{column(PaperBatch, 'municipality')} = %s), "
        f"(SELECT {column(CampaignSettings, 'signature_threshold')} FROM "
        f"{table(CampaignSettings)} WHERE {column(CampaignSettings, 'municipality')} = %s), "
        f"(SELECT {column(CouncilAnswer, 'answered_on')} {answers} {newest}), "
        f"(SELECT {column(CouncilAnswer, 'outcome')} {answers} {newest})")


def api_figures(municipality) -> dict:
    """`signature_counts`, `threshold_for` and the date and outcome of `latest_answer`, in one
    query for the API's detail: {"online", "paper", "total", "threshold", "answered_on",
    "outcome"} (the last two None without an answer). Plain SQL with the municipality as a
    constant: PostgreSQL counts with the partial index of confirmed signatures (index-only, 4 ms
    at 42,000), as `confirmed_count` does (a correlated subquery walked every signature of the
    municipality: 70 ms), and the ORM's compiling of five subqueries cost more than the
    roundtrips it saved. test_api_figures_in_one_query_equal_the_separate_reads holds them
    equal."""
    nis = municipality.pk
    with connection.cursor() as cursor:
        cursor.execute(_api_figures_sql(), [nis, SignatureStatus.CONFIRMED, nis, nis, nis, nis])
        online, paper, own_threshold, answered_on, outcome = cursor.fetchone()
    online, paper = int(online or 0), int(paper or 0)
    return {"online": online, "paper": paper, "total": online + paper,
            "threshold": own_threshold or signature_threshold(),
            "answered_on": DateField().to_python(answered_on), "outcome": outcome}


def paper_batches(municipality):
    return (PaperBatch.objects.filter(municipality=municipality)
            .select_related("delivery").order_by("-collected_on", "-pk"))


def integrity_figures(municipality) -> dict:
    """How a municipality's count was checked, for its digests: confirmed, awaiting
    confirmation, expired unconfirmed, refused repeats of an address, invalidated (rejected
    after review) and the distinct e-mail domains of the confirmed signatures. Two queries."""
    domain = Substr("email_normalized", StrIndex("email_normalized", Value("@")) + 1)
    figures = Signature.objects.filter(municipality=municipality).aggregate(
        confirmed=Count("pk", filter=Q(status=SignatureStatus.CONFIRMED)),
        pending=Count("pk", filter=Q(status=SignatureStatus.PENDING)),
        invalidated=Count("pk", filter=Q(status__in=[SignatureStatus.REJECTED,
                                                       SignatureStatus.INVALIDATED])),
        domains=Count(domain, filter=Q(status=SignatureStatus.CONFIRMED), distinct=True))
    counts = (IntegrityCounts.objects.filter(pk=municipality.pk)
              .values("refused_duplicates", "expired_unconfirmed").first()) or {
        "refused_duplicates": 0, "expired_unconfirmed": 0}
    return {**figures, "expired": counts["expired_unconfirmed"],
            "refused_duplicates": counts["refused_duplicates"]}


def threshold_for(municipality) -> int:
    campaign = CampaignSettings.objects.filter(pk=municipality.pk).first()
    return campaign.threshold if campaign else signature_threshold()


def momentum(municipality) -> dict:
    """The confirmed count (online and on paper), the threshold and how far along the progress
    bar it is."""
    counts = signature_counts(municipality)
    count = counts["total"]
    threshold = threshold_for(municipality)
    return {"count": count, "paper": counts["paper"], "threshold": threshold,
            "percent": min(100, round(100 * count / threshold)) if threshold else 100}


def letter_url(municipality) -> str:
    """The page where a resident downloads the letter (the documents app)."""
    return reverse("documents:letter", args=[municipality.nis])


def latest_answer(municipality) -> CouncilAnswer | None:
    return CouncilAnswer.objects.filter(municipality=municipality).first()


def public_names(municipality, *, limit: int = 50) -> list[str]:
    """'Anna D.' for confirmed signers who allowed it, newest first. Nothing else is public."""
    signatures = (Signature.objects.filter(municipality=municipality,
                                           status=SignatureStatus.CONFIRMED,
                                           show_name_publicly=True)
                  .order_by("-confirmed_at").only("name")[:limit])
    return [signature.public_name for signature in signatures]


RANKING_CACHE_SECONDS = 60


def ranking() -> list[dict]:
    """Municipalities by confirmed co-signatures, most first (only those with at least one).

    Counting a million signatures takes a few hundred milliseconds, so the ranking is kept a
    minute in the shared cache: it may lag a new signature by that much.
    """
    return cache.get_or_set("campaigns:ranking", _ranking, RANKING_CACHE_SECONDS)


def _ranking() -> list[dict]:
    rows = (Signature.objects.filter(status=SignatureStatus.CONFIRMED)
            .values("municipality_id").annotate(count=Count("*"))  # index-only on PostgreSQL
            .order_by("-count", "municipality_id"))
    counts = {row["municipality_id"]: row["count"] for row in rows}
    for nis, paper in (PaperBatch.objects.values("municipality_id").annotate(n=Sum("count"))
                       .values_list("municipality_id", "n")):
        counts[nis] = counts.get(nis, 0) + paper
    counts = dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
    municipalities = Municipality.objects.in_bulk(list(counts))
    thresholds = dict(CampaignSettings.objects.filter(pk__in=list(counts))
                      .values_list("pk", "signature_threshold"))
    default = signature_threshold()
    return [{"municipality": municipalities[nis], "count": count,
             "threshold": thresholds.get(nis) or default}
            for nis, count in counts.items()]


def signature_for_management_token(token: str) -> Signature | None:
    parsed = tokens.parse_management_token(token)
    if parsed is None:
        return None
    pk, key = parsed
    return (Signature.objects.select_related("municipality")
            .filter(pk=pk, management_key=key).first())


def signature_export(signature: Signature) -> dict:
    """Everything kept about a signature, for its owner (GDPR access and portability)."""
    return {
        "municipality": {"nis": signature.municipality_id, "name": signature.municipality.name},
        "name": signature.name, "email": signature.email, "postal_code": signature.postal_code,
        "phone": signature.phone, "message": signature.message,
        "wants_to_volunteer": signature.wants_to_volunteer,
        "show_name_publicly": signature.show_name_publicly,
        "share_email_with_council": signature.share_email_with_council,
        "consent": {"text": signature.consent_text, "version": signature.consent_version,
                    "language": signature.language},
        "status": signature.status,
        "signed_at": signature.created_at.isoformat(),
        "confirmed_at": signature.confirmed_at.isoformat() if signature.confirmed_at else None,
        "delivered_to_council_at": (signature.delivery.created_at.isoformat()
                                    if signature.delivery_id else None),
        # The code that proves the signature is in its digest (docs/digests.md).
        "digest": ({"number": signature.delivery.number,
                    "receipt_code": signature_receipt(signature) or None}
                   if signature.delivery_id else None),
        # Kept until the retention period ends (or a held signature is reviewed).
        "confirmed_from_network": signature.source_network or None,
        "emails_kept": outbox_for(signature.email),
    }


def municipalities_waiting_for_address():
    """Municipalities with confirmed co-signatures but no confirmed council address to deliver
    them to; `address_pending` tells whether a new address waits for its confirmation."""
    with_address = (CampaignSettings.objects.filter(pk=OuterRef("pk"),
                                                    council_email_confirmed_at__isnull=False)
                    .exclude(council_email=""))
    pending = CampaignSettings.objects.filter(pk=OuterRef("pk")).exclude(pending_council_email="")
    return (Municipality.objects
            .annotate(waiting=Count("signatures", filter=_undelivered()),
                      address_pending=Exists(pending))
            .filter(waiting__gt=0)
            .exclude(Exists(with_address))
            .order_by("-waiting", "name_nl"))


def count_municipalities_waiting_for_address() -> int:
    """How many municipalities `municipalities_waiting_for_address` lists, without counting
    their co-signatures: one EXISTS per municipality (an index probe on (municipality, status))
    instead of grouping every confirmed co-signature."""
    return _waiting_for_address().count()


def _waiting_for_address():
    with_address = (CampaignSettings.objects.filter(pk=OuterRef("pk"),
                                                    council_email_confirmed_at__isnull=False)
                    .exclude(council_email=""))
    undelivered = Signature.objects.filter(municipality=OuterRef("pk"),
                                           status=SignatureStatus.CONFIRMED, delivery=None)
    return Municipality.objects.filter(Exists(undelivered)).exclude(Exists(with_address))


def campaign_settings_for(municipality) -> CampaignSettings:
    """The municipality's settings (unsaved defaults when it has none yet)."""
    return (CampaignSettings.objects.select_related("pending_requested_by")
            .filter(pk=municipality.pk).first()
            or CampaignSettings(municipality=municipality))


def _undelivered() -> Q:
    return Q(signatures__status=SignatureStatus.CONFIRMED, signatures__delivery=None)


@dataclass(frozen=True)
class HeldSignature:
    """What a coordinator judges a held signature by: patterns, never the person. No name, no
    full e-mail address, no paragraph, no client address (its /24 or /64 network only)."""

    pk: int
    municipality: Municipality
    email_domain: str
    network: str  # "" for signatures held before networks were kept
    source: str  # start of the keyed hash of the client address: equal means the same address
    signed_at: datetime
    confirmed_at: datetime | None


def held_signatures() -> list[HeldSignature]:
    """Held signatures grouped by the network they were confirmed from, oldest first."""
    rows = list(Signature.objects.filter(status=SignatureStatus.HELD)
                .order_by("source_network", "source_hash", "confirmed_at", "pk")
                .values("pk", "municipality_id", "email_normalized", "source_network",
                        "source_hash", "created_at", "confirmed_at"))
    municipalities = Municipality.objects.in_bulk({row["municipality_id"] for row in rows})
    return [HeldSignature(
        pk=row["pk"], municipality=municipalities[row["municipality_id"]],
        email_domain=row["email_normalized"].rpartition("@")[2], network=row["source_network"],
        source=row["source_hash"][:8], signed_at=row["created_at"],
        confirmed_at=row["confirmed_at"]) for row in rows]


def held_patterns(held: list[HeldSignature]) -> dict:
    """Counts per network and per e-mail domain, most first: what a burst looks like."""
    networks = defaultdict(list)
    domains = defaultdict(int)
    for signature in held:
        networks[signature.network].append(signature)
        domains[signature.email_domain] += 1
    by_network = []
    for network, group in networks.items():
        times = [s.confirmed_at for s in group if s.confirmed_at]
        by_network.append({
            "network": network, "count": len(group),
            "municipalities": len({s.municipality.pk for s in group}),
            "first": min(times, default=None), "last": max(times, default=None)})
    by_network.sort(key=lambda row: (-row["count"], row["network"]))
    by_domain = sorted(({"domain": domain, "count": count} for domain, count in domains.items()),
                       key=lambda row: (-row["count"], row["domain"]))
    return {"networks": by_network, "domains": by_domain}


# Trends of the last hours, for coordinators -----------------------------------------------

TREND_ROWS = 50  # per kind, the busiest first
TREND_HOURS_MAX = 7 * 24


@dataclass(frozen=True)
class TrendRow:
    """Confirmations of one network, e-mail domain or municipality in the window, against its
    usual number for a window that long. Never a person: a network (/24 or /64), a domain or a
    municipality, counts and times."""

    kind: str
    key: str  # the network, the domain or the NIS code
    label: str  # the municipality's name; the key otherwise
    count: int
    sources: int | None  # distinct client addresses (by their keyed hash), networks only
    usual: float  # the usual number of confirmations in a window this long
    threshold: int
    first: datetime
    last: datetime

    @property
    def crossed(self) -> bool:
        return self.count > self.threshold


def _email_domain():
    return Substr("email_normalized", StrIndex("email_normalized", Value("@")) + 1)


def trend_threshold(kind: str, usual: float) -> int:
    """More confirmations than this in the window cross: max(floor, factor x usual)."""
    floor = conf.get("CAMPAIGNS_TREND_FLOORS")[kind]
    return max(floor, math.ceil(conf.get("CAMPAIGNS_TREND_FACTOR") * usual))


def signature_trends(*, hours: int, now=None) -> dict[str, list[TrendRow]]:
    """Confirmations (counted, held or rejected alike) of the last `hours`, per network, per
    e-mail domain and per municipality, each against its usual rate over the
    CAMPAIGNS_USUAL_RATE_DAYS before the window. Six grouped queries on `confirmed_at`."""
    now = now or timezone.now()
    start = now - timedelta(hours=hours)
    days = conf.get("CAMPAIGNS_USUAL_RATE_DAYS")
    confirmed = Signature.objects.filter(confirmed_at__isnull=False).order_by()
    window = confirmed.filter(confirmed_at__gt=start, confirmed_at__lte=now)
    before = confirmed.filter(confirmed_at__gt=start - timedelta(days=days),
                              confirmed_at__lte=start)
    scale = hours / (days * 24)
    groups = {
        TrendKind.NETWORK: ("source_network", window.exclude(source_network=""), before),
        TrendKind.DOMAIN: ("domain", window.annotate(domain=_email_domain()),
                           before.annotate(domain=_email_domain())),
        TrendKind.MUNICIPALITY: ("municipality_id", window, before),
    }
    trends = {}
    for kind, (field, current, earlier) in groups.items():
        extra = ({"sources": Count("source_hash", distinct=True)}
                 if kind == TrendKind.NETWORK else {})
        rows = list(current.values(field).annotate(
            n=Count("pk"), first=Min("confirmed_at"), last=Max("confirmed_at"), **extra)
            .order_by("-n", field)[:TREND_ROWS])
        keys = [row[field] for row in rows]
        usual = dict(earlier.filter(**{f"{field}__in": keys}).values(field)
                     .annotate(n=Count("pk")).values_list(field, "n"))
        labels = ({nis: m.name for nis, m in Municipality.objects.in_bulk(keys).items()}
                  if kind == TrendKind.MUNICIPALITY else {})
        trends[kind.value] = []
        for row in rows:
            expected = usual.get(row[field], 0) * scale
            trends[kind.value].append(TrendRow(
                kind=kind.value, key=row[field], label=labels.get(row[field], row[field]),
                count=row["n"], sources=row.get("sources"), usual=round(expected, 1),
                threshold=trend_threshold(kind.value, expected), first=row["first"],
                last=row["last"]))
    return trends


def recent_trend_alerts(*, now=None) -> int:
    """Crossings mailed to coordinators within the alert period (one count)."""
    return _recent_trend_alerts(now=now).count()


def _recent_trend_alerts(*, now=None):
    since = (now or timezone.now()) - timedelta(
        hours=conf.get("CAMPAIGNS_TREND_ALERT_PERIOD_HOURS"))
    return TrendAlert.objects.filter(created_at__gte=since)


def _start_of(day: date) -> datetime:
    """Local midnight at the start of `day` (as `__date` lookups read dates)."""
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def officer_signatories(municipality, *, q: str = "", since=None, until=None,
                        with_message: bool = False, contactable: bool = False):
    """The confirmed co-signatories the municipality's officer sees, newest first, filtered.

    `q` searches the name and the personal paragraph; `contactable` keeps those who allowed the
    council to see their address and answer them.
    """
    signatures = Signature.objects.filter(municipality=municipality,
                                          status=SignatureStatus.CONFIRMED)
    if q:
        signatures = signatures.filter(Q(name__icontains=q) | Q(message__icontains=q))
    # Compared as moments, not as `__date`: the index on (municipality, confirmed_at) serves a
    # range of moments, while a date computed per row reads every confirmed row.
    if since and since > date.min:
        signatures = signatures.filter(confirmed_at__gte=_start_of(since))
    if until and until < date.max:
        signatures = signatures.filter(confirmed_at__lt=_start_of(until + timedelta(days=1)))
    if with_message:
        signatures = signatures.exclude(message="")
    if contactable:
        signatures = signatures.filter(share_email_with_council=True)
    return signatures.order_by("-confirmed_at", "-pk").only(
        "pk", "name", "email", "postal_code", "message", "share_email_with_council",
        "confirmed_at", "language")


def writable_signatories(municipality, pks):
    """Those the officer may write to: confirmed here, and who allowed the council to answer."""
    return officer_signatories(municipality, contactable=True).filter(pk__in=pks)


def signatory_counts(municipality) -> dict:
    """What a coordinator sees of a municipality's co-signatories: numbers, never a person."""
    return Signature.objects.filter(
        municipality=municipality, status=SignatureStatus.CONFIRMED).aggregate(
        total=Count("pk"), with_message=Count("pk", filter=~Q(message="")),
        contactable=Count("pk", filter=Q(share_email_with_council=True)),
        delivered=Count("pk", filter=Q(delivery__isnull=False)))


# Dashboards (the `officer_tasks` and `coordinator_tasks` hooks) -----------------------------

NEW_SIGNATORIES_DAYS = 7


def new_signatories_since(*, today: date | None = None) -> date:
    """The first day counted as "new" on the officer's home: the last seven days, today
    included (the same dates the co-signatories list filters on)."""
    return (today or timezone.localdate()) - timedelta(days=NEW_SIGNATORIES_DAYS - 1)


def officer_dashboard(municipality, *, today: date | None = None) -> dict:
    """What waits for the municipality's officer, in one query: the co-signatories confirmed
    in the last seven days, and whether the council's answer is still to be recorded (the
    co-signatures went to the council, no answer is recorded)."""
    since = new_signatories_since(today=today)
    found = counts(new=officer_signatories(municipality, since=since),
                   delivered=Delivery.objects.filter(municipality=municipality),
                   answered=CouncilAnswer.objects.filter(municipality=municipality))
    return {"since": since,
            "new_signatories": found["new"],
            "answer_to_record": bool(found["delivered"] and not found["answered"])}


# How long the coordinator's home may show an older count of the municipalities waiting for a
# council address (the list it links to is always live).
WAITING_COUNT_SECONDS = 60


def coordinator_dashboard() -> dict:
    """Signatures held for review and the trends that crossed their usual rate lately, in one
    query; the municipalities whose co-signatures wait for a council address from the cache.

    That count probes every municipality's co-signatures (565 index probes, about 10 ms in
    PostgreSQL with a million co-signatures) and changes only when a municipality gets its
    first co-signature or a council confirms its address, which no coordinator does: it is
    counted at most once a minute, not on every visit of the home page."""
    found = counts(held=Signature.objects.filter(status=SignatureStatus.HELD),
                   trends_crossed=_recent_trend_alerts())
    found["waiting_for_address"] = cache.get_or_set(
        "campaigns:waiting-for-address", count_municipalities_waiting_for_address,
        WAITING_COUNT_SECONDS)
    return found


# Verifiable digests and the timeline ----------------------------------------------------------


def _nth_confirmed_at(nis: str, nth: int) -> datetime | None:
    found = (Signature.objects.filter(municipality_id=nis, status=SignatureStatus.CONFIRMED)
             .order_by("confirmed_at", "pk").values_list("confirmed_at", flat=True)
             [nth - 1:nth])
    return next(iter(found), None)


def threshold_reached_at(nis: str, threshold: int) -> datetime | None:
    """When the municipality's confirmed co-signatures, online and on paper (a batch counts
    from when it was recorded), first reached `threshold` (None while there are fewer): walks
    the confirmed-order index once per paper batch, stops at the threshold."""
    if threshold < 1:
        return None
    batches = list(PaperBatch.objects.filter(municipality_id=nis)
                   .order_by("recorded_at", "pk").values_list("recorded_at", "count"))
    # With the first i batches recorded (at r_i) the total reaches the threshold once the
    # (threshold - paper)-th online signature is confirmed: the earliest such moment wins.
    moments, paper, recorded_at = [], 0, None
    for index in range(len(batches) + 1):
        if index:
            recorded_at, count = batches[index - 1]
            paper += count
        needed = threshold - paper
        online_at = _nth_confirmed_at(nis, needed) if needed > 0 else None
        if needed > 0 and online_at is None:
            continue
        candidates = [m for m in (online_at, recorded_at) if m is not None]
        moments.append(max(candidates))
        if needed <= 0:
            break
    return min(moments, default=None)


def threshold_reached(municipality) -> tuple[datetime, int] | None:
    """(when, which threshold) the residents reached the threshold: as recorded by
    send_digests, or (until it runs) from the signatures confirmed so far."""
    campaign = CampaignSettings.objects.filter(pk=municipality.pk).first()
    if campaign is not None and campaign.threshold_reached_at is not None:
        return campaign.threshold_reached_at, campaign.threshold_reached
    threshold = campaign.threshold if campaign else signature_threshold()
    reached_at = threshold_reached_at(municipality.pk, threshold)
    return (reached_at, threshold) if reached_at else None


def digests(municipality):
    """The digests sent to the council, newest first, without the recipients' address."""
    return (Delivery.objects.filter(municipality=municipality).order_by("-number")
            .only("pk", "municipality_id", "number", "created_at", "signature_count",
                  "fingerprint", "paper_batches"))


def digest_for_code(municipality, code: str) -> Delivery | None:
    """The municipality's digest holding this receipt code, if any. Reads the recorded values
    only: a code tells nothing about the other signers."""
    if not receipts.is_code(code):
        return None
    rows = (Delivery.objects.filter(municipality=municipality).exclude(fingerprint="")
            .order_by("number").values_list("pk", "receipt_values"))
    for pk, values in rows.iterator():
        if code in values:
            return Delivery.objects.get(pk=pk)
    return None


def signature_receipt(signature) -> str:
    """The receipt code of a delivered signature ("" before delivery or for a digest sent
    before digests were fingerprinted)."""
    if not signature.delivery_id or not signature.delivery.fingerprint:
        return ""
    return receipts.receipt_value(nis=signature.municipality_id, signature_id=signature.pk)


def timeline_facts(municipality) -> dict:
    """What the campaign adds to a municipality's timeline, in three queries: when the
    threshold was reached, the digests and the council's answers."""
    return {"threshold": threshold_reached(municipality),
            "digests": list(digests(municipality)),
            "answers": list(CouncilAnswer.objects.filter(municipality=municipality)
                            .only("pk", "answered_on", "outcome", "recorded_at"))}


# Bulk invalidation (coordinators) ------------------------------------------------------------


def invalidation_preview(**criteria) -> dict:
    """How many signatures a bulk invalidation with these criteria would change, in total and
    per municipality (most first): counts only, never a person. One query."""
    rows = (Signature.objects.filter(invalidation.criteria_query(**criteria))
            .values("municipality_id").annotate(count=Count("pk"))
            .order_by("-count", "municipality_id"))
    counts = {row["municipality_id"]: row["count"] for row in rows}
    municipalities = Municipality.objects.in_bulk(list(counts))
    return {"total": sum(counts.values()),
            "municipalities": [{"municipality": municipalities[nis], "count": count}
                               for nis, count in counts.items()]}


def invalidations(limit: int = 50):
    return (SignatureInvalidation.objects.select_related("municipality", "created_by")
            .order_by("-created_at", "-pk")[:limit])


def membership_lapsed(municipality) -> bool:
    """A member whose new council did not reconfirm it (charter says, through the
    `membership_is_lapsed` hook): residents may ask again, for a reconfirmation."""
    return (municipality.status == MunicipalityStatus.MEMBER
            and any(hook(municipality) for hook in hooks("membership_is_lapsed")))
