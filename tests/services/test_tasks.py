"""The task runner: results, errors and progress on the GUI thread, serial queues in order,
cancellation, and a shutdown that joins its threads."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication

from kiosk.services.tasks import THREAD_NAME, Task, TaskRunner


def test_result_and_error_arrive_on_the_gui_thread(qtbot: Any, tasks: TaskRunner) -> None:
    gui = threading.get_ident()
    ran_on: list[int] = []
    got: list[tuple[str, object, int]] = []

    native_ids: list[int] = []

    def op() -> int:
        ran_on.append(threading.get_ident())
        native_ids.append(threading.get_native_id())
        return 42

    def boom() -> int:
        raise ValueError("bad input")

    tasks.run(op, lambda r: got.append(("done", r, threading.get_ident())))
    tasks.run(boom, None, lambda e: got.append(("error", e, threading.get_ident())))
    qtbot.waitUntil(lambda: len(got) == 2)
    assert ran_on and ran_on[0] != gui
    with open(f"/proc/self/task/{native_ids[0]}/comm") as f:  # named: the leak check counts it
        assert f.read().strip() == THREAD_NAME
    assert {(kind, thread) for kind, _v, thread in got} == {("done", gui), ("error", gui)}
    error = next(v for kind, v, _t in got if kind == "error")
    assert isinstance(error, ValueError) and str(error) == "bad input"


def test_a_serial_queue_runs_one_task_at_a_time_in_order(qtbot: Any, tasks: TaskRunner) -> None:
    queue = tasks.serial("db")
    assert tasks.serial("db") is queue
    running, overlap, order = [0], [False], []
    lock, gate = threading.Lock(), threading.Event()

    def op(i: int) -> int:
        with lock:
            running[0] += 1
            overlap[0] |= running[0] > 1
        if i == 0:
            gate.wait(10)  # the others would run now if the queue let them
        with lock:
            running[0] -= 1
        return i

    for i in range(20):
        queue.run(lambda i=i: op(i), order.append)
    qtbot.waitUntil(lambda: running[0] == 1)
    gate.set()
    qtbot.waitUntil(lambda: len(order) == 20)
    assert order == list(range(20)) and not overlap[0]


def test_a_busy_serial_queue_does_not_hold_up_the_others(qtbot: Any, tasks: TaskRunner) -> None:
    release = threading.Event()
    slow, fast = tasks.serial("device"), tasks.serial("usb")
    slow.run(lambda: release.wait(10))
    done: list[str] = []
    fast.run(lambda: "scan", done.append)
    tasks.run(lambda: "chart", done.append)
    qtbot.waitUntil(lambda: sorted(done) == ["chart", "scan"])
    assert slow.busy
    release.set()
    assert slow.wait(5000) and not slow.busy


def test_progress_arrives_in_order_on_the_gui_thread(qtbot: Any, tasks: TaskRunner) -> None:
    gui = threading.get_ident()
    seen: list[tuple[int, int, int]] = []
    done: list[str] = []

    def op(task: Task[str]) -> str:
        for i in range(5):
            task.report(i, 5)
        return "ok"

    tasks.serial("install").run_task(
        op, done.append, None, lambda d, t: seen.append((d, t, threading.get_ident()))
    )
    qtbot.waitUntil(lambda: done == ["ok"])
    assert seen == [(i, 5, gui) for i in range(5)]


def test_cancel_skips_a_pending_task_and_silences_a_running_one(
    qtbot: Any, tasks: TaskRunner
) -> None:
    queue = tasks.serial("sync")
    started, results = threading.Event(), []

    def running_op(task: Task[str]) -> str:
        started.set()
        assert task.cancelled.wait(10)  # an op that watches for cancellation
        return "cancelled in time"

    running = queue.run_task(running_op, results.append)
    pending = queue.run(lambda: results.append("pending ran"), results.append)
    assert started.wait(5)
    pending.cancel()
    running.cancel()
    assert queue.wait(5000)
    last = queue.run(lambda: "after", results.append)
    qtbot.waitUntil(lambda: results == ["after"])
    assert running.finished.is_set() and pending.finished.is_set() and last.finished.is_set()


def test_shutdown_cancels_joins_and_refuses_new_work(qtbot: Any) -> None:
    runner = TaskRunner()
    started, results = threading.Event(), []

    def op(task: Task[str]) -> str:
        started.set()
        task.cancelled.wait(10)
        return "late"

    task = runner.serial("sync").run_task(op, results.append)
    assert started.wait(5)
    assert runner.shutdown(5000)
    assert task.cancelled.is_set() and task.finished.is_set()
    refused = runner.run(lambda: "never", results.append)
    assert refused.cancelled.is_set() and runner.is_shut_down
    QCoreApplication.processEvents()  # deliver what was queued: nothing may call back now
    assert results == []
    assert runner.shutdown()  # twice is fine


@pytest.mark.parametrize("threads", [1, 3])
def test_parallel_tasks_stay_within_max_threads(qtbot: Any, threads: int) -> None:
    runner = TaskRunner(max_threads=threads)
    running, peak, done = [0], [0], []
    lock, gate = threading.Lock(), threading.Event()

    def op() -> None:
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        gate.wait(10)  # held until the test has seen how many run at once
        with lock:
            running[0] -= 1

    for _ in range(12):
        runner.run(op, done.append)
    qtbot.waitUntil(lambda: running[0] == threads)
    gate.set()
    qtbot.waitUntil(lambda: len(done) == 12)
    assert runner.shutdown()
    assert peak[0] == threads


def test_thousands_of_tasks_leave_no_objects_behind(qtbot: Any, tasks: TaskRunner) -> None:
    """A kiosk runs a task per poll, summary and query for months: the pool must not keep a
    Python object per task (a QRunnable subclass per submit was kept by PySide6's pool, about
    one in eight, found by benchmarks/bench_soak.py)."""
    import gc
    import time

    queue = tasks.serial("soak")
    done: list[int] = []

    def submit_some(n: int) -> None:
        for _ in range(n):
            queue.run(lambda: time.sleep(0.0005), lambda _r: done.append(1))
            tasks.run(lambda: 1, lambda _r: done.append(1))
            qtbot.wait(1)  # interleaved with the workers, as polls and queries are

    submit_some(50)
    qtbot.waitUntil(lambda: len(done) == 100, timeout=10_000)
    gc.collect()
    before = len(gc.get_objects())
    submit_some(500)
    qtbot.waitUntil(lambda: len(done) == 1100, timeout=20_000)
    tasks.wait()
    gc.collect()
    grown = len(gc.get_objects()) - before
    assert grown < 40
