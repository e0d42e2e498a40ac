"""A custom mix travels through every step like a catalog cocktail."""

from __future__ import annotations

import io

from pypdf import PdfReader

from mesocore.catalog import get_catalog
from mesocore.cli import main
from mesocore.models import Treatment
from mesocore.planning import plan_course
from mesocore.render.pdf import render_summary
from mesocore.treatments import (
    CUSTOM_PROTOCOL,
    cocktail_name,
    protocol_id,
    treatment_ingredients,
)
from tests.factories import consultation

CUSTOM_FACE = Treatment(area="face", cocktail="custom", ingredients=["vitamins_ace", "minerals"])


def with_custom_mix():
    return consultation().model_copy(update={"treatments": [CUSTOM_FACE]})


def test_a_custom_mix_follows_the_standard_protocol_and_numbs_the_area():
    catalog = get_catalog()
    assert protocol_id("custom", catalog) == CUSTOM_PROTOCOL
    assert treatment_ingredients(CUSTOM_FACE, catalog) == (
        "vitamins_ace",
        "minerals",
        "local_anaesthetic",
    )
    assert cocktail_name("custom", catalog, "en") == "Custom mix"


def test_a_custom_mix_is_planned_like_a_catalog_cocktail():
    plan = plan_course(with_custom_mix())
    assert plan.blocked_reason is None
    assert plan.visits and all(v.cocktails == ["custom"] for v in plan.visits)


def test_a_custom_mix_prints_its_ingredients_in_the_summary():
    pdf = render_summary(with_custom_mix(), draft=True)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Custom mix" in text and "Minerals" in text


def test_the_plan_command_names_a_custom_mix(tmp_path, capsys):
    path = tmp_path / "c.json"
    path.write_text(with_custom_mix().model_dump_json(), encoding="utf-8")
    assert main(["plan", str(path)]) == 0
    assert "Custom mix" in capsys.readouterr().out
