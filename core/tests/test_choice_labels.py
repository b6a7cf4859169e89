"""get_FOO_display() from labels built once per field and language."""

from django.utils import translation

from mentorships.models import Mentorship
from reserve.models import ReserveEntry


def test_labels_follow_the_active_language():
    mentorship = Mentorship(status=Mentorship.Status.ACTIVE)

    with translation.override("ru"):
        assert mentorship.get_status_display() == "действует"
    with translation.override("en"):
        assert mentorship.get_status_display() == "active"
    with translation.override("ru"):
        assert mentorship.get_status_display() == "действует"


def test_each_field_has_its_own_labels():
    entry = ReserveEntry(status=ReserveEntry.Status.APPOINTED)

    with translation.override("ru"):
        assert entry.get_status_display() == str(ReserveEntry.Status.APPOINTED.label)
        assert (
            entry.get_status_display()
            != Mentorship(status=Mentorship.Status.ACTIVE).get_status_display()
        )


def test_a_value_outside_the_choices_is_shown_as_it_is():
    assert Mentorship(status="unknown").get_status_display() == "unknown"
    assert Mentorship(status=None).get_status_display() is None
