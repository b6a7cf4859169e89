from django.utils import translation

from mentorships.models import MentorOrder, Mentorship
from mentorships.tests.factories import MentorOrderFactory
from people import permissions as people_permissions
from reserve import models as reserve_models


def test_order_year_has_a_translated_verbose_name():
    """The history of an order names the field in Russian, not «year»."""
    field = MentorOrder._meta.get_field("year")
    history_field = MentorOrder.history.model._meta.get_field("year")

    with translation.override("ru"):
        assert str(field.verbose_name) == "год"
        assert str(history_field.verbose_name) == "год"


def test_lower_apps_spell_the_active_status_of_a_mentorship_as_mentorships_do():
    """people and reserve reach mentorships by relation name, not by import."""
    assert people_permissions.ACTIVE_MENTORSHIP == Mentorship.Status.ACTIVE
    assert reserve_models.ACTIVE_MENTORSHIP == Mentorship.Status.ACTIVE


def test_order_filtered_combines_the_given_filters(school, other_school):
    draft = MentorOrderFactory(organization=school, number="1")
    MentorOrderFactory(
        organization=school, number="2", status=MentorOrder.Status.REGISTERED
    )
    MentorOrderFactory(organization=other_school, number="3")

    def found(**filters):
        return sorted(o.number for o in MentorOrder.objects.filtered(**filters))

    assert found() == ["1", "2", "3"]
    assert found(status="") == ["1", "2", "3"]
    assert found(organization_id=school.pk) == ["1", "2"]
    assert found(organization_id=school.pk, status=draft.status) == ["1"]
    assert found(status=MentorOrder.Status.REGISTERED) == ["2"]
