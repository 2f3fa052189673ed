"""HTML, PDF, DOCX and re-encoded text give the same relations as the plain-text description, with evidence
that slices the extracted text and points at the page or element it came from (issue 26)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from orgkg.loaders import InputError, load_file

LINES = [
    "Budget Analyst",
    "Job Code: B123",
    "Department: Office of Management and Budget",
    "Reports to: Finance Director",
    "Supervises: Accounting Clerks",
    "Essential Functions",
    "Prepares the annual operating budget and reviews department requests.",
    "Works closely with the Department of Public Works on capital projects.",
    "Serves as a member of the Budget Review Committee.",
]
TEXT = "\n".join(LINES) + "\n"


def relations(ex) -> set[tuple[str, str]]:
    return {(r.type, r.target) for r in ex.relations}


@pytest.fixture()
def plain(tmp_path):
    p = tmp_path / "plain.txt"
    p.write_text(TEXT, encoding="utf-8")
    ex = load_file(p)
    assert len(ex.relations) >= 4
    return ex


def _by_type(ex, rtype: str):
    return next(r for r in ex.relations if r.type == rtype)


def _exact(ex, source) -> None:
    """Every evidence span slices the extracted text exactly."""
    for r in ex.relations:
        e = r.evidence
        assert source.text[e.start:e.end] == e.text


def test_html_with_navigation_reads_like_the_text(tmp_path, plain):
    from orgkg.loaders.documents import read_document

    body = "".join(f"<p>{ln}</p>" for ln in LINES[2:5])
    duties = "".join(f"<li>{ln}</li>" for ln in LINES[6:])
    html = (f"<!DOCTYPE html><html><head><title>Jobs</title><style>p {{color: red}}</style>"
            f"<script>var reportsTo = 'Mayor';</script></head><body>"
            f"<nav role='navigation'><ul><li>Home</li><li>Reports to: The Mayor</li></ul></nav>"
            f"<header>County of Example careers</header><main><h1>{LINES[0]}</h1>"
            f"<table><tr><th>Job Code</th><td>B123</td></tr></table>{body}<h2>{LINES[5]}</h2><ul>{duties}</ul>"
            f"</main><aside>Works with the Sheriff</aside><footer>Contact the Office of the Mayor</footer></body></html>")
    p = tmp_path / "analyst.html"
    p.write_text(html, encoding="utf-8")
    ex = load_file(p)
    assert relations(ex) == relations(plain)
    assert ex.role["working_title"] == "Budget Analyst" and ex.role["code"] == "B123"
    assert ex.format == "html/generic"
    src = read_document(p.read_bytes(), p)
    assert "Mayor" not in src.text and "reportsTo" not in src.text and "Sheriff" not in src.text
    _exact(ex, src)
    assert _by_type(ex, "UNDER_DIRECTION_OF").evidence.locator == "p 2"
    assert _by_type(ex, "MEMBER_OF").evidence.locator.startswith("li ")
    # a .txt file that holds HTML is read as HTML, not as markup
    q = tmp_path / "saved-page.txt"
    q.write_text(html, encoding="utf-8")
    assert relations(load_file(q)) == relations(plain)


def _pdf(path, pages: list[list[str]], header: bool = True) -> None:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=letter)
    for n, lines in enumerate(pages, 1):
        if header:
            c.setFont("Helvetica", 9)
            c.drawString(72, 750, "County of Example - Class Specification")
            c.drawString(72, 40, f"Page {n} of {len(pages)}")
        c.setFont("Helvetica", 11)
        for i, ln in enumerate(lines):
            c.drawString(72, 700 - 16 * i, ln)
        c.showPage()
    c.save()


def test_two_page_pdf_with_headers_reads_like_the_text(tmp_path, plain):
    from orgkg.loaders.documents import read_document

    p = tmp_path / "analyst.pdf"
    _pdf(p, [LINES[:5], LINES[5:]])
    ex = load_file(p)
    assert relations(ex) == relations(plain)
    assert ex.format == "pdf/generic"
    src = read_document(p.read_bytes(), p)
    assert "County of Example" not in src.text and "Page 1" not in src.text  # running head and footer dropped
    _exact(ex, src)
    assert _by_type(ex, "UNDER_DIRECTION_OF").evidence.locator == "page 1"
    assert _by_type(ex, "MEMBER_OF").evidence.locator == "page 2"


def test_pdf_without_text_layer_is_one_line(tmp_path):
    from reportlab.pdfgen import canvas

    p = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(p))
    c.rect(100, 100, 200, 300, fill=1)  # a "scanned" page: marks, no text
    c.showPage()
    c.save()
    with pytest.raises(InputError, match="no text layer; OCR it first"):
        load_file(p)


def test_docx_label_value_table_reads_like_the_text(tmp_path, plain):
    import docx

    d = docx.Document()
    d.add_heading(LINES[0], 1)
    t = d.add_table(rows=4, cols=2)
    for i, ln in enumerate(LINES[1:5]):
        label, value = ln.split(": ")
        t.cell(i, 0).text = label + ":" if i % 2 else label  # with and without the colon
        t.cell(i, 1).text = value
    d.add_heading(LINES[5], 2)
    for ln in LINES[6:]:
        d.add_paragraph(ln, style="List Bullet")
    p = tmp_path / "analyst.docx"
    d.save(p)
    ex = load_file(p)
    assert relations(ex) == relations(plain)
    assert ex.format == "docx/generic" and ex.role["code"] == "B123"
    assert _by_type(ex, "UNDER_DIRECTION_OF").evidence.locator == "table 1, row 3"
    assert _by_type(ex, "MEMBER_OF").evidence.locator == "paragraph 5"


@pytest.mark.parametrize("encoding, warned", [("utf-16", False), ("cp1252", True), ("latin-1", True)])
def test_encodings_read_like_utf8(tmp_path, encoding, warned):
    text = TEXT.replace("Finance Director", "Finance Director (Caf\u00e9 Fund)")
    if encoding == "cp1252":
        text = text.replace("Essential Functions", "Essential Functions \u2013 \u201cmain\u201d")
    u = tmp_path / "u.txt"
    u.write_text(text, encoding="utf-8")
    p = tmp_path / f"{encoding}.txt"
    p.write_bytes(text.encode(encoding))
    ex, ref = load_file(p), load_file(u)
    assert relations(ex) == relations(ref)
    assert [r.evidence.text for r in ex.relations] == [r.evidence.text for r in ref.relations]
    enc_warnings = [w for w in ex.warnings if w.startswith("encoding: ")]
    assert bool(enc_warnings) == warned
    assert not any(w.startswith("encoding: ") for w in ref.warnings)


def test_build_records_format_and_locator(tmp_path):
    p = tmp_path / "in" / "analyst.pdf"
    p.parent.mkdir()
    _pdf(p, [LINES[:5], LINES[5:]])
    (tmp_path / "in" / "photo.png").write_bytes(b"\x89PNG\r\n")
    out = tmp_path / "org.json"
    r = subprocess.run([sys.executable, "-m", "orgkg", "build", str(p.parent), "-o", str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "photo.png: unsupported kind (.png)" in r.stderr
    import orgkg

    g = orgkg.load(out)
    doc = next(g.nodes("Document"))
    assert doc["format"] == "pdf/generic"
    locs = {e.get("locator") for d in g.edges("MEMBER_OF") for e in d["evidence"]}
    assert locs == {"page 2"}
    chain = subprocess.run([sys.executable, "-m", "orgkg", "chain", "Budget Analyst", "--graph", str(out)],
                           capture_output=True, text=True)
    assert "analyst.pdf (page 1)" in chain.stdout


def test_an_html_page_keeps_its_own_titles_outside_its_text():
    from orgkg.loaders.documents.html import read_html

    doc = read_html('<html><head><meta property="og:title" content="Harbour  Master"><title>Harbour Master | Port of '
                    'Kestrel Bay</title></head><body><h1>Port of Kestrel Bay</h1><p>Reports to: COO</p></body></html>',
                    "p.html")
    assert doc.titles == ("Harbour Master", "Harbour Master | Port of Kestrel Bay")
    assert "Harbour Master" not in doc.text  # not visible on the page, so no evidence can point at it
    assert read_html("<html><body><h1>Clerk</h1></body></html>", "c.html").titles == ()


def test_a_row_of_inline_items_gives_a_line_each():
    from orgkg.loaders.documents.html import read_html

    meta = read_html('<div class="job-meta"><span>Req ID: H-11</span> <span>Laboratory of Systems Biology</span> '
                     '<span>Seattle, WA</span></div>', "a.html")
    assert meta.text.split("\n") == ["Req ID: H-11", "Laboratory of Systems Biology", "Seattle, WA"]
    menu = read_html('<div><a href="/">Home</a> <a href="/jobs">Jobs</a> <a href="/news">News</a></div>', "b.html")
    assert menu.text.split("\n") == ["Home", "Jobs", "News"]
    prose = read_html("<p>The <b>Clerk</b> reports to the <span>Office Manager</span>.</p>", "c.html")
    assert prose.text == "The Clerk reports to the Office Manager."  # inline words inside a sentence stay in it


def test_an_articles_own_header_holds_its_title_the_pages_banner_does_not():
    from orgkg.loaders.documents.html import read_html

    page = ("<html><body><header><a>Home</a> <a>Jobs</a></header><main>{}</main><footer>(c) 2024 Acme</footer>"
            "</body></html>")
    doc = read_html(page.format("<article><header><h1>Payroll Specialist</h1></header><p>Reports to: CFO</p></article>"),
                    "a.html")
    assert doc.text.split("\n") == ["Payroll Specialist", "Reports to: CFO"]
    doc = read_html(page.format("<header><h1>Buyer</h1></header><p>Reports to: CFO</p>"), "b.html")  # inside <main>
    assert doc.text.split("\n") == ["Buyer", "Reports to: CFO"]


@pytest.mark.parametrize("header, props, title", [
    ("Harlow County | Job Description - Payroll Specialist", "", "Payroll Specialist"),
    ("", "Fleet Mechanic II", "Fleet Mechanic II"),
    ("Harlow County Human Resources", "PD template v3 final", None),  # neither names a job: no title taken from them
])
def test_a_word_files_page_header_or_properties_name_the_job_when_its_body_does_not(header, props, title):
    import io

    import docx

    from orgkg.loaders import load_bytes

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = header
    d.core_properties.title = props
    for line in ("Harlow County", "Department: Finance", "Reports to: Finance Manager"):
        d.add_paragraph(line)
    d.add_heading("Duties", 2)
    d.add_paragraph("Processes payroll and keeps the records.")
    buf = io.BytesIO()
    d.save(buf)
    ex = load_bytes("harlow.docx", buf.getvalue())
    assert (ex.role["title_source"] == "page title") is (title is not None)
    if title:
        assert ex.role["working_title"] == title and not any(w.startswith("no-title") for w in ex.warnings)


def _two_page_pdf(foot: str, title: str = "") -> bytes:
    import io

    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    c.setTitle(title)
    body = [["CITY OF MAPLE BEND", "Department: Finance", "Reports to: Revenue Manager", "", "DUTIES",
             "Processes payments and reconciles the daily deposit."],
            ["QUALIFICATIONS", "Two years of cashiering experience.", "Knowledge of receipting software."]]
    for n, lines in enumerate(body, 1):
        c.drawString(72, 40, foot)
        c.drawRightString(540, 40, f"Page {n} of 2")
        for i, line in enumerate(lines):
            c.drawString(72, 700 - 16 * i, line)
        c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("foot, title, want", [
    ("Senior Cashier - Class Specification", "", "Senior Cashier"),  # the running footer names the job
    ("City of Maple Bend | 100 Civic Plaza", "Microsoft Word - Senior Cashier.docx", "Senior Cashier"),
    ("City of Maple Bend | 100 Civic Plaza", "", None),  # nothing names it: no title, said so
])
def test_a_pdfs_running_lines_or_title_property_name_the_job_when_its_body_does_not(foot, title, want):
    from orgkg.loaders import load_bytes

    ex = load_bytes("maple.pdf", _two_page_pdf(foot, title))
    if want:
        assert (ex.role["working_title"], ex.role["title_source"]) == (want, "page title")
    else:
        assert ex.role["title_source"] != "page title" and any(w.startswith(("no-title", "low-title")) for w in ex.warnings)


@pytest.mark.parametrize("ld", [
    '{"@context": "https://schema.org", "@type": "JobPosting", "title": "Branch Operations Manager"}',
    '{"@graph": [{"@type": "Organization", "name": "Northpass"}, {"@type": "JobPosting", "title": '
    '"Branch Operations Manager"}]}',
])
def test_a_json_ld_job_posting_names_the_job(ld):
    from orgkg.loaders.documents.html import read_html

    doc = read_html(f'<html><head><script type="application/ld+json">{ld}</script><title>Careers</title></head>'
                    "<body><h1>Northpass Credit Union</h1><p>Reports to: Regional Director</p></body></html>", "a.html")
    assert doc.titles[0] == "Branch Operations Manager"


def test_json_ld_that_is_no_job_posting_or_no_json_names_nothing():
    from orgkg.loaders.documents.html import read_html

    doc = read_html('<html><head><script type="application/ld+json">{"@type": "Organization", "name": "Northpass"}'
                    '</script><script type="application/ld+json">{not json</script></head><body><p>Text</p></body></html>',
                    "a.html")
    assert doc.titles == ()
