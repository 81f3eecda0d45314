"""Errors oplens raises for bad input: each carries a one-line message fit for a user."""

from __future__ import annotations


class OplensError(Exception):
    """Base of every error oplens reports to a user as one line, without a traceback."""


class InputError(OplensError):
    """The input cannot be analysed: empty, binary, undecodable, too large, no article."""


class FetchError(OplensError):
    """A URL could not be fetched: refused, timed out, too large, or not a web page."""


class ModelError(OplensError):
    """The spaCy English model is not installed."""


class StoreError(OplensError):
    """The ledger cannot do what was asked: unknown id, bad value, unusable database."""
