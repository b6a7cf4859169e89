"""Every address asks for sign-in, but for a short, explicit list of public ones.

`LoginRequiredMiddleware` guards every view by default and a view opts out only
with `login_not_required`. The walk below requests every URL pattern of the project
anonymously: a page must send the visitor to the login page, the API must answer
401, and anything else must be listed in PUBLIC, on purpose."""

from collections.abc import Iterator
from re import _parser as sre  # type: ignore[attr-defined]
from typing import Any
from urllib.parse import quote

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, include, path, resolve

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
API = "api/v1/"
UNAUTHORIZED = {"detail": "Требуется авторизация.", "errors": {}}

# What an anonymous request to a public address gets today, by method and route
# (the route as `resolve(url).route` names it). Nothing else is public.
PUBLIC = {
    # Signing in; and out, since an expired session may still press «Выйти».
    ("GET", "accounts/login/"): "200",
    ("GET", "accounts/logout/"): "405",  # POST only
    # Every step of the password reset: its visitor cannot sign in.
    ("GET", "accounts/password/reset/"): "200",
    ("GET", "accounts/password/reset/sent/"): "200",
    ("GET", "accounts/password/reset/<uidb64>/<token>/"): "200",  # «link is invalid»
    ("GET", "accounts/password/reset/complete/"): "200",
    # The invited owner of a new account sets the password: not signed in yet.
    ("GET", "accounts/invitation/<uidb64>/<token>/"): "200",  # «link is invalid»
    ("GET", "accounts/invitation/complete/"): "200",
    # The admin guards its pages itself (below); it signs in on its own page, and
    # its logout sends an anonymous visitor to its index, and so to that page.
    ("GET", "admin/login/"): "200",
    ("GET", "admin/logout/"): "302 to /admin/",
    # The API describes itself to anyone, and a token is asked for without one.
    ("GET", "api/v1/openapi.json"): "200",
    ("GET", "api/v1/docs"): "200",
    ("POST", "api/v1/auth/token"): "422",  # no username and password sent
    # An address the API does not have is a JSON 404, for anyone.
    ("GET", "api/v1/"): "404",
    ("GET", "api/v1/.+$"): "404",
    # A calendar app fetches the personal feed without a session: its secret token
    # is the key, and a forged one is a plain 404 (agenda.views.feed).
    ("GET", "calendar/feed/<str:token>.ics"): "404",
}


def sample(regex: str) -> str:
    """A plausible text that the regex matches: 1 for a digit, x for other text.

    Read with the standard library's own parser of regular expressions, which
    has no type stub."""
    return "".join(_sample(sre.parse(regex)))


def _sample(parsed: Any) -> Iterator[str]:
    for op, arg in parsed:
        if op is sre.LITERAL:
            yield chr(arg)
        elif op is sre.IN:
            yield _sample_character(arg)
        elif op in (sre.ANY, sre.NOT_LITERAL):  # ., [^/]
            yield "x"
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            least, _most, item = arg
            for _ in range(max(least, 1)):
                yield from _sample(item)
        elif op is sre.SUBPATTERN:
            yield from _sample(arg[-1])
        elif op is sre.BRANCH:
            yield from _sample(arg[1][0])
        elif op is not sre.AT:
            raise ValueError(f"No sample for {op} in a URL pattern.")


def _sample_character(items: Any) -> str:
    op, arg = items[0]
    if op is sre.NEGATE:  # [^/] and the like
        return "x"
    if op is sre.LITERAL:
        return chr(arg)
    if op is sre.RANGE:
        low, high = arg
        return "1" if low <= ord("1") <= high else chr(low)
    return "1" if arg is sre.CATEGORY_DIGIT else "x"


def url_patterns(
    patterns: list[Any], url: str = "/", route: str = ""
) -> Iterator[tuple[str, str]]:
    """(url, route) of every URL pattern, its parameters filled in with samples."""
    for pattern in patterns:
        here = url + sample(pattern.pattern.regex.pattern)
        # Joined as Django joins the routes it reports in `resolve(url).route`.
        joined = str(pattern.pattern)
        if route:
            joined = route + joined.removeprefix("^")
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, here, joined)
        else:
            assert isinstance(pattern, URLPattern)
            yield here, joined


def unprotected(client: Client) -> list[str]:
    """Every URL pattern that answers an anonymous request other than it should."""
    problems = []
    for url, route in url_patterns(get_resolver().url_patterns):
        resolved = resolve(url).route
        if resolved != route:
            problems.append(f"{route}: the sample {url} reaches {resolved} instead")
            continue
        for method, response in _answers(client, url, route):
            expected = _expected(method, url, route)
            got = _described(response)
            if got != expected:
                problems.append(f"{method} {route} ({url}): {got}, not {expected}")
    return problems


def _answers(client: Client, url: str, route: str) -> Iterator[tuple[str, Any]]:
    response = client.get(url)
    # The API checks the method before the caller: where GET is not allowed, ask
    # with every method that the address takes.
    if route.startswith(API) and response.status_code == 405:
        for method in sorted(response["Allow"].split(", ")):
            yield method, client.generic(method, url)
    else:
        yield "GET", response


def _expected(method: str, url: str, route: str) -> str:
    if (method, route) in PUBLIC:
        return PUBLIC[method, route]
    if route.startswith(API):
        return f"401 {UNAUTHORIZED}"
    login = ADMIN_LOGIN if route.startswith("admin/") else LOGIN
    return f"302 to {login}?next={quote(url)}"


def _described(response: Any) -> str:
    """The response as _expected and PUBLIC name it."""
    status = response.status_code
    if status == 302:
        return f"302 to {response['Location']}"
    if status == 401:
        return f"401 {response.json()}"
    return str(status)


def test_every_address_but_the_public_ones_asks_for_sign_in(client, db):
    assert unprotected(client) == []


def test_logout_of_an_expired_session_leads_to_the_login_page(client, db):
    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert response["Location"] == LOGIN


def test_an_unknown_address_is_a_404_for_anonymous_visitors_too(client, db):
    assert client.get("/no-such-page/").status_code == 404


def test_static_files_need_no_sign_in(client, settings):
    # WhiteNoise answers before any view; tests run with DEBUG off, so let it find
    # the files where they are, as in development, rather than collected.
    settings.WHITENOISE_USE_FINDERS = True

    response = client.get("/static/css/app.css")

    assert response.status_code == 200


@login_not_required
def _forgotten_public_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello")


def _new_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello")


# The project's addresses plus two new views, for the last test: one that nobody
# marked, which the middleware guards, and one marked public but not in PUBLIC.
urlpatterns = [
    path("", include("config.urls")),
    path("new-view/<int:pk>/", _new_view),
    path("forgotten-public-view/", _forgotten_public_view),
]


def test_a_new_view_is_guarded_and_a_new_public_one_is_reported(client, db, settings):
    settings.ROOT_URLCONF = __name__

    assert unprotected(client) == [
        "GET forgotten-public-view/ (/forgotten-public-view/): 200, "
        "not 302 to /accounts/login/?next=/forgotten-public-view/"
    ]
