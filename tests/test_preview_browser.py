"""`convert preview` in a real browser: Debian's Chromium, headless, driven by Playwright through the
system executable (nothing is downloaded). The command runs as a user runs it; the tests edit the
article, its image and its theme on disk and watch the page change by itself, see a build error shown
as the CLI's own line above the last good preview, and look at each edition.

Screenshots of each edition go to the test's tmp folder, and to $CONVERT_PREVIEW_SHOTS when set.
A missing Chromium fails these tests: they are the proof that the page works.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import playwright.sync_api as playwright_api  # the test extra (make setup); missing, these tests fail
import pytest
from PIL import Image

from conftest import SEEDS

CHROMIUM = os.environ.get("PUPPETEER_EXECUTABLE_PATH") or "/usr/bin/chromium"
HARBOR = SEEDS / "zh-news-harbor"
FIRST_WORDS = "11月15日，东临港集团"
SETTLE_MS = 120_000  # the slowest view (DOCX through LibreOffice) on a loaded two-core machine


class Running:
    """`convert preview ARGS` in a child process, stopped with Ctrl-C (SIGINT) as a user stops it."""

    def __init__(self, *args: object) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "convert", "preview", "--offline", *map(str, args)],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()  # type: ignore[union-attr]
        match = re.match(r"convert preview: (http://127\.0\.0\.1:\d+/) ", line)
        if match is None:
            self.stop()
            raise AssertionError(f"convert preview did not start: {line!r} {self.process.stderr.read()!r}")  # type: ignore[union-attr]
        self.url = match[1]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Chromium is not at {CHROMIUM}: install Debian's chromium (make setup) or set "
                    f"PUPPETEER_EXECUTABLE_PATH")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    shutil.copytree(HARBOR, tmp_path / "harbor")
    return tmp_path / "harbor" / "article.md"


@pytest.fixture
def preview(request: pytest.FixtureRequest) -> Iterator[object]:
    started: list[Running] = []

    def start(*args: object) -> Running:
        started.append(Running(*args))
        return started[-1]

    yield start
    for running in started:
        running.stop()


def settled(page: object, build_other_than: str = "", timeout: float = SETTLE_MS) -> str:
    """Wait until the page shows a build (another one than `build_other_than`), loaded, and nothing is
    building; the build's id."""
    page.wait_for_function(  # type: ignore[attr-defined]
        """(old) => { const view = document.getElementById('view');
                      return view.dataset.build !== '' && view.dataset.build !== old
                             && document.body.dataset.status !== 'building'
                             && view.dataset.loaded === 'true'; }""",
        arg=build_other_than, timeout=timeout)
    return page.eval_on_selector("#view", "view => view.dataset.build")  # type: ignore[attr-defined]


def frame(page: object) -> object:
    return page.frame_locator("#view iframe:not(.loading)")  # type: ignore[attr-defined]


def screenshot(page: object, tmp_path: Path, name: str) -> Path:
    shot = tmp_path / f"preview-{name}.png"
    page.screenshot(path=str(shot))  # type: ignore[attr-defined]
    if folder := os.environ.get("CONVERT_PREVIEW_SHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(folder) / shot.name)
    return shot


# ---------------------------------------------------------------- refresh on save, errors in place


def test_a_saved_change_appears_without_a_reload_and_an_error_shows_above_the_last_good(
        preview: object, page: object, article: Path, tmp_path: Path) -> None:
    running = preview(article)  # type: ignore[operator]
    page.goto(running.url)  # type: ignore[attr-defined]
    first = settled(page)
    assert FIRST_WORDS in frame(page).locator("body").inner_text()  # type: ignore[attr-defined]
    page.evaluate("window.stillTheSamePage = true")  # type: ignore[attr-defined]

    original = article.read_text(encoding="utf-8")
    saved = time.monotonic()
    article.write_text(original.replace(FIRST_WORDS, "预览刷新测试：东临港集团"), encoding="utf-8")
    frame(page).locator("text=预览刷新测试").wait_for(timeout=30_000)  # type: ignore[attr-defined]
    seconds = time.monotonic() - saved
    print(f"the saved change was on the page {seconds:.2f} s later")
    assert page.evaluate("window.stillTheSamePage") is True  # type: ignore[attr-defined]  # no reload
    second = settled(page, first)

    article.write_text("---\ntitle: [unclosed\n---\n\n坏掉的文章。\n", encoding="utf-8")
    page.wait_for_selector("#error:not([hidden])", timeout=30_000)  # type: ignore[attr-defined]
    shown = page.inner_text("#error")  # type: ignore[attr-defined]
    cli = subprocess.run([sys.executable, "-m", "convert", str(article), "-o", str(tmp_path / "out"), "-q"],
                         capture_output=True, text=True)
    assert cli.returncode == 1
    assert shown == cli.stderr.strip()  # the very line the CLI prints
    assert shown.startswith(f"convert: error: {article}: ") and "\n" not in shown
    assert page.eval_on_selector("#view", "view => view.dataset.build") == second  # type: ignore[attr-defined]
    assert "预览刷新测试" in frame(page).locator("body").inner_text()  # type: ignore[attr-defined]  # still visible
    assert page.get_attribute("body", "data-status") == "error"  # type: ignore[attr-defined]
    screenshot(page, tmp_path, "error")

    article.write_text(original.replace(FIRST_WORDS, "修好之后：东临港集团"), encoding="utf-8")
    frame(page).locator("text=修好之后").wait_for(timeout=30_000)  # type: ignore[attr-defined]
    page.wait_for_selector("#error", state="hidden", timeout=10_000)  # type: ignore[attr-defined]
    assert page.evaluate("window.stillTheSamePage") is True  # type: ignore[attr-defined]


def test_the_article_s_image_and_its_theme_file_refresh_the_page(preview: object, page: object, article: Path,
                                                                  tmp_path: Path) -> None:
    theme = tmp_path / "house" / "house.toml"
    theme.parent.mkdir()
    theme.write_text('extends = "default"\n[colors]\nheading = "#123456"\n', encoding="utf-8")
    running = preview(article, "--style", theme)  # type: ignore[operator]
    page.goto(running.url)  # type: ignore[attr-defined]
    build = settled(page)
    title = frame(page).locator("h1.title")  # type: ignore[attr-defined]
    assert title.evaluate("e => getComputedStyle(e).color") == "rgb(18, 52, 86)"

    theme.write_text('extends = "default"\n[colors]\nheading = "#0a8a0a"\n', encoding="utf-8")
    page.wait_for_function(  # type: ignore[attr-defined]
        """() => { const f = document.querySelector('#view iframe:not(.loading)');
                   const h = f && f.contentDocument.querySelector('h1.title');
                   return h && getComputedStyle(h).color === 'rgb(10, 138, 10)'; }""", timeout=30_000)
    build = settled(page, build)

    figure = frame(page).locator("figure img").first  # type: ignore[attr-defined]
    width = figure.evaluate("img => img.naturalWidth")
    Image.new("RGB", (320, 200), (200, 30, 30)).save(article.parent / "images" / "port.jpg", "JPEG")
    page.wait_for_function(  # type: ignore[attr-defined]
        """(old) => { const f = document.querySelector('#view iframe:not(.loading)');
                      const img = f && f.contentDocument.querySelector('figure img');
                      return img && img.complete && img.naturalWidth > 0 && img.naturalWidth !== old; }""",
        arg=width, timeout=30_000)


# ---------------------------------------------------------------- the four editions, the switches


@pytest.mark.slow
def test_each_edition_of_an_article_in_the_page(preview: object, page: object, article: Path,
                                                tmp_path: Path) -> None:
    running = preview(article, "--to", "pdf")  # type: ignore[operator]
    page.goto(running.url)  # type: ignore[attr-defined]
    build = ""
    for edition in ("pdf", "html", "epub", "docx"):
        if edition != "pdf":
            page.click(f"#editions button[data-edition={edition}]")  # type: ignore[attr-defined]
        build = settled(page, build)
        assert page.inner_text("#error") == ""  # type: ignore[attr-defined]
        if edition in ("pdf", "docx"):
            sizes = page.eval_on_selector_all(  # type: ignore[attr-defined]
                "#view .pages img", "imgs => imgs.map(i => [i.complete, i.naturalWidth, i.naturalHeight])")
            assert len(sizes) >= 2 and all(done and w > 0 for done, w, _h in sizes), sizes
            assert all(1.3 < h / w < 1.5 for _done, w, h in sizes), sizes  # A4 pages, portrait
        else:
            assert FIRST_WORDS in frame(page).locator("body").inner_text()  # type: ignore[attr-defined]
        if edition == "epub":
            width = frame(page).locator("body").evaluate("b => b.ownerDocument.documentElement.clientWidth")
            assert 320 <= width <= 390  # a phone's width, not the window's
            assert page.input_value("#chapter").endswith(".xhtml")  # type: ignore[attr-defined]
        screenshot(page, tmp_path, edition)
    assert "edition=docx" in page.url  # type: ignore[attr-defined]

    page.select_option("#theme", "modern")  # type: ignore[attr-defined]
    settled(page, build)
    assert "theme=modern" in page.url  # type: ignore[attr-defined]


@pytest.mark.slow
def test_a_collection_in_the_page(preview: object, page: object, tmp_path: Path) -> None:
    issue = tmp_path / "issue"
    shutil.copytree(HARBOR, issue / "harbor")
    shutil.copytree(SEEDS / "en-budget-report", issue / "budget")
    (issue / "collection.toml").write_text('title = "本周要闻"\n[[article]]\npath = "harbor/article.md"\n'
                                           '[[article]]\npath = "budget/article.md"\n', encoding="utf-8")
    running = preview(issue, "--to", "epub")  # type: ignore[operator]
    page.goto(running.url)  # type: ignore[attr-defined]
    build = settled(page)
    chapters = page.eval_on_selector_all("#chapter option", "os => os.map(o => o.textContent)")  # type: ignore[attr-defined]
    assert any("东临港" in c for c in chapters) and any("Riverton" in c for c in chapters), chapters
    screenshot(page, tmp_path, "issue-epub")

    page.click("#editions button[data-edition=pdf]")  # type: ignore[attr-defined]
    build = settled(page, build)
    assert page.eval_on_selector_all("#view .pages img", "imgs => imgs.length") >= 4  # type: ignore[attr-defined]
    screenshot(page, tmp_path, "issue-pdf")

    page.click("#editions button[data-edition=html]")  # type: ignore[attr-defined]
    build = settled(page, build)
    assert page.is_visible("#article-choice")  # type: ignore[attr-defined]
    page.select_option("#article", "1")  # type: ignore[attr-defined]
    settled(page, build)
    assert "Riverton" in frame(page).locator("h1").first.inner_text()  # type: ignore[attr-defined]

    budget = issue / "budget" / "article.md"  # a save in a collection's article refreshes the issue
    budget.write_text(budget.read_text(encoding="utf-8") + "\n\nA line saved during the preview.\n", encoding="utf-8")
    frame(page).locator("text=A line saved during the preview.").wait_for(timeout=30_000)  # type: ignore[attr-defined]


def test_a_save_during_a_build_supersedes_it_in_the_page(preview: object, page: object, article: Path) -> None:
    """Two saves a moment apart while the PDF view builds: the page goes from the first build straight to
    the second save's pages (a one-page article): the first save's build (three pages) is never shown."""
    running = preview(article, "--to", "pdf")  # type: ignore[operator]
    page.goto(running.url)  # type: ignore[attr-defined]
    first = settled(page)
    assert page.eval_on_selector_all("#view .pages img", "imgs => imgs.length") == 3  # type: ignore[attr-defined]
    page.evaluate("""() => { window.shownBuilds = [];  // every build the page shows from now on
        new MutationObserver(() => window.shownBuilds.push(document.getElementById('view').dataset.build))
            .observe(document.getElementById('view'), { attributes: true, attributeFilter: ['data-build'] }); }""")
    original = article.read_text(encoding="utf-8")
    article.write_text(original.replace(FIRST_WORDS, "第一次保存：东临港集团"), encoding="utf-8")
    page.wait_for_function("document.body.dataset.status === 'building'", timeout=10_000)  # type: ignore[attr-defined]
    article.write_text("# 短讯\n\n第二次保存，只有一段。\n", encoding="utf-8")
    settled(page, first)
    assert page.eval_on_selector_all("#view .pages img", "imgs => imgs.length") == 1  # type: ignore[attr-defined]
    page.wait_for_timeout(1500)  # a late result of the superseded build would show by now
    assert len(page.evaluate("window.shownBuilds")) == 1  # type: ignore[attr-defined]
    assert page.eval_on_selector_all("#view .pages img", "imgs => imgs.length") == 1  # type: ignore[attr-defined]
