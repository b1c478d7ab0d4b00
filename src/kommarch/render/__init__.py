"""Output formats: one small :class:`Renderer` per format, found through one table.

A format is one module and one entry in ``_RENDERERS``. Modules are imported lazily, on first
use, so a format whose module is missing (not yet written, or left out of a build) is simply
unavailable; any other import error is a bug and propagates.
"""

from __future__ import annotations

import importlib

from kommarch.render.base import Renderer
from kommarch.report import Report

FORMATS: dict[str, tuple[str, ...]] = {
    "validate": ("text", "json", "github"),
    "audit": ("text", "json", "markdown", "sarif", "github", "gitlab"),
}
"""The formats each command offers, in the order ``--help`` lists them."""

_RENDERERS: dict[str, tuple[str, str]] = {
    "text": ("kommarch.render.text", "TextRenderer"),
    "json": ("kommarch.render.jsonfmt", "JsonRenderer"),
    "markdown": ("kommarch.render.markdown", "MarkdownRenderer"),
    "sarif": ("kommarch.render.sarif", "SarifRenderer"),
    "github": ("kommarch.render.github", "GithubRenderer"),
    "gitlab": ("kommarch.render.gitlab", "GitlabRenderer"),
}


class FormatError(ValueError):
    """The format is unknown, not offered by the command, or not available in this build."""


def renderer_class(fmt: str) -> type[Renderer]:
    """The renderer class of ``fmt``; :class:`FormatError` when unknown or unavailable."""
    if fmt not in _RENDERERS:
        raise FormatError(f"unknown format {fmt!r}; choose one of {', '.join(_RENDERERS)}")
    module_name, class_name = _RENDERERS[fmt]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        raise FormatError(f"format {fmt!r} is not available in this build") from None
    cls: type[Renderer] = getattr(module, class_name)
    return cls


def available_formats(command: str) -> tuple[str, ...]:
    """The formats of ``command`` whose renderer can be imported."""
    out: list[str] = []
    for fmt in FORMATS[command]:
        try:
            renderer_class(fmt)
        except FormatError:
            continue
        out.append(fmt)
    return tuple(out)


def render(report: Report, fmt: str, *, color: bool = False, width: int = 100) -> str:
    """Render ``report`` in ``fmt``: the complete output, ending in a newline.

    Raises :class:`FormatError` when ``report.command`` does not offer ``fmt`` or its renderer
    is unavailable.
    """
    offered = FORMATS[report.command]
    if fmt not in offered:
        raise FormatError(
            f"{report.command} does not write {fmt!r}; choose one of {', '.join(offered)}"
        )
    return renderer_class(fmt)(color=color, width=width).render(report)


__all__ = ["FORMATS", "FormatError", "Renderer", "available_formats", "render", "renderer_class"]
