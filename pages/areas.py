"""Areas: the doctor taps treatment areas on a map of the face and the body (front and back;
each side of an arm, a hip or a leg on its own), or whole areas in the list under it (always in
sync). Every tap changes the Consultation; removing an area removes its planned treatment in the
same change."""

import streamlit as st

from mesocore.bodymap import after_taps, area_label, map_data
from mesocore.catalog import get_catalog
from mesocore.changes import with_areas
from mesocore.i18n import t
from mesocore.recommend import area_concerns, suggested_areas
from ui import state
from ui.bodymap import body_map, pending_taps
from ui.routing import through_app

MAP_KEY = state.widget_key("area_map")
LIST_KEY = state.widget_key("areas")
APPLIED_KEY = "area_map:applied"  # map key -> the number of its last tap applied
DROPPED_KEY = "areas_dropped"  # areas whose treatment went with them, said once
REPLANNED_KEY = "areas_replanned"  # moved visits dropped with a removed area, said once

through_app()
locale = state.locale()
catalog = get_catalog()
st.caption(t("areas.intro", locale))


def set_areas(areas: list[str], sides: dict[str, str] | None = None) -> None:
    """Write the chosen areas (and the sides of those chosen on one side; None: as they were)
    and keep only the treatments of areas still chosen (visits moved on the Timeline are
    re-planned when that changes what they stand for)."""
    changed = state.change("areas", lambda c: with_areas(c, areas, catalog, sides=sides))
    if changed is not None:
        st.session_state[DROPPED_KEY] = list(changed.dropped)
        st.session_state[REPLANNED_KEY] = changed.replanned


def apply_map_taps() -> bool:
    """Apply every tap of the map not applied yet, in order; True when there was one. A tap
    names the state it gave its zone, so one applied twice (a callback Streamlit cut short
    after the change) changes nothing more; the number is written last, in a dict in hand."""
    applied = st.session_state.setdefault(APPLIED_KEY, {})
    with state.one_change_at_a_time():
        taps = pending_taps(MAP_KEY, applied.get(MAP_KEY, 0))
        if not taps:
            return False
        consultation = state.get()
        areas, sides = after_taps(
            consultation.areas, consultation.area_sides, [(z, on) for _n, z, on in taps], catalog
        )
        set_areas(areas, sides)
        applied[MAP_KEY] = taps[-1][0]
    return True


def on_map_taps() -> None:
    if state.is_current(MAP_KEY):
        apply_map_taps()


def on_list_change() -> None:
    set_areas(list(st.session_state[LIST_KEY] or []))


def add_suggested(suggested: list[str]) -> None:
    chosen = state.get().areas
    set_areas(chosen + [area for area in suggested if area not in chosen])


# A tap whose callback was cut short by the next one is applied now (it is drawn as taken).
if apply_map_taps():
    state.flush()
    st.rerun()

for dropped in st.session_state.pop(DROPPED_KEY, []):
    st.toast(t("areas.removed_with_treatment", locale, area=catalog.areas[dropped].name(locale)))
if st.session_state.pop(REPLANNED_KEY, False):
    st.toast(t("timeline.course_replanned", locale))

consultation = state.get()
suggested = suggested_areas(consultation.concerns, catalog)
chosen = consultation.areas

body_map(
    MAP_KEY,
    map_data(
        consultation,
        suggested,
        st.session_state.get(APPLIED_KEY, {}).get(MAP_KEY, 0),
        catalog,
    ),
    on_map_taps,
)
st.caption(t("areas.legend", locale))


def list_label(area: str) -> str:
    label = area_label(area, consultation, locale, catalog)
    return f"{label} {t('areas.suggested_marker', locale)}" if area in suggested else label


# The list always shows the model, whatever was tapped on the map.
st.pills(
    t("areas.list_label", locale),
    options=list(catalog.areas),
    selection_mode="multi",
    format_func=list_label,
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


def area_text(area_id: str) -> str:
    """One area's card as one markdown text: its name and session length, what it treats (and,
    in grey, what it also treats), and which of the patient's concerns it addresses. One element
    per card, not five: every element is sent and drawn again on each tap of the map."""
    area = catalog.areas[area_id]
    low, high = area.session_minutes
    mine = area_concerns(area_id, consultation.concerns, catalog)
    name = area_label(area_id, consultation, locale, catalog)
    treats = ", ".join(catalog.concerns[c].name(locale) for c in area.treats)
    lines = [
        f"**{name}** · {t('areas.session', locale, low=low, high=high)}",
        f":gray[{area.indications(locale)}]",
        f"{t('areas.treats', locale)}: {treats}",
    ]
    if area.also_treats:
        also = ", ".join(catalog.concerns[c].name(locale) for c in area.also_treats)
        lines.append(f":gray[{t('areas.also_treats', locale)}: {also}]")
    if mine:
        concerns = ", ".join(catalog.concerns[c].name(locale) for c in mine)
        lines.append(f"**{t('areas.addresses', locale, concerns=concerns)}**")
    else:
        lines.append(f":gray[{t('areas.addresses_none', locale)}]")
    return "  \n".join(lines)


def area_card(area_id: str) -> None:
    with st.container(border=True):
        st.markdown(area_text(area_id))


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
