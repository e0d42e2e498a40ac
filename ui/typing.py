"""Keep what the doctor types as it is typed, not only when she leaves the field.

Streamlit sends a text field's value when the field loses focus or on Enter; typed but not yet
left, it is only in the browser, and a reload (or a tablet that sleeps and drops the page) lost
it. A small Components v2 element with no drawing watches the page's free-text fields (by the
``st-key-…`` class Streamlit gives a keyed widget): a pause of 400 ms in typing, leaving the
field, or the page being hidden sends the fields' text to the server, which writes it into the
consultation (and so autosaves it). The fields stay Streamlit's own ``st.text_input`` and
``st.text_area``, so they look and behave as before; their own value, sent on blur, then
changes nothing more.

Each sent text is numbered per field; the server applies a number once, so a repeat or a text
older than one already applied changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

import streamlit as st

from ui import state

JS = """
const G = (globalThis.__mesoconsultTyping ||= {
  seq: 0, pending: {}, timer: null, send: null, fields: {}, listening: false,
});

function fieldOf(target) {
  if (!target || !target.closest || !/^(INPUT|TEXTAREA)$/.test(target.tagName)) return null;
  for (const [key, css] of Object.entries(G.fields)) {
    if (target.closest("." + css)) return key;
  }
  return null;
}

function sendNow() {
  clearTimeout(G.timer);
  G.timer = null;
  if (G.send && Object.keys(G.pending).length) G.send("typed", { ...G.pending });
}

function listen() {
  document.addEventListener("input", (event) => {
    const key = fieldOf(event.target);
    if (!key) return;
    G.seq += 1;
    G.pending[key] = { value: event.target.value, seq: G.seq };
    clearTimeout(G.timer);
    G.timer = setTimeout(sendNow, 400);
  }, true);
  document.addEventListener("focusout", (event) => { if (fieldOf(event.target)) sendNow(); }, true);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") sendNow();
  });
  window.addEventListener("pagehide", sendNow);
  G.listening = true;
}

export default function (component) {
  const { data, setStateValue } = component;
  G.send = setStateValue;
  G.fields = data.fields;
  for (const [key, entry] of Object.entries(G.pending)) {
    if (entry.seq <= (data.applied[key] || 0)) delete G.pending[key];
  }
  G.seq = Math.max(G.seq, ...Object.values(data.applied), 0);
  if (!G.listening) listen();
  // Text typed before this ran (the page was still loading) is sent too.
  for (const [key, css] of Object.entries(G.fields)) {
    const field = document.querySelector(`.${css} input, .${css} textarea`);
    if (field && !(key in G.pending) && field.value !== data.known[key]) {
      G.seq += 1;
      G.pending[key] = { value: field.value, seq: G.seq };
      clearTimeout(G.timer);
      G.timer = setTimeout(sendNow, 400);
    }
  }
}
"""

CSS = """
:host { display: none; }
"""

NAME = "mesoconsult.typing"  # an id, not text
_WATCH = st.components.v2.component(NAME, js=JS, css=CSS)
APPLIED = "typing:applied"  # widget key -> the number of the last text applied


def css_class(key: str) -> str:
    """The class Streamlit puts on a keyed widget's container (its frontend's own rule)."""
    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())


def _apply(watch_key: str, fields: dict[str, Callable[[str], None]]) -> bool:
    """Write every text typed and not applied yet; True when there was one."""
    applied = st.session_state.setdefault(APPLIED, {})
    value = st.session_state.get(watch_key) or {}
    typed = value.get("typed") if hasattr(value, "get") else None
    changed = False
    with state.one_change_at_a_time():
        for key, entry in (typed if isinstance(typed, dict) else {}).items():
            if key not in fields or not state.is_current(key) or not isinstance(entry, dict):
                continue
            seq, text = entry.get("seq"), entry.get("value")
            if isinstance(seq, int) and isinstance(text, str) and seq > applied.get(key, 0):
                fields[key](text)
                applied[key] = seq
                changed = True
    return changed


def _on_typed(watch_key: str, fields: dict[str, Callable[[str], None]]) -> None:
    _apply(watch_key, fields)


def keep_as_typed(
    page: str, fields: dict[str, Callable[[str], None]], known: dict[str, str]
) -> None:
    """Save the text of `fields` (widget key -> how to write a text into the consultation) as
    the doctor types; `known` is each field's text in the consultation now. Call once on the
    page, after the fields are drawn."""
    watch_key = state.widget_key(f"typing.{page}")
    # The watcher draws nothing; its place on the page takes no room either.
    hidden = f"<style>.{css_class(watch_key)} {{ display: none; }}</style>"
    st.html(hidden)
    if _apply(watch_key, fields):  # a callback cut short by the next tap: applied now
        state.flush()
    applied = st.session_state.get(APPLIED, {})
    _WATCH(
        key=watch_key,
        data={
            "fields": {key: css_class(key) for key in fields},
            "applied": {key: applied.get(key, 0) for key in fields},
            "known": {key: known.get(key, "") for key in fields},
        },
        on_typed_change=partial(_on_typed, watch_key, fields),
        height="content",
    )


def bound_fields(*paths: str) -> tuple[dict[str, Callable[[str], None]], dict[str, str]]:
    """`keep_as_typed`'s fields and texts for widgets bound to the model at `paths`."""
    consultation = state.get()
    fields = {state.widget_key(path): _writer(path) for path in paths}
    known = {state.widget_key(path): str(state.read(consultation, path)) for path in paths}
    return fields, known


def _writer(path: str) -> Callable[[str], None]:
    def write(text: str) -> None:
        state.update(path, text)  # a refused text shows its message under the field

    return write
