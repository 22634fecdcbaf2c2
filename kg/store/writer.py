"""Write batches to the store in the background, so the workers never wait for a load.

While the store loads one batch (Oxigraph's bulk loader releases the GIL), the
main thread goes on collecting the workers' outcomes into the next one: the
worker processes stay busy instead of idling for the length of every load.

At most one batch is being written and one collected, so memory stays bounded.
Batches are applied in order, one at a time, each atomically as before
(``GraphStore.apply``), so a killed build still leaves whole batches only.
How a batch is written (bulk load of new graphs, or an update replacing
existing ones) is decided by ``apply`` when its turn comes, against the store
the batches before it left.  An error in the background is raised in the main
thread at the next ``submit`` or ``wait``.
"""
from __future__ import annotations

import threading
import time
from typing import Callable

from kg.store.backends import Changeset, GraphStore


class BackgroundWriter:
    """Applies changesets to ``store`` in one background thread, in the order submitted."""

    def __init__(self, store: GraphStore, on_written: Callable[[Changeset], None] | None = None):
        self.store = store
        self.on_written = on_written  # called in the writer thread after each batch is in the store
        self.seconds = 0.0            # spent applying (in the background)
        self.waited = 0.0             # the caller spent waiting for a write to finish
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    def submit(self, batch: Changeset) -> None:
        """Start writing ``batch`` once the previous one is written (raising its error, if any)."""
        self.wait()
        self._thread = threading.Thread(target=self._apply, args=(batch,), name="kg-store-writer", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        """Return when nothing is being written; raise the error of the last write, if it failed."""
        if self._thread is not None:
            start = time.perf_counter()
            self._thread.join()
            self.waited += time.perf_counter() - start
            self._thread = None
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _apply(self, batch: Changeset) -> None:
        start = time.perf_counter()
        try:
            self.store.apply(batch)
            if self.on_written is not None:
                self.on_written(batch)
        except BaseException as error:   # raised again in the main thread
            self._error = error
        finally:
            self.seconds += time.perf_counter() - start
