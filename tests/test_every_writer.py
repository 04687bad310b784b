"""What every registered writer must do, read through the format map (tests/formats.py): every article's
text is in its edition, in order; the edition opens. A new writer is picked up here without an edit."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import convert
from convert import model as m
from convert import registry

import formats
from conftest import ARTICLES, article_id, edition


@pytest.mark.parametrize("fmt", registry.names())
def test_every_registered_format_is_in_the_format_map(fmt: str) -> None:
    assert fmt in formats.FORMATS, formats.missing_message(fmt)


def in_reading_order(blocks: tuple[m.Block, ...]) -> list[str]:
    """The texts a reader meets, depth first; a table's cells are listed apart (see `cells`)."""
    texts = []
    for block in blocks:
        if isinstance(block, m.Table):
            texts.append(m.plain_text(block.caption))
            continue
        if isinstance(block, (m.Paragraph, m.Heading, m.Notice)):
            texts.append(m.plain_text(block.content))
        elif isinstance(block, m.CodeBlock):
            texts.append(block.text)
        elif isinstance(block, m.Figure):
            texts.append(m.plain_text(block.caption))
        texts.extend(in_reading_order(m.child_blocks(block)))
    return [formats.squeeze(t) for t in texts if formats.squeeze(t)]


def cells(blocks: tuple[m.Block, ...]) -> list[str]:
    """Each table cell's text: editions may read a row's cells in any order."""
    found = [formats.squeeze(m.plain_text(b.content)) for b in m.walk_blocks(blocks)
             if isinstance(b, m.Table) for b in m.walk_blocks((b,)) if isinstance(b, m.Paragraph)]
    return [text for text in found if text]


def note_texts(doc: m.Document) -> list[str]:
    return [formats.squeeze(" ".join(m.plain_text(m.block_inlines(b)) or getattr(b, "text", "") for b in note.content))
            for note in doc.footnotes]


def missing_in_order(doc: m.Document, text: str, pdf: bool = False) -> list[str]:
    """What of the article is not in `text` (squeezed): the title, each note, each cell, then the body in order;
    in a PDF's text, hyphens aside (`formats.unhyphenated`)."""
    same = formats.unhyphenated if pdf else (lambda t: t)
    text = same(text)
    missing = [t for t in [formats.squeeze(doc.meta.title), *note_texts(doc), *cells(doc.body)] if same(t) not in same(text)]
    for note in note_texts(doc):  # a note set at a page's foot sits inside a paragraph that turns the page
        text = re.sub(r"\d+\W?" + re.escape(same(note)), "", text, count=1) if note else text
    position = 0
    for wanted in map(same, in_reading_order(doc.body)):
        found = text.find(wanted, position)
        if found < 0:
            missing.append(wanted[:60] + (" (out of order)" if wanted in text else ""))
        else:
            position = found + len(wanted)
    return missing


@pytest.mark.parametrize("fmt", registry.names())
@pytest.mark.parametrize("article", ARTICLES, ids=article_id)
def test_every_paragraph_is_in_the_edition_in_order(article: Path, fmt: str) -> None:
    reader = formats.of(fmt)
    data = edition(article, fmt)
    reader.opens(data)
    doc = convert.read(str(article))
    assert len(in_reading_order(doc.body)) >= 3
    missing = missing_in_order(doc, formats.squeeze(reader.text(data)), pdf=fmt == "pdf")
    assert not missing, f"the {fmt} edition of {article_id(article)} lacks: {missing}"


def test_the_order_check_can_fail() -> None:
    """A paragraph dropped or two paragraphs swapped are both reported."""
    doc = m.Document(meta=m.Meta(title="T"), blocks=tuple(m.Paragraph((m.Text(t),)) for t in ("一段", "二段", "三段")))
    assert missing_in_order(doc, "T一段二段三段") == []
    assert missing_in_order(doc, "T一段三段") == ["二段"]
    assert missing_in_order(doc, "T二段一段三段") == ["二段 (out of order)"]
