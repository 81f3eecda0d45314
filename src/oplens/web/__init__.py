"""The web UI: the annotated article, the prediction queue, author scorecards, a JSON API."""

from oplens.web.app import create_app

__all__ = ["create_app"]
