"""Background jobs: steps reported as they happen, errors kept, old jobs forgotten."""

from __future__ import annotations

import threading

from oplens.errors import InputError
from oplens.web import jobs
from oplens.web.jobs import Jobs, Progress


def test_steps_are_reported_and_the_result_kept() -> None:
    runner = Jobs()
    gate = threading.Event()
    seen: list[list[tuple[str, str]]] = []

    def work(step: Progress) -> tuple[str, str]:
        gate.wait(5)  # until the job's record is known below
        step("reading")
        step("analysing")
        seen.append(runner.progress(job.id))
        step("storing")
        return "sha256:abc", "new"

    job = runner.submit("upload.txt", ("reading", "analysing", "storing"), work)
    assert job.state == "queued"
    gate.set()
    done = runner.wait(job.id, 5)
    assert done is not None
    assert (done.state, done.article_id, done.status) == ("done", "sha256:abc", "new")
    assert done.steps == ("reading", "analysing", "storing")
    assert seen == [[("reading", "done"), ("analysing", "running"), ("storing", "waiting")]]
    runner.close()


def test_a_failed_job_keeps_its_one_line_error() -> None:
    runner = Jobs()

    def work(step: Progress) -> tuple[str, str]:
        step("analysing")
        raise InputError("input is empty")

    job = runner.submit("pasted text", ("analysing", "storing"), work)
    done = runner.wait(job.id, 5)
    assert done is not None and (done.state, done.error) == ("failed", "input is empty")
    assert runner.progress(job.id) == [("analysing", "failed"), ("storing", "waiting")]

    def broken(step: Progress) -> tuple[str, str]:
        raise KeyError("bug")

    done = runner.wait(runner.submit("x", (), broken).id, 5)
    assert done is not None and done.error == "internal error: KeyError"
    runner.close()


def test_old_jobs_are_forgotten(monkeypatch: object) -> None:
    runner = Jobs()
    first = runner.submit("first", (), lambda step: ("a", "new"))
    for _ in range(jobs.KEEP):
        runner.submit("more", (), lambda step: ("a", "new"))
    assert runner.get(first.id) is None
    runner.close()
