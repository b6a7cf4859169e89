"""The commission's pack shows the joint report once it is submitted (8.10)."""

import pytest

from attestation import queries
from plan_reports.tests.conftest import plan, report, submitted  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_draft_report_is_not_in_the_pack(report):  # noqa: F811
    assert queries.report_for(report.plan.reserve_entry) is None


def test_a_submitted_report_is_in_the_pack(submitted):  # noqa: F811
    found = queries.report_for(submitted.plan.reserve_entry)
    assert found == submitted
    assert found.conclusion == "План выполнен в основном."
