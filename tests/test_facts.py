"""Facts transcribed from the seeds (data/regions/): sources, quotes, cross references."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dashboard.core.errors import DataMissingError
from dashboard.data.facts import (
    NIET_VASTGELEGD,
    centrumgemeente,
    centrumgemeente_label,
    load_facts,
    verify_quotes,
)
from dashboard.data.sources import load_sources

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"
REGIONS = PROJECT_ROOT / "data" / "regions"


@pytest.fixture(scope="module")
def fb():
    return load_facts()


def test_every_citation_names_a_known_source_and_a_section(fb):
    known = set(load_sources())
    citations = list(fb.citations())
    assert len(citations) > 80
    for cit in citations:
        assert cit.source in known
        assert cit.section


def test_every_seed_quote_occurs_literally_in_its_seed(fb):
    if not SEEDS.is_dir():
        pytest.skip(f"seed folder {SEEDS} not present")
    assert verify_quotes(fb, SEEDS) == []


def test_verify_quotes_catches_an_invented_quote(fb, tmp_path):
    if not SEEDS.is_dir():
        pytest.skip(f"seed folder {SEEDS} not present")
    from dataclasses import replace

    from dashboard.data.facts import Citation

    bad = replace(
        fb,
        facts=(
            replace(
                fb.facts[0], citation=Citation("seed_000", "§ x", ("Zoetermeer betaalt alles.",))
            ),
        ),
    )
    assert len(verify_quotes(bad, SEEDS)) == 1


@pytest.mark.parametrize(
    ("region", "name", "source"),
    [
        ("AM34", "Zoetermeer", "seed_000"),
        ("AM19", "Leiden", "seed_000"),
        ("AM37", "Haarlem", "seed_003"),
        ("AM01", None, None),
        ("AM18", None, None),
        ("am34", "Zoetermeer", "seed_000"),
    ],
)
def test_centrumgemeente(fb, region, name, source):
    assert centrumgemeente(region, fb) == (name, source)


def test_centrumgemeente_label_for_unknown_region(fb):
    assert centrumgemeente_label("AM05", fb) == "niet vastgelegd"
    assert "niet vastgelegd" in NIET_VASTGELEGD


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        (
            "AM34",
            {
                "Lansingerland",
                "Leidschendam-Voorburg",
                "Pijnacker-Nootdorp",
                "Voorschoten",
                "Wassenaar",
                "Zoetermeer",
            },
        ),
        (
            "AM19",
            {
                "Alphen aan den Rijn",
                "Hillegom",
                "Kaag en Braassem",
                "Katwijk",
                "Leiden",
                "Leiderdorp",
                "Lisse",
                "Nieuwkoop",
                "Noordwijk",
                "Oegstgeest",
                "Teylingen",
                "Zoeterwoude",
            },
        ),
    ],
)
def test_seed_composition(fb, region, expected):
    """seed 000, § 'Algemeen' and § 'Samenstelling mogelijke toekomstige arbeidsmarktregio'."""
    assert {m.gemeente_naam for m in fb.seed_members(region)} == expected


def test_regio_b_is_named_regio_a_is_derived(fb):
    """seed 000 names regio B (LV, Voorschoten, Wassenaar); regio A's members are only implied."""
    members = fb.seed_members("AM34")
    b = {m.gemeente_naam for m in members if m.subregio == "regio B"}
    assert b == {"Leidschendam-Voorburg", "Voorschoten", "Wassenaar"}
    assert all(not m.subregio_afgeleid for m in members if m.subregio == "regio B")
    assert all(m.subregio_afgeleid for m in members if m.subregio == "regio A")


def test_kennemerland_2013_has_nine_gemeenten_one_without_2025_code(fb):
    """seed 003 § 5: 'negen gemeenten'; Haarlemmerliede en Spaarnwoude has no 2025 code."""
    members = fb.seed_members("AM37")
    assert len(members) == 9
    assert [m.gemeente_naam for m in members if not m.gemeente_code] == [
        "Haarlemmerliede en Spaarnwoude"
    ]


def test_composition_codes_match_the_cbs_2025_names(fb, cbs_dir):
    import csv

    with (cbs_dir / "gemeente_arbeidsmarktregio_2025.csv").open(encoding="utf-8") as handle:
        names = {r["gemeente_code"]: r["gemeente_naam"] for r in csv.DictReader(handle)}
    for m in fb.composition:
        if m.gemeente_code:
            assert names[m.gemeente_code] == m.gemeente_naam


def test_amounts_from_seed_000(fb):
    """seed 000 § 'Wat zijn de activiteiten?' and § 'Wat zijn de kosten?'."""
    by_id = {a.id: a for a in fb.amounts}
    assert by_id["pow_regio_b_totaal"].amount_eur == 275_213
    assert by_id["pow_leidschendam_voorburg"].amount_eur == 187_738
    assert by_id["pow_wassenaar"].amount_eur == 65_340
    assert by_id["pow_voorschoten"].amount_eur == 22_136
    assert by_id["pow_regionaal"].amount_eur == 2_000_000
    assert by_id["bijdrage_voorschoten_2020"].amount_eur == 15_000
    assert by_id["bijdrage_voorschoten_2020"].approx
    # The three budgets add up to 275.214, one euro more than the memo's total: kept as printed.
    parts = sum(
        by_id[i].amount_eur
        for i in ("pow_leidschendam_voorburg", "pow_wassenaar", "pow_voorschoten")
    )
    assert parts - by_id["pow_regio_b_totaal"].amount_eur == 1


def test_procedure_steps_in_order(fb):
    ids = [s.id for s in fb.steps]
    assert ids == [
        "hoofdenoverleg",
        "bestuurlijk_overleg",
        "regionale_werkbedrijven",
        "uwv_informeert",
        "wijzigingsverzoek",
        "vng",
        "besluit_werkgebieden",
        "collegebesluit",
    ]
    assert "4 van de 7" in fb.steps[1].rule
    assert "3 van de 5" in fb.steps[0].rule


def test_variant_assumptions_point_at_known_variants(fb):
    from dashboard.mcda.criteria import load_matrix

    variants = set(load_matrix().variant_ids)
    assert {v.region for v in fb.variant_assumptions} == {"AM34", "AM19", "AM37"}
    for v in fb.variant_assumptions:
        assert v.variant in variants
        assert v.variant_citation.source == "seed_004"


def _copy_regions(tmp_path: Path) -> Path:
    target = tmp_path / "regions"
    target.mkdir()
    for path in REGIONS.iterdir():
        if path.is_file():
            (target / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def test_unknown_source_id_is_refused(tmp_path):
    folder = _copy_regions(tmp_path)
    data = yaml.safe_load((folder / "facts.yaml").read_text(encoding="utf-8"))
    data["facts"][0]["source"] = "seed_999"
    (folder / "facts.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataMissingError, match="seed_999"):
        load_facts(folder)


def test_fact_without_quote_from_a_seed_is_refused(tmp_path):
    folder = _copy_regions(tmp_path)
    data = yaml.safe_load((folder / "facts.yaml").read_text(encoding="utf-8"))
    data["facts"][0]["quote"] = ""
    (folder / "facts.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataMissingError, match="citaat"):
        load_facts(folder)


def test_missing_folder_names_the_file(tmp_path):
    with pytest.raises(DataMissingError, match=r"facts\.yaml"):
        load_facts(tmp_path / "nergens")


def test_context_notes_from_the_seeds(fb):
    """What the sources say beyond the region facts: shown on Overstap, beside the cost model
    and on Varianten; quotes are checked with the others (verify_quotes)."""
    overstap = {n.id for n in fb.context_for("overstap", ("AM34", "AM19"))}
    assert {"human_capital_agenda", "perspectief_op_werk_regio_b", "incidenteel_tot_2023"} <= (
        overstap
    )
    assert [n.id for n in fb.context_for("kosten", ("AM34", "AM19"))] == ["convenant_geen_bijdrage"]
    assert fb.context_for("kosten", ("AM34", "AM01")) == ()
    sections = {n.citation.section.split(" ")[0] for n in fb.context_for("varianten")}
    assert {"§", "Bijlage"} <= sections
    assert {n.citation.source for n in fb.context_for("varianten")} == {"seed_004"}


def test_college_power_and_open_questions_in_the_route(fb):
    step = next(s for s in fb.steps if s.id == "collegebesluit")
    assert "artikel 160" in step.rule and "raadsinformatiebrief" in step.result
    assert step.citation.source == "seed_001"
    ids = {c.id for c in fb.consequences if c.kind == "open_vraag"}
    assert {"subregio_holland_rijnland", "stemregels_verouderd"} <= ids


def test_fixed_section_references(fb):
    """The naar-rato quote pair spans two parts of seed 003; the website line is in seed 000's
    section on the werkgeversservicepunt."""
    assert "2. Besluitpunten college" in fb.fact("am37_kosten_naar_rato").citation.section
    assert "Werkgeversservicepunt voor arbeidsmarktregio" in (
        fb.fact("am34_wsp_een").citation.section
    )
