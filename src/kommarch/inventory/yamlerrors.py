"""Validation errors of the YAML layer (KM001-KM003), in Danish and English.

libyaml and the operating system explain problems in English only; the tables here give the
Danish text for the messages they are known to produce (anything else keeps the English after a
Danish lead-in, so a Danish report never shows a bare English sentence).
"""

from __future__ import annotations

import errno
from typing import Any

import yaml

from kommarch.findings import Finding, Severity, Text, counts
from kommarch.inventory.codes import VALIDATION_RULES
from kommarch.inventory.location import Location, mark_position

_T = "tag:yaml.org,2002:"


def yaml_error(
    rule: str,
    message: Text | str,
    path: str,
    line: int | None,
    col: int | None,
    subject: str | None = None,
) -> Finding:
    """A validation error (KM0xx) at a position, about the entry ``subject`` if it has an id.

    ``message`` is a :class:`Text` in Danish and English; a plain string reads the same in both.
    """
    return Finding(
        rule=rule,
        name=VALIDATION_RULES[rule].name,
        severity=Severity.ERROR,
        subjects=() if subject is None else (subject,),
        message=message if isinstance(message, Text) else Text.same(message),
        location=Location(path, line, col),
    )


def tag_error(tag: str, path: str, mark: Any) -> Finding:
    shown = tag.replace(_T, "!!")
    return yaml_error(
        "KM001",
        Text(
            f"tagget '{shown}' er ikke tilladt: kommarch accepterer kun YAML's standard-tags "
            "(!!str, !!int, !!float, !!bool, !!null, !!map, !!seq)",
            f"the tag '{shown}' is not allowed: kommarch accepts only the standard YAML tags "
            "(!!str, !!int, !!float, !!bool, !!null, !!map, !!seq)",
        ),
        path,
        *mark_position(mark),
    )


def alias_error(path: str, where: tuple[int, int], factor: int, most_nodes: int) -> Finding:
    """KM001 at the alias whose expansion crossed the bound (``where`` is its line, column)."""
    most = counts(most_nodes)
    return yaml_error(
        "KM001",
        Text(
            f"aliaser udfolder sig til for mange knuder (mere end {factor} gange filens "
            f"egne knuder, højst {most.da}); "
            "afvist af sikkerhedshensyn",
            f"aliases expand to too many nodes (more than {factor}x the file's own nodes, "
            f"at most {most.en}); refused for safety",
        ),
        path,
        *where,
    )


def syntax_error(exc: yaml.MarkedYAMLError, path: str) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "invalid YAML"
    da = _YAML_PROBLEMS_DA.get(problem, f"ugyldig YAML: {problem}")
    message = problem
    if exc.context:
        where = where_da = ""
        if exc.context_mark is not None:
            at_line, at_col = mark_position(exc.context_mark)
            where = f" at line {at_line}, column {at_col}"
            where_da = f" i linje {at_line}, kolonne {at_col}"
        message = f"{problem} ({exc.context}{where})"
        da = f"{da} ({_YAML_CONTEXTS_DA.get(exc.context, exc.context)}{where_da})"
    hint = indentation_hint(exc)
    line, col = (None, None) if mark is None else mark_position(mark)
    return yaml_error("KM001", Text(da + hint.da, message + hint.en), path, line, col)


def os_reason(exc: OSError) -> Text:
    """The operating system's reason, in both languages (it says it in English only)."""
    en = exc.strerror or type(exc).__name__
    return Text(_OS_ERRORS_DA.get(exc.errno or 0, en), en)


_BLOCK_CONTEXTS = ("while parsing a block mapping", "while parsing a block collection")
_INDENT_PROBLEMS = (
    "mapping values are not allowed in this context",
    "block sequence entries are not allowed in this context",
)


def indentation_hint(exc: yaml.MarkedYAMLError) -> Text:
    """``"; check the indentation: ..."`` when the marks suggest a line indented wrongly."""
    mark, context = exc.problem_mark, exc.context_mark
    if mark is None:
        return Text("", "")
    line, col = mark.line + 1, mark.column + 1
    if exc.context in _BLOCK_CONTEXTS and context is not None and context.column != mark.column:
        start, at = context.line + 1, context.column + 1
        return Text(
            f"; tjek indrykningen: linje {line} begynder i kolonne {col}, men blokken fra linje "
            f"{start} begynder i kolonne {at}",
            f"; check the indentation: line {line} starts in column {col}, but the block from "
            f"line {start} starts in column {at}",
        )
    if exc.context == _BLOCK_CONTEXTS[1] and context is not None:
        return Text(
            f"; tjek indrykningen: linje {line} står i listens kolonne {col}, så den skal begynde "
            "med '- ' (en ny post), eller rykkes ind under nøglerne ovenover",
            f"; check the indentation: line {line} stands in the list's column {col}, so it must "
            "start with '- ' (a new entry) or be indented under the keys above it",
        )
    if exc.problem in _INDENT_PROBLEMS and exc.context is None:
        return Text(
            f"; tjek indrykningen i linje {line}: er en nøgle rykket for langt ind, eller skal en "
            "værdi med ': ' i anførselstegn?",
            f"; check the indentation of line {line}: is a key indented too far, or does a value "
            "with ': ' need quotes?",
        )
    return Text("", "")


def unreadable(exc: OSError) -> Text:
    """Why a file cannot be read, in both languages."""
    reason = os_reason(exc)
    return Text(f"kan ikke læse filen: {reason.da}", f"cannot read file: {reason.en}")


_OS_ERRORS_DA = {
    errno.ENOENT: "filen findes ikke",
    errno.EACCES: "adgang nægtet",
    errno.EPERM: "handlingen er ikke tilladt",
    errno.EISDIR: "det er en mappe",
    errno.EIO: "læsefejl på disken",
    errno.ENOTDIR: "en del af stien er ikke en mappe",
    errno.ELOOP: "for mange led af links",
    errno.ENOMEM: "ikke nok hukommelse",
}
_YAML_PROBLEMS_DA = {  # libyaml's problems, as PyYAML's C loader reports them
    "mapping values are not allowed in this context": "mapping-værdier er ikke tilladt her",
    "mapping keys are not allowed in this context": "mapping-nøgler er ikke tilladt her",
    "block sequence entries are not allowed in this context": (
        "listepunkter ('- ') er ikke tilladt her"
    ),
    "did not find expected ',' or ']'": "fandt ikke det forventede ',' eller ']'",
    "did not find expected ',' or '}'": "fandt ikke det forventede ',' eller '}'",
    "did not find expected key": "fandt ikke den forventede nøgle",
    "did not find expected node content": "fandt ikke det forventede indhold",
    "did not find expected '-' indicator": "fandt ikke det forventede '-'",
    "could not find expected ':'": "fandt ikke det forventede ':'",
    "did not find expected <document start>": "fandt ikke den forventede dokumentstart ('---')",
    "did not find expected whitespace or line break": (
        "fandt ikke det forventede mellemrum eller linjeskift"
    ),
    "did not find expected comment or line break": (
        "fandt ikke den forventede kommentar eller det forventede linjeskift"
    ),
    "did not find expected alphabetic or numeric character": (
        "fandt ikke det forventede bogstav eller ciffer"
    ),
    "did not find expected tag URI": "fandt ikke den forventede tag-URI",
    "did not find expected hexdecimal number": "fandt ikke det forventede hexadecimale tal",
    "found character that cannot start any token": (
        "fandt et tegn, der ikke kan indlede noget YAML-element"
    ),
    "found unexpected end of stream": "filen slutter uventet",
    "found unexpected ':'": "fandt et uventet ':'",
    "found unexpected document indicator": "fandt en uventet dokumentmarkør ('---' eller '...')",
    "found unknown escape character": "fandt et ukendt escape-tegn",
    "found invalid Unicode character escape code": "fandt en ugyldig Unicode-escape-kode",
    "found a tab character that violates indentation": (
        "fandt et tabulatortegn, der bryder indrykningen"
    ),
    "found a tab character where an indentation space is expected": (
        "fandt et tabulatortegn, hvor indrykningen skal være mellemrum"
    ),
    "found an indentation indicator equal to 0": "fandt en indrykningsangivelse på 0",
    "found undefined tag handle": "fandt et udefineret tag-præfiks",
    "found unknown directive name": "fandt et ukendt direktiv",
    "control characters are not allowed": "kontroltegn er ikke tilladt",
}
_YAML_CONTEXTS_DA = {
    "while parsing a block mapping": "under læsning af en blok-mapping",
    "while parsing a flow mapping": "under læsning af en flow-mapping",
    "while parsing a flow sequence": "under læsning af en flow-liste",
    "while parsing a block collection": "under læsning af en blok-samling",
    "while parsing a block node": "under læsning af en blok-knude",
    "while parsing a flow node": "under læsning af en flow-knude",
    "while parsing a node": "under læsning af en knude",
    "while parsing a quoted scalar": "under læsning af en tekst i anførselstegn",
    "while parsing a tag": "under læsning af et tag",
    "while scanning a simple key": "under læsning af en simpel nøgle",
    "while scanning a quoted scalar": "under læsning af en tekst i anførselstegn",
    "while scanning a plain scalar": "under læsning af en værdi uden anførselstegn",
    "while scanning a block scalar": "under læsning af en bloktekst",
    "while scanning an alias": "under læsning af et alias",
    "while scanning an anchor": "under læsning af et anker",
    "while scanning a tag": "under læsning af et tag",
    "while scanning a directive": "under læsning af et direktiv",
    "while scanning for the next token": "under søgning efter næste element",
}
