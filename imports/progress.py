"""The progress of a running import, as the worker reports it.

The worker saves every row of a batch in one transaction, so a count written to
the batch's own row would stay invisible to the pages until the end, and on
SQLite a second connection could not write it at all while the transaction holds
the database. The progress goes to the "imports" cache instead: by default a
directory under VAR_DIR, which the web processes and the worker share already (the
uploaded files are there), and which works the same with SQLite and PostgreSQL.
The batch keeps its final count (ImportBatch.n_done) when it is done.

A run has three stages, each counting the rows of the file: reading the file,
checking every row against the registry as it is now, and saving. Each report
carries its time, so a batch whose worker was killed (no report for
IMPORT_STALLED_AFTER seconds) can be told from one that is slow."""

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from imports.models import ImportBatch

# Longer than any import runs: a crashed worker's count does not stay forever.
TIMEOUT = 24 * 60 * 60

READ, CHECK, WRITE = "read", "check", "write"
STAGES: dict[str, Promise] = {
    READ: _("reading the file"),
    CHECK: _("checking the rows against the registry"),
    WRITE: _("saving"),
}


@dataclass(frozen=True)
class Progress:
    """Where a batch is: its stage (None until the worker takes it), the rows of
    the file that stage has done, and when the worker last reported."""

    stage: str | None
    done: int
    total: int
    reported_at: float | None = None

    @property
    def step(self) -> int:
        """1, 2 or 3: the number of the stage; 0 before the worker starts."""
        return list(STAGES).index(self.stage) + 1 if self.stage else 0

    @property
    def n_steps(self) -> int:
        return len(STAGES)

    @property
    def stage_label(self) -> str:
        return str(STAGES[self.stage]) if self.stage else ""

    @property
    def bar_max(self) -> int:
        """The bar covers every stage: each counts the rows of the file once."""
        return max(self.total, 1) * len(STAGES)

    @property
    def bar_value(self) -> int:
        if not self.stage:
            return 0
        return (self.step - 1) * max(self.total, 1) + min(self.done, self.total)

    @property
    def percent(self) -> int:
        return self.bar_value * 100 // self.bar_max

    def is_stalled(self, now: float | None = None) -> bool:
        """The worker has not reported for longer than any stage takes."""
        if self.reported_at is None:
            return False
        now = time.time() if now is None else now
        return now - self.reported_at > settings.IMPORT_STALLED_AFTER


def _key(batch_id: int) -> str:
    return f"imports:progress:{batch_id}"


def report(*, batch_id: int, done: int, stage: str = WRITE) -> None:
    """Record that the stage has done `done` rows of the batch's file."""
    caches["imports"].set(_key(batch_id), (stage, done, time.time()), TIMEOUT)


def reporter(*, batch_id: int, stage: str) -> Callable[[int], None]:
    """A callback for the reading and checking loops: report(done) of a stage."""

    def report_stage(done: int) -> None:
        report(batch_id=batch_id, done=done, stage=stage)

    return report_stage


def clear(*, batch_id: int) -> None:
    """Forget the progress of a batch that has finished."""
    caches["imports"].delete(_key(batch_id))


def of_batch(batch: ImportBatch) -> Progress:
    """Where the batch is: its final count once it has finished."""
    if batch.status != ImportBatch.Status.RUNNING:
        stage = WRITE if batch.status == ImportBatch.Status.APPLIED else None
        return Progress(stage=stage, done=batch.n_done, total=batch.n_rows)
    value = caches["imports"].get(_key(batch.pk))
    if not isinstance(value, tuple) or len(value) != 3:
        # Claimed, and the first report not written yet.
        return Progress(stage=READ, done=0, total=batch.n_rows)
    stage, done, reported_at = value
    return Progress(
        stage=stage if stage in STAGES else READ,
        done=int(done),
        total=batch.n_rows,
        reported_at=float(reported_at),
    )
