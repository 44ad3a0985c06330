"""The sources as a reader reads them: one entry per source, for the Bronnen page and the
report's Bronnen section (the same words in both)."""

from __future__ import annotations

import re
from typing import Any

from dashboard.core.formatting import fmt_date
from dashboard.data.sources import Period, load_sources

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _retrieved(text: str) -> str:
    """``2026-11-22 (meegeleverde kopie)`` → ``22 november 2026 (meegeleverde kopie)``: the
    date the way every other date is written; other text as it is."""
    match = _ISO_DATE.match(text)
    if match is None:
        return text
    try:
        return fmt_date(match.group()) + text[match.end() :]
    except ValueError:  # not a real date ("2026-13-01"): as it stands
        return text


def _period_text(source: Any) -> str:
    """``"Periode: 31 december 2024 (voorlopig) (dag vermeld door CBS; …)."``, or nothing."""
    if not source.period_label:
        return ""
    period = Period(source.period_label, provisional=source.provisional).text
    return f"Periode: {period}" + (f" ({source.period_basis})." if source.period_basis else ".")


def source_entries() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Per source (the topics of one CBS table together: they share address, licence and date,
    so the address is not repeated eleven times) its entry and the entries of its topics."""
    groups: dict[tuple[str, ...], list[Any]] = {}
    for s in load_sources().values():
        key = (s.publisher, s.location, s.licence, s.retrieved, s.table_id) if s.column else (s.id,)
        groups.setdefault(key, []).append(s)
    entries = []
    for members in groups.values():
        s = members[0]
        title = s.title
        # "Personen met bijstand (Kerncijfers … 2024)": the table's name, then each topic
        table = s.title[s.title.rfind(" (") :] if s.title.endswith(")") else ""
        if len(members) > 1:
            title = f"{table.strip(' ()') or s.short}, met de onderwerpen hieronder"
        line = (
            f"{title}. {s.publisher}. {s.location}. Licentie: {s.licence}. "
            f"Opgehaald: {_retrieved(s.retrieved)}."
        )
        if s.table_id:
            line += f" Tabel: {s.table_id}."
        if len(members) == 1 and (period := _period_text(s)):
            line += " " + period
        topics: list[str] = []
        if len(members) > 1:
            for m in members:
                topic = m.title.removesuffix(table) if table else m.title
                code = f" ({m.table_id})" if m.table_id else ""
                topics.append(f"{topic}{code}. {_period_text(m)}".strip())
        entries.append((line, tuple(topics)))
    return tuple(entries)


def period_entries() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Per CBS figure with a reference period: its name and period, then what CBS says of it
    and how the dashboard reads it (column, unit, rounding, status)."""
    entries = []
    for s in load_sources().values():
        if not s.period:
            continue
        name = s.title.removesuffix(" (Kerncijfers wijken en buurten 2024)")
        period = Period(s.period_label, provisional=s.provisional).text
        details = [
            f"Hoe vastgesteld: {s.period_basis}" if s.period_basis else "",
            f"Wat CBS zegt: {s.period}",
            f"CBS-kolom: {s.column}" if s.column else "",
            f"Eenheid: {s.unit}" if s.unit else "",
            f"Afronding: {s.rounding}" if s.rounding else "",
            f"Status: {s.status}" if s.status else "",
        ]
        entries.append((f"{name}: {period}", tuple(d for d in details if d)))
    return tuple(entries)
