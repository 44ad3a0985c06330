"""Hostile input through the real UI and the real server.

- a scenario named ``<script>alert(1)</script>`` and HTML in its note are shown as text, and no
  JavaScript dialog fires;
- an oversized (> 1 MB) or malformed upload is refused with a Dutch message;
- region and gemeente names from a data folder read literally on Kaart, Regio's and Overstap at desk
  and phone width, and make the browser contact nobody;
- XSRF protection stays on: in ``.streamlit/config.toml`` and at the server's upload endpoint.
"""

from __future__ import annotations

import re
import tomllib
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from support.browser import (
    choose,
    open_page,
    open_tab,
    reveal_all,
    screenshot,
    wait_idle,
    watch,
)
from support.server import PROJECT_ROOT

pytestmark = pytest.mark.e2e


def _request(url: str, method: str, headers: dict[str, str] | None = None) -> int:
    req = urllib.request.Request(url, data=b"x" * 16, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return int(resp.status)
    except urllib.error.HTTPError as err:
        return int(err.code)


def test_xsrf_protection_is_configured_on() -> None:
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    server = config.get("server", {})
    assert server.get("enableXsrfProtection") is True, "server.enableXsrfProtection moet aan staan"
    # CORS off is what makes XSRF effective for the upload endpoint; it must not be switched off
    assert server.get("enableCORS", True) is True
    # the upload limit the scenario import promises (at most 1 MB) is enforced by the server too
    assert 0 < float(server.get("maxUploadSize", 200)) <= 10


def test_upload_endpoint_rejects_requests_without_xsrf_token(base_url: str) -> None:
    """The server refuses an upload that lacks the XSRF token (403), whatever the method."""
    url = f"{base_url}/_stcore/upload_file/some-session/some-file"
    assert _request(url, "PUT") == 403
    # a forged cookie without the matching header is refused as well
    assert _request(url, "PUT", {"Cookie": "_streamlit_xsrf=2|deadbeef|deadbeef|1"}) == 403
    # POST is not an upload method at all: never accepted
    assert _request(url, "POST") in (403, 405)


def test_upload_endpoint_rejects_browser_request_without_token(page, base_url: str) -> None:
    """Even with the browser's own XSRF cookie, a request without the header is refused."""
    open_page(page, base_url, "")
    cookies = {c["name"] for c in page.context.cookies()}
    assert "_streamlit_xsrf" in cookies, f"geen XSRF-cookie gezet: {cookies}"
    response = page.request.put(
        f"{base_url}/_stcore/upload_file/some-session/some-file",
        multipart={"file": {"name": "x.json", "mimeType": "application/json", "buffer": b"{}"}},
    )
    assert response.status == 403


SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'
MD_LINK = "[klik](javascript:alert(3))"


def _no_live_markup(page) -> None:
    """Nothing the user typed became live HTML: no injected elements, no javascript: links."""
    assert page.locator("main img[src='x'], [data-testid='stMain'] img[src='x']").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    scripts = page.evaluate(
        "() => Array.from(document.scripts).filter(s => s.textContent.includes('alert(')).length"
    )
    assert scripts == 0


def test_hostile_share_link_is_ignored_with_a_notice(page, page_watch, base_url: str) -> None:
    """A crafted share link: the bad parts are ignored with a Dutch notice, nothing runs."""
    from urllib.parse import urlencode

    query = urlencode({"gw": f"wg:{SCRIPT}", "og": IMG, "on": MD_LINK, "ok": SCRIPT})
    open_page(page, base_url, "varianten", query)
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "genegeerd" in text.lower() or "ongeldig" in text.lower(), text[:500]
    _no_live_markup(page)
    assert not page_watch.dialogs, page_watch.dialogs
    assert page.locator('[data-testid="stException"]').count() == 0


NOTE_HTML = f'{IMG}<b>vet</b> <a href="javascript:alert(4)">klik</a> {MD_LINK}'


def test_scenario_with_script_name_and_html_note_is_shown_as_text(
    page, page_watch, app_server
) -> None:  # type: ignore[no-untyped-def]
    open_page(page, app_server.url, "scenarios")
    page.get_by_label("Naam van het scenario").fill(SCRIPT)
    page.get_by_label("Toelichting").fill(NOTE_HTML)
    page.locator('[data-testid="stFormSubmitButton"] button').filter(has_text="Opslaan").click()
    wait_idle(page, after_action=True)
    expect(page.get_by_text("is opgeslagen").first).to_be_visible(timeout=30_000)
    choose(page, "Kies een scenario", SCRIPT)
    main = page.locator('[data-testid="stMain"]')
    # wait for the chosen scenario's details (the rerun may still be drawing them)
    expect(main).to_contain_text("<b>vet</b>", timeout=30_000)  # HTML in the note shown as text
    text = main.inner_text()
    assert SCRIPT in text, "de naam staat niet letterlijk als tekst op de pagina"
    assert main.locator("b", has_text="vet").count() == 0
    _no_live_markup(page)
    screenshot(page, "hostile-scenario")
    assert not page_watch.dialogs, page_watch.dialogs
    assert page.locator('[data-testid="stException"]').count() == 0


def _upload(page, name: str, data: bytes) -> None:  # type: ignore[no-untyped-def]
    open_tab(page, "Bestanden")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(
        files=[{"name": name, "mimeType": "application/json", "buffer": data}]
    )
    wait_idle(page, after_action=True)


DUTCH_REFUSAL = re.compile(r"niet ingelezen|te groot|ongeldig", re.I)


MALFORMED = {
    "afgebroken.json": b'{"name": "half',
    "geen-object.json": b"[1, 2, 3]",
    "diep-genest.json": b"[" * 5000 + b"]" * 5000,
    "onbekend-veld.json": b'{"schema": 1, "name": "x", "wachtwoord": "geheim"}',
}


def test_malformed_uploads_are_refused_in_dutch(page, page_watch, app_server) -> None:  # type: ignore[no-untyped-def]
    """One after another in the same page, as a user trying several files would."""
    open_page(page, app_server.url, "scenarios")
    for name, data in MALFORMED.items():
        _upload(page, name, data)
        error = page.locator('[data-testid="stAlertContentError"]').filter(has_text=DUTCH_REFUSAL)
        expect(error.first, name).to_be_visible(timeout=30_000)
        text = page.locator('[data-testid="stMain"]').inner_text()
        assert "Traceback" not in text, name
        assert "Het bestand is in orde" not in text, name
    assert not page_watch.dialogs


def test_oversized_upload_is_refused_in_dutch(page, app_server) -> None:  # type: ignore[no-untyped-def]
    """A 1.5 MB file: refused with a Dutch message, not Streamlit's English one."""
    open_page(page, app_server.url, "scenarios")
    big = b'{"name": "groot", "note": "' + b"x" * 1_500_000 + b'"}'
    _upload(page, "groot.json", big)
    main = page.locator('[data-testid="stMain"]')
    assert "or smaller" not in main.inner_text(), (
        "Streamlit weigert het bestand met zijn Engelse melding ('File must be 1.0MB or "
        "smaller'): server.maxUploadSize staat op 1 MB, zodat de Nederlandse controle van de "
        "pagina nooit aan bod komt"
    )
    error = page.locator('[data-testid="stAlertContentError"]').filter(has_text=DUTCH_REFUSAL)
    expect(error.first).to_be_visible(timeout=30_000)


def test_override_reason_from_a_link_is_shown_as_text(page, page_watch, base_url: str) -> None:  # type: ignore[no-untyped-def]
    """A rating override's reason travels in share links: markup in it stays text."""
    from urllib.parse import urlencode

    reason = f"{IMG} **vet** {MD_LINK} {SCRIPT}"
    open_page(page, base_url, "varianten", urlencode({"ov": "gu08.V3:n", "rd.gu08.V3": reason}))
    reveal_all(page)
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "overgenomen" in text, "de gedeelde link is niet toegepast"
    # the reason itself is drawn in a data grid (canvas): nothing of it can become markup
    _no_live_markup(page)
    assert page.locator('[data-testid="stMain"] strong', has_text="vet").count() == 0
    assert not page_watch.dialogs, page_watch.dialogs
    assert page.locator('[data-testid="stException"]').count() == 0


def _no_outside_links(page) -> None:  # type: ignore[no-untyped-def]
    main = page.locator('[data-testid="stMain"]')
    assert main.locator("a[href*='e.vil'], img[src*='e.vil']").count() == 0
    assert main.locator(".katex, [class*='colored'], span[style*='color']").count() == 0


def _literal(page) -> str:  # type: ignore[no-untyped-def]
    """The page text as a reader sees it (the escaper's invisible joiners removed)."""
    return page.locator('[data-testid="stMain"]').inner_text().replace("\u2060", "")


def test_image_in_a_share_link_makes_the_browser_contact_nobody(
    page, page_watch, base_url: str
) -> None:  # type: ignore[no-untyped-def]
    """``?gw=![a](//e.vil/p.png)`` once made Chromium fetch http://e.vil/p.png."""
    outside = page_watch.outside_requests
    open_page(page, base_url, "", "gw=!%5Ba%5D(%2F%2Fe.vil%2Fp.png)")
    assert "![a](//e.vil/p.png)" in _literal(page)  # the notice is drawn ...
    # ... and every picture on the page has loaded or failed: a request would have been made
    page.wait_for_function("() => [...document.images].every(i => i.complete)")
    assert outside == []
    _no_outside_links(page)


def test_link_in_a_share_link_parameter_name_is_no_link(page, page_watch, base_url: str) -> None:  # type: ignore[no-untyped-def]
    """``?rd.[klik](https://e.vil/)=1`` once showed a clickable outside link in the notice."""
    outside = page_watch.outside_requests
    open_page(page, base_url, "", "rd.%5Bklik%5D(https%3A%2F%2Fe.vil%2F)=1")
    assert "[klik](https://e.vil/)" in _literal(page)
    _no_outside_links(page)
    assert outside == []


def test_colour_formula_and_bare_url_in_a_share_link_stay_text(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    from urllib.parse import urlencode

    hostile = {"og": ":red[rood] $$x^2$$", "ok": "https://e.vil"}
    open_page(page, base_url, "", urlencode(hostile))
    text = _literal(page)
    assert ":red[rood] $$x^2$$" in text and "https://e.vil" in text, text[:600]
    _no_outside_links(page)


def test_urls_in_scenario_name_and_note_are_no_links(page, app_server) -> None:  # type: ignore[no-untyped-def]
    name = "Zie https://e.vil/raad"
    open_page(page, app_server.url, "scenarios")
    page.get_by_label("Naam van het scenario").fill(name)
    page.get_by_label("Toelichting").fill("Meer op www.e.vil of bij iemand@e.vil :red[nu]")
    page.locator('[data-testid="stFormSubmitButton"] button').filter(has_text="Opslaan").click()
    wait_idle(page, after_action=True)
    expect(page.get_by_text("is opgeslagen").first).to_be_visible(timeout=30_000)
    choose(page, "Kies een scenario", name)
    main = page.locator('[data-testid="stMain"]')
    expect(main).to_contain_text("iemand@", timeout=30_000)
    assert "www.e.vil" in _literal(page) and name in _literal(page)
    _no_outside_links(page)
    assert main.locator("a[href^='mailto:']").count() == 0


def _cache_misses(base_url: str) -> dict[str, int]:
    """How often each cached function (st.cache_data, st.cache_resource) has had to compute.

    Read live from the server's metrics (the ``cache_lookups`` counters; only the memory figures
    are kept for 5 s there).
    """
    url = f"{base_url}/_stcore/metrics?families=cache_lookups"
    with urllib.request.urlopen(url, timeout=30) as resp:
        body = resp.read().decode("utf-8")
    misses: dict[str, int] = {}
    for line in body.splitlines():
        if line.startswith("cache_lookups_total{") and 'result="miss"' in line:
            labels, _, value = line.rpartition(" ")
            misses[labels] = int(float(value))
    return misses


def test_a_browser_cannot_empty_the_cache_every_user_shares(app_server) -> None:  # type: ignore[no-untyped-def]
    """Any client can send Streamlit's "clear cache" message; the shared caches stay filled.

    The outcome a user would pay for: the same page run again right after the message computes
    nothing anew. The server handles a session's messages in the order they came, so the run
    that follows the message has seen its effect.
    """
    import asyncio
    import random
    from concurrent.futures import ThreadPoolExecutor

    from streamlit.proto.BackMsg_pb2 import BackMsg

    from benchmarks.streamlit_client import RunResult, StreamlitSession

    async def clear_then_run_again() -> tuple[dict[str, int], RunResult, dict[str, int]]:
        session = StreamlitSession(app_server.url, "", random.Random(0))
        try:
            first = await session.open()
            assert first.ok, first.errors
            before = _cache_misses(app_server.url)
            msg = BackMsg()
            msg.clear_cache = True
            await session.ws.send(msg.SerializeToString())
            again = await session.rerun()
            return before, again, _cache_misses(app_server.url)
        finally:
            await session.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        before, again, after = pool.submit(asyncio.run, clear_then_run_again()).result()
    assert before, "de metrics noemen geen gecachete functies; is de app al eens gedraaid?"
    assert again.ok, again.errors
    recomputed = [name for name, count in after.items() if count > before.get(name, 0)]
    assert not recomputed, f"gedeelde caches geleegd door één browser: {recomputed[:5]}"


def test_server_listens_on_this_computer_only_by_default() -> None:
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["server"].get("address") in ("127.0.0.1", "localhost", "::1")
    client = config.get("client", {})
    assert client.get("toolbarMode") in ("viewer", "minimal")
    assert client.get("showErrorDetails") == "none"
    readme = (PROJECT_ROOT / "README.md").read_text("utf-8")
    assert "frame-ancestors 'none'" in _readme_header("Content-Security-Policy")
    assert _readme_header("X-Frame-Options") == "DENY"
    assert "location = /_stcore/metrics" in readme


def _readme_header(name: str) -> str:
    readme = (PROJECT_ROOT / "README.md").read_text("utf-8")
    found = re.search(rf'add_header {re.escape(name)} "([^"]+)" always;', readme)
    assert found, f"README's nginx-voorbeeld zet {name} niet"
    return found.group(1)


@pytest.fixture(scope="module")
def browser_behind_proxy(browser):  # type: ignore[no-untyped-def]
    """A chromium that lets a page whose headers the test rewrites still reach 127.0.0.1.

    Chromium treats a document served through Playwright's ``route.fulfill`` as coming from the
    public internet and then blocks its websocket to the loopback address (local network access
    checks); a real proxy on the same host would not be blocked.
    """
    from support.server import CHROMIUM, CHROMIUM_ARGS

    args = [*CHROMIUM_ARGS, "--disable-features=LocalNetworkAccessChecks"]
    chromium = browser.browser_type.launch(executable_path=str(CHROMIUM), args=args, headless=True)
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.mark.parametrize("path", ["", "varianten"])
def test_the_readme_security_headers_leave_the_app_working(  # type: ignore[no-untyped-def]
    browser_behind_proxy, base_url: str, path: str
) -> None:
    """The proxy's Content-Security-Policy, imitated here: no violation, charts still drawn."""
    headers = {
        "content-security-policy": _readme_header("Content-Security-Policy"),
        "x-frame-options": _readme_header("X-Frame-Options"),
        "x-content-type-options": _readme_header("X-Content-Type-Options"),
    }
    ctx = browser_behind_proxy.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    try:
        page = ctx.new_page()
        seen = watch(page)

        def with_headers(route) -> None:  # type: ignore[no-untyped-def]
            response = route.fetch()
            route.fulfill(response=response, headers={**response.headers, **headers})

        page.route(f"{base_url}/**", with_headers)
        open_page(page, base_url, path)
        reveal_all(page)
        violations = [m for m in seen.console_errors if "Content Security Policy" in m]
        assert not violations, violations[:3]
        main = page.locator('[data-testid="stMain"]')
        assert main.locator(".js-plotly-plot, canvas, svg").count() > 0
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        ctx.close()


# --- text from data: a data folder whose names carry Markdown and HTML --------------------------
#: (viewport name, width, height): a desk screen and a phone
VIEWPORTS = [("bureau", 1280, 720), ("telefoon", 390, 844)]


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory, cbs_dir):  # type: ignore[no-untyped-def]
    """A server of its own that reads a data folder with hostile region and gemeente names."""
    from support.server import running_app
    from tests.hostile_data import make_hostile_data

    data = make_hostile_data(cbs_dir, tmp_path_factory.mktemp("cbs-hostile"))
    db = tmp_path_factory.mktemp("e2e-hostile-db") / "scenarios.sqlite"
    with running_app(
        database_url=f"sqlite:///{db}",
        extra_env={"DASHBOARD_DATA_DIR": str(data)},
        log_name="streamlit-e2e-hostile-names.log",
    ) as server:
        yield server


@pytest.mark.parametrize("path", ["", "regios", "overstap"])
def test_names_from_data_are_text_and_contact_nobody(browser, hostile_server, path: str) -> None:  # type: ignore[no-untyped-def]
    """Kaart, Regio's and Overstap with a region named ``… ![x](http://e.vil.example/p.png)
    [klik](…) :red[ROOD] $$x^2$$``: no request leaves the computer, the name reads literally,
    on a desk screen and then, the same page narrowed, on a phone."""
    from tests.hostile_data import HOSTILE_GEMEENTE, HOSTILE_REGION, HOSTILE_TARGET

    _, width, height = VIEWPORTS[0]
    ctx = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
    ctx.set_default_timeout(30_000)
    try:
        page = ctx.new_page()
        seen = watch(page)
        outside = seen.outside_requests
        open_page(page, hostile_server.url, path)
        for viewport, width, height in VIEWPORTS:
            page.set_viewport_size({"width": width, "height": height})
            reveal_all(page)  # everything drawn, also below the fold
            screenshot(page, f"namen-uit-gegevens-{path or 'kaart'}-{viewport}")
            text = _literal(page)
            assert HOSTILE_REGION in text, (viewport, text[:800])
            if path:
                assert HOSTILE_TARGET in text and HOSTILE_GEMEENTE in text, (viewport, text[:800])
            if path == "overstap":  # widget labels are Markdown too
                assert f"Regiobudget {HOSTILE_REGION}" in text
                assert f"WSP van {HOSTILE_TARGET}" in text
            _no_outside_links(page)
            main = page.locator('[data-testid="stMain"]')  # no element made of the name's markup
            assert main.locator("strong", has_text=re.compile(r"^vet$")).count() == 0
            assert main.locator("em", has_text=re.compile(r"^schuin$")).count() == 0
            assert main.locator("b", has_text=re.compile(r"^html$")).count() == 0
            assert outside == [], (viewport, outside)
            assert not seen.dialogs and page.locator('[data-testid="stException"]').count() == 0
    finally:
        ctx.close()
