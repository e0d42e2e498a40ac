"""Screening: the medical-history questions of content/contraindications.toml, grouped as the
seeds group them, each a tri-state answer bound to the Consultation. The outcome banner on top
is recomputed by mesocore.screening on every tap; this page holds no clinical rule."""

import streamlit as st

from mesocore.catalog import Rule, get_catalog
from mesocore.i18n import t
from mesocore.screening import Finding, ScreeningResult, screen
from ui import frame, state, tristate
from ui.routing import through_app

ALLERGY_ANY = state.widget_key("screening.allergy_any")
# "Yes, allergic" tapped but no ingredient chosen yet: the model keeps allergies = None (unknown,
# fail safe); this flag only remembers the tap across page switches. Its "w:" prefix makes
# state.replace() forget it with the rest of the widget state.
ALLERGY_PENDING = state.widget_key("screening.allergy_pending")
ALERT = {
    "not_eligible": st.error,
    "deferred": st.warning,
    "incomplete": st.info,
    "eligible_with_cautions": st.warning,
    "eligible": st.success,
}
SHOW_UNANSWERED_UP_TO = 3
QUESTION_WIDTH_PX = 300
# Answers are tapped on a tablet: at least 48 px high, as touch guidelines ask.
TOUCH_CSS = """<style>
.st-key-screening-questions [data-testid="stButtonGroup"] button {
  min-height: 3rem; min-width: 3.25rem;
}
</style>"""

through_app()
locale = state.locale()
catalog = get_catalog()
result = screen(state.get())


def sources(finding: Finding) -> str:
    titles = "; ".join(catalog.sources[s].title for s in finding.sources)
    return f":small[{t('screening.rule_label', locale)} `{finding.rule}` · {titles}]"


def banner(result: ScreeningResult) -> None:
    icon = frame.OUTCOME_STYLE[result.status][1]
    total = len(catalog.rules)
    lines = [
        f"**{t(f'outcome.{result.status}', locale)}**"
        f" — {t('screening.progress', locale, answered=result.answered_count(total), total=total)}"
    ]
    for finding in result.findings:
        if finding.severity == "incomplete":
            continue
        lines.append(
            f"- **{finding.message}**  \n  {t('screening.advice_label', locale)}: "
            f"{finding.advice}  \n  {sources(finding)}"
        )
    unanswered = [f for f in result.findings if f.severity == "incomplete"]
    if len(unanswered) > SHOW_UNANSWERED_UP_TO:
        lines.append(f"- {t('screening.unanswered_many', locale, count=len(unanswered))}")
    elif unanswered:
        questions = "; ".join(catalog.rules[f.rule].label(locale) for f in unanswered)
        lines.append(f"- {t('screening.unanswered_list', locale, questions=questions)}")
    if unanswered:
        lines.append(f"  {t('screening.unanswered_advice', locale)}")
    if not result.findings:
        lines.append("\n" + t("screening.no_findings", locale))  # a paragraph of its own
    ALERT[result.status]("\n".join(lines), icon=icon)


def verdict(rule: Rule) -> None:
    """What this one answer leads to, right under the question."""
    not_applicable = {item.rule: item for item in result.not_applicable}
    if rule.id in not_applicable:
        st.caption(f":material/info: {not_applicable[rule.id].reason}")
        return
    for finding in result.findings_for(rule.id):
        if finding.severity != "incomplete":
            icon = frame.OUTCOME_STYLE[finding.severity][1]
            st.caption(f"{icon} **{t(f'outcome.{finding.severity}', locale)}**: {finding.message}")


def question(rule: Rule) -> None:
    st.segmented_control(
        rule.label(locale),
        options=tristate.CHOICES,
        format_func=lambda choice: t(f"answer.{choice}", locale),
        required=True,
        disabled=rule.id in {item.rule for item in result.not_applicable},
        **state.bind(
            f"history.{rule.question}",
            to_widget=tristate.to_widget,
            to_model=tristate.to_model,
        ),
    )
    verdict(rule)


def _allergy_choice() -> tristate.Choice:
    allergies = state.get().history.allergies
    if allergies is None:
        return "yes" if st.session_state.get(ALLERGY_PENDING) else "unknown"
    return "yes" if allergies else "no"


def _on_allergy_any() -> None:
    choice = st.session_state[ALLERGY_ANY]
    st.session_state[ALLERGY_PENDING] = choice == "yes"
    state.reset_widget("history.allergies")
    # "yes" alone names no ingredient yet, so it stays unknown until one is chosen.
    state.update("history.allergies", [] if choice == "no" else None)


def allergy_question(rule: Rule) -> None:
    labels = {
        "yes": t("screening.allergy_yes", locale),
        "no": t("screening.allergy_none", locale),
        "unknown": t("answer.unknown", locale),
    }
    choice = st.segmented_control(
        t("screening.allergy_any", locale),
        options=tristate.CHOICES,
        format_func=labels.__getitem__,
        required=True,
        **state.synced(ALLERGY_ANY, _allergy_choice(), _on_allergy_any),
    )
    if choice != "yes":
        return
    st.session_state[ALLERGY_PENDING] = True  # emptying the pills later keeps "yes" on screen
    st.pills(
        t("screening.allergy_pick", locale),
        options=list(catalog.ingredients),
        selection_mode="multi",
        format_func=lambda ingredient: catalog.ingredients[ingredient].name(locale),
        **state.bind(
            "history.allergies",
            to_widget=lambda value: list(value or []),
            to_model=lambda value: list(value or []) or None,
        ),
    )
    if state.get().history.allergies is None:
        st.warning(t("screening.allergy_pending", locale), icon=":material/help:")
        return
    for cocktail, allergens in result.blocked.items():
        names = ", ".join(catalog.ingredients[i].name(locale) for i in allergens)
        st.caption(
            ":material/block: "
            + t(
                "screening.allergy_blocked",
                locale,
                cocktail=catalog.cocktails[cocktail].name(locale),
                allergens=names,
            )
        )
    if not result.blocked:
        st.caption(t("screening.allergy_blocks_nothing", locale))
    verdict(rule)


st.caption(t("screening.intro", locale))
banner(result)

groups: dict[str, list[Rule]] = {}
for rule in catalog.rules.values():
    groups.setdefault(rule.group, []).append(rule)

st.html(TOUCH_CSS)
questions = st.container(key="screening-questions")
for group, rules in groups.items():
    with questions.container(border=True):
        st.subheader(t(f"screening.group_{group}", locale))
        # Fixed-width questions that wrap: two a row where they fit, one where they don't (the
        # three answers are never clipped, whatever the screen and sidebar leave).
        row = st.container(horizontal=True, gap="medium")
        for rule in (r for r in rules if r.kind == "answer"):
            with row.container(width=QUESTION_WIDTH_PX):
                question(rule)
        for rule in (r for r in rules if r.kind == "allergy"):
            allergy_question(rule)
