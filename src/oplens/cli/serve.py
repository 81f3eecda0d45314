"""``oplens serve``: the web UI over the ledger, served by uvicorn."""

from __future__ import annotations

import click

from oplens.cli.common import errors_as_one_line
from oplens.cli.ledger import db_option
from oplens.errors import InputError
from oplens.settings import DEFAULT_MAX_BYTES, SETTINGS_HELP, load_settings


@click.command("serve")
@click.option("--host", help="Address to listen on [default: 127.0.0.1, this machine only].")
@click.option("--port", type=click.IntRange(0, 65535), help="Port to listen on [default: 8000].")
@click.option(
    "--token",
    help=f"Token that writes (analyse, resolve) need [env {SETTINGS_HELP['token'][0]}]; "
    "required when --host is not loopback.",
)
@click.option(
    "--allow-private-urls",
    is_flag=True,
    default=None,
    help="Let URL analysis fetch from loopback, private and link-local addresses.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    help=f"Largest text or upload accepted [default: {DEFAULT_MAX_BYTES:,}].",
)
@db_option
@errors_as_one_line
def serve_command(
    host: str | None,
    port: int | None,
    token: str | None,
    allow_private_urls: bool | None,
    max_bytes: int | None,
    db: str | None,
) -> None:
    """Serve the web UI: analyse articles, read them annotated, resolve predictions, and
    see each author's scores; every page has a JSON twin, and /docs describes the API.

    Reads are open to anyone who can reach the server; writes need the token when one is
    set, and one must be set to listen beyond this machine.

    \b
    Examples:
      oplens serve --db ledger.db
      oplens serve --db ledger.db --host 0.0.0.0 --port 8080 --token "$(openssl rand -hex 16)"
    """
    import uvicorn

    from oplens.web import create_app
    from oplens.web.security import is_loopback

    settings = load_settings(
        host=host,
        port=port,
        token=token,
        allow_private_urls=allow_private_urls,
        max_bytes=max_bytes,
        db=db,
    )
    if not is_loopback(settings.host) and not settings.token:
        raise InputError(
            f"refusing to serve on {settings.host} without a write token: anyone who can "
            f"reach it could write to the ledger; give --token or set "
            f"{SETTINGS_HELP['token'][0]} (or serve on 127.0.0.1)"
        )
    app = create_app(settings)
    where = f"http://{settings.host}:{settings.port}/"
    click.echo(f"oplens: serving {app.state.web.store.url} on {where} (Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")
