"""Page through a queryset the same way on pages, exports and the API."""

from collections.abc import Sequence
from typing import Any, TypeVar

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

T = TypeVar("T")

PAGE_SIZE = 25
MAX_PAGE_SIZE = 200


def to_int(value: str | None, default: int) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        return default


def paginate(
    items: QuerySet[Any, T] | Sequence[T], page: str | None, page_size: int = PAGE_SIZE
) -> Page[T]:
    """The requested page of a queryset or a list; a page number out of range gives
    the nearest page."""
    paginator = Paginator(items, min(max(page_size, 1), MAX_PAGE_SIZE))
    return paginator.get_page(to_int(page, 1))
