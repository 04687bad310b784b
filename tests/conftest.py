"""Shared fixtures: the user's seed, the team's samples, an isolated image cache, a local HTTP server."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# The user's own articles live beside the repository, not in it; tests that need them skip when absent.
# CONVERT_SHARED_SEEDS points elsewhere (a worktree's siblings differ; a missing folder runs without them).
SHARED_SEEDS = Path(os.environ.get("CONVERT_SHARED_SEEDS") or ROOT.parent / "shared" / "seeds")
SAMPLES = sorted(p for p in SEEDS.glob("*/article.*"))
USER_SEEDS = sorted(SHARED_SEEDS.glob("*.txt")) if SHARED_SEEDS.is_dir() else []
NO_USER_SEEDS = f"the user's seeds are not present ({SHARED_SEEDS}; set CONVERT_SHARED_SEEDS to their folder)"
ARTICLES = USER_SEEDS + SAMPLES


def article_id(path: Path) -> str:
    return path.parent.name if path.stem == "article" else path.stem[:12]


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's Chromium, which lays out the EPUB chapters the typesetting tests measure."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "Chromium is needed to lay the EPUB out (apt-get install chromium)"
    return found


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own remote-image cache, so no test sees another's fetches."""
    monkeypatch.setenv("CONVERT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def user_seed() -> Path:
    if not USER_SEEDS:
        pytest.skip(NO_USER_SEEDS)
    return USER_SEEDS[0]


@pytest.fixture(params=ARTICLES, ids=article_id)
def article(request: pytest.FixtureRequest) -> Path:
    """Each of the user's seeds and the team's samples in turn."""
    return request.param


class Quiet:
    """Mix into a request handler to keep its access log out of the test output."""

    def log_message(self, *args: object) -> None:
        pass


class _QuietFiles(Quiet, http.server.SimpleHTTPRequestHandler):
    pass


@contextlib.contextmanager
def serving(handler: Callable[..., http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """Run `handler` on 127.0.0.1 for the block; yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def serving_folder(root: Path) -> contextlib.AbstractContextManager[str]:
    return serving(functools.partial(_QuietFiles, directory=str(root)))


@pytest.fixture
def http_root(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A local HTTP server on 127.0.0.1 serving a temporary folder: (base URL, folder)."""
    root = tmp_path / "www"
    root.mkdir()
    with serving_folder(root) as base:
        yield base, root


def python_with_cache(cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """This Python run with `args` in a fresh process whose cache folder is `cache` (the command's start-up
    caches: tests/test_regex_cache.py, tests/test_dataclass_cache.py)."""
    env = dict(os.environ, CONVERT_CACHE_DIR=str(cache))
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, check=True)


def seed_built_with_cache(cache: Path, fmt: str, out: Path) -> None:
    """The command makes the harbour seed's `fmt` edition in `out`, its start-up caches in `cache`."""
    python_with_cache(cache, "-m", "convert", "--to", fmt, str(SEEDS / "zh-news-harbor" / "article.md"), "-o", str(out),
                      "--offline", "-q")


def damage_kept_file(folder: Path) -> None:
    """Overwrite the one file a start-up cache keeps in `folder` with bytes that are no marshal data."""
    stored, = folder.iterdir()
    stored.write_bytes(b"\x00not marshal")


def convert_bytes(path: Path, fmt: str, **options: object) -> bytes:
    """One edition of one article, as bytes (through the library API)."""
    import convert
    return convert.convert(path, to=fmt, **options)  # type: ignore[return-value]


@functools.lru_cache(maxsize=None)
def edition(path: Path, fmt: str) -> bytes:
    """One article's edition built offline once per session, for the tests that only read it."""
    return convert_bytes(path, fmt, offline=True)


def block_texts(doc: Any) -> list[tuple[str, str]]:
    """Each body block of a model document as (kind, plain text): what a reader test compares."""
    from convert import model as m

    return [(type(b).__name__, m.plain_text(getattr(b, "content", ()))) for b in doc.body]


def every_edition(folder: Path, names: Iterable[str], editions: Iterable[tuple[str, str]],
                  built: Callable[[str, str, str], bytes]) -> list[Path]:
    """Each of `names` built as each (format, edition) by `built` and written into `folder`."""
    paths = []
    for name in names:
        for fmt, kind in editions:
            paths.append(folder / f"{Path(name).stem}-{kind}.{fmt}")
            paths[-1].write_bytes(built(name, fmt, kind))
    return paths


def invalid_editions(paths: Iterable[Path]) -> dict[str, list[Any]]:
    """The validators' findings on each edition that has any, by file name: empty when all are valid."""
    from convert.checks import validate

    return {path.name: findings for path, findings in validate.validate_editions(list(paths)).items() if findings}


os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
