"""The JP ledger: plain functions taking the session (and the caller's scope where reach matters).

Sources: `pelatihan` entries are credited by the enrollment domain when a participant completes
a batch (`credit`, set-based, once per employee and batch); they change only through it. `riwayat`
(history from before the platform) and `nonklasikal` (coaching, mentoring, e-learning ...) are
recorded by admin_bkpsdm, or admin_opd for its OPD's employees, one by one or from a workbook.

The rules (shared/rules/pengembangan.yaml): every PNS at least 20 JP a year (PP 11/2017 as
amended by PP 17/2020, Pasal 203(4)); a PPPK at most 24 JP per contract year (PP 49/2018,
Pasal 40(1)), a ceiling, never the PNS minimum. The contract year's start is not known to the
platform, so the ceiling is applied per calendar year. A CPNS (not yet a PNS: its development is
its basic training) falls under neither rule.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from pengembangan.jp import queries
from pengembangan.jp.models import JpEntri
from pengembangan.jp.schemas import (
    JpIn,
    JpJendelaIn,
    JpOut,
    JpUpdate,
    KetentuanJp,
    columns,
    header_of,
    nonklasikal_kinds,
)
from shared import audit, impor
from shared.access import Record, Scope
from shared.db import Session
from shared.errors import Conflict, NotFound, UnprocessableEntity
from shared.impor import Outcome, Row
from shared.kepegawaian import nama_of
from shared.messages import t
from shared.pagination import PageOf, PageParams, entity, paginate
from shared.rules import load_pengembangan
from shared.types import valid_nips
from shared.workbook import Column, Kind, Sheet, SheetRow, Styled, write_xlsx


def ketentuan() -> KetentuanJp:
    rules = load_pengembangan()
    return KetentuanJp(
        pns_min_jp_per_tahun=rules.pns_min_jp_per_tahun,
        pppk_max_jp_per_tahun=rules.pppk_max_jp_per_tahun_kontrak,
        regulation=[rules.pns_regulation, rules.pppk_regulation],
    )


def verdict(total: int, status: str | None) -> dict[str, Any]:
    """What the rule of `status` says of `total` JP in a year (Verdict's fields)."""
    rules = load_pengembangan()
    out: dict[str, Any] = {
        "status_kepegawaian": status,
        "kategori": None,
        "batas_jp": None,
        "kurang_jp": None,
        "sisa_jp": None,
        "lebih_jp": None,
    }
    if status == "PNS":
        floor = rules.pns_min_jp_per_tahun
        out |= {"batas_jp": floor, "kurang_jp": max(0, floor - total)}
        out["kategori"] = "pns_memenuhi" if total >= floor else "pns_kurang"
    elif status == "PPPK":
        ceiling = rules.pppk_max_jp_per_tahun_kontrak
        out |= {"batas_jp": ceiling, "sisa_jp": max(0, ceiling - total), "lebih_jp": max(0, total - ceiling)}
        if total > ceiling:
            out["kategori"] = "pppk_melebihi_batas"
        else:
            out["kategori"] = "pppk_mencapai_batas" if total == ceiling else "pppk_di_bawah_batas"
    elif status is not None:
        out["kategori"] = "tanpa_ketentuan"
    return out


# --- entries ------------------------------------------------------------------------------


async def get_readable(session: Session, scope: Scope, entry_id: uuid.UUID) -> JpEntri:
    """The entry, when its employee is one the caller reads (its own, its reach, an atasan's
    direct reports); 404 otherwise, as if absent."""
    found = await queries.get(session, entry_id)
    if found is None or not await scope.reads_pegawai(found.nip):
        raise NotFound("jp-not-found", id=entry_id)
    return found


async def list_entries(
    session: Session, scope: Scope, page: PageParams, *, nip: str | None, tahun: int | None, sumber: str | None
) -> PageOf[JpOut]:
    stmt = queries.list_statement(await scope.nips_in_reach(), nip=nip, tahun=tahun, sumber=sumber)
    return await paginate(session, stmt, page, entity(JpOut))


def _recorder(session: Session) -> str:
    return str(session.info.get("actor") or "system")[:200]


def _row(data: JpIn, recorder: str) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "version": 1,
        "nip": data.nip,
        "tahun": data.year,
        "tanggal": data.tanggal,
        "jp": data.jp,
        "sumber": data.sumber,
        "jenis": data.jenis,
        "program_id": None,
        "angkatan_id": None,
        "uraian": data.uraian,
        "nomor_bukti": data.nomor_bukti,
        "dicatat_oleh": recorder,
    }


async def record(session: Session, data: JpIn) -> JpEntri:
    """One entry of history or of a non-classroom activity (the employee checked within reach by
    the route)."""
    entry = JpEntri(**_row(data, _recorder(session)))
    session.add(entry)
    await session.flush()
    return entry


async def record_many(session: Session, rows: Sequence[JpIn]) -> int:
    """Many entries (an import) in one INSERT, each audited."""
    recorder = _recorder(session)
    values = [_row(d, recorder) for d in rows]
    await audit.insert_many(session, JpEntri, values)
    return len(values)


def _credited_only(entry: JpEntri) -> None:
    if entry.sumber == "pelatihan":
        raise Conflict("jp-pelatihan", id=entry.id)


async def update(session: Session, entry: JpEntri, data: JpUpdate) -> JpEntri:
    _credited_only(entry)
    changes: dict[str, Any] = data.model_dump(exclude_unset=True)
    for field in ("jp", "uraian"):
        if field in changes and changes[field] is None:
            raise UnprocessableEntity("field-cannot-be-emptied", field=field)
    if entry.sumber == "nonklasikal":
        for field in ("jenis", "tanggal"):
            if field in changes and changes[field] is None:
                raise UnprocessableEntity("field-cannot-be-emptied", field=field)
    if "tahun" in changes and changes["tahun"] is None:
        raise UnprocessableEntity("field-cannot-be-emptied", field="tahun")
    tanggal = changes["tanggal"] if "tanggal" in changes else entry.tanggal
    if tanggal is not None:  # the year is the date's
        if changes.get("tahun", tanggal.year) != tanggal.year:
            raise UnprocessableEntity("jp-tahun-not-tanggal", tahun=changes["tahun"], tanggal=tanggal.isoformat())
        changes["tahun"] = tanggal.year
    allowed = nonklasikal_kinds()
    if entry.sumber == "nonklasikal" and "jenis" in changes and changes["jenis"] not in allowed:
        raise UnprocessableEntity("jp-jenis-not-nonklasikal", jenis=changes["jenis"], allowed=", ".join(allowed))
    for key, value in changes.items():
        setattr(entry, key, value)
    await session.flush()
    return entry


async def delete(session: Session, entry: JpEntri) -> None:
    _credited_only(entry)
    await session.delete(entry)
    await session.flush()


# --- credits from enrollment ---------------------------------------------------------------


@dataclass(frozen=True)
class Kredit:
    """The JP a participant earned by completing a batch of the catalogue."""

    nip: str
    angkatan_id: uuid.UUID
    program_id: uuid.UUID
    tanggal: date  # the day it was completed (the batch's last day): its year is the JP's
    jp: int
    jenis: str  # the program's kind
    uraian: str  # e.g. the program's name and the batch's code
    nomor_bukti: str | None = None  # the certificate


async def credit(session: Session, entries: Sequence[Kredit]) -> list[Kredit]:
    """Credit completed batches to the ledger, set-based: one statement to find the credits
    already given, one INSERT of the others with one audit entry each. An employee is credited
    once per batch: a credit given before (or twice in `entries`) is skipped, so a retried
    completion adds nothing; the unique (angkatan_id, nip) holds it against concurrent writers
    too. Who credits is the session's audit actor. Returns the credits written."""
    fresh: dict[tuple[uuid.UUID, str], Kredit] = {}
    for k in entries:
        fresh.setdefault((k.angkatan_id, k.nip), k)
    for pair in await queries.credited(session, list(fresh)):
        del fresh[pair]
    recorder = _recorder(session)
    values = [
        {
            "id": uuid.uuid4(),
            "version": 1,
            "nip": k.nip,
            "tahun": k.tanggal.year,
            "tanggal": k.tanggal,
            "jp": k.jp,
            "sumber": "pelatihan",
            "jenis": k.jenis,
            "program_id": k.program_id,
            "angkatan_id": k.angkatan_id,
            "uraian": k.uraian[:500],
            "nomor_bukti": k.nomor_bukti,
            "dicatat_oleh": recorder,
        }
        for k in fresh.values()
    ]
    await audit.insert_many(session, JpEntri, values)
    return list(fresh.values())


# --- totals --------------------------------------------------------------------------------


def _status_of(nips: list[str], status: dict[str, str]) -> dict[str, str]:
    """The caller's status by NIP, keyed as `nips` (normalised); a key that names no NIP asked,
    even once normalised, is refused."""
    asked = set(nips)
    stray = [k for k in status if k not in asked]
    if not stray:  # keys as the NIPs were sent: nothing to normalise
        return status
    given = {k: v for k, v in status.items() if k in asked}
    for raw, nip in zip(stray, valid_nips(stray), strict=True):
        if nip not in asked:
            raise UnprocessableEntity("jp-status-not-asked", nip=raw[:40], extra={"count": len(stray)})
        given[nip] = status[raw]
    return given


async def bulk(
    session: Session, scope: Scope, raw_nips: list[str], tahun: int, status: dict[str, str] | None
) -> dict[str, Any]:
    """The year's total of many employees, and the verdict of each one whose status the caller
    gave: one read of reach (none for a caller that reaches everyone), one statement, the answer
    built as plain dicts (10,000 pydantic models would cost several times the query)."""
    nips = list(dict.fromkeys(valid_nips(raw_nips)))
    given = _status_of(nips, status or {})
    reached = await scope.nips_in_reach()
    found = nips if reached is None else [n for n in nips if n in reached]
    totals = await queries.totals(session, found, tahun)
    # An item is its NIP and a verdict that depends only on (total, status), of which there are
    # few: each built once and copied (10,000 verdicts built one by one cost twice as much).
    shared: dict[tuple[int, str | None], dict[str, Any]] = {}
    items = []
    for nip in found:
        key = (totals.get(nip, 0), given.get(nip))
        judged = shared.get(key)
        if judged is None:
            judged = shared[key] = {"total_jp": key[0], **verdict(*key)}
        item: dict[str, Any] = {"nip": nip}
        item.update(judged)
        items.append(item)
    return {
        "tahun": tahun,
        "ketentuan": ketentuan().model_dump(),
        "items": items,
        "missing": [n for n in nips if reached is not None and n not in reached],
    }


async def jendela(session: Session, scope: Scope, data: JpJendelaIn) -> dict[str, Any]:
    """The ledger of many employees within a window, per kind (and the entries with `rinci`): one
    read of reach (none for a caller that reaches everyone), one statement each, plain dicts."""
    nips = list(dict.fromkeys(valid_nips(data.nips)))
    reached = await scope.nips_in_reach()
    found = nips if reached is None else [n for n in nips if n in reached]
    sepanjang = [k for k in data.sepanjang if k in data.jenis]
    args = (found, data.jenis, sepanjang, data.dari, data.sampai)
    items: dict[str, dict[str, Any]] = {
        n: {"nip": n, "per_jenis": {}, "entri": [] if data.rinci else None} for n in found
    }
    for nip, kind, jp, n, last in await queries.window(session, *args):
        items[nip]["per_jenis"][kind] = {"jp": jp, "jumlah": n, "terakhir": last.isoformat() if last else None}
    if data.rinci:
        for nip, kind, jp, day, year, uraian in await queries.window_entries(session, *args):
            items[nip]["entri"].append(
                {"jenis": kind, "jp": jp, "tanggal": day.isoformat() if day else None, "tahun": year, "uraian": uraian}
            )
    return {
        "dari": data.dari.isoformat(),
        "sampai": data.sampai.isoformat(),
        "items": list(items.values()),
        "missing": [n for n in nips if reached is not None and n not in reached],
    }


async def rekap(session: Session, pegawai: Record, tahun: int) -> dict[str, Any]:
    """One employee's year: its total by source and the verdict of its status."""
    sources = await queries.by_sumber(session, pegawai["nip"], tahun)
    total = sum(jp for jp, _ in sources.values())
    return {
        "nip": pegawai["nip"],
        "tahun": tahun,
        "total_jp": total,
        "per_sumber": {s: sources.get(s, (0, 0))[0] for s in ("pelatihan", "riwayat", "nonklasikal")},
        "jumlah_entri": sum(n for _, n in sources.values()),
        **verdict(total, pegawai.get("status_kepegawaian")),
    }


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 2) if whole else 0.0


async def kepatuhan(
    session: Session,
    unit_id: uuid.UUID,
    roster: list[Record],
    tahun: int,
    kategori: Sequence[str] | None,
    listed: bool = True,
) -> dict[str, Any]:
    """The compliance report of a unit's serving employees (the roster from pegawai, each with its
    status): their JP of the year in one statement, each one's verdict, counts and shares; the
    list of employees only when `listed` (the summary needs no names)."""
    totals = await queries.totals(session, [p["nip"] for p in roster], tahun)
    items = []
    counts: dict[str, int] = {}
    missing_jp = 0
    verdicts: dict[tuple[int, str | None], dict[str, Any]] = {}  # few distinct: one dict each, shared
    for p in roster:
        key = (totals.get(p["nip"], 0), p.get("status_kepegawaian"))
        judged = verdicts.get(key)
        if judged is None:
            judged = verdicts[key] = verdict(*key)
        total = key[0]
        counts[judged["kategori"]] = counts.get(judged["kategori"], 0) + 1
        if judged["kategori"] == "pns_kurang":
            missing_jp += judged["kurang_jp"]
        if not listed or (kategori and judged["kategori"] not in kategori):
            continue
        items.append(
            {
                "nip": p["nip"],
                "nama_lengkap": nama_of(p),
                "jabatan_nama": p.get("jabatan_nama"),
                "unit_id": p["unit_id"],
                "unit_nama": p["unit_nama"],
                "total_jp": total,
                **judged,
            }
        )
    pns = counts.get("pns_memenuhi", 0) + counts.get("pns_kurang", 0)
    pppk = sum(counts.get(k, 0) for k in ("pppk_di_bawah_batas", "pppk_mencapai_batas", "pppk_melebihi_batas"))
    return {
        "unit_id": unit_id,
        "tahun": tahun,
        "ketentuan": ketentuan().model_dump(),
        "ringkasan": {
            "jumlah_pegawai": len(roster),
            "pns": {
                "jumlah": pns,
                "memenuhi": counts.get("pns_memenuhi", 0),
                "kurang": counts.get("pns_kurang", 0),
                "persen_memenuhi": _percent(counts.get("pns_memenuhi", 0), pns),
                "persen_kurang": _percent(counts.get("pns_kurang", 0), pns),
                "total_kekurangan_jp": missing_jp,
            },
            "pppk": {
                "jumlah": pppk,
                "di_bawah_batas": counts.get("pppk_di_bawah_batas", 0),
                "mencapai_batas": counts.get("pppk_mencapai_batas", 0),
                "melebihi_batas": counts.get("pppk_melebihi_batas", 0),
                "persen_mencapai_batas": _percent(counts.get("pppk_mencapai_batas", 0), pppk),
                "persen_melebihi_batas": _percent(counts.get("pppk_melebihi_batas", 0), pppk),
            },
            "tanpa_ketentuan": counts.get("tanpa_ketentuan", 0),
        },
        **({"items": items} if listed else {}),
    }


async def rotasi(
    session: Session, unit_id: uuid.UUID, roster: list[Record], tahun_terakhir: int, today: date
) -> dict[str, Any]:
    """Who of a unit was developed when: the serving employees ordered by the longest time since
    their latest development (never first, then the oldest), so the next places go across all
    people and units rather than to the same ones again. The ledger holds every source (training,
    history, non-classroom), so "developed" is any entry."""
    sejak = today.year - tahun_terakhir + 1
    last = await queries.last_developed(session, [p["nip"] for p in roster], sejak)
    items = []
    for p in roster:
        terakhir, jp = last.get(p["nip"], (None, 0))
        items.append(
            {
                "nip": p["nip"],
                "nama_lengkap": nama_of(p),
                "jabatan_nama": p.get("jabatan_nama"),
                "unit_id": p["unit_id"],
                "unit_nama": p["unit_nama"],
                "terakhir": terakhir,
                "hari_sejak": (today - terakhir).days if terakhir else None,
                "jp_terakhir": jp,
            }
        )
    items.sort(key=lambda i: (i["terakhir"] is not None, i["terakhir"] or today, i["unit_nama"] or "", i["nip"]))
    per_unit: dict[Any, dict[str, Any]] = {}
    for i in items:
        unit = per_unit.setdefault(
            i["unit_id"], {"unit_id": i["unit_id"], "unit_nama": i["unit_nama"], "jumlah": 0, "belum_pernah": 0}
        )
        unit["jumlah"] += 1
        unit["belum_pernah"] += i["terakhir"] is None
    return {
        "unit_id": unit_id,
        "tahun_terakhir": tahun_terakhir,
        "belum_pernah": sum(1 for i in items if i["terakhir"] is None),
        "per_unit": sorted(per_unit.values(), key=lambda u: (-u["belum_pernah"], u["unit_nama"] or "")),
        "items": items,
    }


# --- import of history ---------------------------------------------------------------------


def prepare(table: list[SheetRow]) -> list[Row]:
    """Cells converted by their columns. CPU-bound: the route runs it in a worker thread."""
    return impor.prepare(columns(), table)


def _key(d: JpIn) -> tuple[Any, ...]:
    return (d.nip, d.year, d.tanggal, d.jp, d.sumber, d.jenis, d.uraian)


async def import_rows(session: Session, scope: Scope, rows: list[Row], partial: bool, dry_run: bool) -> Outcome:
    """Each row checked as `POST /jp` checks an entry (the employee within reach: one call to the
    directory for the file); a row the ledger holds already, or twice in the file (same employee,
    year, day, JP, source, kind and description), is refused, so uploading a file again adds
    nothing. Then, unless refused or a dry run, the good rows in one INSERT."""
    nips = list(dict.fromkeys(str(r.values["nip"]) for r in rows if "nip" in r.values))
    employees = await scope.directory.pegawai(scope, nips) if nips else {}
    valid: list[tuple[Row, JpIn]] = []
    for row in rows:
        impor.validate(row, JpIn, row.values, header_of)
        data = row.data
        if not isinstance(data, JpIn):
            continue
        if data.nip not in employees:
            row.error("impor.pegawai-unknown", t("impor.pegawai-unknown", nip=data.nip), "NIP")
        if not row.errors:
            valid.append((row, data))
    stored = await queries.existing(session, {d.nip for _, d in valid}, {d.year for _, d in valid})
    counts = Counter(_key(d) for _, d in valid)
    for row, d in valid:
        if _key(d) in stored:
            row.error("impor.jp-ada", t("impor.jp-ada", nip=d.nip, tahun=d.year, jp=d.jp), "Uraian")
        elif counts[_key(d)] > 1:
            row.error("impor.jp-ganda", t("impor.jp-ganda", kali=counts[_key(d)]), "Uraian")
    outcome = impor.outcome(rows, partial, dry_run)
    if outcome.writes:
        outcome.hasil.dibuat = await record_many(session, [_entry(r) for r in outcome.good])
    return outcome


def _entry(row: Row) -> JpIn:
    assert isinstance(row.data, JpIn)  # asked only of rows that passed validation
    return row.data


# --- the compliance report as a workbook ----------------------------------------------------

SHORT = "F8CBAD"  # a PNS below the minimum, a PPPK over the ceiling
AT_CEILING = "FFE699"  # a PPPK at the ceiling


def kepatuhan_xlsx(report: dict[str, Any]) -> bytes:
    """The report as a workbook: one row per employee (JP of those below the minimum or over the
    ceiling highlighted) and the summary. Blocking: run it in a worker thread."""
    fills = {"pns_kurang": SHORT, "pppk_melebihi_batas": SHORT, "pppk_mencapai_batas": AT_CEILING}
    cols = [
        Column("NIP", kind=Kind.CODE, width=22),
        Column("Nama"),
        Column("Status", kind=Kind.CODE),
        Column("Jabatan"),
        Column("Unit"),
        Column("JP", kind=Kind.INTEGER),
        Column(t("jp-xlsx.kategori")),
        Column(t("jp-xlsx.batas"), kind=Kind.INTEGER),
        Column(t("jp-xlsx.kurang"), kind=Kind.INTEGER),
        Column(t("jp-xlsx.lebih"), kind=Kind.INTEGER),
    ]
    rows = [
        [
            i["nip"],
            i["nama_lengkap"],
            i["status_kepegawaian"],
            i["jabatan_nama"],
            i["unit_nama"],
            Styled(i["total_jp"], fills[i["kategori"]]) if i["kategori"] in fills else i["total_jp"],
            t(f"jp-kategori.{i['kategori']}") if i["kategori"] else None,
            i["batas_jp"],
            i["kurang_jp"],
            i["lebih_jp"],
        ]
        for i in report["items"]
    ]
    r = report["ringkasan"]
    pns, pppk = r["pns"], r["pppk"]
    summary: list[list[Any]] = [
        [t("jp-xlsx.tahun"), report["tahun"]],
        [t("jp-xlsx.jumlah"), r["jumlah_pegawai"]],
        ["PNS", pns["jumlah"]],
        [t("jp-kategori.pns_memenuhi"), pns["memenuhi"], pns["persen_memenuhi"]],
        [t("jp-kategori.pns_kurang"), pns["kurang"], pns["persen_kurang"]],
        [t("jp-xlsx.total-kurang"), pns["total_kekurangan_jp"]],
        ["PPPK", pppk["jumlah"]],
        [t("jp-kategori.pppk_di_bawah_batas"), pppk["di_bawah_batas"]],
        [t("jp-kategori.pppk_mencapai_batas"), pppk["mencapai_batas"], pppk["persen_mencapai_batas"]],
        [t("jp-kategori.pppk_melebihi_batas"), pppk["melebihi_batas"], pppk["persen_melebihi_batas"]],
        [t("jp-kategori.tanpa_ketentuan"), r["tanpa_ketentuan"]],
    ]
    summary_cols = [
        Column(t("jp-xlsx.uraian")),
        Column(t("jp-xlsx.jumlah"), kind=Kind.INTEGER),
        Column("%", kind=Kind.DECIMAL),
    ]
    return write_xlsx(
        [Sheet(t("jp-xlsx.sheet"), cols, rows), Sheet(t("jp-xlsx.ringkasan"), summary_cols, summary, autofilter=False)]
    )
