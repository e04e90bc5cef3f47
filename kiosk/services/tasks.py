"""The app's one helper for background work: blocking ops off the GUI thread, results back on it.

Shaped like Anki's ``QueryOp`` and Picard's ``thread.py``: ``op`` runs on a pool thread and must
not touch any QObject (no widgets, no service attributes, no signals of its own); ``on_done``,
``on_error`` and ``on_progress`` run later on the thread that owns the runner (the GUI thread).
An error in ``op`` never escapes: it is logged and passed to ``on_error``.

One :class:`TaskRunner` per kiosk, created and shut down by it. Work that must not overlap (one
database, one device, one library) goes through a named :class:`SerialQueue`; each queue runs
one task at a time, in order, and has a pool thread to itself, so a slow device or a long
download never holds up the charts' parallel queries. :meth:`Task.cancel` drops a pending task,
tells a running one (``task.cancelled``, a ``threading.Event`` an op can pass on) and suppresses
its callbacks. :meth:`TaskRunner.shutdown` cancels everything and joins the pool threads.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")
OnDone = Callable[[T], None]
OnError = Callable[[BaseException], None]
OnProgress = Callable[..., None]

#: Parallel tasks at once (chart queries, file saves); serial queues come on top.
DEFAULT_PARALLEL = 4
#: What the runner's pool threads are called (``ps -T``, ``/proc/<pid>/task/*/comm``).
THREAD_NAME = "kiosk-tasks"


class Task(Generic[T]):
    """One piece of background work. GUI side: :meth:`cancel`. Worker side: ``cancelled``
    and :meth:`report` (the only two things an op may use)."""

    def __init__(
        self,
        runner: TaskRunner,
        op: Callable[[Task[T]], T],
        on_done: OnDone[T] | None,
        on_error: OnError | None,
        on_progress: OnProgress | None,
    ) -> None:
        self._runner = runner
        self._op: Callable[[Task[T]], T] | None = op
        self._on_done = on_done
        self._on_error = on_error
        self._on_progress = on_progress
        #: Set by :meth:`cancel` or the runner's shutdown; thread-safe, for the op to watch.
        self.cancelled = threading.Event()
        self.finished = threading.Event()  # the op has returned or raised (or was skipped)
        self._result: T | None = None
        self._error: BaseException | None = None

    def cancel(self) -> None:
        """Call on the GUI thread: a pending task never runs; a running one is told by
        ``cancelled``; neither calls back."""
        self.cancelled.set()
        self._on_done = self._on_error = self._on_progress = None

    def report(self, *values: object) -> None:
        """Call from the op: ``on_progress(*values)`` runs on the GUI thread (queued, in order)."""
        if not self.cancelled.is_set():
            self._runner._relay.task_did_progress.emit(self, values)

    # -- worker side -------------------------------------------------------------------------
    def _execute(self) -> None:
        op = self._op
        try:
            if op is not None and not self.cancelled.is_set():
                self._result = op(self)
        except Exception as exc:
            log.exception("background task failed")
            self._error = exc
        finally:
            self.finished.set()
            self._runner._relay.task_did_end.emit(self)

    # -- GUI side ----------------------------------------------------------------------------
    def _dropped(self) -> bool:
        """Cancelled, or the runner shut down (its kiosk's widgets may be gone already)."""
        return self.cancelled.is_set() or self._runner.is_shut_down

    def _deliver_progress(self, values: tuple[object, ...]) -> None:
        if self._on_progress is not None and not self._dropped():
            self._on_progress(*values)

    def _deliver_end(self) -> None:
        """Call back once, then drop every reference (on the GUI thread, where the objects
        the callbacks hold were made)."""
        on_done, on_error = self._on_done, self._on_error
        result, error = self._result, self._error
        self._op = self._on_done = self._on_error = self._on_progress = None
        self._result = self._error = None
        if self._dropped():
            return
        if error is not None:
            if on_error is not None:
                on_error(error)
        elif on_done is not None:
            on_done(result)  # type: ignore[arg-type]  # result is a T when op returned


class _Lane:
    """Pending tasks and how many may run at once (1 for a serial queue)."""

    def __init__(self, pool: QThreadPool, limit: int) -> None:
        self._pool = pool
        self._limit = limit
        self._pending: deque[Task[Any]] = deque()
        self._running: list[Task[Any]] = []
        self._drainers = 0
        self._idle = threading.Condition()

    def submit(self, task: Task[Any]) -> None:
        with self._idle:
            self._pending.append(task)
            start = self._drainers < self._limit
            if start:
                self._drainers += 1
        if start:
            # A callable, not a QRunnable subclass: PySide6 keeps some of those (with their
            # Python objects) referenced by the pool forever, about one in eight.
            self._pool.start(self.drain)

    def drain(self) -> None:
        """Worker side: run pending tasks until there are none."""
        while True:
            with self._idle:
                if not self._pending:
                    self._drainers -= 1
                    self._idle.notify_all()
                    return
                task = self._pending.popleft()
                self._running.append(task)
            try:
                task._execute()
            finally:
                with self._idle:
                    self._running.remove(task)

    def cancel_all(self) -> None:
        with self._idle:
            tasks = [*self._pending, *self._running]
        for task in tasks:
            task.cancel()

    def wait(self, msecs: int) -> bool:
        with self._idle:
            return self._idle.wait_for(lambda: self._drainers == 0, msecs / 1000)

    @property
    def busy(self) -> bool:
        with self._idle:
            return self._drainers > 0


class _Relay(QObject):
    """Lives on the GUI thread; workers emit its signals, so the slots run there (queued)."""

    task_did_end = Signal(object)  # Task
    task_did_progress = Signal(object, object)  # Task, tuple of values

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.task_did_end.connect(self._on_task_did_end)
        self.task_did_progress.connect(self._on_task_did_progress)

    @Slot(object)
    def _on_task_did_end(self, task: Task[Any]) -> None:
        task._deliver_end()

    @Slot(object, object)
    def _on_task_did_progress(self, task: Task[Any], values: tuple[object, ...]) -> None:
        task._deliver_progress(values)


class _Submit:
    """``run`` and ``run_task``, shared by the runner (parallel) and its serial queues."""

    _runner: TaskRunner
    _lane: _Lane

    def run(
        self,
        op: Callable[[], T],
        on_done: OnDone[T] | None = None,
        on_error: OnError | None = None,
    ) -> Task[T]:
        """Run ``op`` off the GUI thread; ``on_done(result)`` or ``on_error(exc)`` on it."""
        return self._runner._submit(self._lane, lambda _task: op(), on_done, on_error, None)

    def run_task(
        self,
        op: Callable[[Task[T]], T],
        on_done: OnDone[T] | None = None,
        on_error: OnError | None = None,
        on_progress: OnProgress | None = None,
    ) -> Task[T]:
        """Like :meth:`run`, but ``op`` gets its :class:`Task` (for ``cancelled``/``report``)."""
        return self._runner._submit(self._lane, op, on_done, on_error, on_progress)


class SerialQueue(_Submit):
    """Tasks that run one at a time, in the order given (one service's disk, device or DB)."""

    def __init__(self, runner: TaskRunner, name: str, lane: _Lane) -> None:
        self.name = name
        self._runner = runner
        self._lane = lane

    def cancel_all(self) -> None:
        """Cancel the pending tasks and tell the running one (GUI thread)."""
        self._lane.cancel_all()

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until this queue is idle; True if it was in time (shutdown and tests)."""
        return self._lane.wait(msecs)

    @property
    def busy(self) -> bool:
        return self._lane.busy


class TaskRunner(_Submit, QObject):
    """Owns the kiosk's thread pool. Create it on the GUI thread; :meth:`shutdown` it at exit.

    :meth:`run` / :meth:`run_task` run tasks in parallel (at most ``max_threads`` at once).
    """

    def __init__(self, max_threads: int = DEFAULT_PARALLEL, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setObjectName(THREAD_NAME)  # the name its threads get
        self._pool.setMaxThreadCount(max_threads)
        self._runner = self
        self._lane = _Lane(self._pool, max_threads)  # the parallel tasks
        self._queues: dict[str, SerialQueue] = {}
        self._closed = False
        self._relay = _Relay(self)

    @property
    def is_shut_down(self) -> bool:
        return self._closed

    def serial(self, name: str) -> SerialQueue:
        """The serial queue called ``name`` (made on first use; one pool thread of its own)."""
        queue = self._queues.get(name)
        if queue is None:
            queue = SerialQueue(self, name, _Lane(self._pool, 1))
            self._queues[name] = queue
            self._pool.setMaxThreadCount(self._pool.maxThreadCount() + 1)
        return queue

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every task has finished (shutdown and tests only); callbacks still
        arrive through the event loop."""
        return bool(self._pool.waitForDone(msecs))

    def shutdown(self, msecs: int = 10_000) -> bool:
        """Cancel all tasks, refuse new ones, and join every pool thread. True if in time."""
        if not self._closed:
            self._closed = True
            for lane in (self._lane, *(q._lane for q in self._queues.values())):
                lane.cancel_all()
        done = self.wait(msecs)
        if not done:
            log.warning("background tasks still running after %d ms at shutdown", msecs)
        return done

    def _submit(
        self,
        lane: _Lane,
        op: Callable[[Task[T]], T],
        on_done: OnDone[T] | None,
        on_error: OnError | None,
        on_progress: OnProgress | None,
    ) -> Task[T]:
        task = Task(self, op, on_done, on_error, on_progress)
        if self._closed:
            log.debug("task refused: the runner is shut down")
            task.cancel()
            return task
        lane.submit(task)
        return task
