"""HTTP route of the full profile: wiring only (the composition is in service.py)."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Response

from gateway.compose import Compose, optional_parts, parts_description
from gateway.profil import service
from gateway.profil.schemas import ProfilOut
from gateway.profil.sources import PARTS
from shared.openapi import problems
from shared.responses import json_response
from shared.types import NipPath

router = APIRouter(prefix="/api/v1/profil", tags=["profil"])


@router.get(
    "/{nip}",
    response_model=ProfilOut,
    operation_id="getProfil",
    summary="The full profile of an employee",
    description="Identity, position and unit, golongan, education and career interest (pegawai); the match "
    "against the current position's competency standard with the gap per competency (kompetensi); the SKP "
    "predikat of the last five years, the sanctions running today and the awards (kinerja); this year's JP against "
    "the PNS minimum or the PPPK ceiling and the development history (pengembangan). One request to each service, "
    "concurrently, with the caller's token: each shows what it shows the caller. admin_bkpsdm reads anyone, "
    "admin_opd its OPD's employees, an employee itself, an atasan itself and its direct reports; anyone else: 404. "
    "Sanctions only for those kinerja shows them to (admin_bkpsdm, the OPD's admin, the employee); null for the "
    "rest." + parts_description(PARTS),
    responses=problems(404, 422, 502, 503),
    openapi_extra=optional_parts(PARTS),
)
async def get_profil(nip: NipPath, compose: Compose) -> Response:
    body = await service.profil(compose, nip, date.today())
    return json_response(body, headers=compose.server_timing())
