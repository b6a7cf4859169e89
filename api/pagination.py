"""`?page=&page_size=` on every list: `{"count": N, "items": [...]}`."""

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

from people.models import PersonViewLog
from people.services import record_people_access

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
# Far beyond any list; a bigger page number would overflow the database's OFFSET.
MAX_PAGE = 10**9


class ApiPagination(PageNumberPagination):
    """50 items a page by default; a bigger `page_size` is cut to 200."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE, **kwargs)


class PeoplePagination(ApiPagination):
    """ApiPagination that logs the people on the page it returns (152-ФЗ).

    `person_id` names the person of an item: `@paginate(PeoplePagination,
    person_id=attrgetter("person_id"))`."""

    def __init__(self, *, person_id: Callable[[Any], int], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.person_id = person_id

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
            people_ids=[self.person_id(item) for item in items],
            user=request.auth,  # type: ignore[attr-defined]
            channel=PersonViewLog.Channel.API,
        )
        result[self.items_attribute] = items
        return result
