"""The rows done of a running import, as the worker reports them.

The worker saves every row of a batch in one transaction, so a count written to
the batch's own row would stay invisible to the pages until the end, and on
SQLite a second connection could not write it at all while the transaction holds
the database. The count goes to the "imports" cache instead: by default a
directory under VAR_DIR, which the web processes and the worker share already (the
uploaded files are there), and which works the same with SQLite and PostgreSQL.
The batch keeps its final count (ImportBatch.n_done) when it is done."""

from django.core.cache import caches

from imports.models import ImportBatch

# Longer than any import runs: a crashed worker's count does not stay forever.
TIMEOUT = 24 * 60 * 60


def _key(batch_id: int) -> str:
    return f"imports:progress:{batch_id}"


def report(*, batch_id: int, done: int) -> None:
    """Record that `done` rows of the batch have been processed."""
    caches["imports"].set(_key(batch_id), done, TIMEOUT)


def clear(*, batch_id: int) -> None:
    """Forget the count of a batch that has finished."""
    caches["imports"].delete(_key(batch_id))


def rows_done(batch: ImportBatch) -> int:
    """The rows of the batch processed so far."""
    if batch.status != ImportBatch.Status.RUNNING:
        return batch.n_done
    done = caches["imports"].get(_key(batch.pk))
    return batch.n_done if done is None else int(done)
