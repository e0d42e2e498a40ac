"""Remember an expensive drawing for this session, until its inputs change.

A tap reruns the whole page, and most taps change nothing a chart shows (an answer elsewhere on
the page, the menu, the step bar), yet building a plotly figure validates every property again:
on the Timeline, Areas and Compare pages that was about half of each rerun. `st.cache_data`
would avoid it, but its entries are shared by every session and these inputs are a patient's
plan and choices, so the result is kept in this session's state instead, one slot per name
(memory does not grow with the number of reruns), and dropped with the session.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

T = TypeVar("T")
_SLOTS = "memo:slots"


def session_memo(name: str, inputs: object, build: Callable[[], T]) -> T:
    """`build()` once per distinct `inputs` (compared with ==) in a row, for this session.

    `inputs` must hold everything the result depends on (the catalog is fixed per process, so
    it need not be part of it); a change in any of them builds again and replaces the slot.
    """
    slots: dict[str, tuple[object, object]] = st.session_state.setdefault(_SLOTS, {})
    remembered = slots.get(name)
    if remembered is not None and remembered[0] == inputs:
        return remembered[1]  # type: ignore[return-value]
    result = build()
    slots[name] = (inputs, result)
    return result


def forget() -> None:
    """Drop every remembered drawing (another consultation is opened: nothing of the previous
    patient stays in the session)."""
    st.session_state.pop(_SLOTS, None)
