"""Who sees and changes internships: every role, in and out of scope."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from internships import permissions, services
from mentorships.models import Mentorship
from mentorships.services import end_mentorship

VISIBLE = {
    "superuser": {"internship", "other_internship", "far_internship"},
    "coordinator": {"internship", "other_internship"},
    "head": {"internship"},
    "mentor": {"internship"},
    "reservist": {"internship"},
    "supervisor": {"internship"},
    "commission": set(),
    "stranger": {"far_internship"},  # the coordinator of «Elsewhere»
    "anonymous": set(),
}


@pytest.mark.parametrize("user", VISIBLE, indirect=True)
def test_visible_internships_by_role(request, user, internships):
    name = request.node.callspec.params["user"]
    seen = set(permissions.visible_internships(user).values_list("pk", flat=True))
    assert seen == {internships[n].pk for n in VISIBLE[name]}


@pytest.mark.parametrize("user", VISIBLE, indirect=True)
def test_get_internship_answers_404_out_of_scope(request, user, internships):
    name = request.node.callspec.params["user"]
    for key, internship in internships.items():
        if key in VISIBLE[name]:
            assert permissions.get_internship(user, internship.pk) == internship
        else:
            with pytest.raises(Http404):
                permissions.get_internship(user, internship.pk)


@pytest.mark.parametrize(
    ("user", "manages", "concludes"),
    [
        ("superuser", True, True),
        ("mentor", True, True),
        ("supervisor", False, True),
        ("coordinator", False, False),
        ("head", False, False),
        ("reservist", False, False),
    ],
    indirect=["user"],
)
def test_rights_on_the_internship(user, internship, manages, concludes):
    assert permissions.may_manage(user, internship) is manages
    assert permissions.may_conclude(user, internship) is concludes


def test_get_internship_for_writing_is_forbidden_to_the_supervisor(
    supervisor, internship
):
    with pytest.raises(PermissionDenied):
        permissions.get_internship(supervisor, internship.pk, write=True)
    assert permissions.get_internship(supervisor, internship.pk)


def test_an_ended_mentorship_leaves_the_mentor_reading(mentor, internship):
    mentorship = internship.mentorship
    end_mentorship(
        mentorship=mentorship,
        ended_on=mentorship.starts_on,
        reason=Mentorship.EndReason.OTHER,
        note="",
    )
    internship = permissions.get_internship(mentor, internship.pk)
    assert not permissions.may_manage(mentor, internship)
    assert not permissions.may_conclude(mentor, internship)
    with pytest.raises(PermissionDenied):
        permissions.get_internship(mentor, internship.pk, write=True)


def test_actions_follow_the_status(mentor, supervisor, internship, today):
    actions = permissions.internship_actions(mentor, internship)
    assert (actions.edit, actions.start, actions.conclude, actions.complete) == (
        True,
        True,
        False,
        False,
    )
    services.start_internship(internship=internship)
    assert permissions.internship_actions(supervisor, internship).conclude
    assert not permissions.internship_actions(supervisor, internship).edit
    services.write_conclusion(
        internship=internship,
        by=supervisor,
        work_done="Done",
        assessment="good",
        recommendation="Go on",
        concluded_on=today,
    )
    assert permissions.internship_actions(mentor, internship).complete
    assert not permissions.internship_actions(supervisor, internship).complete


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("mentor", True),
        ("reservist", False),
        ("coordinator", False),
        ("head", False),
        ("supervisor", True),
    ],
    indirect=["user"],
)
def test_only_a_mentor_creates(user, expected):
    assert permissions.may_create_internship(user) is expected


@pytest.mark.parametrize(
    ("user", "internships_item", "interns"),
    [
        ("coordinator", True, False),
        ("head", True, True),
        ("mentor", True, True),
        ("reservist", True, False),
        ("supervisor", True, True),
        ("commission", False, True),
        ("anonymous", False, False),
    ],
    indirect=["user"],
)
def test_menu_predicates(user, internships_item, interns):
    assert permissions.may_view_internships(user) is internships_item
    assert permissions.may_view_supervised(user) is interns


def test_supervised_internships_are_the_supervisors_own(supervisor, internships):
    assert list(permissions.supervised_internships(supervisor)) == [
        internships["internship"]
    ]


@pytest.mark.parametrize(
    ("user", "expected"),
    [("coordinator", True), ("superuser", True), ("head", False), ("mentor", False)],
    indirect=["user"],
)
def test_the_forms_catalogue_is_the_coordinators(user, expected, municipality):
    assert permissions.may_manage_internship_forms(user) is expected


def test_a_form_of_another_municipality_is_not_found(coordinator, far_school):
    form = far_school.municipality.internship_forms.first()
    with pytest.raises(Http404):
        permissions.get_internship_form(coordinator, form.pk)
