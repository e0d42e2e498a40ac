"""The consultation: one pydantic model, the single source of truth for everything entered.

``Consultation.model_dump_json()`` is the consultation file of DESIGN.md, a contract shared with
other tools: field names and ids are fixed. Medical-history answers are tri-state: ``None`` means
"not asked yet" and the screening treats it as unknown, never as "no".
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, time
from typing import Annotated, Literal
from uuid import uuid4

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from mesocore.catalog import LOCALES, get_catalog

SCHEMA_VERSION: Literal[1] = 1
Answer = bool | None


def _known_locale(value: str) -> str:
    if value not in LOCALES:
        raise ValueError(f"unknown language '{value}'; known: {', '.join(LOCALES)}")
    return value


Locale = Annotated[
    str,
    AfterValidator(_known_locale),
    WithJsonSchema({"type": "string", "enum": list(LOCALES)}),
]
"""A language of the catalog (``mesocore.catalog.LOCALES``: one file in content/i18n each)."""
Sex = Literal["female", "male", "other"]

NAME_MAX = 120
NOTE_MAX = 4000


def _clean_text(value: object) -> object:
    """Trim, compose (NFC) and refuse control characters; any script is welcome."""
    if not isinstance(value, str):
        return value
    value = unicodedata.normalize("NFC", value).strip()
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in value):
        raise ValueError("contains control characters")
    return value


def _single_line(value: str) -> str:
    if "\n" in value or "\t" in value:
        raise ValueError("must be a single line")
    return value


CleanText = Annotated[str, BeforeValidator(_clean_text)]
Name = Annotated[CleanText, AfterValidator(_single_line), Field(max_length=NAME_MAX)]
Note = Annotated[CleanText, Field(max_length=NOTE_MAX)]
VisitKey = Annotated[str, Field(pattern=r"^(s[2-9]-)?(session|booster)-[1-9][0-9]?$")]
"""A planned visit: ``session-2``, ``booster-1``; ``s2-session-1`` for a second visit series."""


def _known(kind: str, collection: str, values: list[str]) -> list[str]:
    known = getattr(get_catalog(), collection)
    for value in values:
        if value not in known:
            raise ValueError(f"unknown {kind} '{value}'; known: {', '.join(known)}")
    if len(set(values)) != len(values):
        raise ValueError(f"a {kind} is listed twice")
    return values


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Patient(_Model):
    name: Name = ""
    birth_date: date | None = None
    sex: Sex | None = None


class History(_Model):
    """Medical-history answers. ``None`` = not asked yet. Field names are the file contract."""

    pregnant: Answer = None
    breastfeeding: Answer = None
    stroke_history: Answer = None
    insulin_dependent_diabetes: Answer = None
    diabetes_other: Answer = None
    heart_disease_multi_drug: Answer = None
    heart_disease_other: Answer = None
    cancer: Answer = None
    bleeding_disorder: Answer = None
    urticaria: Answer = None
    autoimmune_disease: Answer = None
    active_skin_infection: Answer = None
    chronic_skin_disease_flare: Answer = None
    allergies: list[str] | None = None
    blood_thinners: Answer = None
    other_chronic_disease: Answer = None
    """Added after schema 1's first files: a file without it loads as not asked (fail safe)."""

    @field_validator("allergies")
    @classmethod
    def _known_ingredients(cls, value: list[str] | None) -> list[str] | None:
        return value if value is None else _known("ingredient", "ingredients", value)


CUSTOM = "custom"
"""The cocktail id of a mix the doctor builds from catalog ingredients (see Treatment)."""
CUSTOM_PROTOCOL = "standard"
"""A custom mix follows the standard mesotherapy course (sessions, intervals, cream)."""
COURSE_UNITS = {"sessions": "sessions", "interval_days": "days"}


class Treatment(_Model):
    """One area and what it is treated with: a catalog cocktail, or ``custom`` with the
    ``ingredients`` the doctor chose (only then; a catalog cocktail's ingredients are its own)."""

    area: str
    cocktail: str
    ingredients: list[str] | None = None
    sessions: int | None = Field(default=None, ge=1)
    """The doctor's number of sessions for this treatment; None = the protocol's default."""
    interval_days: int | None = Field(default=None, ge=1)
    """The doctor's days between sessions for this treatment; None = the protocol's default."""

    @field_validator("sessions", "interval_days")
    @classmethod
    def _within_protocol(cls, value: int | None, info: ValidationInfo) -> int | None:
        """A course choice stays inside its protocol's range (a cocktail that is not in the
        catalog is reported by the model check below)."""
        cocktail = info.data.get("cocktail")
        catalog = get_catalog()
        if value is None or (cocktail != CUSTOM and cocktail not in catalog.cocktails):
            return value
        protocol = catalog.protocols[
            CUSTOM_PROTOCOL if cocktail == CUSTOM else catalog.cocktails[cocktail].protocol
        ]
        field = str(info.field_name)  # always set for a field validator
        low, high = getattr(protocol, field)
        if not low <= value <= high:
            raise PydanticCustomError(
                f"{field}_outside_range",
                "{value} {unit} is outside the range of the {protocol} ({low}–{high} {unit})",
                {
                    "value": value,
                    "low": low,
                    "high": high,
                    "unit": COURSE_UNITS[field],
                    "protocol": protocol.name("en"),
                },
            )
        return value

    @model_validator(mode="after")
    def _known_pair(self) -> Treatment:
        catalog = get_catalog()
        _known("area", "areas", [self.area])
        if self.cocktail == CUSTOM:
            if not self.ingredients:
                raise ValueError("ingredients: a custom mix needs at least one ingredient")
            _known("ingredient", "ingredients", self.ingredients)
            return self
        if self.ingredients is not None:
            raise ValueError(
                f"ingredients: only a '{CUSTOM}' mix lists its ingredients; "
                f"'{self.cocktail}' has its own"
            )
        _known("cocktail", "cocktails", [self.cocktail])
        if self.area not in catalog.cocktails[self.cocktail].areas:
            raise ValueError(f"cocktail '{self.cocktail}' is not used on area '{self.area}'")
        return self


class Consent(_Model):
    """The patient's informed consent, as confirmed on the Summary step.

    The statements ticked and the typed name are kept while the patient goes through them;
    ``confirmed_at`` is set only when every statement is ticked and the typed name matches the
    patient's (see ``mesocore.consent``). ``scope`` fingerprints the treatment consented to, so a
    later change of areas, cocktails, choice or dates asks for consent again.
    """

    # `[]`, not default_factory=list: pydantic copies a mutable default for each instance, and
    # checking `list` as a factory parses its signature with tokenize, ~2 ms a process (#10).
    statements: list[str] = []
    patient_name: Name = ""
    confirmed_at: datetime | None = None
    scope: str | None = None

    @field_validator("statements")
    @classmethod
    def _known_statements(cls, value: list[str]) -> list[str]:
        return _known("consent statement", "consent", value)


class Consultation(_Model):
    schema_version: Literal[1] = SCHEMA_VERSION
    id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{1,64}$")
    locale: Locale = "en"
    consultation_date: date = Field(default_factory=date.today)
    patient: Patient = Field(default_factory=Patient)
    history: History = Field(default_factory=History)
    concerns: list[str] = []
    goals: Note = ""
    notes: Note = ""
    areas: list[str] = []
    area_sides: dict[str, Literal["left", "right"]] = Field(
        default={},
        description=(
            "Chosen areas treated on one side only: area id -> 'left' or 'right' (the patient's"
            " side). Only for areas the catalog marks sided (arms, hands, legs, feet, hips,"
            " buttocks, back_of_thighs); an area not listed is treated on both sides."
        ),
    )
    """Added in schema 1 (issue #18): a file without it treats every chosen area whole."""
    treatments: list[Treatment] = []
    start_date: date | None = None
    avoid_bruising: bool | None = None
    """Superseded by the wish ``avoid_bruising`` in `wishes` (one list for the Cocktails and the
    Compare step): a file saying ``true`` loads with the wish added and this field cleared."""
    treatment_choice: str | None = None
    """The patient's choice on the Compare step: a comparison option id (e.g. youth_vaccine)."""
    visit_dates: dict[VisitKey, date] = Field(default_factory=dict)
    """Visits the doctor moved on the Timeline step: visit key -> date; later visits are
    re-planned from a moved one (mesocore.planning)."""
    visit_time: time | None = None
    """Time of day of the planned visits; None = the clinic's default appointment time."""
    calendar_id: str = Field(default_factory=lambda: uuid4().hex, pattern=r"^[A-Za-z0-9_-]{8,64}$")
    """A random id for the calendar export's event UIDs, so re-importing updates the events.
    Random, never derived from patient data."""
    consent: Consent | None = None
    """Informed consent confirmed on the Summary step; None until the patient starts it."""
    wishes: list[str] = []
    """What the patient asks to avoid (wish ids, e.g. avoid_needles); weighs in the comparison."""

    @field_validator("wishes")
    @classmethod
    def _known_wishes(cls, value: list[str]) -> list[str]:
        return _known("wish", "wishes", value)

    @model_validator(mode="before")
    @classmethod
    def _bruising_worry_is_a_wish(cls, data):
        """Older files kept the bruising worry in its own field: move it into `wishes`, so the
        ranking and both steps read one answer."""
        if isinstance(data, dict) and data.get("avoid_bruising") is True:
            wishes = list(data.get("wishes") or [])
            data = {**data, "avoid_bruising": None, "wishes": [*wishes, "avoid_bruising"]}
            if wishes.count("avoid_bruising"):
                data["wishes"] = wishes
        return data

    @model_validator(mode="before")
    @classmethod
    def _treated_areas_are_chosen(cls, data):
        """A treatment implies its area: a file (another tool's, or an older one) may list a
        treatment whose area is not in `areas`. The plan, the calendar and the PDF included it
        while the Areas and Cocktails steps never showed it; the area is now added, after the
        chosen ones, so every step shows what will be done."""
        if not isinstance(data, dict) or not isinstance(data.get("treatments"), list):
            return data
        areas = data.get("areas", [])
        if not isinstance(areas, list):
            return data  # validation names the field
        treated = [
            tr.get("area") if isinstance(tr, dict) else getattr(tr, "area", None)
            for tr in data["treatments"]
        ]
        missing = [a for a in dict.fromkeys(treated) if isinstance(a, str) and a not in areas]
        return {**data, "areas": [*areas, *missing]} if missing else data

    @field_validator("treatment_choice")
    @classmethod
    def _known_choice(cls, value: str | None) -> str | None:
        return value if value is None else _known("comparison option", "comparison", [value])[0]

    @field_validator("concerns")
    @classmethod
    def _known_concerns(cls, value: list[str]) -> list[str]:
        return _known("concern", "concerns", value)

    @field_validator("areas")
    @classmethod
    def _known_areas(cls, value: list[str]) -> list[str]:
        return _known("area", "areas", value)

    @model_validator(mode="after")
    def _sides_of_chosen_sided_areas(self) -> Consultation:
        """A side is recorded only for a chosen area that can be treated on one side."""
        if not self.area_sides:
            return self  # nothing to check: the catalog is not even needed
        catalog = get_catalog()
        for area in self.area_sides:
            if area not in catalog.areas:
                raise ValueError(f"area_sides: unknown area '{area}'")
            if not catalog.areas[area].sided:
                raise ValueError(f"area_sides: area '{area}' is treated as a whole, not per side")
            if area not in self.areas:
                raise ValueError(f"area_sides: area '{area}' is not among the chosen areas")
        return self

    @field_validator("treatments")
    @classmethod
    def _one_treatment_per_area(cls, value: list[Treatment]) -> list[Treatment]:
        """An area is treated with one cocktail: every step shows one; a file with two would
        plan both on the same visits while the Cocktails step shows only the first."""
        seen: set[str] = set()
        for treatment in value:
            if treatment.area in seen:
                raise ValueError(f"area '{treatment.area}' has more than one treatment")
            seen.add(treatment.area)
        return value

    @model_validator(mode="after")
    def _plausible_patient(self) -> Consultation:
        born = self.patient.birth_date
        if born is None:
            return self
        if born > self.consultation_date:
            raise PydanticCustomError(
                "birth_date_future", "patient.birth_date: the birth date is in the future"
            )
        clinic = get_catalog().clinic
        age = age_on(born, self.consultation_date)
        if not clinic.min_age <= age <= clinic.max_age:
            raise PydanticCustomError(
                "age_outside_range",
                "patient.birth_date: age {age} is outside the range the clinic treats "
                "({low}–{high})",
                {"age": age, "low": clinic.min_age, "high": clinic.max_age},
            )
        return self

    def revised(self, **changes: object) -> Consultation:
        """A new consultation with `changes` (field -> value, models or plain data), validated
        as a whole like a loaded file: pydantic's ValidationError names a refused field.
        (``model_copy(update=…)`` would skip validation.)"""
        return Consultation.model_validate({**self.model_dump(), **changes})

    @property
    def age(self) -> int | None:
        born = self.patient.birth_date
        return None if born is None else age_on(born, self.consultation_date)


def age_on(born: date, day: date) -> int:
    """Whole years from `born` to `day` (a birthday on 29 February counts from 1 March)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def describe_error(exc: ValidationError, locale: str | None = None) -> str:
    """One line naming the field, for people: ``patient.birth_date: the birth date is …``.

    With a `locale`, an error the doctor can cause on a page (``errors.<type>`` in
    content/i18n) is said in that language."""
    error = exc.errors(include_url=False)[0]
    if locale is not None:
        from mesocore.i18n import messages, t

        if f"errors.{error['type']}" in messages("en"):
            return t(f"errors.{error['type']}", locale, **error.get("ctx", {}))
    field = ".".join(str(part) for part in error["loc"])
    message = error["msg"].removeprefix("Value error, ")
    if ": " in message and not field:
        return message
    if field and message.startswith(field + ": "):
        return message
    return f"{field}: {message}" if field else message


def consultation_schema() -> dict:
    """The JSON Schema of the consultation file."""
    return Consultation.model_json_schema()
