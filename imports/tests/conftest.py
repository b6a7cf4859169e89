import pytest

from people.tests.factories import PositionFactory


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
