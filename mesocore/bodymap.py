"""The treatment-area map: its drawing (SVG) and what a tap on it means for the consultation.

The map is drawn once from content/bodymap.toml (views, sex-specific outlines, zones) as plain
SVG that ui/bodymap.py puts on the page as a touch component: no chart library, no network.

Zones are the unit of the map: ``face``, or ``arms:left`` and ``arms:right`` for an area a doctor
may treat on one side (``sided`` in areas.toml). A consultation keeps the chosen areas in
``areas`` and a side in ``area_sides`` only for a sided area chosen on one side; the two are
translated here to the zones the map shows and back. A tap toggles exactly one zone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import TYPE_CHECKING

from mesocore.catalog import Catalog, MapOutline, MapView, Point, get_catalog, mirrored
from mesocore.i18n import t

if TYPE_CHECKING:
    from mesocore.models import Consultation

SIDES = ("left", "right")


# --- zones <-> the consultation ------------------------------------------------------------


def zone_id(area: str, side: str | None = None) -> str:
    return f"{area}:{side}" if side else area


def zone_area(zone: str) -> str:
    return zone.split(":", 1)[0]


def chosen_zones(
    areas: Iterable[str], sides: Mapping[str, str], catalog: Catalog | None = None
) -> list[str]:
    """The zones the map shows chosen: both sides of a sided area unless one side is recorded."""
    catalog = catalog or get_catalog()
    zones: list[str] = []
    for area in areas:
        if not catalog.areas[area].sided:
            zones.append(area)
        elif area in sides:
            zones.append(zone_id(area, sides[area]))
        else:
            zones += [zone_id(area, side) for side in SIDES]
    return zones


def from_zones(
    zones: Iterable[str], before: Sequence[str], catalog: Catalog | None = None
) -> tuple[list[str], dict[str, str]]:
    """The chosen areas and their sides for a set of chosen zones. Areas chosen `before` keep
    their order; newly chosen ones follow in the order of `zones`."""
    catalog = catalog or get_catalog()
    zones = [zone for zone in zones if zone in catalog.bodymap.zones]
    found = list(dict.fromkeys(zone_area(zone) for zone in zones))
    areas = [area for area in before if area in found] + [a for a in found if a not in before]
    sides: dict[str, str] = {}
    for area in areas:
        if catalog.areas[area].sided:
            chosen = [side for side in SIDES if zone_id(area, side) in zones]
            if len(chosen) == 1:
                sides[area] = chosen[0]
    return areas, sides


def toggle_zone(zones: Sequence[str], zone: str) -> list[str]:
    """The chosen zones after a tap on `zone`: it flips, nothing else changes."""
    return set_zone(zones, zone, zone not in zones)


def set_zone(zones: Sequence[str], zone: str, on: bool) -> list[str]:
    """The chosen zones with `zone` chosen (`on`) or not; the others unchanged."""
    rest = [z for z in zones if z != zone]
    return [*rest, zone] if on else rest


def after_taps(
    areas: Sequence[str],
    sides: Mapping[str, str],
    taps: Iterable[tuple[str, bool]],
    catalog: Catalog | None = None,
) -> tuple[list[str], dict[str, str]]:
    """The chosen areas and sides after each tap of `taps` in turn: (zone, chosen after it).
    A tap says what it made of its zone, so one applied twice changes nothing more; unknown
    zones (an older drawing, junk) change nothing."""
    catalog = catalog or get_catalog()
    zones = chosen_zones(areas, sides, catalog)
    for zone, on in taps:
        known = isinstance(zone, str) and zone in catalog.bodymap.zones
        if known and (zone in zones) != bool(on):
            zones = set_zone(zones, zone, bool(on))
    return from_zones(zones, areas, catalog)


def zone_label(zone: str, locale: str, catalog: Catalog | None = None) -> str:
    """What a screen reader says for a zone: the area, and its side ("Arms, left")."""
    catalog = catalog or get_catalog()
    found = catalog.bodymap.zones[zone]
    name = catalog.areas[found.area].name(locale)
    return t(f"bodymap.side_{found.side}", locale, area=name) if found.side else name


def area_label(
    area: str, consultation: Consultation, locale: str, catalog: Catalog | None = None
) -> str:
    """An area's name with its side when only one is treated ("Arms (left)")."""
    catalog = catalog or get_catalog()
    name = catalog.areas[area].name(locale)
    side = consultation.area_sides.get(area)
    return t(f"bodymap.only_{side}", locale, area=name) if side else name


# --- drawing ---------------------------------------------------------------------------------


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def smooth_path(points: Sequence[Point], closed: bool) -> str:
    """An SVG path through `points`: a Catmull-Rom spline as cubic Béziers (a drawing made of a
    few dozen points reads as an organic outline, not a polygon)."""
    pts = list(points)
    count = len(pts)
    if count < 2:
        return ""
    parts = [f"M{_fmt(pts[0][0])},{_fmt(pts[0][1])}"]
    segments = count if closed else count - 1
    for i in range(segments):
        p0 = pts[(i - 1) % count] if closed or i > 0 else pts[0]
        p1, p2 = pts[i], pts[(i + 1) % count]
        p3 = pts[(i + 2) % count] if closed or i + 2 < count else p2
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        parts.append(
            f"C{_fmt(c1[0])},{_fmt(c1[1])} {_fmt(c2[0])},{_fmt(c2[1])} {_fmt(p2[0])},{_fmt(p2[1])}"
        )
    return " ".join(parts) + (" Z" if closed else "")


def _spline_points(points: Sequence[Point], closed: bool, steps: int = 8) -> list[Point]:
    """The smooth curve of `smooth_path` as a polygon (for geometry checks)."""
    pts = list(points)
    count = len(pts)
    out: list[Point] = []
    segments = count if closed else count - 1
    for i in range(segments):
        p0 = pts[(i - 1) % count] if closed or i > 0 else pts[0]
        p1, p2 = pts[i], pts[(i + 1) % count]
        p3 = pts[(i + 2) % count] if closed or i + 2 < count else p2
        for step in range(steps):
            s = step / steps
            out.append(
                tuple(  # type: ignore[arg-type]
                    0.5
                    * (
                        2 * p1[k]
                        + (-p0[k] + p2[k]) * s
                        + (2 * p0[k] - 5 * p1[k] + 4 * p2[k] - p3[k]) * s * s
                        + (-p0[k] + 3 * p1[k] - 3 * p2[k] + p3[k]) * s**3
                    )
                    for k in (0, 1)
                )
            )
    return out


def silhouette_points(half: Sequence[Point], view: MapView) -> list[Point]:
    """The whole outline from its right half: the half, then its mirror image back up."""
    back = list(reversed(mirrored(tuple(half), view.centre)))
    return [*half, *back[1:-1]]


def silhouette_polygon(view_id: str, sex: str, catalog: Catalog | None = None) -> list[Point]:
    """The outline of a view as drawn, as a polygon: the body a zone must lie on."""
    catalog = catalog or get_catalog()
    view = catalog.bodymap.views[view_id]
    outline = _outline(view_id, sex, catalog)
    return _spline_points(silhouette_points(outline.points, view), closed=True)


def _outline(view_id: str, sex: str, catalog: Catalog) -> MapOutline:
    outlines: dict[str, MapOutline] = {
        o.sex: o for o in catalog.bodymap.outlines if view_id in o.views
    }
    return outlines.get(sex) or outlines["neutral"]


def outline_sexes(view_id: str, catalog: Catalog | None = None) -> list[str]:
    catalog = catalog or get_catalog()
    return [o.sex for o in catalog.bodymap.outlines if view_id in o.views]


def map_sex(sex: str | None) -> str:
    """Which outline to draw for the recorded sex: the neutral one unless female or male."""
    return sex if sex in ("female", "male") else "neutral"


def _polygon_path(points: Sequence[Point]) -> str:
    return "M" + " L".join(f"{_fmt(x)},{_fmt(y)}" for x, y in points) + " Z"


CHECK = "M-5.5,0.5 L-1.8,4.2 L5.5,-4"
STAR = "M0,-8.5 L2.4,-3 L8.3,-2.6 L3.8,1.2 L5.2,7 L0,3.9 L-5.2,7 L-3.8,1.2 L-8.3,-2.6 L-2.4,-3 Z"


def map_svg(catalog: Catalog | None = None) -> str:
    """The whole map as HTML: one SVG per view, every outline (one per sex, the recorded one
    shown), and one ``role="button"`` element per zone carrying its id in ``data-zone``. Names,
    states and the sex shown are set by the component from the data of each run."""
    catalog = catalog or get_catalog()
    bodymap = catalog.bodymap
    outlines = list(bodymap.outlines)
    drawn: set[str] = set()
    figures = []
    for view_id, view in bodymap.views.items():
        sexes = outline_sexes(view_id, catalog)
        defs, drawing = [], []
        for sex in sexes:
            outline = _outline(view_id, sex, catalog)
            # One path per outline, used again by every view and clip that shares it.
            shared = f"body-{outlines.index(outline)}"
            if shared not in drawn:
                body = smooth_path(silhouette_points(outline.points, view), closed=True)
                defs.append(f'<path id="{shared}" d="{body}"/>')
                drawn.add(shared)
            body_tag = f'<use class="body" href="#{shared}"/>'
            defs.append(f'<clipPath id="clip-{view_id}-{sex}"><use href="#{shared}"/></clipPath>')
            lines = []
            for detail in bodymap.details:
                if view_id not in detail.views or detail.sex not in ("any", sex):
                    continue
                lines.append(smooth_path(detail.points, detail.closed))
                if detail.mirror:
                    lines.append(smooth_path(mirrored(detail.points, view.centre), detail.closed))
            drawing.append(
                f'<g class="figure" data-sex="{sex}">{body_tag}'
                f'<path class="detail" d="{" ".join(lines)}"/></g>'
            )
        zones = []
        for zone in bodymap.zones.values():
            if zone.view != view_id:
                continue
            hits = " ".join(_polygon_path(hit) for hit in zone.hits)
            if zone.shapes:
                fill = " ".join(smooth_path(shape, closed=True) for shape in zone.shapes)
            else:
                fill = hits
            fill_tag = (
                f'<path class="fill clipped" data-view="{view_id}" d="{fill}" '
                f'clip-path="url(#clip-{view_id}-neutral)"/>'
            )
            marks = "".join(
                f'<g class="mark" transform="translate({_fmt(x)},{_fmt(y)})">'
                f'<circle r="11"/><path d="{CHECK}"/></g>'
                f'<g class="star" transform="translate({_fmt(x)},{_fmt(y)})">'
                f'<path d="{STAR}"/></g>'
                for x, y in zone.marks
            )
            zones.append(
                f'<g class="zone" role="button" tabindex="0" aria-pressed="false" '
                f'data-zone="{escape(zone.id)}" data-area="{escape(zone.area)}">'
                f'<path class="hit" d="{hits}"/>{fill_tag}{marks}</g>'
            )
        figures.append(
            f'<figure class="view" data-view="{view_id}" style="--w:{_fmt(view.width)}">'
            f'<figcaption class="caption"></figcaption>'
            f'<svg viewBox="0 0 {_fmt(view.width)} {_fmt(view.height)}" role="group">'
            f"<defs>{''.join(defs)}</defs>{''.join(drawing)}{''.join(zones)}</svg></figure>"
        )
    return f'<div class="bodymap" data-sex="neutral">{"".join(figures)}</div>'


def map_data(
    consultation: Consultation,
    suggested: Iterable[str],
    applied: int,
    catalog: Catalog | None = None,
) -> dict:
    """What the map needs from one run: the zones chosen and suggested, the outline's sex, every
    zone's name in the consultation's language, and how many taps the server has applied."""
    catalog = catalog or get_catalog()
    locale = consultation.locale
    suggested = set(suggested)
    return {
        "sex": map_sex(consultation.patient.sex),
        "chosen": chosen_zones(consultation.areas, consultation.area_sides, catalog),
        "suggested": [z for z, zone in catalog.bodymap.zones.items() if zone.area in suggested],
        "labels": {zone: zone_label(zone, locale, catalog) for zone in catalog.bodymap.zones},
        "views": {view: v.name(locale) for view, v in catalog.bodymap.views.items()},
        "hint": t("bodymap.suggested_hint", locale),
        "alt": t("areas.map_alt", locale),
        "applied": applied,
    }
