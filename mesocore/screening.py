"""Medical screening: a small, fail-safe engine over the catalog's contraindication rules, and
the one verdict every surface reads.

Every rule has an id and one question. A "yes" leads to the rule's severity; an unanswered
question (``None``) leads to ``incomplete``; the outcome is the worst finding. So an unknown
answer can never produce ``eligible``, and adding a "yes" can never make the outcome more
permissive. Allergies are per ingredient: a known allergy blocks every cocktail that exposes the
patient to that ingredient (including the local anaesthetic cream a protocol uses).

The verdict (``ScreeningResult``) says two things apart, because they call for different
actions: the patient's own outcome (``patient_status``: the plan left aside) and the plan's
problems (``plan_problems``: a planned treatment she must not have, which cocktail, which
ingredient, what to do). A patient allergic to her planned cocktail is not "not eligible": the
plan is at fault, and every screen says "not with this cocktail: choose another". The two
questions the rest of the app asks have one predicate each: ``may_be_treated`` and
``plan_at_fault`` (``ruled_out`` is the patient who must not be treated now at all).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from mesocore.catalog import Catalog, Rule, get_catalog
from mesocore.models import CUSTOM, Consultation
from mesocore.treatments import treatment_ingredients

Outcome = Literal["not_eligible", "deferred", "incomplete", "eligible_with_cautions", "eligible"]

# Worst first: the first outcome in this order among the findings wins.
OUTCOME_ORDER: tuple[Outcome, ...] = (
    "not_eligible",
    "deferred",
    "incomplete",
    "eligible_with_cautions",
    "eligible",
)
RULED_OUT: tuple[Outcome, ...] = ("not_eligible", "deferred")
"""The patient's own outcomes under which she is not treated now: no recommendation, no plan,
no consent; the final summary records why."""
CLEARED: tuple[Outcome, ...] = ("eligible_with_cautions", "eligible")
"""The patient's own outcomes under which she may be treated (every question answered)."""
ALLERGY_RECORDED = "CI-ALLERGY-RECORDED"


def worst(outcomes: list[Outcome] | tuple[Outcome, ...]) -> Outcome:
    """The most restrictive of `outcomes`; ``eligible`` when there are none."""
    return min(outcomes, key=OUTCOME_ORDER.index, default="eligible")


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True)

    rule: str
    severity: Outcome
    question: str
    answer: bool | list[str] | None
    message: str
    advice: str
    sources: tuple[str, ...]
    about_plan: bool = False
    """True when the finding is about a planned treatment, not the patient (an allergen in the
    planned cocktail): it leaves the patient's own outcome alone."""


class NotApplicable(BaseModel):
    """A question the app answered itself, with the reason, so that it is never silent."""

    model_config = ConfigDict(frozen=True)

    rule: str
    question: str
    reason: str


class PlanProblem(BaseModel):
    """A planned treatment the patient must not have, and what to do instead."""

    model_config = ConfigDict(frozen=True)

    area: str
    cocktail: str
    """The cocktail id, or ``custom`` for the doctor's mix."""
    ingredients: tuple[str, ...]
    """What in it the patient must not be exposed to (ingredient ids)."""
    message: str
    """In the consultation's language: "Not with this cocktail: choose another (…)"."""
    rule: str = ""
    sources: tuple[str, ...] = ()


class ScreeningResult(BaseModel):
    """The verdict: computed once per consultation version and read by every surface."""

    model_config = ConfigDict(frozen=True)

    status: Outcome
    """The worst of everything, the plan included (``screen --json``'s ``status``)."""
    findings: tuple[Finding, ...]
    not_applicable: tuple[NotApplicable, ...] = ()
    blocked: dict[str, tuple[str, ...]] = {}
    """cocktail id -> the allergens in it, for every cocktail the patient must not receive."""
    patient_status: Outcome = "eligible"
    """The patient's own outcome, the plan left aside."""
    plan_problems: tuple[PlanProblem, ...] = ()

    # -- the questions the app asks, one predicate each ------------------------------------
    @property
    def may_be_treated(self) -> bool:
        """May this patient be treated now (with a plan she may have)? Every question is
        answered and nothing about her stands against treatment."""
        return self.patient_status in CLEARED

    @property
    def ruled_out(self) -> bool:
        """The patient herself must not be treated now (not eligible, or deferred)."""
        return self.patient_status in RULED_OUT

    @property
    def plan_at_fault(self) -> bool:
        """Is only the plan at fault? A planned treatment must not be given, while the patient
        herself is not ruled out: choose another cocktail."""
        return bool(self.plan_problems) and not self.ruled_out

    # -- details ---------------------------------------------------------------------------
    @property
    def own_findings(self) -> tuple[Finding, ...]:
        """The findings about the patient (not about a planned treatment)."""
        return tuple(f for f in self.findings if not f.about_plan)

    @property
    def unanswered(self) -> tuple[str, ...]:
        """Ids of the rules whose question is still unknown."""
        return tuple(f.rule for f in self.findings if f.severity == "incomplete")

    def answered_count(self, total: int) -> int:
        """How many of `total` questions are settled: answered, or not applicable with a reason."""
        return total - len(self.unanswered)

    def findings_for(self, rule_id: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.rule == rule_id)

    def problems_for(self, area: str) -> tuple[PlanProblem, ...]:
        return tuple(p for p in self.plan_problems if p.area == area)

    def to_json(self) -> dict:
        """The CLI's ``screen --json`` shape (DESIGN.md)."""
        return {
            "status": self.status,
            "patient_status": self.patient_status,
            "findings": [
                {
                    "rule": f.rule,
                    "severity": f.severity,
                    "message": f.message,
                    "advice": f.advice,
                    "sources": list(f.sources),
                }
                for f in self.findings
            ],
            "plan_problems": [
                {
                    "area": p.area,
                    "cocktail": p.cocktail,
                    "ingredients": list(p.ingredients),
                    "message": p.message,
                }
                for p in self.plan_problems
            ],
        }


def headline(result: ScreeningResult, locale: str) -> str:
    """The verdict in a few words, the same on the badge, the PDF, the CLI and the lists:
    the patient's own outcome, and "not with this cocktail: choose another" when only the
    plan is at fault."""
    from mesocore.i18n import t

    words = t(f"outcome.{result.patient_status}", locale)
    if result.plan_at_fault:
        words = t("screening.headline_plan", locale, outcome=words)
    return words


def blocked_cocktails(allergies: list[str] | None, catalog: Catalog) -> dict[str, tuple[str, ...]]:
    """cocktail id -> the patient's allergens it contains (only cocktails that contain one)."""
    allergens = set(allergies or ())
    blocked = {}
    for cocktail_id in catalog.cocktails:
        hits = tuple(i for i in catalog.cocktail_ingredients(cocktail_id) if i in allergens)
        if hits:
            blocked[cocktail_id] = hits
    return blocked


def _finding(
    rule: Rule,
    severity: Outcome,
    answer,
    locale: str,
    message: str | None = None,
    advice: str | None = None,
    about_plan: bool = False,
) -> Finding:
    return Finding(
        rule=rule.id,
        severity=severity,
        question=rule.question,
        answer=answer,
        message=message or rule.message(locale),
        advice=advice or rule.advice(locale),
        sources=rule.sources,
        about_plan=about_plan,
    )


def _unanswered(rule: Rule, locale: str) -> Finding:
    from mesocore.i18n import t

    return _finding(
        rule,
        "incomplete",
        None,
        locale,
        message=t("screening.unanswered", locale, question=rule.label(locale)),
        advice=t("screening.unanswered_advice", locale),
    )


def _treatment_name(treatment, catalog: Catalog, locale: str) -> str:
    from mesocore.i18n import t

    if treatment.cocktail == CUSTOM:
        return t("cocktails.custom_mix_on", locale, area=catalog.areas[treatment.area].name(locale))
    return catalog.cocktails[treatment.cocktail].name(locale)


def _allergy_findings(
    rule: Rule, consultation: Consultation, catalog: Catalog, locale: str
) -> tuple[list[Finding], list[PlanProblem]]:
    from mesocore.i18n import t

    allergies = consultation.history.allergies
    if allergies is None:
        return [_unanswered(rule, locale)], []
    if not allergies:
        return [], []
    names = ", ".join(catalog.ingredients[i].name(locale) for i in allergies)
    blocked = blocked_cocktails(allergies, catalog)
    findings = [
        Finding(
            rule=ALLERGY_RECORDED,
            severity="eligible_with_cautions",
            question=rule.question,
            answer=list(allergies),
            message=t("screening.allergy_recorded", locale, names=names),
            advice=t(
                "screening.allergy_recorded_advice",
                locale,
                cocktails=", ".join(catalog.cocktails[c].name(locale) for c in blocked) or "—",
            ),
            sources=rule.sources,
        )
    ]
    problems: list[PlanProblem] = []
    planned: dict[str, tuple[str, ...]] = {}  # treatment name -> its allergens
    for treatment in consultation.treatments:
        hits = tuple(i for i in treatment_ingredients(treatment, catalog) if i in allergies)
        if not hits:
            continue
        name = _treatment_name(treatment, catalog, locale)
        allergens = ", ".join(catalog.ingredients[i].name(locale) for i in hits)
        planned[name] = hits
        problems.append(
            PlanProblem(
                area=treatment.area,
                cocktail=treatment.cocktail,
                ingredients=hits,
                message=t(
                    "screening.plan_problem",
                    locale,
                    area=catalog.areas[treatment.area].name(locale),
                    cocktail=name,
                    allergens=allergens,
                ),
                rule=rule.id,
                sources=rule.sources,
            )
        )
    for name in sorted(planned):
        allergens = ", ".join(catalog.ingredients[i].name(locale) for i in planned[name])
        findings.append(
            _finding(
                rule,
                rule.severity,
                list(allergies),
                locale,
                message=f"{rule.message(locale)} ({name}: {allergens})",
                about_plan=True,
            )
        )
    return findings, problems


def screen(consultation: Consultation, catalog: Catalog | None = None) -> ScreeningResult:
    """Evaluate every rule against the consultation: the verdict (see the module doc)."""
    from mesocore.i18n import t

    catalog = catalog or get_catalog()
    locale = consultation.locale
    sex = consultation.patient.sex
    findings: list[Finding] = []
    problems: list[PlanProblem] = []
    not_applicable: list[NotApplicable] = []
    for rule in catalog.rules.values():
        if rule.kind == "allergy":
            found, planned = _allergy_findings(rule, consultation, catalog, locale)
            findings += found
            problems += planned
            continue
        answer = getattr(consultation.history, rule.question)
        if sex is not None and sex not in rule.applies_to_sex and answer is not True:
            not_applicable.append(
                NotApplicable(
                    rule=rule.id,
                    question=rule.question,
                    reason=t("screening.not_applicable_sex", locale, sex=t(f"sex.{sex}", locale)),
                )
            )
        elif answer is None:
            findings.append(_unanswered(rule, locale))
        elif answer:
            findings.append(_finding(rule, rule.severity, True, locale))
    findings.sort(key=lambda f: OUTCOME_ORDER.index(f.severity))
    return ScreeningResult(
        status=worst([f.severity for f in findings]),
        findings=tuple(findings),
        not_applicable=tuple(not_applicable),
        blocked=blocked_cocktails(consultation.history.allergies, catalog),
        patient_status=worst([f.severity for f in findings if not f.about_plan]),
        plan_problems=tuple(problems),
    )
