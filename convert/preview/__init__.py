"""`convert preview`: a local web page showing one article or a collection in the edition being
edited, rebuilt and refreshed when the article, its images or the theme are saved.

- `target`   what is previewed: one article, or a collection (a folder or `collection.toml`, read as
             `convert collect` reads it), and the folders it may read;
- `work`     one build, run in a child process so that a superseded build can be killed outright;
- `builds`   which build is current: a generation counter, one running build per view, results kept;
- `watcher`  `watchfiles` on the article folders and the theme files;
- `paths`    mapping a request's path to a file inside one folder (escapes refused);
- `server`   the HTTP server on 127.0.0.1 (the page, the editions, server-sent events);
- `pages/`   the page itself (HTML, CSS, JavaScript), package data.
"""
from __future__ import annotations

from .server import serve

__all__ = ["serve"]
