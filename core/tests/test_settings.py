"""Production settings come from the environment and are secure by default."""

import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.template import engines

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parents[2]


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run manage.py with exactly this environment, nothing inherited."""
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_deploy_check_passes_with_only_the_required_production_variables():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "example.ru",
        },
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_without_secret_key_refuses_to_start():
    result = _manage("check", env={"DEBUG": "false"})

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is required" in result.stderr


def test_env_bool_accepts_true_and_false_only(monkeypatch):
    monkeypatch.setenv("FLAG", "true")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "False")
    assert env_bool("FLAG", True) is False
    monkeypatch.setenv("FLAG", "")
    assert env_bool("FLAG", True) is True
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("FLAG")


def test_env_int_rejects_non_numbers(monkeypatch):
    monkeypatch.setenv("NUMBER", "42")
    assert env_int("NUMBER", 1) == 42
    monkeypatch.delenv("NUMBER")
    assert env_int("NUMBER", 1) == 1
    monkeypatch.setenv("NUMBER", "forty")
    with pytest.raises(ImproperlyConfigured):
        env_int("NUMBER", 1)


def test_env_str_reads_a_secret_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-file\n")
    monkeypatch.setenv("TOKEN", "from-env")
    monkeypatch.setenv("TOKEN_FILE", str(secret))

    assert env_str("TOKEN") == "from-file"


def test_env_list_splits_on_commas_and_drops_empty_items(monkeypatch):
    monkeypatch.setenv("HOSTS", " example.ru, ,www.example.ru,")

    assert env_list("HOSTS") == ["example.ru", "www.example.ru"]


def test_templates_are_compiled_once_per_process():
    """django-template-partials wraps Django's cached loader (its app config sets
    the loaders when none are given), so no request parses a template again."""
    (loader,) = engines["django"].engine.template_loaders

    assert type(loader).__module__ == "template_partials.loader"
    assert [type(inner).__module__ for inner in loader.loaders] == [
        "django.template.loaders.cached"
    ]


def _default_cache_with(cache_url: str) -> subprocess.CompletedProcess:
    code = (
        "from django.conf import settings; d = settings.CACHES['default']; "
        "print(d['BACKEND'], d.get('LOCATION', '-'), settings.NUM_PROXIES)"
    )
    return _manage(
        "shell",
        "--verbosity=0",
        "-c",
        code,
        env={"DEBUG": "true", "CACHE_URL": cache_url, "BEHIND_PROXY": "true"},
    )


def test_cache_url_selects_django_redis_cache():
    result = _default_cache_with("redis://127.0.0.1:6379/0")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "redis://127.0.0.1:6379/0",
        "1",
    ]


def test_without_cache_url_the_cache_is_per_process():
    result = _default_cache_with("")

    assert result.stdout.split()[0] == "django.core.cache.backends.locmem.LocMemCache"


def test_an_unknown_cache_url_refuses_to_start():
    result = _default_cache_with("memcached://127.0.0.1:11211")

    assert result.returncode != 0
    assert "CACHE_URL must start with redis://" in result.stderr
