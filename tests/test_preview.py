"""`convert preview` without a browser: what it previews, what it serves (and refuses to), and which
builds it runs: only the views being watched, a running build superseded by a newer save, not queued.
(tests/test_preview_browser.py drives the page itself in Chromium.)"""
from __future__ import annotations

import http.client
import shutil
import time
from pathlib import Path
from typing import Iterator

import pytest

from convert import cli
from convert.preview.builds import Builds
from convert.preview.paths import clean_parts, file_inside, member_inside
from convert.preview.server import Preview
from convert.preview.target import find_target

from conftest import SEEDS
from formats import html_text

HARBOR = SEEDS / "zh-news-harbor"
SECRET = "the-secret-outside-the-article-folder"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    """The harbour seed in its own folder, a secret beside that folder, and symlinks in and out of it."""
    folder = tmp_path / "story"
    shutil.copytree(HARBOR, folder)
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    (folder / "link-out.bin").symlink_to(tmp_path / "secret.txt")
    (folder / "dir-out").symlink_to(tmp_path)
    (folder / "link-in.jpg").symlink_to(folder / "images" / "port.jpg")
    (folder / ".env").write_text(SECRET, encoding="utf-8")
    return folder / "article.md"


def wait_for(builds: Builds, view: object, test: object, timeout: float = 120) -> dict:
    deadline, seen = time.monotonic() + timeout, -1
    while time.monotonic() < deadline:
        state = builds.wait(view, seen, timeout=1)  # type: ignore[arg-type]
        if state is not None:
            seen = state["seq"]
            if test(state):  # type: ignore[operator]
                return state
    raise AssertionError(f"no such state within {timeout} s: {builds.state(view)}")  # type: ignore[arg-type]


# ---------------------------------------------------------------- what is previewed


def test_a_file_a_folder_of_one_and_a_listing(article: Path, tmp_path: Path) -> None:
    single = find_target([article])
    assert not single.collection and single.articles == (article,)
    assert find_target([article.parent]).articles == (article,)  # a folder holding one article
    both = tmp_path / "issue"
    both.mkdir()
    shutil.copytree(SEEDS / "en-budget-report", both / "budget")
    shutil.copytree(HARBOR, both / "harbor")
    (both / "collection.toml").write_text('title = "本周要闻"\n[[article]]\npath = "harbor/article.md"\n'
                                          '[[article]]\npath = "budget/article.md"\n', encoding="utf-8")
    issue = find_target([both / "collection.toml"])
    assert issue.collection and issue.title == "本周要闻"
    assert [p.parent.name for p in issue.articles] == ["harbor", "budget"]  # the listing's order, not the names'
    assert find_target([both]).articles == issue.articles
    assert set(issue.folders) == {both.resolve(), (both / "harbor").resolve(), (both / "budget").resolve()}
    (both / "collection.toml").unlink()
    assert find_target([both]).title == "issue"  # a folder of articles: titled after the folder


def test_the_cli_reports_a_missing_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["preview", str(tmp_path / "nothing.md")]) == 2
    assert capsys.readouterr().err == f"convert preview: error: {tmp_path / 'nothing.md'}: no such file or folder\n"


# ---------------------------------------------------------------- paths


@pytest.mark.parametrize("raw", ["../secret.txt", "%2e%2e/secret.txt", "%2E%2E%2Fsecret.txt", "..%2fsecret.txt",
                                 "images/../../secret.txt", "images/%2e%2e/%2e%2e/secret.txt", "/etc/passwd",
                                 "%2fetc%2fpasswd", "..%5csecret.txt", "..\\secret.txt", "%252e%252e/secret.txt",
                                 "link-out.bin", "dir-out/secret.txt", ".env", "images/./port.jpg", "%00",
                                 "images//port.jpg", "%ff%fe", ""])
def test_a_path_out_of_the_folder_is_refused(article: Path, raw: str) -> None:
    assert file_inside(article.parent, raw) is None


def test_paths_inside_the_folder_are_found(article: Path) -> None:
    folder = article.parent.resolve()
    assert file_inside(article.parent, "images/port.jpg") == folder / "images" / "port.jpg"
    assert file_inside(article.parent, "link-in.jpg") == folder / "images" / "port.jpg"  # a symlink within
    assert file_inside(article.parent, "article%2Emd") == folder / "article.md"
    assert file_inside(article.parent, "images") is None  # a folder is not a file
    assert clean_parts("a/b%20c.jpg") == ["a", "b c.jpg"]


def test_only_members_of_the_package_are_found() -> None:
    names = {"EPUB/text/a.xhtml", "EPUB/styles/s.css"}
    assert member_inside(names, "EPUB/text/a.xhtml") == "EPUB/text/a.xhtml"
    for raw in ("EPUB/text/../styles/s.css", "EPUB/%2e%2e/EPUB/styles/s.css", "/EPUB/text/a.xhtml", "mimetype"):
        assert member_inside(names, raw) is None


# ---------------------------------------------------------------- the server


@pytest.fixture
def preview(article: Path) -> Iterator[Preview]:
    running = Preview(find_target([article]), offline=True).start()
    yield running
    running.close()


def get(preview: Preview, raw_path: str, host: str | None = None) -> tuple[int, bytes]:
    """A request with the path exactly as given (http.client does not normalise it, as browsers do)."""
    port = preview.server.server_address[1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.putrequest("GET", raw_path, skip_host=True)
    connection.putheader("Host", host or f"127.0.0.1:{port}")
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


@pytest.mark.parametrize("raw", ["/a/0/../secret.txt", "/a/0/%2e%2e/secret.txt", "/a/0/%2E%2E%2Fsecret.txt",
                                 "/a/0/..%2f..%2fsecret.txt", "/a/0//etc/passwd", "/a/0/%2fetc%2fpasswd",
                                 "/a/0/link-out.bin", "/a/0/dir-out/secret.txt", "/a/0/.env",
                                 "/a/0/..%5csecret.txt", "/a/0/%252e%252e/secret.txt", "/a/1/article.md",
                                 "/a/-1/article.md", "/../secret.txt", "/static/../server.py",
                                 "/static/%2e%2e/server.py", "/b/1/page-0.png", "/b/999/page-1.png", "/etc/passwd"])
def test_the_server_serves_nothing_outside_the_article(preview: Preview, raw: str) -> None:
    status, body = get(preview, raw)
    assert status == 404, (raw, status)
    assert SECRET.encode() not in body and b"root:" not in body


def test_the_server_serves_the_article_folder_and_the_page(preview: Preview, article: Path) -> None:
    status, body = get(preview, "/a/0/images/port.jpg")
    assert status == 200 and body == (article.parent / "images" / "port.jpg").read_bytes()
    status, body = get(preview, "/")
    assert status == 200 and b'"story/article.md"' in body


def test_another_host_name_and_a_theme_by_path_are_refused(preview: Preview, tmp_path: Path) -> None:
    assert get(preview, "/", host="attacker.example:80")[0] == 403  # DNS rebinding
    theme = tmp_path / "elsewhere.toml"
    theme.write_text('extends = "default"\n', encoding="utf-8")
    status, body = get(preview, f"/events?edition=html&theme={theme}")
    assert status == 400 and b"unknown theme" in body


def test_an_epub_is_served_from_its_package_and_nothing_beside_it(preview: Preview) -> None:
    builds = preview.builds
    view = builds.view("epub", "default")
    with builds.watching(view):
        state = wait_for(builds, view, lambda s: s["build"] is not None)
    result = builds.result(state["build"])
    assert result is not None and result.chapter in dict(result.chapters)
    status, body = get(preview, f"/b/{state['build']}/epub/{result.chapter}")
    assert status == 200 and "东临港".encode() in body
    folder = result.chapter.rsplit("/", 1)[0]
    for raw in (f"{folder}/../../secret.txt", f"{folder}/%2e%2e/%2e%2e/secret.txt", "/etc/passwd",
                f"{folder}/../{result.chapter}", "../../../../secret.txt"):
        assert get(preview, f"/b/{state['build']}/epub/{raw}")[0] == 404, raw


# ---------------------------------------------------------------- the builds


def test_only_the_view_being_watched_is_rebuilt(article: Path) -> None:
    builds = Builds(find_target([article]), offline=True)
    try:
        html = builds.view("html", "default")
        with builds.watching(html):
            first = wait_for(builds, html, lambda s: s["build"] is not None and not s["building"])
            assert builds.started == 1
            article.write_text(article.read_text(encoding="utf-8") + "\n\n新增的一段。\n", encoding="utf-8")
            builds.changed()
            second = wait_for(builds, html, lambda s: s["build"] != first["build"] and not s["building"])
        assert builds.started == 2  # html twice; no other edition was built
        assert "新增的一段" in html_text(builds.result(second["build"]).data)  # type: ignore[union-attr]
        builds.changed()  # nobody watches any more: nothing is built
        time.sleep(0.5)
        assert builds.started == 2
    finally:
        builds.close()


def test_a_running_build_is_superseded_not_queued(article: Path) -> None:
    """Three saves while a three-page PDF builds: the running build is killed, and only the last save's
    (a one-page article) is built to the end and shown."""
    builds = Builds(find_target([article]), offline=True)
    try:
        pdf = builds.view("pdf", "default")
        with builds.watching(pdf):
            wait_for(builds, pdf, lambda s: s["building"])
            first = builds._views[pdf].job
            assert first is not None and first.exit_code is None
            short = "# 短讯\n\n只有一段。\n"
            for n in range(3):
                article.write_text(short + f"\n第{n}次保存。\n", encoding="utf-8")
                builds.changed()
            state = wait_for(builds, pdf, lambda s: s["build"] is not None and not s["building"])
            assert first.ended.wait(10)
            assert first.exit_code == -9  # killed, not left to finish
            assert builds.started == 4 and builds.superseded == 3  # the first and two superseded saves
            assert builds._views[pdf].version == 3
            result = builds.result(state["build"])
            assert result is not None and result.ok and len(result.pages) == 1  # the last save's article
            assert len(builds._results) == 1  # no superseded build was ever published
    finally:
        builds.close()


def test_a_build_nobody_watches_any_more_is_stopped(article: Path) -> None:
    """Switching from the PDF to the HTML view while the PDF builds: the PDF build is killed."""
    builds = Builds(find_target([article]), offline=True)
    try:
        pdf, html = builds.view("pdf", "default"), builds.view("html", "default")
        with builds.watching(pdf):
            wait_for(builds, pdf, lambda s: s["building"])
            job = builds._views[pdf].job
        with builds.watching(html):
            wait_for(builds, html, lambda s: s["build"] is not None)
        assert job is not None
        assert job.ended.wait(10)
        assert job.exit_code == -9 and builds.superseded == 1
        assert builds.state(pdf)["build"] is None  # never published
    finally:
        builds.close()


def test_docx_pages_without_libreoffice_say_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from convert.preview import work

    monkeypatch.setattr(work.shutil, "which", lambda name: None)
    result = work.docx_pages(b"PK not read")
    assert not result.pages and result.error is not None
    assert result.error.startswith("convert: error: DOCX pages need LibreOffice (soffice)")
