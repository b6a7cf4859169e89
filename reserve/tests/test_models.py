from reserve.models import ReserveEntry
from reserve.tests.factories import ReserveEntryFactory, TargetPositionFactory


def test_reserve_entry_filtered_combines_the_given_filters(school, other_school):
    deputy = TargetPositionFactory(
        municipality=school.municipality, name="Заместитель директора"
    )
    ReserveEntryFactory(person__organization=school, person__last_name="Алексеев")
    ReserveEntryFactory(
        person__organization=school,
        person__last_name="Борисов",
        target_position=deputy,
    )
    ReserveEntryFactory(
        person__organization=other_school,
        person__last_name="Васильев",
        status=ReserveEntry.Status.EXCLUDED,
    )

    def found(**filters):
        entries = ReserveEntry.objects.for_list().filtered(**filters)
        return [e.person.last_name for e in entries]

    assert found() == ["Алексеев", "Борисов", "Васильев"]
    assert found(q="", status="") == ["Алексеев", "Борисов", "Васильев"]
    assert found(q="бори") == ["Борисов"]
    assert found(organization_id=school.pk) == ["Алексеев", "Борисов"]
    assert found(target_position_id=deputy.pk) == ["Борисов"]
    assert found(status=ReserveEntry.Status.EXCLUDED) == ["Васильев"]
    assert found(organization_id=school.pk, has_mentor=False) == [
        "Алексеев",
        "Борисов",
    ]
    assert found(has_mentor=True) == []
    assert found(has_approved_plan=True) == []
