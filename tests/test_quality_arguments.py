"""Quality gate: unit types and argument roles on ../shared/data (skipped when absent).

Floors sit a little under the scores measured when they were set (2026-12-02: Webis
validation 6-way macro-F1 0.505, claim vs evidence 0.806, a selection score since C and
the cue model's weight are chosen on validation (before the talk cues, one-vs-rest and the
cue model: 0.470 and 0.797); 2026-12-01:
microtexts on gold ADUs central
claim accuracy 0.738, macro-F1 0.837, role macro-F1 0.810; on oplens's own segmentation
0.738 and 0.784; on the 35 texts never inspected, gold ADUs, 0.743 and 0.782). The
6-way floor is the issue's bar (0.50), which the shipped model meets by a narrow margin.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from oplens.evaluation import arguments
from oplens.evaluation.table import Table
from tests.conftest import DATA

WEBIS_FLOORS = {"macro_f1_6": 0.50, "macro_f1_claim_evidence": 0.80}
MICRO_FLOORS = {"cc_accuracy": 0.72, "cc_macro_f1": 0.82, "role_macro_f1": 0.79}
OWN_SEGMENTATION_FLOORS = {"cc_accuracy": 0.72, "role_macro_f1": 0.77}
# The 35 micro_d* / micro_k* texts never inspected while the rules were written.
UNSEEN_FLOORS = {"cc_accuracy": 0.72, "role_macro_f1": 0.76}


@pytest.fixture(scope="module")
def data() -> Path:
    if not (DATA / "arguments" / "webis-editorials-16").is_dir():
        pytest.skip(f"{DATA / 'arguments'} is absent: argument quality gate skipped")
    return DATA


@pytest.fixture(scope="module")
def webis(data: Path) -> Table:
    return arguments.webis_table(data)


@pytest.fixture(scope="module")
def micro(data: Path) -> Table:
    return arguments.microtexts_table(data)


@pytest.mark.quality
@pytest.mark.parametrize("column", sorted(WEBIS_FLOORS))
def test_unit_type_floor(webis: Table, column: str) -> None:
    assert webis.cell("oplens", column) >= WEBIS_FLOORS[column]


@pytest.mark.quality
@pytest.mark.parametrize("column", sorted(WEBIS_FLOORS))
def test_unit_types_beat_the_tfidf_floor(webis: Table, column: str) -> None:
    assert webis.cell("oplens", column) > webis.cell("team TF-IDF + LR floor", column)


@pytest.mark.quality
@pytest.mark.parametrize("column", sorted(MICRO_FLOORS))
def test_microtext_floor(micro: Table, column: str) -> None:
    assert micro.cell("oplens, gold ADUs", column) >= MICRO_FLOORS[column]


@pytest.mark.quality
@pytest.mark.parametrize("column", sorted(OWN_SEGMENTATION_FLOORS))
def test_microtext_floor_on_own_segmentation(micro: Table, column: str) -> None:
    assert micro.cell("oplens, own segmentation", column) >= OWN_SEGMENTATION_FLOORS[column]


@pytest.mark.quality
@pytest.mark.parametrize("column", sorted(UNSEEN_FLOORS))
def test_microtext_floor_on_unseen_texts(micro: Table, column: str) -> None:
    assert micro.cell("oplens, gold ADUs, 35 unseen texts", column) >= UNSEEN_FLOORS[column]
