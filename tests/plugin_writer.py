"""Third-party writers as a plug-in would ship them, for the registry tests and test_format_map's pickup test.

`WRITER` (txt) is a plain-text edition that reads pictures through the resource gate as every writer must:
a picture it may show is carried as a data: URI, one it may not becomes a placeholder naming its address.
`LOSSY` drops the article's last paragraph and `UNMAPPED` has no entry in tests/formats.py: the generic
tests must catch both.
"""
from __future__ import annotations

import dataclasses

from convert import model as m
from convert.resources import Placeholder
from convert.wording import byline, byline_text, labels
from convert.writers.base import WriteContext, Writer
from convert.writers.html import data_uri


def plain_edition(doc: m.Document, ctx: WriteContext) -> bytes:
    lang = doc.meta.lang or "en"
    lines = [doc.meta.title, " · ".join(byline_text(part, lang) for part in byline(doc.meta)), ""]
    for block in m.walk_blocks(doc.blocks):
        if isinstance(block, m.Figure):
            picture = ctx.gate.image(block.src)
            lines.append(f"[{labels(lang)['placeholder']}: {picture.src}]" if isinstance(picture, Placeholder)
                         else data_uri(picture))
        if isinstance(block, m.CodeBlock):
            lines.append(block.text)
        elif isinstance(block, m.Footnote):
            lines.append(f"{block.number}.")
        else:
            lines.append(m.plain_text(m.block_inlines(block)))
    return "\n".join(line for line in lines if line).encode("utf-8") + b"\n"


def lossy_edition(doc: m.Document, ctx: WriteContext) -> bytes:
    last = max((i for i, block in enumerate(doc.blocks) if isinstance(block, m.Paragraph)), default=None)
    if last is not None:
        doc = dataclasses.replace(doc, blocks=doc.blocks[:last] + doc.blocks[last + 1:])
    return plain_edition(doc, ctx)


WRITER = Writer(name="txt", suffix=".txt", description="plain text", write=plain_edition)
LOSSY = Writer(name="lossy", suffix=".lossy.txt", description="plain text missing a paragraph", write=lossy_edition)
UNMAPPED = Writer(name="unmapped", suffix=".unmapped.txt", description="plain text the format map does not know",
                  write=plain_edition)
