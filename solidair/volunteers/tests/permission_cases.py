"""Every volunteers URL and who may open it. Officer pages: only the municipality's own officer;
coordinators see counts only (the figures page), never names."""

from datetime import date, timedelta

from solidair.volunteers.services import need_answer_token, offer_manage_token
from solidair.volunteers.tests.factories import make_need, make_offer

PUBLIC = [
    "volunteers:offer",
    "volunteers:offer_sent",
    "volunteers:confirm",
    "volunteers:manage",
    "volunteers:manage_download",
    "volunteers:manage_pause",
    "volunteers:manage_keep",
    "volunteers:manage_delete",
    "volunteers:deleted",
    "volunteers:need_answer",
]


def setup(a, b):
    offer = make_offer(a, email=f"perm-{a.nis}@example.org", roles=["welcome"])
    need = make_need(a, roles=["welcome"])
    return {"offer": offer.pk, "need": need.pk, "manage": offer_manage_token(offer),
            "answer": need_answer_token(need=need, offer=offer),
            "until": (date.today() + timedelta(days=30)).isoformat()}


OFFICER_ONLY = {"anonymous": 302, "officer_a": 200, "officer_b": 404, "coordinator": 404,
                "staff": 404}

CASES = [
    {"name": "volunteers:offer", "kwargs": {}, "method": "GET",
     "expect": {"anonymous": 200, "officer_a": 200, "officer_b": 200, "coordinator": 200,
                "staff": 200}},
    {"name": "volunteers:confirm", "kwargs": {"token": "not-a-token"}, "method": "POST",
     "expect": {"anonymous": 404, "officer_a": 404, "officer_b": 404, "coordinator": 404,
                "staff": 404}},
    {"name": "volunteers:manage", "kwargs": {"token": "{manage}"}, "method": "GET",
     "expect": {"anonymous": 200, "officer_a": 200, "officer_b": 200, "coordinator": 200,
                "staff": 200}},
    {"name": "volunteers:manage", "kwargs": {"token": "forged"}, "method": "GET",
     "expect": {"anonymous": 404, "officer_a": 404, "officer_b": 404, "coordinator": 404,
                "staff": 404}},
    {"name": "volunteers:manage_download", "kwargs": {"token": "forged"}, "method": "GET",
     "expect": {"anonymous": 404, "officer_a": 404, "officer_b": 404, "coordinator": 404,
                "staff": 404}},
    {"name": "volunteers:manage_delete", "kwargs": {"token": "forged"}, "method": "POST",
     "expect": {"anonymous": 404, "officer_a": 404, "officer_b": 404, "coordinator": 404,
                "staff": 404}},
    {"name": "volunteers:need_answer", "kwargs": {"token": "{answer}"}, "method": "GET",
     "expect": {"anonymous": 200, "officer_a": 200, "officer_b": 200, "coordinator": 200,
                "staff": 200}},
    {"name": "volunteers:officer_list", "kwargs": {"nis": "{a}"}, "method": "GET",
     "expect": OFFICER_ONLY},
    {"name": "volunteers:officer_export", "kwargs": {"nis": "{a}"}, "method": "GET",
     "expect": OFFICER_ONLY},
    {"name": "volunteers:officer_offer", "kwargs": {"nis": "{a}", "pk": "{offer}"},
     "method": "GET", "expect": OFFICER_ONLY},
    {"name": "volunteers:officer_offer", "kwargs": {"nis": "{b}", "pk": "{offer}"},
     "method": "GET",
     "expect": {"anonymous": 302, "officer_a": 404, "officer_b": 404, "coordinator": 404,
                "staff": 404}},
    {"name": "volunteers:officer_offer", "kwargs": {"nis": "{a}", "pk": "{offer}"},
     "method": "POST", "data": {"status": "contacted"},
     "expect": {**OFFICER_ONLY, "officer_a": 302}},
    {"name": "volunteers:officer_write", "kwargs": {"nis": "{a}"}, "method": "GET",
     "expect": OFFICER_ONLY},
    {"name": "volunteers:officer_write", "kwargs": {"nis": "{a}"}, "method": "POST",
     "data": {"offers": ["{offer}"], "subject": "Hallo", "body": "Dag"},
     "expect": {**OFFICER_ONLY, "officer_a": 302}},
    {"name": "volunteers:need_list", "kwargs": {"nis": "{a}"}, "method": "GET",
     "expect": OFFICER_ONLY},
    {"name": "volunteers:need_create", "kwargs": {"nis": "{a}"}, "method": "GET",
     "expect": OFFICER_ONLY},
    {"name": "volunteers:need_create", "kwargs": {"nis": "{a}"}, "method": "POST",
     "data": {"title": "Taalmaatjes", "description": "Voor de nieuwe LOI", "roles": ["welcome"],
              "wanted": "2", "until": "{until}"},
     "expect": {**OFFICER_ONLY, "officer_a": 302}},
    {"name": "volunteers:need_detail", "kwargs": {"nis": "{a}", "pk": "{need}"},
     "method": "GET", "expect": OFFICER_ONLY},
    {"name": "volunteers:need_detail", "kwargs": {"nis": "{b}", "pk": "{need}"},
     "method": "GET",
     "expect": {"anonymous": 302, "officer_a": 404, "officer_b": 404, "coordinator": 404,
                "staff": 404}},
    {"name": "volunteers:need_close", "kwargs": {"nis": "{a}", "pk": "{need}"},
     "method": "POST", "expect": {**OFFICER_ONLY, "officer_a": 302}},
    {"name": "volunteers:coordinator_overview", "kwargs": {}, "method": "GET",
     "expect": {"anonymous": 302, "officer_a": 404, "officer_b": 404, "coordinator": 200,
                "staff": 200}},
]
