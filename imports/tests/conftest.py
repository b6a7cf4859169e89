import pytest

from people.tests.factories import PersonFactory, PositionFactory
from reserve.tests.factories import TargetPositionFactory


@pytest.fixture
def teacher(municipality):
    """A position of the «Town» catalogue."""
    return PositionFactory(municipality=municipality, name="Учитель")


@pytest.fixture
def deputy(municipality):
    """An administrative position of the «Town» catalogue."""
    return PositionFactory(
        municipality=municipality, name="Заместитель директора", is_administrative=True
    )


@pytest.fixture
def director(municipality):
    """A target position of the «Town» reserve catalogue."""
    return TargetPositionFactory(municipality=municipality, name="Директор школы")


@pytest.fixture
def ivanova(school, teacher):
    """A person of «School» in the registry, not in the reserve."""
    return PersonFactory(
        organization=school,
        position=teacher,
        last_name="Иванова",
        first_name="Мария",
        middle_name="Петровна",
    )
