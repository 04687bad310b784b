"""Where a batch's articles are built: one interface (`base.Executor`), one module per implementation.

    local              this machine: worker processes (`--jobs N`), or this process for `--jobs 1`
    dask               Dask distributed: a LocalCluster of `--jobs N` workers started for the batch
    dask://HOST[:PORT] Dask distributed: the running scheduler at HOST:PORT (default port 8786)

Dask is an optional extra (`pip install 'convert[dask]'`), imported only by `executors.dask`.
"""
from __future__ import annotations

from typing import Sequence

from ...errors import UsageError
from .base import ATTEMPTS, Executor, ExecutorFailed, Lost, run_jobs
from .local import InProcess, LocalPool, default_workers

NAMES = ("local", "dask", "dask://HOST:PORT")
DASK_PORT = 8786


def check_spec(spec: str) -> str | None:
    """The Dask scheduler's address for `spec`, None for a local executor; UsageError if unknown."""
    if spec == "local":
        return None
    if spec == "dask":
        return ""
    for prefix, protocol in (("dask://", "tcp://"), ("dask+tls://", "tls://")):
        if spec.startswith(prefix):
            host = spec[len(prefix):].rstrip("/")
            if not host or "/" in host:
                break
            return protocol + (host if ":" in host.rsplit("]", 1)[-1] else f"{host}:{DASK_PORT}")
    raise UsageError(f"unknown executor {spec!r}; choose from: {', '.join(NAMES)}")


def executor_for(spec: str, jobs: int | None, max_articles: int, formats: Sequence[str],
                 articles: int) -> Executor:
    """The executor `spec` names, sized for a batch of `articles` articles (not yet started)."""
    address = check_spec(spec)
    workers = jobs or default_workers()
    if address is None:
        workers = min(workers, max(articles, 1))
        if workers == 1 and (not max_articles or articles <= max_articles):
            return InProcess()
        return LocalPool(workers, max_articles, formats)
    try:
        from .dask import DaskExecutor
    except ImportError as exc:
        raise UsageError(f"--executor {spec} needs Dask's distributed scheduler ({exc}): "
                         "pip install 'convert[dask]'") from None
    return DaskExecutor(address or None, workers, max_articles)


__all__ = ["ATTEMPTS", "Executor", "ExecutorFailed", "InProcess", "LocalPool", "Lost", "NAMES", "check_spec",
           "default_workers", "executor_for", "run_jobs"]
