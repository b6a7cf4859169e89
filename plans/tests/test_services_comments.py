"""Comment threads on a plan and on its rows."""

import pytest
from django.core.exceptions import ValidationError

from plans import services
from plans.models import Comment
from plans.tests.factories import IndividualPlanFactory, PlanItemFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]


# Comments --------------------------------------------------------------------------


def test_add_comment_starts_threads_on_the_plan_and_on_a_row(plan, mentor, reservist):
    item = PlanItemFactory(plan=plan)

    on_plan = services.add_comment(plan=plan, author=mentor, text="  Обсудим  ")
    on_item = services.add_comment(
        plan=plan, author=reservist, text="Срок мал", item=item
    )
    reply = services.add_comment(plan=plan, author=mentor, text="Перенесём", item=item)

    assert on_plan.text == "Обсудим"
    assert on_plan.item is None
    assert list(item.comments.all()) == [on_item, reply]
    assert list(plan.comments.filter(item=None)) == [on_plan]


def test_add_comment_refuses_a_row_of_another_plan(plan, mentor):
    with pytest.raises(ValidationError) as e:
        services.add_comment(
            plan=plan, author=mentor, text="Hi", item=PlanItemFactory()
        )

    assert "item" in e.value.message_dict
    assert not Comment.objects.exists()


@pytest.mark.parametrize("text", ["", "   ", "я" * 5001])
def test_add_comment_refuses_an_empty_or_too_long_text(plan, mentor, text):
    with pytest.raises(ValidationError) as e:
        services.add_comment(plan=plan, author=mentor, text=text)

    assert "text" in e.value.message_dict
    assert not Comment.objects.exists()


def test_add_comment_accepts_the_longest_text(plan, mentor):
    assert services.add_comment(plan=plan, author=mentor, text="я" * 5000)


def test_comments_of_another_plan_stay_there(plan, mentor):
    other = IndividualPlanFactory()
    services.add_comment(plan=other, author=mentor, text="There")

    assert not plan.comments.exists()
