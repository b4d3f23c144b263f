from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render


def healthz(request):
    """For a load balancer: 200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"database": "down"}, status=503)
    return JsonResponse({"database": "ok"})


def csrf_failure(request, reason=""):
    """A form sent without a valid security token (expired page, cookies blocked): a friendly
    page in the site's layout instead of Django's technical one. Set
    CSRF_FAILURE_VIEW = "solidair.core.views.csrf_failure"."""
    return render(request, "403_csrf.html", status=403)


def livez(request):
    """For a process supervisor: 200 while this process serves requests, without touching the
    database (also the trivial baseline view of the benchmarks)."""
    return HttpResponse("ok", content_type="text/plain")
