"""`?page=&page_size=` on every list: `{"count": N, "items": [...]}`."""

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

from core.pagination import Annotate, PickKeys, page_rows
from people.models import PersonViewLog
from people.services import record_people_access

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
# Far beyond any list; a bigger page number would overflow the database's OFFSET.
MAX_PAGE = 10**9


class ApiPagination(PageNumberPagination):
    """50 items a page by default; a bigger `page_size` is cut to 200.

    With `annotate` (`@paginate(ApiPagination, annotate=…)`) the endpoint returns
    the plain filtered and ordered queryset: the count and the choice of the page
    run on it, and only the page's rows are annotated (core.pagination.page_rows;
    `pick_keys` as there)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1)

    def __init__(
        self,
        *,
        annotate: Annotate | None = None,
        pick_keys: PickKeys | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE, **kwargs)
        self.annotate = annotate
        self.pick_keys = pick_keys

    def paginate_queryset(
        self,
        queryset: QuerySet,
        pagination: Any,
        request: HttpRequest,
        **params: Any,
    ) -> Any:
        if self.annotate is None or not isinstance(queryset, QuerySet):
            return super().paginate_queryset(queryset, pagination, request, **params)
        page_size = self._get_page_size(pagination.page_size)
        offset = (pagination.page - 1) * page_size
        return {
            self.items_attribute: page_rows(
                queryset, offset, page_size, self.annotate, self.pick_keys
            ),
            "count": queryset.count(),
        }


class PeoplePagination(ApiPagination):
    """ApiPagination that logs the people on the page it returns (152-ФЗ).

    `people_ids` names the people an item shows: `@paginate(PeoplePagination,
    people_ids=lambda entry: [entry.person_id])`."""

    def __init__(
        self, *, people_ids: Callable[[Any], Iterable[int]], **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.people_ids = people_ids

    def paginate_queryset(
        self,
        queryset: QuerySet,
        pagination: Any,
        request: HttpRequest,
        **params: Any,
    ) -> Any:
        result = super().paginate_queryset(queryset, pagination, request, **params)
        items = list(result[self.items_attribute])
        record_people_access(
            people_ids=[pk for item in items for pk in self.people_ids(item)],
            user=request.auth,  # type: ignore[attr-defined]
            channel=PersonViewLog.Channel.API,
            source=request.path,
        )
        result[self.items_attribute] = items
        return result
