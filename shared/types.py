"""Field types request models and path parameters share, each validated once with a 422 that
names the field: the NIP, codes from the rule tables, and free text without control characters.

Free text is `Line` (one line: names, codes, titles) or `Paragraph` (may hold line breaks and
tabs: task lists, notes). Control characters are refused at input: they break workbooks and
terminals and no person types them. Give every text and list field a maximum length (a test
walks the OpenAPI and fails on one without).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import Path
from pydantic import AfterValidator, BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from shared.errors import UnprocessableEntity
from shared.messages import t
from shared.nip import InvalidNIP, split_nips, validate_nip
from shared.rules import load_golongan, load_jabatan, load_pendidikan

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_KEEPING_BREAKS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def invalid(code: str, **params: Any) -> PydanticCustomError:
    """A field error with our code and its text in the request's language (see shared.errors.field_error).
    Catalogue keys of field texts start with `field.`; the code a frontend sees does not."""
    # The values travel as the error's context too: shared.errors.field_error words the message
    # again in the request's language from them (without them its placeholders stayed unfilled).
    message = t(code, **params).replace("{", "(").replace("}", ")")
    return PydanticCustomError(code.removeprefix("field."), message, {k: str(v) for k, v in params.items()})


def _line(value: str) -> str:
    if _CONTROL.search(value):
        raise invalid("field.control-character")
    return value


def _paragraph(value: str) -> str:
    if _CONTROL_KEEPING_BREAKS.search(value):
        raise invalid("field.control-character")
    return value


Line = Annotated[str, AfterValidator(_line)]
Paragraph = Annotated[str, AfterValidator(_paragraph)]


def _nip(value: Any) -> str:
    if not isinstance(value, str):
        # A number loses leading zeros and, past 15 digits, its last digits (spreadsheets).
        raise invalid("field.nip-type")
    try:
        return validate_nip(value)
    except InvalidNIP as exc:
        raise PydanticCustomError(exc.code, str(exc).replace("{", "(").replace("}", ")")) from exc


NIP_SCHEMA = {
    "type": "string",
    "description": "NIP, 18 digits (spaces, dots and dashes are ignored)",
    "examples": ["198503122010011003"],
    "maxLength": 30,
}
NIP = Annotated[str, BeforeValidator(_nip), WithJsonSchema(NIP_SCHEMA)]
NipPath = Annotated[NIP, Path(description="NIP of the employee, 18 digits", examples=["198503122010011003"])]


def _golongan(value: Any) -> str | None:
    if value is None or value == "":
        return None
    grade = load_golongan().get(str(value)) if isinstance(value, str) else None
    if grade is None:
        raise invalid("field.golongan-unknown", value=str(value)[:20])
    return grade.code


def _pendidikan(value: Any) -> str | None:
    if value is None or value == "":
        return None
    rules = load_pendidikan()
    level = rules.resolve(value) if isinstance(value, str) else None
    if level is None:
        raise invalid("field.pendidikan-unknown", value=str(value)[:20], allowed=", ".join(rules.levels))
    return level.code


def _jenis_jabatan(value: Any) -> str:
    kinds = load_jabatan().kinds
    if not isinstance(value, str) or value not in kinds:
        raise invalid("field.jenis-jabatan-unknown", value=str(value)[:40], allowed=", ".join(kinds))
    return value


def _enum_schema(values: list[str], description: str) -> dict[str, Any]:
    return {"type": "string", "enum": values, "description": description}


Golongan = Annotated[
    str | None,
    BeforeValidator(_golongan),
    WithJsonSchema(
        _enum_schema(load_golongan().codes(), "Golongan: PNS I/a..IV/e, PPPK I..XVII (shared/rules/golongan.yaml)")
    ),
]
Pendidikan = Annotated[
    str | None,
    BeforeValidator(_pendidikan),
    WithJsonSchema(
        {
            "type": "string",
            "description": "Education level (shared/rules/pendidikan.yaml); "
            "other spellings such as SMK or DIV are accepted",
            "examples": list(load_pendidikan().levels),
            "maxLength": 20,
        }
    ),
]
JenisJabatan = Annotated[
    str,
    BeforeValidator(_jenis_jabatan),
    WithJsonSchema(_enum_schema(list(load_jabatan().kinds), "Kind of position (shared/rules/jabatan.yaml)")),
]


def list_or_semua(values: Sequence[Any] | None, semua: bool, code: str = "field.nips-atau-semua") -> None:
    """A bulk read names its records (NIPs, positions), or asks for every one the caller reaches
    (`semua`): one of the two, else 422 `code` (a caller that reaches everyone need not wait for
    pegawai's list to ask)."""
    if (values is None) != semua:
        raise invalid(code)


def valid_nips(raws: Sequence[str]) -> list[str]:
    """Many NIPs of a bulk request, checked at once (shared.nip.split_nips); the first invalid one
    is refused with its reason, naming it."""
    valid, refused = split_nips(raws)
    if refused:
        raw, reason = refused[0]
        raise UnprocessableEntity("nip-invalid-in-list", nip=raw[:40], reason=reason, extra={"invalid": len(refused)})
    return valid
