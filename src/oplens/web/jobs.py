"""Analyses run in the background, one at a time, each with a status page to watch.

Analysing takes from under a second (a short op-ed, model loaded) to a minute (a long page
fetched over a slow link, or the first analysis loading the spaCy model), so the analyse
form starts a job and sends the browser to the job's page, which shows each step as it
happens and goes on to the article when the job is done.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Literal

from pydantic import BaseModel, ConfigDict

from oplens.errors import OplensError

State = Literal["queued", "running", "done", "failed"]
# 200 jobs: a newsroom's day of analyses, a few hundred bytes each; older ones are
# forgotten (their articles stay in the ledger).
KEEP = 200
_log = logging.getLogger("oplens.web")


class JobRecord(BaseModel):
    """What a job is doing, or what it did."""

    model_config = ConfigDict(frozen=True)

    id: str
    source: str
    state: State
    plan: tuple[str, ...] = ()  # the steps it will take, in order
    step: str | None = None  # the step it is taking
    steps: tuple[str, ...] = ()  # the steps done
    error: str | None = None
    article_id: str | None = None
    status: str | None = None  # "new", "reanalysed" or "copy" once stored
    seconds: float = 0.0


# Reports a step ("fetching", "reading", ...) as it begins.
Progress = Callable[[str], None]
# The work of a job: reports its steps, returns (article id, add status).
Work = Callable[[Progress], tuple[str, str]]


class Jobs:
    """A single worker thread and the latest jobs' records."""

    def __init__(self) -> None:
        """Start with no jobs; the worker thread starts with the first one."""
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="oplens-job")
        self._records: OrderedDict[str, JobRecord] = OrderedDict()
        self._started: dict[str, float] = {}
        self._lock = threading.Lock()

    def _set(self, job_id: str, **changes: object) -> None:
        with self._lock:
            record = self._records[job_id]
            elapsed = time.monotonic() - self._started.get(job_id, time.monotonic())
            self._records[job_id] = record.model_copy(update={**changes, "seconds": elapsed})

    def submit(self, source: str, plan: tuple[str, ...], work: Work) -> JobRecord:
        """Queue ``work`` (which will take the steps of ``plan``); return its record."""
        job_id = secrets.token_hex(8)
        record = JobRecord(id=job_id, source=source, state="queued", plan=plan)
        with self._lock:
            self._records[job_id] = record
            while len(self._records) > KEEP:
                old, _ = self._records.popitem(last=False)
                self._started.pop(old, None)
        self._executor.submit(self._run, job_id, work)
        return record

    def _run(self, job_id: str, work: Work) -> None:
        self._started[job_id] = time.monotonic()
        done: list[str] = []

        def progress(step: str) -> None:
            current = self.get(job_id)
            if current is not None and current.step:
                done.append(current.step)
            self._set(job_id, state="running", step=step, steps=tuple(done))

        try:
            article_id, status = work(progress)
        except OplensError as error:
            self._set(job_id, state="failed", error=str(error))
            return
        except Exception as error:  # a bug must show on the page and in the log, not vanish
            _log.exception("job %s failed", job_id)
            self._set(job_id, state="failed", error=f"internal error: {type(error).__name__}")
            return
        current = self.get(job_id)
        steps = (*done, current.step) if current is not None and current.step else tuple(done)
        self._set(
            job_id, state="done", step=None, steps=steps, article_id=article_id, status=status
        )

    def get(self, job_id: str) -> JobRecord | None:
        """Return a job's record, or None for an unknown (or forgotten) job."""
        with self._lock:
            return self._records.get(job_id)

    def progress(self, job_id: str) -> list[tuple[str, str]]:
        """Each planned step of a job with its state: done, running, failed or waiting."""
        record = self.get(job_id)
        if record is None:
            return []
        out = []
        for step in record.plan:
            if step in record.steps:
                state = "done"
            elif step == record.step:
                state = "failed" if record.state == "failed" else "running"
            else:
                state = "waiting"
            out.append((step, state))
        return out

    def wait(self, job_id: str, timeout: float) -> JobRecord | None:
        """Wait until a job has finished (or ``timeout`` seconds), and return its record."""
        deadline = time.monotonic() + timeout
        while True:
            record = self.get(job_id)
            if record is None or record.state in ("done", "failed"):
                return record
            if time.monotonic() > deadline:
                return record
            time.sleep(0.02)

    def close(self) -> None:
        """Stop taking jobs and wait for the running one."""
        self._executor.shutdown(wait=True, cancel_futures=True)
