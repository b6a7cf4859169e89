"""Every write to municipalities and organisations."""

from typing import Any

from django.db import transaction

from core.services import create_validated, delete_protected, update_validated
from organizations.models import Municipality, Organization


@transaction.atomic
def create_organization(*, municipality: Municipality, **fields: Any) -> Organization:
    """Create an organisation; raises ValidationError on bad or duplicate data."""
    return create_validated(Organization, municipality=municipality, **fields)


@transaction.atomic
def update_organization(*, organization: Organization, **fields: Any) -> Organization:
    """Change an organisation; raises ValidationError on bad or duplicate data."""
    return update_validated(organization, **fields)


@transaction.atomic
def delete_organization(*, organization: Organization) -> None:
    """Delete an organisation; raises ValidationError while people work there."""
    delete_protected(organization)


@transaction.atomic
def update_municipality(*, municipality: Municipality, **fields: Any) -> Municipality:
    """Change a municipality's requisites; raises ValidationError on bad data."""
    return update_validated(municipality, **fields)
