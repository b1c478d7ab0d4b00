"""Pydantic v2 models of the inventory format v1 and of ``kommarch.yaml``. No I/O here.

Every model forbids unknown fields. Text fields are strict (YAML's ``32.30`` or ``yes`` is never
silently turned into a string), dates are ISO dates, closed sets are enums.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import re
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,63}$"
KLE_PATTERN = r"^[0-9]{2}(\.[0-9]{2}){0,2}$"
SERVICE_PATTERN = r"^SF[0-9]{4}(_[A-Za-z0-9]+)?$"
UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"

Id = Annotated[StrictStr, StringConstraints(pattern=ID_PATTERN)]
Kle = Annotated[StrictStr, StringConstraints(pattern=KLE_PATTERN)]
ServiceId = Annotated[StrictStr, StringConstraints(pattern=SERVICE_PATTERN)]
Text = Annotated[StrictStr, StringConstraints(min_length=1)]
Uuid = Annotated[StrictStr, StringConstraints(pattern=UUID_PATTERN)]


def _iso_date(value: Any) -> Any:
    """Accept a YAML date or a quoted ISO date; refuse numbers, timestamps and impossible dates."""
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("kommarch_date", "expected a date YYYY-MM-DD, not a timestamp")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise PydanticCustomError(
                    "kommarch_date", "{value} is not a date that exists", {"value": value}
                ) from None
        iso = _iso_form(value)
        if iso is not None:
            raise PydanticCustomError(
                "kommarch_text",
                "{en}",
                {"en": f"{value}: write {iso}", "da": f"{value}: skriv {iso}"},
            )
        raise PydanticCustomError("kommarch_date", "expected a date YYYY-MM-DD")
    raise PydanticCustomError("kommarch_date", "expected a date YYYY-MM-DD")


_DAY_FIRST = re.compile(r"([0-9]{1,2})[-./ ]([0-9]{1,2})[-./ ]([0-9]{4})")
_YEAR_FIRST = re.compile(r"([0-9]{4})[-./ ]([0-9]{1,2})[-./ ]([0-9]{1,2})")


def _iso_form(text: str) -> str | None:
    """The ISO form of a date written the Danish way (31-12-2028, 31.12.2028, 31/12/2028) or
    with other separators or without leading zeros (2028/12/31, 2028-1-5); None if none exists."""
    text = text.strip()
    if m := _DAY_FIRST.fullmatch(text):
        day, month, year = (int(g) for g in m.groups())
    elif m := _YEAR_FIRST.fullmatch(text):
        year, month, day = (int(g) for g in m.groups())
    else:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


IsoDate = Annotated[
    dt.date,
    BeforeValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
]


def _one_or_many(value: Any) -> Any:
    """``kle: "32.24"`` and ``kle: ["32.24"]`` mean the same."""
    return value if isinstance(value, list) else [value]


def _kommunekode(value: Any) -> Any:
    if isinstance(value, str) and re.fullmatch(r"0[0-9]{3}", value):
        return value[1:]
    return value


KleList = Annotated[
    list[Kle],
    BeforeValidator(_one_or_many),
    WithJsonSchema(
        {
            "oneOf": [
                {"type": "string", "pattern": KLE_PATTERN},
                {"type": "array", "items": {"type": "string", "pattern": KLE_PATTERN}},
            ]
        }
    ),
]
Kommunekode = Annotated[
    StrictStr,
    BeforeValidator(_kommunekode),
    StringConstraints(pattern=r"^[0-9]{3}$"),
    WithJsonSchema({"type": "string", "pattern": r"^0?[0-9]{3}$"}),
]


class SystemType(enum.StrEnum):
    """What kind of system (section 2)."""

    CASE_MANAGEMENT = "case-management"
    LINE_OF_BUSINESS = "line-of-business"
    SELF_SERVICE = "self-service"
    FINANCE = "finance"
    HR = "hr"
    INTEGRATION_PLATFORM = "integration-platform"
    INFRASTRUCTURE = "infrastructure"
    ANALYTICS = "analytics"
    OTHER = "other"


class SystemStatus(enum.StrEnum):
    """Life-cycle of a system."""

    PLANNED = "planned"
    IN_USE = "in-use"
    PHASING_OUT = "phasing-out"
    RETIRED = "retired"


class Hosting(enum.StrEnum):
    """Where a system runs."""

    ON_PREMISES = "on-premises"
    HOSTED = "hosted"
    SAAS = "saas"


class Criticality(enum.StrEnum):
    """How critical a system is."""

    LOW = "low"
    NORMAL = "normal"
    BUSINESS_CRITICAL = "business-critical"
    SOCIETY_CRITICAL = "society-critical"


class PersonalData(enum.StrEnum):
    """Category of personal data (databeskyttelsesforordningen)."""

    NONE = "none"
    ORDINARY = "ordinary"
    SENSITIVE = "sensitive"
    CRIMINAL = "criminal"


class Authentication(enum.StrEnum):
    """How users sign in."""

    ADGANGSSTYRING = "adgangsstyring"
    MUNICIPAL_IDP = "municipal-idp"
    MITID = "mitid"
    LOCAL = "local"
    NONE = "none"


class DataUse(enum.StrEnum):
    """How a data object gets into a system."""

    MASTER = "master"
    INTEGRATION = "integration"
    MANUAL = "manual"


class Mechanism(enum.StrEnum):
    """How an integration moves data."""

    API = "api"
    MESSAGE = "message"
    FILE = "file"
    DATABASE = "database"
    MANUAL = "manual"
    RPA = "rpa"


class Frequency(enum.StrEnum):
    """How often an integration runs."""

    REALTIME = "realtime"
    HOURLY = "hourly"
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    AD_HOC = "ad-hoc"


class IntegrationStatus(enum.StrEnum):
    """Life-cycle of an integration; only ``active`` delivers data."""

    PLANNED = "planned"
    ACTIVE = "active"
    RETIRED = "retired"


class Masters(enum.StrEnum):
    """Whether a municipal data object has one master system or many."""

    ONE = "one"
    MANY = "many"


class Action(enum.StrEnum):
    """What a caseworker does in a process step."""

    LOOKUP = "lookup"
    ENTER = "enter"


MAX_PEOPLE = 10_000_000
"""Upper bound of ``population`` and ``users``: above Denmark's population, far below anything
that could overflow a sum or a product in the score."""
MAX_CASES_PER_YEAR = 100_000_000
"""Upper bound of a process's ``cases_per_year`` (keeps journey hours finite and exact)."""
MAX_HOURLY_COST = 100_000  # kroner per caseworker hour: far above any real rate
MAX_FTE_HOURS = 8_784  # the hours of a leap year
MAX_SECONDS = 86_400
"""Upper bound of ``lookup_seconds`` and ``entry_seconds``: one day per lookup or entry."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class KitosOrg(_Model):
    """``kitos: {org: <uuid>}`` on the municipality: its KITOS organisation."""

    org: Uuid


class KitosUnit(_Model):
    """``kitos: {unit: <uuid>}`` on an organisation unit imported from KITOS."""

    unit: Uuid


class KitosUsage(_Model):
    """``kitos: {usage: <uuid>, system: <uuid>}`` on a system imported from KITOS."""

    usage: Uuid
    system: Uuid | None = None


class KitosRelation(_Model):
    """``kitos: {relation: <uuid>}`` on an integration imported from KITOS."""

    relation: Uuid


class MunicipalityModel(_Model):
    """The municipality (kommune) the inventory describes."""

    name: Text
    code: Kommunekode | None = None
    region: Text | None = None
    population: Annotated[StrictInt, Field(ge=0, le=MAX_PEOPLE)] | None = None
    kitos: KitosOrg | None = None


class OrgUnit(_Model):
    """An organisation unit (forvaltning, afdeling)."""

    id: Id
    name: Text
    parent: Id | None = None
    description: StrictStr | None = None
    kitos: KitosUnit | None = None


class System(_Model):
    """An IT system in use, planned or retired."""

    id: Id
    name: Text
    type: SystemType
    status: SystemStatus
    description: StrictStr | None = None
    vendor: StrictStr | None = None
    owner: StrictStr | None = None
    unit: Id | None = None
    in_use_from: IsoDate | None = None
    retire_on: IsoDate | None = None
    contract_end: IsoDate | None = None
    hosting: Hosting | None = None
    criticality: Criticality | None = None
    personal_data: PersonalData | None = None
    data_processing_agreement: StrictBool | None = None
    authentication: Authentication | None = None
    users: Annotated[StrictInt, Field(ge=0, le=MAX_PEOPLE)] | None = None
    kle: KleList = Field(default_factory=list)
    replaces: Id | None = None
    previous_ids: list[Id] = Field(default_factory=list)
    data: dict[Id, DataUse] = Field(default_factory=dict)
    tags: list[StrictStr] = Field(default_factory=list)
    links: list[StrictStr] = Field(default_factory=list)
    kitos: KitosUsage | None = None


class Integration(_Model):
    """A data flow from a provider (``from``) to a consumer (``to``)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: Id | None = None
    from_: Id = Field(alias="from")
    to: Id
    data: Annotated[list[Id], Field(min_length=1)]
    via: Id | None = None
    service: ServiceId | None = None
    mechanism: Mechanism | None = None
    frequency: Frequency | None = None
    status: IntegrationStatus = IntegrationStatus.ACTIVE
    standard: StrictStr | None = None
    description: StrictStr | None = None
    kitos: KitosRelation | None = None


class DataObject(_Model):
    """A municipal data object beyond the built-in catalogue."""

    id: Id
    name: Text
    personal_data: PersonalData | None = None
    masters: Masters = Masters.ONE
    description: StrictStr | None = None


class Step(_Model):
    """One step of a caseworker journey."""

    system: Id
    action: Action
    data: Annotated[list[Id], Field(min_length=1)]
    description: StrictStr | None = None


class Process(_Model):
    """A caseworker journey (arbejdsgang) through the systems."""

    id: Id
    name: Text
    unit: Id | None = None
    kle: KleList = Field(default_factory=list)
    cases_per_year: Annotated[StrictInt, Field(ge=0, le=MAX_CASES_PER_YEAR)] | None = None
    steps: Annotated[list[Step], Field(min_length=1)]
    description: StrictStr | None = None


class InventoryFile(_Model):
    """One inventory file: any subset of the sections (used for the JSON Schema)."""

    municipality: MunicipalityModel | None = None
    organisation: list[OrgUnit] | None = None
    systems: list[System] | None = None
    integrations: list[Integration] | None = None
    data_objects: list[DataObject] | None = None
    processes: list[Process] | None = None


# --- kommarch.yaml -------------------------------------------------------------------------


class FailOn(enum.StrEnum):
    """The lowest severity that makes ``audit`` exit 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NEVER = "never"


class SeverityName(enum.StrEnum):
    """A severity as written in configuration."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class RuleSeverity(_Model):
    """``KM404: {severity: warning}``."""

    severity: SeverityName | None = None
    enabled: StrictBool = True


def _rule_setting(value: Any) -> Any:
    """``off``/``false`` disables a rule; a bare severity string sets it."""
    if value is False or value == "off":
        return {"enabled": False}
    if isinstance(value, str):
        if value not in _RULE_WORDS:
            close = difflib.get_close_matches(value.lower(), _RULE_WORDS, n=1, cutoff=0.6)
            hint = f"'{close[0]}'" if close else ""
            listed = ", ".join(_RULE_WORDS)
            raise PydanticCustomError(
                "kommarch_text",
                "{en}",
                {
                    "en": f"'{value}' is not one of {listed}"
                    + (f"; did you mean {hint}?" if hint else ""),
                    "da": f"'{value}' er ikke én af {listed}"
                    + (f"; mente du {hint}?" if hint else ""),
                },
            )
        return {"severity": value}
    return value


_RULE_WORDS = ("off", "error", "warning", "info")


def _upper_code(value: Any) -> Any:
    """Rule codes are case-insensitive: ``km201`` is KM201."""
    return value.strip().upper() if isinstance(value, str) else value


RuleSetting = Annotated[
    RuleSeverity,
    BeforeValidator(_rule_setting),
    WithJsonSchema(
        {
            "oneOf": [
                {"const": False},
                {"enum": ["off", "error", "warning", "info"]},
                {
                    "type": "object",
                    "properties": {
                        "severity": {"enum": ["error", "warning", "info"]},
                        "enabled": {"type": "boolean"},
                    },
                    "additionalProperties": False,
                },
            ]
        }
    ),
]

Indicator = enum.StrEnum(
    "Indicator",
    {
        "REGISTER_DATA_REUSED": "register_data_reused",
        "COMMON_INFRASTRUCTURE_USED": "common_infrastructure_used",
        "NO_DUPLICATE_ENTRY": "no_duplicate_entry",
        "INTEGRATIONS_INTACT": "integrations_intact",
        "OWNERSHIP": "ownership",
    },
)
Indicator.__doc__ = "The maturity indicators of section 7."


class Settings(_Model):
    """Tunable thresholds of the rules and the maturity score."""

    contract_warning_months: Annotated[StrictInt, Field(ge=0)] = 12
    vendor_share: Annotated[float, Field(ge=0, le=1, strict=True, allow_inf_nan=False)] = 0.30
    lookup_seconds: Annotated[
        float, Field(ge=0, le=MAX_SECONDS, strict=True, allow_inf_nan=False)
    ] = 45
    entry_seconds: Annotated[
        float, Field(ge=0, le=MAX_SECONDS, strict=True, allow_inf_nan=False)
    ] = 120
    hourly_cost: Annotated[
        float, Field(ge=0, le=MAX_HOURLY_COST, strict=True, allow_inf_nan=False)
    ] = 450
    fte_hours: Annotated[float, Field(gt=0, le=MAX_FTE_HOURS, strict=True, allow_inf_nan=False)] = (
        1924
    )
    weights: dict[Indicator, Annotated[float, Field(ge=0, strict=True, allow_inf_nan=False)]] = (
        Field(default_factory=dict)
    )


RuleCode = Annotated[
    StrictStr, StringConstraints(pattern=r"^[Kk][Mm][0-9]{3}$"), BeforeValidator(_upper_code)
]
"""A rule code in any case (the pattern shows editors that ``km201`` is accepted); upper-cased."""


class Waiver(_Model):
    """An approved deviation (dispensation) in the municipality's register."""

    rule: RuleCode
    subjects: list[StrictStr] = Field(default_factory=list)
    reason: Text
    approved_by: Text
    expires: IsoDate | None = None


def _cvr_or_uuid(value: Any) -> Any:
    """``org: 29189919`` (YAML reads it as a number) means the CVR number ``"29189919"``."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


KitosOrgRef = Annotated[
    StrictStr,
    BeforeValidator(_cvr_or_uuid),
    StringConstraints(pattern=r"^([0-9]{8}|" + UUID_PATTERN[1:-1] + r")$"),
    WithJsonSchema(
        {
            "oneOf": [
                {"type": "string", "pattern": r"^[0-9]{8}$"},
                {"type": "integer", "minimum": 10000000, "maximum": 99999999},
                {"type": "string", "pattern": UUID_PATTERN},
            ]
        }
    ),
]


class KitosConfig(_Model):
    """``kitos:`` in kommarch.yaml: defaults and local rules of ``kommarch import kitos``."""

    url: Annotated[StrictStr, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    org: KitosOrgRef | None = None
    owner_roles: list[Text] = Field(default_factory=lambda: ["Systemejer"])
    catalogue: dict[StrictStr, Id] = Field(default_factory=dict)
    skip: list[Uuid] = Field(default_factory=list)


class Config(_Model):
    """``kommarch.yaml``: language, failure threshold, rule settings, settings, waivers, KITOS."""

    lang: Annotated[StrictStr, StringConstraints(pattern=r"^(da|en)$")] = "da"
    fail_on: FailOn = FailOn.ERROR
    rules: dict[RuleCode, RuleSetting] = Field(default_factory=dict)
    settings: Settings = Field(default_factory=Settings)
    waivers: list[Waiver] = Field(default_factory=list)
    kitos: KitosConfig = Field(default_factory=KitosConfig)
