"""What the PDF writer does to WeasyPrint, and what it leaves behind: the Chinese line hooks (`justify`)
and the import shortcuts (`weasy`) run only on a tested WeasyPrint, fall back to WeasyPrint's own
code when its internals are not what they expect (with a warning for every article that degraded),
and nothing of them is left in the process for a library user.
"""
from __future__ import annotations

import collections
import io
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest

import convert
from convert.builder import Options
from convert.theme import load_theme
from convert.writers.pdf import gaps, justify, weasy

MM = 72 / 25.4
UNTESTED = "999.0"  # a WeasyPrint version no one has tested
HARBOR = Path(__file__).resolve().parent.parent / "seeds" / "zh-news-harbor" / "article.md"

_PARAGRAPHS = [
    "港口今年完成集装箱吞吐量再创新高，码头作业效率持续提升，LNG加注业务也在稳步推进。" * 9,
    "城市公共交通线网优化方案公布后，市民出行时间明显缩短，App查询量随之增长了三成。" * 9,
]


def articles(tmp_path: Path) -> list[Path]:
    """Two Chinese articles, each one long paragraph with Han/Latin gaps (so many justified lines)."""
    made = []
    for number, paragraph in enumerate(_PARAGRAPHS, 1):
        path = tmp_path / f"article{number}.md"
        path.write_text(f"# 第{number}篇\n\n{paragraph}\n", encoding="utf-8")
        made.append(path)
    return made


def build(paths: list[Path], outdir: Path) -> list[convert.Outcome]:
    """Both articles in this one process (`jobs=1`), each with its own warnings."""
    outcomes = convert.build(paths, ["pdf"], outdir, Options(offline=True), jobs=1, force=True)
    assert [o.ok for o in outcomes] == [True] * len(paths), [o.error for o in outcomes]
    return outcomes


def degraded(outcome: convert.Outcome) -> list[str]:
    return [w for w in outcome.warnings if w.startswith(justify.DEGRADED)]


def glyphs(data: bytes) -> list[tuple[int, str, float, float]]:
    """Every character drawn: (page, text, x, top), to compare two layouts."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [(number, c["text"], round(c["x0"], 2), round(c["top"], 2))
                for number, page in enumerate(pdf.pages) for c in page.chars]


def body_text(data: bytes) -> str:
    return "".join(text for _, text, _, _ in glyphs(data))


def short_line_ends(data: bytes) -> list[float]:
    """How far short of the right margin each body line ends, but the paragraph's last (pt)."""
    theme = load_theme()
    size, right = theme.text.size_pt, 210 * MM - theme.page.margin_mm[1] * MM
    rows: dict[tuple[int, float], list[float]] = collections.defaultdict(list)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages):
            for c in page.chars:
                if abs(c["size"] - size) < 0.05:
                    rows[number, round(c["top"])].append(c["x1"])
    ends = [right - max(x1s) for _, x1s in sorted(rows.items()) if len(x1s) > 10]
    return ends[:-1]


def pdf_of(outcome: convert.Outcome) -> bytes:
    return outcome.output.read_bytes()  # type: ignore[union-attr]


@pytest.fixture
def plain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The two articles as plain WeasyPrint lays them out: the version check says "untested"."""
    with monkeypatch.context() as patch:
        patch.setattr(weasy, "weasyprint_version", lambda: UNTESTED)
        return [pdf_of(o) for o in build(articles(tmp_path), tmp_path / "plain")]


# ---------------------------------------------------------------- the normal path


def test_tested_weasyprint_justifies_without_warning_and_unhooks(tmp_path: Path, plain: list[bytes]) -> None:
    from weasyprint.layout import inline
    from weasyprint.text import line_break

    assert weasy.weasyprint_version() in weasy.TESTED
    outcomes = build(articles(tmp_path), tmp_path / "out")
    for outcome, plain_pdf in zip(outcomes, plain):
        assert not degraded(outcome), outcome.warnings
        ends = short_line_ends(pdf_of(outcome))
        assert len(ends) >= 5 and all(abs(end) < 0.6 for end in ends), ends
        assert any(end > 1 for end in short_line_ends(plain_pdf))  # WeasyPrint alone leaves them ragged
        assert body_text(pdf_of(outcome)) == body_text(plain_pdf)
    assert not justify.hooks_installed()
    assert inline.justify_line.__module__ == inline.text_align.__module__ == "weasyprint.layout.inline"
    assert line_break.Layout.set_text.__module__ == "weasyprint.text.line_break"


# ---------------------------------------------------------------- forcing the fallback


def test_untested_weasyprint_is_left_alone_and_each_article_warned(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plain: list[bytes]) -> None:
    monkeypatch.setattr(weasy, "weasyprint_version", lambda: UNTESTED)

    def never(*_: object) -> None:
        raise AssertionError("WeasyPrint's functions were wrapped on an untested version")

    monkeypatch.setattr(justify, "_install", never)
    outcomes = build(articles(tmp_path), tmp_path / "out")
    for outcome, expected in zip(outcomes, _PARAGRAPHS):
        warnings = degraded(outcome)
        expected_reason = f"WeasyPrint {UNTESTED} is not a tested version ({', '.join(weasy.TESTED)})"
        assert len(warnings) == 1 and expected_reason in warnings[0], warnings
        assert expected[:40] in body_text(pdf_of(outcome))
    assert [glyphs(pdf_of(o)) for o in outcomes] == [glyphs(data) for data in plain]


def test_internals_failing_mid_line_fall_back_to_weasyprints_own_layout(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plain: list[bytes]) -> None:
    """A failure after the whole line was stretched, and one while trimming gaps: each such line is
    laid out exactly as WeasyPrint alone lays it out, and each article says so."""
    from weasyprint.formatting_structure import boxes

    apply = justify._Stretcher.apply

    def apply_then_fail(self: justify._Stretcher, box: object, x_advance: float) -> float:
        advance = apply(self, box, x_advance)
        if isinstance(box, boxes.LineBox):
            raise AttributeError("'LineBox' object has no attribute 'justification_spacing'")
        return advance

    def no_class(box: object, side: str) -> float:
        raise KeyError("class")

    monkeypatch.setattr(justify._Stretcher, "apply", apply_then_fail)
    monkeypatch.setattr(gaps, "_gap_margin", no_class)
    outcomes = build(articles(tmp_path), tmp_path / "out")
    for outcome in outcomes:
        warnings = degraded(outcome)
        assert any("justify_line (AttributeError" in w for w in warnings), outcome.warnings
        assert any("text_align (KeyError" in w for w in warnings), outcome.warnings
    assert [glyphs(pdf_of(o)) for o in outcomes] == [glyphs(data) for data in plain]
    assert not justify.hooks_installed()


def test_letter_spacing_failing_at_draw_time_keeps_the_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fails(layout: object, spacing: float) -> None:
        raise TypeError("pango_attr_letter_spacing_new() takes 2 arguments")

    monkeypatch.setattr(justify, "_add_letter_spacing", fails)
    outcomes = build(articles(tmp_path), tmp_path / "out")
    for outcome, expected in zip(outcomes, _PARAGRAPHS):
        assert any("Layout.set_text (TypeError" in w for w in degraded(outcome)), outcome.warnings
        assert expected[:40] in body_text(pdf_of(outcome))


def test_hooks_that_cannot_be_installed_degrade_each_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> None:
        raise AttributeError("module 'weasyprint.layout.inline' has no attribute 'justify_line'")

    monkeypatch.setattr(justify, "_install", missing)
    outcomes = build(articles(tmp_path), tmp_path / "out")
    for outcome in outcomes:
        assert any("installing the line hooks" in w for w in degraded(outcome)), outcome.warnings
    assert not justify.hooks_installed()


def test_warning_is_collected_by_a_library_caller_for_each_article(monkeypatch: pytest.MonkeyPatch) -> None:
    from convert.errors import collect_warnings

    monkeypatch.setattr(weasy, "weasyprint_version", lambda: UNTESTED)
    for _ in range(2):
        with collect_warnings() as warnings:
            convert.convert(HARBOR, to="pdf", offline=True, page_size="A5")
        assert sum(w.startswith(justify.DEGRADED) and UNTESTED in w for w in warnings) == 1, warnings


# ---------------------------------------------------------------- nothing left in the process


_LEAK_CHECK = """
import ctypes.util, sys, types
find_library, meta_path, path_hooks = ctypes.util.find_library, list(sys.meta_path), list(sys.path_hooks)

def untouched(when):
    assert ctypes.util.find_library is find_library, when
    assert sys.meta_path == meta_path and sys.path_hooks == path_hooks, when
    stand_ins = [name for name, module in sys.modules.items() if type(module).__name__ == "_Deferred"]
    assert not stand_ins, (when, stand_ins)
    for package in ("fontTools", "fontTools.varLib"):
        if package in sys.modules:
            odd = [name for name, value in vars(sys.modules[package]).items() if type(value).__name__ == "_Deferred"]
            assert not odd, (when, package, odd)

import convert
untouched("import convert")
assert "weasyprint" not in sys.modules and "convert.writers.pdf" not in sys.modules
convert.convert(sys.argv[1], to="pdf", offline=True, page_size="A5")
untouched("after a PDF")
from weasyprint.layout import inline
from weasyprint.text import line_break
assert inline.justify_line.__module__ == inline.text_align.__module__ == "weasyprint.layout.inline"
assert line_break.Layout.set_text.__module__ == "weasyprint.text.line_break"
assert "fontTools.subset" not in sys.modules  # still deferred: HarfBuzz subset the fonts
import fontTools.subset
from fontTools.varLib.instancer import instantiateVariableFont
import weasyprint.pdf.fonts as fonts
assert type(sys.modules["fontTools.subset"]) is types.ModuleType
assert fonts.subset.Subsetter is fontTools.subset.Subsetter
print("clean")
"""


def test_nothing_is_left_in_the_process_of_a_library_user() -> None:
    done = subprocess.run([sys.executable, "-c", _LEAK_CHECK, str(HARBOR)], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == "clean", done.stderr[-2000:]


_IMPORT_CHECK = """
import ctypes.util, sys, types
calls = []
def spy(name):
    calls.append(name)
    return None
ctypes.util.find_library = spy
from convert.writers.pdf import weasy
if sys.argv[1] == "untested":
    weasy.weasyprint_version = lambda: "999.0"
weasy.import_weasyprint()
assert ctypes.util.find_library is spy
import weasyprint.pdf.fonts as fonts
print(len(calls), "fontTools.subset" in sys.modules, type(fonts.subset).__name__)
"""


@pytest.mark.parametrize("version", ["tested", "untested"])
def test_import_shortcuts_only_on_a_tested_weasyprint(version: str) -> None:
    """Tested: no library search and fontTools' subsetter not imported; untested: WeasyPrint's own import."""
    done = subprocess.run([sys.executable, "-c", _IMPORT_CHECK, version], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    searches, subsetter_imported, bound = done.stdout.split()
    if version == "tested":
        assert (int(searches), subsetter_imported, bound) == (0, "False", "_Deferred")
    else:
        assert int(searches) > 0 and (subsetter_imported, bound) == ("True", "module")


def test_deferred_fonttools_is_the_real_thing_when_weasyprint_needs_it() -> None:
    """WeasyPrint subsets with fontTools when HarfBuzz cannot, and instantiates variable fonts: what it
    bound at import reaches the real fontTools."""
    weasy.import_weasyprint()
    import traceback

    import weasyprint.pdf.fonts as fonts

    assert fonts.subset.Subsetter(fonts.subset.Options()).__class__.__module__ == "fontTools.subset"
    with pytest.raises(Exception) as raised:
        fonts.instantiateVariableFont(None, {})  # not a font: the real function says so
    frames = traceback.extract_tb(raised.value.__traceback__)
    assert any(frame.filename.endswith("fontTools/varLib/instancer/__init__.py") for frame in frames), frames


_FAILING_IMPORT = """
import ctypes.util, sys
find_library, failures = ctypes.util.find_library, int(sys.argv[1])

class CannotLoadPango:
    def find_spec(self, name, path=None, target=None):
        global failures
        if name == "weasyprint.text.ffi" and failures:
            failures -= 1
            raise OSError("cannot load library 'libpango-1.0-0'")

sys.meta_path.insert(0, CannotLoadPango())
from convert.writers.pdf import weasy
try:
    weasy.import_weasyprint()
    outcome = "imported"
except OSError:
    outcome = "raised"
assert ctypes.util.find_library is find_library
assert not [name for name, module in sys.modules.items() if type(module).__name__ == "_Deferred"]
print(outcome, failures)
"""


@pytest.mark.parametrize("failures, outcome", [(1, "imported"), (2, "raised")])
def test_find_library_is_restored_when_the_quick_import_fails(failures: int, outcome: str) -> None:
    """The quick import failing is retried with the library search; failing again, it raises. Either
    way ctypes.util.find_library is WeasyPrint's to use again and no stand-in is left."""
    done = subprocess.run([sys.executable, "-c", _FAILING_IMPORT, str(failures)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == [outcome, "0"]
