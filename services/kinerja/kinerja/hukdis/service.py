"""Disciplinary sanctions: plain functions taking the session (and the caller's scope).

Sanctions are never public. Only admin_bkpsdm, the admin of the employee's OPD and the employee
see them; everyone else gets 404, in lists too (`visible_nips`).
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from kinerja.hukdis import queries
from kinerja.hukdis.models import HukumanDisiplin
from kinerja.hukdis.schemas import (
    AktifItem,
    AktifOut,
    HukumanDisiplinIn,
    HukumanDisiplinOut,
    HukumanDisiplinUpdate,
    Pengumuman,
)
from shared.access import Capability, Record, Scope
from shared.dates import shift_months
from shared.db import Session
from shared.errors import NotFound, UnprocessableEntity
from shared.kepegawaian import nama_of
from shared.pagination import PageOf, PageParams, entity, paginate
from shared.rules import load_hukdis
from shared.types import valid_nips


async def visible_nips(scope: Scope) -> frozenset[str] | None:
    """The NIPs whose sanctions the caller may see (None: all). The admins (write capability)
    see their reach; anyone else only their own."""
    if scope.may(Capability.WRITE):
        return await scope.nips_in_reach()
    return frozenset({scope.self_nip}) if scope.self_nip else frozenset()


async def get_visible(session: Session, scope: Scope, hukdis_id: uuid.UUID) -> HukumanDisiplin:
    found = await queries.get(session, hukdis_id)
    if found is None or not await may_see(scope, found.nip):
        raise NotFound("hukdis-not-found", id=hukdis_id)
    return found


async def may_see(scope: Scope, nip: str) -> bool:
    """One employee's sanctions: the admins within their reach (retired employees included), the
    employee itself."""
    if scope.may(Capability.WRITE):
        return await scope.reads_pegawai(nip)
    return nip == scope.self_nip


def selesai(jenis: str, tmt: date) -> date | None:
    """The last day a sanction runs: a light one its TMT day, a timed one its months, one that
    ends the employment never."""
    kind = load_hukdis().kinds[jenis]
    if kind.mengakhiri:
        return None
    if kind.bulan is None:
        return tmt
    return shift_months(tmt, kind.bulan) - timedelta(days=1)


def _check(tingkat: str, jenis: str, tanggal_sk: date, tmt: date) -> None:
    kind = load_hukdis().kinds[jenis]
    if kind.tingkat != tingkat:
        allowed = ", ".join(k.kode for k in load_hukdis().of_level(tingkat))
        raise UnprocessableEntity("hukdis-jenis-tingkat", jenis=jenis, tingkat=tingkat, allowed=allowed)
    if tanggal_sk > date.today():
        raise UnprocessableEntity("hukdis-sk-future", tanggal=tanggal_sk.isoformat())
    if tmt < tanggal_sk:
        raise UnprocessableEntity("hukdis-tmt-before-sk", tmt=tmt.isoformat(), tanggal=tanggal_sk.isoformat())


async def list_hukdis(
    session: Session, scope: Scope, page: PageParams, *, nip: str | None, tingkat: str | None, aktif_pada: date | None
) -> PageOf[HukumanDisiplinOut]:
    stmt = queries.list_statement(await visible_nips(scope), nip=nip, tingkat=tingkat, aktif_pada=aktif_pada)
    return await paginate(session, stmt, page, entity(HukumanDisiplinOut))


async def create(session: Session, data: HukumanDisiplinIn, pegawai: Record) -> HukumanDisiplin:
    _check(data.tingkat, data.jenis, data.tanggal_sk, data.tmt)
    sanction = HukumanDisiplin(
        **data.model_dump(),
        tanggal_selesai=selesai(data.jenis, data.tmt),
        nama_pegawai=nama_of(pegawai),
        unit_nama=pegawai.get("unit_nama"),
    )
    session.add(sanction)
    await session.flush()
    return sanction


async def update(session: Session, sanction: HukumanDisiplin, data: HukumanDisiplinUpdate) -> HukumanDisiplin:
    changes: dict[str, Any] = data.model_dump(exclude_unset=True)
    for required in ("tingkat", "jenis", "nomor_sk", "tanggal_sk", "tmt", "diumumkan_internal"):
        if required in changes and changes[required] is None:
            raise UnprocessableEntity("field-cannot-be-emptied", field=required)
    merged = {k: changes.get(k, getattr(sanction, k)) for k in ("tingkat", "jenis", "tanggal_sk", "tmt")}
    _check(merged["tingkat"], merged["jenis"], merged["tanggal_sk"], merged["tmt"])
    for key, value in changes.items():
        setattr(sanction, key, value)
    sanction.tanggal_selesai = selesai(merged["jenis"], merged["tmt"])
    await session.flush()
    return sanction


async def delete(session: Session, sanction: HukumanDisiplin) -> None:
    await session.delete(sanction)
    await session.flush()


async def running(
    session: Session, scope: Scope, raw_nips: list[str], day: date | None, dari_pegawai: bool = False
) -> AktifOut:
    """The sanctions running on `day` for many NIPs: one lookup of reach, one statement. NIPs the
    caller has from pegawai (`dari_pegawai`) are taken as found only from a caller that reaches
    every employee: for it the lookup would find them all, so it is not sent (no access changes)."""
    nips = valid_nips(raw_nips)
    if scope.may(Capability.WRITE) and dari_pegawai and scope.reaches_all:
        found = list(dict.fromkeys(nips))
    elif scope.may(Capability.WRITE):
        reached = await scope.directory.pegawai(scope, nips)
        found = [n for n in nips if n in reached]
    else:
        found = [n for n in nips if n == scope.self_nip]
    on = day or date.today()
    by_nip: dict[str, list[HukumanDisiplinOut]] = {n: [] for n in found}
    for row in await queries.running(session, found, on):
        by_nip[row.nip].append(HukumanDisiplinOut.model_validate(row))
    return AktifOut(
        tanggal=on,
        items=[AktifItem(nip=n, aktif=v) for n, v in by_nip.items()],
        missing=[n for n in nips if n not in by_nip],
    )


async def heaviest(session: Session, scope: Scope, raw_nips: list[str], dari: date, sampai: date) -> dict[str, Any]:
    """The heaviest sanction whose TMT lies in [dari, sampai] of every NIP the caller reads (an
    index such as IP ASN scores its level): one read of reach, one statement. The level is given
    for every NIP read; the sanction itself (kind, SK, TMT, reason) only for those whose sanctions
    the caller may see (`visible_nips`: the admins within their reach, the employee itself)."""
    nips = list(dict.fromkeys(valid_nips(raw_nips)))
    reached = await scope.nips_in_reach()
    found = nips if reached is None else [n for n in nips if n in reached]
    if scope.may(Capability.WRITE):
        visible = reached  # an admin sees the sanctions of everyone it reaches (visible_nips)
    else:
        visible = frozenset({scope.self_nip}) if scope.self_nip else frozenset()
    rows = {row.nip: row for row in await queries.heaviest(session, found, dari, sampai)}
    # Plain dicts in TerberatOut's shape: 10,000 pydantic items would cost more than the query.
    none = {"tingkat": None, "rincian": None}
    items: list[dict[str, Any]] = []
    for nip in found:
        row = rows.get(nip)
        seen = visible is None or nip in visible
        if row is None:
            items.append({"nip": nip, **none, "terlihat": seen})
            continue
        rincian: dict[str, Any] | None = None
        if seen:
            rincian = {
                "id": str(row.id),
                "jenis": row.jenis,
                "jenis_nama": row.jenis_nama,
                "nomor_sk": row.nomor_sk,
                "tanggal_sk": row.tanggal_sk.isoformat(),
                "tmt": row.tmt.isoformat(),
                "alasan": row.alasan,
            }
        items.append({"nip": nip, "tingkat": row.tingkat, "terlihat": seen, "rincian": rincian})
    asked = set(found)
    return {
        "dari": dari.isoformat(),
        "sampai": sampai.isoformat(),
        "items": items,
        "missing": [n for n in nips if n not in asked],
    }


async def announced(session: Session, page: PageParams, day: date | None) -> PageOf[Pengumuman]:
    kinds = load_hukdis().kinds

    def mapper(row: Any) -> Pengumuman:
        nama, unit, jenis, tmt, akhir = row[:5]  # the page's total follows
        kind = kinds.get(jenis)
        return Pengumuman(nama=nama, unit=unit, hukuman=kind.nama if kind else jenis, tmt=tmt, tanggal_selesai=akhir)

    return await paginate(session, queries.announced_statement(day or date.today()), page, mapper, plain=True)


async def rekap(scope: Scope, session: Session, unit_id: uuid.UUID | None, tahun: int) -> dict[str, Any]:
    """The sanctions of the year the caller may see (only the admins see sanctions: anyone else
    403), of a unit's serving employees when given (pegawai's roster), else of everyone it reaches."""
    scope.require(Capability.WRITE)
    seen = await visible_nips(scope)
    if unit_id is not None:
        roster = frozenset(str(p["nip"]) for p in await scope.pegawai_in_unit(unit_id))
        seen = roster if seen is None else roster & seen
    return {"unit_id": unit_id, "tahun": tahun, **await queries.rekap(session, seen, tahun)}
