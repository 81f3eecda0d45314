"""Renderers: an Analysis record as a terminal summary or a standalone HTML page."""

from oplens.render.html import render_html
from oplens.render.text import render_text

__all__ = ["render_html", "render_text"]
