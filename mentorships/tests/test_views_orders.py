"""The head's order: the form with its rules, the list, the order page."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorships.models import MentorOrder, Mentorship
from mentorships.tests.factories import (
    EligibleMentorFactory,
    MentorOrderFactory,
    MentorshipFactory,
)
from people.tests.factories import PersonFactory
from reserve.models import ReserveEntry
from reserve.tests.factories import ReserveEntryFactory

pytestmark = pytest.mark.django_db

CREATE = reverse("mentorships:order_create")
ORDERS = reverse("mentorships:orders")


@pytest.fixture
def cast(head, school):
    """The head signs for «School»; one eligible mentor and two reservists there."""
    school.head = head.person
    school.save()
    return {
        "mentor": EligibleMentorFactory(organization=school, last_name="Наставников"),
        "first": ReserveEntryFactory(
            person__organization=school, person__last_name="Алексеев"
        ),
        "second": ReserveEntryFactory(
            person__organization=school, person__last_name="Борисов"
        ),
    }


def _post(organization, lines, **changes):
    data = {
        "organization": organization.pk,
        "number": "15-н",
        "date": "2026-09-10",
        "title": "О закреплении наставников",
        "signatory_name": "Кузнецов Андрей Петрович",
        "signatory_position": "Директор",
        "lines-TOTAL_FORMS": len(lines),
        "lines-INITIAL_FORMS": 0,
        "lines-MIN_NUM_FORMS": 1,
        "lines-MAX_NUM_FORMS": 50,
    }
    for i, (mentor, entry, *dates) in enumerate(lines):
        starts_on, ends_on = dates or ("2026-09-10", "2027-09-10")
        data |= {
            f"lines-{i}-mentor": mentor.pk if mentor else "",
            f"lines-{i}-reserve_entry": entry.pk if entry else "",
            f"lines-{i}-starts_on": starts_on,
            f"lines-{i}-planned_end_on": ends_on,
        }
    return data | changes


def _errors(response) -> str:
    return " ".join(response.context["form"].non_field_errors())


# ---------------------------------------------------------------- the form


SEARCH = reverse("people:search")


def _offered(client, purpose, organization, q) -> list[tuple[str, str]]:
    """The (value, text) options the type-ahead search of an order line offers."""
    response = client.get(
        SEARCH, {"for": purpose, "organization": organization.pk, "q": q}
    )
    assert response.status_code == 200
    html = response.content.decode()
    return re.findall(r'data-value="(\d+)"[^>]*>([^<]+)</li>', html)


def test_line_searches_offer_only_eligible_mentors_and_active_reservists(
    client, head, school, other_school, cast
):
    PersonFactory(organization=school, last_name="Наставникова-Учитель")
    EligibleMentorFactory(organization=other_school, last_name="Наставничий")
    MentorshipFactory(mentor=cast["mentor"], reserve_entry__person__organization=school)
    ReserveEntryFactory(
        person__organization=school,
        person__last_name="Борисова",
        status=ReserveEntry.Status.EXCLUDED,
        excluded_on=date(2026, 10, 1),
        exclusion_reason="Ошибка",
    )
    client.force_login(head)

    mentors = _offered(client, "order-mentor", school, "настав")
    assert [v for v, _label in mentors] == [str(cast["mentor"].pk)]
    assert mentors[0][1].startswith("Наставников")
    assert "1 из 3" in mentors[0][1]  # the load and its limit
    reservists = _offered(client, "order-reservist", school, "борис")
    # the reservist's active entry is the value; the excluded one is not offered
    assert reservists == [
        (
            str(cast["second"].pk),
            f"{cast['second'].person.full_name} — "
            f"{cast['second'].target_position.name}",
        )
    ]


def test_line_search_names_the_current_mentor(client, head, school, cast):
    MentorshipFactory(
        mentor=cast["mentor"],
        reserve_entry=cast["first"],
        status=Mentorship.Status.ACTIVE,
    )
    client.force_login(head)

    ((value, label),) = _offered(client, "order-reservist", school, "алекс")

    assert value == str(cast["first"].pk)
    assert label.endswith(f"(наставник: {cast['mentor'].full_name})")


def test_line_searches_refuse_an_organisation_out_of_scope(
    client, head, other_school, cast
):
    EligibleMentorFactory(organization=other_school, last_name="Наставничий")
    client.force_login(head)
    for purpose in ("order-mentor", "order-reservist"):
        response = client.get(
            SEARCH, {"for": purpose, "organization": other_school.pk, "q": "на"}
        )
        assert response.status_code == 404


def test_line_searches_cost_the_same_at_any_size(client, head, school, cast):
    client.force_login(head)
    _offered(client, "order-mentor", school, "настав")  # the session's first request
    counts = []
    for extra in (1, 12):
        for i in range(extra):
            EligibleMentorFactory(organization=school, last_name=f"Наставник{i}")
            ReserveEntryFactory(
                person__organization=school, person__last_name=f"Алексеенко{i}"
            )
        for purpose, q in (("order-mentor", "настав"), ("order-reservist", "алекс")):
            with CaptureQueriesContext(connection) as queries:
                assert _offered(client, purpose, school, q)
            counts.append((purpose, len(queries)))
    assert counts[:2] == counts[2:]


def test_form_lists_no_one_as_options(client, head, cast):
    """The form never lists the organisation's people: its selects search."""
    client.force_login(head)
    response = client.get(CREATE)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Наставников" not in content
    assert "Алексеев" not in content
    assert 'role="combobox"' in content


def test_form_defaults_to_the_head_as_signatory(client, head, cast):
    client.force_login(head)
    form = client.get(CREATE).context["form"]
    assert form["signatory_name"].value() == head.person.full_name
    assert form["signatory_position"].value() == head.person.position.name
    assert form["title"].value() == "О закреплении наставников за резервистами"


def test_form_suggests_the_next_number_of_the_register(client, head, school, cast):
    today = timezone.localdate()
    MentorOrderFactory(organization=school, number="14-к", date=today)
    MentorOrderFactory(organization=school, number="15-к", date=today)
    MentorOrderFactory(number="99-к", date=today)  # another organisation's
    client.force_login(head)

    form = client.get(CREATE).context["form"]

    assert form["number"].value() == "16-к"


def test_form_suggests_a_number_for_the_chosen_organisation(
    client, admin_user, school, cast
):
    MentorOrderFactory(organization=school, number="7", date=timezone.localdate())
    client.force_login(admin_user)  # may choose among several organisations

    response = client.get(CREATE, {"organization": school.pk})

    assert response.context["form"]["number"].value() == "8"


def test_form_suggests_no_number_for_an_empty_register(client, head, cast):
    client.force_login(head)

    assert client.get(CREATE).context["form"]["number"].value() in ("", None)


def test_head_saves_a_draft_with_two_lines(client, head, school, cast):
    client.force_login(head)
    response = client.post(
        CREATE,
        _post(
            school, [(cast["mentor"], cast["first"]), (cast["mentor"], cast["second"])]
        ),
    )
    order = MentorOrder.objects.get()
    assert response.status_code == 302
    assert response["Location"] == order.get_absolute_url()
    assert order.status == MentorOrder.Status.DRAFT
    assert order.organization == school
    assert list(order.mentorships.values_list("status", flat=True)) == [
        "pending",
        "pending",
    ]


def test_a_blank_first_line_is_required(client, head, school, cast):
    client.force_login(head)
    response = client.post(CREATE, _post(school, [(None, None)]))
    assert response.status_code == 422
    assert "Обязательное поле." in response.content.decode()
    assert not MentorOrder.objects.exists()


def test_forged_ineligible_mentor_is_refused_with_the_reason(
    client, head, school, cast
):
    teacher = PersonFactory(
        organization=school, last_name="Учителев", management_experience=Decimal(1)
    )
    client.force_login(head)
    response = client.post(CREATE, _post(school, [(teacher, cast["first"])]))
    assert response.status_code == 422
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 3
    assert all("Учителев" in e for e in errors)
    assert "административную должность" in _errors(response)
    assert not MentorOrder.objects.exists()
    assert not Mentorship.objects.exists()


def test_a_mentor_from_another_organisation_is_not_a_valid_choice(
    client, head, school, other_school, cast
):
    stranger_mentor = EligibleMentorFactory(organization=other_school)
    client.force_login(head)
    response = client.post(CREATE, _post(school, [(stranger_mentor, cast["first"])]))
    assert response.status_code == 422
    assert response.context["lines"].forms[0].errors["mentor"]
    assert not MentorOrder.objects.exists()


def test_over_the_load_is_refused(client, head, school, cast):
    school.municipality.mentor_max_load = 1
    school.municipality.save()
    client.force_login(head)
    response = client.post(
        CREATE,
        _post(
            school, [(cast["mentor"], cast["first"]), (cast["mentor"], cast["second"])]
        ),
    )
    assert response.status_code == 422
    assert "Наставников" in _errors(response)
    assert "2" in _errors(response)
    assert not MentorOrder.objects.exists()


def test_a_reservist_with_a_mentor_pending_is_refused(client, head, school, cast):
    MentorshipFactory(
        reserve_entry=cast["first"],
        status=Mentorship.Status.PENDING,
        order__status=MentorOrder.Status.DRAFT,
    )
    client.force_login(head)
    response = client.post(CREATE, _post(school, [(cast["mentor"], cast["first"])]))
    assert response.status_code == 422
    assert "Алексеев" in _errors(response)
    assert MentorOrder.objects.count() == 1


def test_the_same_active_mentor_again_is_refused(client, head, school, cast):
    MentorshipFactory(reserve_entry=cast["first"], mentor=cast["mentor"])
    client.force_login(head)
    response = client.post(CREATE, _post(school, [(cast["mentor"], cast["first"])]))
    assert response.status_code == 422
    assert "Наставников" in _errors(response)
    assert MentorOrder.objects.count() == 1


def test_a_reservist_out_of_the_reserve_is_refused(client, head, school, cast):
    excluded = ReserveEntryFactory(
        person__organization=school,
        person__last_name="Исключённый",
        status=ReserveEntry.Status.EXCLUDED,
        excluded_on=date(2026, 10, 1),
        exclusion_reason="Ошибка",
    )
    client.force_login(head)
    response = client.post(CREATE, _post(school, [(cast["mentor"], excluded)]))
    assert response.status_code == 422
    assert "Исключённый" in _errors(response)
    assert "исключён из резерва" in _errors(response)
    assert not MentorOrder.objects.exists()


def test_a_duplicate_number_in_the_year_is_refused(client, head, school, cast):
    MentorOrderFactory(organization=school, number="15-н", date=date(2026, 1, 9))
    client.force_login(head)
    response = client.post(CREATE, _post(school, [(cast["mentor"], cast["first"])]))
    assert response.status_code == 422
    assert "уже существует" in _errors(response)
    assert MentorOrder.objects.count() == 1
    assert not Mentorship.objects.exists()


def test_the_same_number_next_year_is_fine(client, head, school, cast):
    MentorOrderFactory(organization=school, number="15-н", date=date(2025, 9, 1))
    client.force_login(head)
    response = client.post(CREATE, _post(school, [(cast["mentor"], cast["first"])]))
    assert response.status_code == 302


def test_end_before_start_is_refused(client, head, school, cast):
    client.force_login(head)
    response = client.post(
        CREATE,
        _post(school, [(cast["mentor"], cast["first"], "2026-09-10", "2026-09-01")]),
    )
    assert response.status_code == 422
    assert response.context["lines"].forms[0].errors["planned_end_on"]
    assert not MentorOrder.objects.exists()


@pytest.mark.parametrize("who", ["coordinator", "mentor", "reservist"])
def test_only_a_head_registers_orders(client, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(CREATE).status_code == 403


def test_the_form_redirects_anonymous(client, db):
    assert client.get(CREATE).status_code == 302


def test_head_may_not_choose_another_organisation(client, head, other_school):
    client.force_login(head)
    assert client.get(CREATE, {"organization": other_school.pk}).status_code == 404


def test_superuser_picks_the_organisation_first(
    client, superuser, school, other_school
):
    client.force_login(superuser)
    response = client.get(CREATE)
    assert response.status_code == 200
    content = response.content.decode()
    assert f"?organization={school.pk}" in content
    assert f"?organization={other_school.pk}" in content
    assert client.get(CREATE, {"organization": school.pk}).context["form"]


def test_add_line_returns_the_next_numbered_line(client, head, school, cast):
    client.force_login(head)
    response = client.get(
        reverse("mentorships:order_line"),
        {"organization": school.pk, "lines-TOTAL_FORMS": 1},
        headers={"HX-Request": "true"},
    )
    content = response.content.decode()
    assert 'name="lines-1-mentor"' in content
    assert 'id="line-2"' in content
    assert 'value="2" id="id_lines-TOTAL_FORMS" hx-swap-oob="true"' in content
    assert "<html" not in content
    assert 'role="combobox"' in content  # the new line's fields search too


@pytest.mark.parametrize("n", [3, 8])
def test_form_query_count_is_constant(
    client, head, school, cast, n, django_assert_max_num_queries
):
    for _ in range(n):
        EligibleMentorFactory(organization=school)
        ReserveEntryFactory(person__organization=school)
        MentorOrderFactory(organization=school, date=timezone.localdate())
    client.force_login(head)
    # session, user, roles, person, organisation, the register's numbers: the
    # lines' people are searched, never listed
    with django_assert_max_num_queries(6):
        response = client.get(CREATE)
    assert response.status_code == 200


def test_form_shown_again_keeps_the_chosen_names(client, head, school, cast):
    client.force_login(head)
    data = _post(school, [(cast["mentor"], cast["first"], "2026-09-10", "2026-09-01")])

    response = client.post(CREATE, data)

    assert response.status_code == 422
    content = response.content.decode()
    assert f'value="{cast["mentor"].full_name} ({school.short_name})"' in content
    entry = cast["first"]
    label = f"{entry.person.full_name} — {entry.target_position.name}"
    assert f'value="{label}"' in content
