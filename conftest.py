"""Root fixtures: a fixed cast of users in a small municipality, fast settings, and
the Playwright browser harness (Debian's Chromium, never a downloaded browser)."""

import json
import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache

from accounts.models import Role, RoleAssignment
from accounts.tests.factories import UserFactory
from organizations.tests.factories import MunicipalityFactory, OrganizationFactory
from people.tests.factories import PersonFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
REQUIRE_BROWSER = os.environ.get("REQUIRE_BROWSER", "").lower() == "true"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


# axe-core from the npm registry (package.json; `make test` runs `npm ci`).
AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Runs axe once a top-level page has loaded and reports its serious and critical
# violations to the test through the binding; the init script bypasses the
# page's Content-Security-Policy, as a browser extension would.
AXE_RUN = (
    """() => axe.run(document, {
  runOnly: {type: "tag", values: AXE_TAGS}, resultTypes: ["violations"]
}).then(r => r.violations
  .filter(v => v.impact === "serious" || v.impact === "critical")
  .map(v => `${v.impact} ${v.id}: ${v.help} — ` +
    v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")))"""
).replace("AXE_TAGS", json.dumps(AXE_TAGS))
# Known violations of third-party markup we do not render ourselves: django-ninja's
# vendored Swagger UI nests its buttons and greys its version stamp. Path → rule ids.
AXE_KNOWN: dict = {}
AXE_ON_LOAD = (
    """if (window.top === window) {
  window.addEventListener("load", () => (AXE_RUN)().then(
    found => window.__axeReport(location.href, found)));
}"""
).replace("AXE_RUN", AXE_RUN)


def pytest_collection_modifyitems(config, items):
    if shutil.which(CHROMIUM_PATH) or os.path.exists(CHROMIUM_PATH):
        return
    if REQUIRE_BROWSER:
        raise pytest.UsageError(
            f"Browser tests are required but Chromium is missing at {CHROMIUM_PATH}: "
            "apt-get install -y chromium"
        )
    skip = pytest.mark.skip(
        reason=f"Chromium not found at {CHROMIUM_PATH}: apt-get install -y chromium "
        "to run browser tests"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM_PATH,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "ru-RU", "timezone_id": "Asia/Tomsk"}


@pytest.fixture
def page(page):
    """Every page a browser test visits is checked with axe-core: no serious or
    critical WCAG 2.1 AA violation (asserted when the test ends)."""
    if not AXE_JS.exists():
        message = f"axe-core is missing at {AXE_JS}: run `npm ci` (make test does)"
        if REQUIRE_BROWSER:
            pytest.fail(message)
        pytest.skip(message)
    found = {}  # url → its serious and critical violations
    page.expose_binding(
        "__axeReport", lambda _source, url, violations: found.update({url: violations})
    )
    page.add_init_script(path=AXE_JS)
    page.add_init_script(script=AXE_ON_LOAD)
    yield page
    # The last page has not been left, so its check surely ran to the end.
    if not page.is_closed() and page.url.startswith("http"):
        found[page.url] = page.evaluate(AXE_RUN)
    violations = {}
    for url, found_there in found.items():
        known = AXE_KNOWN.get(urlsplit(url).path, set())
        if new := [v for v in found_there if v.split()[1].rstrip(":") not in known]:
            violations[url] = new
    assert not violations, f"axe-core (WCAG 2.1 AA) found: {violations}"


@pytest.fixture(autouse=True)
def _fast_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CACHES = {
        **settings.CACHES,
        "imports": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: ids, and with them the keys of cached
    roles, repeat between tests whose database is rolled back."""
    cache.clear()


# The cast: municipality «Town» with organisations «School» and «Other school»,
# and a stranger municipality «Elsewhere» with «Far school».
@pytest.fixture
def municipality(db):
    return MunicipalityFactory(name="Town")


@pytest.fixture
def school(municipality):
    return OrganizationFactory(municipality=municipality, short_name="School")


@pytest.fixture
def other_school(municipality):
    return OrganizationFactory(municipality=municipality, short_name="Other school")


@pytest.fixture
def far_school(db):
    return OrganizationFactory(municipality__name="Elsewhere", short_name="Far school")


def _user_with_person(username, workplace, role, **scope):
    user = UserFactory(username=username)
    PersonFactory(user=user, organization=workplace, last_name=username.capitalize())
    RoleAssignment.objects.create(user=user, role=role, **scope)
    return user


@pytest.fixture
def coordinator(municipality):
    user = UserFactory(username="coordinator")
    RoleAssignment.objects.create(
        user=user, role=Role.COORDINATOR, municipality=municipality
    )
    return user


@pytest.fixture
def head(school):
    return _user_with_person("head", school, Role.HEAD, organization=school)


@pytest.fixture
def mentor(school):
    return _user_with_person("mentor", school, Role.MENTOR)


@pytest.fixture
def reservist(school):
    return _user_with_person("reservist", school, Role.RESERVIST)


@pytest.fixture
def commission(other_school):
    return _user_with_person("commission", other_school, Role.COMMISSION)


@pytest.fixture
def stranger(far_school):
    """A coordinator of another municipality: sees nothing of «Town»."""
    user = UserFactory(username="stranger")
    RoleAssignment.objects.create(
        user=user, role=Role.COORDINATOR, municipality=far_school.municipality
    )
    return user


@pytest.fixture
def superuser(db):
    """Sees and changes everything, in every municipality (Django admin's user)."""
    return UserFactory(username="root", is_superuser=True, is_staff=True)
