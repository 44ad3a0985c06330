"""The one owner of session state and URL state.

Keys, defaults and validation live here; pages call these functions instead of touching
``st.session_state`` or ``st.query_params`` with their own keys.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import streamlit as st

from dashboard.core.errors import DashboardError, ValidationError
from dashboard.mcda.sampling import SamplingSettings
from dashboard.region.settings import CASE, OverstapSettings

if TYPE_CHECKING:
    from dashboard.mcda.scoring import DecisionProblem

# --- keys -----------------------------------------------------------------------------------
PROBLEM_KEY = "problem"  # the validated DecisionProblem (None: the defaults)
OVERSTAP_KEY = "overstap"  # dict, see DEFAULT_OVERSTAP
COMPARE_KEY = "compare_regions"  # [code_a, code_b]
YEAR_KEY = "data_year"
NOTICES_KEY = "notices"  # Dutch messages to show once (e.g. ignored URL parameters)

DEFAULT_OVERSTAP: dict[str, Any] = OverstapSettings().as_dict()
DEFAULT_COMPARE = list(CASE.regions)


def _init() -> None:
    ss = st.session_state
    ss.setdefault(PROBLEM_KEY, None)
    ss.setdefault(OVERSTAP_KEY, copy.deepcopy(DEFAULT_OVERSTAP))
    ss.setdefault(COMPARE_KEY, list(DEFAULT_COMPARE))
    ss.setdefault(NOTICES_KEY, [])


# --- scoring problem -----------------------------------------------------------------------
# The session holds the validated problem itself (None until the weighting is first changed or
# asked for: a first look needs no numpy). Every change goes through edit_problem.
def current_problem() -> DecisionProblem:
    """The validated weighting, scale and own ratings of this session."""
    _init()
    problem = st.session_state[PROBLEM_KEY]
    if problem is None:
        from dashboard.mcda.scoring import default_problem  # numpy: not needed for a first look

        problem = st.session_state[PROBLEM_KEY] = default_problem()
    return problem


def edit_problem(change: Callable[[DecisionProblem], DecisionProblem]) -> DecisionProblem:
    """The one way the weighting changes: ``change`` gets the current problem and returns the
    new one (validated when it is built). On a :class:`DashboardError` nothing is stored."""
    problem = change(current_problem())
    st.session_state[PROBLEM_KEY] = problem
    return problem


def set_problem_config(config: Mapping[str, Any]) -> DecisionProblem:
    """Take a weights-file mapping (a scenario, a share link); raises :class:`DashboardError`
    and keeps the current weighting when it is not valid."""
    from dashboard.mcda.scoring import problem_from_mapping

    return edit_problem(lambda _current: problem_from_mapping(config))


def problem_config() -> dict[str, Any]:
    """The current weighting as a weights-file mapping (for a scenario file or a share link)."""
    from dashboard.mcda.scoring import problem_to_mapping

    return problem_to_mapping(current_problem())


# --- overstap and comparison -----------------------------------------------------------------
def overstap() -> OverstapSettings:
    """The overstap settings of this session, validated on read: an invalid part is reset to
    its default with a notice."""
    _init()
    settings, notices = OverstapSettings.from_mapping(st.session_state[OVERSTAP_KEY])
    if notices:
        add_notice(
            "Bewaarde overstapinstellingen waren ongeldig en zijn teruggezet: "
            + "; ".join(notices)
            + "."
        )
        st.session_state[OVERSTAP_KEY] = settings.as_dict()
    return settings


def overstap_settings() -> dict[str, Any]:
    """:func:`overstap` as a plain mapping (the keys of the scenario file's ``overstap``)."""
    return overstap().as_dict()


def set_overstap_settings(settings: dict[str, Any]) -> list[str]:
    """Merge ``settings`` over the defaults and store what is valid; returns Dutch notices for
    the parts that were not (those keep their default)."""
    _init()
    merged = copy.deepcopy(DEFAULT_OVERSTAP)
    merged.update(settings)
    checked, notices = OverstapSettings.from_mapping(merged)
    st.session_state[OVERSTAP_KEY] = checked.as_dict()
    return notices


def compare_regions() -> list[str]:
    _init()
    return list(st.session_state[COMPARE_KEY])


def set_compare_regions(codes: list[str]) -> None:
    _init()
    st.session_state[COMPARE_KEY] = list(codes)


# --- notices ----------------------------------------------------------------------------------
def add_notice(message: str) -> None:
    """Queue a plain-text message (never Markdown: it is escaped when shown)."""
    _init()
    st.session_state[NOTICES_KEY].append(message)


def pop_notices() -> list[str]:
    """The queued messages, each once, in order (linear: a link may produce many)."""
    _init()
    notices = list(dict.fromkeys(st.session_state[NOTICES_KEY]))
    st.session_state[NOTICES_KEY] = []
    return notices


# --- share links ----------------------------------------------------------------------------------
SHARE_APPLIED_KEY = "share_link_applied"


def apply_query_params() -> bool:
    """Once per session, before the page runs: take the view from a share link in the URL.

    Invalid parts of the link are ignored; each gives a Dutch notice. Without share
    parameters nothing changes. Returns True in the session's first run (link or not).
    """
    _init()
    if st.session_state.get(SHARE_APPLIED_KEY):
        return False
    st.session_state[SHARE_APPLIED_KEY] = True
    if st.query_params:  # a plain visit need not load the share-link code (and scenario store)
        _apply_share_link()
    return True


def _apply_share_link() -> None:
    from dashboard.scenarios.sharelink import decode

    try:
        view = decode(st.query_params.to_dict())
    except DashboardError as err:
        add_notice(f"De gedeelde link kon niet worden gelezen: {err}")
        return
    if not view.present:
        return
    # the confirmation first: a link with many bad parts must not push it out of sight; it
    # says "de geldige" when parts were ignored, and nothing is claimed when none was valid
    if not view.taken:
        add_notice("Uit de link (het webadres) is niets overgenomen.")
    elif view.notices:
        add_notice("De geldige instellingen uit de link (het webadres) zijn overgenomen.")
    else:
        add_notice("De instellingen uit de link (het webadres) zijn overgenomen.")
    try:
        set_problem_config(view.problem_config)
    except DashboardError as err:
        add_notice(f"De weging uit de gedeelde link is genegeerd: {err}")
    for message in view.notices:
        add_notice(message)
    set_overstap_settings(view.overstap)


def share_url_params() -> dict[str, str]:
    """Query parameters that reopen the current weighting and overstap settings."""
    from dashboard.scenarios.sharelink import encode

    return encode(problem_config(), overstap_settings(), DEFAULT_OVERSTAP)


def _own_param(name: str) -> bool:
    from dashboard.scenarios.sharelink import PARAMS, REASON_PREFIX

    return name in PARAMS or name.startswith(REASON_PREFIX)


def sync_url() -> None:
    """Keep the address bar in step with the current view (the share-link parameters).

    Called at the end of every run (and of fragment runs that change the weighting), so a
    reload, a bookmark or a copied address reopens the same weighting, scale, own ratings and
    overstap settings. Only this module's parameters are touched; a default view has none.
    """
    _init()
    if not st.session_state.get(SHARE_APPLIED_KEY):
        return  # the address has not been read yet: writing now would overwrite a shared link
    try:
        wanted = share_url_params()
    except DashboardError:
        return  # the stored view is being repaired (a notice says so); the next run writes it
    current = {k: v for k, v in st.query_params.to_dict().items() if _own_param(k)}
    if current == wanted:
        return
    for name in current:
        if name not in wanted:
            del st.query_params[name]
    for name, value in wanted.items():
        if current.get(name) != value:
            st.query_params[name] = value


#: What :func:`reset_all` returns to the defaults, as the button and its notice say it.
RESET_SCOPE = (
    "de weging (gewichten van perspectieven en criteria), de schaal, alle eigen oordelen met "
    "hun redenen, en de overstap (gemeente, regio, budgetten, verdeelsleutel, frictiekosten en "
    "gekozen varianten)"
)
#: Widget keys that hold a copy of the settings above; dropped so they are filled afresh.
_SETTING_WIDGET_PREFIXES = ("var_", "overstap_")
RESET_DONE_KEY = "reset_done"


def reset_all() -> None:
    """Everything a scenario holds back to the defaults (a button callback)."""
    _init()
    ss = st.session_state
    ss[PROBLEM_KEY] = None
    ss[OVERSTAP_KEY] = copy.deepcopy(DEFAULT_OVERSTAP)
    for key in list(ss.keys()):
        if isinstance(key, str) and key.startswith(_SETTING_WIDGET_PREFIXES):
            del ss[key]
    ss[RESET_DONE_KEY] = True
    add_notice(f"Alles staat weer op de standaard: {RESET_SCOPE}.")


def reset_was_requested() -> bool:
    """True once after :func:`reset_all`: a fragment that ran the reset reruns the whole app."""
    return bool(st.session_state.pop(RESET_DONE_KEY, False))


def share_url() -> str:
    """The full share link (this server's address plus :func:`share_url_params`)."""
    from dashboard.scenarios.sharelink import query_string

    base = ""
    try:
        base = (st.context.url or "").split("?", 1)[0]
    except Exception:  # no browser context (tests, bare mode): a relative link still works
        base = ""
    return base + query_string(share_url_params())


# --- robustness sampling settings ------------------------------------------------------------
ROBUSTNESS_KEY = "robustness_settings"
#: The same defaults as the CLI and the report.
DEFAULT_ROBUSTNESS: dict[str, Any] = SamplingSettings().as_dict()


def robustness_settings(problem: DecisionProblem) -> SamplingSettings:
    """The SMAA settings of this session, validated on read: invalid stored settings are reset
    to the defaults with a notice."""
    _init()
    stored = st.session_state.get(ROBUSTNESS_KEY, {})
    settings, notices = SamplingSettings.from_mapping(stored, problem.matrix.group_ids)
    if notices:
        add_notice(
            f"De bewaarde instellingen van de steekproef waren ongeldig ({notices[0]}) en zijn "
            "teruggezet."
        )
        settings = SamplingSettings()
        st.session_state[ROBUSTNESS_KEY] = settings.as_dict()
    return settings


def set_robustness_settings(settings: dict[str, Any], problem: DecisionProblem) -> SamplingSettings:
    """Validate and store; raises :class:`ValidationError` (and keeps the old settings) when a
    part is invalid."""
    _init()
    checked, notices = SamplingSettings.from_mapping(settings, problem.matrix.group_ids)
    if notices:
        raise ValidationError(notices[0])
    st.session_state[ROBUSTNESS_KEY] = checked.as_dict()
    return checked
