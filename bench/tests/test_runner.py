"""The runner's pure parts; it is never run with real load in the test suite."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from bench.endpoints import ENDPOINTS, TARGETS, Endpoint
from bench.importing import people_workbook
from bench.report import Options, Result, ScaleRun, markdown
from imports import services as import_services
from organizations.models import Municipality

OPTIONS = Options(
    scales=[1, 10],
    duration=8,
    sequential=3,
    connections=4,
    threads=2,
    warmup=2,
    document_requests=5,
    import_rows=0,
    output=Path("results.md"),
)


def test_every_endpoint_has_a_target_and_a_known_caller():
    assert {e.kind for e in ENDPOINTS} <= set(TARGETS)
    for endpoint in ENDPOINTS:
        assert endpoint.who is None or endpoint.who.split("-")[1] in (
            "session",
            "token",
        )


def test_people_workbook_is_a_valid_import_of_new_people(db):
    call_command("generate_region", "--scale", "0.05", stdout=io.StringIO())
    municipality = Municipality.objects.order_by("pk").first()
    content = people_workbook(municipality, 300)
    plan = import_services.plan_file(
        kind="people",
        municipality=municipality,
        file=io.BytesIO(content),
        size=len(content),
    )
    assert plan.errors == []
    assert plan.n_created == 300


@pytest.mark.parametrize("status", [404, 500])
def test_markdown_reports_an_endpoint_that_failed_without_timings(status):
    bare = Endpoint("bare", "/bench/bare/", None, "bare")
    screen = Endpoint(
        "screen", "/api/v1/me/reservists", "mentor-token", "mentor-screen"
    )
    runs = [
        ScaleRun(
            scale,
            1.0,
            results=[
                Result(bare, 200, "1", 100.0, 10.0, 20.0, 5.0, ratio=1.0),
                Result(screen, status, "3"),
            ],
        )
        for scale in (1, 10)
    ]
    report = markdown(runs, OPTIONS)
    expected = "404 / not present" if status == 404 else "**500**"
    assert f"| screen | {expected} | 3 |  |  |  |  |  | ≥ 25 % |" in report
    assert "| bare | 5.0 | 5.0 | 1.00× |" in report
