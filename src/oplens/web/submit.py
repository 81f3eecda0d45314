"""The work behind the analyse form: read what was given, analyse it, store it.

A submission is pasted text, an uploaded file (.txt, .html, or the Analysis JSON that
``oplens analyze -o`` writes) or a URL, with an optional publication date. Everything that
can be checked at once (sizes, file type, the URL's scheme and addresses, the date) is
checked before a job starts, so that a mistake is answered on the form itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from oplens.dates import parse_published
from oplens.errors import InputError
from oplens.fetch import fetch
from oplens.ingest import check_size, decode
from oplens.ledger import analysis_record
from oplens.pipeline import analyze_prepared, prepare
from oplens.settings import Settings
from oplens.store import Store
from oplens.web.jobs import Progress
from oplens.web.ssrf import GuardedTransport, Policy, check_url

UPLOAD_TYPES = (".txt", ".text", ".html", ".htm", ".json")


@dataclass(frozen=True)
class Submission:
    """What the analyse form (or the API) was given: exactly one of text, data, url."""

    text: str | None = None
    data: bytes | None = None
    filename: str | None = None
    url: str | None = None
    published: date | None = None

    @property
    def plan(self) -> tuple[str, ...]:
        """The steps its job takes."""
        first = ("fetching",) if self.url else ("reading",) if self.data else ()
        return (*first, "analysing", "storing")

    @property
    def source(self) -> str:
        """How the submission is named: the URL, the file name, or "pasted text"."""
        return self.url or self.filename or "pasted text"


def submission(
    *,
    text: str | None,
    data: bytes | None,
    filename: str | None,
    url: str | None,
    published: str | None,
    settings: Settings,
    policy: Policy | None,
) -> Submission:
    """Check a submission before any work starts (``policy`` None: any address allowed).

    Raises:
        OplensError: nothing or more than one thing given, too large, a file type that
            is not text, HTML or JSON, a refused URL, or a malformed date.
    """
    text = text if text and text.strip() else None
    url = url.strip() if url and url.strip() else None
    data = data or None
    given = [name for name, value in (("text", text), ("file", data), ("URL", url)) if value]
    if not given:
        raise InputError("give the article: paste its text, upload a file, or give its URL")
    if len(given) > 1:
        raise InputError(f"give one thing to analyse, not {' and '.join(given)}")
    if text is not None:
        check_size(len(text.encode("utf-8", "surrogatepass")), settings.max_bytes)
    if data is not None:
        if filename and not filename.lower().endswith(UPLOAD_TYPES):
            raise InputError(
                f"cannot analyse {filename}: upload a .txt or .html file "
                "(or the .json of an Analysis record)"
            )
        check_size(len(data), settings.max_bytes)
    if url is not None and policy is not None:
        check_url(url, policy)
    return Submission(
        text=text,
        data=data,
        filename=filename,
        url=url,
        published=parse_published(published.strip() or None) if published else None,
    )


def run(
    given: Submission, store: Store, settings: Settings, policy: Policy | None, step: Progress
) -> tuple[str, str]:
    """Analyse a submission and store it; return the article id and how it was stored.

    Raises:
        OplensError: the page cannot be fetched, the input cannot be analysed, or the
            ledger cannot store it.
    """
    text = given.text
    if given.url is not None:
        step("fetching")
        transport = GuardedTransport(policy) if policy is not None else None
        text = decode(fetch(given.url, settings, transport=transport), max_bytes=settings.max_bytes)
    elif given.data is not None:
        step("reading")
        text = decode(given.data, max_bytes=settings.max_bytes)
    assert text is not None
    record = analysis_record(text)
    if record is None:
        step("analysing")
        origin = given.url or given.filename
        prepared = prepare(text, published=given.published, source=origin, settings=settings)
        record = next(analyze_prepared([prepared]))
    step("storing")
    result = store.add_analysis(record)
    return result.article_id, result.status
