"""Renderers: the terminal summary and the standalone HTML page."""

from __future__ import annotations

import re

from oplens import Analysis, analyze
from oplens.render import render_html, render_text
from oplens.render.html import highlight
from oplens.render.layers import Mark

HOSTILE = (
    'The mayor said <script>alert("x")</script> would never happen.\n\n'
    '"><img src=x onerror=alert(1)> is what the council wrote.'
)


def test_article_text_is_escaped() -> None:
    page = render_html(analyze(HOSTILE))
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    # Marks may cut the text into pieces ("The mayor said …" is an attribution): read the
    # escaped text with our own span tags taken out.
    text = re.sub(r'<span class="[^"]*"(?: id="m\d+")? title="[^"]*">|</span>', "", page)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in text
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in text


def test_overlapping_marks_nest_properly() -> None:
    marks = [Mark(0, 5, "a", "a", "first", None), Mark(3, 8, "b", "b", "second", None)]
    out = highlight("abcdefghij", marks)
    assert out == (
        '<span class="a" id="m0" title="first">abc</span>'
        '<span class="a" title="first"><span class="b" id="m1" title="second">de</span></span>'
        '<span class="b" title="second">fgh</span>ij'
    )


def test_text_summary_of_the_canonical_example(miller: Analysis) -> None:
    text = render_text(miller)
    assert text.splitlines()[:3] == [
        "Author:     Aaron David Miller "
        "(senior fellow, Carnegie Endowment for International Peace)",
        "Outlet:     CNN",
        "Published:  2020-01-03",
    ]
    assert "Removed furniture (3):" in text
    assert "  [republication_notice] This article was originally published in CNN." in text


def test_html_page_has_layers_and_findings(example: Analysis) -> None:
    page = render_html(example)
    assert 'value="furniture" checked' in page and 'value="entities" checked' in page
    assert '<a href="#m0">furniture: title</a>' in page
    assert '<span class="furniture title" id="m0"' in page
