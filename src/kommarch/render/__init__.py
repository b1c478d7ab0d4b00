"""Output formats of ``validate`` and ``audit``: one small :class:`Renderer` per format, found
through one table of classes (:data:`RENDERERS`).

A new format is one module with a :class:`Renderer` subclass, one :class:`Format` member, one
entry in :data:`RENDERERS` and the commands that offer it in :data:`FORMATS`
(tests/render/test_render_formats.py says what is missing). The other outputs of this package
are plain functions: :mod:`.rules` and :mod:`.catalogue` (``kommarch rules``/``explain``/
``catalog``), :mod:`.graphformats` (``kommarch graph``) and :mod:`.diff` (``kommarch diff``).
"""

from __future__ import annotations

import enum

from kommarch.render.base import Renderer
from kommarch.render.github import GithubRenderer
from kommarch.render.gitlab import GitlabRenderer
from kommarch.render.jsonfmt import JsonRenderer
from kommarch.render.markdown import MarkdownRenderer
from kommarch.render.sarif import SarifRenderer
from kommarch.render.text import TextRenderer
from kommarch.report import Report


class Format(enum.StrEnum):
    """The formats a :class:`~kommarch.report.Report` can be rendered in."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    SARIF = "sarif"
    GITHUB = "github"
    GITLAB = "gitlab"


RENDERERS: dict[Format, type[Renderer]] = {
    Format.TEXT: TextRenderer,
    Format.JSON: JsonRenderer,
    Format.MARKDOWN: MarkdownRenderer,
    Format.SARIF: SarifRenderer,
    Format.GITHUB: GithubRenderer,
    Format.GITLAB: GitlabRenderer,
}
"""Every format's renderer class; each class's ``name`` is its format."""

FORMATS: dict[str, tuple[Format, ...]] = {
    "validate": (Format.TEXT, Format.JSON, Format.GITHUB),
    "audit": (
        Format.TEXT,
        Format.JSON,
        Format.MARKDOWN,
        Format.SARIF,
        Format.GITHUB,
        Format.GITLAB,
    ),
}
"""The formats each command offers, in the order ``--help`` lists them."""


class FormatError(ValueError):
    """The format is unknown or not offered by the command."""


def renderer_class(fmt: str) -> type[Renderer]:
    """The renderer class of ``fmt``; :class:`FormatError` when unknown."""
    try:
        return RENDERERS[Format(fmt)]
    except ValueError:
        known = ", ".join(f.value for f in Format)
        raise FormatError(f"unknown format {fmt!r}; choose one of {known}") from None


def render(report: Report, fmt: str, *, color: bool = False, width: int = 100) -> str:
    """Render ``report`` in ``fmt``: the complete output, ending in a newline.

    Raises :class:`FormatError` when ``report.command`` does not offer ``fmt``.
    """
    offered = FORMATS[report.command]
    if fmt not in offered:
        raise FormatError(
            f"{report.command} does not write {fmt!r}; choose one of {', '.join(offered)}"
        )
    return renderer_class(fmt)(color=color, width=width).render(report)


__all__ = ["FORMATS", "RENDERERS", "Format", "FormatError", "Renderer", "render", "renderer_class"]
