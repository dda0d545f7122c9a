"""Enrollment: the participants approvals made, their attendance and outcome, and cancelling.

The status moves terdaftar (registered) -> hadir (attended) -> lulus (passed) or tidak_lulus
(failed); a registered or attended participant may be cancelled (batal), which frees its seat in
the batch (under the batch's row lock, as approvals take seats) and its budget commitment (the
budget figures are summed from the enrollments not cancelled, so nothing else is to update).
Attendance and outcome only once the batch has started. A pass may carry competency test
results, each a competency the program develops; passing credits the program's JP to the ledger
and sends the results to kompetensi through the outbox (`on_lulus`).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from pengembangan.jp import service as jp_service
from pengembangan.jp.service import Kredit
from pengembangan.katalog import queries as katalog_queries
from pengembangan.katalog.models import Angkatan
from pengembangan.permintaan.models import Permintaan
from pengembangan.peserta import queries
from pengembangan.peserta.models import Peserta
from pengembangan.peserta.schemas import BatalIn, HasilKompetensi, PesertaOut, StatusIn
from pengembangan.usulan.models import Usulan
from pengembangan.usulan.service import visible
from shared import audit, outbox
from shared.access import Scope
from shared.audit import because
from shared.db import Session
from shared.errors import Conflict, NotFound, UnprocessableEntity
from shared.pagination import PageOf, PageParams, entity, paginate

# Where a participant's status may go by a status change; batal goes through `cancel`.
NEXT_STATUS: dict[str, frozenset[str]] = {
    "terdaftar": frozenset({"hadir"}),
    "hadir": frozenset({"lulus", "tidak_lulus"}),
    "lulus": frozenset(),
    "tidak_lulus": frozenset(),
    "batal": frozenset(),
}
CANCELLABLE = frozenset({"terdaftar", "hadir"})


async def get_readable(session: Session, scope: Scope, peserta_id: uuid.UUID) -> Peserta:
    found = await queries.get(session, peserta_id)
    if found is None or not (await visible(scope)).sees(found.opd_id, found.nip):
        raise NotFound("peserta-not-found", id=peserta_id)
    return found


async def list_peserta(
    session: Session,
    scope: Scope,
    page: PageParams,
    *,
    angkatan_id: uuid.UUID | None,
    program_id: uuid.UUID | None,
    nip: str | None,
    opd_id: uuid.UUID | None,
    tahun: int | None,
    status: str | None,
) -> PageOf[PesertaOut]:
    stmt = queries.list_statement(
        await visible(scope),
        angkatan_id=angkatan_id,
        program_id=program_id,
        nip=nip,
        opd_id=opd_id,
        tahun=tahun,
        status=status,
    )
    return await paginate(session, stmt, page, entity(PesertaOut))


def _check_hasil(peserta: Peserta, hasil: list[HasilKompetensi]) -> None:
    developed = {k.kode_kompetensi for k in peserta.angkatan.program.kompetensi}
    foreign = sorted({h.kode_kompetensi for h in hasil} - developed)
    if foreign:
        raise UnprocessableEntity(
            "peserta-hasil-bukan-program",
            kode=", ".join(foreign),
            program=peserta.angkatan.program.kode,
            allowed=", ".join(sorted(developed)),
        )


async def change_status(session: Session, peserta: Peserta, data: StatusIn, today: date | None = None) -> Peserta:
    today = today or date.today()
    if data.status not in NEXT_STATUS[peserta.status]:
        allowed = ", ".join(sorted(NEXT_STATUS[peserta.status])) or "-"
        raise Conflict("peserta-status-transition", dari=peserta.status, ke=data.status, allowed=allowed)
    batch = peserta.angkatan
    if batch.status == "dibatalkan":
        raise Conflict("peserta-angkatan-dibatalkan", kode=batch.kode)
    if batch.tanggal_mulai > today:
        raise Conflict("peserta-angkatan-belum-mulai", kode=batch.kode, mulai=batch.tanggal_mulai.isoformat())
    if data.hasil:
        _check_hasil(peserta, data.hasil)
    peserta.status = data.status
    peserta.hasil = [h.model_dump() for h in data.hasil] if data.hasil else None
    if data.status == "lulus":
        await on_lulus(session, peserta, today)
    await session.flush()
    return peserta


async def on_lulus(session: Session, peserta: Peserta, today: date) -> None:
    """Called once when a participant passes, in the same transaction as the pass: the program's JP
    are credited to the employee's ledger for the year the batch ended (`jp.service.credit`, once
    per employee and batch), and the competency test results, if any, go to kompetensi as
    assessments (method hasil_pelatihan) through the outbox, so they arrive exactly when the pass
    is committed, even while kompetensi is down."""
    batch = peserta.angkatan
    program = batch.program
    # A pass recorded before the batch's last day counts from that day: never a date ahead.
    day = min(batch.tanggal_selesai, today)
    if program.jp > 0:
        await jp_service.credit(
            session,
            [
                Kredit(
                    nip=peserta.nip,
                    angkatan_id=batch.id,
                    program_id=program.id,
                    tanggal=day,
                    jp=program.jp,
                    jenis=program.jenis,
                    uraian=f"{program.nama} ({batch.kode})",
                )
            ],
        )
    if peserta.hasil:
        await outbox.enqueue(
            session,
            target="kompetensi",
            method="POST",
            path="/api/v1/asesmen/hasil-pelatihan",
            body={
                "sumber": f"pengembangan/peserta/{peserta.id}",
                "hasil": [
                    {
                        "nip": peserta.nip,
                        "kompetensi_kode": h["kode_kompetensi"],
                        "level": h["level"],
                        "tanggal": day.isoformat(),
                        "bukti": f"{program.kode}/{batch.kode}"[:500],
                    }
                    for h in peserta.hasil
                ],
            },
        )


async def cancel(session: Session, peserta: Peserta, data: BatalIn) -> Peserta:
    """Cancel a registered or attended participant: its seat is freed (the batch's row locked by it);
    its cost stops counting against the budget (the figures sum the enrollments not cancelled).
    Freeing never overspends, so the budget's lock is not needed here."""
    if peserta.status not in CANCELLABLE:
        raise Conflict("peserta-status-final", status=peserta.status)
    because(session, data.alasan)
    peserta.status = "batal"
    peserta.alasan_batal = data.alasan
    await session.flush()
    await katalog_queries.free_seat(session, peserta.angkatan)
    return peserta


async def release_batch(session: Session, batch: Angkatan, alasan: str) -> None:
    """A batch was cancelled (the caller holds its row, changed): its registered and attended
    participants are cancelled (their seats and commitments freed), its pending proposals
    rejected and its pending requests declined, each with `alasan`, set-based and audited."""
    freed = await audit.update_many(
        session,
        Peserta,
        queries.open_in(batch.id),
        {"status": "batal", "alasan_batal": alasan},
    )
    now = datetime.now(UTC)
    await audit.update_many(
        session,
        Usulan,
        (Usulan.angkatan_id == batch.id) & (Usulan.status == "diajukan"),
        {"status": "ditolak", "alasan_tolak": alasan, "diputuskan_oleh": "system", "diputuskan_pada": now},
    )
    await audit.update_many(
        session,
        Permintaan,
        (Permintaan.angkatan_id == batch.id) & (Permintaan.status == "diajukan"),
        {"status": "ditolak", "alasan_tolak": alasan, "diputuskan_oleh": "system", "diputuskan_pada": now},
    )
    batch.terisi = max(0, batch.terisi - len(freed))
