import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

from bench.middleware import HEADER, QueryCountMiddleware
from organizations.models import Municipality
from organizations.tests.factories import MunicipalityFactory

# The project's URLs with the bench ones always on, as under BENCH.
BENCH_URLS = "bench.tests.urls"


def test_the_project_serves_no_bench_url_without_bench():
    with pytest.raises(Resolver404):
        resolve("/bench/bare/")


@pytest.mark.urls(BENCH_URLS)
def test_bare_view_answers_404_without_bench(client, db, settings):
    settings.BENCH = False
    assert client.get("/bench/bare/").status_code == 404


@pytest.mark.urls(BENCH_URLS)
def test_bare_view_answers_one_row_in_one_query_anonymously(client, db, settings):
    settings.BENCH = True
    municipality = MunicipalityFactory()
    MunicipalityFactory()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/bench/bare/")
    assert response.status_code == 200
    assert response.json() == {
        "municipality": {"pk": municipality.pk, "name": municipality.name}
    }
    assert len(queries) == 1


def test_query_count_middleware_answers_the_queries_of_the_request(db):
    def view(request):
        list(Municipality.objects.all())
        Municipality.objects.count()
        return HttpResponse("ok")

    response = QueryCountMiddleware(view)(RequestFactory().get("/"))
    assert response[HEADER] == "2"
    # The counter is gone after the request.
    with CaptureQueriesContext(connection) as queries:
        Municipality.objects.count()
    assert len(queries) == 1


def test_query_count_middleware_counts_nothing_for_no_query(db):
    response = QueryCountMiddleware(lambda request: HttpResponse())(
        RequestFactory().get("/")
    )
    assert response[HEADER] == "0"


@pytest.mark.urls(BENCH_URLS)
def test_query_count_header_covers_the_whole_middleware_stack(client, db, settings):
    settings.BENCH = True
    settings.MIDDLEWARE = [
        "bench.middleware.QueryCountMiddleware",
        *settings.MIDDLEWARE,
    ]
    response = client.get("/bench/bare/")
    assert response[HEADER] == "1"
