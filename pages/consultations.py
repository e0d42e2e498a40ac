"""Consultations: every saved consultation, to find (name, date, screening status), open,
duplicate or delete for good; and the open one exported or a file imported as JSON.

Opening, importing and the sidebar's buttons always open a record of their own: nothing here
overwrites another consultation. An import is validated first; a bad file is reported naming the
field and leaves every saved consultation as it was.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from mesocore.i18n import t
from mesocore.models import Consultation
from mesocore.screening import OUTCOME_ORDER
from mesocore.store import BadFileError, NotFoundError, Summary, file_name, parse_file, to_file
from ui import autosave, frame, state
from ui.routing import through_app
from ui.steps import FIRST

PREFIX = "consultations:"
CONFIRM = PREFIX + "confirm_delete"
UPLOADS = PREFIX + "uploads"
IMPORT_ERROR = PREFIX + "import_error"
ERROR = PREFIX + "error"
PAGE = 20  # cards per screenful; a tap on "Show more" adds as many
SHOWN = PREFIX + "shown"
MARKDOWN = set("\\`*_{}[]()<>#+-.!|~:$")

through_app()
locale = state.locale()


def _plain(text: str) -> str:
    """A name shown as typed, never read as Markdown."""
    return "".join("\\" + ch if ch in MARKDOWN else ch for ch in text)


def _store_call(action, *args):
    """Run a store action from a callback; a database problem becomes a message, not a crash."""
    st.session_state.pop(ERROR, None)
    try:
        return action(*args)
    except NotFoundError:
        st.session_state[ERROR] = "consultations.gone"
    except autosave.STORE_FAILURES:
        st.session_state[ERROR] = "store.unavailable"
    return None


def _open(consultation_id: str) -> None:
    record = _store_call(autosave.store().load, consultation_id)
    if record is not None:
        state.replace(record.consultation, version=record.version, saved_at=record.updated_at)
        frame.go(FIRST.id)  # continue with the consultation just opened


def _duplicate(consultation_id: str) -> None:
    if _store_call(autosave.store().duplicate, consultation_id) is not None:
        st.session_state[autosave.FLASH] = "consultations.duplicated"


def _ask_delete(consultation_id: str | None) -> None:
    st.session_state[CONFIRM] = consultation_id


def _delete(consultation_id: str) -> None:
    st.session_state.pop(CONFIRM, None)
    if _store_call(autosave.store().delete, consultation_id) is None:
        return
    if state.get().id == consultation_id:
        state.replace(Consultation(locale=state.locale()))
    st.session_state[autosave.FLASH] = "consultations.deleted"


def _import(key: str) -> None:
    upload = st.session_state.get(key)
    st.session_state[UPLOADS] = st.session_state.get(UPLOADS, 0) + 1  # a fresh, empty uploader
    st.session_state.pop(IMPORT_ERROR, None)
    if upload is None:
        return
    try:
        consultation = parse_file(upload.getvalue(), state.locale())
    except BadFileError as exc:
        st.session_state[IMPORT_ERROR] = str(exc)
        return
    state.replace(consultation)
    st.session_state[autosave.FLASH] = "consultations.imported"


current = state.get()
message = st.session_state.pop(ERROR, None)
if message:
    st.error(t(message, locale), icon=":material/warning:")

# The open consultation: export, or replace it by an imported file.
st.subheader(t("consultations.current", locale))
left, right = st.columns(2)
with left:
    st.markdown(f"**{_plain(current.patient.name or t('app.patient_unnamed', locale))}**")
    st.download_button(
        t("consultations.export", locale),
        data=to_file(current),
        file_name=file_name(current),
        mime="application/json",
        on_click="ignore",
        icon=":material/download:",
        width="stretch",
        disabled=autosave.is_blank(current),
        key=PREFIX + "export",
    )
    st.caption(t("consultations.export_help", locale))
with right:
    upload_key = f"{PREFIX}import:{st.session_state.get(UPLOADS, 0)}"
    st.file_uploader(
        t("consultations.import", locale),
        type=["json"],
        help=t("consultations.import_help", locale),
        on_change=_import,
        args=(upload_key,),
        key=upload_key,
    )
    import_error = st.session_state.get(IMPORT_ERROR)
    if import_error:
        st.error(
            t("consultations.import_failed", locale, reason=import_error), icon=":material/warning:"
        )

# Saved consultations: search, then open / duplicate / delete.
st.subheader(t("consultations.saved", locale))
query = st.text_input(
    t("consultations.search", locale),
    placeholder=t("consultations.search_placeholder", locale),
    key=PREFIX + "search",
)
left, right = st.columns(2)
date_from = left.date_input(
    t("consultations.date_from", locale), value=None, format="DD.MM.YYYY", key=PREFIX + "from"
)
date_to = right.date_input(
    t("consultations.date_to", locale), value=None, format="DD.MM.YYYY", key=PREFIX + "to"
)
statuses = st.pills(
    t("consultations.status", locale),
    options=list(OUTCOME_ORDER),
    selection_mode="multi",
    format_func=lambda status: t(f"outcome.{status}", locale),
    key=PREFIX + "status",
)

try:
    found, total = autosave.store().search(
        query,
        date_from=date_from,
        date_to=date_to,
        statuses=statuses or (),
        limit=st.session_state.get(SHOWN, PAGE),
    )
except autosave.STORE_FAILURES:
    st.error(t("store.unavailable", locale), icon=":material/warning:")
    st.stop()


def _when(moment) -> str:
    return moment.astimezone().strftime("%d.%m.%Y %H:%M")


def _day(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def row(item: Summary) -> None:
    name = item.patient_name or t("app.patient_unnamed", locale)
    with st.container(border=True):
        is_open = item.id == current.id
        badge = f" · :green-badge[{t('consultations.open_now', locale)}]" if is_open else ""
        st.markdown(f"**{_plain(name)}**{badge}")
        st.caption(
            t(
                "consultations.row",
                locale,
                date=_day(item.consultation_date),
                status=t(f"outcome.{item.status}", locale),
                saved=_when(item.updated_at),
            )
        )
        open_, copy, remove = st.columns(3)
        _action(open_, "open", "open", _open, item.id, primary=True)
        _action(copy, "duplicate", "copy", _duplicate, item.id)
        _action(remove, "delete", "delete", _ask_delete, item.id, icon=":material/delete:")
        if st.session_state.get(CONFIRM) == item.id:
            st.warning(
                t("consultations.delete_confirm", locale, name=name), icon=":material/warning:"
            )
            yes, no = st.columns(2)
            _action(
                yes,
                "delete_for_good",
                "confirm",
                _delete,
                item.id,
                primary=True,
                icon=":material/delete_forever:",
            )
            _action(no, "cancel", "cancel", _ask_delete, None, key_id=item.id)


def _action(
    column, text: str, name: str, on_click, arg, *, primary=False, key_id=None, icon=None
) -> None:
    """One full-width button of a card: its text `consultations.<text>`, its key named after the
    action and the record (`key_id`, else `arg`), its callback called with `arg`. Streamlit has
    no danger style, so deleting is told apart from opening by its icon."""
    column.button(
        t(f"consultations.{text}", locale),
        key=f"{PREFIX}{name}:{arg if key_id is None else key_id}",
        **state.tap(on_click, arg),
        type="primary" if primary else "secondary",
        icon=icon,
        width="stretch",
    )


if not found:
    filtered = bool(query.strip() or date_from or date_to or statuses)
    st.info(t("consultations.none_found" if filtered else "consultations.none_saved", locale))
for item in found:
    row(item)


def _show_more() -> None:
    st.session_state[SHOWN] = st.session_state.get(SHOWN, PAGE) + PAGE


if total > len(found):
    st.caption(t("consultations.more", locale, shown=len(found), total=total))
    st.button(
        t("consultations.show_more", locale, count=min(PAGE, total - len(found))),
        icon=":material/expand_more:",
        **state.tap(_show_more),
        width="stretch",
    )
