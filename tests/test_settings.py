"""Settings: defaults, then the environment, then explicit values; typed parsing."""

from __future__ import annotations

import pytest

from oplens.errors import InputError
from oplens.settings import load_settings


def test_web_settings_from_the_environment() -> None:
    settings = load_settings(
        {"OPLENS_PORT": "9001", "OPLENS_TOKEN": "t0k", "OPLENS_ALLOW_PRIVATE_URLS": "yes"}
    )
    assert (settings.host, settings.port, settings.token) == ("127.0.0.1", 9001, "t0k")
    assert settings.allow_private_urls is True
    assert "t0k" not in repr(settings)  # the token never shows in a log line
    assert load_settings({"OPLENS_ALLOW_PRIVATE_URLS": "0"}).allow_private_urls is False
    assert load_settings({"OPLENS_PORT": "9001"}, port=9002).port == 9002


def test_bad_values_are_one_line_errors() -> None:
    with pytest.raises(InputError, match="OPLENS_ALLOW_PRIVATE_URLS='maybe' is not a valid bool"):
        load_settings({"OPLENS_ALLOW_PRIVATE_URLS": "maybe"})
    with pytest.raises(InputError, match="OPLENS_PORT='http' is not a valid int"):
        load_settings({"OPLENS_PORT": "http"})
