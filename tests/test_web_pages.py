"""Every page and its JSON twin, in process, over the same ledger: the same data in both."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any, cast

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from oplens.render.layers import LAYERS
from oplens.store import ArticleSummary, Store
from tests.conftest import MILLER, MILLER_PUBLISHED, analysis_of
from tests.webkit import HTML, TODAY, anchors, client, filled_store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return filled_store(tmp_path)


@pytest.fixture
def web(store: Store) -> TestClient:
    return client(store)


def both(web: TestClient, path: str, query: str = "") -> tuple[str, Any]:
    """The HTML page and its JSON twin."""
    suffix = f"?{query}" if query else ""
    page = web.get(f"{path}{suffix}", headers=HTML)
    twin = web.get(f"{path}.json{suffix}")
    assert page.status_code == 200, page.text
    assert twin.status_code == 200, twin.text
    assert page.headers["content-type"].startswith("text/html")
    return page.text, twin.json()


def by(store: Store, author: str) -> ArticleSummary:
    """The stored article by an author."""
    return next(a for a in store.articles() if author in a.authors)


def row_ids(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'<tr id="prediction-(\d+)">', page)]


def test_index_lists_the_latest_articles(web: TestClient) -> None:
    page = web.get("/", headers=HTML).text
    twin = web.get("/index.json").json()
    assert twin["max_bytes"] == 5_000_000
    assert twin["token_required"] is False
    titles = [a["title"] or "untitled" for a in twin["articles"]]
    assert len(titles) == 3
    for title in titles:
        assert f">{html.escape(title)}</a>" in page
    assert 'action="/analyse"' in page and 'name="csrf_token"' in page


def test_article_page_and_twin_show_the_same_findings(web: TestClient, store: Store) -> None:
    harbour = by(store, "Marta Lindqvist")
    assert harbour.title == "The Harbour Levy Will Not Save Port Ellery"
    page, twin = both(web, f"/articles/{harbour.id}")
    assert twin["article"]["id"] == harbour.id
    ids = [f["id"] for f in twin["findings"]]
    assert anchors(page) == ids
    assert ids[:6] == ["p1", "p2", "p3", "p4", "p5", "p6"]
    found = {f["id"]: f for f in twin["findings"]}
    ships = found["p4"]
    assert (ships["label"], ships["prediction_id"], ships["status"]) == ("85 %", 9, "overdue")
    assert ships["text"] == "the ships will most likely move to Kingsbridge within two seasons"
    assert 'href="/predictions/9"' in page
    assert found["p1"]["detail"] == "no horizon; cue “would”; held by Mayor Helen Okafor"
    meta = twin["analysis"]["metadata"]
    assert meta["authors"][0] == {
        "name": "Marta Lindqvist",
        "role": "senior lecturer in urban economics",
        "affiliation": "University of Northmoor",
        "bio": meta["authors"][0]["bio"],
    }
    for shown in (
        "Marta Lindqvist",
        "senior lecturer in urban economics",
        "University of Northmoor",
        "Northmoor Courier",
        "2025-03-14",
    ):
        assert shown in page
    assert [layer["name"] for layer in twin["layers"]][: len(LAYERS)] == [n for n, _, _ in LAYERS]
    for layer in twin["layers"]:
        assert f'data-layer-toggle="{layer["name"]}"' in page
    # Every finding's span is in the text with its anchor, the first piece with its id.
    for finding in twin["findings"]:
        assert f'data-anchor="{finding["id"]}" id="{finding["id"]}"' in page


def test_layers_come_from_the_stages_or_are_shaded_here(web: TestClient, store: Store) -> None:
    harbour = by(store, "Marta Lindqvist")
    twin = web.get(f"/articles/{harbour.id}.json").json()
    drawn = {layer["name"]: layer["drawn_by"] for layer in twin["layers"]}
    staged = {name for name, _, _ in LAYERS}
    assert drawn["furniture"] == "stage"
    assert drawn["predictions"] == ("stage" if "predictions" in staged else "web")
    page = web.get(f"/articles/{harbour.id}", headers=HTML).text
    shaded = 'class="mark finding finding-predictions tone-positive shade"' in page
    assert shaded is ("predictions" not in staged)


def test_queue_statuses_filters_and_pages(web: TestClient) -> None:
    expected = {
        "all": list(range(1, 17)),
        "open": list(range(1, 17)),
        "due": [4, 9, 12, 14, 16],
        "overdue": [9, 12, 14, 16],
        "resolved": [],
    }
    for status, ids in expected.items():
        page, twin = both(web, "/predictions", f"status={status}&order=id")
        assert [item["prediction"]["id"] for item in twin["items"]] == ids, status
        assert row_ids(page) == ids, status
        assert twin["paging"]["total"] == len(ids)
    _, twin = both(web, "/predictions", "status=all&order=id")
    shown = {item["prediction"]["id"]: item["shown"] for item in twin["items"]}
    assert shown == dict.fromkeys(range(1, 17), "open") | {4: "due"} | dict.fromkeys(
        [9, 12, 14, 16], "overdue"
    )
    assert twin["today"] == TODAY.isoformat()
    page, twin = both(web, "/predictions", "status=all&author=lindqv")
    # Soonest due first: 9 (2025-09-14), 11 (2026-12-31), 8 (2027-12-31), then those with none.
    assert [i["prediction"]["id"] for i in twin["items"]] == row_ids(page) == [9, 11, 8, 6, 7, 10]
    page, twin = both(web, "/predictions", "status=all&due_after=2026-01-01&due_before=2026-12-01")
    assert [i["prediction"]["id"] for i in twin["items"]] == row_ids(page) == [4]
    page, twin = both(web, "/predictions", "status=all&order=id&per_page=3&page=2")
    assert [i["prediction"]["id"] for i in twin["items"]] == row_ids(page) == [4, 5, 6]
    assert (twin["paging"]["total"], twin["paging"]["page"]) == (16, 2)
    assert "4–6 of 16 predictions" in page and "page 2 of 6" in page


def test_queue_links_each_prediction_to_its_span(web: TestClient) -> None:
    page, twin = both(web, "/predictions", "status=all&order=id")
    for item in twin["items"]:
        p = item["prediction"]
        assert f'href="/articles/{p["article_id"]}#{p["local_id"]}"' in page


def test_bad_filters_are_one_line_errors(web: TestClient) -> None:
    answer = web.get("/predictions.json?due_before=03/01/2020")
    assert answer.status_code == 400
    assert answer.json() == {"detail": "bad due_before '03/01/2020': expected YYYY-MM-DD"}
    answer = web.get("/predictions?status=maybe", headers=HTML)
    assert answer.status_code == 422
    assert "bad query.status" in answer.text


def test_prediction_page_and_twin(web: TestClient, store: Store) -> None:
    store.resolve(9, "false", on=TODAY, evidence="https://example.org/ships", by="editor")
    page, twin = both(web, "/predictions/9")
    assert twin["item"]["shown"] == "resolved"
    resolution = twin["item"]["prediction"]["resolution"]
    assert (resolution["outcome"], resolution["resolved_by"]) == ("false", "editor")
    assert [(a["old_outcome"], a["new_outcome"]) for a in twin["audit"]] == [(None, "false")]
    [card] = twin["scores"]
    assert (card["name"], card["score"]["brier"], card["score"]["scored"]) == (
        "Marta Lindqvist",
        pytest.approx(0.85**2),
        1,
    )
    assert "Brier <strong>0.722</strong>" in page
    assert 'href="https://example.org/ships"' in page
    assert 'id="holder"' not in page  # the author's own


def test_a_quoted_prediction_names_its_holder(web: TestClient) -> None:
    page, twin = both(web, "/predictions/6")
    prediction = twin["item"]["prediction"]
    assert (prediction["holder"], prediction["holder_name"]) == ("a1", "Mayor Helen Okafor")
    assert (
        '<span id="holder">Held by Mayor Helen Okafor (a1), whom the author quotes: '
        "not scored for the author.</span>"
    ) in page
    queue = web.get("/predictions?status=all&order=id", headers=HTML).text
    row = queue.split('<tr id="prediction-6">', 1)[1].split("</tr>", 1)[0]
    assert " · quoting Mayor Helen Okafor</div>" in row


def test_authors_table_sorts_like_its_twin(web: TestClient, store: Store) -> None:
    store.resolve(4, "true", on=TODAY)  # Okonjo: (0.7 - 1)² = 0.09
    store.resolve(9, "false", on=TODAY)  # Lindqvist: 0.85² = 0.7225
    for query, briers in (("sort=brier", (0.09, 0.7225)), ("sort=brier&desc=true", (0.7225, 0.09))):
        page, twin = both(web, "/authors", query)
        scored = [line["brier"] for line in twin["authors"]]
        assert scored[:2] == [pytest.approx(b) for b in briers]
        assert scored[2] is None  # unscored last, either way
        order = [line["author"]["id"] for line in twin["authors"]]
        assert [int(n) for n in re.findall(r'<tr data-author="(\d+)">', page)] == order
    _, twin = both(web, "/authors", "sort=predictions&desc=true")
    assert [line["author"]["predictions"] for line in twin["authors"]] == [4, 4, 4]  # own only
    _, twin = both(web, "/authors", "sort=name")
    names = [line["author"]["name"] for line in twin["authors"]]
    assert names == sorted(names, key=str.lower)


def test_author_page_has_scores_and_a_calibration_plot(web: TestClient, store: Store) -> None:
    store.resolve(14, "true", on=TODAY)  # Owen Hartley, p = 0.9
    store.resolve(16, "false", on=TODAY)  # p = 0.7
    hartley = next(a for a in store.authors() if a.name == "Owen Hartley")
    page, twin = both(web, f"/authors/{hartley.id}")
    card = twin["card"]
    assert card["score"]["brier"] == pytest.approx((0.1**2 + 0.7**2) / 2)
    assert card["score"]["scored"] == 2
    bins = card["score"]["calibration"]
    assert [(b["lower"], b["count"], b["observed"]) for b in bins] == [
        (pytest.approx(0.7), 1, 0.0),
        (pytest.approx(0.9), 1, 1.0),
    ]
    assert '<span class="value" id="stat-brier">0.250</span>' in page
    assert page.count('<g class="bin">') == len(bins) == 2
    assert page.count(">n=1</text>") == 2
    assert '<line class="diagonal"' in page
    assert ">forecast probability</text>" in page and ">observed frequency</text>" in page
    assert [a["title"] for a in twin["articles"]] == ["Free Buses Will Not Empty the Ring Road"]
    items = twin["predictions"]["items"]
    # Soonest due first: 14 and 16 (2025-08-31), 12 (2025-11-20), then 13 and 15 (no date).
    assert [i["prediction"]["id"] for i in items] == row_ids(page) == [14, 16, 12, 13, 15]


def test_articles_listing_and_twin(web: TestClient) -> None:
    page, twin = both(web, "/articles", "per_page=2")
    second_page, second = both(web, "/articles", "per_page=2&page=2")
    assert twin["paging"]["total"] == 3  # one more than the page: there is a next one
    assert 'rel="next"' in page and 'rel="next"' not in second_page
    listed = [*twin["articles"], *second["articles"]]
    assert sorted(a["predictions"] for a in listed) == [5, 5, 6]
    assert len({a["id"] for a in listed}) == 3
    for article in twin["articles"]:
        assert f'href="/articles/{article["id"]}"' in page


def test_unknown_ids_are_404_in_both(web: TestClient) -> None:
    for path in ("/articles/sha256:ffffffff", "/predictions/99", "/authors/99", "/jobs/nope"):
        assert web.get(path + ".json").status_code == 404
        page = web.get(path, headers=HTML)
        assert page.status_code == 404 and "Not found" in page.text


def test_docs_describe_the_json_api(web: TestClient) -> None:
    spec = web.get("/openapi.json").json()
    for path in (
        "/articles/{article_id}.json",
        "/predictions.json",
        "/authors.json",
        "/authors/{author_id}.json",
        "/api/analyses",
        "/api/predictions/{prediction_id}/resolution",
    ):
        assert path in spec["paths"], path
    page = web.get("/docs", headers=HTML).text
    assert "<code>/api/analyses</code>" in page and 'id="schema-ArticlePage"' in page


def test_the_canonical_example_page(web: TestClient, store: Store) -> None:
    if not MILLER.exists():
        pytest.skip(f"{MILLER} is absent (a user's clone): canonical example not checked")
    store.add_analysis(analysis_of(MILLER, MILLER_PUBLISHED))
    first = by(store, "Aaron David Miller")
    page, twin = both(web, f"/articles/{first.id}")
    meta = twin["analysis"]["metadata"]
    assert (meta["authors"][0]["name"], meta["outlet"]) == ("Aaron David Miller", "CNN")
    assert "Carnegie Endowment for International Peace" in page
    predictions = [f for f in twin["findings"] if f["layer"] == "predictions"]
    labels = ["70 %", "90 %", "85 %", "90 %", "45 %", "45 %", "45 %"]
    assert [f["label"] for f in predictions] == labels
    assert [f["prediction_id"] for f in predictions] == list(range(17, 24))  # after our 16
    assert predictions[0]["status"] == "overdue"  # "for months to come": by 2020-04-03


def test_job_pages_show_steps_errors_and_open_the_article(web: TestClient) -> None:
    jobs = cast(FastAPI, web.app).state.web.jobs
    job = web.post("/api/analyses", json={"text": "The council will surely pass the levy."}).json()
    assert job["plan"] == ["analysing", "storing"]
    done = jobs.wait(job["id"], 60)
    assert done.state == "done"
    page = web.get(f"/jobs/{job['id']}", headers=HTML, follow_redirects=False)
    assert (page.status_code, page.headers["location"]) == (303, f"/articles/{done.article_id}")
    assert web.get(f"/jobs/{job['id']}.json").json()["steps"] == ["analysing", "storing"]
    broken = '{"schema_version": 1, "document": {}}'  # looks like a record, is not one
    job = web.post("/api/analyses", json={"text": broken}).json()
    failed = jobs.wait(job["id"], 60)
    assert failed.state == "failed"
    assert failed.error.startswith("not a valid Analysis record")
    page = web.get(f"/jobs/{job['id']}", headers=HTML)
    assert page.status_code == 200
    assert 'id="job-error">not a valid Analysis record' in page.text
    assert '<li class="step waiting" data-step="storing">storing</li>' in page.text
