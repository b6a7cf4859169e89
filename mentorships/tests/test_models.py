from django.utils import translation

from mentorships.models import MentorOrder


def test_order_year_has_a_translated_verbose_name():
    """The history of an order names the field in Russian, not «year»."""
    field = MentorOrder._meta.get_field("year")
    history_field = MentorOrder.history.model._meta.get_field("year")

    with translation.override("ru"):
        assert str(field.verbose_name) == "год"
        assert str(history_field.verbose_name) == "год"
