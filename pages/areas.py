"""Areas: the doctor taps treatment areas on a face and body diagram, or on the same areas as
buttons (the touch-friendly fallback, always in sync). Every tap toggles one area in the
Consultation; removing an area removes its planned treatment in the same change."""

from functools import partial

import streamlit as st

from mesocore.bodymap import area_figure, areas_after_tap
from mesocore.catalog import get_catalog
from mesocore.changes import with_areas
from mesocore.i18n import t
from mesocore.recommend import area_concerns, suggested_areas
from ui import state
from ui.memo import session_memo
from ui.routing import through_app

MAP_KEY = state.widget_key("area_map")
LIST_KEY = state.widget_key("areas")
DROPPED_KEY = "areas_dropped"  # areas whose treatment went with them, said once
REVISION_KEY = "area_map_revision"  # one per change: every drawing is a new chart
REPLANNED_KEY = "areas_replanned"  # moved visits dropped with a removed area, said once

through_app()
locale = state.locale()
catalog = get_catalog()
st.caption(t("areas.intro", locale))


def set_areas(areas: list[str]) -> None:
    """Write the chosen areas and keep only the treatments of areas still chosen (visits moved
    on the Timeline are re-planned when that changes what they stand for)."""
    changed = state.change("areas", lambda c: with_areas(c, areas, catalog))
    st.session_state[REVISION_KEY] = st.session_state.get(REVISION_KEY, 0) + 1
    if changed is not None:
        st.session_state[DROPPED_KEY] = list(changed.dropped)
        st.session_state[REPLANNED_KEY] = changed.replanned


def on_map_tap(revision: int) -> None:
    if revision != st.session_state.get(REVISION_KEY, 0):
        return  # a tap on a drawing already replaced: the doctor saw another state
    event = st.session_state.get(MAP_KEY) or {}
    set_areas(areas_after_tap(state.get().areas, event.get("selection"), catalog))


def on_list_change() -> None:
    set_areas(list(st.session_state[LIST_KEY] or []))


def add_suggested(suggested: list[str]) -> None:
    chosen = state.get().areas
    set_areas(chosen + [area for area in suggested if area not in chosen])


for dropped in st.session_state.pop(DROPPED_KEY, []):
    st.toast(t("areas.removed_with_treatment", locale, area=catalog.areas[dropped].name(locale)))
if st.session_state.pop(REPLANNED_KEY, False):
    st.toast(t("timeline.course_replanned", locale))

consultation = state.get()
suggested = suggested_areas(consultation.concerns, catalog)
chosen = consultation.areas

revision = st.session_state.get(REVISION_KEY, 0)
st.plotly_chart(
    session_memo(
        "areas",
        (tuple(chosen), tuple(suggested), locale, revision),
        lambda: area_figure(chosen, suggested, locale, catalog, revision=revision),
    ),
    key=MAP_KEY,
    # plotly_chart takes no `args`
    on_select=state.for_open_consultation(MAP_KEY, partial(on_map_tap, revision)),
    selection_mode="points",
    config={"displayModeBar": False, "scrollZoom": False, "doubleClick": False},
    alt=t("areas.map_alt", locale),
)
st.caption(t("areas.legend", locale))

# The fallback list always shows the model, whatever was tapped on the diagram.
st.pills(
    t("areas.list_label", locale),
    options=list(catalog.areas),
    selection_mode="multi",
    format_func=lambda area: (
        f"{catalog.areas[area].name(locale)} {t('areas.suggested_marker', locale)}"
        if area in suggested
        else catalog.areas[area].name(locale)
    ),
    help=t("areas.list_help", locale),
    **state.synced(LIST_KEY, list(chosen), on_list_change),
)
error = state.error("areas,treatments")
if error:
    st.error(error, icon=":material/warning:")

if not consultation.concerns:
    st.info(t("areas.no_concerns", locale))
elif suggested:
    names = ", ".join(catalog.areas[area].name(locale) for area in suggested)
    st.markdown(t("areas.suggested", locale, areas=names))
    missing = [area for area in suggested if area not in chosen]
    if missing:
        st.button(t("areas.add_suggested", locale), **state.tap(add_suggested, suggested))


def area_card(area_id: str) -> None:
    area = catalog.areas[area_id]
    low, high = area.session_minutes
    mine = area_concerns(area_id, consultation.concerns, catalog)
    with st.container(border=True):
        st.markdown(f"**{area.name(locale)}** · {t('areas.session', locale, low=low, high=high)}")
        st.caption(area.indications(locale))
        treats = ", ".join(catalog.concerns[c].name(locale) for c in area.treats)
        st.markdown(f"{t('areas.treats', locale)}: {treats}")
        if area.also_treats:
            also = ", ".join(catalog.concerns[c].name(locale) for c in area.also_treats)
            st.caption(f"{t('areas.also_treats', locale)}: {also}")
        if mine:
            concerns = ", ".join(catalog.concerns[c].name(locale) for c in mine)
            st.markdown(f"**{t('areas.addresses', locale, concerns=concerns)}**")
        else:
            st.caption(t("areas.addresses_none", locale))


def card_grid(areas: list[str]) -> None:
    columns = st.columns(2)
    for index, area_id in enumerate(areas):
        with columns[index % 2]:
            area_card(area_id)


st.subheader(t("areas.chosen", locale))
if chosen:
    card_grid(chosen)
else:
    st.caption(t("areas.none_chosen", locale))
others = [area for area in catalog.areas if area not in chosen]
if others:
    with st.expander(t("areas.others", locale), expanded=not chosen):
        card_grid(sorted(others, key=lambda area: area not in suggested))
