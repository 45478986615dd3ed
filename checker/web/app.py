"""The web application: the page, its small HTTP interface, and its guards.

Routes: `GET /` (the page), `GET /static/{name}` (its script and style),
`GET /health`, `POST /check` (multipart `file`, repeatable; `format=html`
or `json`, the JSON exactly `check --format json`'s), `POST /annotate` (one
.docx; the commented copy as a download).

Guards, in the order a request meets them: security headers on every
response (SecurityHeaders); the token, when one is set (a bearer header, or
the cookie `GET /?token=...` sets for a browser); the size limit of the
command line (413); the pool's bounded queue (503 with Retry-After).
Uploads are read into memory (Starlette's form parser is told never to
spool them to disk) and handed to a worker (jobs.py); no upload, file name
or report text is ever logged.
"""

from __future__ import annotations

import hmac
import json
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.formparsers import MultiPartParser
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from checker.datafiles.resources import data_dir
from checker.reading.source import MAX_BYTES
from checker.web import jobs
from checker.web.pool import CheckPool, Saturated

MAX_FILES = 20
COOKIE = "report_checker_token"
STATIC = {"app.js": "text/javascript", "page.css": "text/css"}
CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()),
           (b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
           (b"referrer-policy", b"no-referrer"), (b"cache-control", b"no-store")]

# Starlette keeps an uploaded file in memory up to this size and on disk
# beyond it; an upload is never larger than MAX_BYTES (checked before the
# form is parsed), so a draft never reaches the disk this way.
MultiPartParser.spool_max_size = MAX_BYTES + 1


class SecurityHeaders:
    """ASGI middleware: the headers above on every response, errors included."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {k for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *((k, v) for k, v in HEADERS if k not in names)]
            await send(message)
        await self.app(scope, receive, send_with_headers)


class TooLarge(Exception):
    pass


def _problem(status: int, message: str, **headers) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def _authorised(request: Request) -> bool:
    token = request.app.state.token
    if token is None:
        return True
    given = request.headers.get("authorization", "").removeprefix("Bearer ").strip() \
        or request.cookies.get(COOKIE, "")
    return hmac.compare_digest(given.encode(), token.encode())


async def _bounded_body(request: Request) -> bytes:
    """The request body, refused (TooLarge) as soon as it passes the limit."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BYTES + 2**20:
        raise TooLarge
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BYTES + 2**20:  # the files and the form's own bytes
            raise TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


async def _uploads(request: Request) -> tuple[list[tuple[str, bytes]], dict]:
    """(name, bytes) of each `file` field, and the other fields."""
    body = await _bounded_body(request)

    async def replay():
        return {"type": "http.request", "body": body, "more_body": False}
    form = await Request(request.scope, replay).form(max_files=MAX_FILES, max_fields=10)
    files, fields = [], {}
    for key, value in form.multi_items():
        if key == "file" and hasattr(value, "read"):
            data = await value.read()
            if len(data) > MAX_BYTES:
                raise TooLarge
            files.append((value.filename or "upload.txt", data))
        elif isinstance(value, str):
            fields[key] = value
    await form.close()
    return files, fields


async def _guarded(request: Request, handle):
    """Token, size and saturation answered here, once for every route."""
    if not _authorised(request):
        return _problem(401, "a token is needed: open the address the server printed, "
                             "or send 'Authorization: Bearer TOKEN'")
    try:
        files, fields = await _uploads(request)
        if not files:
            return _problem(400, "no file: send each report as a multipart field 'file'")
        answer = await handle(request.app.state.pool, files, fields, request)
    except TooLarge:
        return _problem(413, f"an upload is over the size limit of {MAX_BYTES // 2**20} MB")
    except Saturated:
        return _problem(503, "every worker is busy and the queue is full: try again shortly",
                        **{"Retry-After": "5"})
    headers = {}
    if answer.filename:
        headers["Content-Disposition"] = f'attachment; filename="{answer.filename}"'
    return Response(answer.body, status_code=answer.status, media_type=answer.media_type,
                    headers=headers)


async def check(request: Request) -> Response:
    async def handle(pool, files, fields, request):
        fmt = fields.get("format") or request.query_params.get("format") or "html"
        if fmt not in ("html", "json"):
            return jobs.Answer(400, json.dumps({"error": "format is html or json"}).encode(),
                               jobs.JSON)
        return await pool.run(jobs.check_uploads, files, fmt)
    return await _guarded(request, handle)


async def annotate(request: Request) -> Response:
    async def handle(pool, files, fields, request):
        if len(files) != 1:
            return jobs.Answer(400, b'{"error": "send exactly one .docx draft"}', jobs.JSON)
        return await pool.run(jobs.annotate_upload, *files[0])
    return await _guarded(request, handle)


async def page(request: Request) -> Response:
    token = request.query_params.get("token")
    if token is not None and request.app.state.token is not None:
        answer = RedirectResponse("/", status_code=303)
        if hmac.compare_digest(token.encode(), request.app.state.token.encode()):
            answer.set_cookie(COOKIE, token, httponly=True, samesite="strict")
        return answer
    if not _authorised(request):
        return _problem(401, "a token is needed: open the address the server printed")
    return FileResponse(data_dir("templates") / "web" / "index.html",
                        media_type="text/html; charset=utf-8")


async def static(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in STATIC:
        return _problem(404, "not found")
    return FileResponse(data_dir("templates") / "web" / name, media_type=STATIC[name])


async def health(request: Request) -> Response:
    pool = request.app.state.pool
    return JSONResponse({"status": "ok", "workers": pool.workers, "busy": pool.admitted})


def create_app(workers: int = 2, queue: int | None = None, token: str | None = None):
    """The application, with its pool of `workers` processes and a queue of
    `queue` waiting requests (default: four per worker)."""
    @asynccontextmanager
    async def lifespan(app):
        app.state.pool = CheckPool(workers, 4 * workers if queue is None else queue)
        try:
            yield
        finally:
            app.state.pool.close()

    app = Starlette(routes=[
        Route("/", page), Route("/static/{name}", static), Route("/health", health),
        Route("/check", check, methods=["POST"]),
        Route("/annotate", annotate, methods=["POST"]),
    ], lifespan=lifespan)
    app.state.token = token
    return SecurityHeaders(app)
