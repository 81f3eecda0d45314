"""Settings: one record built from defaults, then the environment, then explicit overrides.

Each setting is declared once in ``SETTINGS`` (name, default, environment variable, help);
the CLI, the docs and the environment all read that table, so they cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

from oplens.errors import InputError

# 5 MB: three times the longest article in the WCXB dev set (about 1.6 MB of HTML), and far
# beyond any op-ed; a larger input is more likely a dump or a mistake than an article.
DEFAULT_MAX_BYTES = 5_000_000


def default_db() -> str:
    """Return the default ledger: ``oplens.db`` in the user's data folder, as a URL."""
    return "sqlite:///" + str(Path(platformdirs.user_data_dir("oplens")) / "oplens.db")


@dataclass(frozen=True)
class Settings:
    """Options for one run of oplens."""

    max_bytes: int = DEFAULT_MAX_BYTES
    fetch_timeout: float = 20.0
    user_agent: str = "oplens/0.1 (+https://pypi.org/project/oplens/)"
    batch_size: int = 32
    db: str = dataclasses.field(default_factory=default_db)
    host: str = "127.0.0.1"
    port: int = 8000
    token: str = dataclasses.field(default="", repr=False)
    allow_private_urls: bool = False


SETTINGS_HELP: dict[str, tuple[str, str]] = {
    "max_bytes": ("OPLENS_MAX_BYTES", "largest input accepted, in bytes"),
    "fetch_timeout": ("OPLENS_FETCH_TIMEOUT", "seconds to wait for a URL"),
    "user_agent": ("OPLENS_USER_AGENT", "User-Agent header sent when fetching URLs"),
    "batch_size": ("OPLENS_BATCH_SIZE", "documents per spaCy nlp.pipe batch"),
    "db": ("OPLENS_DB", "the ledger database: an SQLAlchemy URL or an SQLite file path"),
    "host": ("OPLENS_HOST", "address `oplens serve` listens on"),
    "port": ("OPLENS_PORT", "port `oplens serve` listens on"),
    "token": ("OPLENS_TOKEN", "token the web UI asks for before a write (needed off loopback)"),
    "allow_private_urls": (
        "OPLENS_ALLOW_PRIVATE_URLS",
        "let the web UI fetch URLs on loopback, private and link-local addresses",
    ),
}

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _parse(kind: type, value: str) -> Any:
    """Read an environment value as ``kind``; booleans from 1/0, true/false, yes/no, on/off."""
    if kind is bool:
        if value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        raise ValueError(value)
    return kind(value)


def load_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Build settings from defaults, then ``OPLENS_*`` variables, then non-None overrides.

    Raises:
        InputError: an environment variable holds a value of the wrong type.
    """
    env = os.environ if environ is None else environ
    settings = Settings()
    for field in fields(Settings):
        variable = SETTINGS_HELP[field.name][0]
        if variable in env:
            kind = type(getattr(settings, field.name))
            try:
                settings = replace(settings, **{field.name: _parse(kind, env[variable])})
            except ValueError:
                raise InputError(
                    f"{variable}={env[variable]!r} is not a valid {kind.__name__}"
                ) from None
    given = {name: value for name, value in overrides.items() if value is not None}
    return replace(settings, **given)
