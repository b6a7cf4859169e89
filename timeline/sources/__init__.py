"""Every source of the timeline, in the order of the kind filter.

To add a domain (say, `events`): write `timeline/sources/events.py` with its
`KINDS` and `SOURCES` (timeline/sources/plans.py is the model: rows from the
domain's `visible_*`, one loader per model), and list the module below. Nothing
else changes: the page's filter, the API's `kind` and `event` enums and the
union read these tuples."""

from timeline.sources import consultations, events, internships, plans, studies
from timeline.sources.base import Kind, Source

MODULES = (plans, events, internships, consultations, studies)

KINDS: tuple[Kind, ...] = tuple(k for m in MODULES for k in m.KINDS)
SOURCES: tuple[Source, ...] = tuple(s for m in MODULES for s in m.SOURCES)
BY_EVENT = {s.event: s for s in SOURCES}
KIND_CODES = tuple(k.code for k in KINDS)
