"""The Content-Security-Policy (django-csp): this site's own scripts, styles and
images only, so an injected inline script or style does not run; and no page of
ours needs an inline one."""

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)
# Rendered to PDF and DOCX by the server, never served as a page.
DOCUMENTS = "/documents/"


def test_every_page_carries_a_self_only_policy(client, coordinator):
    client.force_login(coordinator)

    policy = client.get(reverse("home:index"))["Content-Security-Policy"]

    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy
    assert "script-src" not in directives  # default-src: 'self' only
    assert "style-src" not in directives


def test_the_sign_in_page_and_the_api_carry_it_too(client):
    assert "Content-Security-Policy" in client.get(reverse("accounts:login"))
    assert "Content-Security-Policy" in client.get("/api/v1/municipalities")


def _templates() -> list[Path]:
    return [
        p
        for p in ROOT.glob("*/templates/**/*.html")
        if DOCUMENTS not in p.as_posix() and ".venv" not in p.parts
    ] + list(ROOT.glob("templates/**/*.html"))


def test_no_template_has_an_inline_script_style_or_handler():
    """The policy would block them: a script must be a static file."""
    offenders = []
    for path in _templates():
        text = path.read_text()
        for pattern in (
            r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>",
            r"<style\b",
            r"\sstyle=\"",
            r"\son[a-z]+=\"",
            r"\shx-on[:-]",
        ):
            offenders += [
                f"{path.relative_to(ROOT)}: {m}" for m in re.findall(pattern, text)
            ]
    assert _templates()
    assert offenders == []
