"""The interactive API docs work under the Content-Security-Policy and pass\nWCAG 2.1 AA (axe, as every page the browser tests visit)."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_docs_render_and_nothing_is_blocked(live_server, page: Page, settings):
    settings.API_DOCS_PUBLIC = True
    blocked = []
    page.on(
        "console",
        lambda m: blocked.append(m.text) if "Content Security" in m.text else None,
    )

    page.goto(f"{live_server.url}/api/v1/docs")

    # Swagger UI parses its 1.5-MB bundle first: on a busy machine that takes a while.
    expect(page.get_by_role("heading", name="Наставник API")).to_be_visible(
        timeout=30_000
    )
    expect(page.get_by_text("/api/v1/reserve-entries").first).to_be_visible()
    assert blocked == []
    # An operation opened: axe checks the page as it is when the test ends.
    page.locator(
        "#operations-reserve-entries-list_reserve_entries button"
    ).first.click()
    expect(page.get_by_role("button", name="Try it out")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "api-docs.png")
