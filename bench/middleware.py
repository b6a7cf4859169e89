"""The query counter of the benchmark: installed only when settings.BENCH is on."""

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

from django.db import connections
from django.http import HttpRequest, HttpResponse

HEADER = "X-Bench-Queries"


class QueryCounter:
    n = 0


@contextmanager
def count_queries() -> Iterator[QueryCounter]:
    """Count the SQL queries run inside the block on every database connection,
    with DEBUG off too (no query log is kept)."""
    counter = QueryCounter()

    def count(execute: Callable[..., Any], *args: Any) -> Any:
        counter.n += 1
        return execute(*args)

    with ExitStack() as stack:
        for connection in connections.all():
            stack.enter_context(connection.execute_wrapper(count))
        yield counter


class QueryCountMiddleware:
    """Answer the number of SQL queries of each request in the X-Bench-Queries
    header, so the runner reads the SQL per request from the real server."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with count_queries() as counter:
            response = self.get_response(request)
        response[HEADER] = str(counter.n)
        return response
