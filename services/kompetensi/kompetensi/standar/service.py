from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from kompetensi.kamus import service as kamus
from kompetensi.kamus.models import Kompetensi
from kompetensi.standar.models import StandarKompetensi
from kompetensi.standar.schemas import StandarIn, StandarItemOut, StandarOut, StandarSetOut
from shared import audit
from shared.errors import NotFound, UnprocessableEntity
from shared.rules import load_kompetensi

S, K = StandarKompetensi, Kompetensi


async def read_many(session: AsyncSession, jabatan_ids: list[uuid.UUID]) -> list[StandarOut]:
    rows = await session.execute(
        select(S.jabatan_id, S.kompetensi_id, K.kode, K.nama, K.jenis, S.level)
        .join(K, K.id == S.kompetensi_id)
        .where(S.jabatan_id.in_(set(jabatan_ids)))
        .order_by(S.jabatan_id, K.jenis, K.kode)
    )
    grouped: dict[uuid.UUID, list[StandarItemOut]] = defaultdict(list)
    for jid, kid, kode, nama, jenis, level in rows.tuples():
        grouped[jid].append(StandarItemOut(kompetensi_id=kid, kompetensi_kode=kode, nama=nama, jenis=jenis, level=level))
    return [StandarOut(jabatan_id=j, items=grouped.get(j, [])) for j in dict.fromkeys(jabatan_ids)]


async def _replace(session: AsyncSession, jabatan_ids: list[uuid.UUID], levels: dict[uuid.UUID, int]) -> None:
    """Set-based: the old rows go, the new rows come, with one audit entry per position."""
    old = await read_many(session, jabatan_ids)
    await session.execute(delete(S).where(S.jabatan_id.in_(jabatan_ids)))
    if levels:
        await session.execute(
            insert(S), [{"jabatan_id": j, "kompetensi_id": k, "level": lv} for j in jabatan_ids for k, lv in levels.items()]
        )
    after = {str(k): lv for k, lv in levels.items()}
    await audit.record_many(
        session, "standar_kompetensi",
        [(str(o.jabatan_id), "replace", {str(i.kompetensi_id): i.level for i in o.items}, after) for o in old],
    )


async def _active_defaults(
    session: AsyncSession, jenis: str, given: set[str]
) -> tuple[dict[uuid.UUID, int], list[str]]:
    """Default levels for a position kind, except those given explicitly. A retired default (or
    one missing from the dictionary) is skipped and named rather than refused: the caller did
    not ask for it by name."""
    defaults = {k: lv for k, lv in load_kompetensi().default_levels(jenis).items() if k not in given}
    found = await kamus.by_codes(session, set(defaults))
    skipped = sorted({*kamus.retired_codes(found), *(set(defaults) - set(found))})
    usable = {found[k].id: lv for k, lv in defaults.items() if k not in skipped}
    return usable, skipped


async def set_standard(session: AsyncSession, jabatan: dict[str, Any], data: StandarIn) -> StandarSetOut:
    jabatan_id = uuid.UUID(jabatan["id"])
    codes = [i.kompetensi_kode for i in data.items]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise UnprocessableEntity(f"Competency {', '.join(duplicates)} is given more than once; give each once.")
    found = await kamus.resolve_active(session, set(codes))
    levels = {found[i.kompetensi_kode].id: i.level for i in data.items}
    skipped: list[str] = []
    if data.sertakan_default:
        defaults, skipped = await _active_defaults(session, jabatan["jenis"], set(codes))
        levels.update(defaults)
    if not levels:
        raise UnprocessableEntity("A standard needs at least one active competency (or sertakan_default=true).")
    await _replace(session, [jabatan_id], levels)
    standard = (await read_many(session, [jabatan_id]))[0]
    return StandarSetOut(**standard.model_dump(), default_dilewati=skipped)


async def copy(session: AsyncSession, source: uuid.UUID, targets: list[uuid.UUID]) -> list[StandarOut]:
    src = (await read_many(session, [source]))[0]
    if not src.items:
        raise NotFound(f"Position {source} has no competency standard to copy.")
    # Refused rather than silently shortened: a copy that drops requirements would look complete.
    retired = kamus.retired_codes(await kamus.by_codes(session, {i.kompetensi_kode for i in src.items}))
    if retired:
        raise UnprocessableEntity(
            f"The standard of position {source} still holds retired competency {', '.join(retired)}; "
            f"set that standard again without it (PUT /api/v1/standar-kompetensi/{source}), then copy.",
            code="retired-kompetensi", retired=retired,
        )
    targets = [t for t in dict.fromkeys(targets) if t != source]
    await _replace(session, targets, {i.kompetensi_id: i.level for i in src.items})
    return await read_many(session, targets)
