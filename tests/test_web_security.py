"""Security at the HTTP level: escaping, CSRF, cross-site writes, the write token, sizes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from oplens import analyze
from oplens.schema import Author, Horizon, Prediction
from oplens.store import Store
from oplens.web.security import AUTH_COOKIE, CSRF_COOKIE, Guard, is_loopback
from tests.webkit import HTML, client, csrf, filled_store

HOSTILE = (
    'The mayor said <script>alert("x")</script> would never happen.\n\n'
    '"><img src=x onerror=alert(1)> is what the council wrote, and it will surely pass.'
)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return filled_store(tmp_path)


def analysed(web: TestClient, text: str, **extra: object) -> str:
    """Analyse a text through the API, waiting for it; return the article id."""
    answer = web.post("/api/analyses", json={"text": text, "wait": True, **extra})
    assert answer.status_code == 202, answer.text
    job = answer.json()
    assert job["state"] == "done", job
    article_id: str = job["article_id"]
    return article_id


def test_article_text_is_escaped(store: Store) -> None:
    web = client(store)
    page = web.get(f"/articles/{analysed(web, HOSTILE)}", headers=HTML).text
    assert "<script>alert" not in page and "<img src=x" not in page
    # Marks of the findings may cut the text anywhere ("<" is a token of its own): read the
    # escaped text with the marks' own <span> tags taken out.
    page = re.sub(r"</?span[^>]*>", "", page)
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page or (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    )
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert web.get("/").headers["content-security-policy"].startswith("default-src 'self'")


def test_hostile_record_fields_are_escaped(store: Store) -> None:
    """An uploaded Analysis record can carry markup in any field: ids, names, titles."""
    record = analyze(HOSTILE)
    text = record.document.text
    start = text.index("it will surely pass")
    evil = '"><script>alert(2)</script>'
    record = record.model_copy(
        update={
            "metadata": record.metadata.model_copy(
                update={"title": f"<b>{evil}</b>", "authors": (Author(name=evil, role=evil),)}
            ),
            "predictions": (
                Prediction(
                    start=start,
                    end=start + 19,
                    text=text[start : start + 19],
                    id=evil,
                    event=evil,
                    polarity="positive",
                    probability=0.9,
                    horizon=Horizon(text=evil),
                ),
            ),
        }
    )
    web = client(store)
    article_id = analysed(web, record.to_json())
    for path in (f"/articles/{article_id}", "/predictions?status=all", "/authors", "/"):
        page = web.get(path, headers=HTML).text
        assert "<script>alert(2)" not in page, path
        assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page, path


def test_forms_need_a_matching_signed_csrf_token(store: Store) -> None:
    web = client(store)
    form = {"text": "The council will surely pass the levy next year."}
    assert web.post("/analyse", data=form, headers=HTML).status_code == 403  # no cookie
    token = csrf(web)
    answer = web.post("/analyse", data=form, headers=HTML)  # cookie, no field
    assert answer.status_code == 403
    assert "security token is missing or out of date" in answer.text
    forged = "0" * 32 + ".forged"
    web.cookies.set(CSRF_COOKIE, forged)
    assert web.post("/analyse", data={**form, "csrf_token": forged}).status_code == 403
    web.cookies.set(CSRF_COOKIE, token)
    other = Guard("").new_csrf()  # signed with another secret
    assert web.post("/analyse", data={**form, "csrf_token": other}).status_code == 403
    answer = web.post("/analyse", data={**form, "csrf_token": token}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/jobs/")


def test_resolve_form_without_csrf_writes_nothing(store: Store) -> None:
    web = client(store)
    answer = web.post("/predictions/1/resolve", data={"outcome": "true"}, headers=HTML)
    assert answer.status_code == 403
    assert store.audit() == [] and store.prediction(1).resolution is None
    token = csrf(web)
    answer = web.post(
        "/predictions/1/resolve",
        data={"outcome": "true", "date": "2026-10-01", "csrf_token": token, "by": "desk"},
        follow_redirects=False,
    )
    assert (answer.status_code, answer.headers["location"]) == (303, "/predictions/1?done=1")
    resolution = store.prediction(1).resolution
    assert resolution is not None
    assert (resolution.outcome, resolution.resolved_by) == ("true", "desk")


def test_cross_site_writes_are_refused(store: Store) -> None:
    web = client(store)
    token = csrf(web)
    data = {"outcome": "true", "csrf_token": token}
    evil = {"origin": "https://evil.example", "accept": "text/html"}
    assert web.post("/predictions/1/resolve", data=data, headers=evil).status_code == 403
    answer = web.post(
        "/api/predictions/1/resolution",
        content=json.dumps({"outcome": "true"}),
        headers={"origin": "https://evil.example", "content-type": "text/plain"},
    )
    assert answer.status_code == 403
    assert answer.json() == {"detail": "cross-site writes are refused"}
    fetch_site = {"sec-fetch-site": "cross-site"}
    assert web.post("/api/analyses", json={"text": "x"}, headers=fetch_site).status_code == 403
    assert store.audit() == []


def test_writes_need_the_token_when_one_is_set(store: Store) -> None:
    web = client(store, token="s3cret-token")
    assert web.get("/predictions.json").status_code == 200  # reads stay open
    body = {"outcome": "false", "date": "2026-10-01"}
    answer = web.post("/api/predictions/4/resolution", json=body)
    assert answer.status_code == 401
    assert "needs its write token" in answer.json()["detail"]
    wrong = {"authorization": "Bearer nope"}
    assert web.post("/api/predictions/4/resolution", json=body, headers=wrong).status_code == 401
    right = {"authorization": "Bearer s3cret-token"}
    answer = web.post("/api/predictions/4/resolution", json=body, headers=right)
    assert answer.status_code == 200
    # Ruth Okonjo's 0.70 "bills will probably rise", resolved false: 0.7².
    assert answer.json()["scores"]["authors"][0]["score"]["brier"] == pytest.approx(0.49)


def test_forms_need_signing_in_when_a_token_is_set(store: Store) -> None:
    web = client(store, token="s3cret-token")
    token = csrf(web)
    form = {"outcome": "true", "date": "2026-10-01", "csrf_token": token}
    answer = web.post("/predictions/1/resolve", data=form, headers=HTML)
    assert answer.status_code == 401
    wrong = web.post("/login", data={"token": "guess", "csrf_token": token}, headers=HTML)
    assert wrong.status_code == 401 and escape("not this server's write token") in wrong.text
    assert AUTH_COOKIE not in web.cookies
    signed = web.post(
        "/login",
        data={"token": "s3cret-token", "csrf_token": token, "next": "//evil.example/"},
        follow_redirects=False,
    )
    assert (signed.status_code, signed.headers["location"]) == (303, "/")
    assert web.post("/predictions/1/resolve", data=form, follow_redirects=False).status_code == 303
    assert store.audit()[0].new_outcome == "true"


def test_paste_and_upload_sizes_are_limited(store: Store) -> None:
    web = client(store, max_bytes=2_000)
    token = csrf(web)
    answer = web.post("/analyse", data={"text": "word " * 500, "csrf_token": token}, headers=HTML)
    assert answer.status_code == 413
    assert "input is 2,500 bytes, over the 2,000-byte limit" in answer.text
    files = {"file": ("big.txt", b"word " * 500, "text/plain")}
    answer = web.post("/analyse", data={"csrf_token": token}, files=files, headers=HTML)
    assert answer.status_code == 413
    files = {"file": ("photo.png", b"\x89PNG", "image/png")}
    answer = web.post("/analyse", data={"csrf_token": token}, files=files, headers=HTML)
    assert answer.status_code == 400 and "upload a .txt or .html file" in answer.text
    huge = {"text": "x" * 200_000}
    answer = web.post("/api/analyses", json=huge)
    assert answer.status_code == 413
    assert "over this server's limit of 2,000 bytes" in answer.json()["detail"]
    answer = web.post("/analyse", data={**huge, "csrf_token": token}, headers=HTML)
    assert answer.status_code == 413 and "<h1>Too large</h1>" in answer.text


def test_bad_submissions_are_answered_on_the_form(store: Store) -> None:
    web = client(store)
    token = csrf(web)
    cases = {
        "give the article: paste its text, upload a file, or give its URL": {},
        "give one thing to analyse, not text and URL": {"text": "a", "url": "https://x.org"},
        "bad publication date '03/01/2020'": {"text": "Some text.", "published": "03/01/2020"},
    }
    for message, form in cases.items():
        answer = web.post("/analyse", data={**form, "csrf_token": token}, headers=HTML)
        assert answer.status_code == 400
        assert escape(message) in answer.text


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("example.org", False),
    ],
)
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
