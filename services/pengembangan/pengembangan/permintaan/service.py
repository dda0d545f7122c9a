"""Self-service requests: an employee sees the open batches that fit its job and gaps and asks to
join one; an admin reaching the employee (its OPD admin, or BKPSDM) turns the request into a
proposal or declines it with a reason.

What fits is asked of the platform with the caller's token, one call to each service: pegawai
for the employee's position, kompetensi for the employee's match against that position (the
standard's required levels and what the employee holds). A batch fits when its program develops
a competency the position requires; it fills a gap when the employee holds that competency below
the required level and the program brings it higher. (Career-target positions count at BKPSDM's
approval, pengembangan.usulan: an employee does not reach other positions' standards.)
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from pengembangan.katalog import queries as katalog_queries
from pengembangan.katalog.models import Angkatan, Program
from pengembangan.permintaan import queries
from pengembangan.permintaan.models import Permintaan
from pengembangan.permintaan.schemas import AngkatanSesuaiOut, PermintaanIn, PermintaanOut, TeruskanIn
from pengembangan.upstream import Kompetensi
from pengembangan.usulan import queries as usulan_queries
from pengembangan.usulan import service as usulan
from pengembangan.usulan.schemas import UsulanIn
from shared.access import Record, Scope
from shared.audit import because
from shared.db import Session
from shared.errors import Conflict, NotFound, UnprocessableEntity
from shared.kepegawaian import nama_of
from shared.pagination import PageOf, PageParams, entity, paginate


@dataclass(frozen=True)
class Fit:
    """An employee against its own position: the levels required, and what it holds where short."""

    pegawai: Record
    required: dict[str, int] = field(default_factory=dict)
    short: dict[str, int] = field(default_factory=dict)  # competency -> level held (0: never assessed)

    def of(self, program: Program) -> tuple[list[str], list[str]]:
        """(the program's competencies the job requires, those of them it fills a gap in)."""
        sesuai = sorted(k.kode_kompetensi for k in program.kompetensi if k.kode_kompetensi in self.required)
        gap = sorted(
            k.kode_kompetensi
            for k in program.kompetensi
            if k.kode_kompetensi in self.short and k.level > self.short[k.kode_kompetensi]
        )
        return sesuai, gap


async def fit_of(scope: Scope, kompetensi: Kompetensi, nip: str) -> Fit:
    """One call to pegawai (the employee, within the caller's reach, else 404) and, when it holds
    a position, one to kompetensi (its match against that position)."""
    pegawai = (await scope.require_pegawai([nip]))[nip]
    if not pegawai.get("jabatan_id"):
        return Fit(pegawai)
    match = await kompetensi.jpm_pegawai(nip, uuid.UUID(str(pegawai["jabatan_id"])))
    rincian = [r for item in match.get("items") or () for r in item.get("rincian") or ()]
    required = {str(r["kompetensi_kode"]): int(r["dibutuhkan"]) for r in rincian}
    short = {str(r["kompetensi_kode"]): int(r["dimiliki"] or 0) for r in rincian if int(r["gap"]) < 0}
    return Fit(pegawai, required, short)


def _nip_of(scope: Scope, nip: str | None) -> str:
    wanted = nip or scope.self_nip
    if not wanted:
        raise UnprocessableEntity("permintaan-nip-required")
    return wanted


async def fitting_batches(
    session: Session,
    scope: Scope,
    kompetensi: Kompetensi,
    page: PageParams,
    *,
    nip: str | None,
    hanya_gap: bool,
    today: date | None = None,
) -> PageOf[AngkatanSesuaiOut]:
    """The open batches with seats that fit the employee's job, those filling a gap first, then
    the earliest; the caller's own unless it names an employee it reads."""
    fit = await fit_of(scope, kompetensi, _nip_of(scope, nip))
    if not fit.required:
        return PageOf(items=[], total=0, limit=page.limit, offset=page.offset)
    batches = await queries.open_developing(session, fit.required, str(fit.pegawai["nip"]), today or date.today())
    found = []
    for b in batches:
        sesuai, gap = fit.of(b.program)
        if sesuai and (gap or not hanya_gap):
            found.append(_sesuai(b, sesuai, gap))
    found.sort(key=lambda s: (not s.mengisi_gap, -len(s.mengisi_gap)))  # stable: the earliest first within
    return PageOf(
        items=found[page.offset : page.offset + page.limit], total=len(found), limit=page.limit, offset=page.offset
    )


def _sesuai(b: Angkatan, sesuai: list[str], gap: list[str]) -> AngkatanSesuaiOut:
    p = b.program
    return AngkatanSesuaiOut(
        angkatan_id=b.id,
        angkatan_kode=b.kode,
        program_id=p.id,
        program_kode=p.kode,
        program_nama=p.nama,
        jenis=p.jenis,
        jp=p.jp,
        tanggal_mulai=b.tanggal_mulai,
        tanggal_selesai=b.tanggal_selesai,
        tempat=b.tempat,
        daring=b.daring,
        sisa_kursi=b.sisa_kursi,
        biaya_total_per_peserta=p.biaya_total_per_peserta,
        kompetensi_sesuai=sesuai,
        mengisi_gap=gap,
    )


async def create(session: Session, scope: Scope, kompetensi: Kompetensi, data: PermintaanIn) -> Permintaan:
    """The caller asks to join a batch: open for enrollment with a seat left, fitting its job,
    and not already asked for, proposed or enrolled in."""
    nip = _nip_of(scope, None)
    batch = await katalog_queries.get_angkatan(session, data.angkatan_id)
    if batch is None:
        raise UnprocessableEntity("usulan-angkatan-unknown", id=data.angkatan_id)
    if batch.status != "dibuka":
        raise Conflict("permintaan-angkatan-tertutup", kode=batch.kode, status=batch.status)
    if batch.terisi >= batch.kuota:
        raise Conflict("angkatan-penuh", kode=batch.kode, kuota=batch.kuota)
    fit = await fit_of(scope, kompetensi, nip)
    sesuai, gap = fit.of(batch.program)
    if not sesuai:
        raise UnprocessableEntity(
            "permintaan-angkatan-tidak-sesuai",
            program=batch.program.kode,
            kompetensi=", ".join(sorted(k.kode_kompetensi for k in batch.program.kompetensi)),
        )
    if await queries.pending(session, batch.id, nip):
        raise Conflict("permintaan-duplicate", kode=batch.kode)
    if await usulan_queries.taken(session, batch.id, [nip]):
        raise Conflict("usulan-duplicate", nip=nip, kode=batch.kode, extra={"nips": [nip]})
    row = Permintaan(
        angkatan_id=batch.id,
        nip=nip,
        nama_pegawai=nama_of(fit.pegawai)[:300],
        status="diajukan",
        alasan=data.alasan,
        kompetensi_sesuai=sesuai,
        mengisi_gap=gap,
    )
    row.angkatan = batch
    session.add(row)
    await session.flush()
    return row


async def get_readable(session: Session, scope: Scope, permintaan_id: uuid.UUID) -> Permintaan:
    found = await queries.get(session, permintaan_id)
    if found is None or not await scope.reads_pegawai(found.nip):
        raise NotFound("permintaan-not-found", id=permintaan_id)
    return found


async def list_permintaan(
    session: Session,
    scope: Scope,
    page: PageParams,
    *,
    angkatan_id: uuid.UUID | None,
    nip: str | None,
    status: str | None,
) -> PageOf[PermintaanOut]:
    stmt = queries.list_statement(await scope.nips_in_reach(), angkatan_id=angkatan_id, nip=nip, status=status)
    return await paginate(session, stmt, page, entity(PermintaanOut))


def _pending(row: Permintaan) -> None:
    if row.status != "diajukan":
        raise Conflict("permintaan-sudah-diputuskan", status=row.status)


def _decided(scope: Scope, row: Permintaan) -> None:
    row.diputuskan_oleh = scope.principal.sub[:200]
    row.diputuskan_pada = datetime.now(UTC)


async def forward(
    session: Session, scope: Scope, kompetensi: Kompetensi, row: Permintaan, data: TeruskanIn
) -> Permintaan:
    """Turn the request into a proposal of the admin's OPD (the rules of proposing apply)."""
    _pending(row)
    made = await usulan.create(
        session,
        scope,
        kompetensi,
        UsulanIn(angkatan_id=row.angkatan_id, nips=[row.nip], opd_id=data.opd_id, alasan=data.alasan or row.alasan),
    )
    row.status = "diteruskan"
    row.usulan_id = made[0].id
    _decided(scope, row)
    await session.flush()
    return row


async def decline(session: Session, scope: Scope, row: Permintaan, alasan: str) -> Permintaan:
    _pending(row)
    because(session, alasan)
    row.status = "ditolak"
    row.alasan_tolak = alasan
    _decided(scope, row)
    await session.flush()
    return row
