from organizations.models import Organization
from organizations.tests.factories import OrganizationFactory


def test_organization_reads_as_its_short_name(school):
    assert str(school) == "School"


def test_organization_url_is_its_card(school):
    assert school.get_absolute_url() == f"/organizations/{school.pk}/"


def test_organization_save_keeps_search_text_in_step_with_names(municipality):
    organization = OrganizationFactory(
        municipality=municipality, short_name="МДОУ «Ёлочка»", full_name="Детский сад"
    )
    organization.short_name = "МДОУ «Берёзка»"

    organization.save(update_fields=["short_name"])

    organization.refresh_from_db()
    assert organization.search_text == "мдоу «березка» детский сад"


def test_organization_search_ignores_case_and_yo(municipality):
    OrganizationFactory(municipality=municipality, short_name="МДОУ «Ёлочка»")
    OrganizationFactory(municipality=municipality, short_name="МОУ «Гимназия № 4»")

    def found(text):
        return [o.short_name for o in Organization.objects.search(text)]

    assert found("елочка") == ["МДОУ «Ёлочка»"]
    assert found("ЁЛОЧ") == ["МДОУ «Ёлочка»"]
    assert found("гимназия") == ["МОУ «Гимназия № 4»"]
    assert found("лицей") == []


def test_organization_for_list_counts_people_and_orders_by_name(municipality):
    from people.tests.factories import PersonFactory

    b = OrganizationFactory(municipality=municipality, short_name="Б")
    a = OrganizationFactory(municipality=municipality, short_name="А")
    PersonFactory.create_batch(2, organization=b)

    listed = list(Organization.objects.for_list())

    assert listed == [a, b]
    assert [o.n_people for o in listed] == [0, 2]


def test_organization_filtered_combines_the_given_filters(municipality):
    OrganizationFactory(
        municipality=municipality,
        short_name="МДОУ «Ёлочка»",
        kind=Organization.Kind.KINDERGARTEN,
    )
    OrganizationFactory(
        municipality=municipality,
        short_name="МОУ «Ёлочка»",
        kind=Organization.Kind.SCHOOL,
    )

    def found(**filters):
        organizations = Organization.objects.order_by("short_name")
        return [o.short_name for o in organizations.filtered(**filters)]

    assert found() == ["МДОУ «Ёлочка»", "МОУ «Ёлочка»"]
    assert found(q="", kind="") == ["МДОУ «Ёлочка»", "МОУ «Ёлочка»"]
    assert found(q="елочка", kind="school") == ["МОУ «Ёлочка»"]
    assert found(q="лицей") == []
