"""Fetch a web page over http(s) with a timeout and a size limit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from oplens.errors import FetchError
from oplens.settings import Settings

if TYPE_CHECKING:
    import httpx


def is_url(source: str) -> bool:
    """Tell whether a CLI source argument is an http(s) URL."""
    return source.lower().startswith(("http://", "https://"))


def fetch(url: str, settings: Settings, *, transport: httpx.BaseTransport | None = None) -> bytes:
    """Return the body of ``url``, refusing more than ``settings.max_bytes``.

    ``transport`` replaces httpx's own (the web UI passes one that refuses private
    addresses, on every connection, redirects included).

    Raises:
        FetchError: a bad scheme, a network error or time-out, an HTTP error status,
            or a body over the size limit.
    """
    if not is_url(url):
        raise FetchError(f"not an http(s) URL: {url}")
    import httpx  # imported here: a tenth of a second that only fetching needs

    headers = {"User-Agent": settings.user_agent, "Accept": "text/html,text/plain;q=0.9,*/*;q=0.1"}
    try:
        with (
            httpx.Client(
                timeout=settings.fetch_timeout, follow_redirects=True, transport=transport
            ) as client,
            client.stream("GET", url, headers=headers) as response,
        ):
            if response.status_code >= 400:
                raise FetchError(f"{url} answered HTTP {response.status_code}")
            declared = int(response.headers.get("content-length") or 0)
            if declared > settings.max_bytes:
                raise FetchError(_too_large(url, declared, settings.max_bytes))
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > settings.max_bytes:
                    raise FetchError(_too_large(url, size, settings.max_bytes))
                chunks.append(chunk)
    except httpx.TimeoutException:
        raise FetchError(f"{url} did not answer within {settings.fetch_timeout:g} s") from None
    except httpx.HTTPError as error:
        raise FetchError(f"could not fetch {url}: {error}") from None
    return b"".join(chunks)


def _too_large(url: str, size: int, limit: int) -> str:
    return f"{url} is over {limit:,} bytes ({size:,} so far; raise the limit with --max-bytes)"
