from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kompetensi.asesmen import queries
from kompetensi.asesmen.models import Asesmen
from kompetensi.asesmen.schemas import AsesmenIn, HasilPelatihanIn, Profil, ProfilItem
from kompetensi.kamus import service as kamus
from shared import audit
from shared.dates import shift_years
from shared.errors import Conflict, UnprocessableEntity


async def record(session: AsyncSession, data: AsesmenIn, actor: str) -> Asesmen:
    k = (await kamus.resolve_active(session, {data.kompetensi_kode}))[data.kompetensi_kode]
    if data.koreksi_dari is not None:
        old = await session.get(Asesmen, data.koreksi_dari)
        if old is None:
            raise UnprocessableEntity(f"koreksi_dari: no assessment {data.koreksi_dari}.")
        if (old.nip, old.kompetensi_id) != (data.nip, k.id):
            raise UnprocessableEntity("A correction must be for the same NIP and competency as the record it corrects.")
        if await session.scalar(select(Asesmen.id).where(Asesmen.koreksi_dari == old.id)):
            raise Conflict(f"Assessment {old.id} is already corrected; correct the correction instead.")
    row = Asesmen(
        nip=data.nip, kompetensi_id=k.id, level=data.level, tanggal=data.tanggal, metode=data.metode,
        asesor=data.asesor, bukti=data.bukti, koreksi_dari=data.koreksi_dari, keterangan=data.keterangan,
        dicatat_oleh=actor,
    )
    session.add(row)
    await session.flush()
    await queries.refresh(session, [(row.nip, row.kompetensi_id)])
    return row


async def ingest(session: AsyncSession, data: HasilPelatihanIn, actor: str) -> list[uuid.UUID]:
    """Training outcomes from another service, set-based: one INSERT, one audit batch."""
    found = await kamus.resolve_active(session, {h.kompetensi_kode for h in data.hasil})
    rows = [
        {"id": uuid.uuid4(), "nip": h.nip, "kompetensi_id": found[h.kompetensi_kode].id, "level": h.level,
         "tanggal": h.tanggal, "metode": "hasil_pelatihan", "bukti": h.bukti, "sumber": data.sumber,
         "dicatat_oleh": actor}
        for h in data.hasil
    ]
    await audit.insert_many(session, Asesmen, rows)
    await queries.refresh(session, [(r["nip"], r["kompetensi_id"]) for r in rows])
    return [r["id"] for r in rows]


def stale_before(today: date, validity_years: int) -> date:
    """The same day `validity_years` ago (29 February falls back to 28 February): an assessment
    dated before it is stale; one dated on it is still valid."""
    return shift_years(today, -validity_years)


async def profiles(session: AsyncSession, nips: Sequence[str], validity_years: int, today: date | None = None) -> list[Profil]:
    cutoff = stale_before(today or date.today(), validity_years)
    rows = await session.execute(queries.profile_statement(nips))
    grouped: dict[str, list[ProfilItem]] = defaultdict(list)
    for r in rows.mappings():
        grouped[r["nip"]].append(ProfilItem(**{k: r[k] for k in ProfilItem.model_fields if k != "kedaluwarsa"},
                                            kedaluwarsa=r["tanggal"] < cutoff))
    return [Profil(nip=n, masa_berlaku_tahun=validity_years, items=grouped.get(n, [])) for n in dict.fromkeys(nips)]
