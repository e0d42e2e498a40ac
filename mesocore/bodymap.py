"""The treatment-area diagram: a plotly figure of the face and the body with one big tap target
per area (its id in ``customdata``), and the translation of a tap back into area ids.

On a tablet a tap *replaces* plotly's selection (adding needs shift-click, which a touch screen
lacks), so the chosen areas live in the consultation and every tap toggles the tapped area
against them. The layout (views, outlines, spots) is content (content/bodymap.toml); plotly is
imported inside `area_figure` so that ``import mesocore`` stays light.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from mesocore.catalog import Catalog, get_catalog

if TYPE_CHECKING:
    import plotly.graph_objects as go

CHOSEN = "#0f766e"  # teal: chosen
SUGGESTED = "#f59e0b"  # amber: fits the patient's concerns
OTHER = "#64748b"  # slate: every other area
OUTLINE = "#cbd5e1"
SPOT_SIZE = 40  # px: a finger-sized target
TEXT_POSITION = {
    "left": "middle left",
    "right": "middle right",
    "top": "top center",
    "bottom": "bottom center",
}


def spot_label(name: str, chosen: bool, suggested: bool) -> str:
    """The area's name with its state in a glyph, so colour is never the only cue."""
    mark = "✓" if chosen else "★" if suggested else "○"
    return f"{mark} {name}" if chosen else f"{name} {mark}" if suggested else name


def area_figure(
    chosen: Iterable[str],
    suggested: Iterable[str] = (),
    locale: str = "en",
    catalog: Catalog | None = None,
    height: int = 420,
    revision: int = 0,
) -> go.Figure:
    """The face (left) and the body (right), each area a big marker with its name; chosen areas
    filled, suggested ones ringed in amber. Not zoomable or draggable: a tap selects.

    `revision` goes into the figure's ``meta``: Streamlit names a chart by its content and restores
    a remembered selection when the same chart comes back (choose A, tap B, tap B again), which
    would replay an old tap; a new revision per change makes every drawing a new chart."""
    import plotly.graph_objects as go

    catalog = catalog or get_catalog()
    chosen, suggested = set(chosen), set(suggested)
    bodymap = catalog.bodymap
    views = list(bodymap.views)
    gap = 0.04
    width = (1 - gap) / len(views)
    # Everything is collected first and validated once by go.Figure: plotly re-validates every
    # shape already in the figure on each add_shape, which made this chart most of a rerun.
    layout: dict[str, Any] = {}
    shapes: list[dict[str, Any]] = []
    traces = []
    annotations = []
    for index, view_id in enumerate(views):
        view = bodymap.views[view_id]
        suffix = "" if index == 0 else str(index + 1)
        xaxis, yaxis = f"xaxis{suffix}", f"yaxis{suffix}"
        xref, yref = f"x{suffix}", f"y{suffix}"
        layout.update(
            {
                xaxis: dict(
                    domain=[index * (width + gap), index * (width + gap) + width],
                    range=list(view.x),
                    visible=False,
                    fixedrange=True,
                    scaleanchor=yref,
                    scaleratio=1,
                    constrain="domain",
                ),
                # A panel wider than the drawing keeps it under its title, space below.
                yaxis: dict(
                    range=list(view.y),
                    visible=False,
                    fixedrange=True,
                    constrain="domain",
                    constraintoward="top",
                ),
            }
        )
        for outline in bodymap.outlines:
            if outline.view != view_id:
                continue
            shape: dict[str, Any] = dict(
                xref=xref,
                yref=yref,
                layer="below",
                line=dict(color=OUTLINE, width=outline.width),
                fillcolor="#f1f5f9" if outline.fill else "rgba(0,0,0,0)",
            )
            if outline.kind == "path":
                shape.update(type="path", path=outline.path)
            else:
                assert outline.box is not None  # checked on load: a non-path has a box
                x0, y0, x1, y1 = outline.box
                shape.update(type="circle" if outline.kind == "ellipse" else "line")
                shape.update(x0=x0, y0=y0, x1=x1, y1=y1)
            shapes.append(shape)
        annotations.append(
            dict(
                text=f"<b>{view.name(locale)}</b>",
                xref=f"{xref} domain",
                yref="paper",
                x=0.5,
                y=1.0,
                yanchor="bottom",
                showarrow=False,
                font=dict(size=16),
            )
        )
        spots = [(area, spot) for area, spot in bodymap.spots.items() if spot.view == view_id]
        states = [
            "chosen" if area in chosen else "suggested" if area in suggested else "other"
            for area, _spot in spots
        ]
        traces.append(
            go.Scatter(
                name=view.name(locale),
                x=[spot.x for _area, spot in spots],
                y=[spot.y for _area, spot in spots],
                xaxis=xref,
                yaxis=yref,
                mode="markers+text",
                customdata=[area for area, _spot in spots],
                text=[
                    spot_label(catalog.areas[area].name(locale), area in chosen, area in suggested)
                    for area, _spot in spots
                ],
                textposition=[TEXT_POSITION[spot.label] for _area, spot in spots],
                textfont=dict(
                    size=15,
                    color=[
                        {"chosen": CHOSEN, "suggested": "#92400e", "other": "#334155"}[s]
                        for s in states
                    ],
                ),
                marker=dict(
                    size=SPOT_SIZE,
                    color=[
                        {"chosen": CHOSEN, "suggested": "#fef3c7", "other": "white"}[s]
                        for s in states
                    ],
                    line=dict(
                        width=[4 if s != "other" else 2 for s in states],
                        color=[
                            {"chosen": CHOSEN, "suggested": SUGGESTED, "other": OTHER}[s]
                            for s in states
                        ],
                    ),
                ),
                # A tap must not dim the other areas while the page answers.
                selected=dict(marker=dict(opacity=1)),
                unselected=dict(marker=dict(opacity=1), textfont=dict(color="#334155")),
                hoverinfo="none",  # hover does not exist on a tablet; "none" still allows taps
                showlegend=False,
                cliponaxis=False,
            )
        )
    layout.update(
        height=height,
        margin=dict(l=4, r=4, t=34, b=4),
        dragmode=False,
        clickmode="event+select",
        hovermode="closest",
        plot_bgcolor="white",
        paper_bgcolor="white",
        annotations=annotations,
        showlegend=False,
        meta={"revision": revision},
        shapes=shapes,
    )
    return go.Figure(data=traces, layout=layout)


def _area_of(point: Mapping[str, Any]) -> str | None:
    data = point.get("customdata")
    if isinstance(data, (list, tuple)):
        data = data[0] if data else None
    return data if isinstance(data, str) else None


def tapped_areas(selection: Mapping[str, Any] | None, known: Iterable[str]) -> list[str]:
    """The area ids a plotly selection event names (``selection.points[*].customdata``), once
    each, in tap order; anything that is not a known area id (a stray point, junk) is ignored."""
    if not selection:
        return []
    known = set(known)
    points = selection.get("points") or []
    areas: list[str] = []
    for point in points:
        area = _area_of(point) if isinstance(point, Mapping) else None
        if area in known and area not in areas:
            areas.append(area)
    return areas


def toggle(chosen: list[str], tapped: list[str]) -> list[str]:
    """The chosen areas after tapping `tapped`: each tapped area flips in or out; order kept,
    newly added areas go last."""
    result = [area for area in chosen if area not in tapped]
    result += [area for area in tapped if area not in chosen]
    return result


def areas_after_tap(
    chosen: list[str], selection: Mapping[str, Any] | None, catalog: Catalog | None = None
) -> list[str]:
    """The whole translation a page needs: a plotly selection event -> the new chosen areas."""
    catalog = catalog or get_catalog()
    return toggle(chosen, tapped_areas(selection, catalog.areas))
