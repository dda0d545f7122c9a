"""Messages people read, from one catalogue: Indonesian by default, English on request.

Each message has a stable code (what a frontend maps; also the problem `type`) and a text per
language in the gettext catalogues under `shared/locale/<lang>/LC_MESSAGES/messages.po`, read
with Babel. The request's language comes from `Accept-Language` (see `LocaleMiddleware`) and
lives in a context variable, so code deep in a service renders a message with `t(code, ...)`
without passing the request around.
"""

from __future__ import annotations

from contextvars import ContextVar
from functools import cache
from pathlib import Path
from string import Formatter
from typing import Any

from babel.core import negotiate_locale
from babel.messages.pofile import read_po
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOCALE_DIR = Path(__file__).parent / "locale"
LOCALES = ("id", "en")
DEFAULT_LOCALE = "id"
DOMAIN = "messages"

locale_var: ContextVar[str] = ContextVar("locale", default=DEFAULT_LOCALE)


class CatalogueError(ValueError):
    """A catalogue is broken: a code without a text, or texts whose placeholders disagree."""


@cache
def catalogues() -> dict[str, dict[str, str]]:
    """code -> text for each language, read once. Both languages must hold the same codes with
    the same placeholders, or the service does not start."""
    out: dict[str, dict[str, str]] = {}
    for lang in LOCALES:
        path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        with path.open("rb") as fh:
            catalogue = read_po(fh, locale=lang)
        out[lang] = {str(m.id): str(m.string) for m in catalogue if m.id and m.string}
    reference = out[DEFAULT_LOCALE]
    for lang, texts in out.items():
        if set(texts) != set(reference):
            missing = sorted(set(reference) ^ set(texts))
            raise CatalogueError(f"{lang}: codes differ from {DEFAULT_LOCALE}: {', '.join(missing[:10])}")
        for code, text in texts.items():
            if placeholders(text) != placeholders(reference[code]):
                raise CatalogueError(f"{lang}: the placeholders of {code} differ from {DEFAULT_LOCALE}")
    return out


def placeholders(text: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in Formatter().parse(text) if name)


def has(code: str) -> bool:
    return code in catalogues()[DEFAULT_LOCALE]


def t(code: str, /, **params: Any) -> str:
    """The text of `code` in the request's language, with `params` filled in.

    A code missing from the catalogue is a programming error that a test catches; at run time
    the code itself is shown rather than failing the request.
    """
    return text_in(locale_var.get(), code, **params)


def text_in(locale: str, code: str, /, **params: Any) -> str:
    """The text of `code` in `locale` (falling back to Indonesian), with `params` filled in."""
    texts = catalogues()
    text = texts.get(locale, texts[DEFAULT_LOCALE]).get(code)
    if text is None:
        return code
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text


def negotiate(accept_language: str | None) -> str:
    """The best of our languages for an Accept-Language header (RFC 9110 12.5.4), else Indonesian."""
    if not accept_language:
        return DEFAULT_LOCALE
    weighted: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept_language.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and quality > 0:
            weighted.append((-quality, i, tag.strip().replace("-", "_")))
    preferred = [tag for _, _, tag in sorted(weighted)]
    if "*" in preferred:
        preferred = [p for p in preferred if p != "*"] + [DEFAULT_LOCALE]
    return negotiate_locale(preferred, list(LOCALES), sep="_") or DEFAULT_LOCALE


class LocaleMiddleware:
    """Sets the request's language from Accept-Language and answers with Content-Language."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header = next((v for k, v in scope.get("headers") or [] if k == b"accept-language"), b"")
        lang = negotiate(header.decode("latin-1"))
        token = locale_var.set(lang)

        async def send_with_language(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"content-language", lang.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_language)
        finally:
            locale_var.reset(token)
