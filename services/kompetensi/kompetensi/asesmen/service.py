"""Competency assessments (history, never overwritten) and the profile derived from them."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

import orjson

from kompetensi.asesmen import queries
from kompetensi.asesmen.models import Asesmen
from kompetensi.asesmen.schemas import AsesmenIn, AsesmenOut, HasilPelatihanIn, HasilPelatihanOut, Profil, ProfilItem
from kompetensi.kamus import service as kamus
from shared import audit
from shared.access import Record, Scope
from shared.dates import shift_years
from shared.db import Session
from shared.errors import Conflict, UnprocessableEntity
from shared.pagination import PageOf, PageParams, paginate


def as_out(a: Asesmen, kode: str, dikoreksi: bool) -> AsesmenOut:
    fields = {c: getattr(a, c) for c in AsesmenOut.model_fields if hasattr(a, c)}
    return AsesmenOut.model_validate({**fields, "kompetensi_kode": kode, "dikoreksi": dikoreksi})


async def history(session: Session, nip: str, kompetensi_kode: str | None, page: PageParams) -> PageOf[AsesmenOut]:
    def mapper(row: Any) -> AsesmenOut:
        return as_out(row[0], row[1], row[2])

    return await paginate(session, queries.history_statement(nip, kompetensi_kode), page, mapper)


async def record(session: Session, data: AsesmenIn, actor: str) -> AsesmenOut:
    k = (await kamus.resolve_active(session, {data.kompetensi_kode}))[data.kompetensi_kode]
    if data.koreksi_dari is not None:
        old = await queries.get(session, data.koreksi_dari)
        if old is None:
            raise UnprocessableEntity("koreksi-unknown", id=data.koreksi_dari)
        if (old.nip, old.kompetensi_id) != (data.nip, k.id):
            raise UnprocessableEntity("koreksi-mismatch")
        if await queries.is_corrected(session, old.id):
            raise Conflict("koreksi-already", id=old.id)
    row = Asesmen(
        nip=data.nip,
        kompetensi_id=k.id,
        level=data.level,
        tanggal=data.tanggal,
        metode=data.metode,
        asesor=data.asesor,
        bukti=data.bukti,
        koreksi_dari=data.koreksi_dari,
        keterangan=data.keterangan,
        dicatat_oleh=actor,
    )
    session.add(row)
    await session.flush()
    await queries.refresh(session, [(row.nip, row.kompetensi_id)])
    return as_out(row, data.kompetensi_kode, False)


async def ingest(session: Session, data: HasilPelatihanIn, actor: str) -> HasilPelatihanOut:
    """Training outcomes from another service, set-based: one INSERT, one audit batch."""
    found = await kamus.resolve_active(session, {h.kompetensi_kode for h in data.hasil})
    rows: list[dict[str, Any]] = [
        {
            "id": uuid.uuid4(),
            "nip": h.nip,
            "kompetensi_id": found[h.kompetensi_kode].id,
            "level": h.level,
            "tanggal": h.tanggal,
            "metode": "hasil_pelatihan",
            "bukti": h.bukti,
            "sumber": data.sumber,
            "dicatat_oleh": actor,
        }
        for h in data.hasil
    ]
    await audit.insert_many(session, Asesmen, rows)
    await queries.refresh(session, [(r["nip"], r["kompetensi_id"]) for r in rows])
    return HasilPelatihanOut(dicatat=len(rows), ids=[r["id"] for r in rows])


def stale_before(today: date, validity_years: int) -> date:
    """The same day `validity_years` ago (29 February falls back to 28 February): an assessment
    dated before it is stale; one dated on it is still valid."""
    return shift_years(today, -validity_years)


async def profiles(
    session: Session, nips: Sequence[str], validity_years: int, today: date | None = None
) -> list[Profil]:
    cutoff = stale_before(today or date.today(), validity_years)
    rows = await session.execute(queries.profile_statement(nips))
    grouped: dict[str, list[ProfilItem]] = defaultdict(list)
    for r in rows.mappings():
        grouped[r["nip"]].append(
            ProfilItem(
                **{k: r[k] for k in ProfilItem.model_fields if k != "kedaluwarsa"}, kedaluwarsa=r["tanggal"] < cutoff
            )
        )
    return [Profil(nip=n, masa_berlaku_tahun=validity_years, items=grouped.get(n, [])) for n in dict.fromkeys(nips)]


async def profiles_in_reach(session: Session, scope: Scope, nips: list[str], validity_years: int) -> dict[str, Any]:
    """Profiles of the NIPs the caller reaches; the others are named as missing."""
    if scope.reaches_all:
        visible = nips
    else:
        found = await scope.directory.pegawai(scope, nips)
        visible = [n for n in nips if n in found]
    items = await profiles(session, visible, validity_years)
    shown = set(visible)
    return {"items": [p.model_dump() for p in items], "missing": [n for n in dict.fromkeys(nips) if n not in shown]}


async def levels_in_reach(session: Session, scope: Scope, nips: list[str] | None) -> dict[str, Any]:
    """The current level per competency code of each NIP the caller reads (an empty map for one
    never assessed); the others are named as missing. One statement, compact rows. `nips` None:
    every NIP the caller reads that has a profile (for one that reaches everyone, the whole
    projection, without waiting for a list)."""
    reach = await scope.nips_in_reach()
    every = nips is None and reach is None
    wanted = list(dict.fromkeys(nips if nips is not None else sorted(reach or ())))
    visible = wanted if reach is None else [n for n in wanted if n in reach]
    # Each map comes as PostgreSQL wrote it and goes out as it is (orjson.Fragment: not parsed here).
    levels: dict[str, dict[str, int] | orjson.Fragment] = {n: {} for n in visible}
    latest: dict[str, date] = {}
    if visible or every:
        conn = await session.connection()
        rows = await conn.execute(queries.levels_statement(every), {} if every else {"nips": visible})
        for nip, level, tanggal in rows:
            levels[nip] = orjson.Fragment(level)
            latest[nip] = tanggal
    return {
        "items": [
            {"nip": n, "level": lv, "tanggal_asesmen": d.isoformat() if (d := latest.get(n)) else None}
            for n, lv in levels.items()
        ],
        "missing": [n for n in wanted if n not in levels],
    }


async def rekap(
    session: Session, unit_id: uuid.UUID, roster: list[Record], tahun_terakhir: int, metode: Sequence[str], today: date
) -> dict[str, Any]:
    """Of a unit's serving employees (the roster from pegawai, each with its kind of position), how
    many were measured within the last `tahun_terakhir` years by one of `metode`: in all and per
    kind of position (one statement for the measurements)."""
    since = shift_years(today, -tahun_terakhir)
    measured = await queries.measured_since(session, [p["nip"] for p in roster], since, metode)
    per_jenis: dict[str, dict[str, int]] = defaultdict(lambda: {"jumlah": 0, "diukur": 0})
    for p in roster:
        counts = per_jenis[p.get("jabatan_jenis") or "tanpa_jabatan"]
        counts["jumlah"] += 1
        counts["diukur"] += p["nip"] in measured
    return {
        "unit_id": unit_id,
        "sejak": since,
        "metode": list(metode),
        "jumlah_pegawai": len(roster),
        "diukur": sum(c["diukur"] for c in per_jenis.values()),
        "per_jenis_jabatan": dict(sorted(per_jenis.items())),
    }
