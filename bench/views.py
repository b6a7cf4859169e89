"""The bare reference view: what one query and Django's stack cost, nothing more."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from organizations.models import Municipality


@login_not_required
@require_GET
def bare(request: HttpRequest) -> JsonResponse:
    """One row as JSON in one query; 404 unless settings.BENCH is on."""
    if not settings.BENCH:
        raise Http404
    row = Municipality.objects.order_by("pk").values("pk", "name").first()
    return JsonResponse({"municipality": row})
