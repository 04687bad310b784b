"""Which build is current: only the views being watched are rebuilt, and a newer build supersedes a
running one instead of queueing behind it.

A view is (edition, theme, article). Each saved change bumps `version`; every view someone watches
is then rebuilt at that version, and a view's build still running for an older version is killed
(with whatever it started: pandoc, LibreOffice), because its result would be out of date when it
arrived. Builds run in child processes forked from a fork server that has imported the writers
once (`warm`), so a build starts warm, and killing one frees its core at once (WeasyPrint cannot be
interrupted inside a thread). Results are kept by build id; each view remembers its last good
build, so an error is shown above the last good preview, never instead of it.
"""
from __future__ import annotations

import itertools
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, NamedTuple

from .target import Target
from .work import EDITIONS, Request, Result

KEPT_RESULTS = 24  # built views kept in memory (pages of a long issue are a few MB each)


class View(NamedTuple):
    edition: str
    theme: str
    article: int = 0


@dataclass
class _Job:
    """A build process. Its exit code is read once, under the `Builds` lock, into `exit_code`: a forkserver
    process's exit code is a message on its sentinel, and a second thread reading it at the same moment
    reads end-of-file instead and reports exit code 255."""

    version: int
    process: Any
    superseded: bool = False
    exit_code: int | None = None
    ended: threading.Event = field(default_factory=threading.Event)


@dataclass
class ViewState:
    """What the page of one view is told: `seq` changes whenever anything else does."""

    seq: int = 0
    version: int = -1  # the sources' version of the last finished build (good or not)
    good: int | None = None  # build id of the last good result
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    job: _Job | None = None
    viewers: int = 0

    def snapshot(self, current: int) -> dict[str, Any]:
        return {"seq": self.seq, "build": self.good, "error": self.error, "warnings": self.warnings,
                "building": self.job is not None or self.version < current}


class Builds:
    """The preview's builds of one target (see the module docstring)."""

    def __init__(self, target: Target, *, offline: bool = False, publication: str = "",
                 config: Path | None = None) -> None:
        self.target = target
        self.offline = offline
        self.publication = publication
        self.config = config
        self.version = 0
        self.started = 0  # builds started, and killed before they finished (for the tests and the log)
        self.superseded = 0
        self._views: dict[View, ViewState] = {}
        self._results: OrderedDict[int, Result] = OrderedDict()
        self._ids = itertools.count(1)
        self._changed = threading.Condition()
        self._closed = False
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["convert.preview.warm"])

    # ------------------------------------------------------------ what the server asks

    def view(self, edition: str, theme: str, article: int = 0) -> View:
        """The view asked for, normalised: an issue's PDF, EPUB and DOCX are one view for any article."""
        if edition not in EDITIONS:
            raise ValueError(f"unknown edition {edition!r}")
        if not 0 <= article < len(self.target.articles) or (self.target.collection and edition != "html"):
            article = 0
        return View(edition, theme, article)

    @contextmanager
    def watching(self, view: View) -> Iterator[None]:
        """While someone watches `view`, it is kept up to date."""
        with self._changed:
            state = self._views.setdefault(view, ViewState())
            state.viewers += 1
            self._ensure(view, state)
        try:
            yield
        finally:
            with self._changed:
                state.viewers -= 1

    def wait(self, view: View, seen: int, timeout: float) -> dict[str, Any] | None:
        """The view's state once its `seq` differs from `seen`; None after `timeout` seconds without."""
        with self._changed:
            state = self._views.setdefault(view, ViewState())
            if not self._changed.wait_for(lambda: state.seq != seen or self._closed, timeout):
                return None
            return state.snapshot(self.version)

    def state(self, view: View) -> dict[str, Any]:
        with self._changed:
            return self._views.setdefault(view, ViewState()).snapshot(self.version)

    def result(self, build: int) -> Result | None:
        with self._changed:
            return self._results.get(build)

    # ------------------------------------------------------------ what the watcher says

    def changed(self) -> None:
        """A source was saved: every watched view is rebuilt; a view nobody watches waits until asked."""
        with self._changed:
            self.version += 1
            for view, state in self._views.items():
                if state.viewers > 0:
                    self._ensure(view, state)
            self._changed.notify_all()

    def close(self) -> None:
        with self._changed:
            self._closed = True
            for state in self._views.values():
                if state.job is not None:
                    _kill(state.job)
                    state.job = None
            self._changed.notify_all()

    # ------------------------------------------------------------ the builds

    def _ensure(self, view: View, state: ViewState) -> None:
        """Start the view's build at the current version unless it is built or being built (lock held)."""
        if self._closed or state.version == self.version or (state.job and state.job.version == self.version):
            return
        if state.job is not None:  # out of date before it is done: supersede it
            state.job.superseded = True
            _kill(state.job)
            self.superseded += 1
        for other, other_state in self._views.items():  # nobody looks at it any more: free its core
            if other != view and other_state.viewers == 0 and other_state.job is not None:
                other_state.job.superseded = True
                _kill(other_state.job)
                other_state.job = None
                self.superseded += 1
        request = Request(self.target, view.edition, view.theme, view.article, offline=self.offline,
                          publication=self.publication, config=self.config)
        receiving, sending = self._context.Pipe(duplex=False)
        process = self._context.Process(target=_child, args=(request, sending), daemon=True)
        process.start()
        sending.close()  # the child's end: once the child is gone, recv() ends instead of waiting forever
        job = _Job(self.version, process)
        state.job = job
        self.started += 1
        state.seq += 1
        self._changed.notify_all()
        threading.Thread(target=self._collect, args=(view, state, job, receiving), daemon=True,
                         name=f"preview-{view.edition}").start()

    def _collect(self, view: View, state: ViewState, job: _Job, receiving: Any) -> None:
        """Wait for one build's result and publish it, unless it was superseded meanwhile."""
        try:
            result: Result | None = receiving.recv()
        except (EOFError, OSError):
            result = None
        finally:
            receiving.close()
        multiprocessing.connection.wait([job.process.sentinel])  # ended; its exit code is read below
        with self._changed:
            job.process.join()
            job.exit_code = job.process.exitcode
            job.ended.set()
            if job.superseded or state.job is not job:
                return
            state.job = None
            state.version = job.version
            if result is None:
                result = Result(view.edition, error=f"convert: error: the build stopped unexpectedly "
                                                    f"(exit code {job.exit_code})")
            has_content = bool(result.data or result.pages)
            if has_content and (result.ok or state.good is None):  # an error keeps the last good preview
                build = next(self._ids)
                self._results[build] = result
                while len(self._results) > KEPT_RESULTS:
                    self._results.popitem(last=False)
                state.good = build
            state.error = result.error
            state.warnings = result.warnings
            state.seq += 1
            if state.viewers > 0 and state.version != self.version:  # a change came while it was finishing
                self._ensure(view, state)
            self._changed.notify_all()


def _child(request: Request, sending: Any) -> None:
    """The build process: its own process group, so that killing it kills pandoc and LibreOffice too."""
    os.setpgid(0, 0)
    from .work import build

    sending.send(build(request))
    sending.close()


def _kill(job: _Job) -> None:
    process = job.process
    if process.pid is None or process.exitcode is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):  # not yet its own group leader
        process.kill()
