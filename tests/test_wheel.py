"""convert installs anywhere: the sdist and the wheel hold the whole package, the sdist builds a wheel,
and that wheel, installed into a fresh virtualenv (not editable, no repository on sys.path), converts an
article from a folder outside the repository. The version is written once, in pyproject.toml.

One build and one virtualenv serve the whole session. Dependency wheels are kept in the pytest cache
(`.pytest_cache/d/convert-wheelhouse`), so only the first run on a machine downloads them.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from lxml import html as lxml_html
from PIL import Image
from pypdf import PdfReader

from conftest import ROOT

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
SHIPPED = {"default", "modern", "ereader"}


def run(*args: object, cwd: Path | None = None, env: dict[str, str] | None = None,
        check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True)
    if check and done.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, args))} exited {done.returncode}\n{done.stdout}\n{done.stderr}")
    return done


# --- The version is written once -------------------------------------------------------------------

def test_the_version_is_written_only_in_pyproject() -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git work tree: the repository's files cannot be listed")
    listed = run("git", "ls-files", "--cached", "--others", "--exclude-standard", cwd=ROOT).stdout.split("\n")
    pattern = re.compile(rf"(?<![\w.]){re.escape(VERSION)}(?![\w.])")
    # tests/tools/package-lock.json pins the npm packages of the validators: their versions, not ours
    spelled = [name for name in listed if name and name not in ("pyproject.toml", "tests/tools/package-lock.json")
               and (ROOT / name).is_file()
               and pattern.search((ROOT / name).read_bytes().decode("utf-8", "replace"))]
    assert spelled == [], f"the version {VERSION} is also written in {spelled}: use convert.__version__"


def test_version_and_manifest_key_follow_the_package_metadata(monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    import convert
    from convert import cli
    from convert.builder import Options
    from convert.builder.manifest import edition_key
    from convert.theme import load_theme
    assert convert.__version__ == VERSION  # the editable install's metadata, from pyproject.toml
    with pytest.raises(SystemExit):
        cli.main(["--version"])
    assert capsys.readouterr().out.strip() == f"convert {VERSION}"
    key = edition_key("html", load_theme("default"), Options(), "digest", {})
    monkeypatch.setattr(convert, "__version__", "9.9.9")
    assert edition_key("html", load_theme("default"), Options(), "digest", {}) != key


# --- The sdist and the wheel ----------------------------------------------------------------------

@dataclass(frozen=True)
class Built:
    sdist: Path
    wheel: Path  # built from the sdist, not from the repository


# What .gitignore keeps out of a clone: a stale convert.egg-info/SOURCES.txt in the work tree would put
# files into the sdist (and through it the wheel) that the package list forgot, hiding the mistake.
NOT_IN_A_CLONE = shutil.ignore_patterns(".git", ".venv", "dist", "build", "*.egg-info", "__pycache__",
                                        ".pytest_cache", ".hypothesis", "proofs", "*.part")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The sdist of a clean copy of the work tree (uncommitted changes included), and a wheel built from it."""
    tree = tmp_path_factory.mktemp("tree") / "convert"
    shutil.copytree(ROOT, tree, ignore=NOT_IN_A_CLONE, symlinks=True)
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--sdist", "--outdir", out, tree)
    (sdist,) = out.glob("convert-*.tar.gz")
    unpacked = tmp_path_factory.mktemp("sdist")
    with tarfile.open(sdist) as archive:
        archive.extractall(unpacked, filter="data")
    run(sys.executable, "-m", "build", "--wheel", "--outdir", out, unpacked / f"convert-{VERSION}")
    (wheel,) = out.glob("convert-*.whl")
    return Built(sdist, wheel)


def package_files() -> tuple[list[str], list[str]]:
    """The repository's modules (relative to ROOT) and its shipped theme files."""
    modules = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "convert").rglob("*.py") if "__pycache__" not in p.parts)
    styles = sorted(p.name for p in (ROOT / "styles").iterdir() if p.suffix in (".toml", ".py"))
    return modules, styles


@pytest.mark.slow
def test_sdist_and_wheel_hold_every_module_and_theme(built: Built) -> None:
    modules, styles = package_files()
    assert len(modules) > 40 and {"default.toml", "modern.toml", "ereader.toml", "__init__.py"} <= set(styles)
    with zipfile.ZipFile(built.wheel) as wheel:
        in_wheel = set(wheel.namelist())
        metadata = wheel.read(f"convert-{VERSION}.dist-info/METADATA").decode()
        entry_points = wheel.read(f"convert-{VERSION}.dist-info/entry_points.txt").decode()
    assert built.wheel.name == f"convert-{VERSION}-py3-none-any.whl"
    assert [m for m in modules if m not in in_wheel] == []
    assert [s for s in styles if f"convert/styles/{s}" not in in_wheel] == []
    assert not {n for n in in_wheel if n.split("/")[0] in ("styles", "tests", "seeds")}
    assert f"\nVersion: {VERSION}\n" in metadata and "\nLicense-Expression: MIT\n" in metadata
    assert "convert = convert.launch:command" in entry_points
    with tarfile.open(built.sdist) as sdist:
        in_sdist = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert [m for m in modules if m not in in_sdist] == []
    assert [s for s in styles if f"styles/{s}" not in in_sdist] == []  # the source layout: mapped on install
    assert {"pyproject.toml", "README.md"} <= in_sdist


# --- The wheel installed into a fresh virtualenv ----------------------------------------------------

@dataclass(frozen=True)
class Venv:
    root: Path
    python: Path
    convert: Path
    styles: Path  # the installed convert/styles folder
    work: Path  # a folder outside the repository, the current folder of every run
    wheelhouse: Path

    def env(self) -> dict[str, str]:
        """No PYTHONPATH, no user themes (an empty XDG_CONFIG_HOME); .pyc files may be written."""
        env = {k: v for k, v in os.environ.items()
               if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONDONTWRITEBYTECODE")}
        env["XDG_CONFIG_HOME"] = str(self.root.parent / "config")
        return env

    def run(self, *args: object, check: bool = True, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return run(*args, cwd=cwd or self.work, env=self.env(), check=check)

    def pip(self, *args: object) -> subprocess.CompletedProcess[str]:
        return run(sys.executable, "-m", "pip", "--python", self.python, *args, cwd=self.work, env=self.env())


def install_with_wheelhouse(python: Path, wheel: Path, wheelhouse: Path, env: dict[str, str]) -> None:
    """Install `wheel` and its dependencies from the wheelhouse; fill it first when it lacks some."""
    pip = [sys.executable, "-m", "pip", "--python", python]
    offline = [*pip, "install", "-q", "--no-compile", "--no-index", "--find-links", wheelhouse, wheel]
    if run(*offline, env=env, check=False).returncode == 0:
        return
    run(sys.executable, "-m", "pip", "wheel", "-q", "--wheel-dir", wheelhouse, wheel, env=env)
    for own in wheelhouse.glob("convert-*.whl"):
        own.unlink()
    run(*offline, env=env)


@pytest.fixture(scope="session")
def venv(built: Built, tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config) -> Venv:
    base = tmp_path_factory.mktemp("installed")
    root = base / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", root)  # never --system-site-packages
    python = root / "bin" / "python"
    work = base / "work"
    work.mkdir()
    (base / "config").mkdir()
    wheelhouse = pytestconfig.cache.mkdir("convert-wheelhouse")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    install_with_wheelhouse(python, built.wheel, wheelhouse, env)
    site = run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=work, env=env).stdout.strip()
    return Venv(root, python, root / "bin" / "convert", Path(site) / "convert" / "styles", work, wheelhouse)


@pytest.mark.slow
def test_installed_wheel_runs_from_any_folder(venv: Venv) -> None:
    where = venv.run(venv.python, "-c", "import convert, sys; from importlib.metadata import version; "
                                        "print(version('convert'), convert.__file__, *sys.path, sep='\\n')")
    metadata, module, *path = where.stdout.splitlines()
    assert metadata == VERSION
    site = next(p for p in path if p.endswith("site-packages"))
    assert Path(module).is_relative_to(venv.root) and Path(site).is_relative_to(venv.root)
    assert not any(Path(p).resolve().is_relative_to(ROOT) for p in path if p), path
    assert not any(Path(site).glob("__editable__*"))
    assert venv.styles == Path(site) / "convert" / "styles" and venv.styles.is_dir()

    assert venv.run(venv.convert, "--version").stdout.strip() == f"convert {VERSION}"

    listed = venv.run(venv.convert, "--list-styles").stdout.splitlines()
    assert {line.split()[0] for line in listed} == SHIPPED
    assert all(line.endswith("[shipped]") for line in listed)

    doctor = venv.run(venv.convert, "doctor")
    assert "ok       themes: default (shipped), ereader (shipped), modern (shipped)" in doctor.stdout


def write_article(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (480, 300), (30, 90, 160)).save(folder / "ferry.png")
    article = folder / "article.md"
    article.write_text(
        "# Harbour opens a night ferry\n\n"
        "The harbour opened its first night ferry on Monday, carrying commuters across the bay.\n\n"
        "![The new ferry at the east pier](ferry.png)\n\n"
        "新航线每晚运行至凌晨一点，乘客可以携带自行车上船。\n", encoding="utf-8")
    return article


PHRASES = ["Harbour opens a night ferry", "carrying commuters across the bay", "The new ferry at the east pier",
           "新航线每晚运行至凌晨一点"]


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.slow
def test_installed_wheel_converts_an_article_to_every_edition(venv: Venv) -> None:
    story = venv.work / "story"
    write_article(story)
    venv.run(venv.convert, "--to", "pdf", "--to", "epub", "--to", "docx", "article.md", cwd=story)
    (pdf_file,), (epub_file,), (docx_file,) = (list((story / "dist").glob(f"*.{s}")) for s in ("pdf", "epub", "docx"))

    pdf = PdfReader(pdf_file)
    pdf_text = squeezed("".join(page.extract_text() for page in pdf.pages))
    assert [p for p in PHRASES if squeezed(p) not in pdf_text] == []
    assert sum(len(page.images) for page in pdf.pages) == 1

    with zipfile.ZipFile(epub_file) as book:
        names = book.namelist()
        pages = [lxml_html.fromstring(book.read(n)) for n in names if n.endswith(".xhtml")]
        images = [n for n in names if n.lower().endswith((".png", ".jpg", ".jpeg"))]
        epub_text = squeezed(" ".join(page.text_content() for page in pages))
        sources = [img.get("src") for page in pages for img in page.iter("img")]
    assert [p for p in PHRASES if squeezed(p) not in epub_text] == []
    assert any(src and any(n.endswith(Path(src).name) for n in images) for src in sources), (sources, images)

    word = docx.Document(str(docx_file))
    docx_text = squeezed("".join(paragraph.text for paragraph in word.paragraphs))
    assert [p for p in PHRASES if squeezed(p) not in docx_text] == []
    assert len(word.inline_shapes) == 1


TINY_THEME = {
    "pyproject.toml": '[build-system]\nrequires = ["setuptools>=77"]\nbuild-backend = "setuptools.build_meta"\n\n'
                      '[project]\nname = "convert-newsroom-theme"\nversion = "1.0"\n\n'
                      '[project.entry-points."convert.styles"]\nnewsroom = "convert_newsroom_theme"\n\n'
                      '[tool.setuptools.package-data]\nconvert_newsroom_theme = ["*.toml"]\n',
    "convert_newsroom_theme/__init__.py": "",
    "convert_newsroom_theme/newsroom.toml": 'name = "newsroom"\ndescription = "the newsroom house style"\n'
                                            'extends = "default"\n[colors]\nheading = "#004488"\n',
}


def tiny_theme_wheel(folder: Path, cache: Path) -> Path:
    """A third-party theme package, built once per content into the wheelhouse."""
    digest = hashlib.sha256(repr(sorted(TINY_THEME.items())).encode()).hexdigest()[:12]
    built = cache / f"newsroom-theme-{digest}"
    if not list(built.glob("*.whl")):
        for name, text in TINY_THEME.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
        run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--wheel-dir", built, folder)
    (wheel,) = built.glob("*.whl")
    return wheel


@pytest.mark.slow
def test_installed_theme_package_is_found_through_its_entry_point(venv: Venv, tmp_path: Path) -> None:
    venv.pip("install", "-q", "--no-deps", "--no-compile", tiny_theme_wheel(tmp_path, venv.wheelhouse))
    try:
        listed = venv.run(venv.convert, "--list-styles").stdout
        assert re.search(r"^newsroom +the newsroom house style  \[package convert-newsroom-theme\]$", listed, re.M)
        story = venv.work / "newsroom-story"
        write_article(story)
        venv.run(venv.convert, "--to", "html", "--style", "newsroom", "article.md", cwd=story)
        (html_file,) = (story / "dist").glob("*.html")
        page = html_file.read_text(encoding="utf-8")
        assert "#004488" in page and "Harbour opens a night ferry" in page
    finally:
        venv.pip("uninstall", "-q", "-y", "convert-newsroom-theme")


@pytest.mark.slow
def test_an_installation_without_its_themes_says_so(venv: Venv, tmp_path: Path) -> None:
    kept = tmp_path / "kept"
    kept.mkdir()
    themes = sorted(venv.styles.glob("*.toml"))
    assert {t.stem for t in themes} == SHIPPED
    for theme in themes:
        shutil.move(theme, kept / theme.name)
    try:
        doctor = venv.run(venv.convert, "doctor", check=False)
        assert doctor.returncode == 1
        assert "MISSING  themes: no shipped theme is installed" in doctor.stdout
        listed = venv.run(venv.convert, "--list-styles", check=False)
        assert listed.returncode == 1 and listed.stdout == ""
        assert "no theme found (the installation has lost its styles: reinstall convert)" in listed.stderr
        story = venv.work / "themeless"
        write_article(story)
        converted = venv.run(venv.convert, "--to", "html", "article.md", check=False, cwd=story)
        assert converted.returncode == 2 and "unknown style 'default'; available styles: none" in converted.stderr
    finally:
        for theme in themes:
            shutil.move(kept / theme.name, theme)
    assert venv.run(venv.convert, "doctor").returncode == 0
