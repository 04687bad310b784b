"""What the tagged PDF needs beyond WeasyPrint's own PDF/UA-1 output, done in its public `finisher`
hook on the PDF objects it is about to write (nothing of WeasyPrint is patched):

- page furniture as artifacts: WeasyPrint 70 tags the running head and the page number (margin
  boxes) as marked content that no structure element holds, which PDF/UA-1 (7.1, 7.8) forbids; they
  become `/Artifact <</Type /Pagination>>` sequences. A picture the article gives no description
  (`alt=""`, decorative) becomes an artifact too, instead of a Figure without /Alt;
- table header cells say what they head (`/Scope /Column`, as the markup's `scope="col"`), and the
  paragraphs of a loose list's items sit in an `LBody`, as list items hold them;
- links are described by their text and their destination (/Contents), not by the address alone;
- an article in another language than the document's (an issue's) has its /Art elements say so
  (/Lang): WeasyPrint 70 sets /Lang on the catalog only, from the root's `lang`;
- a PDF/A-2b edition keeps the PDF/UA identifier in its XMP, declared by a PDF/A extension schema.

WeasyPrint's structure is read as version 70 writes it; when it is not as expected, the PDF is left
as WeasyPrint made it and the article is warned (`TaggingProblem`), never broken.
"""
from __future__ import annotations

import re
from typing import Any

from ...errors import warn

TESTED_MAJOR_VERSIONS = range(70, 71)  # the weasyprint pin of pyproject.toml (70.x)
_REFERENCE = re.compile(rb"^(\d+) 0 R$")


class TaggingProblem(Exception):
    """WeasyPrint's structure is not what this module knows how to finish."""


def finish_tags(document: Any, pdf: Any, *, pdfa: bool) -> None:
    """Complete the structure of a tagged PDF (see the module's docstring); warn instead of failing."""
    import weasyprint

    major = int(weasyprint.__version__.split(".")[0])
    if major not in TESTED_MAJOR_VERSIONS:
        warn(f"PDF: WeasyPrint {weasyprint.__version__} is untested here: running heads and page numbers "
             "stay tagged content, not artifacts")
        return
    try:
        _Finisher(document, pdf).run()
    except TaggingProblem as exc:
        warn(f"PDF: the tagged structure was left as WeasyPrint made it ({exc}); running heads and page "
             "numbers may be read aloud")
    if pdfa:
        add_pdfua_identifier(pdf)


class _Finisher:
    def __init__(self, document: Any, pdf: Any) -> None:
        import pydyf

        self.pydyf = pydyf
        self.document, self.pdf = document, pdf
        self.objects = {obj.number: obj for obj in pdf.objects if hasattr(obj, "number") and obj.number is not None}

    def get(self, reference: Any) -> Any:
        match = _REFERENCE.match(reference if isinstance(reference, bytes) else str(reference).encode())
        if not match or int(match.group(1)) not in self.objects:
            raise TaggingProblem(f"unexpected reference {reference!r}")
        return self.objects[int(match.group(1))]

    def run(self) -> None:
        catalog = self.pdf.catalog
        if "StructTreeRoot" not in catalog:
            raise TaggingProblem("no structure tree")
        root = self.get(catalog["StructTreeRoot"])
        parent_tree = self.get(root["ParentTree"])
        nums = parent_tree.get("Nums")
        if nums is None or len(nums) % 2:
            raise TaggingProblem("no parent tree")
        reachable = self.reachable(root)
        decorative = {number for number in reachable
                      if self.objects[number].get("S") == "/Figure" and "Alt" not in self.objects[number]}
        for number in decorative:  # a picture without a description is not content: an artifact
            element = self.objects[number]
            parent = self.get(element["P"])
            parent["K"] = self.pydyf.Array(kid for kid in parent["K"] if kid != element.reference)
        reachable -= decorative
        kids = self.pdf.pages["Kids"]  # pydyf keeps them flat: number, 0, "R", number, 0, "R", ...
        pages = [self.objects.get(number) for number in kids[::3]]
        if not all(isinstance(page, dict) and page.get("Type") == "/Page" for page in pages):
            raise TaggingProblem("unexpected page list")
        for index in range(0, len(nums), 2):
            key, value = nums[index], nums[index + 1]
            if not isinstance(value, list) or not isinstance(key, int) or key >= len(pages):
                continue  # an annotation's entry
            furniture = {mcid for mcid, reference in enumerate(value)
                         if reference != b"null" and self.number(reference) not in reachable}
            if furniture:
                self.artifact(pages[key], furniture)
                nums[index + 1] = self.pydyf.Array(b"null" if mcid in furniture else reference
                                                   for mcid, reference in enumerate(value))
        for number in sorted(reachable):
            element = self.objects[number]
            if element.get("S") == "/TH":
                self.scope(element)
            elif element.get("S") == "/LI":
                self.list_body(element)
        self.describe_links()
        self.article_languages(reachable)

    def number(self, reference: Any) -> int:
        match = _REFERENCE.match(reference if isinstance(reference, bytes) else str(reference).encode())
        return int(match.group(1)) if match else -1

    def reachable(self, root: Any) -> set[int]:
        """The structure elements the tree holds, from its root down."""
        seen: set[int] = set()
        stack = list(root["K"])
        while stack:
            kid = stack.pop()
            number = self.number(kid) if isinstance(kid, (bytes, str)) else -1
            if number < 0 or number in seen:
                continue
            element = self.objects.get(number)
            if not isinstance(element, dict) or element.get("Type") != "/StructElem":
                continue
            seen.add(number)
            stack.extend(element.get("K", ()))
        return seen

    def artifact(self, page: Any, mcids: set[int]) -> None:
        """Turn the marked-content sequences `mcids` of `page` into pagination artifacts."""
        stream = self.get(page["Contents"])
        items = stream.stream
        found = set()
        for index, item in enumerate(items):
            if (isinstance(item, dict) and item.get("MCID") in mcids and index + 1 < len(items)
                    and items[index + 1] == b"BDC" and index > 0):
                found.add(item["MCID"])
                items[index - 1] = "/Artifact"
                items[index] = self.pydyf.Dictionary({"Type": "/Pagination"})
        if found != mcids:
            raise TaggingProblem(f"marked content {sorted(mcids - found)[:3]} not found on its page")
        if "StructParents" not in page:
            raise TaggingProblem("a page without StructParents")

    def scope(self, element: Any) -> None:
        """`/Scope`: a header cell in the table's head row heads its column; one elsewhere, its row."""
        row = self.get(element["P"])
        group = self.get(row["P"])
        attributes = element.setdefault("A", self.pydyf.Dictionary({"O": "/Table"}))
        if isinstance(attributes, dict):
            attributes["Scope"] = "/Column" if group.get("S") == "/THead" else "/Row"

    def list_body(self, item: Any) -> None:
        """A list item holds a label and a body (PDF 32000-1, 14.8.4.3.3): the paragraphs WeasyPrint puts
        straight into an `LI` (a loose list's `<li><p>`) are wrapped in an `LBody`."""
        kids = list(item.get("K", ()))
        loose = [kid for kid in kids if isinstance(kid, bytes) and self.number(kid) in self.objects
                 and self.objects[self.number(kid)].get("S") not in ("/Lbl", "/LBody")]
        if not loose or any(isinstance(kid, int) for kid in kids):
            return
        body = self.pydyf.Dictionary({"Type": "/StructElem", "S": "/LBody", "K": self.pydyf.Array(loose),
                                      "P": item.reference})
        if "Pg" in item:
            body["Pg"] = item["Pg"]
        self.pdf.add_object(body)
        self.objects[body.number] = body
        for kid in loose:
            self.objects[self.number(kid)]["P"] = body.reference
        first = kids.index(loose[0])
        item["K"] = self.pydyf.Array([*(k for k in kids[:first] if k not in loose), body.reference,
                                      *(k for k in kids[first:] if k not in loose)])

    def article_languages(self, reachable: set[int]) -> None:
        """/Lang on the /Art elements of an article whose `lang` is not the document's. WeasyPrint makes
        one /Art per page an article's boxes are on, in the order of the page's boxes; they are paired
        with the article boxes of that page in the same order."""
        document_lang = _text(self.pdf.catalog.get("Lang"))
        references = [str(reference) for reference in self.pdf.page_references]
        arts: dict[int, list[Any]] = {}
        for number in sorted(reachable):
            element = self.objects[number]
            if element.get("S") == "/Art" and str(element.get("Pg")) in references:
                arts.setdefault(references.index(str(element.get("Pg"))), []).append(element)
        for index, page in enumerate(self.document.pages):
            langs = [box.element.get("lang") or "" for box in _descendants(page._page_box)
                     if box.element is not None and box.element_tag == "article"]
            elements = arts.get(index, [])
            if len(langs) != len(elements):
                raise TaggingProblem(f"page {index + 1}: {len(langs)} article boxes, {len(elements)} /Art elements")
            for lang, element in zip(langs, elements):
                if lang and lang != document_lang:
                    element["Lang"] = self.pydyf.String(lang)

    def describe_links(self) -> None:
        """Each link annotation's /Contents: the link's text and where it leads."""
        for page in self.document.pages:
            for box in _descendants(page._page_box):
                annotation = getattr(box, "link_annotation", None)
                if annotation is None or box.element is None:
                    continue
                text = " ".join("".join(box.element.itertext()).split())
                action = annotation.get("A")
                target = action.get("URI") if isinstance(action, dict) else annotation.get("Contents")
                destination = _text(target)
                description = text if not destination or destination in text else f"{text} ({destination})"
                if description:
                    annotation["Contents"] = self.pydyf.String(description)


def _descendants(box: Any) -> Any:
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)


def _text(value: Any) -> str:
    """The text of a pydyf String (or of plain text)."""
    value = getattr(value, "string", value)
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value or "")


# ---------------------------------------------------------------- XMP

_PDFUA_EXTENSION = b"""<rdf:Description xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" rdf:about=""
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"><pdfaExtension:schemas><rdf:Bag>
<rdf:li rdf:parseType="Resource"><pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>
<rdf:Description xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" rdf:about=""
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"/>
"""


def add_pdfua_identifier(pdf: Any) -> None:
    """The PDF/UA-1 identifier in an archival (PDF/A-2b) edition's XMP, which WeasyPrint writes for one
    variant only; PDF/A-2 accepts a schema outside its own list only with this extension schema."""
    import pydyf

    for obj in pdf.objects:
        if isinstance(obj, pydyf.Stream) and obj.extra.get("Type") == "/Metadata":
            obj.stream = [part.replace(b"</rdf:RDF>", _PDFUA_EXTENSION + b"</rdf:RDF>", 1)
                          if isinstance(part, bytes) else part for part in obj.stream]
            return
    warn("PDF: no XMP metadata to hold the PDF/UA identifier")
