"""The page of `report-checker serve` in a real browser: Debian's Chromium
driven by Playwright (the system browser; nothing is downloaded).

A live server on a free loopback port; the page uploads a Word draft with
three planted slips and a published PDF, shows each finding, filters to
errors only, downloads the commented copy (whose comments are read back),
and shows a report's `<script>` text as text without running it.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from browser import CHROMIUM
from conftest import ROOT, SAMPLES, running_server

playwright_api = pytest.importorskip("playwright.sync_api",
                                     reason="Playwright is in the test extras")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason=f"no Chromium at {CHROMIUM} (Debian package `chromium`;"
                                       " CI installs it)")

SLIPS = (("Overall effectiveness\tRequires improvement to be good",
          "Overall effectiveness\tOutstanding"),
         ("The experiences and progress of care leavers: requires improvement to be good",
          "The experiences and progress of care leavers: good"),
         ("1. Children in Rochdale benefit", "1. Children in Oldham benefit"))
PDF = ROOT / "tests" / "fixtures" / "pdf" / "manchester-2025-09-80521.pdf"


@pytest.fixture(scope="module")
def server():
    from checker.web.app import create_app
    with running_server(create_app(workers=2)) as address:
        yield f"http://{address}/"


@pytest.fixture(scope="module")
def page(server):
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM),
                                    args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.dialogs = dialogs
        page.goto(server)
        yield page
        browser.close()


def _draft(tmp_path):
    from wordbuild import docx_from_text
    text = (SAMPLES / "rochdale-ilacs-2023.txt").read_text(encoding="utf-8")
    for old, new in SLIPS:
        text = text.replace(old, new)
    return docx_from_text(text, tmp_path / "draft.docx").path


def _check(page, paths, expected: str):
    page.set_input_files("#files", [str(p) for p in paths])
    page.get_by_role("button", name="Check", exact=True).click()
    page.get_by_role("status").filter(has_text=expected).wait_for(timeout=60_000)


def test_a_draft_and_a_pdf_their_findings_filters_and_the_commented_copy(page, tmp_path):
    _check(page, [_draft(tmp_path), PDF], "Checked 2 files.")
    results = page.locator("#results")
    for rule in ("GRD001", "SEC001", "AUT001", "TBL001"):  # TBL001: Manchester's real slip
        assert results.locator(f"tr[data-severity=error]:has-text('{rule}')").count() == 1, rule
    warnings = results.locator("tr[data-severity=warning]")
    assert warnings.count() > 0 and warnings.first.is_visible()
    page.get_by_label("warnings").uncheck()  # errors only
    assert not warnings.first.is_visible()
    assert results.locator("tr[data-severity=error]").first.is_visible()
    page.get_by_label("Rule group").select_option("facts")
    assert results.locator("tr[data-severity=error]:has-text('AUT001')").is_visible()
    assert not results.locator("tr[data-severity=error]:has-text('GRD001')").is_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download draft-checked.docx").click()
    saved = tmp_path / "copy.docx"
    download.value.save_as(saved)
    with zipfile.ZipFile(io.BytesIO(saved.read_bytes())) as copy:
        comments = copy.read("word/comments.xml").decode()
    for rule in ("GRD001", "SEC001", "AUT001"):
        assert rule in comments


def test_script_text_is_shown_as_text_and_a_damaged_file_gets_its_reason(page, tmp_path):
    hostile = tmp_path / "hostile.txt"
    text = (SAMPLES / "oldham-ilacs-2019.txt").read_text(encoding="utf-8")
    hostile.write_text(text.replace("The experience and progress",
                                    "<script>alert('x')</script> The experience and progress"),
                       encoding="utf-8")
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(PDF.read_bytes()[:4000])
    _check(page, [hostile, damaged], "Checked 2 files.")
    assert page.locator("#results").get_by_text("<script>alert('x')</script>").count() >= 1
    assert page.dialogs == []
    # a damaged file's reason is on the page, not an error page
    assert page.locator("#results").get_by_text("truncated PDF").count() >= 1
