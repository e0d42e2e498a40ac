"""The comparison chart: a matrix a patient can read at a glance on a tablet.

Rows are the patient's concerns, columns the options; every cell says in words how the option
serves the concern ("Main aim", "Helps", "Not treated"), coloured from grey to green, and an option
ruled out for this patient shows "Ruled out" in red in every cell. Words in the cells mean nothing
depends on hover, colour alone or a legend. plotly is imported inside the function (mesocore must
not import it at module import time).
"""

from __future__ import annotations

from mesocore.catalog import Catalog
from mesocore.comparison import HELPS, MAIN, NONE, Coverage
from mesocore.i18n import t

RULED_OUT = -1
COLOURS = {RULED_OUT: "#f6c9c4", NONE: "#e8e8e8", HELPS: "#bfe3b4", MAIN: "#5cb85c"}
LEVEL_KEYS = {RULED_OUT: "ruled_out", NONE: "none", HELPS: "helps", MAIN: "main"}
ROW_HEIGHT = 64
INK = "#1a1a1a"


def _colourscale() -> list[list]:
    """A discrete scale: each level gets one flat colour over [-1, 2]."""
    levels = sorted(COLOURS)
    span = len(levels) - 1
    scale = []
    for index, level in enumerate(levels):
        low = max(0.0, (index - 0.5) / span)
        high = min(1.0, (index + 0.5) / span)
        scale += [[low, COLOURS[level]], [high, COLOURS[level]]]
    return scale


def chart_matrix(cover: Coverage, ruled_out: dict[str, str], options: list[str]) -> list[list[int]]:
    """z values, one row per concern and one column per option (RULED_OUT for ruled-out)."""
    return [
        [RULED_OUT if o in ruled_out else cover.levels[o][row] for o in options]
        for row in range(len(cover.concerns))
    ]


def coverage_figure(
    cover: Coverage,
    catalog: Catalog,
    locale: str,
    ruled_out: dict[str, str] | None = None,
    recommended: str | None = None,
):
    """A plotly Figure (heatmap with words in the cells) of how each option serves each concern."""
    import plotly.graph_objects as go

    ruled_out = ruled_out or {}
    options = list(catalog.comparison)
    z = chart_matrix(cover, ruled_out, options)
    text = [[t(f"compare.level.{LEVEL_KEYS[v]}", locale) for v in row] for row in z]
    columns = []
    for option_id in options:
        label = catalog.comparison[option_id].name(locale).replace(" ", "<br>", 1)
        if option_id == recommended:
            label = f"<b>{label}</b><br>★ {t('compare.recommended_short', locale)}"
        columns.append(label)
    rows = [catalog.concerns[c].name(locale) for c in cover.concerns]
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=columns,
            y=rows,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 16, "color": INK},
            colorscale=_colourscale(),
            zmin=RULED_OUT,
            zmax=MAIN,
            showscale=False,
            xgap=4,
            ygap=4,
            hoverinfo="skip",
        )
    )
    figure.update_layout(
        height=110 + ROW_HEIGHT * max(1, len(rows)),
        margin={"l": 8, "r": 8, "t": 90, "b": 8},
        font={"size": 15},
        plot_bgcolor="white",
        paper_bgcolor="white",
        xaxis={"side": "top", "fixedrange": True, "tickfont": {"size": 15, "color": INK}},
        yaxis={
            "autorange": "reversed",
            "fixedrange": True,
            "automargin": True,
            "ticks": "",
            "tickfont": {"size": 16, "color": INK},
        },
    )
    return figure
