"""`?page=&page_size=` on every list: `{"count": N, "items": [...]}`."""

from typing import Any

from ninja.pagination import PageNumberPagination

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class ApiPagination(PageNumberPagination):
    """50 items a page by default; a bigger `page_size` is cut to 200."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE, **kwargs)
