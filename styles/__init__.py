"""The shipped themes, one TOML file each: every font, size, colour and spacing an edition uses.

This file only makes the folder the package `convert.styles` once installed (pyproject.toml maps it),
so the themes travel in the wheel and are read through importlib.resources from any folder. A theme
of your own goes in `~/.config/convert/styles/` or is given by path: `convert --style my.toml`.
"""
