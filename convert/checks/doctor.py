"""`convert doctor`: is this machine able to build every edition? Each check says what is missing
and the command that fixes it; the exit code is 1 when a required piece is missing."""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from typing import Callable, Sequence

APT = "apt-get install -y"


@dataclass(frozen=True)
class Check:
    name: str
    problem: str | None  # None when fine
    detail: str = ""
    fix: str = ""
    required: bool = True


def check_pandoc() -> Check:
    try:
        from ..readers.pandoc import PANDOC_API, pandoc_version
        version = pandoc_version()
    except Exception as exc:  # pypandoc raises OSError or its own error when pandoc is absent
        return Check("pandoc", f"not usable ({exc})", fix="pip install --force-reinstall pypandoc-binary")
    major = int(version.split(".")[0]) if version.split(".")[0].isdigit() else 0
    if major < 3:
        return Check("pandoc", f"version {version} is too old (AST {PANDOC_API} needs pandoc 3)",
                     fix="pip install -U pypandoc-binary")
    return Check("pandoc", None, f"{version} (bundled by pypandoc-binary)")


def check_pango() -> Check:
    from ..writers.pdf.weasy import PANGO_FIX, pango_problem, pango_version
    problem = pango_problem()
    return Check("Pango", problem, "" if problem else pango_version(), fix=PANGO_FIX)


def check_harfbuzz_subset() -> Check:
    from ..writers.pdf.weasy import harfbuzz_subsetter_problem
    problem = harfbuzz_subsetter_problem()
    return Check("HarfBuzz subsetter", problem, "libharfbuzz-subset (fast font subsetting)",
                 fix=f"{APT} libharfbuzz-subset0")


def check_cjk_font(run: Callable[..., subprocess.CompletedProcess] = subprocess.run) -> Check:
    if not shutil.which("fc-list"):
        return Check("CJK font (SC)", "fontconfig's fc-list is missing", fix=f"{APT} fontconfig")
    listing = run(["fc-list", ":lang=zh-cn", "family"], capture_output=True, text=True).stdout
    families = sorted({f.strip() for line in listing.splitlines() for f in line.split(",")})
    sc = [f for f in families if f.endswith(" SC") or "SC " in f]
    if not sc:
        return Check("CJK font (SC)", "no Simplified Chinese (SC) font is installed",
                     fix=f"{APT} fonts-noto-cjk")
    return Check("CJK font (SC)", None, ", ".join(sc[:4]) + (" ..." if len(sc) > 4 else ""))


def check_emoji_font(run: Callable[..., subprocess.CompletedProcess] = subprocess.run) -> Check:
    """Emoji (pasted news is full of them) are drawn as empty boxes in the PDF without a font that has them."""
    if not shutil.which("fc-list"):
        return Check("emoji font", "fontconfig's fc-list is missing", fix=f"{APT} fontconfig", required=False)
    listing = run(["fc-list", ":charset=1f600", "family"], capture_output=True, text=True).stdout
    families = sorted({f.strip() for line in listing.splitlines() for f in line.split(",") if f.strip()})
    if not families:
        return Check("emoji font", "no font draws emoji: the PDF shows them as empty boxes",
                     fix=f"{APT} fonts-noto-color-emoji", required=False)
    return Check("emoji font", None, ", ".join(families[:3]), required=False)


def check_java(which: Callable[[str], str | None] = shutil.which) -> Check:
    java = which("java")
    if not java:
        return Check("Java (EPUBCheck)", "java is not on PATH", fix=f"{APT} default-jre-headless")
    done = subprocess.run([java, "-version"], capture_output=True, text=True)
    line = (done.stderr or done.stdout).splitlines()[0] if (done.stderr or done.stdout) else java
    return Check("Java (EPUBCheck)", None if done.returncode == 0 else "java does not run", line,
                 fix=f"{APT} default-jre-headless")


def check_tool(name: str, package: str, purpose: str, which: Callable[[str], str | None] = shutil.which) -> Check:
    found = which(name)
    return Check(f"{name} ({purpose})", None if found else f"{name} is not on PATH", found or "",
                 fix=f"{APT} {package}", required=False)


def check_themes() -> Check:
    """The shipped themes must be found (an installation without its package data has none) and each
    theme that can be named (shipped, the user's, installed packages') must load; every failure is named."""
    from ..theme import ThemeError, available_themes, load_theme, shipped_themes
    if not shipped_themes():
        return Check("themes", "no shipped theme is installed (convert.styles is missing from the package)",
                     fix="pip install --force-reinstall convert")
    themes = available_themes()
    problems = []
    for name in themes:
        try:
            load_theme(name)
        except ThemeError as exc:
            problems.append(f"{name}: {exc}")
    if problems:
        return Check("themes", "; ".join(problems), fix="fix, rename or remove the theme named above")
    return Check("themes", None, ", ".join(f"{name} ({source.origin})" for name, source in themes.items()))


def run_checks() -> list[Check]:
    return [check_themes(), check_pandoc(), check_pango(), check_harfbuzz_subset(), check_cjk_font(), check_emoji_font(),
            check_java(),
            check_tool("pdftoppm", "poppler-utils", "proof sheets, tests"),
            check_tool("soffice", "libreoffice-writer-nogui", "DOCX proof sheets, tests")]


def report(checks: Sequence[Check]) -> int:
    failed = False
    for check in checks:
        if check.problem is None:
            print(f"ok       {check.name}: {check.detail}")
            continue
        failed = failed or check.required
        status = "MISSING " if check.required else "optional"
        print(f"{status} {check.name}: {check.problem}\n         fix: {check.fix}")
    print("convert doctor: " + ("something required is missing" if failed else "all required pieces are here"))
    return 1 if failed else 0


def main(argv: Sequence[str] = ()) -> int:
    return report(run_checks())
