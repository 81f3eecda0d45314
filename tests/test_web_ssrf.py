"""URL analysis cannot be turned against our own network: schemes, addresses, redirects."""

from __future__ import annotations

import http.server
import ipaddress
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from oplens.errors import FetchError
from oplens.fetch import fetch
from oplens.settings import load_settings
from oplens.store import Store
from oplens.web.ssrf import Address, GuardedTransport, check_url, is_public
from tests.conftest import EXAMPLE
from tests.webkit import client

ARTICLE = EXAMPLE.read_bytes()


class _Pages(http.server.BaseHTTPRequestHandler):
    """/article: the example op-ed; /away: a redirect to 127.0.0.2 on the same port."""

    def do_GET(self) -> None:
        if self.path == "/away":
            self.send_response(302)
            port = int(self.server.server_address[1])  # type: ignore[index]
            self.send_header("location", f"http://127.0.0.2:{port}/article")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("content-type", "text/plain; charset=utf-8")
        self.send_header("content-length", str(len(ARTICLE)))
        self.end_headers()
        self.wfile.write(ARTICLE)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local() -> Iterator[str]:
    """A web server on 0.0.0.0 of a free port, reached as http://127.0.0.1:PORT."""
    server = http.server.ThreadingHTTPServer(("0.0.0.0", 0), _Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("file:///etc/passwd", "only http and https URLs can be analysed, not 'file'"),
        ("gopher://example.org/", "only http and https URLs can be analysed, not 'gopher'"),
        ("javascript:alert(1)", "only http and https URLs can be analysed, not 'javascript'"),
        ("http://", "the URL 'http://' has no host"),
        ("http://127.0.0.1/", "refusing to fetch from 127.0.0.1: a loopback address"),
        (
            "http://localhost:8000/",
            "refusing to fetch from localhost (127.0.0.1): a loopback address",
        ),
        ("http://[::1]/", "refusing to fetch from ::1: a loopback address"),
        (
            "http://[::ffff:127.0.0.1]/",
            "refusing to fetch from ::ffff:127.0.0.1: a loopback address",
        ),
        ("http://10.1.2.3/x", "refusing to fetch from 10.1.2.3: a private address"),
        ("http://192.168.0.1/", "refusing to fetch from 192.168.0.1: a private address"),
        (
            "https://169.254.169.254/latest/meta-data/",
            "refusing to fetch from 169.254.169.254: a link-local address",
        ),
        ("http://0.0.0.0/", "refusing to fetch from 0.0.0.0: an unspecified address"),
    ],
)
def test_refused_urls(url: str, message: str) -> None:
    with pytest.raises(FetchError) as caught:
        check_url(url)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.215.14", True),
        ("2606:4700::1111", True),
        ("127.0.0.1", False),
        ("10.0.0.1", False),
        ("172.16.5.4", False),
        ("100.64.0.1", False),
        ("169.254.1.1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("::ffff:10.0.0.1", False),
        ("224.0.0.1", False),
        ("192.0.2.1", False),
    ],
)
def test_public_addresses(address: str, public: bool) -> None:
    assert is_public(ipaddress.ip_address(address)) is public


def test_every_connection_is_checked_redirects_too(local: str) -> None:
    settings = load_settings(environ={})
    with pytest.raises(
        FetchError, match=re.escape("refusing to fetch from 127.0.0.1: a loopback address")
    ):
        fetch(f"{local}/article", settings, transport=GuardedTransport())

    def only_127_0_0_1(address: Address) -> bool:
        return str(address) == "127.0.0.1"

    assert (
        fetch(f"{local}/article", settings, transport=GuardedTransport(only_127_0_0_1)) == ARTICLE
    )
    with pytest.raises(
        FetchError, match=re.escape("refusing to fetch from 127.0.0.2: a loopback address")
    ):
        fetch(f"{local}/away", settings, transport=GuardedTransport(only_127_0_0_1))
    assert fetch(f"{local}/away", settings) == ARTICLE  # the redirect works unguarded


def test_url_analysis_over_http(local: str, tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'empty.db'}")
    guarded = client(store)
    answer = guarded.post("/api/analyses", json={"url": f"{local}/article", "wait": True})
    assert answer.status_code == 400
    assert answer.json()["detail"].startswith("refusing to fetch from 127.0.0.1")
    trusting = client(store, allow_private_urls=True)
    answer = trusting.post("/api/analyses", json={"url": f"{local}/article", "wait": True})
    job = answer.json()
    assert (job["state"], job["status"], job["plan"]) == (
        "done",
        "new",
        ["fetching", "analysing", "storing"],
    )
    assert job["steps"] == ["fetching", "analysing", "storing"]
    article = trusting.get(f"/articles/{job['article_id']}.json").json()
    assert article["analysis"]["document"]["source"] == f"{local}/article"
    assert article["analysis"]["metadata"]["authors"][0]["name"] == "Marta Lindqvist"
