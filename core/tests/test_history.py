from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from simple_history.middleware import _context_manager

from core.history import history_of
from organizations import services
from organizations.models import Organization
from people.tests.factories import PersonFactory


def _changes(entry):
    return [(c.field, c.old, c.new) for c in entry.changes]


def test_history_of_a_new_record_lists_its_filled_fields(school):
    (entry,) = history_of(school)

    assert entry.kind == "создано"
    assert entry.who == "система"
    assert isinstance(entry.at, datetime)
    assert _changes(entry) == [
        ("муниципальное образование", "—", "Town"),
        ("тип", "—", "общеобразовательная организация"),
        ("полное наименование", "—", "Full name of School"),
        ("краткое наименование", "—", "School"),
    ]


def test_history_of_a_change_lists_only_changed_fields_old_to_new(school):
    services.update_organization(
        organization=school, address="ул. Ленина, 1", kind=Organization.Kind.OTHER
    )

    newest, _created = history_of(school)

    assert newest.kind == "изменено"
    assert _changes(newest) == [
        ("тип", "общеобразовательная организация", "иная организация"),
        ("адрес", "—", "ул. Ленина, 1"),
    ]


def test_history_shows_related_records_by_name(school):
    head = PersonFactory(
        organization=school, last_name="Кузнецов", first_name="Андрей", middle_name=""
    )
    services.update_organization(organization=school, head=head)

    newest = history_of(school)[0]

    assert _changes(newest) == [("руководитель", "—", "Кузнецов Андрей")]


def test_history_shows_booleans_as_yes_and_no(municipality):
    from people.services import update_position
    from people.tests.factories import PositionFactory

    position = PositionFactory(municipality=municipality, name="Методист")
    update_position(position=position, is_administrative=True)

    newest = history_of(position)[0]

    assert _changes(newest) == [("административная должность", "нет", "да")]


def test_history_names_the_acting_user(school, coordinator):
    coordinator.first_name, coordinator.last_name = "Марина", "Соколова"
    coordinator.save()
    request = RequestFactory().post("/")
    request.user = coordinator

    with _context_manager(request):
        services.update_organization(organization=school, phone="123")

    assert history_of(school)[0].who == "Марина Соколова"  # no person: the name


def test_history_of_anonymous_request_is_the_system(school):
    request = RequestFactory().post("/")
    request.user = AnonymousUser()

    with _context_manager(request):
        services.update_organization(organization=school, phone="123")

    assert history_of(school)[0].who == "система"


def test_history_is_newest_first_and_limited(school):
    for n in range(5):
        services.update_organization(organization=school, phone=str(n))

    entries = history_of(school, limit=3)

    assert [_changes(e)[0][2] for e in entries] == ["4", "3", "2"]
    assert _changes(entries[-1]) == [("телефон", "1", "2")]


def test_history_reads_in_a_fixed_number_of_queries(school, django_assert_num_queries):
    head = PersonFactory(organization=school)
    for n in range(10):
        school.head = head if n % 2 else None
        school.phone = str(n)
        school.save()

    # records with their users, then municipality names, head names
    with django_assert_num_queries(3):
        assert len(history_of(school)) == 11


def test_history_names_an_account_by_its_persons_full_name(django_user_model):
    person = PersonFactory(last_name="Петров", first_name="Дмитрий")
    person.user = django_user_model.objects.create_user("petrov")
    person.save()

    newest = history_of(person)[0]

    (change,) = [c for c in newest.changes if c.field == "учётная запись"]
    assert (change.old, change.new) == ("—", person.full_name)
    assert "petrov" not in str(change.new)
