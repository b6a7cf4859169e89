from django.http import HttpRequest, HttpResponse


def index(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


def start(request: HttpRequest, kind: str) -> HttpResponse:
    raise NotImplementedError
