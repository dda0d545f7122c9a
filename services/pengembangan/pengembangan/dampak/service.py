"""Impact evaluation after training (evaluasi dampak pasca pelatihan, Kirkpatrick level 3).

Some months after a batch's last day (the window of the form in shared/rules/pengembangan.yaml,
3 to 6 months), the employee's direct supervisor rates on a short form whether the participant
applies what was learned: a score per aspect, a recommendation and a note. Who writes: the
employee's direct supervisor (`scope.direct_reports()`, as pegawai resolves it now) and the admins
reaching the enrollment (BKPSDM; the admin of the OPD it is charged to); the employee reads its
own and writes none (403). One evaluation per enrollment, replaced whole by a later PUT.

Only a passed enrollment (lulus) is evaluated. A failed one (tidak_lulus) is not: the evaluation
asks whether learning the pass certified is applied on the job, and a failed participant's
follow-up is more development (a new proposal), not a rating of transfer; counting failures would
also blur the per-program figures of what the programs change. Before the window opens the
evaluation is refused, naming the day it opens; after it closes it is still taken, marked late.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from pengembangan.dampak import queries
from pengembangan.dampak.models import EvaluasiDampak
from pengembangan.dampak.schemas import (
    AspekOut,
    EvaluasiDampakIn,
    EvaluasiDampakOut,
    EvaluasiJatuhTempo,
    FormulirOut,
    Jendela,
    RekomendasiOut,
    RingkasanProgram,
    SkorAspek,
)
from pengembangan.peserta.models import Peserta
from pengembangan.usulan.queries import Visible
from pengembangan.usulan.service import visible
from shared.access import Capability, Scope
from shared.dates import shift_months
from shared.db import Session
from shared.errors import Conflict, Forbidden, NotFound
from shared.pagination import PageOf, PageParams, columns, paginate
from shared.rules import load_pengembangan


def form() -> FormulirOut:
    rules = load_pengembangan().dampak
    return FormulirOut(
        versi=rules.versi,
        regulation=rules.regulation,
        model=rules.model,
        jendela_mulai_bulan=rules.mulai_bulan,
        jendela_selesai_bulan=rules.selesai_bulan,
        jendela_basis=rules.basis_jendela,
        skala_min=rules.skala_min,
        skala_max=rules.skala_max,
        aspek=[AspekOut(kode=a.kode, nama=a.nama, pertanyaan=a.pertanyaan, skor=a.skor) for a in rules.aspek.values()],
        rekomendasi=[RekomendasiOut(kode=k, nama=v) for k, v in rules.rekomendasi.items()],
    )


def window(tanggal_selesai: date) -> Jendela:
    """The window of an enrollment whose batch ended on `tanggal_selesai`."""
    rules = load_pengembangan().dampak
    return Jendela(
        tanggal_selesai=tanggal_selesai,
        jendela_mulai=shift_months(tanggal_selesai, rules.mulai_bulan),
        jendela_selesai=shift_months(tanggal_selesai, rules.selesai_bulan),
    )


def as_out(evaluasi: EvaluasiDampak) -> EvaluasiDampakOut:
    rules = load_pengembangan().dampak
    peserta = evaluasi.peserta
    # In the form's order (JSONB keeps its own); an aspect a later form dropped comes last, by its code.
    order = [k for k in rules.aspek if k in evaluasi.skor] + sorted(set(evaluasi.skor) - set(rules.aspek))
    skor = {k: evaluasi.skor[k] for k in order}
    rincian = [
        SkorAspek(aspek=k, nama=a.nama, skor=v, arti=a.skor.get(v, ""))
        if (a := rules.aspek.get(k))
        else SkorAspek(aspek=k, nama=k, skor=v, arti="")
        for k, v in skor.items()
    ]
    fields = {name: getattr(evaluasi, name) for name in ("id", "peserta_id", "rekomendasi", "catatan")}
    return EvaluasiDampakOut(
        **fields,
        **window(peserta.tanggal_selesai).model_dump(),
        nip=peserta.nip,
        nama_pegawai=peserta.nama_pegawai,
        opd_id=peserta.opd_id,
        program_id=peserta.program_id,
        program_kode=peserta.program_kode,
        program_nama=peserta.program_nama,
        angkatan_id=peserta.angkatan_id,
        angkatan_kode=peserta.angkatan_kode,
        terlambat=evaluasi.terlambat,
        skor=skor,
        rincian=rincian,
        rekomendasi_nama=rules.rekomendasi.get(evaluasi.rekomendasi, evaluasi.rekomendasi),
        form_versi=evaluasi.form_versi,
        dinilai_oleh=evaluasi.dinilai_oleh,
        dinilai_oleh_nip=evaluasi.dinilai_oleh_nip,
        dinilai_pada=evaluasi.dinilai_pada,
        version=evaluasi.version,
        created_at=evaluasi.created_at,
        updated_at=evaluasi.updated_at,
    )


async def get(session: Session, peserta: Peserta) -> EvaluasiDampak | None:
    return await queries.get(session, peserta.id)


def require_evaluasi(peserta: Peserta, evaluasi: EvaluasiDampak | None) -> EvaluasiDampak:
    if evaluasi is None:
        raise NotFound("evaluasi-dampak-not-found", id=peserta.id)
    return evaluasi


async def _may_evaluate(scope: Scope, peserta: Peserta) -> bool:
    """An admin reaching the enrollment (its reach was checked loading it), or the employee's
    direct supervisor; never the employee itself."""
    if peserta.nip == scope.self_nip:
        return False
    return scope.may(Capability.WRITE) or peserta.nip in await scope.direct_reports()


async def put(
    session: Session,
    scope: Scope,
    peserta: Peserta,
    current: EvaluasiDampak | None,
    data: EvaluasiDampakIn,
    today: date | None = None,
) -> EvaluasiDampakOut:
    """Record or replace the evaluation of a passed enrollment whose window has opened."""
    today = today or date.today()
    if not await _may_evaluate(scope, peserta):
        raise Forbidden("dampak-bukan-penilai")
    if peserta.status != "lulus":
        raise Conflict("dampak-bukan-lulus", status=peserta.status)
    when = window(peserta.tanggal_selesai)
    if today < when.jendela_mulai:
        raise Conflict(
            "dampak-belum-dibuka",
            program=peserta.program_kode,
            angkatan=peserta.angkatan_kode,
            mulai=when.jendela_mulai.isoformat(),
            selesai=peserta.tanggal_selesai.isoformat(),
            bulan=load_pengembangan().dampak.mulai_bulan,
        )
    evaluasi = current
    if evaluasi is None:
        # Late is decided once, by when the evaluation was first recorded.
        evaluasi = EvaluasiDampak(id=uuid.uuid4(), peserta=peserta, terlambat=today > when.jendela_selesai)
        session.add(evaluasi)
    evaluasi.skor = data.skor
    evaluasi.rekomendasi = data.rekomendasi
    evaluasi.catatan = data.catatan
    evaluasi.form_versi = load_pengembangan().dampak.versi
    evaluasi.dinilai_oleh = scope.principal.sub
    evaluasi.dinilai_oleh_nip = scope.self_nip
    evaluasi.dinilai_pada = datetime.now(UTC)
    await session.flush()
    return as_out(evaluasi)


async def list_evaluasi(
    session: Session,
    scope: Scope,
    page: PageParams,
    *,
    program_id: uuid.UUID | None,
    tahun: int | None,
    opd_id: uuid.UUID | None,
    nip: str | None,
    rekomendasi: str | None,
    terlambat: bool | None,
) -> PageOf[EvaluasiDampakOut]:
    stmt = queries.list_statement(
        await visible(scope),
        program_id=program_id,
        tahun=tahun,
        opd_id=opd_id,
        nip=nip,
        rekomendasi=rekomendasi,
        terlambat=terlambat,
    )
    return await paginate(session, stmt, page, lambda row: as_out(row[0]))


async def _evaluates(scope: Scope) -> Visible:
    """Whose evaluations the caller is to write: an admin, every enrollment it reaches; anyone
    else, its direct reports' (an atasan; nobody's for an employee)."""
    if scope.may(Capability.WRITE):
        return await visible(scope)
    return Visible(nips=await scope.direct_reports())


def _due(row: Any, today: date) -> EvaluasiJatuhTempo:
    fields = columns(row)
    when = window(fields.pop("tanggal_selesai"))
    return EvaluasiJatuhTempo(**fields, **when.model_dump(), lewat=today > when.jendela_selesai)


async def due(
    session: Session, scope: Scope, page: PageParams, lewat: bool | None, today: date | None = None
) -> PageOf[EvaluasiJatuhTempo]:
    """The passed enrollments the caller is to evaluate, without an evaluation, whose window has
    opened (open now, or closed: overdue). One statement, oldest batch first."""
    day = today or date.today()
    rules = load_pengembangan().dampak
    stmt = queries.due_statement(await _evaluates(scope), day, rules.mulai_bulan, rules.selesai_bulan, lewat=lewat)
    return await paginate(session, stmt, page, lambda row: _due(row, day), plain=True)


def _summary(row: Any) -> RingkasanProgram:
    rules = load_pengembangan().dampak
    fields = columns(row)
    return RingkasanProgram(
        program_id=fields["program_id"],
        program_kode=fields["program_kode"],
        program_nama=fields["program_nama"],
        jumlah=fields["jumlah"],
        rata_rata={k: None if fields[f"rata_{k}"] is None else float(fields[f"rata_{k}"]) for k in rules.aspek},
        rekomendasi={k: fields[f"rek_{k}"] for k in rules.rekomendasi},
        terlambat=fields["terlambat"],
    )


async def summary(
    session: Session,
    scope: Scope,
    page: PageParams,
    *,
    program_id: uuid.UUID | None,
    tahun: int | None,
    opd_id: uuid.UUID | None,
) -> PageOf[RingkasanProgram]:
    rules = load_pengembangan().dampak
    stmt = queries.summary_statement(
        await visible(scope),
        list(rules.aspek),
        list(rules.rekomendasi),
        program_id=program_id,
        tahun=tahun,
        opd_id=opd_id,
    )
    return await paginate(session, stmt, page, _summary, plain=True)
