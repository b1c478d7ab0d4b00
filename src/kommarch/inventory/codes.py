"""The validation error codes KM001-KM006 (section 3) as catalogue entries.

Audit rules carry their documentation on their classes (``kommarch.rules``); validation errors
are raised by the loader, the inventory and the configuration checks, so their documentation
lives here, in the same shape (:class:`~kommarch.findings.RuleMeta`), for ``kommarch rules``,
``kommarch explain``, docs/rules.md and the SARIF rule descriptors.
"""

from __future__ import annotations

from kommarch.findings import ReportSection, RuleMeta, Severity, Text

GROUP = Text("Validering", "Validation")
SUBJECTS = Text("postens id, når den har et", "the entry's id, when it has one")


def _code(
    code: str,
    name: str,
    summary: str,
    title: Text,
    rationale: Text,
    remediation: Text,
    failing_example: str,
    passing_example: str,
) -> RuleMeta:
    """A validation code: always severity ``error`` (exit code 2), no principle."""
    return RuleMeta(
        code=code,
        name=name,
        severity=Severity.ERROR,
        principle=None,
        section=ReportSection.DATA_QUALITY,
        group=GROUP,
        subjects=SUBJECTS,
        summary=summary,
        title=title,
        rationale=rationale,
        remediation=remediation,
        failing_example=failing_example,
        passing_example=passing_example,
    )


_KM001 = _code(
    code="KM001",
    name="yaml-syntax",
    summary="The file is not parseable YAML or uses a YAML feature refused for safety.",
    title=Text(
        "Filen er ikke gyldig YAML, topniveauet er ikke en mapping, eller den bruger en "
        "YAML-funktion, der afvises af sikkerhedshensyn",
        "The file is not parseable YAML, its top level is not a mapping, or it uses a YAML "
        "feature refused for safety",
    ),
    rationale=Text(
        "En fil, der ikke kan læses, kan ikke gennemgås. Tags som !!python/object og uendelig "
        "udfoldning af aliaser kan køre kode eller opbruge hukommelsen, så de afvises.",
        "A file that cannot be read cannot be audited. Tags such as !!python/object and "
        "unbounded alias expansion could run code or exhaust memory, so they are refused.",
    ),
    remediation=Text(
        "Ret syntaksfejlen på den angivne linje (ofte en manglende lukkeparentes, et kolon eller "
        "forkert indrykning); gem filen som UTF-8; brug kun standard-tags.",
        "Fix the syntax at the given line (often an unclosed bracket, a missing colon or wrong "
        "indentation); save the file as UTF-8; use standard tags only.",
    ),
    failing_example="systems:\n  - id: ky\n    name: [Kommunernes Ydelsessystem\n",
    passing_example="systems:\n  - id: ky\n    name: Kommunernes Ydelsessystem (KY)\n",
)

_KM002 = _code(
    code="KM002",
    name="schema",
    summary="A field has the wrong type, is missing, unknown or outside its allowed values.",
    title=Text(
        "Forkert type, manglende påkrævet felt, ukendt felt, værdi uden for de tilladte eller "
        "forkert format for id, dato, KLE-nummer eller SF-nummer",
        "Wrong type, missing required field, unknown field, value outside its enum, or a bad "
        "id, date, KLE or SF format",
    ),
    rationale=Text(
        "Gennemgangen bygger på præcise værdier; en stavefejl i en status eller et felt ville "
        "ellers stille og roligt ændre resultatet.",
        "The audit relies on exact values; a misspelt status or field would otherwise change "
        "the result silently.",
    ),
    remediation=Text(
        "Ret værdien som beskrevet i meddelelsen (den foreslår ofte det rigtige navn); sæt "
        "anførselstegn om koder og KLE-numre, så YAML ikke læser dem som tal.",
        "Correct the value as the message says (it often suggests the right name); quote codes "
        "and KLE numbers so that YAML does not read them as numbers.",
    ),
    failing_example=(
        "systems:\n  - id: ky\n    name: Kommunernes Ydelsessystem (KY)\n"
        "    type: line-of-business\n    status: active\n"
    ),
    passing_example=(
        "systems:\n  - id: ky\n    name: Kommunernes Ydelsessystem (KY)\n"
        "    type: line-of-business\n    status: in-use\n"
    ),
)

_KM003 = _code(
    code="KM003",
    name="duplicate-key",
    summary="A mapping repeats a key.",
    title=Text("En mapping gentager en nøgle", "A mapping repeats a key"),
    rationale=Text(
        "Almindelige YAML-læsere beholder stiltiende den sidste værdi, så den første forsvinder "
        "uden varsel.",
        "Ordinary YAML readers silently keep the last value, so the first one disappears "
        "without warning.",
    ),
    remediation=Text(
        "Fjern den ene forekomst, eller flet værdierne sammen.",
        "Remove one of the occurrences or merge the values.",
    ),
    failing_example=(
        "systems:\n  - id: ky\n    name: Kommunernes Ydelsessystem (KY)\n"
        "    owner: Ydelseschef Hanne Holm\n    owner: Jobcenterchef\n"
    ),
    passing_example=(
        "systems:\n  - id: ky\n    name: Kommunernes Ydelsessystem (KY)\n"
        "    owner: Ydelseschef Hanne Holm\n"
    ),
)

_KM004 = _code(
    code="KM004",
    name="duplicate-id",
    summary="Two entries of a section share an id, or a system reuses a catalogue id.",
    title=Text(
        "To poster i samme sektion har samme id, eller et system genbruger et id fra kataloget",
        "Two entries of a section share an id, or a system reuses a catalogue id",
    ),
    rationale=Text(
        "Referencer, dispensationer og baselines peger på id'er; et id skal derfor betyde én "
        "ting i hele systemoversigten.",
        "References, waivers and baselines point at ids, so an id must mean one thing across "
        "the whole inventory.",
    ),
    remediation=Text(
        "Giv den ene post et nyt id (behold det gamle i previous_ids ved omdøbning); to "
        "integrationer mellem samme par systemer skal have eksplicitte id'er.",
        "Give one of the entries a new id (keep the old one in previous_ids when renaming); two "
        "integrations between the same pair of systems need explicit ids.",
    ),
    failing_example=(
        "systems:\n  - id: ky\n    name: Kommunernes Ydelsessystem (KY)\n"
        "  - id: ky\n    name: KSD\n"
    ),
    passing_example=(
        "systems:\n  - id: ky\n    name: Kommunernes Ydelsessystem (KY)\n"
        "  - id: ksd\n    name: KSD\n"
    ),
)

_KM005 = _code(
    code="KM005",
    name="unknown-reference",
    summary="A reference names a system, unit, data object or predecessor that does not exist.",
    title=Text(
        "En reference til et system, en enhed, et dataobjekt eller en forgænger, der ikke findes",
        "A reference to a system, unit, data object or predecessor that does not exist",
    ),
    rationale=Text(
        "En integration eller et dataflow til noget, der ikke findes, kan ikke gennemgås, og "
        "det skjuler ofte en stavefejl.",
        "An integration or data flow to something that does not exist cannot be audited, and "
        "it often hides a typo.",
    ),
    remediation=Text(
        "Ret id'et (meddelelsen foreslår det nærmeste), eller erklær det manglende system, den "
        "manglende enhed eller det manglende dataobjekt.",
        "Correct the id (the message suggests the closest one) or declare the missing system, "
        "unit or data object.",
    ),
    failing_example=(
        "organisation:\n  - id: jobcenter\n    name: Jobcenter\n"
        "systems:\n  - id: ky\n    name: Kommunernes Ydelsessystem (KY)\n    unit: jobcentret\n"
    ),
    passing_example=(
        "organisation:\n  - id: jobcenter\n    name: Jobcenter\n"
        "systems:\n  - id: ky\n    name: Kommunernes Ydelsessystem (KY)\n    unit: jobcenter\n"
    ),
)

_KM006 = _code(
    code="KM006",
    name="municipality",
    summary="The municipality section is missing, or given more than once.",
    title=Text(
        "Sektionen municipality mangler eller er angivet mere end én gang",
        "The municipality section is missing, or given more than once",
    ),
    rationale=Text(
        "Rapporten skal vide, hvilken kommune systemoversigten beskriver, og der må kun være "
        "ét svar.",
        "The report must know which municipality the inventory describes, and there must be "
        "one answer.",
    ),
    remediation=Text(
        "Angiv municipality med mindst name i præcis én fil i systemoversigten.",
        "Give municipality, with at least a name, in exactly one inventory file.",
    ),
    failing_example="systems: []\n",
    passing_example='municipality:\n  name: Eksempel Kommune\n  code: "999"\nsystems: []\n',
)

VALIDATION_RULES: dict[str, RuleMeta] = {
    r.code: r for r in (_KM001, _KM002, _KM003, _KM004, _KM005, _KM006)
}
"""KM001-KM006 in code order."""
