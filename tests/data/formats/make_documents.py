"""Make the PDF and Word test pages of this folder from the text below (run again after editing it).

The PDF is a two-page city class specification as an office suite prints it: the city's name and address as a
running header, "Page N of 2" and the document name as a running footer, the header table drawn as two columns.
The Word file keeps its header fields in a two-column table, the way university HR forms do.

usage: python tests/data/formats/make_documents.py
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

PDF_HEAD = [("Class Title", "Utility Billing Supervisor"), ("Class Code", "4127"), ("Department", "Finance"),
            ("Division", "Utility Billing and Customer Service"), ("Reports To", "Revenue Manager"),
            ("FLSA Status", "Exempt"), ("Salary Range", "$74,880 - $99,216 annually")]
PDF_BODY = [
    ("DEFINITION", ["Under general direction of the Revenue Manager, plans, organizes and supervises the utility "
                    "billing and customer service functions of the Finance Department.",
                    "Supervises Utility Billing Specialists and Customer Service Representatives."]),
    ("ESSENTIAL FUNCTIONS", ["- Supervises the monthly billing cycle for water, sewer and solid waste accounts.",
                             "- Coordinates meter reading schedules with the Public Works Department.",
                             "- Works closely with Information Technology on the billing system.",
                             "- Serves on the Customer Experience Committee."]),
    ("KNOWLEDGE, SKILLS AND ABILITIES", ["Knowledge of utility billing practices and customer service principles.",
                                         "Ability to train, supervise and evaluate staff.",
                                         "Skill in using spreadsheet and billing software."]),
    ("MINIMUM QUALIFICATIONS", ["Associate's degree in accounting or business administration and four years of "
                                "utility billing or customer service experience, including two years of supervision."]),
]
DOCX_ROWS = [("Job Title", "Research Administrator"), ("Job Code", "RA2215"), ("Grade", "Pay Grade 12"),
             ("Department", "Office of Sponsored Programs"), ("Reports to", "Director of Sponsored Programs"),
             ("Supervises", "None"), ("FLSA", "Exempt")]
DOCX_BODY = [("Position Summary", ["The Research Administrator manages pre-award and post-award administration for "
                                   "a portfolio of federal grants. The position works closely with principal "
                                   "investigators, the Office of Research Compliance and the Controller's Office."]),
             ("Essential Functions", ["Reviews proposal budgets and submits proposals to sponsors.",
                                      "Serves as a member of the Research Administration Working Group."]),
             ("Qualifications", ["Bachelor's degree and three years of research administration experience.",
                                 "Knowledge of federal grant regulations, including the Uniform Guidance.",
                                 "Certified Research Administrator (CRA) preferred."])]


TRANSIT_PDF = {
    "top": [("RIVERLINE REGIONAL TRANSIT DISTRICT", 14), ("CLASSIFICATION SPECIFICATION", 12)],
    "head": [("Class Title", "Transit Operations Supervisor"), ("Class Code", "T-552"),
             ("Department", "Operations"), ("Division", "Bus Transportation"), ("FLSA", "Exempt"),
             ("Pay Range", "MG-14")],
    "body": [
        ("CLASS PURPOSE", ["Supervises bus operators in the field and from the Operations Control Center to deliver "
                           "safe, on-time service; investigates accidents and incidents."]),
        ("SUPERVISION RECEIVED", ["Receives general supervision from the Superintendent of Transportation."]),
        ("SUPERVISION EXERCISED", ["Exercises direct supervision over Bus Operators and Dispatchers on an assigned "
                                   "shift."]),
        ("ESSENTIAL FUNCTIONS", ["- Monitors service and adjusts runs in coordination with the Operations Control "
                                 "Center.",
                                 "- Works closely with the Safety and Training Department on accident investigations.",
                                 "- Coordinates detours with the City of Riverline Traffic Engineering Division.",
                                 "- Participates in the Joint Labor-Management Safety Committee."]),
        ("MINIMUM QUALIFICATIONS", ["Three years of experience as a transit bus operator, dispatcher or road "
                                    "supervisor.",
                                    "Valid Class B commercial driver's license with passenger endorsement.",
                                    "Knowledge of transit operating rules and radio procedures.",
                                    "Ability to make sound decisions in emergencies."]),
    ],
    "running": ("Riverline Regional Transit District  |  Human Resources", "Class Spec T-552 (rev. 2022)"),
}
MAPLE_PDF = {"top": [("CITY OF MAPLE BEND", 14), ("CLASS SPECIFICATION", 12)], "head": PDF_HEAD, "body": PDF_BODY,
             "running": ("City of Maple Bend  |  100 Civic Plaza, Maple Bend, OR 97401",
                         "Utility Billing Supervisor - Class Specification")}
CHARITY_ROWS = [("Job title", "Community Fundraising Manager"), ("Directorate", "Income Generation"),
                ("Line manager", "Head of Fundraising"), ("Line management of", "Community Fundraising Officers (3)"),
                ("Salary", "GBP 36,500 per annum"), ("Contract", "Permanent, 35 hours per week")]
CHARITY_BODY = [("Purpose of the role", ["To grow income from community groups, schools, challenge events and "
                                         "in-memory giving across the north of England."]),
                ("Key relationships", ["Internal: Supporter Care team, Marketing and Communications team, "
                                       "Finance team.",
                                       "External: community fundraising volunteers, event organisers, local "
                                       "businesses."]),
                ("Main responsibilities", ["Leads and develops the Community Fundraising Officers.",
                                           "Works with the Data and Insight team to set income targets.",
                                           "Sits on the Fundraising Leadership Group."]),
                ("Person specification", ["Experience of managing a community or events fundraising programme.",
                                          "Knowledge of the Fundraising Regulator's Code of Fundraising Practice.",
                                          "Full UK driving licence."])]

HOSPITAL_ROWS = [("Position Title", "Clinical Pharmacist - Oncology"), ("Job Code", "PH3310"),
                 ("Department", "Pharmacy Services"), ("Immediate Supervisor", "Pharmacy Clinical Manager"),
                 ("Supervises", "Pharmacy Technicians (when assigned)"), ("FLSA", "Exempt"), ("Grade", "P14")]
HOSPITAL_BODY = [("Position Summary", ["Provides clinical pharmacy services to the Infusion Center and the inpatient "
                                       "oncology unit at Lakeview Regional Medical Center. Works collaboratively with "
                                       "oncologists, oncology nurses and the Antimicrobial Stewardship Program."]),
                 ("Responsibilities", ["Verifies chemotherapy orders and reviews treatment plans.",
                                       "Participates in the Pharmacy and Therapeutics Committee.",
                                       "Precepts pharmacy residents."]),
                 ("Qualifications", ["Doctor of Pharmacy (PharmD) degree.",
                                     "Current pharmacist license in the State of Ohio.",
                                     "BCOP certification preferred."])]
COURT_PDF = {
    "top": [("SUPERIOR COURT OF CALIFORNIA, COUNTY OF ALDER", 14), ("CLASSIFICATION SPECIFICATION", 12)],
    "head": [("Class Code", "CT-715"), ("FLSA", "Exempt"), ("Unit", "Court Management"),
             ("Reports to", "Court Executive Officer")],
    "body": [
        ("DEFINITION", ["Plans, directs and coordinates the operations of the court's divisions; acts for the Court "
                        "Executive Officer in that officer's absence."]),
        ("SUPERVISION EXERCISED", ["Exercises direct supervision over the Civil Division Manager, the Criminal "
                                   "Division Manager and the Family Court Services Manager."]),
        ("ESSENTIAL FUNCTIONS", ["- Works closely with the Presiding Judge and the Judicial Council on court "
                                 "operations.",
                                 "- Coordinates security with the Sheriff's Court Services Bureau.",
                                 "- Serves on the Court Executive Committee."]),
        ("MINIMUM QUALIFICATIONS", ["Bachelor's degree in public or court administration and six years of court "
                                    "management experience.",
                                    "Knowledge of California Rules of Court."]),
    ],
    "running": ("Superior Court of California, County of Alder", "Deputy Court Executive Officer - Class Specification"),
}
UTILITY_ROWS = [("Department", "Electric Operations"), ("Reports To", "Superintendent of Electric Distribution"),
                ("Supervises", "Meter Technicians; Meter Readers"), ("FLSA", "Non-Exempt"), ("Grade", "U-18")]
UTILITY_BODY = [("Summary", ["Leads the metering section of the utility, including AMI meter installation, testing "
                             "and field investigations. Coordinates with Customer Service and the Billing Office."]),
                ("Duties", ["Schedules meter exchanges and investigates high-bill complaints.",
                            "Serves on the Safety Committee."]),
                ("Qualifications", ["Five years of electric meter experience.",
                                    "Journeyman Meter Technician certification."])]


def make_pdf(path: Path, spec: dict | None = None) -> None:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    spec = spec or MAPLE_PDF
    c = canvas.Canvas(str(path), pagesize=letter)
    width, height = letter
    pages: list[list[tuple[str, float]]] = [[], []]
    pages[0] = list(spec["top"])
    lines = [(f"{label}|{value}", 10) for label, value in spec["head"]]
    for heading, paras in spec["body"]:
        lines.append(("", 10))
        lines.append((heading, 11))
        lines += [(p, 10) for p in paras]
    pages[0] += lines[:12]
    pages[1] = lines[12:]
    for n, page in enumerate(pages, 1):
        c.setFont("Helvetica", 8)
        c.drawString(72, height - 40, spec["running"][0])
        c.drawString(72, 40, spec["running"][1])
        c.drawRightString(width - 72, 40, f"Page {n} of 2")
        y = height - 90
        for text, size in page:
            c.setFont("Helvetica-Bold" if size > 10 or "|" in text else "Helvetica", size)
            if "|" in text:
                label, value = text.split("|")
                c.drawString(72, y, label)
                c.setFont("Helvetica", size)
                c.drawString(200, y, value)
                y -= size + 6
                continue
            for chunk in _wrap(text, 95):
                c.drawString(72, y, chunk)
                y -= size + 4
            y -= 2
        c.showPage()
    c.save()


def _wrap(text: str, width: int) -> list[str]:
    out, cur = [], ""
    for word in text.split():
        if cur and len(cur) + 1 + len(word) > width:
            out.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}".strip()
    return out + [cur] if cur else out or [""]


def make_docx(path: Path, top: tuple[str, ...] = ("Northlake State University", "Human Resources - Position Description"),
              rows: list | None = None, body: list | None = None, header: str = "") -> None:
    import docx

    d = docx.Document()
    if header:  # a page header, as Word templates print the job's name on every page
        d.sections[0].header.paragraphs[0].text = header
    for line in top:
        d.add_paragraph(line)
    table = d.add_table(rows=0, cols=2)
    for label, value in rows or DOCX_ROWS:
        row = table.add_row().cells
        row[0].text, row[1].text = label, value
    for heading, paras in body or DOCX_BODY:
        d.add_heading(heading, level=2)
        for p in paras:
            d.add_paragraph(p)
    d.core_properties.title = "PD template v3 final"
    d.save(str(path))


if __name__ == "__main__":
    make_pdf(HERE / "pdf-utility-billing-supervisor.pdf")
    make_docx(HERE / "docx-research-administrator.docx")
    make_pdf(HERE / "b3-pdf-transit-class-spec.pdf", TRANSIT_PDF)
    make_docx(HERE / "b3-docx-charity-line-manager.docx", ("Northern Lights Hospice Care", "Role Profile"),
              CHARITY_ROWS, CHARITY_BODY)
    make_docx(HERE / "b4-docx-hospital-pharmacist.docx", ("Lakeview Health", "Job Description"), HOSPITAL_ROWS,
              HOSPITAL_BODY)
    make_pdf(HERE / "b6-pdf-court-footer-title.pdf", COURT_PDF)
    make_docx(HERE / "b6-docx-utility-header-title.docx", ("Cedar Falls Municipal Utilities", "Job Description"),
              UTILITY_ROWS, UTILITY_BODY, header="Cedar Falls Municipal Utilities | Metering Supervisor")
