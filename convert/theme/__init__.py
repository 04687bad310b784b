"""Themes: the single source of every font, size, colour and spacing an edition uses.

`schema` says what a theme holds, `load` finds and validates theme files (shipped, the user's,
installed packages'), and `css` compiles a theme for the HTML-based writers. (The DOCX writer turns a
theme into Word styles in `writers/docx/styles.py`, next to the Word markup it needs.)
"""
from __future__ import annotations

from .load import (ThemeSource, available_themes, forget_caches, installed_families, load_theme, shipped_themes,
                   user_styles_dir)
from .schema import PAGE_SIZES_MM, Theme, ThemeError

__all__ = ["PAGE_SIZES_MM", "Theme", "ThemeError", "ThemeSource", "available_themes", "forget_caches",
           "installed_families", "load_theme", "shipped_themes", "user_styles_dir"]
