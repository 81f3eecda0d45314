"""The API reference at ``/docs``: the OpenAPI description as a page that needs no network.

FastAPI's own documentation pages load their scripts from a CDN, which an air-gapped
newsroom or this project's CI cannot reach; this page is drawn from the same OpenAPI
document (``/openapi.json``) on the server instead.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from oplens.web.app import render

router = APIRouter()


def operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Every operation of an OpenAPI document: method, path, summary, parameters, body."""
    out = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            ok: dict[str, Any] = next(
                (r for code, r in operation.get("responses", {}).items() if code.startswith("2")),
                {},
            )
            result = ok.get("content", {}).get("application/json", {}).get("schema", {})
            out.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "tag": (operation.get("tags") or ["other"])[0],
                    "parameters": operation.get("parameters", []),
                    "body": _name(body.get("schema", {})) if body else None,
                    "result": _name(result),
                }
            )
    return out


def _name(schema: dict[str, Any]) -> str | None:
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else schema.get("type")


@router.get("/docs", include_in_schema=False)
def docs(request: Request) -> Response:
    schema = request.app.openapi()
    return render(
        request,
        "docs.html",
        {
            "operations": operations(schema),
            "schemas": schema.get("components", {}).get("schemas", {}),
        },
    )
