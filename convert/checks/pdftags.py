"""A tagged PDF's structure read back with pikepdf: what `validate.pdf_structure` holds to PDF/UA-1.

Independent of the writer: it reads the catalog, the XMP packet, the structure tree (following /K
down to marked-content ids and annotation references) and each page's content stream (the marked
content sequences it opens), and reports what it found, not a verdict.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

HEADINGS = {"/H", *(f"/H{n}" for n in range(1, 7))}


@dataclass
class Structure:
    tagged: bool = False
    lang: str = ""
    display_title: bool = False
    pdfua_part: str | None = None
    roles: list[str] = field(default_factory=list)  # every structure element's role, in tree order
    empty_headings: list[tuple[str, int]] = field(default_factory=list)  # (role, page)
    figures_without_alt: list[int] = field(default_factory=list)  # pages
    figure_alts: list[str] = field(default_factory=list)
    links_without_contents: list[int] = field(default_factory=list)
    link_contents: list[str] = field(default_factory=list)
    headers_without_scope: list[int] = field(default_factory=list)
    orphan_content: dict[int, set[int]] = field(default_factory=dict)  # page -> MCIDs outside tree and artifacts
    artifacts: dict[int, int] = field(default_factory=dict)  # page -> number of artifact sequences


def read_structure(pdf: Any) -> Structure:
    import pikepdf

    structure = Structure()
    root = pdf.Root
    structure.lang = str(root.get("/Lang", ""))
    preferences = root.get("/ViewerPreferences", {})
    structure.display_title = bool(preferences.get("/DisplayDocTitle", False))
    with pdf.open_metadata() as xmp:
        part = xmp.get("pdfuaid:part")
        structure.pdfua_part = str(part) if part is not None else None
    pages = {page.objgen: number for number, page in enumerate(pdf.pages, 1)}
    for number, page in enumerate(pdf.pages, 1):
        for annotation in page.get("/Annots", []):
            if annotation.get("/Subtype") == "/Link":
                contents = str(annotation.get("/Contents", "")).strip()
                structure.link_contents.append(contents)
                if not contents:
                    structure.links_without_contents.append(number)
    tree = root.get("/StructTreeRoot")
    structure.tagged = tree is not None and bool(root.get("/MarkInfo", {}).get("/Marked", False))
    if tree is None:
        return structure
    reached: dict[int, set[int]] = defaultdict(set)  # page number -> MCIDs the tree reaches

    def page_of(element: Any, inherited: int) -> int:
        page = element.get("/Pg") if isinstance(element, pikepdf.Dictionary) else None
        return pages.get(page.objgen, inherited) if page is not None else inherited

    def content(node: Any, page: int) -> bool:
        """Record the MCIDs under `node`; True when it reaches any content."""
        if isinstance(node, int) or (isinstance(node, pikepdf.Object) and node._type_name == "integer"):
            reached[page].add(int(node))
            return True
        if isinstance(node, pikepdf.Array):
            found = [content(kid, page) for kid in node]
            return any(found)
        if not isinstance(node, pikepdf.Dictionary):
            return False
        kind = node.get("/Type")
        if kind == "/MCR":
            reached[page_of(node, page)].add(int(node.MCID))
            return True
        if kind == "/OBJR":
            return True
        return element(node, page)

    def element(node: Any, page: int) -> bool:
        role = str(node.get("/S", ""))
        page = page_of(node, page)
        structure.roles.append(role)
        has_content = content(node.get("/K"), page) if "/K" in node else False
        if role in HEADINGS and not has_content:
            structure.empty_headings.append((role, page))
        if role == "/Figure":
            alt = str(node.get("/Alt", node.get("/ActualText", ""))).strip()
            structure.figure_alts.append(alt)
            if not alt:
                structure.figures_without_alt.append(page)
        if role == "/TH":
            attributes = node.get("/A")
            dictionaries = list(attributes) if isinstance(attributes, pikepdf.Array) else [attributes]
            if not any(isinstance(d, pikepdf.Dictionary) and "/Scope" in d for d in dictionaries):
                structure.headers_without_scope.append(page)
        return has_content

    content(tree.get("/K"), 0)
    for number, page in enumerate(pdf.pages, 1):
        opened, artifacts = set(), 0
        for operands, operator in pikepdf.parse_content_stream(page):
            name = str(operator)
            if name == "BDC" and len(operands) == 2 and isinstance(operands[1], pikepdf.Dictionary):
                if str(operands[0]) == "/Artifact":
                    artifacts += 1
                elif "/MCID" in operands[1]:
                    opened.add(int(operands[1].MCID))
            elif name in ("BMC", "BDC") and str(operands[0]) == "/Artifact":
                artifacts += 1
        structure.artifacts[number] = artifacts
        orphans = opened - reached.get(number, set())
        if orphans:
            structure.orphan_content[number] = orphans
    return structure
