"""What the web tests share: a ledger with the scenario's articles, clients, form tokens.

The ledger holds the scenario's three articles (the canonical example when ../shared has
it, else tests/fixtures/reservoir-plan.txt; then the project's example and transit-fares)
with its stand-in predictions, so that the ids, due dates and probabilities are known:
ids 1-3 (first article, p = 0.7, 0.8, 0.4), 4-5 (harbour, 0.8 due 2026-09-30, 0.4 due
2026-12-31), 6-7 (transit, 0.9 and 0.7, due 2025-06-30). On ``TODAY`` every one is due
except 5, and every due one is overdue except 4 (15 days past its date).
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
from tests.conftest import MILLER, analysis_of

TODAY = date(2026, 10, 15)
SECRET = b"k" * 32
HTML = {"accept": "text/html"}


def case_analyses() -> list[Analysis]:
    """The scenario's three articles with their stand-in predictions, in order."""
    return [
        scenario.with_stand_ins(analysis_of(case.path, case.published), case)
        for case in scenario.cases(MILLER.exists())
    ]


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
