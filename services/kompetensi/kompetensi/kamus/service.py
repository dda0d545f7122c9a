from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from kompetensi.asesmen.models import Asesmen
from kompetensi.kamus.models import Kompetensi, LevelKompetensi
from kompetensi.kamus.schemas import KompetensiCreate, KompetensiUpdate
from kompetensi.standar.models import StandarKompetensi
from shared.errors import Conflict, NotFound, UnprocessableEntity


async def get(session: AsyncSession, kompetensi_id: uuid.UUID) -> Kompetensi:
    found = await session.get(Kompetensi, kompetensi_id)
    if found is None:
        raise NotFound(f"No competency {kompetensi_id}.")
    return found


async def by_codes(session: AsyncSession, codes: set[str]) -> dict[str, Kompetensi]:
    if not codes:
        return {}
    rows = await session.execute(select(Kompetensi).where(Kompetensi.kode.in_(codes)))
    return {k.kode: k for k in rows.scalars()}


def retired_codes(found: dict[str, Kompetensi]) -> list[str]:
    return sorted(kode for kode, k in found.items() if not k.aktif)


async def resolve_active(session: AsyncSession, codes: set[str]) -> dict[str, Kompetensi]:
    """Competencies by code for new standards or assessments: unknown or retired ones are refused."""
    found = await by_codes(session, codes)
    unknown = sorted(codes - set(found))
    if unknown:
        raise UnprocessableEntity(f"Unknown competency code(s): {', '.join(unknown)}.", code="unknown-kompetensi")
    retired = retired_codes(found)
    if retired:
        raise UnprocessableEntity(
            f"Competency {', '.join(retired)} is retired; it stays in history but cannot be used for new records.",
            code="retired-kompetensi",
        )
    return found


async def create(session: AsyncSession, data: KompetensiCreate) -> Kompetensi:
    if await session.scalar(select(Kompetensi.id).where(Kompetensi.kode == data.kode)):
        raise Conflict(f"Competency code {data.kode} already exists.", code="duplicate-kode")
    k = Kompetensi(**data.model_dump(exclude={"levels"}), aktif=True)
    k.levels = [LevelKompetensi(**lv.model_dump()) for lv in data.levels]
    session.add(k)
    await session.flush()
    return k


async def update(session: AsyncSession, k: Kompetensi, data: KompetensiUpdate) -> Kompetensi:
    changes = data.model_dump(exclude_unset=True, exclude={"levels"})
    for key, value in changes.items():
        if value is None and key in ("nama", "definisi"):
            raise UnprocessableEntity(f"{key} cannot be emptied.")
        setattr(k, key, value)
    if data.levels is not None:
        by_level = {lv.level: lv for lv in k.levels}
        for lv in data.levels:
            by_level[lv.level].deskripsi = lv.deskripsi
            by_level[lv.level].indikator = lv.indikator
        k.updated_at = datetime.now(UTC)  # level rows changed: touch the parent so its version (ETag) moves
    await session.flush()
    return k


async def in_use(session: AsyncSession, kompetensi_id: uuid.UUID) -> bool:
    used_by_standard = exists().where(StandarKompetensi.kompetensi_id == kompetensi_id)
    used_by_assessment = exists().where(Asesmen.kompetensi_id == kompetensi_id)
    return bool(await session.scalar(select(used_by_standard | used_by_assessment)))


async def delete(session: AsyncSession, k: Kompetensi) -> None:
    # Only technical competencies are added through the API; the others are the regulation's own
    # dictionary (seeded by migration 0003) and may only be retired.
    if k.jenis != "teknis":
        raise Conflict(
            f"Competency {k.kode} ({k.jenis}) comes from PermenPAN-RB 38/2017 and cannot be deleted; "
            f"retire it instead (POST /api/v1/kompetensi/{k.id}/pensiun) if it is no longer used.",
            code="kompetensi-regulasi",
        )
    if await in_use(session, k.id):
        raise Conflict(
            f"Competency {k.kode} is used by a job standard or an assessment; retire it instead "
            f"(POST /api/v1/kompetensi/{k.id}/pensiun) so its history stays.",
            code="kompetensi-in-use",
        )
    await session.delete(k)
    await session.flush()


async def retire(session: AsyncSession, k: Kompetensi) -> Kompetensi:
    if not k.aktif:
        raise Conflict(f"Competency {k.kode} is already retired.")
    k.aktif = False
    k.dipensiunkan_pada = datetime.now(UTC)
    await session.flush()
    return k
