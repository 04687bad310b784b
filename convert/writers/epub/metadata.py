"""Package metadata: a stable identifier, dates, people, subjects and honest accessibility claims."""
from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass

from ... import model as m
from ...resources import Image, ResourceGate
from ...wording import accessibility_summary


def identifier(doc: m.Document) -> str:
    """`urn:uuid:` derived from the source URL, else from the content: the same article always gets
    the same identifier, so a reader replaces an old copy instead of adding a second book. The content
    is what a reader sees (`visible_text`), not the model's fields: a new field or a new reading of the
    byline in a later version of convert leaves the identifier as it was."""
    if doc.meta.source_url:
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, doc.meta.source_url)}"
    digest = hashlib.sha256(m.visible_text(doc).encode("utf-8")).hexdigest()
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'urn:sha256:' + digest)}"


# ---------------------------------------------------------------- accessibility


@dataclass(frozen=True)
class ImageUse:
    """An image the publication shows, and whether a reader who cannot see it gets its content."""

    src: str
    packaged: bool
    has_text_alternative: bool


def image_uses(doc: m.Document, gate: ResourceGate) -> list[ImageUse]:
    uses = []
    for block in m.walk_blocks(doc.blocks):
        if isinstance(block, m.Figure):
            text = bool(block.alt.strip() or m.plain_text(block.caption).strip())
            uses.append(ImageUse(block.src, isinstance(gate.image(block.src), Image), text))
        for node in _inline_images(m.block_inlines(block)):
            text = bool(node.alt.strip())
            uses.append(ImageUse(node.src, isinstance(gate.image(node.src), Image), text))
    return uses


def _inline_images(inlines: tuple[m.Inline, ...]) -> list[m.InlineImage]:
    found: list[m.InlineImage] = []
    for node in inlines:
        if isinstance(node, m.InlineImage):
            found.append(node)
        else:
            found.extend(_inline_images(m.inline_children(node)))
    return found


def accessibility(doc: m.Document, uses: list[ImageUse]) -> list[tuple[str, str]]:
    """schema.org accessibility properties, claimed only as far as the content bears them out."""
    lang = doc.meta.lang or "en"
    shown = [use for use in uses if use.packaged]
    missing_alt = [use for use in shown if not use.has_text_alternative]
    placeholders = len(uses) - len(shown)
    has_headings = any(isinstance(b, m.Heading) for b in doc.body)

    props = [("schema:accessMode", "textual")]
    if shown:
        props.append(("schema:accessMode", "visual"))
    if not missing_alt:
        props.append(("schema:accessModeSufficient", "textual"))
    if shown:
        props.append(("schema:accessModeSufficient", "textual,visual"))
    features = ["tableOfContents", "readingOrder", "displayTransformability"]
    if has_headings:
        features.insert(0, "structuralNavigation")
    if shown and not missing_alt:
        features.append("alternativeText")
    features.append("ARIA")  # DPUB-ARIA roles on the TOC, note references and notes
    props += [("schema:accessibilityFeature", f) for f in features]
    props.append(("schema:accessibilityHazard", "none"))
    props.append(("schema:accessibilitySummary", accessibility_summary(lang, len(shown), len(missing_alt),
                                                                       placeholders)))
    return props
