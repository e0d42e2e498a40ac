"""The area map as a touch component (Streamlit Custom Components v2: HTML, CSS and JS in the
page, no iframe, no chart library, no network).

The SVG is drawn once per process from the catalog (mesocore.bodymap.map_svg) and is the
component's HTML, so it paints with the page. Each run sends only what changes (chosen and
suggested zones, names in the consultation's language, the sex of the outline).

A tap is a pointer event (touch, pen and mouse alike; nothing happens on hover; a swipe that
scrolls the page chooses nothing). The component shows it at once and sends the list of its
taps, each numbered, as its state value; the server applies every tap it has not applied yet,
in order, and sends back the last number applied. So no tap is lost or applied twice, however
quickly they follow each other or however a rerun is cut short, and the drawing never shows an
older state over a newer tap (taps not yet applied are drawn over the server's zones).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from mesocore.bodymap import map_svg

CSS = """
:host { display: block; }
.bodymap {
  display: grid; grid-template-columns: 240fr 240fr 240fr; gap: 12px; align-items: start;
  max-width: 780px; margin: 0 auto; font-family: var(--st-font, sans-serif);
  -webkit-user-select: none; user-select: none; -webkit-touch-callout: none;
}
.view { margin: 0; }
.caption {
  text-align: center; font-weight: 600; font-size: 15px; margin: 0 0 4px 0;
  color: var(--st-text-color, #31333f);
}
svg { display: block; width: 100%; height: auto; touch-action: manipulation; overflow: visible; }
.figure { display: none; }
.bodymap[data-sex="neutral"] .figure[data-sex="neutral"],
.bodymap[data-sex="female"] .figure[data-sex="female"],
.bodymap[data-sex="male"] .figure[data-sex="male"] { display: inline; }
.view[data-view="face"] .figure { display: inline; }
.body { fill: #f6efe8; stroke: #8a8078; stroke-width: 1.6; stroke-linejoin: round; }
.detail { fill: none; stroke: #b3a79c; stroke-width: 1.2; stroke-linecap: round; }
.zone { cursor: pointer; outline: none; -webkit-tap-highlight-color: transparent; }
.hit { fill: transparent; stroke: none; }
.fill {
  fill: #0f766e; fill-opacity: 0; stroke: #0f766e; stroke-opacity: 0.5; stroke-width: 1;
  stroke-dasharray: 3 3; pointer-events: none; transition: fill-opacity 80ms;
}
.zone.suggested .fill {
  fill: #f59e0b; fill-opacity: 0.22; stroke: #b45309; stroke-opacity: 0.9; stroke-width: 1.4;
}
.zone[aria-pressed="true"] .fill {
  fill: #0f766e; fill-opacity: 0.5; stroke: #0b5d57; stroke-opacity: 1; stroke-width: 1.6;
  stroke-dasharray: none;
}
.zone.pressing .fill { fill-opacity: 0.3; }
.zone:focus-visible .fill { stroke: #1d4ed8; stroke-width: 3; stroke-dasharray: none; }
.mark, .star { display: none; pointer-events: none; }
.mark circle { fill: #0f766e; stroke: #ffffff; stroke-width: 2; }
.mark path { fill: none; stroke: #ffffff; stroke-width: 2.4; stroke-linecap: round;
  stroke-linejoin: round; }
.star path { fill: #f59e0b; stroke: #92400e; stroke-width: 1; stroke-linejoin: round; }
.zone[aria-pressed="true"] .mark { display: inline; }
.zone.suggested[aria-pressed="false"] .star { display: inline; }
"""

JS = """
const STATES = new WeakMap();

function render(state) {
  const data = state.data;
  const root = state.root;
  let chosen = new Set(data.chosen);
  for (const tap of state.taps) {
    if (tap.on) chosen.add(tap.zone); else chosen.delete(tap.zone);
  }
  const suggested = new Set(data.suggested);
  if (root.getAttribute("aria-label") !== data.alt) {
    root.setAttribute("role", "group");
    root.setAttribute("aria-label", data.alt);
  }
  if (root.dataset.sex !== data.sex) {
    root.dataset.sex = data.sex;
    for (const fill of root.querySelectorAll(".fill.clipped")) {
      const view = fill.dataset.view;
      const id = root.querySelector(`#clip-${view}-${data.sex}`) ? data.sex : "neutral";
      fill.setAttribute("clip-path", `url(#clip-${view}-${id})`);
    }
  }
  for (const caption of root.querySelectorAll(".view")) {
    const text = data.views[caption.dataset.view] || "";
    const node = caption.querySelector(".caption");
    if (node.textContent !== text) node.textContent = text;
    const svg = caption.querySelector("svg");
    if (svg.getAttribute("aria-label") !== text) svg.setAttribute("aria-label", text);
  }
  for (const zone of root.querySelectorAll(".zone")) {
    const id = zone.dataset.zone;
    const pressed = chosen.has(id) ? "true" : "false";
    if (zone.getAttribute("aria-pressed") !== pressed) zone.setAttribute("aria-pressed", pressed);
    const label = data.labels[id] || id;
    if (zone.getAttribute("aria-label") !== label) zone.setAttribute("aria-label", label);
    const isSuggested = suggested.has(id);
    zone.classList.toggle("suggested", isSuggested);
    const hint = isSuggested ? data.hint : "";
    if ((zone.getAttribute("aria-description") || "") !== hint) {
      if (hint) zone.setAttribute("aria-description", hint);
      else zone.removeAttribute("aria-description");
    }
  }
}

function tap(state, zone) {
  // Each tap says what it made of the zone (chosen or not), so applying it twice is harmless.
  const element = state.root.querySelector(`[data-zone="${zone}"]`);
  const on = element.getAttribute("aria-pressed") !== "true";
  state.seq += 1;
  state.taps.push({ zone: zone, seq: state.seq, on: on });
  render(state);
  state.send("taps", state.taps.slice(-40));
}

function listen(state) {
  const root = state.root;
  const zoneOf = (event) => event.target.closest && event.target.closest(".zone");
  const clear = () => {
    if (state.down) state.down.zone.classList.remove("pressing");
    state.down = null;
  };
  root.addEventListener("pointerdown", (event) => {
    const zone = zoneOf(event);
    if (!zone || !event.isPrimary || event.button > 0) return;
    clear();
    state.down = { id: event.pointerId, x: event.clientX, y: event.clientY, zone: zone };
    zone.classList.add("pressing");
  });
  root.addEventListener("pointerup", (event) => {
    const down = state.down;
    clear();
    if (!down || down.id !== event.pointerId) return;
    // A finger that moved is scrolling the page, not choosing.
    if (Math.hypot(event.clientX - down.x, event.clientY - down.y) > 12) return;
    tap(state, down.zone.dataset.zone);
  });
  root.addEventListener("pointercancel", clear);
  root.addEventListener("keydown", (event) => {
    const zone = zoneOf(event);
    if (zone && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      tap(state, zone.dataset.zone);
    }
  });
  // A screen reader activates a button with a click that no pointer made (detail 0).
  root.addEventListener("click", (event) => {
    const zone = zoneOf(event);
    if (zone && event.detail === 0) tap(state, zone.dataset.zone);
  });
}

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  let state = STATES.get(parentElement);
  if (!state) {
    state = { root: parentElement.querySelector(".bodymap"), seq: 0, taps: [], down: null };
    STATES.set(parentElement, state);
    listen(state);
  }
  state.send = setStateValue;
  state.data = data;
  // Taps the server has applied are in its zones now; the rest are drawn over them.
  state.seq = Math.max(state.seq, data.applied);
  state.taps = state.taps.filter((tap) => tap.seq > data.applied);
  state.root.dataset.applied = String(data.applied);  // for tests: what the server has taken
  render(state);
}
"""

NAME = "mesoconsult.bodymap"  # an id, not text: unique in the app
_MAP = st.components.v2.component(NAME, html=map_svg(), css=CSS, js=JS)


def pending_taps(key: str, applied: int) -> list[tuple[int, str, bool]]:
    """The taps the map under `key` sent that the server has not applied yet, in order:
    (number, zone, chosen after the tap). Anything malformed is left out."""
    value = st.session_state.get(key) or {}
    taps = value.get("taps") if hasattr(value, "get") else None
    found = []
    for tap in taps if isinstance(taps, list) else []:
        if not isinstance(tap, dict):
            continue
        seq, zone, on = tap.get("seq"), tap.get("zone"), tap.get("on")
        if isinstance(seq, int) and seq > applied and isinstance(zone, str):
            found.append((seq, zone, on is True))
    return sorted(found)


def body_map(key: str, data: dict, on_taps: Callable[[], None]) -> None:
    """Draw the map under `key` with the data of this run (mesocore.bodymap.map_data)."""
    _MAP(key=key, data=data, on_taps_change=on_taps, width="stretch", height="content")
