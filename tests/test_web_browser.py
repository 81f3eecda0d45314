"""The web UI in a real Chromium against a real ``oplens serve`` on 127.0.0.1.

Debian's ``chromium`` (installed by ``.ci/run``) is driven by Playwright, which never
downloads a browser of its own here. Without a Chromium the tests skip with the reason.
Screenshots of each page are saved under ``artifacts/browser/`` (git-ignored).
"""

from __future__ import annotations

import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import EXAMPLE, EXAMPLE_PUBLISHED, MILLER, MILLER_PUBLISHED, ROOT, analysis_of

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')"
)

ARTIFACTS = ROOT / "artifacts" / "browser"
# Without the background-networking flags Chromium keeps opening connections this
# machine's closed network refuses; --no-sandbox because the tests may run as root.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TOKEN = "browser-test-token"
HOSTILE = (
    'The mayor said <script>alert("x")</script> would never happen.\n\n'
    '"><img src=x onerror=alert(1)> is what the council wrote in its statement today.'
)


def chromium_path() -> str | None:
    """Debian's Chromium, or any chromium on PATH."""
    for candidate in (
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Server:
    """A running ``oplens serve``."""

    base: str
    process: subprocess.Popen[str]


def start_server(db: Path, *extra: str) -> Server:
    """Start ``oplens serve`` on a free loopback port and wait until it answers."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "oplens.cli", "serve", "--db", str(db), "--port", str(port), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("OPLENS_")},
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"oplens serve exited: {process.stderr.read() if process.stderr else ''}"
            )
        try:
            if httpx.get(f"{base}/index.json", timeout=1).status_code == 200:
                return Server(base, process)
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("oplens serve did not answer within 60 s")


def stop(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium with a fresh profile."""
    executable = chromium_path()
    if executable is None:
        pytest.skip("no Chromium found (Debian: apt-get install chromium): browser tests skipped")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    print(f"\nbrowser screenshots: {ARTIFACTS}")
    with (
        tempfile.TemporaryDirectory(prefix="oplens-chromium-") as profile,
        playwright_api.sync_playwright() as driver,
    ):
        context = driver.chromium.launch_persistent_context(
            profile,
            executable_path=executable,
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1400, "height": 900},
        )
        yield context
        context.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start_server(tmp_path_factory.mktemp("web") / "ledger.db")
    yield running
    stop(running)


@pytest.fixture(scope="module")
def token_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("web-token")
    running = start_server(folder / "ledger.db", "--token", TOKEN)
    answer = httpx.post(
        f"{running.base}/api/analyses",
        json={"text": EXAMPLE.read_text(encoding="utf-8"), "published": EXAMPLE_PUBLISHED}
        | {"wait": True},
        headers={"authorization": f"Bearer {TOKEN}"},
        timeout=120,
    )
    assert answer.json()["state"] == "done", answer.text
    yield running
    stop(running)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A new tab that fails the test on any JavaScript dialog (an alert() that ran)."""
    tab = browser.new_page()
    dialogs: list[str] = []

    def refuse(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", refuse)
    yield tab
    tab.close()
    assert dialogs == [], f"a script ran in the page: {dialogs}"


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def canonical() -> tuple[Path, str]:
    """The op-ed to paste: the canonical example when ../shared has it, else our own."""
    if MILLER.exists():
        return MILLER, MILLER_PUBLISHED
    return EXAMPLE, EXAMPLE_PUBLISHED


def scorable(twin: dict[str, Any], today: str) -> dict[str, Any] | None:
    """The first prediction of the article that resolving would score: the author's, due."""
    stored = {p["id"]: p for p in twin["article"]["predictions"]}
    for finding in twin["findings"]:
        record = stored.get(finding["prediction_id"])
        if record and record["holder"] == "author" and (record["due"] or "") <= today:
            chosen: dict[str, Any] = finding
            return chosen
    return None


def test_paste_read_switch_click_resolve_and_score(page: Any, server: Server) -> None:
    path, published = canonical()
    page.goto(f"{server.base}/")
    page.fill("#text", path.read_text(encoding="utf-8"))
    page.fill("#published", published)
    shot(page, "1-analyse")
    page.click("#analyse")
    page.wait_for_url(re.compile(r".*/articles/sha256:[0-9a-f]+$"), timeout=120_000)
    article_url = page.url
    assert page.locator("#article-meta .published").inner_text() == published
    expected = analysis_of(path, published).metadata.authors[0]
    assert page.locator("#article-meta .author a").first.inner_text() == expected.name

    today = httpx.get(f"{server.base}/predictions.json").json()["today"]
    twin = httpx.get(f"{article_url}.json").json()
    # The prediction stage's own: Miller's 70 % "open season ... for months to come" (due
    # 2020-04-03), or the harbour piece's 85 % "the ships will most likely move" (2025-09-14).
    target = scorable(twin, today)
    assert target is not None
    assert (target["id"], target["label"]) == (("p1", "70 %") if path == MILLER else ("p4", "85 %"))

    # Switch a layer off and on: its marks lose their shading, then get it back.
    furniture = page.locator('#text .mark[data-layer="furniture"]').first
    shaded = furniture.evaluate("el => getComputedStyle(el).backgroundColor")
    page.uncheck("#layer-furniture")
    assert "off" in (furniture.get_attribute("class") or "")
    assert furniture.evaluate("el => getComputedStyle(el).backgroundColor") == "rgba(0, 0, 0, 0)"
    page.check("#layer-furniture")
    assert furniture.evaluate("el => getComputedStyle(el).backgroundColor") == shaded
    page.uncheck("#layer-entities")
    assert (
        page.locator('#text .mark.off[data-layer="entities"]').count()
        == page.locator('#text .mark[data-layer="entities"]').count()
        > 0
    )
    shot(page, "2-article")

    # Click the prediction in the side panel: its span scrolls into view and flashes.
    entry = page.locator(f'.finding-item[data-layer="predictions"][data-anchor="{target["id"]}"]')
    assert target["label"] in entry.inner_text()
    entry.click()
    span = page.locator(f'#text [data-layer="predictions"][data-anchor="{target["id"]}"]').first
    assert "flash" in (span.get_attribute("class") or "")
    page.wait_for_function(
        "el => { const r = el.getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= innerHeight; }",
        arg=span.element_handle(),
        timeout=5_000,
    )
    assert page.url.endswith(f"#{target['id']}")
    assert page.locator(".finding-entry.selected").count() == 1
    shot(page, "3-article-prediction")

    author_id = twin["article"]["author_ids"][0]
    page.goto(f"{server.base}/authors/{author_id}")
    before = page.locator("#stat-brier").inner_text()
    shot(page, "4-author-before")

    page.goto(article_url)
    page.click(f'.finding-entry[data-anchor="{target["id"]}"] a[data-resolve]')
    page.wait_for_url(re.compile(rf".*/predictions/{target['prediction_id']}$"))
    page.check('input[name="outcome"][value="true"]')
    page.fill("#evidence", "https://example.org/evidence")
    page.fill("#note", "checked in the browser test")
    page.fill("#by", "browser")
    page.click("#resolve")
    page.wait_for_url(re.compile(r".*\?done=1$"))
    assert page.locator("#resolved-notice").inner_text() == "Resolution saved."
    assert "true" in page.locator("#resolution").inner_text()
    shot(page, "5-prediction-resolved")

    page.goto(f"{server.base}/authors/{author_id}")
    probability = next(
        p["probability"]
        for p in twin["article"]["predictions"]
        if p["id"] == target["prediction_id"]
    )
    after = page.locator("#stat-brier").inner_text()
    assert (before, after) == ("–", f"{(1 - probability) ** 2:.3f}")
    assert page.locator("#calibration g.bin").count() == 1
    assert page.locator("#calibration .bin-count").text_content() == "n=1"
    shot(page, "6-author-after")

    page.goto(f"{server.base}/authors")
    assert page.locator("#authors tbody tr").first.locator(".brier").inner_text() == after
    shot(page, "7-authors")
    page.goto(f"{server.base}/predictions?status=resolved")
    assert page.locator("table.predictions tbody tr").count() == 1
    shot(page, "8-predictions")
    page.goto(f"{server.base}/docs")
    shot(page, "9-api")


def test_hostile_text_shows_as_text(page: Any, server: Server) -> None:
    page.goto(f"{server.base}/")
    page.fill("#text", HOSTILE)
    page.click("#analyse")
    page.wait_for_url(re.compile(r".*/articles/sha256:[0-9a-f]+$"), timeout=120_000)
    text = page.locator("#text")
    assert text.locator("script").count() == 0 and text.locator("img").count() == 0
    shown = text.inner_text()
    assert '<script>alert("x")</script>' in shown
    assert '"><img src=x onerror=alert(1)>' in shown
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    shot(page, "10-hostile-text")


class _Evil(http.server.BaseHTTPRequestHandler):
    """Another site's page: a form that posts to the ledger as soon as it loads."""

    target = ""

    def do_GET(self) -> None:
        body = (
            f'<form id="f" method="post" action="{self.target}">'
            '<input name="outcome" value="false"></form>'
            "<script>document.getElementById('f').submit()</script>"
        ).encode()
        self.send_response(200)
        self.send_header("content-type", "text/html")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_csrf_is_refused_in_the_browser(page: Any, server: Server) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    job = httpx.post(
        f"{server.base}/api/analyses",
        json={"text": text, "published": EXAMPLE_PUBLISHED, "wait": True},
        timeout=120,
    ).json()
    article = httpx.get(f"{server.base}/articles/{job['article_id']}.json").json()
    prediction_id = article["article"]["predictions"][0]["id"]

    _Evil.target = f"{server.base}/predictions/{prediction_id}/resolve"
    evil = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Evil)
    threading.Thread(target=evil.serve_forever, daemon=True).start()
    try:
        with page.expect_navigation(url=re.compile(rf".*/predictions/{prediction_id}/resolve$")):
            page.goto(f"http://127.0.0.1:{evil.server_address[1]}/")
        assert "cross-site writes are refused" in page.content()
    finally:
        evil.shutdown()
    # The same site, but a form whose token was taken out: refused too.
    page.goto(f"{server.base}/predictions/{prediction_id}")
    page.evaluate("document.querySelector('#resolve-form input[name=csrf_token]').remove()")
    page.check('input[name="outcome"][value="false"]')
    page.click("#resolve")
    assert "security token is missing or out of date" in page.locator(".alert.error").inner_text()
    shot(page, "11-csrf-refused")
    after = httpx.get(f"{server.base}/predictions/{prediction_id}.json").json()
    assert after["item"]["prediction"]["resolution"] is None and after["audit"] == []


def test_writes_need_the_token_in_the_browser(page: Any, token_server: Server) -> None:
    base = token_server.base
    page.goto(f"{base}/predictions/1")
    assert "needs its write token to resolve" in page.locator(".alert").first.inner_text()
    page.check('input[name="outcome"][value="false"]')
    page.click("#resolve")
    assert "needs its write token" in page.locator(".alert.error").inner_text()
    page.goto(f"{base}/login?next=/predictions/1")
    page.fill("#token", "wrong")
    page.click("button[type=submit]")
    assert "not this server's write token" in page.locator(".alert.error").inner_text()
    page.fill("#token", TOKEN)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/predictions/1")
    page.check('input[name="outcome"][value="false"]')
    page.fill("#date", "2026-10-01")
    page.click("#resolve")
    page.wait_for_url(re.compile(r".*\?done=1$"))
    assert "false" in page.locator("#resolution").inner_text()
    # Prediction 1 is the mayor's, whom the author quotes: her score does not change.
    assert page.locator("#holder").inner_text().startswith("Held by Mayor Helen Okafor (a1)")
    assert "Marta Lindqvist: Brier –, log –, 0 scored of 4" in page.locator("body").inner_text()
    shot(page, "12-token-signed-in")
