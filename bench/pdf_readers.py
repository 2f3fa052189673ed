"""pypdf against pdfminer.six on PDFs made here: word-order similarity to the source text, and time per file.

    python bench/pdf_readers.py            # needs reportlab (the test extra) and pdfminer.six (not a dependency)

Three job-description PDFs are made with reportlab: a one-page one, a 150-paragraph one (~25 pages) and a
two-column one, each with a running header and a page-number footer. Quality is difflib's ratio between the
words of the source paragraphs and the words each reader gives (running head and footer lines removed first),
so 1.0 is every word in reading order. Time is the mean of three reads, imports done.
"""

from __future__ import annotations

import difflib
import io
import random
import sys
import tempfile
import time
from pathlib import Path

WORDS = ("the budget analyst prepares reviews coordinates with department staff office of management reports "
         "directly to finance director and supervises accounting clerks under general direction of the chief "
         "financial officer").split()


def make(path: Path, paras: list[str], two_col: bool = False) -> str:
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import inch
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, SimpleDocTemplate, Spacer

    def header(c, doc):
        c.saveState()
        c.setFont("Helvetica", 9)
        c.drawString(inch, letter[1] - 0.6 * inch, "County of Example - Class Specification")
        c.drawString(inch, 0.5 * inch, f"Page {doc.page}")
        c.restoreState()

    st = getSampleStyleSheet()
    story = [Paragraph("Budget Analyst", st["Title"]), Paragraph("Reports to: Finance Director", st["Normal"])]
    truth = ["Budget Analyst", "Reports to: Finance Director"]
    for i, p in enumerate(paras):
        if i % 5 == 0:
            story.append(Paragraph("Essential Functions", st["Heading2"]))
            truth.append("Essential Functions")
        story += [Paragraph(p, st["Normal"]), Spacer(1, 6)]
        truth.append(p)
    if two_col:
        doc = BaseDocTemplate(str(path), pagesize=letter)
        w = (letter[0] - 2 * inch) / 2 - 6
        frames = [Frame(inch, inch, w, letter[1] - 2 * inch), Frame(inch + w + 12, inch, w, letter[1] - 2 * inch)]
        doc.addPageTemplates([PageTemplate(frames=frames, onPage=header)])
        doc.build(story)
    else:
        SimpleDocTemplate(str(path), pagesize=letter).build(story, onFirstPage=header, onLaterPages=header)
    return "\n".join(truth)


def with_pypdf(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)


def with_pdfminer(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


def main() -> int:
    rnd = random.Random(1)

    def para(n: int) -> str:
        return " ".join(rnd.choice(WORDS) for _ in range(n)).capitalize() + "."

    cases = {"one page": ([para(30) for _ in range(8)], False),
             "150 paragraphs": ([para(rnd.randint(20, 120)) for _ in range(150)], False),
             "two columns": ([para(rnd.randint(20, 80)) for _ in range(40)], True)}
    print(f"{'PDF':16s} {'reader':9s} {'pages':>5s} {'ms':>8s}  similarity")
    with tempfile.TemporaryDirectory() as tmp:
        for name, (paras, two_col) in cases.items():
            path = Path(tmp) / "x.pdf"
            truth = make(path, paras, two_col).split()
            data = path.read_bytes()
            from pypdf import PdfReader

            pages = len(PdfReader(io.BytesIO(data)).pages)
            for reader, fn in (("pypdf", with_pypdf), ("pdfminer", with_pdfminer)):
                fn(data)
                t0 = time.perf_counter()
                for _ in range(3):
                    text = fn(data)
                ms = (time.perf_counter() - t0) / 3 * 1000
                body = [ln for ln in text.splitlines() if not ln.startswith(("County of Example", "Page "))]
                sim = difflib.SequenceMatcher(None, truth, " ".join(body).split(), autojunk=False).ratio()
                print(f"{name:16s} {reader:9s} {pages:5d} {ms:8.1f}  {sim:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
