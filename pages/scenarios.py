"""Scenario's: save, open, rename, duplicate, delete, compare and share weightings.

Wiring only: the store, comparison, share link and file format live in ``dashboard.scenarios``.
User text (names, authors, notes) is shown through ``escape_markdown()`` or ``st.dataframe``
(plain text), never as markup. When the database is unusable, the page says so and the rest
keeps working.
Widget keys start with ``scn_``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import streamlit as st

from dashboard.core.config import DEFAULT_YEAR
from dashboard.core.errors import (
    DashboardError,
    ScenarioChangedError,
    StorageError,
    ValidationError,
)
from dashboard.core.limits import FILE
from dashboard.core.markup import escape_markdown
from dashboard.core.usertext import name_key
from dashboard.mcda.criteria import load_matrix
from dashboard.presentation.narrative.scenarios import (
    NO_OWN_RATINGS_IN_EITHER,
    SAME_WEIGHTS,
    comparison_summary,
    group_summary,
)
from dashboard.presentation.scenario_display import (
    config_summary,
    file_slug,
    formatted,
    scenario_table,
)
from dashboard.scenarios import Scenario, ScenarioExistsError, ScenarioStore
from dashboard.scenarios.compare import compare, group_weighting
from dashboard.scenarios.model import MAX_AUTHOR, MAX_NAME, MAX_NOTE
from dashboard.scenarios.schema import scenario_from_json, scenario_to_json
from dashboard.scenarios.tables import CSV_MIME, EXCEL_MIME, to_csv_bytes, to_excel_bytes
from dashboard.ui.cache import scenario_store
from dashboard.ui.choices import choice
from dashboard.ui.layout import page_guard, source_caption
from dashboard.ui.state import (
    add_notice,
    overstap_settings,
    problem_config,
    set_overstap_settings,
    set_problem_config,
    share_url,
)

page_guard()

#: {"key": name key, "revision": n} of the scenario the user asked to delete: the delete is
#: refused when someone saved it after that.
CONFIRM_DELETE = "scn_confirm_delete"
#: {"key": name key, "revision": n} of the scenario this session opened or last saved: a save
#: over that name must start from the revision the store still has.
BASED_ON = "scn_based_on"
#: A save refused because someone else saved first, kept so it can be stored as a copy.
PENDING_COPY = "scn_pending_copy"
#: An imported file refused because the scenario changed after the file was made: kept so it
#: can be stored as a copy or put back on purpose.
PENDING_IMPORT = "scn_pending_import"


def fail(err: DashboardError, prefix: str = "Dit lukt niet") -> None:
    st.error(f"{prefix}: {escape_markdown(err)}", icon=":material/error:")


def attempt(action: Callable[[], Any], prefix: str = "Dit lukt niet") -> Any:
    """Run a store action; a Dutch error on failure (returns None), nothing else."""
    try:
        return action()
    except DashboardError as err:
        fail(err, prefix)
        return None


def downloads(tables: dict, stem: str, key: str) -> None:
    """CSV of the first table and Excel of all tables."""
    first_name, first = next(iter(tables.items()))
    c1, c2 = st.columns(2)
    c1.download_button(
        f"{first_name} als CSV",
        to_csv_bytes(first),
        file_name=f"{stem}.csv",
        mime=CSV_MIME,
        key=f"{key}_csv",
        icon=":material/download:",
    )
    c2.download_button(
        "Alle tabellen als Excel",
        to_excel_bytes(tables),
        file_name=f"{stem}.xlsx",
        mime=EXCEL_MIME,
        key=f"{key}_xlsx",
        icon=":material/download:",
    )


def remember_revision(scenario: Scenario) -> None:
    st.session_state[BASED_ON] = {"key": scenario.key, "revision": scenario.revision}


def expected_revision(name: str) -> int | None:
    """The revision this session's copy of ``name`` came from (None: not opened here)."""
    based_on = st.session_state.get(BASED_ON) or {}
    return based_on.get("revision") if based_on.get("key") == name_key(name) else None


def open_scenario(scenario: Scenario) -> None:
    remember_revision(scenario)
    set_problem_config(scenario.config())
    set_overstap_settings(scenario.overstap_settings())
    add_notice(
        f"Scenario ‘{scenario.name}’ is geopend: de weging en de overstapinstellingen "
        "gelden nu op alle pagina's."
    )
    st.rerun()


# --- the store ----------------------------------------------------------------------------------
st.title("Scenario's")
st.write(
    "Bewaar een weging als scenario en open het later weer, vergelijk de weging van twee "
    "wethouders of partijen, combineer de wegingen van een groep, en deel een link die precies "
    "deze weergave opent."
)

store: ScenarioStore | None
try:
    store = scenario_store()
except StorageError as err:
    store = None
    fail(err, "De scenario's kunnen nu niet worden bewaard of geopend")
    st.info(
        "De rest van het dashboard werkt gewoon en uw huidige weging blijft staan. Hieronder "
        "kunt u nog wel een deellink maken en een scenariobestand controleren en openen.",
        icon=":material/info:",
    )

listing = (
    attempt(store.list_checked, "De lijst met scenario's kan niet worden gelezen")
    if store
    else None
)
infos, damaged = listing or ([], [])
for problem in damaged[:3]:
    st.warning(escape_markdown(problem[:1].upper() + problem[1:]), icon=":material/warning:")
if len(damaged) > 3:
    st.warning(f"… en nog {len(damaged) - 3} beschadigde scenario's.", icon=":material/warning:")
names = [i.name for i in infos]


def load(name: str) -> Scenario | None:
    return (
        attempt(lambda: store.get(name), "Dit scenario kan niet worden geopend") if store else None
    )


tab_save, tab_compare, tab_group, tab_share, tab_files = st.tabs(
    ["Opslaan en openen", "Twee vergelijken", "Groepsweging", "Link delen", "Bestanden"],
    key="scn_tabs",  # a stable key keeps the open tab when elements above it come and go
)

# --- save and open ------------------------------------------------------------------------------
with tab_save:
    st.subheader("Huidige weging opslaan")
    st.caption(config_summary(problem_config()))
    with st.form("scn_save_form"):
        name = st.text_input("Naam van het scenario", max_chars=MAX_NAME, key="scn_name")
        author = st.text_input(
            "Auteur (bijvoorbeeld een wethouder of een partij)",
            max_chars=MAX_AUTHOR,
            key="scn_author",
        )
        note = st.text_area("Toelichting", max_chars=MAX_NOTE, key="scn_note")
        overwrite = st.checkbox(
            "Een bestaand scenario met deze naam overschrijven", key="scn_overwrite"
        )
        submitted = st.form_submit_button(
            "Opslaan", type="primary", disabled=store is None, icon=":material/save:"
        )
    if submitted and store is not None:
        st.session_state.pop(PENDING_COPY, None)
        try:
            to_save = Scenario(
                name,
                problem_config(),
                overstap_settings(),
                author=author,
                note=note,
                data_year=DEFAULT_YEAR,
            )
            saved = store.save(
                to_save, replace=overwrite, expected_revision=expected_revision(to_save.name)
            )
        except ScenarioExistsError as err:
            fail(err, "Niet opgeslagen")
            st.caption("Kies een andere naam, of vink ‘overschrijven’ aan.")
        except ScenarioChangedError:
            st.session_state[PENDING_COPY] = to_save
        except DashboardError as err:
            fail(err, "Niet opgeslagen")
        else:
            remember_revision(saved)
            add_notice(f"Scenario ‘{saved.name}’ is opgeslagen.")
            st.rerun()
    pending: Scenario | None = st.session_state.get(PENDING_COPY)
    if pending is not None and store is not None:
        copy_store, to_copy = store, pending
        try:
            newer = store.get(pending.name).revision
        except DashboardError:
            newer = None
        st.error(
            f"Niet opgeslagen: ‘{escape_markdown(pending.name)}’ is intussen door iemand anders "
            f"opgeslagen{f' (nu versie {newer})' if newer else ''}. Uw weging is niet verloren: "
            "bewaar haar als kopie, of open eerst de nieuwe versie.",
            icon=":material/error:",
        )
        if st.button("Als kopie opslaan", type="primary", key="scn_save_copy"):
            copy = attempt(lambda: copy_store.save_copy(to_copy), "Niet opgeslagen")
            if copy is not None:
                st.session_state.pop(PENDING_COPY, None)
                remember_revision(copy)
                add_notice(f"Uw weging is opgeslagen als kopie ‘{copy.name}’.")
                st.rerun()

    st.subheader("Opgeslagen scenario's")
    if store is not None and not infos:
        st.info("Er zijn nog geen scenario's opgeslagen.", icon=":material/info:")
    if infos:
        table = scenario_table(infos)
        st.dataframe(table, hide_index=True)
        st.caption("Bron: eigen invoer van gebruikers van dit dashboard (opgeslagen scenario's).")
        downloads({"Scenario's": table}, "scenarios", "scn_list")

        chosen = choice(
            st, "Kies een scenario", names, key="scn_chosen", default=names[0], placeholder="Kies…"
        )
        current = load(chosen) if chosen else None
        if current is not None and store is not None:
            author_text = escape_markdown(current.author) or "niet ingevuld"
            st.markdown(
                f"**{escape_markdown(current.name)}** · auteur: {author_text} · "
                f"gegevensjaar: {current.data_year or 'onbekend'}"
            )
            if current.note:
                st.markdown(escape_markdown(current.note))
            st.caption(config_summary(current.config()))
            if st.button("Dit scenario openen", type="primary", key="scn_open"):
                open_scenario(current)

            c1, c2 = st.columns(2)
            with c1:
                new_name = st.text_input("Nieuwe naam", max_chars=MAX_NAME, key="scn_rename")
                if st.button("Hernoemen", key="scn_rename_go") and attempt(
                    partial(store.rename, current.name, new_name), "Niet hernoemd"
                ):
                    add_notice(f"Scenario hernoemd naar ‘{new_name.strip()}’.")
                    st.rerun()
            with c2:
                copy_name = st.text_input("Naam van de kopie", max_chars=MAX_NAME, key="scn_copy")
                if st.button("Dupliceren", key="scn_copy_go") and attempt(
                    partial(store.duplicate, current.name, copy_name), "Niet gedupliceerd"
                ):
                    add_notice(f"Kopie ‘{copy_name.strip()}’ gemaakt.")
                    st.rerun()

            if st.button("Verwijderen …", key="scn_delete", icon=":material/delete:"):
                st.session_state[CONFIRM_DELETE] = {
                    "key": current.key,
                    "revision": current.revision,
                }
            confirm = st.session_state.get(CONFIRM_DELETE) or {}
            if confirm.get("key") == current.key:
                st.warning(
                    f"Weet u zeker dat u ‘{escape_markdown(current.name)}’ (versie "
                    f"{confirm.get('revision')}) wilt verwijderen? Dit kan niet ongedaan worden "
                    "gemaakt.",
                    icon=":material/warning:",
                )
                y, n = st.columns(2)
                if y.button("Ja, verwijderen", type="primary", key="scn_delete_yes"):
                    st.session_state.pop(CONFIRM_DELETE, None)
                    # only the version the user chose: a newer one from a colleague stays
                    delete = partial(
                        store.delete, current.name, expected_revision=confirm.get("revision")
                    )
                    if attempt(lambda: delete() or True, "Niet verwijderd"):
                        add_notice(f"Scenario ‘{current.name}’ is verwijderd.")
                        st.rerun()
                if n.button("Annuleren", key="scn_delete_no"):
                    st.session_state.pop(CONFIRM_DELETE, None)
                    st.rerun()

# --- compare two --------------------------------------------------------------------------------
with tab_compare:
    st.subheader("Twee scenario's naast elkaar")
    if len(names) < 2:
        st.info("Sla minstens twee scenario's op om ze te vergelijken.", icon=":material/info:")
    else:
        c1, c2 = st.columns(2)
        name_a = choice(
            c1, "Scenario A", names, key="scn_cmp_a", default=names[0], placeholder="Kies…"
        )
        name_b = choice(
            c2, "Scenario B", names, key="scn_cmp_b", default=names[1], placeholder="Kies…"
        )
        a, b = load(name_a), load(name_b)
        if name_a == name_b:
            st.info("Kies twee verschillende scenario's.", icon=":material/info:")
        elif a is not None and b is not None:
            result = attempt(partial(compare, a, b), "Vergelijken lukt niet")
            if result is not None:
                st.markdown(escape_markdown(comparison_summary(result)))
                tables = result.tables()
                st.markdown("**Uitkomst per variant** (score en rang; 1 is het hoogst)")
                st.dataframe(formatted(tables["Uitkomst"], 2), hide_index=True, width="stretch")
                changed = {r.id for r in result.changed_weights()}
                st.markdown(
                    "**Gewichten** (aandeel in het totale gewicht, in procenten)"
                    if changed
                    else f"**Gewichten**: {SAME_WEIGHTS}"
                )
                weights = tables["Gewichten"]
                if changed and not st.toggle("Ook gelijke gewichten tonen", key="scn_cmp_all"):
                    weights = weights[weights["Code"].isin(changed)]
                if changed:
                    # names, not the internal codes (the downloads keep the codes for analysts)
                    st.dataframe(
                        formatted(weights.drop(columns=["Code"]), 1),
                        hide_index=True,
                        width="stretch",
                    )
                if tables["Oordelen"].empty:
                    st.markdown(f"**Oordelen**: {NO_OWN_RATINGS_IN_EITHER}")
                else:
                    st.markdown("**Eigen oordelen** (afwijkingen van de handreiking)")
                    variant_names = {v.id: v.name for v in load_matrix().variants}
                    st.dataframe(
                        tables["Oordelen"]
                        .drop(columns=["Criterium"])
                        .assign(Variant=lambda t: t["Variant"].map(variant_names)),
                        hide_index=True,
                        width="stretch",
                    )
                st.markdown("**Schaal** (waarde per oordeel)")
                st.dataframe(formatted(tables["Schaal"], 1), hide_index=True, width="stretch")
                source_caption(
                    "seed_004", extra="Gewichten, schaal en eigen oordelen: de twee scenario's."
                )
                downloads(
                    tables, f"vergelijking-{file_slug(name_a)}-{file_slug(name_b)}", "scn_cmp"
                )

# --- group weighting ----------------------------------------------------------------------------
with tab_group:
    st.subheader("Groepsweging")
    st.write(
        "Laat iedere wethouder of partij een eigen weging opslaan als scenario. Hier ziet u ieders "
        "rangorde, de gemiddelde weging en waar de wegingen het verst uiteenlopen."
    )
    if len(names) < 2:
        st.info("Sla minstens twee scenario's op voor een groepsweging.", icon=":material/info:")
    else:
        members = st.multiselect(
            "Scenario's van de deelnemers (minstens twee)",
            names,
            default=names[: min(3, len(names))],
            key="scn_group",
            placeholder="Kies de scenario's",
        )
        loaded = [s for s in (load(n) for n in members) if s is not None]
        if len(loaded) < 2:
            st.info("Kies minstens twee scenario's.", icon=":material/info:")
        else:
            group = attempt(lambda: group_weighting(loaded), "De groepsweging lukt niet")
            if group is not None:
                for sentence in group_summary(group):
                    st.markdown(escape_markdown(sentence))
                tables = group.tables()
                st.markdown("**Rangorde per deelnemer en met de gemiddelde weging**")
                st.dataframe(formatted(tables["Rangorde"], 1), hide_index=True)
                st.markdown(
                    "**Waar de wegingen uiteenlopen** (aandeel in het totale gewicht, in "
                    "procenten; grootste verschil eerst)"
                )
                st.dataframe(formatted(tables["Onenigheid"], 1), hide_index=True)
                source_caption("seed_004", extra="Gewichten: de scenario's van de deelnemers.")
                downloads(tables, "groepsweging", "scn_group_dl")
                if st.button("De gemiddelde weging gebruiken", key="scn_group_use"):
                    set_problem_config(group.mean_config)
                    add_notice(
                        "De gemiddelde weging van de groep geldt nu op alle pagina's. Sla haar "
                        "op als scenario om haar te bewaren."
                    )
                    st.rerun()

# --- share link ---------------------------------------------------------------------------------
with tab_share:
    st.subheader("Link naar deze weergave")
    st.write(
        "Wie deze link opent, ziet het dashboard met precies uw huidige weging, schaal, eigen "
        "oordelen (met hun toelichting) en overstapinstellingen. Namen en toelichtingen van "
        "scenario's staan er niet in."
    )
    st.code(share_url(), language=None, wrap_lines=True)
    st.caption("Kopieer de link met het knopje rechtsboven in het vak.")

# --- files --------------------------------------------------------------------------------------
with tab_files:
    st.subheader("Scenario als bestand bewaren")
    if names:
        pick = choice(
            st, "Scenario", names, key="scn_export", default=names[0], placeholder="Kies…"
        )
        chosen_scenario = load(pick)
        if chosen_scenario is not None:
            st.download_button(
                "JSON-bestand downloaden",
                scenario_to_json(chosen_scenario),
                file_name=f"scenario-{file_slug(chosen_scenario.name)}.json",
                mime="application/json",
                key="scn_export_go",
                icon=":material/download:",
            )
    else:
        st.caption("Er is nog geen opgeslagen scenario om te downloaden.")

    st.subheader("Scenariobestand inlezen")
    upload = st.file_uploader(
        f"Kies een scenariobestand (.json, {FILE.allowed()})",
        type=["json"],
        # No per-widget limit: up to the server's 10 MB a file reaches this page, which refuses
        # anything over 1 MB with a Dutch message (Streamlit's own refusal is English).
        key="scn_upload",
    )
    if upload is not None:
        imported: Scenario | None = None
        try:
            FILE.check_size(upload.size, "Het bestand")  # starts a sentence
            imported = scenario_from_json(upload.getvalue())
        except ValidationError as err:
            st.error(
                f"Dit bestand is niet ingelezen; er is niets veranderd. {escape_markdown(err)}",
                icon=":material/error:",
            )
        if imported is not None:
            st.success(
                f"Het bestand is in orde: scenario ‘{escape_markdown(imported.name)}’.",
                icon=":material/check:",
            )
            st.caption(config_summary(imported.config()))
            replace = st.checkbox(
                "Een bestaand scenario met deze naam vervangen", key="scn_import_replace"
            )
            c1, c2 = st.columns(2)
            if (
                c1.button(
                    "Opslaan bij de scenario's", disabled=store is None, key="scn_import_save"
                )
                and store is not None
            ):
                st.session_state.pop(PENDING_IMPORT, None)
                try:
                    store.import_scenario(imported, replace=replace)
                except ScenarioChangedError as err:
                    st.session_state[PENDING_IMPORT] = {
                        "key": imported.key,
                        "revision": imported.revision,
                        "message": str(err),
                    }
                except DashboardError as err:
                    fail(err, "Niet opgeslagen")
                else:
                    add_notice(f"Scenario ‘{imported.name}’ is ingelezen en opgeslagen.")
                    st.rerun()
            if c2.button("Alleen openen (niet opslaan)", key="scn_import_open"):
                open_scenario(imported)
            conflict = st.session_state.get(PENDING_IMPORT) or {}
            if (
                store is not None
                and conflict.get("key") == imported.key
                and conflict.get("revision") == imported.revision
            ):
                import_store, to_import = store, imported
                st.error(
                    f"Niet opgeslagen: {escape_markdown(conflict['message'])} Bewaar het bestand "
                    "als kopie naast de huidige versie, of zet deze versie terug: dan blijft de "
                    "huidige versie als kopie bewaard.",
                    icon=":material/error:",
                )
                k1, k2 = st.columns(2)
                as_copy = k1.button("Als kopie opslaan", type="primary", key="scn_import_copy")
                restore = k2.button("Deze versie terugzetten", key="scn_import_restore")
                if as_copy or restore:
                    result = attempt(
                        partial(
                            import_store.import_scenario,
                            to_import,
                            replace=True,
                            as_copy=as_copy,
                            restore=restore,
                        ),
                        "Niet opgeslagen",
                    )
                    if result is not None:
                        st.session_state.pop(PENDING_IMPORT, None)
                        if result.kept:
                            add_notice(
                                f"Scenario ‘{result.scenario.name}’ is teruggezet; de versie "
                                f"die er stond is bewaard als ‘{result.kept}’."
                            )
                        else:
                            add_notice(
                                f"Het bestand is opgeslagen als kopie ‘{result.scenario.name}’."
                            )
                        st.rerun()
