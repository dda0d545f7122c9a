"""The competency dictionary (kamus kompetensi): the regulation's competencies and BKPSDM's technical ones."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from kompetensi.kamus import queries
from kompetensi.kamus.models import Kompetensi, LevelKompetensi
from kompetensi.kamus.schemas import KompetensiCreate, KompetensiOut, KompetensiUpdate
from shared.db import Session
from shared.errors import Conflict, NotFound, UnprocessableEntity
from shared.pagination import PageOf, PageParams, entity, paginate


async def get(session: Session, kompetensi_id: uuid.UUID) -> Kompetensi:
    found = await queries.get(session, kompetensi_id)
    if found is None:
        raise NotFound("kompetensi-not-found", id=kompetensi_id)
    return found


async def list_kompetensi(
    session: Session, page: PageParams, *, jenis: str | None, aktif: bool | None, q: str | None
) -> PageOf[KompetensiOut]:
    return await paginate(session, queries.list_statement(jenis=jenis, aktif=aktif, q=q), page, entity(KompetensiOut))


async def by_codes(session: Session, codes: set[str]) -> dict[str, Kompetensi]:
    return await queries.by_codes(session, codes)


def retired_codes(found: dict[str, Kompetensi]) -> list[str]:
    return sorted(kode for kode, k in found.items() if not k.aktif)


async def resolve_active(session: Session, codes: set[str]) -> dict[str, Kompetensi]:
    """Competencies by code for new standards or assessments: unknown or retired ones are refused."""
    found = await by_codes(session, codes)
    unknown = sorted(codes - set(found))
    if unknown:
        raise UnprocessableEntity("unknown-kompetensi", codes=", ".join(unknown))
    retired = retired_codes(found)
    if retired:
        raise UnprocessableEntity("retired-kompetensi", codes=", ".join(retired))
    return found


async def create(session: Session, data: KompetensiCreate) -> Kompetensi:
    if await queries.kode_exists(session, data.kode):
        raise Conflict("duplicate-kode", kode=data.kode)
    k = Kompetensi(**data.model_dump(exclude={"levels"}), aktif=True)
    k.levels = [LevelKompetensi(**lv.model_dump()) for lv in data.levels]
    session.add(k)
    await session.flush()
    return k


async def update(session: Session, k: Kompetensi, data: KompetensiUpdate) -> Kompetensi:
    changes = data.model_dump(exclude_unset=True, exclude={"levels"})
    for key, value in changes.items():
        if value is None and key in ("nama", "definisi"):
            raise UnprocessableEntity("field-cannot-be-emptied", field=key)
        setattr(k, key, value)
    if data.levels is not None:
        by_level = {lv.level: lv for lv in k.levels}
        for lv in data.levels:
            by_level[lv.level].deskripsi = lv.deskripsi
            by_level[lv.level].indikator = lv.indikator
        k.updated_at = datetime.now(UTC)  # level rows changed: touch the parent so its version (ETag) moves
    await session.flush()
    return k


async def delete(session: Session, k: Kompetensi) -> None:
    # Only technical competencies are added through the API; the others are the regulation's own
    # dictionary (seeded by migration 0003) and may only be retired.
    if k.jenis != "teknis":
        raise Conflict("kompetensi-regulasi", kode=k.kode, jenis=k.jenis, id=k.id)
    if await queries.in_use(session, k.id):
        raise Conflict("kompetensi-in-use", kode=k.kode, id=k.id)
    await session.delete(k)
    await session.flush()


async def retire(session: Session, k: Kompetensi) -> Kompetensi:
    if not k.aktif:
        raise Conflict("kompetensi-already-retired", kode=k.kode)
    k.aktif = False
    k.dipensiunkan_pada = datetime.now(UTC)
    await session.flush()
    return k
