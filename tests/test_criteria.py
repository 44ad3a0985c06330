"""The criteria matrix and the other facts transcribed from seed 004 (Handreiking 2012)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.core.errors import DataMissingError, ValidationError
from dashboard.mcda.criteria import (
    RATINGS,
    Rating,
    load_building_blocks,
    load_examples,
    load_matrix,
    load_variant_descriptions,
)

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "004_7f3be578662b4e98.txt"

#: §8 of the handreiking as printed (V1, V2, V3), table by table.
PRINTED = {
    "gu01": "++ ++ +", "gu02": "++ ++ +", "gu03": "++ + +/-", "gu04": "++ + +",
    "gu05": "++ + +", "gu06": "++ + +/-", "gu07": "+ + +/-", "gu08": "++ + -",
    "gu09": "++ + +/-", "gu10": "+ +/- +/-",
    "wg01": "++ ++ +", "wg02": "++ ++ +", "wg03": "++ + -/-", "wg04": "++ + -/-",
    "wg05": "++ + -/-", "wg06": "++ + -/-", "wg07": "++ + +/-",
    "wz01": "++ ++ -/-", "wz02": "+ + +/-", "wz03": "+ + +", "wz04": "-/- -/- +",
}  # fmt: skip


def test_matrix_shape_and_ids() -> None:
    m = load_matrix()
    assert m.group_ids == ("gemeenten_uwv", "werkgevers", "werkzoekenden")
    assert m.variant_ids == ("V1", "V2", "V3")
    assert [len(m.criteria_in(g)) for g in m.group_ids] == [10, 7, 4]
    assert m.criterion_ids == tuple(PRINTED)


@pytest.mark.parametrize(("criterion", "printed"), PRINTED.items())
def test_ratings_exactly_as_printed(criterion: str, printed: str) -> None:
    m = load_matrix()
    assert " ".join(m.rating(criterion, v).value for v in m.variant_ids) == printed


def test_every_row_cites_document_and_section() -> None:
    m = load_matrix()
    for item in (*m.criteria, *m.groups, *m.variants):
        assert item.source.startswith("seed 004"), item
        assert "§" in item.source, item


@pytest.mark.skipif(not SEED.exists(), reason="seed 004 not present beside the project")
def test_ratings_match_the_seed_text() -> None:
    """Each rating row of §8 appears in the seed text with the same label ending and symbols."""
    text = SEED.read_text(encoding="utf-8")
    section = text[text.index("8. Inschatting") : text.index("Bijlage 1")]
    lines = [ln.strip() for ln in section.splitlines() if ln.strip()]
    sym = r"(\+\+|\+/-|-/-|\+|-)"
    pattern = re.compile(rf"(?:^|\s){sym}\s+{sym}\s+{sym}\s*$")
    symbols = [" ".join(m.groups()) for ln in lines if (m := pattern.search(ln))]
    assert symbols == list(PRINTED.values())


@pytest.mark.parametrize(
    ("text", "rating"),
    [("++", Rating.PLUS_PLUS), (" + ", Rating.PLUS), ("+/-", Rating.NEUTRAL),
     ("−", Rating.MINUS), ("-/-", Rating.MINUS_MINUS), ("–/–", Rating.MINUS_MINUS)],
)  # fmt: skip
def test_rating_parse(text: str, rating: Rating) -> None:
    assert Rating.parse(text) is rating


@pytest.mark.parametrize("bad", ["+++", "", "0", None, 2, "plus"])
def test_rating_parse_rejects_in_dutch(bad: object) -> None:
    with pytest.raises(ValidationError, match="onbekend oordeel"):
        Rating.parse(bad)


def test_rating_order_best_first() -> None:
    assert [r.value for r in RATINGS] == ["++", "+", "+/-", "-", "-/-"]
    assert [r.order for r in RATINGS] == [4, 3, 2, 1, 0]


def test_building_blocks_cover_bijlage_1() -> None:
    blocks = load_building_blocks()
    names = [b.block for b in blocks]
    for wanted in ("Strategie", "Werkgeversbenadering", "Dienstenpakket", "Branding",
                   "Inbreng personeel", "Professionalisering", "Prestaties", "Aansturing",
                   "Systemen"):  # fmt: skip
        assert wanted in names
    for block in blocks:
        assert "Bijlage 1" in block.source
        assert all(block.text(v) for v in ("V1", "V2", "V3"))


@pytest.mark.skipif(not SEED.exists(), reason="seed 004 not present beside the project")
def test_building_block_texts_occur_in_the_seed() -> None:
    """Each schema phrase appears in the seed once line breaks and hyphenation are undone."""
    flat = re.sub(r"-\s*\n\s*", "", SEED.read_text(encoding="utf-8"))
    flat = " ".join(flat.replace("‘", "’").split())
    for block in load_building_blocks():
        for _vid, text in block.texts:
            phrase = text.replace(" [sic]", "")
            assert phrase in flat, (block.id, phrase)


def test_examples_and_closest_variant() -> None:
    examples = {e.id: e for e in load_examples()}
    assert set(examples) == {"groot_amsterdam", "fryslan", "drechtsteden"}
    assert examples["groot_amsterdam"].closest == ("V1", "V2")
    assert examples["groot_amsterdam"].stated_in_text
    assert examples["fryslan"].closest == ("V2",)
    assert examples["drechtsteden"].closest == ("V3",)
    for example in examples.values():
        assert example.source.startswith("seed 004") and "§5" in example.source


@pytest.mark.skipif(not SEED.exists(), reason="seed 004 not present beside the project")
def test_example_quotes_are_verbatim() -> None:
    flat = " ".join(SEED.read_text(encoding="utf-8").split())
    for example in load_examples():
        assert example.quote in flat, example.id


def test_variant_descriptions() -> None:
    descriptions = load_variant_descriptions()
    assert [d.id for d in descriptions] == ["V1", "V2", "V3"]
    for d in descriptions:
        assert "§5" in d.source
        assert d.description
        if d.shortened:
            assert "[...]" in d.description and d.note.startswith("Ingekort")


def test_missing_file_is_a_dutch_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataMissingError, match="kan niet worden gelezen"):
        load_matrix(tmp_path)


def test_a_matrix_pickles_the_same_before_and_after_a_lookup() -> None:
    """The ratings are looked up through a dictionary made once per matrix; a matrix pickles
    (a cache key, a worker process) by its fields alone, looked up or not."""
    import pickle

    from dashboard.mcda.criteria import load_matrix

    fresh = pickle.loads(pickle.dumps(load_matrix()))
    before = pickle.dumps(fresh)
    first = fresh.criteria[0].id
    assert fresh.rating(first, "V1") == dict(fresh.ratings)[(first, "V1")]
    assert pickle.dumps(fresh) == before
    assert pickle.loads(before) == fresh
