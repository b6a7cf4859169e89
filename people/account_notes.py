"""Notes that apps above `people` add to the page that creates a person's account
(for instance, attestation: «the person sits on the commission, tick the role»).

`people` may not import them, so each registers its note in its AppConfig.ready();
the page shows what every note renders for the person, in registration order."""

from collections.abc import Callable

from django.http import HttpRequest

from people.models import Person

# A note: the HTML (a SafeString from render_to_string) to show for the person on
# the account-creation page, or "" to show nothing.
AccountNote = Callable[[HttpRequest, Person], str]

_notes: list[AccountNote] = []


def register(note: AccountNote) -> None:
    """Add a note to the account-creation page (idempotent)."""
    if note not in _notes:
        _notes.append(note)


def notes_for(request: HttpRequest, person: Person) -> list[str]:
    """What the registered notes say of the person, empty ones left out."""
    return [html for note in _notes if (html := note(request, person))]
