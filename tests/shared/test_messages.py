"""The message catalogue: every code in both languages, Indonesian by default, English on request."""

import re
from pathlib import Path

from shared.messages import LOCALES, catalogues, has, negotiate, placeholders, text_in
from tests.problem import assert_problem

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [p for d in ("shared", "services", "gateway") for p in (ROOT / d).rglob("*.py")]
# A code used in the source: t("code"), or an error raised with a code as its first argument.
USED = re.compile(
    r"""(?:\bt|Error|NotFound|Forbidden|Conflict|Unauthorized|Entity|Failed|Required|Unavailable|BadRequest|TooLarge)\(\s*"([a-z0-9][a-z0-9.\-_]*)"[,)]"""
)


def test_every_code_has_a_text_in_both_languages_with_the_same_placeholders():
    texts = catalogues()
    assert set(LOCALES) == {"id", "en"}
    assert set(texts["id"]) == set(texts["en"]) and len(texts["id"]) > 50
    for code, text in texts["id"].items():
        assert text.strip() and texts["en"][code].strip(), code
        assert placeholders(text) == placeholders(texts["en"][code]), code


def test_every_code_the_source_uses_is_in_the_catalogue():
    used = {m for p in SOURCES for m in USED.findall(p.read_text(encoding="utf-8"))}
    assert used, "the pattern finds the codes"
    assert sorted(c for c in used if not has(c)) == []


def test_the_request_language_is_negotiated_from_accept_language():
    assert negotiate(None) == "id"
    assert negotiate("en-US,en;q=0.9") == "en"
    assert negotiate("fr-FR, en;q=0.5") == "en"
    assert negotiate("en;q=0.2, id;q=0.8") == "id"
    assert negotiate("de") == "id"
    assert text_in("en", "http-404", path="/x") == "There is no resource at /x."
    assert text_in("id", "http-404", path="/x") == "Tidak ada sumber daya di /x."


async def test_problems_are_in_indonesian_by_default_and_in_english_on_request(pegawai_client):
    pegawai_client.headers.pop("Accept-Language")
    r = await pegawai_client.get("/api/v1/tidak-ada")
    body = assert_problem(r, 404, "tidak ada sumber daya")
    assert body["type"].endswith("/http-404") and body["title"] == "Tidak ditemukan"
    assert r.headers["content-language"] == "id"
    r = await pegawai_client.get("/api/v1/tidak-ada", headers={"Accept-Language": "en"})
    body = assert_problem(r, 404, "there is no resource")
    assert body["type"].endswith("/http-404") and body["title"] == "Not found"
    assert r.headers["content-language"] == "en"


async def test_field_errors_carry_a_stable_code_and_a_message_in_the_language(pegawai_client):
    pegawai_client.headers.pop("Accept-Language")
    body = assert_problem(await pegawai_client.post("/api/v1/unit-organisasi", json={"kode": "X" * 60}), 422)
    by_field = {e["field"]: e for e in body["errors"]}
    assert by_field["nama"]["code"] == "missing" and by_field["nama"]["message"] == "wajib diisi"
    assert by_field["kode"]["code"] == "string_too_long" and "50" in by_field["kode"]["message"]
    english = assert_problem(
        await pegawai_client.post("/api/v1/unit-organisasi", json={}, headers={"Accept-Language": "en"}), 422
    )
    assert {e["message"] for e in english["errors"]} == {"is required"}


LITERAL = re.compile(
    r"""\b(?:NotFound|Forbidden|Conflict|Unauthorized|UnprocessableEntity|PreconditionFailed|PreconditionRequired|UpstreamUnavailable|UpstreamError|BadRequest|AppError)\(\s*f?["'][^"']*\s[^"']*["']"""
)


def test_no_error_is_raised_with_a_literal_text_instead_of_a_code():
    literal = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in SOURCES
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if LITERAL.search(line)
    ]
    assert literal == []
