"""Worker processes that process batches in order and survive one of them dying.

A worker can die under a batch: killed from outside, or by the kernel when
one giant record takes the memory. Its process pool is then broken and
every batch in it lost; the records must not be. The batch at the head is
run again alone in fresh workers. If that worker dies too, each of its
records is run alone once, and a record whose worker still dies becomes
an outcome saying so (made by the caller's ``lost``), once an empty batch
shows that workers run at all (if not, BrokenProcessPool stops the run:
nothing could be cleaned). The batches behind it are sent again, so the
output stays in input order, the same bytes as a run where no worker died.

``concurrent.futures`` notices a dead worker itself, except in one race: a
worker killed while it sends a result leaves its pool's manager thread
reading the rest of that message for ever. While it waits for a result,
the pool therefore watches its workers too (:meth:`WorkerPool._result`).
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable

#: How often a worker looks whether the process it works for is still there, and the
#: process waiting for a result whether its workers are.
_WATCH_SECONDS = 0.5


def _start_worker(main_pid: int) -> None:
    """Worker start: Ctrl-C is the main process's to handle; exit with the main process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_when_gone, args=(main_pid,), name="bilingua-watch", daemon=True).start()


def _exit_when_gone(main_pid: int) -> None:
    """End this worker once the main process is gone.

    A main process killed outright (SIGKILL, the kernel's out-of-memory
    killer) cannot stop its pool, and a waiting worker never learns of it:
    the queues it reads from stay open in the other workers, and the fork
    server stays for as long as a worker it forked does. Without this they
    would all wait for ever.
    """
    while _running(main_pid):
        time.sleep(_WATCH_SECONDS)
    os._exit(1)


def _running(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie (dead, waiting for its parent to read its status)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user (its number was given to another process)
        return False
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rpartition(b")")[2].split()[0] != b"Z"
    except (OSError, IndexError):  # no /proc here: existing is all that can be told
        return True


def _started() -> None:
    """The first task of a pool started early: it makes the pool start its processes."""


def _server_context() -> multiprocessing.context.BaseContext:
    # Forking a process that already runs threads (progress display, executor
    # management) is unsafe; a fork server forks clean workers from a process
    # that has imported bilingua once.
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["bilingua.runner", "bilingua.preload"])
        return context
    return multiprocessing.get_context("spawn")


def _new_executor(jobs: int, context: multiprocessing.context.BaseContext) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker,
                               initargs=(os.getpid(),))


#: Workers started by :func:`start_early` and not yet taken by a pool: how many, and their executor.
_EARLY: tuple[int, ProcessPoolExecutor] | None = None


def start_early(jobs: int) -> None:
    """Start ``jobs`` workers now, while the calling process still sets up.

    On Linux, in a process that runs no other thread yet, the workers are
    forked from it at once: they start with bilingua imported, and build
    the rules and mappers as their first batch needs them, as a single
    process does. A fork server would first start an interpreter and import
    everything again: the first batch reached a worker ~0.55 s after the
    command started, against ~0.27 s forked (10 MB corpus). Elsewhere, or once a
    thread runs (forking then is unsafe), the fork server is started now
    instead, which overlaps its start with the caller's. The next
    :class:`WorkerPool` of ``jobs`` workers takes the workers started here.
    """
    global _EARLY
    if _EARLY is not None:
        return
    if sys.platform == "linux" and threading.active_count() == 1:
        executor = _new_executor(jobs, multiprocessing.get_context("fork"))
        executor.submit(_started)  # forks every worker now, before the pool's own thread starts
        _EARLY = (jobs, executor)
        return
    context = _server_context()
    if context.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def _take_early(jobs: int) -> ProcessPoolExecutor | None:
    """The workers :func:`start_early` started, if they are ``jobs`` workers; they are then no longer kept here."""
    global _EARLY
    early, _EARLY = _EARLY, None
    if early is None:
        return None
    started_jobs, executor = early
    if started_jobs == jobs:
        return executor
    executor.shutdown(wait=False, cancel_futures=True)
    return None


def _end_broken(executor: ProcessPoolExecutor) -> None:
    """Shut a broken pool down and kill every worker it still holds (see :meth:`WorkerPool._restart`)."""
    processes = executor._processes or {}  # the manager thread's own dict; shutdown drops the executor's reference
    executor.shutdown(wait=False, cancel_futures=True)
    for worker in list(processes.values()):
        worker.kill()


_DIED = ("the worker process cleaning this record died, twice with its batch and once alone "
         "(killed, or out of memory: is the record huge?)")


class WorkerPool:
    """``processor`` over batches on ``jobs`` worker processes; results are taken in the order batches were given.

    ``lost(item, reason)`` is the outcome of an item whose worker died each
    time it was tried.
    """

    def __init__(self, processor: Callable[[list[Any]], list[Any]], jobs: int,
                 lost: Callable[[Any, str], Any]) -> None:
        self._processor = processor
        self._jobs = jobs
        self._lost = lost
        self._pending: deque[tuple[list[Any], Future]] = deque()
        self._executor = _take_early(jobs) or self._start()
        #: How many times a worker died (the pool was started again).
        self.restarts = 0

    def _start(self) -> ProcessPoolExecutor:
        return _new_executor(self._jobs, _server_context())

    def _restart(self) -> None:
        """A new pool in place of a broken one, whose workers are all ended.

        A broken pool's manager thread ends the workers it knows of, then
        waits for each to exit; a worker the pool was still starting when it
        broke can be missed, and would wait on its queue for ever, and the
        manager thread (which the interpreter joins at exit) with it. So
        every worker the pool holds is killed here: they have nothing left
        to do.
        """
        _end_broken(self._executor)
        self._executor = self._start()
        self.restarts += 1

    def __len__(self) -> int:
        return len(self._pending)

    def submit(self, batch: list[Any]) -> None:
        try:
            future = self._executor.submit(self._processor, batch)
        except BrokenProcessPool as broken:
            # A worker died since the last result was taken: the pool takes
            # nothing more. The batch waits its turn with the others; when
            # :meth:`next_result` reaches the broken ones, it sends them again.
            future = Future()
            future.set_exception(broken)
        self._pending.append((batch, future))

    def next_result(self) -> list[Any]:
        """The outcomes of the oldest batch given, once it is done."""
        batch, future = self._pending.popleft()
        try:
            return self._result(future)
        except BrokenProcessPool:
            pass
        self._restart()
        try:
            outcomes = self._result(self._executor.submit(self._processor, batch))
        except BrokenProcessPool:
            self._restart()
            outcomes = [self._alone(item) for item in batch]
        # The batches behind it were lost with the pool: send them again, in order.
        behind = [queued for queued, _ in self._pending]
        self._pending.clear()
        for queued in behind:
            self.submit(queued)
        return outcomes

    def _alone(self, item: Any) -> Any:
        """The outcome of ``item`` run alone; if its worker dies, ``lost``, once workers are known to run at all."""
        try:
            [outcome] = self._result(self._executor.submit(self._processor, [item]))
            return outcome
        except BrokenProcessPool:
            self._restart()
        try:
            self._result(self._executor.submit(self._processor, []))
        except BrokenProcessPool:
            raise BrokenProcessPool("worker processes die before they clean anything: they cannot run") from None
        return self._lost(item, _DIED)

    def _result(self, future: Future) -> Any:
        """``future``'s result; BrokenProcessPool once a worker died, even one killed while it sent a result.

        A worker dying breaks its whole pool, and ``concurrent.futures``
        marks it broken at once, unless the worker died part-way through
        writing a result: the manager thread then waits for the rest of the
        message, which never comes, as the pipe stays open in the other
        workers and here. A result still missing a whole watch period after
        a worker was seen dead means that; :meth:`_end_stuck_pool` lets the
        manager thread see the end of the pipe and mark the pool broken.
        """
        dead_seen = False
        while True:
            try:
                return future.result(timeout=_WATCH_SECONDS)
            except TimeoutError:
                pass
            if dead_seen:
                self._end_stuck_pool()
            dead_seen = self._a_worker_died()

    def _workers(self) -> list[multiprocessing.process.BaseProcess]:
        # The executor's own record of its processes: it has no public one.
        return list((self._executor._processes or {}).values())

    def _a_worker_died(self) -> bool:
        sentinels = [worker.sentinel for worker in self._workers()]
        return bool(sentinels) and bool(multiprocessing.connection.wait(sentinels, timeout=0))

    def _end_stuck_pool(self) -> None:
        """Kill the pool's workers and close this process's end of their result pipe: its reader then sees the end."""
        for worker in self._workers():
            worker.kill()
        self._executor._result_queue._writer.close()

    def close(self) -> None:
        if self._executor._broken:
            _end_broken(self._executor)
        else:
            self._executor.shutdown(wait=not self._pending, cancel_futures=True)
