"""A standalone HTML page: the article with its findings highlighted, layer by layer.

Every piece of article text goes through ``html.escape``; the page has no external
resources, so it can be saved, mailed or archived as one file.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from itertools import pairwise

from oplens.render.arguments import outline_html
from oplens.render.layers import LAYERS, Mark, all_marks
from oplens.render.text import header_lines
from oplens.schema import Analysis

_STYLE = """
body{font:16px/1.55 Georgia,serif;margin:0;color:#222;background:#fafafa}
header{padding:1em 2em;background:#fff;border-bottom:1px solid #ddd}
header h1{font-size:1.3em;margin:.2em 0} header pre{font:13px/1.4 monospace;margin:.4em 0}
main{display:flex;gap:2em;padding:1em 2em}
article{flex:3;white-space:pre-wrap;background:#fff;padding:1em 1.5em;border:1px solid #ddd}
aside{flex:1;font:13px/1.4 sans-serif;max-height:90vh;overflow:auto;position:sticky;top:0}
aside h2{font-size:1em;margin:1em 0 .3em} aside li{margin:.2em 0}
.legend label{display:block;font:13px sans-serif}
.furniture{color:#999;background:#eee;text-decoration:line-through}
.entity{border-bottom:2px solid #6a9fd8}
.entity.person{border-bottom-color:#d86a9f}
.prediction{background:#fff2c2}.prediction.negative{background:#ffe0d0}
.attr-speaker{font-weight:bold;color:#7a3e00}
.attr-cue{font-style:italic;color:#7a3e00}
.attr-content{background:#fff4d6}
.attr-content.attr-rejected{background:#fde0dc} .attr-content.attr-endorsed{background:#e0f4e0}
.attr-content.attr-unattributed{background:#f1ecf7;outline:1px dashed #9a86b8}
.attr-evidence{border-bottom:2px dashed #c0392b}
body.hide-attributions .attr{background:none;font-weight:inherit;font-style:inherit;
  color:inherit;border-bottom:none}
body.hide-furniture .furniture{color:inherit;background:none;text-decoration:none}
body.hide-predictions .prediction{background:none}
body.hide-entities .entity{border-bottom:none}
.unit{border-bottom:1px dotted #888}
.unit.thesis{background:#fff3b0;font-weight:bold}
.unit.claim{background:#eef6ff}
.unit.premise{background:#eaf7ea}
.unit.concession{background:#f1ecf7;font-style:italic}
.unit.rebuttal{background:#fde8e8}
.unit.background{color:#555}
body.hide-arguments .unit{background:none;border-bottom:none;font-weight:inherit;font-style:inherit}
.outline{padding-left:0;list-style:none}
:target,.flash{outline:3px solid #f4b400}
"""
_SCRIPT = """
document.querySelectorAll('.legend input').forEach(function(box){
  box.addEventListener('change',function(){
    document.body.classList.toggle('hide-'+box.value,!box.checked);});});
"""


def render_html(analysis: Analysis) -> str:
    """Return one standalone HTML page showing the article and its findings."""
    title = analysis.metadata.title or "oplens analysis"
    legend = "".join(
        f'<label><input type="checkbox" value="{html.escape(name)}" checked> '
        f"{html.escape(text)}</label>"
        for name, text, _ in LAYERS
    )
    marks = all_marks(analysis)
    findings = "".join(
        f'<li><a href="#m{index}">{html.escape(mark.tip)}</a></li>'
        for index, mark in enumerate(marks)
        if mark.layer not in {"entities", "arguments"}
    )
    anchors = {m.anchor: i for i, m in reversed(list(enumerate(marks))) if m.layer == "arguments"}
    argument = outline_html(analysis, {a: i for a, i in anchors.items() if a})
    entities = "".join(
        f"<li>{html.escape(e.name)} <small>({html.escape(e.label)}, "
        f"×{len(e.mentions)})</small></li>"
        for e in analysis.entities
    )
    return (
        "<!doctype html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<header><h1>{html.escape(title)}</h1>"
        f"<pre>{html.escape(chr(10).join(header_lines(analysis)))}</pre></header>"
        f"<main><article>{highlight(analysis.document.text, marks)}</article>"
        f"<aside><div class='legend'><h2>Layers</h2>{legend}</div>"
        f"<h2>Argument</h2>{argument}"
        f"<h2>Findings</h2><ul>{findings}</ul><h2>Entities</h2><ul>{entities}</ul></aside>"
        f"</main><script>{_SCRIPT}</script></body></html>\n"
    )


def _span(index: int, mark: Mark, first: bool) -> str:
    anchor = f' id="m{index}"' if first else ""
    return f'<span class="{html.escape(mark.css)}"{anchor} title="{html.escape(mark.tip)}">'


# Writes the opening tag of one piece of mark ``index`` (``first``: its first piece).
OpenTag = Callable[[int, Mark, bool], str]


def highlight(text: str, marks: Sequence[Mark], *, open_tag: OpenTag = _span) -> str:
    """Return escaped ``text`` with each mark wrapped in a ``<span>``; marks may overlap.

    The text is cut at every mark boundary; each piece is wrapped in the spans of the marks
    covering it, so overlapping and nested marks both come out as well-formed HTML. The
    first piece of mark ``i`` carries ``id="m{i}"`` for links from the findings list;
    ``open_tag`` writes other opening tags instead (it must escape what it writes).
    """
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starts: dict[int, list[int]] = {}
    for index, mark in enumerate(marks):
        starts.setdefault(mark.start, []).append(index)
    active: list[int] = []
    out: list[str] = []
    for a, b in pairwise(cuts):
        active = [i for i in active if marks[i].end > a] + starts.get(a, [])
        piece = html.escape(text[a:b])
        for index in reversed(active):
            piece = f"{open_tag(index, marks[index], marks[index].start == a)}{piece}</span>"
        out.append(piece)
    return "".join(out)
