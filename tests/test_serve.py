"""`report-checker serve`: the HTTP interface, its guards and its confidentiality.

Through Starlette's test client, with the real process pool: the JSON of
`POST /check` is the command line's, damaged files get their reason (422),
uploads over the limit 413, requests without the token 401, a saturated pool
503 with Retry-After; every response carries the security headers; report
text is escaped; and an upload leaves nothing behind in the temporary folder
or the logs. The browser test is tests/test_serve_browser.py.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import tempfile
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

pytest.importorskip("httpx2", reason="the test client needs httpx2 (in the test extras)")
from starlette.testclient import TestClient  # noqa: E402

from checker.cli import main as cli  # noqa: E402
from checker.web import app as web  # noqa: E402
from checker.web.pool import CheckPool, Saturated  # noqa: E402

OLDHAM = SAMPLES / "oldham-ilacs-2019.txt"


@pytest.fixture(scope="module")
def client():
    with TestClient(web.create_app(workers=1)) as c:
        yield c


def _post(client, path, files, **data):
    return client.post(path, files=[("file", f) for f in files], data=data)


def test_health_and_the_security_headers(client):
    answer = client.get("/health")
    assert answer.status_code == 200 and answer.json()["status"] == "ok"
    csp = answer.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["cache-control"] == "no-store"
    missing = client.get("/nowhere")
    assert missing.status_code == 404 and missing.headers["cache-control"] == "no-store"


def test_the_page_and_its_script_come_from_this_origin(client):
    page = client.get("/")
    assert page.status_code == 200 and '<script src="/static/app.js"' in page.text
    assert "http" not in page.text.replace("http-equiv", "")  # nothing fetched elsewhere
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/static/../cli.py").status_code == 404


def test_json_is_exactly_the_command_lines(client, monkeypatch):
    answer = _post(client, "/check", [(OLDHAM.name, OLDHAM.read_bytes())], format="json")
    assert answer.status_code == 200
    monkeypatch.chdir(SAMPLES)
    cli_out = CliRunner().invoke(cli, ["check", "--format", "json", OLDHAM.name]).output
    assert answer.json() == json.loads(cli_out)


def test_several_files_in_one_request_and_a_damaged_one(client):
    answer = _post(client, "/check", [(OLDHAM.name, OLDHAM.read_bytes()),
                                      ("broken.pdf", b"%PDF-1.7\n1 0 obj\n")], format="json")
    assert answer.status_code == 422
    files = answer.json()["files"]
    assert [f["path"] for f in files] == [OLDHAM.name, "broken.pdf"]
    assert files[0]["error"] is None and "PDF" in files[1]["error"]


def test_html_escapes_report_text(client):
    text = OLDHAM.read_text(encoding="utf-8").replace(
        "The experience and progress", "<script>alert(1)</script> The experience and progress")
    answer = _post(client, "/check", [("hostile.txt", text.encode())])
    assert answer.headers["content-type"].startswith("text/html")
    assert "<script>alert(1)</script>" not in answer.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in answer.text


def test_annotate_returns_the_commented_copy(client, tmp_path):
    from wordbuild import docx_from_text
    text = OLDHAM.read_text(encoding="utf-8")
    draft = docx_from_text(text, tmp_path / "draft.docx").path
    answer = _post(client, "/annotate", [("draft.docx", draft.read_bytes())])
    assert answer.status_code == 200
    assert 'filename="draft-checked.docx"' in answer.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(answer.content)) as copy:
        comments = copy.read("word/comments.xml").decode()
    assert "SEC002" in comments
    refused = _post(client, "/annotate", [(OLDHAM.name, OLDHAM.read_bytes())])
    assert refused.status_code == 422 and ".docx" in refused.json()["error"]


def test_uploads_over_the_limit_are_413(client, monkeypatch):
    monkeypatch.setattr(web, "MAX_BYTES", 1000)
    answer = _post(client, "/check", [(OLDHAM.name, OLDHAM.read_bytes())])
    assert answer.status_code == 413 and "size limit" in answer.json()["error"]


def test_no_file_is_a_clear_400(client):
    answer = client.post("/check", data={"format": "json"})
    assert answer.status_code == 400 and "'file'" in answer.json()["error"]


def test_a_saturated_pool_answers_503_with_retry_after(client):
    pool = client.app.app.state.pool
    pool.admitted = pool.limit
    try:
        answer = _post(client, "/check", [(OLDHAM.name, OLDHAM.read_bytes())])
    finally:
        pool.admitted = 0
    assert answer.status_code == 503 and answer.headers["retry-after"] == "5"


def test_the_pool_admits_workers_plus_queue():
    async def scenario():
        pool = CheckPool(workers=1, queue=1)
        try:
            slow = [asyncio.ensure_future(pool.run(pow, 2, 10)) for _ in range(2)]
            await asyncio.sleep(0)
            with pytest.raises(Saturated):
                await pool.run(pow, 2, 10)
            assert await asyncio.gather(*slow) == [1024, 1024]
        finally:
            pool.close()
    asyncio.run(scenario())


def test_a_token_guards_every_route_but_health():
    with TestClient(web.create_app(workers=1, token="s3cret")) as c:
        assert c.get("/").status_code == 401
        assert _post(c, "/check", [(OLDHAM.name, OLDHAM.read_bytes())]).status_code == 401
        assert c.get("/health").status_code == 200
        bearer = c.post("/check", files=[("file", (OLDHAM.name, OLDHAM.read_bytes()))],
                        data={"format": "json"}, headers={"Authorization": "Bearer s3cret"})
        assert bearer.status_code == 200
        wrong = c.get("/?token=nope", follow_redirects=False)
        assert wrong.status_code == 303 and "set-cookie" not in wrong.headers
        right = c.get("/?token=s3cret")  # sets the cookie, then the page opens
        assert right.status_code == 200 and "Check a report" in right.text


def test_serve_refuses_another_interface_without_a_token():
    out = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0"])
    assert out.exit_code == 2 and "--token-file" in out.output


def _files_holding(folder: Path, marker: bytes) -> list[Path]:
    """The files under `folder` holding `marker`. os.walk, not rglob: other
    processes add and remove folders under the shared temporary folder while
    it is read, and rglob raises when one vanishes (os.walk skips it)."""
    found = []
    for root, _, files in os.walk(folder):
        for name in files:
            path = Path(root, name)
            try:
                if path.is_file() and marker in path.read_bytes():
                    found.append(path)
            except OSError:
                continue
    return found


def test_an_upload_leaves_no_trace(client, caplog, capfd, tmp_path):
    """A draft with a unique marker is checked and annotated; afterwards the
    temporary folder holds no file with the marker and no log line has it."""
    from wordbuild import docx_from_text
    marker = f"Zebracorn{os.getpid()}Marker"
    text = OLDHAM.read_text(encoding="utf-8").replace(
        "The experience and progress", f"{marker} The experience and progress")
    draft = docx_from_text(text, tmp_path / "d.docx").path.read_bytes()
    (tmp_path / "d.docx").unlink()
    caplog.set_level(logging.DEBUG)
    big = (text + "\n" + "padding line\n" * 200_000).encode()  # past any in-memory spool
    for name, data in (("draft.txt", text.encode()), ("big.txt", big), ("draft.docx", draft)):
        assert _post(client, "/check", [(name, data)], format="json").status_code in (200, 422)
    assert _post(client, "/annotate", [("draft.docx", draft)]).status_code == 200
    assert not _files_holding(Path(tempfile.gettempdir()), marker.encode())
    out, err = capfd.readouterr()
    assert marker not in out + err
    assert not [r for r in caplog.records if marker in r.getMessage()]
