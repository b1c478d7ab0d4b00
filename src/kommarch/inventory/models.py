"""Pydantic v2 models of the inventory format v1 and of ``kommarch.yaml``. No I/O here.

Every model forbids unknown fields. Text fields are strict (YAML's ``32.30`` or ``yes`` is never
silently turned into a string), dates are ISO dates, closed sets are enums.
"""

from __future__ import annotations

import datetime as dt
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
ID_RE = re.compile(ID_PATTERN)

Id = Annotated[StrictStr, StringConstraints(pattern=ID_PATTERN)]
Kle = Annotated[StrictStr, StringConstraints(pattern=KLE_PATTERN)]
ServiceId = Annotated[StrictStr, StringConstraints(pattern=SERVICE_PATTERN)]
Text = Annotated[StrictStr, StringConstraints(min_length=1)]


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
        raise PydanticCustomError("kommarch_date", "expected a date YYYY-MM-DD")
    raise PydanticCustomError("kommarch_date", "expected a date YYYY-MM-DD")


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
MAX_SECONDS = 86_400
"""Upper bound of ``lookup_seconds`` and ``entry_seconds``: one day per lookup or entry."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class MunicipalityModel(_Model):
    """The municipality (kommune) the inventory describes."""

    name: Text
    code: Kommunekode | None = None
    region: Text | None = None
    population: Annotated[StrictInt, Field(ge=0, le=MAX_PEOPLE)] | None = None


class OrgUnit(_Model):
    """An organisation unit (forvaltning, afdeling)."""

    id: Id
    name: Text
    parent: Id | None = None
    description: StrictStr | None = None


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
        return {"severity": value}
    return value


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
        "INFRASTRUCTURE_OBLIGATIONS_MET": "infrastructure_obligations_met",
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
    weights: dict[Indicator, Annotated[float, Field(ge=0, strict=True, allow_inf_nan=False)]] = (
        Field(default_factory=dict)
    )


RuleCode = Annotated[StrictStr, StringConstraints(pattern=r"^KM[0-9]{3}$")]


class Waiver(_Model):
    """An approved deviation (dispensation) in the municipality's register."""

    rule: RuleCode
    subjects: list[StrictStr] = Field(default_factory=list)
    reason: Text
    approved_by: Text
    expires: IsoDate | None = None


class Config(_Model):
    """``kommarch.yaml``: language, failure threshold, rule settings, settings, waivers."""

    lang: Annotated[StrictStr, StringConstraints(pattern=r"^(da|en)$")] = "da"
    fail_on: FailOn = FailOn.ERROR
    rules: dict[RuleCode, RuleSetting] = Field(default_factory=dict)
    settings: Settings = Field(default_factory=Settings)
    waivers: list[Waiver] = Field(default_factory=list)
