"""Golden files: each sample's model and each edition's structure, compared with tests/golden/ as JSON.

What they pin is what the other tests cannot: the tests of the editions check them against the model
(every paragraph is there, in order), so a reader or convention change that loses a paragraph, takes a lead
sentence for a byline or a caption for body text passes them all; the model's outline here catches it. Each
edition's outline (HTML and EPUB block structure, the OPF's metadata, manifest, spine and navigation, DOCX
paragraph styles, PDF metadata, outline, pictures and links) catches a writer that maps the model wrongly.
Left out on purpose, because they change with harmless things: raw bytes, PDF page count and page breaks,
fonts (they follow the installed fonts' versions and fallbacks), ebooklib's version stamp.

`make golden` (CONVERT_REGENERATE_GOLDEN=1) rewrites them after an intended change; review the diff.
"""
from __future__ import annotations

import dataclasses
import difflib
import json
import os
from pathlib import Path
from typing import Any

import pytest

import convert
from convert import model as m
from convert import registry

import formats
from conftest import ROOT, SAMPLES, article_id, edition

GOLDEN = ROOT / "tests" / "golden"
REGENERATE = os.environ.get("CONVERT_REGENERATE_GOLDEN") == "1"


def model_outline(doc: m.Document) -> dict[str, Any]:
    """The reader's and the conventions' result: metadata, and every block with its kind and text."""
    lines: list[str] = []

    def walk(blocks: tuple[m.Block, ...], depth: int) -> None:
        for block in blocks:
            label = type(block).__name__
            if isinstance(block, m.Heading):
                label += f" {block.level}"
            elif isinstance(block, m.Figure):
                label += f" {block.number} {block.src} alt={block.alt!r}"
            elif isinstance(block, m.ListBlock):
                label += " ordered" if block.ordered else ""
            elif isinstance(block, m.Notice):
                label += f" {block.kind}"
            elif isinstance(block, m.CodeBlock):
                label += f" {block.language}" if block.language else ""
            if getattr(block, "id", ""):
                label += f" #{block.id}"
            text = block.text if isinstance(block, m.CodeBlock) else m.plain_text(m.block_inlines(block))
            lines.append("  " * depth + label + (f": {' '.join(text.split())}" if text.strip() else ""))
            walk(m.child_blocks(block), depth + 1)

    walk(doc.blocks, 0)
    return {"meta": dataclasses.asdict(doc.meta), "blocks": lines}


def snapshot(sample: Path, part: str) -> Any:
    if part == "model":
        found = model_outline(convert.read(str(sample)))
    else:
        found = formats.of(part).structure(edition(sample, part))
    return json.loads(json.dumps(found, ensure_ascii=False))  # tuples as lists, as the file holds them


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def difference(expected: Any, found: Any, name: str) -> str:
    """A unified diff of the two, empty when they agree."""
    if expected == found:
        return ""
    lines = difflib.unified_diff(dumps(expected).splitlines(), dumps(found).splitlines(), f"golden/{name}",
                                 "now", lineterm="", n=1)
    return "\n".join(list(lines)[:80])


@pytest.mark.parametrize("part", ["model", *registry.names()])
@pytest.mark.parametrize("sample", SAMPLES, ids=article_id)
def test_golden(sample: Path, part: str) -> None:
    name = f"{article_id(sample)}/{part}.json"
    path = GOLDEN / name
    found = snapshot(sample, part)
    if REGENERATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps(found), encoding="utf-8")
    if not path.is_file():
        pytest.fail(f"no golden file tests/golden/{name}: run `make golden` and review what it writes", pytrace=False)
    diff = difference(json.loads(path.read_text(encoding="utf-8")), found, name)
    assert not diff, f"{name} differs from the golden file (intended? `make golden`, then review):\n{diff}"


def test_golden_comparison_sees_a_lost_paragraph_and_a_changed_style() -> None:
    """The comparison is not blind: a model missing one paragraph and a DOCX paragraph in another style
    differ from the stored files, and the message shows the line."""
    sample = next(s for s in SAMPLES if s.parent.name == "zh-news-harbor")
    doc = convert.read(str(sample))
    last = max(i for i, b in enumerate(doc.blocks) if isinstance(b, m.Paragraph))
    lost = model_outline(dataclasses.replace(doc, blocks=doc.blocks[:last] + doc.blocks[last + 1:]))
    stored = json.loads((GOLDEN / "zh-news-harbor" / "model.json").read_text(encoding="utf-8"))
    assert not difference(stored, snapshot(sample, "model"), "model.json")
    removed = [line for line in difference(stored, lost, "model.json").splitlines() if line.startswith("- ")]
    assert removed and m.plain_text(doc.blocks[last].content)[:20] in removed[0]

    docx = json.loads((GOLDEN / "zh-news-harbor" / "docx.json").read_text(encoding="utf-8"))
    restyled = json.loads(json.dumps(docx))
    index = next(i for i, line in enumerate(docx["body"]) if line.startswith("BodyText: "))
    restyled["body"][index] = restyled["body"][index].replace("BodyText: ", "Normal: ", 1)
    added = [line for line in difference(docx, restyled, "docx.json").splitlines() if line.startswith("+ ")]
    assert len(added) == 1 and '"Normal: ' in added[0]
