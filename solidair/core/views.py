from django.db import connection
from django.http import HttpResponse, JsonResponse


def healthz(request):
    """For a load balancer: 200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"database": "down"}, status=503)
    return JsonResponse({"database": "ok"})


def livez(request):
    """For a process supervisor: 200 while this process serves requests, without touching the
    database (also the trivial baseline view of the benchmarks)."""
    return HttpResponse("ok", content_type="text/plain")
