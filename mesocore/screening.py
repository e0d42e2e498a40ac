"""Medical screening: a small, fail-safe engine over the catalog's contraindication rules.

Every rule has an id and one question. A "yes" leads to the rule's severity; an unanswered
question (``None``) leads to ``incomplete``; the outcome is the worst finding. So an unknown
answer can never produce ``eligible``, and adding a "yes" can never make the outcome more
permissive. Allergies are per ingredient: a known allergy blocks every cocktail that exposes the
patient to that ingredient (including the local anaesthetic cream a protocol uses).
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


class NotApplicable(BaseModel):
    """A question the app answered itself, with the reason, so that it is never silent."""

    model_config = ConfigDict(frozen=True)

    rule: str
    question: str
    reason: str


class ScreeningResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    status: Outcome
    findings: tuple[Finding, ...]
    not_applicable: tuple[NotApplicable, ...] = ()
    blocked: dict[str, tuple[str, ...]] = {}
    """cocktail id -> the allergens in it, for every cocktail the patient must not receive."""

    @property
    def unanswered(self) -> tuple[str, ...]:
        """Ids of the rules whose question is still unknown."""
        return tuple(f.rule for f in self.findings if f.severity == "incomplete")

    def answered_count(self, total: int) -> int:
        """How many of `total` questions are settled: answered, or not applicable with a reason."""
        return total - len(self.unanswered)

    def findings_for(self, rule_id: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.rule == rule_id)

    def to_json(self) -> dict:
        """The CLI's ``screen --json`` shape (DESIGN.md)."""
        return {
            "status": self.status,
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
        }


def blocked_cocktails(allergies: list[str] | None, catalog: Catalog) -> dict[str, tuple[str, ...]]:
    """cocktail id -> the patient's allergens it contains (only cocktails that contain one)."""
    allergens = set(allergies or ())
    blocked = {}
    for cocktail_id in catalog.cocktails:
        hits = tuple(i for i in catalog.cocktail_ingredients(cocktail_id) if i in allergens)
        if hits:
            blocked[cocktail_id] = hits
    return blocked


# A custom mix is injected with needles like the standard course, so the area is numbed first.


def _finding(
    rule: Rule,
    severity: Outcome,
    answer,
    locale: str,
    message: str | None = None,
    advice: str | None = None,
) -> Finding:
    return Finding(
        rule=rule.id,
        severity=severity,
        question=rule.question,
        answer=answer,
        message=message or rule.message(locale),
        advice=advice or rule.advice(locale),
        sources=rule.sources,
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


def _allergy_findings(
    rule: Rule, consultation: Consultation, catalog: Catalog, locale: str
) -> list[Finding]:
    from mesocore.i18n import t

    allergies = consultation.history.allergies
    if allergies is None:
        return [_unanswered(rule, locale)]
    if not allergies:
        return []
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
    planned: dict[str, tuple[str, ...]] = {}  # treatment name -> its allergens
    for treatment in consultation.treatments:
        hits = tuple(i for i in treatment_ingredients(treatment, catalog) if i in allergies)
        if hits:
            name = (
                t(
                    "cocktails.custom_mix_on",
                    locale,
                    area=catalog.areas[treatment.area].name(locale),
                )
                if treatment.cocktail == CUSTOM
                else catalog.cocktails[treatment.cocktail].name(locale)
            )
            planned[name] = hits
    for name in sorted(planned):
        allergens = ", ".join(catalog.ingredients[i].name(locale) for i in planned[name])
        findings.append(
            _finding(
                rule,
                rule.severity,
                list(allergies),
                locale,
                message=f"{rule.message(locale)} ({name}: {allergens})",
            )
        )
    return findings


def screen(consultation: Consultation, catalog: Catalog | None = None) -> ScreeningResult:
    """Evaluate every rule against the consultation; the outcome is the worst finding."""
    from mesocore.i18n import t

    catalog = catalog or get_catalog()
    locale = consultation.locale
    sex = consultation.patient.sex
    findings: list[Finding] = []
    not_applicable: list[NotApplicable] = []
    for rule in catalog.rules.values():
        if rule.kind == "allergy":
            findings += _allergy_findings(rule, consultation, catalog, locale)
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
    )
