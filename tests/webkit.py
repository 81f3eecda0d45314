"""What the web tests share: a ledger with three real analyses, clients, form tokens.

The ledger holds the scenario's own three articles (``tests/fixtures/reservoir-plan.txt``,
the project's example, ``tests/fixtures/transit-fares.txt``, whatever ../shared holds) as
the stages analyse them, so that ids, due dates and probabilities are known:

    Ruth Okonjo      1 0.90 quoted (Declan Moore) 2030-12-31, 2 0.90 -, 3 0.85 -,
                     4 0.70 2026-09-10, 5 0.45 -
    Marta Lindqvist  6 0.90 quoted (Mayor Okafor) -, 7 0.90 -, 8 0.90 quoted (Tom Reyes)
                     2027-12-31, 9 0.85 2025-09-14, 10 0.90 -, 11 0.45 2026-12-31
    Owen Hartley     12 0.90 quoted (Councillor Anand) 2025-11-20, 13 0.90 -,
                     14 0.90 2025-08-31, 15 0.90 -, 16 0.70 2025-08-31

On ``TODAY`` 4, 9, 12, 14 and 16 are due; all but 4 (21 days past its date) are overdue.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from oplens import Analysis
from oplens.settings import load_settings
from oplens.store import Store
from oplens.web import create_app
from oplens.web.security import CSRF_COOKIE
from tests import scenario
from tests.conftest import analysis_of

TODAY = date(2026, 10, 1)
SECRET = b"k" * 32
HTML = {"accept": "text/html"}


def case_analyses() -> list[Analysis]:
    """The scenario's own three articles as the stages analyse them, in order."""
    return [analysis_of(case.path, case.published) for case in scenario.cases(canonical=False)]


def filled_store(tmp_path: Path) -> Store:
    """A new SQLite ledger holding the scenario's three articles."""
    store = Store.open(f"sqlite:///{tmp_path / 'web.db'}")
    store.add_analyses(case_analyses())
    return store


def client(store: Store, **settings: Any) -> TestClient:
    """An in-process client of the app over ``store``, judging dates as of ``TODAY``."""
    options = {"db": store.url, **settings}
    app = create_app(
        load_settings(environ={}, **options), store, today=lambda: TODAY, secret=SECRET
    )
    return TestClient(app)


def csrf(browser: TestClient) -> str:
    """Load the analyse page (which sets the CSRF cookie) and return the token."""
    page = browser.get("/", headers=HTML)
    assert page.status_code == 200
    token = str(browser.cookies.get(CSRF_COOKIE) or "")
    assert token
    field = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert field is not None and field.group(1) == token
    return token


def anchors(page: str) -> list[str]:
    """The finding ids the article page's side panel lists, in order."""
    return re.findall(
        r'<button type="button" class="finding-item" [^>]*data-anchor="([^"]+)"', page
    )
