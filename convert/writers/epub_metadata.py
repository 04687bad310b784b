"""Package metadata: a stable identifier, dates, people, subjects and honest accessibility claims."""
from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass

from .. import model as m
from ..article import is_junk_alt
from ..presentation import parse_date
from ..resources import Image, ResourceGate
from .package import as_utc


def identifier(doc: m.Document) -> str:
    """`urn:uuid:` derived from the source URL, else from the content: the same article always gets
    the same identifier, so a reader replaces an old copy instead of adding a second book."""
    if doc.meta.source_url:
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, doc.meta.source_url)}"
    digest = hashlib.sha256(repr((doc.meta, doc.blocks)).encode("utf-8")).hexdigest()
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'urn:sha256:' + digest)}"


def dc_date(doc: m.Document) -> str:
    """`dc:date` in W3CDTF: with the time only when the article gives its zone."""
    stamp = parse_date(doc.meta.date) if doc.meta.date else None
    if stamp is None:
        return ""
    if stamp.tzinfo is None:
        return stamp.date().isoformat()
    return as_utc(stamp).strftime("%Y-%m-%dT%H:%M:%SZ")


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
            alt = block.alt if block.alt and not is_junk_alt(block.alt) else ""
            text = bool(alt.strip() or m.plain_text(block.caption).strip())
            uses.append(ImageUse(block.src, isinstance(gate.image(block.src), Image), text))
        for node in _inline_images(m.block_inlines(block)):
            text = bool(node.alt.strip()) and not is_junk_alt(node.alt)
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
    props.append(("schema:accessibilitySummary", _summary(lang, len(shown), len(missing_alt), placeholders)))
    return props


_SUMMARY = {  # language -> (opening, every image described, some not, no images, placeholders, joiner)
    "zh": ("本书为可重排文本，含目录与标题导航，阅读顺序与原文一致。", "全部 {shown} 幅图片均有文字说明。",
           "{shown} 幅图片中有 {missing} 幅缺少文字说明。", "书中没有需要看见才能理解的图片。",
           "另有 {placeholders} 幅图片无法获取，以文字占位说明代替。", ""),
    "en": ("Reflowable text with a table of contents and heading navigation, in the article's reading order.",
           "All {shown} images have a text alternative.", "{missing} of {shown} images lack a text alternative.",
           "No image needs to be seen to follow the text.",
           "{placeholders} image(s) could not be obtained and are replaced by a text placeholder.", " "),
}


def _summary(lang: str, shown: int, missing_alt: int, placeholders: int) -> str:
    opening, described, undescribed, no_images, placeholder, joiner = _SUMMARY[
        "zh" if lang.lower().startswith("zh") else "en"]
    parts = [opening, (described if not missing_alt else undescribed) if shown else no_images]
    if placeholders:
        parts.append(placeholder)
    return joiner.join(parts).format(shown=shown, missing=missing_alt, placeholders=placeholders)
