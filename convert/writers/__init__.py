"""Writers: each module exports one `WRITER`; `convert.registry` knows them by name."""
