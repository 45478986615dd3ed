"""The HTML report (checker/output/html/): one self-contained page that
escapes every piece of report text, marks each finding where it occurs,
gives the judgement table's verdicts and the evidence map; and, in a real
headless Chromium, shows hostile report text as text and never runs it."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import browser
import pytest
from conftest import SAMPLES, mutate, sample_text
from markupsafe import escape

from checker.api import check_file, check_text
from checker.datafiles.resources import data_dir
from checker.output import html as html_format
from checker.output.html.text import segments

# Each payload would change the page if it ran or became markup.
SCRIPT = "<script>document.title='PWNED'</script>"
IMG = "<img src=x onerror=\"document.title='PWNED'\">"
ATTR = "\" onmouseover=\"document.title='PWNED'"
SVG = "<svg onload=\"document.body.appendChild(document.createElement('pwned'))\">"
PAYLOADS = (SCRIPT, IMG, ATTR, SVG)
DRAFT_PATH = f"drafts/{SCRIPT}.txt"

DRAFT_SLIPS = [
    # hostile text in a paragraph, an improvement item and a table row name
    ("Assessments are thorough", f"Assessments are {SCRIPT} thorough"),
    # (the item is also a real slip: Rochdale's findings never discuss radicalisation)
    ("- The response to disabled children.",
     f"- The response to children at risk of radicalisation {IMG}."),
    ("The experiences and progress of care leavers\tRequires",
     f"The experiences and progress of care leavers{ATTR}\tRequires"),
    # real defects: an incoherent overall grade, a heading against the table,
    # a repeated paragraph number
    ("Overall effectiveness\tRequires improvement to be good", "Overall effectiveness\tGood"),
    ("children in care: requires improvement to be good", "children in care: good"),
    ("\n19. Most children live", f"\n18. Most children live {SVG}"),
]

ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "footer", "main",
                "nav", "section", "article", "div", "h1", "h2", "h3", "h4", "p", "a", "span",
                "strong", "br", "q", "mark", "dl", "dt", "dd", "ul", "ol", "li", "table",
                "caption", "thead", "tbody", "tr", "th", "td", "details", "summary",
                "blockquote", "pre"}


class Page(HTMLParser):
    """Tags, attributes, ids and text of a rendered page."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self.title = ""
        self._in = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in.append(tag)

    def handle_endtag(self, tag):
        if tag in self._in:
            while self._in.pop() != tag:
                pass

    def handle_data(self, data):
        if self._in and self._in[-1] == "style":
            self.styles.append(data)
        elif self._in and self._in[-1] == "title":
            self.title += data
        else:
            self.text.append(data)

    @property
    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.tags if "id" in a}

    @property
    def all_text(self) -> str:
        return "".join(self.text)


@pytest.fixture(scope="module")
def rules(all_rules):
    return all_rules


@pytest.fixture(scope="module")
def hostile(rules):
    """A draft with hostile text and real errors, a sample, and two files
    that cannot be checked (one with a hostile line near its error)."""
    draft = mutate(sample_text("rochdale-ilacs-2023.txt"), DRAFT_SLIPS)
    results = [
        check_text(draft, path=DRAFT_PATH, rules=rules),
        check_file(SAMPLES / "rochdale-jtai-2024.txt", rules=rules),
        check_text("", path="empty.txt", rules=rules),
        check_text(f"Inspection of {IMG} local authority children's services\n\n"
                   "Judgement\tGrade\nfoo\tbar\n", path=f"broken{SVG}.txt", rules=rules),
    ]
    assert results[0].error is None and results[1].error is None
    assert results[2].error and results[3].error and results[3].error_line
    return results, html_format.render(results, rules)


# ------------------------------------------------------------- no browser ----

def test_every_report_text_is_escaped(hostile):
    results, page_source = hostile
    page = Page(page_source)
    tags = {tag for tag, _ in page.tags}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    handlers = [(tag, name) for tag, attrs in page.tags for name in attrs
                if name.lower().startswith("on")]
    assert handlers == []
    text = page.all_text
    for payload in PAYLOADS:
        assert payload in text, payload  # shown, as text
    assert DRAFT_PATH in text
    assert "PWNED" not in page.title
    # every message, with its quotes, is text too (and in attributes, escaped)
    for d in results[0].diagnostics:
        assert d.message in text
    assert page_source.count("<script") == 0


def test_one_self_contained_file_with_no_external_url(hostile):
    _, page_source = hostile
    page = Page(page_source)
    assert not any("src" in attrs for _, attrs in page.tags)
    hrefs = [attrs["href"] for _, attrs in page.tags if "href" in attrs]
    assert hrefs and all(h.startswith("#") for h in hrefs)
    missing = {h[1:] for h in hrefs} - page.ids
    assert not missing, sorted(missing)[:5]  # every in-page link has its target
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", page_source,
                         re.I)
    css = "".join(page.styles)
    assert "url(" not in css and "@import" not in css
    csp = [a for t, a in page.tags if t == "meta" and a.get("http-equiv") ==
           "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]["content"]
    assert "script-src 'none'" in csp[0]["content"]


def test_templates_never_mark_values_safe():
    env = html_format._env()
    assert env.autoescape is True
    assert env.undefined.__name__ == "StrictUndefined"
    folder = data_dir("templates")
    for path in [folder / html_format.TEMPLATE, *sorted((folder / "html").glob("*.jinja"))]:
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"\|\s*safe\b|Markup|autoescape\s+false", source), path.name


def _row(page_source: str, fid: str, line: int) -> str:
    """The HTML of one line of the marked text."""
    start = page_source.index(f'id="{fid}-L{line}"')
    end = page_source.find('<div class="row', start)
    return page_source[start:end if end != -1 else len(page_source)]


def test_findings_are_marked_on_their_lines_with_their_messages_beside(hostile):
    results, page_source = hostile
    draft = results[0]
    problems = [d for d in draft.diagnostics if d.severity != "info"]
    assert {d.rule for d in problems} >= {"GRD001", "SEC001", "NUM001", "TBL001", "SUP001"}
    for d in problems:
        row = _row(page_source, "f1", d.line)
        assert f'<mark class="sev-{d.severity}"' in row, (d.rule, d.line)
        assert str(escape(d.message)) in row
        # the numbered reference to the note follows the span's last line
        assert 'href="#f1-d' in _row(page_source, "f1", max(d.line, d.end_line))
        for r in d.related:  # related places are links into the text
            assert f'href="#f1-L{r.line}"' in row
    # the overall grade is marked exactly: "Good" after the tab on line 14
    grd = next(d for d in problems if d.rule == "GRD001")
    assert '<mark class="sev-error" title="#' in _row(page_source, "f1", grd.line)
    assert re.search(r'<mark class="sev-error"[^>]*>Good</mark>', _row(page_source, "f1", 14))


def test_segments_cut_overlapping_findings_and_place_references():
    a = {"id": "a", "severity": "warning"}
    b = {"id": "b", "severity": "error"}
    pieces = segments("abcdefgh", [(1, 5, a, True), (3, 7, b, True),
                                                (8, 8, a, False)])
    flat = [(p["text"], p["severity"], p["ref"]["id"] if p["ref"] else None) for p in pieces]
    assert flat == [("a", None, None), ("bc", "warning", None), ("de", "error", None),
                    ("", None, "a"), ("fg", "error", None), ("", None, "b"), ("h", None, None)]
    # an empty span is a reference at its place; nothing is lost or doubled
    pieces = segments("abc", [(3, 3, a, True)])
    assert "".join(p["text"] for p in pieces) == "abc" and pieces[-1]["ref"] is a


def _verdicts(page_source: str, fid: str) -> dict[int, str]:
    return {int(line): status for status, line in re.findall(
        rf'<tr class="verdict-(\w+)">\s*<th scope="row"><a href="#{fid}-L(\d+)">', page_source)}


def test_judgement_table_verdicts(hostile, rules):
    _, page_source = hostile
    # the draft: overall effectiveness (14), children in care (12, heading
    # graded good) and the misnamed care leavers row (13) have problems
    assert _verdicts(page_source, "f1") == {10: "ok", 11: "ok", 12: "error", 13: "error",
                                            14: "error"}
    # Oldham's published report: its misworded heading meets its row
    oldham = html_format.render([check_file(SAMPLES / "oldham-ilacs-2019.txt", rules=rules)],
                                rules)
    assert _verdicts(oldham, "f1") == {12: "ok", 13: "ok", 14: "warning", 15: "ok"}
    assert 'href="#f1-L73">line 73</a>: <q>The experience and progress' in oldham
    assert "orphan" not in oldham and "graded in the table only" in oldham


def _evidence(page_source: str, fid: str) -> list[str]:
    start = page_source.index(f'id="{fid}-evidence"')
    end = page_source.index(f'id="{fid}-text"')
    return re.findall(r'<li class="item ev-(\w+)">', page_source[start:end])


def test_evidence_map_lists_supporting_paragraphs_or_their_lack(hostile):
    _, page_source = hostile
    # the draft: item 4 (now hostile text) is not supported; the rest are
    assert _evidence(page_source, "f1") == ["supported"] * 3 + ["unsupported"] + \
        ["supported"] * 4
    # the JTAI letter: 8 items, then 9 strengths of which the last is
    # unsupported; SUP004 records the evidence of the supported strengths
    assert _evidence(page_source, "f2") == ["supported"] * 16 + ["unsupported"]
    start = page_source.index('id="f2-evidence"')
    section = page_source[start:page_source.index('id="f2-text"')]
    assert "Strengths" in section and 'class="match"' in section
    assert "no evidence recorded" not in section
    assert section.count('<ul class="paragraphs">') == 17  # every item and strength


def test_evidence_map_reads_what_the_rules_recorded(rules):
    """The map is the diagnostics' `data`: with the rule that records
    supported items ignored, those items have no evidence recorded (the page
    runs no check), while unsupported ones keep their closest paragraphs."""
    from checker.engine.config import Config
    draft = mutate(sample_text("rochdale-ilacs-2023.txt"), DRAFT_SLIPS)
    without = Config(ignore=("improvement-item-evidence",)).rules_for(rules, "")
    assert "SUP002" in {r.id for r in rules} and "SUP002" not in {r.id for r in without}
    page_source = html_format.render([check_text(draft, rules=without)], without)
    assert _evidence(page_source, "f1") == ["unknown"] * 3 + ["unsupported"] + ["unknown"] * 4
    assert "No evidence was recorded for this improvement item" in page_source
    # with every rule: each supported item's paragraphs, as the check found them
    result = check_text(draft, rules=rules)
    recorded = [d for d in result.diagnostics if d.rule.startswith("SUP")]
    assert len(recorded) == 8
    page_source = html_format.render([result], rules)
    for d in recorded:
        for paragraph in d.data["evidence"]:
            assert f'<a href="#f1-L{paragraph["line"]}">{paragraph["label"]}</a>' in page_source
        for topic in d.data["topics"]:  # each topic, discussed or never
            assert html.escape(topic["name"]) in page_source


def test_the_html_package_knows_no_rule():
    """No rule id, no message parsing, no check run: the renderer reads
    diagnostics' data, rule metadata and the model."""
    import ast
    folder = data_dir("templates").parent / "checker" / "output" / "html"
    for path in sorted(folder.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"['\"](?:GRD|TBL|SEC|SUP)\d*['\"]", source), path.name
        imported = {node.module for node in ast.walk(ast.parse(source))
                    if isinstance(node, ast.ImportFrom)}
        # the one exception, until the model carries judgement_exact
        assert {m for m in imported if m and m.startswith("checker.checks")} <= (
            {"checker.checks.sections"} if path.name == "judgements.py" else set()), path.name


def test_summary_navigation_and_unreadable_files(hostile):
    results, page_source = hostile
    page = Page(page_source)
    text = page.all_text
    errors = sum(r.count("error") for r in results)
    assert page.title.startswith(f"report-checker: {errors} errors, ")
    assert "2 could not be checked" in " ".join(text.split())
    assert "Could not be checked: empty file" in " ".join(text.split())
    assert results[3].error in text and IMG in text  # reason, and the line near it
    for n in range(1, 5):
        assert f'href="#f{n}"' in page_source
    assert 'href="#f1-findings"' in page_source and 'href="#f2-evidence"' in page_source


def test_render_takes_no_rules_and_empty_results():
    assert "0 files" in html_format.render([], ())
    result = check_file(SAMPLES / "rochdale-focused-visit-2019.txt")
    page = html_format.render([result], None)
    assert "No judgement table" in page and 'class="item ev-supported"' in page


# ---------------------------------------------------------- in a browser ----

needs_browser = pytest.mark.skipif(
    not browser.available(),
    reason=f"headless Chromium is not installed at {browser.CHROMIUM} "
           "(Debian package `chromium`; CI installs it)")


def _dom_text(s: str) -> str:
    """`s` as Chromium serialises a text node."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        "\xa0", "&nbsp;")


def _without_csp(page_source: str) -> str:
    out, n = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page_source)
    assert n == 1
    return out


@needs_browser
def test_browser_shows_report_text_as_text_and_never_runs_it(hostile, tmp_path):
    results, page_source = hostile
    title = Page(page_source).title
    # With its Content-Security-Policy, and without it: escaping alone must
    # keep the payloads inert, not the policy.
    for name, source in (("page.html", page_source), ("no-csp.html", _without_csp(page_source))):
        path = tmp_path / name
        path.write_text(source, encoding="utf-8")
        dom = browser.dump_dom(path)
        assert f"<title>{_dom_text(title)}</title>" in dom, name
        assert "PWNED</title>" not in dom and "<pwned" not in dom
        assert "<script" not in dom and "<img" not in dom and "<svg" not in dom
        assert "onerror=" not in dom.replace(_dom_text(IMG), "")
        for payload in PAYLOADS:
            assert _dom_text(payload) in dom, (name, payload)
        # the findings: marked, numbered and explained
        problems = [d for d in results[0].diagnostics if d.severity != "info"]
        assert dom.count('<mark class="sev-error"') >= 4
        for n, d in enumerate(sorted(results[0].diagnostics, key=lambda d: (
                d.line, d.column, ("error", "warning", "info").index(d.severity), d.rule)), 1):
            if d.severity != "info":
                assert f'id="f1-d{n}"' in dom
        for d in problems:
            assert _dom_text(d.message) in dom, d.rule
    # the control: the same payloads as markup do run in this browser, so the
    # checks above would have seen it
    control = tmp_path / "control.html"
    control.write_text(_without_csp(page_source).replace("<main", f"{SCRIPT}{SVG}<main", 1),
                       encoding="utf-8")
    dom = browser.dump_dom(control)
    assert "<title>PWNED</title>" in dom and "<pwned" in dom


@needs_browser
def test_browser_screenshot_renders(tmp_path, rules):
    results = [check_file(f, rules=rules) for f in sorted(SAMPLES.glob("*.txt"))]
    path = tmp_path / "samples.html"
    path.write_text(html_format.render(results, rules), encoding="utf-8")
    png = tmp_path / "samples.png"
    assert browser.screenshot(path, png, 1280, 900) == (1280, 900)
    # a blank or unstyled page compresses to a few kilobytes
    assert png.stat().st_size > 40_000


def test_findings_off_the_text_and_control_characters(rules):
    """A finding past the last line is listed above the text, an empty span
    is a reference at its column, and control characters keep their column."""
    from dataclasses import replace

    from checker.engine.rules import Diagnostic
    text = mutate(sample_text("rochdale-jtai-2024.txt"),
                  [("Nevertheless, while", "Neve\x0c\x01rtheless, while")])
    result = check_text(text, path="letter.txt", rules=rules)
    line = next(n for n, t in enumerate(result.source.original_lines, 1) if "\x0c" in t)
    extra = [Diagnostic("XYZ001", "error", "beyond the end", 9999, 1, 9999, 2),
             Diagnostic("XYZ002", "warning", "just here", line, 5, line, 5),
             Diagnostic("XYZ003", "error", "the two controls", line, 5, line, 7)]
    result = replace(result, diagnostics=[*result.diagnostics, *extra])
    page = html_format.render([result], rules)
    assert 'class="notes unplaced"' in page and "beyond the end" in page
    row = _row(page, "f1", line)
    assert "\x0c" not in page and "\x01" not in page
    assert re.search(r'<mark class="sev-error"[^>]*>\u240c\u2401</mark>', row)
    assert "just here" in row and row.count('class="ref sev-') == 2
    Page(page)  # parses
