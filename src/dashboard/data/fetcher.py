"""HTTP for the downloads: GETs within limits, only to the configured services.

:class:`Fetcher` (``get``, ``get_json``, ``paged``) gives each response a size cap and the whole
download a deadline besides the per-read timeout (:class:`DownloadLimits`); a next link is
followed only on the same scheme and server as the configured service; a redirect only over
http(s) and never into a non-public network unless the configured service itself runs there; a
remote error body is never shown. Used by :mod:`dashboard.data.download` and
:mod:`dashboard.data.pendel_download`.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from dashboard.core.errors import DownloadError, ValidationError
from dashboard.core.formatting import fmt_number, fmt_size

#: Most pages of one paged answer that are followed.
MAX_PAGES = 200

Progress = Callable[[str], None]


@dataclass(frozen=True)
class DownloadLimits:
    """What one download may take from the services; tests pass small values.

    Not user input (that is :mod:`dashboard.core.limits`): caps that keep a hostile or broken
    service
    from holding the download or the machine."""

    #: bytes of one response (the largest real one, the gemeente layer, is a few MB)
    max_bytes: int = 256 * 1024 * 1024
    #: seconds for the whole download, however slowly the bytes come
    deadline_s: float = 30 * 60.0
    #: seconds one read of the network may wait
    read_timeout_s: float = 120.0
    #: another try after a server error or a dropped connection, with a growing pause
    retries: int = 2
    retry_pause_s: float = 0.5


def service_url(url: str, what: str) -> str:
    """A configured service base URL, checked: ``http(s)://host/...`` with at most ``{year}``.

    Raises :class:`ValidationError` (one Dutch line) for anything else.
    """
    text = url.strip()
    parts = urllib.parse.urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(
            f"het adres van {what} moet met http:// of https:// beginnen en een server noemen"
        )
    if re.search(r"[{}]", text.replace("{year}", "")):
        raise ValidationError(
            f"het adres van {what} mag alleen {{year}} als invulplaats bevatten (voor het jaar)"
        )
    if re.search(r"\s", text):
        raise ValidationError(f"het adres van {what} mag geen spaties of regeleinden bevatten")
    return text


def short_url(url: str) -> str:
    """``url`` without its query (which may be long, or come from a remote next link)."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def _origin(url: str) -> tuple[str, str]:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def _addresses(host: str) -> set[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return set()
    out = set()
    for info in infos:
        with contextlib.suppress(ValueError):
            out.add(ipaddress.ip_address(str(info[4][0]).split("%")[0]))
    return out


def redirect_allowed(url: str, service_addresses: set[Any]) -> bool:
    """Whether a redirect to ``url`` may be followed.

    Only http(s). An address that is not public (loopback, private, link-local, ...) only when
    the configured service itself runs on exactly that address (a stand-in on 127.0.0.1 in a
    test, a mirror in the own network): a public service cannot send the download into the LAN.
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    targets = _addresses(parts.hostname)
    return all(a.is_global or a in service_addresses for a in targets)


class _RedirectGuard(urllib.request.HTTPRedirectHandler):
    def __init__(self, service_addresses: set[Any]) -> None:
        super().__init__()
        self.service_addresses = service_addresses

    def redirect_request(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        if not redirect_allowed(newurl, self.service_addresses):
            raise DownloadError(
                f"{short_url(req.full_url)} verwijst door naar een adres dat het dashboard niet "
                "volgt (geen http(s), of een adres in een eigen netwerk)"
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _unreachable(url: str, err: BaseException) -> str:
    reason = err.reason if isinstance(err, urllib.error.URLError) else err
    if isinstance(reason, (TimeoutError, socket.timeout)):
        why = "reageerde niet op tijd"
    elif isinstance(reason, ConnectionRefusedError):
        why = "weigert de verbinding"
    elif isinstance(reason, socket.gaierror):
        why = "de servernaam is onbekend"
    else:
        why = "de verbinding mislukte"
    return f"{short_url(url)} is niet bereikbaar ({why}); controleer de internetverbinding"


class Fetcher:
    """HTTP GETs for one download: within :class:`DownloadLimits`, only to the configured services.

    Parameters
    ----------
    services
        The configured base URLs (checked with :func:`service_url`). Redirects to a non-public
        address are followed only when one of these runs on it.
    limits
        Size per response, deadline for everything this fetcher does (from its creation),
        read timeout and retries.
    """

    def __init__(self, services: Iterable[str], limits: DownloadLimits | None = None) -> None:
        self.limits = limits or DownloadLimits()
        self.deadline = time.monotonic() + self.limits.deadline_s
        addresses: set[Any] = set()
        for base in services:
            host = urllib.parse.urlsplit(base).hostname
            if host:
                addresses |= _addresses(host)
        self._opener = urllib.request.build_opener(_RedirectGuard(addresses))

    def _remaining(self, url: str) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            minutes = self.limits.deadline_s / 60
            raise DownloadError(
                f"de download duurde langer dan {fmt_number(minutes, 1)} minuten (bij "
                f"{short_url(url)})"
            )
        return left

    def _read(self, response: Any, url: str) -> bytes:
        cap = self.limits.max_bytes
        too_big = DownloadError(f"{short_url(url)} stuurde meer dan {fmt_size(cap)}")
        declared = response.headers.get("Content-Length")
        if declared and declared.strip().isdigit() and int(declared) > cap:
            raise too_big
        chunks: list[bytes] = []
        total = 0
        while True:
            self._remaining(url)
            chunk = response.read1(64 * 1024)
            if not chunk:
                return b"".join(chunks)
            total += len(chunk)
            if total > cap:
                raise too_big
            chunks.append(chunk)

    def get(self, url: str) -> bytes:
        """The body of ``url`` (HTTP 200), or :class:`DownloadError` with a Dutch reason.

        A remote error body is never shown: it may say anything.
        """
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise DownloadError("het dashboard haalt alleen gegevens op via http:// of https://")
        request = urllib.request.Request(
            url, headers={"User-Agent": "arbeidsmarktregio-dashboard", "Accept": "application/json"}
        )
        last = ""
        for attempt in range(self.limits.retries + 1):
            timeout = min(self.limits.read_timeout_s, self._remaining(url))
            try:
                with self._opener.open(request, timeout=timeout) as response:
                    return self._read(response, url)
            except urllib.error.HTTPError as err:
                err.close()
                last = f"{short_url(url)} gaf HTTP-fout {err.code}"
                if 400 <= err.code < 500:
                    raise DownloadError(last) from err  # does not get better by retrying
            except (urllib.error.URLError, TimeoutError, OSError) as err:
                last = _unreachable(url, err)
            if attempt < self.limits.retries:
                time.sleep(min(self.limits.retry_pause_s * (attempt + 1), self._remaining(url)))
        raise DownloadError(last)

    def get_json(self, url: str) -> Any:
        try:
            return json.loads(self.get(url))
        except ValueError as err:
            if isinstance(err, DownloadError):
                raise
            raise DownloadError(f"{short_url(url)} gaf geen geldige JSON terug") from err

    def paged(self, url: str, *, service: str) -> list[dict[str, Any]]:
        """The ``value`` rows of an OData answer and of every page its ``odata.nextLink`` names.

        A next link to another scheme or server than ``service`` is refused.
        """
        rows: list[dict[str, Any]] = []
        next_url: Any = url
        for _ in range(MAX_PAGES):
            if not next_url:
                return rows
            if not isinstance(next_url, str) or _origin(next_url) != _origin(service):
                raise DownloadError(
                    f"de dienst {service} verwees voor de volgende pagina naar een ander adres; "
                    "dat volgt het dashboard niet"
                )
            document = self.get_json(next_url)
            if not isinstance(document, dict) or not isinstance(document.get("value"), list):
                raise DownloadError(
                    f"{service} gaf een onverwacht antwoord (veld 'value' ontbreekt)"
                )
            rows.extend(r for r in document["value"] if isinstance(r, dict))
            next_url = document.get("odata.nextLink") or document.get("@odata.nextLink")
        raise DownloadError(f"{service} bleef na {MAX_PAGES} pagina's doorverwijzen")
