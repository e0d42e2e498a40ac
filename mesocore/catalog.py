"""The content catalog: clinical data in ``content/*.toml``, validated once into frozen models.

Content is data, not code, so that a clinician can review it and a new rule is a new entry. Every
entry is checked on load (types, unknown fields, cross-references, cited sources); a bad entry
fails with the file, the entry id and the field, so a typo in content can never silently weaken
the screening.
"""

# No `from __future__ import annotations` here: pydantic would then compile and evaluate each
# of the ~110 field annotations as a string when the classes are created (about 2 ms of every
# `python -m mesocore` run, issue #10). Annotations that name a class defined further down the
# module, or the class being defined, are therefore written in quotes.
import os
from datetime import time
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    ValidationError,
    ValidationInfo,
    model_validator,
)

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
DEFAULT_LOCALE = "en"


def locales(root: Path = CONTENT_DIR) -> tuple[str, ...]:
    """The languages of the catalog: one ``content/i18n/<locale>.toml`` each, English first.

    The one list of languages: the language control, the consultation file's ``locale`` and
    every catalog text read it, so adding a language touches no Python file."""
    found = sorted(path.stem for path in (Path(root) / "i18n").glob("*.toml"))
    return (DEFAULT_LOCALE, *(locale for locale in found if locale != DEFAULT_LOCALE))


LOCALES = locales()

Severity = Literal["not_eligible", "deferred", "eligible_with_cautions"]
Sex = Literal["female", "male", "other"]


class CatalogError(ValueError):
    """A content file is missing, malformed, or refers to something that does not exist."""


class _Frozen(BaseModel):
    # defer_build: a model's validator is built when content is first validated, not when this
    # module is imported; a process served by the catalog cache (mesocore.catalog_cache) never
    # validates content, so it never pays for building some twenty schemas.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Text(RootModel[dict[str, str]]):
    """A text in several languages; English is required and is the fallback."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    @model_validator(mode="after")
    def _english_and_known_locales(self, info: ValidationInfo) -> "Text":
        if not self.root.get("en", "").strip():
            raise ValueError("an English text ('en') is required")
        known = (info.context or {}).get("locales", LOCALES)  # the languages of the content read
        unknown = sorted(set(self.root) - set(known))
        if unknown:
            raise ValueError(f"unknown language(s) {unknown}; known: {list(known)}")
        return self

    def __call__(self, locale: str = "en") -> str:
        return self.root.get(locale) or self.root["en"]


class _Cited(_Frozen):
    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_-]+$")
    sources: tuple[str, ...] = Field(min_length=1)


class Source(_Frozen):
    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    file: str | None = None


class Concern(_Cited):
    name: Text
    description: Text


class Area(_Cited):
    name: Text
    region: Literal["face", "body"]
    indications: Text
    treats: tuple[str, ...] = Field(min_length=1)
    """The area's main indications (the concerns the seeds name for it first): an area is
    suggested for a patient only when one of these is among her concerns."""
    also_treats: tuple[str, ...] = ()
    """Concerns the area can also be treated for, but is not chosen for (e.g. fine wrinkles on the
    feet): they count for a cocktail on the area, they do not suggest the area."""
    session_minutes: tuple[int, int]
    sided: bool = False
    """A doctor may treat it on one side only (an arm, a hip): the map has a left and a right
    zone, and a consultation may record the side (``Consultation.area_sides``)."""

    @property
    def all_treats(self) -> tuple[str, ...]:
        """Everything the area can be treated for, main indications first."""
        return self.treats + self.also_treats

    @model_validator(mode="after")
    def _main_or_secondary(self) -> "Area":
        both = sorted(set(self.treats) & set(self.also_treats))
        if both:
            raise ValueError(f"also_treats repeats main indications {both}")
        return self


class Ingredient(_Cited):
    name: Text
    benefit: Text
    serves: tuple[str, ...]


class ResultMilestone(_Frozen):
    """When a result is expected: after the given session of the course."""

    after_session: int = Field(ge=1)
    text: Text


class Protocol(_Cited):
    name: Text
    sessions: tuple[int, int]
    default_sessions: int = Field(ge=1)
    interval_days: tuple[int, int]
    default_interval_days: int = Field(ge=1)
    booster_months: tuple[int, int]
    default_booster_months: int = Field(ge=1)
    anaesthetic_cream_minutes: tuple[int, int]
    session_minutes: tuple[int, int]
    results: Text
    milestones: tuple[ResultMilestone, ...] = ()

    @model_validator(mode="after")
    def _defaults_within_ranges(self) -> "Protocol":
        for name in ("sessions", "interval_days", "booster_months"):
            low, high = getattr(self, name)
            default = getattr(self, f"default_{name}")
            if not low <= default <= high:
                raise ValueError(f"default_{name}={default} is outside {name}=[{low}, {high}]")
        for milestone in self.milestones:
            if milestone.after_session > self.sessions[1]:
                raise ValueError(
                    f"milestones: after_session={milestone.after_session} is beyond the "
                    f"course's {self.sessions[1]} sessions"
                )
        return self


class Cocktail(_Cited):
    name: Text
    description: Text
    ingredients: tuple[str, ...] = Field(min_length=1)
    treats: tuple[str, ...] = Field(min_length=1)
    main_aims: tuple[str, ...] = ()
    """The concerns the cocktail's aim targets most directly (a subset of `treats`); the ranking
    weighs a main aim twice a concern it only helps."""
    areas: tuple[str, ...] = Field(min_length=1)
    technique: Literal["needle", "needle_free"]
    technique_benefit: Text | None = None
    """What the technique spares the patient, in words (e.g. no bruising for needle-free)."""
    ha: Literal["none", "low", "high"]
    cross_linked: bool
    protocol: str


class Rule(_Cited):
    """A screening rule: a "yes" to `question` leads to `severity`."""

    question: str
    group: Literal["pregnancy", "chronic", "blood", "skin", "allergy"]
    severity: Severity
    kind: Literal["answer", "allergy"] = "answer"
    applies_to_sex: tuple[Sex, ...] = ("female", "male", "other")
    label: Text
    message: Text
    advice: Text


class AftercareRule(_Cited):
    timing: Literal["after_session", "course", "around_session"]
    hours: int | None = Field(default=None, ge=1)
    text: Text
    short: Text | None = None
    """A few words for the timeline chart (e.g. "No make-up"); the id when missing."""

    @model_validator(mode="after")
    def _hours_only_after_session(self) -> "AftercareRule":
        if (self.timing == "after_session") != (self.hours is not None):
            raise ValueError("'hours' is required for timing 'after_session' and only there")
        return self


class SideEffect(_Cited):
    frequency: Literal["common", "occasional", "rare"]
    call_clinic: bool
    name: Text
    description: Text


class Wish(_Cited):
    """Something a patient asks for or to avoid (e.g. no needles). What meets it is a property of
    a cocktail, stated once: its technique, or how many sessions its course needs."""

    name: Text
    description: Text
    technique: Literal["needle", "needle_free"] | None = None
    """Met by a cocktail given with this technique."""
    max_sessions: int | None = Field(default=None, ge=1)
    """Met by a cocktail whose course usually needs at most this many sessions."""

    @model_validator(mode="after")
    def _one_way_to_meet(self) -> "Wish":
        if (self.technique is None) == (self.max_sessions is None):
            raise ValueError("say what meets the wish: exactly one of technique, max_sessions")
        return self


class ComparisonOption(_Cited):
    cocktail: str
    name: Text
    injected: Text
    concentration: Text
    cross_linking: Text
    aim: Text
    downtime: Text
    technique: Text
    side_effects: tuple[str, ...] = Field(min_length=1)


Point = tuple[float, float]
Polygon = tuple[Point, ...]
MapSex = Literal["female", "male", "neutral"]


class MapView(_Frozen):
    """One drawing of the area map (the face, the body from the front, from the back), in its
    own units: x to the right, y down, ``width`` x ``height`` (the SVG viewBox)."""

    id: str = Field(pattern=r"^[a-z_]+$")
    name: Text
    width: float = Field(gt=0)
    height: float = Field(gt=0)
    facing: Literal["front", "back"] = "front"
    """Seen from the front, the patient's left is on the viewer's right; from the back, not."""
    centre: float
    """The x of the body's middle line: the outline and sided zones are mirrored across it."""


class MapOutline(_Frozen):
    """The silhouette of the views in `views` for one sex: the viewer's right half, from the top
    of the middle line round to its bottom; drawn as a smooth curve and mirrored."""

    views: tuple[str, ...] = Field(min_length=1)
    sex: MapSex
    points: tuple[Point, ...] = Field(min_length=4)


class MapDetail(_Frozen):
    """An inner line of the drawing (a collarbone, the jaw, a knee): drawing only, no meaning.
    `sex` "any" draws it on every outline; `mirror` draws it on both sides."""

    views: tuple[str, ...] = Field(min_length=1)
    sex: MapSex | Literal["any"] = "any"
    points: tuple[Point, ...] = Field(min_length=2)
    mirror: bool = True
    closed: bool = False


class MapZoneEntry(_Frozen):
    """An area's tap target as written in bodymap.toml. A sided area (``sided`` in areas.toml)
    is written once, for the side drawn on the viewer's right, and mirrored for the other."""

    area: str
    view: str
    hits: tuple[Polygon, ...] = Field(min_length=1)
    """Where a finger chooses the area: polygons, each at least a fingertip wide and high."""
    marks: tuple[Point, ...] = Field(min_length=1)
    """Where the chosen mark (✓) is drawn, one per hit polygon, on the body part itself."""
    shapes: tuple[tuple[Point, ...], ...] = ()
    """What is filled when chosen (smooth closed curves); none: the hits, cut to the outline."""

    @model_validator(mode="after")
    def _a_mark_per_hit(self) -> "MapZoneEntry":
        if len(self.marks) != len(self.hits):
            raise ValueError("give one mark per hit polygon")
        return self


class MapZone(_Frozen):
    """One tap target of the map: an area, on one side or on both (`side` None)."""

    id: str
    """``face``, ``arms:left``: what the map sends back for a tap (mesocore.bodymap)."""
    area: str
    side: Literal["left", "right"] | None = None
    view: str
    hits: tuple[Polygon, ...]
    marks: tuple[Point, ...]
    shapes: tuple[tuple[Point, ...], ...] = ()


class BodyMap(_Frozen):
    views: dict[str, MapView]
    outlines: tuple[MapOutline, ...]
    details: tuple[MapDetail, ...] = ()
    zones: dict[str, MapZone]
    """zone id -> zone, in drawing order (a later zone lies on top of an earlier one)."""


class ConsentStatement(_Cited):
    """An informed-consent statement the patient confirms before the final summary is issued."""

    text: Text


class ClinicSettings(_Frozen):
    name: str
    address: str
    phone: str
    doctor: str
    min_age: int = Field(ge=0, le=130)
    max_age: int = Field(ge=0, le=130)
    closed_weekdays: tuple[Annotated[int, Field(ge=0, le=6)], ...] = ()
    appointment_time: time = time(10, 0)
    """Default time of a planned visit (the doctor can change it per consultation)."""
    planned_boosters: int = Field(default=2, ge=0, le=5)
    """How many booster visits the planner adds after the course."""
    timezone: str = "Europe/Istanbul"
    """IANA time zone of the clinic, for the calendar export."""
    holiday_country: str | None = "TR"
    """ISO 3166 country whose public holidays the clinic is closed on (the `holidays` package);
    empty or None: none."""
    holiday_subdivision: str | None = None
    """A state or province of that country with holidays of its own (e.g. "BY"), if any."""
    closed_dates: tuple[Annotated[str, Field(pattern=r"^(\d{4}-)?\d{2}-\d{2}$")], ...] = ()
    """The clinic's own closed days: "MM-DD" every year (e.g. "12-31"), "YYYY-MM-DD" once."""

    @model_validator(mode="after")
    def _open_some_day(self) -> "ClinicSettings":
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # only needed here (~3 ms)

        if len(set(self.closed_weekdays)) >= 7:
            raise ValueError("closed_weekdays: the clinic must be open at least one weekday")
        if self.holiday_country:
            import holidays  # only when content is validated (a cached catalog is not)

            known = holidays.list_supported_countries()
            if self.holiday_country not in known:
                raise ValueError(f"holiday_country: unknown country '{self.holiday_country}'")
            if (
                self.holiday_subdivision
                and self.holiday_subdivision not in known[self.holiday_country]
            ):
                raise ValueError(
                    f"holiday_subdivision: '{self.holiday_subdivision}' is not a subdivision of"
                    f" {self.holiday_country}"
                )
        for day in self.closed_dates:
            from datetime import date

            try:
                date.fromisoformat(day if len(day) == 10 else f"2000-{day}")
            except ValueError:
                raise ValueError(f"closed_dates: '{day}' is not a date") from None
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"timezone: unknown time zone '{self.timezone}'") from None
        return self


# file name, top-level table name, model; the order is the order of loading.
_COLLECTIONS: dict[str, tuple[str, str, type[_Cited]]] = {
    "concerns": ("concerns.toml", "concern", Concern),
    "areas": ("areas.toml", "area", Area),
    "ingredients": ("ingredients.toml", "ingredient", Ingredient),
    "protocols": ("protocols.toml", "protocol", Protocol),
    "cocktails": ("cocktails.toml", "cocktail", Cocktail),
    "rules": ("contraindications.toml", "rule", Rule),
    "aftercare": ("aftercare.toml", "aftercare", AftercareRule),
    "side_effects": ("side_effects.toml", "side_effect", SideEffect),
    "wishes": ("wishes.toml", "wish", Wish),
    "comparison": ("comparison.toml", "option", ComparisonOption),
    "consent": ("consent.toml", "statement", ConsentStatement),
}

# Ids that consultation files exchanged between clinics rely on (DESIGN.md).
REQUIRED_IDS = {
    "areas": (
        "face",
        "neck",
        "decollete",
        "under_eye",
        "scalp",
        "double_chin",
        "abdomen",
        "hips",
        "legs",
        "arms",
        "hands",
        "feet",
    ),
    "concerns": (
        "fine_wrinkles",
        "sagging",
        "dullness",
        "uneven_tone",
        "acne_scars",
        "hair_loss",
        "cellulite",
        "localized_fat",
        "dark_circles",
        "stretch_marks",
    ),
    "cocktails": ("mesolift", "youth_vaccine", "hair", "lipolytic"),
    "ingredients": ("hyaluronic_acid", "salmon_dna", "local_anaesthetic"),
}

ANAESTHETIC = "local_anaesthetic"


class Catalog(_Frozen):
    sources: dict[str, Source]
    concerns: dict[str, Concern]
    areas: dict[str, Area]
    ingredients: dict[str, Ingredient]
    protocols: dict[str, Protocol]
    cocktails: dict[str, Cocktail]
    rules: dict[str, Rule]
    aftercare: dict[str, AftercareRule]
    side_effects: dict[str, SideEffect]
    wishes: dict[str, Wish]
    comparison: dict[str, ComparisonOption]
    consent: dict[str, ConsentStatement]
    clinic: ClinicSettings
    bodymap: BodyMap

    def cocktail_ingredients(self, cocktail_id: str) -> tuple[str, ...]:
        """What a patient is exposed to with this cocktail: its ingredients, plus the local
        anaesthetic cream when its protocol numbs the area first."""
        cocktail = self.cocktails[cocktail_id]
        cream = self.protocols[cocktail.protocol].anaesthetic_cream_minutes[1] > 0
        return cocktail.ingredients + ((ANAESTHETIC,) if cream else ())


def _read_toml(path: Path) -> dict:
    import tomllib  # only when content is parsed (a cached catalog needs no parser)

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise CatalogError(f"{path.name}: file is missing from {path.parent}") from None
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"{path.name}: not valid TOML: {exc}") from None


def _describe(exc: ValidationError) -> str:
    error = exc.errors()[0]
    field = ".".join(str(part) for part in error["loc"]) or "(entry)"
    return f"field '{field}': {error['msg']}"


def _load_entries(root: Path, file: str, table: str, model: type[BaseModel]) -> dict:
    context = {"locales": locales(root)}
    raw = _read_toml(root / file)
    entries = raw.pop(table, None)
    if raw:
        raise CatalogError(f"{file}: unknown top-level key(s) {sorted(raw)}")
    if not isinstance(entries, list) or not entries:
        raise CatalogError(f"{file}: expected one or more [[{table}]] entries")
    loaded: dict = {}
    for position, entry in enumerate(entries, start=1):
        entry_id = entry.get("id", f"#{position}") if isinstance(entry, dict) else f"#{position}"
        try:
            item: Any = model.model_validate(entry, context=context)
        except ValidationError as exc:
            raise CatalogError(f"{file}: {table} '{entry_id}': {_describe(exc)}") from None
        if item.id in loaded:
            raise CatalogError(f"{file}: {table} '{item.id}': duplicate id")
        loaded[item.id] = item
    return loaded


class _Entry:
    """One entry of one content file, to check fields of: a failed check names all three."""

    def __init__(self, file: str, table: str, entry_id: str) -> None:
        self.where = f"{file}: {table} '{entry_id}'"

    def check(self, ok: bool, field: str, message: str) -> None:
        if not ok:
            raise CatalogError(f"{self.where}: field '{field}': {message}")


# (collection, field) -> the collection its ids must exist in; a field holds one id or several.
_REFERENCES = {
    ("areas", "treats"): "concerns",
    ("areas", "also_treats"): "concerns",
    ("ingredients", "serves"): "concerns",
    ("cocktails", "ingredients"): "ingredients",
    ("cocktails", "treats"): "concerns",
    ("cocktails", "main_aims"): "concerns",
    ("cocktails", "areas"): "areas",
    ("cocktails", "protocol"): "protocols",
    ("comparison", "side_effects"): "side_effects",
    ("comparison", "cocktail"): "cocktails",
}


def _check_references(data: dict) -> None:
    """Cross-references between files: every id named must exist."""
    from mesocore.models import History  # the questions are the consultation's history fields

    for collection, ids in REQUIRED_IDS.items():
        file, table, _model = _COLLECTIONS[collection]
        for required in ids:
            _Entry(file, table, required).check(
                required in data[collection],
                "id",
                "this id is required by the consultation-file contract but is missing",
            )
    for collection, (file, table, _model) in _COLLECTIONS.items():
        for entry_id, entry in data[collection].items():
            checked = _Entry(file, table, entry_id)
            for source in entry.sources:
                checked.check(
                    source in data["sources"],
                    "sources",
                    f"unknown source '{source}' (see sources.toml)",
                )
            for (owner, field), target in _REFERENCES.items():
                if owner != collection:
                    continue
                value = getattr(entry, field)
                for ref in (value,) if isinstance(value, str) else value:
                    checked.check(ref in data[target], field, f"unknown {target[:-1]} '{ref}'")
            if collection == "cocktails":
                for concern in entry.main_aims:
                    checked.check(
                        concern in entry.treats,
                        "main_aims",
                        f"'{concern}' is not in the cocktail's treats",
                    )
            if collection == "rules":
                checked.check(
                    entry.question in History.model_fields,
                    "question",
                    f"'{entry.question}' is not a medical-history question",
                )
    questions = [rule.question for rule in data["rules"].values() if rule.kind == "answer"]
    _Entry("contraindications.toml", "rule", "*").check(
        len(questions) == len(set(questions)), "question", "each question has exactly one rule"
    )


BODYMAP_FILE = "bodymap.toml"


FINGER = 46.0
"""The least width and height of a tap target, in view units. The map is drawn at about one CSS
pixel a unit and never below 0.96 (a portrait tablet), so 46 units are at least 44 px."""


def inside(point: Point, polygon: Polygon) -> bool:
    """Whether `point` lies inside `polygon` (even-odd rule; a point on an edge may go either
    way)."""
    x, y = point
    result = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            result = not result
    return result


def mirrored(points: tuple[Point, ...], centre: float) -> tuple[Point, ...]:
    return tuple((2 * centre - x, y) for x, y in points)


def _sided_zones(entry: MapZoneEntry, view: MapView) -> list[MapZone]:
    """The left and right zones of a sided area written once, for the viewer's right: seen from
    the front that is the patient's left, seen from the back the patient's right."""
    drawn: Literal["left", "right"] = "left" if view.facing == "front" else "right"
    other: Literal["left", "right"] = "right" if drawn == "left" else "left"
    flip = lambda shapes: tuple(mirrored(shape, view.centre) for shape in shapes)  # noqa: E731
    common = {"area": entry.area, "view": entry.view}
    return [
        MapZone(
            id=f"{entry.area}:{other}",
            side=other,
            hits=flip(entry.hits),
            marks=mirrored(entry.marks, view.centre),
            shapes=flip(entry.shapes),
            **common,
        ),
        MapZone(
            id=f"{entry.area}:{drawn}",
            side=drawn,
            hits=entry.hits,
            marks=entry.marks,
            shapes=entry.shapes,
            **common,
        ),
    ]


def _load_bodymap(root: Path, areas: dict) -> BodyMap:
    """The area map: views, outlines, and every area's zones (both sides of a sided area),
    each hit polygon finger-sized with its mark inside it."""
    raw = _read_toml(root / BODYMAP_FILE)
    tables: dict[str, type[_Frozen]] = {
        "view": MapView,
        "outline": MapOutline,
        "detail": MapDetail,
        "zone": MapZoneEntry,
    }
    unknown = sorted(set(raw) - set(tables))
    if unknown:
        raise CatalogError(f"{BODYMAP_FILE}: unknown top-level key(s) {unknown}")
    loaded: dict[str, list] = {}
    for table, model in tables.items():
        entries = raw.get(table)
        if not isinstance(entries, list) or not entries:
            raise CatalogError(f"{BODYMAP_FILE}: expected one or more [[{table}]] entries")
        loaded[table] = []
        for position, entry in enumerate(entries, start=1):
            name = (
                entry.get("id", entry.get("area", f"#{position}"))
                if isinstance(entry, dict)
                else f"#{position}"
            )
            try:
                loaded[table].append(
                    model.model_validate(entry, context={"locales": locales(root)})
                )
            except ValidationError as exc:
                raise CatalogError(f"{BODYMAP_FILE}: {table} '{name}': {_describe(exc)}") from None
    views = {view.id: view for view in loaded["view"]}
    drawn: set[tuple[str, str]] = set()
    for number, outline in enumerate(loaded["outline"], start=1):
        checked = _Entry(BODYMAP_FILE, "outline", f"#{number}")
        for view in outline.views:
            checked.check(view in views, "views", f"unknown view '{view}'")
            checked.check(
                (view, outline.sex) not in drawn,
                "sex",
                f"a second {outline.sex} outline of '{view}'",
            )
            drawn.add((view, outline.sex))
    for view in views:
        _Entry(BODYMAP_FILE, "view", view).check(
            (view, "neutral") in drawn, "outline", "this view has no neutral outline"
        )
    for number, detail in enumerate(loaded["detail"], start=1):
        for view in detail.views:
            _Entry(BODYMAP_FILE, "detail", f"#{number}").check(
                view in views, "views", f"unknown view '{view}'"
            )
    zones: dict[str, MapZone] = {}
    for entry in loaded["zone"]:
        checked = _Entry(BODYMAP_FILE, "zone", entry.area)
        checked.check(entry.area in areas, "area", f"unknown area '{entry.area}'")
        checked.check(entry.view in views, "view", f"unknown view '{entry.view}'")
        view = views[entry.view]
        for hit, mark in zip(entry.hits, entry.marks, strict=True):
            xs, ys = [x for x, _y in hit], [y for _x, y in hit]
            checked.check(
                min(xs) >= 0 and max(xs) <= view.width and min(ys) >= 0 and max(ys) <= view.height,
                "hits",
                f"a hit polygon leaves the view ({view.width} x {view.height})",
            )
            checked.check(
                max(xs) - min(xs) >= FINGER and max(ys) - min(ys) >= FINGER,
                "hits",
                f"a hit polygon is smaller than a fingertip ({FINGER:g} x {FINGER:g} units)",
            )
            checked.check(inside(mark, hit), "marks", f"the mark {mark} is outside its hit polygon")
        if areas[entry.area].sided:
            found = _sided_zones(entry, view)
        else:
            found = [MapZone(id=entry.area, **entry.model_dump())]
        for zone in found:
            checked.check(zone.id not in zones, "area", f"'{zone.id}' has two zones")
            zones[zone.id] = zone
    for area_id, area in areas.items():
        expected = [f"{area_id}:left", f"{area_id}:right"] if area.sided else [area_id]
        for zone_id in expected:
            _Entry(BODYMAP_FILE, "zone", area_id).check(
                zone_id in zones, "area", f"'{zone_id}' has no zone on the map"
            )
    return BodyMap(
        views=views,
        outlines=tuple(loaded["outline"]),
        details=tuple(loaded["detail"]),
        zones=zones,
    )


def _clinic_path(root: Path) -> Path:
    override = os.environ.get("MESOCONSULT_CLINIC")
    return Path(override) if override else root / "clinic.toml"


def content_files(root: Path = CONTENT_DIR) -> list[Path]:
    """Every file `load_catalog(root)` reads, the clinic settings override included: the catalog
    cache (mesocore.catalog_cache) keys on their bytes, so an edit to any of them is seen."""
    root = Path(root)
    collections = [root / file for file, _table, _model in _COLLECTIONS.values()]
    return [root / "sources.toml", *collections, _clinic_path(root), root / BODYMAP_FILE]


def load_catalog(root: Path = CONTENT_DIR) -> Catalog:
    """Read and validate every content file under `root`. Raises CatalogError on a bad entry."""
    root = Path(root)
    data: dict = {"sources": _load_entries(root, "sources.toml", "source", Source)}
    for collection, (file, table, model) in _COLLECTIONS.items():
        data[collection] = _load_entries(root, file, table, model)
    clinic_path = _clinic_path(root)
    try:
        data["clinic"] = ClinicSettings.model_validate(_read_toml(clinic_path))
    except ValidationError as exc:
        raise CatalogError(f"{clinic_path.name}: {_describe(exc)}") from None
    _check_references(data)
    data["bodymap"] = _load_bodymap(root, data["areas"])
    return Catalog.model_validate(data)


@cache
def get_catalog() -> Catalog:
    """The catalog of the shipped content, loaded once per process (it holds no patient data).

    Served from the cache of already validated content while no content file changed (see
    mesocore.catalog_cache); otherwise read and validated by `load_catalog`."""
    from mesocore.catalog_cache import cached_catalog

    return cached_catalog()
