"""The import step of `make bench`: 10,000 new people of the bench municipality
through imports.services, timed and with its SQL counted."""

import io
import time
from collections.abc import Callable
from datetime import date
from typing import Any

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import User
from bench.data import SURNAMES
from bench.middleware import count_queries
from bench.region import BenchAccounts
from imports import services as import_services
from imports.kinds import people as people_kind
from imports.models import ImportBatch
from organizations.models import Municipality, Organization
from people.models import Position


def people_workbook(municipality: Municipality, rows: int) -> bytes:
    """An .xlsx of new people of the municipality, in the import template's
    columns (imports/kinds/people.py), spread over its organisations."""
    organizations = list(
        Organization.objects.filter(municipality=municipality).order_by("pk")
    )
    positions = list(
        Position.objects.filter(municipality=municipality, is_administrative=False)
    )
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append([column.header for column in people_kind.COLUMNS])
    for k in range(rows):
        first = SURNAMES[k % len(SURNAMES)]
        second = SURNAMES[(k // len(SURNAMES)) % len(SURNAMES)]
        values = {
            # Hyphenated, unlike the generated people: every row adds a person.
            "last_name": f"{first}-{second}",
            "first_name": ["Анна", "Павел", "Ольга", "Иван"][k // len(SURNAMES) ** 2],
            "middle_name": "Сергеевна" if k % 2 else "Петрович",
            "organization": organizations[k % len(organizations)].short_name,
            "position": positions[k % len(positions)].name,
            "position_since": date(2015 + k % 10, 9, 1),
            "management_experience": 0,
            "teaching_experience": k % 30,
            "email": f"import{k}@bench.example.ru",
            "phone": "",
        }
        sheet.append([values.get(column.field) for column in people_kind.COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def confirm(batch: ImportBatch) -> ImportBatch:
    """Confirm the batch as the page does (queued for the task worker), then run
    what the worker runs, in this process, so that its queries are counted. The
    worker adds only its polling interval to this time."""
    batch = import_services.confirm_batch(batch=batch)
    if batch.status != ImportBatch.Status.QUEUED:  # an immediate task backend
        return batch
    return import_services.apply_batch(batch=batch)


def time_import(accounts: BenchAccounts, rows: int) -> list[str]:
    """Preview and confirm an import of `rows` new people as the coordinator."""
    municipality = Municipality.objects.get(pk=accounts.municipality_id)
    user = User.objects.get(username=accounts.coordinator)
    content = people_workbook(municipality, rows)
    upload = SimpleUploadedFile(
        "people.xlsx",
        content,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    timings: list[tuple[str, float, int]] = []

    def timed(label: str, step: Callable[[], Any]) -> Any:
        started = time.monotonic()
        with count_queries() as counter:
            value = step()
        timings.append((label, time.monotonic() - started, counter.n))
        return value

    batch, plan = timed(
        "preview",
        lambda: import_services.preview_upload(
            user=user, municipality=municipality, kind="people", upload=upload
        ),
    )
    if batch is None:
        return [f"- the file was rejected: {plan.errors[:3]}"]
    batch = timed("confirm → done", lambda: confirm(batch))
    lines = [
        f"- {label}: {seconds:.1f} s, {queries} queries "
        f"({queries * 1000 / rows:.0f} per 1,000 rows)"
        for label, seconds, queries in timings
    ]
    lines.append(f"- batch status: {batch.status}, created {batch.n_created}")
    return lines
