"""Load the demo municipality; running it again changes nothing (idempotent)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from demo.attestation import load_attestation
from demo.competencies import load_competencies
from demo.consultations import load_consultations
from demo.events import load_events
from demo.internships import load_internships
from demo.legal_acts import load_legal_acts
from demo.plan_reports import load_plan_reports
from demo.plans import load_plans
from demo.registries import load_registries
from demo.reserve import load_reserve
from demo.studies import load_studies


class Command(BaseCommand):
    help = "Load the demo municipality «Городской округ Стрежевой» (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        municipality = load_registries()
        load_reserve(municipality)
        load_plans(municipality)
        load_events(municipality)
        load_internships(municipality)
        load_consultations(municipality)
        load_legal_acts(municipality)
        load_studies(municipality)
        load_competencies(municipality)
        load_plan_reports(municipality)
        load_attestation(municipality)
        self.stdout.write(
            self.style.SUCCESS(
                "Demo data loaded: accounts coordinator, head, "
                "mentor, reservist, commission (password demo)."
            )
        )
