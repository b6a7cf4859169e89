"""Root fixtures: a fixed cast of users in a small municipality, fast settings, and
the Playwright browser harness (Debian's Chromium, never a downloaded browser)."""

import os
import shutil

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
