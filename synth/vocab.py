"""Word pools for synthetic organisations: areas of work, unit kinds, titles, competencies.

Kept apart from the generator so the pools can grow without touching the tree logic.
"""

from __future__ import annotations

TOPICS = (
    "Transportation", "Food and Nutrition Services", "Budget", "Facilities Management", "Procurement",
    "Special Education", "Curriculum", "Assessment", "Accountability", "Student Services", "Athletics",
    "Family Engagement", "Community Partnerships", "Technology Infrastructure", "Data Analytics",
    "Information Security", "Enterprise Applications", "Employee Relations", "Recruitment", "Payroll",
    "Benefits", "Risk Management", "Legal Services", "Communications", "Public Information",
    "Policy Development", "Grants", "Capital Planning", "Construction", "Maintenance", "Energy Management",
    "Environmental Services", "School Safety", "Emergency Management", "Security Services", "Health Services",
    "Psychological Services", "Counseling", "Attendance", "Enrollment", "Student Records", "Title I Programs",
    "English Language Development", "Early Childhood Programs", "Career Readiness", "Adult Education",
    "Professional Learning", "Instructional Technology", "Library Media", "Visual Arts", "Music Education",
    "Physical Education", "Science Instruction", "Mathematics Instruction", "Literacy", "Social Studies",
    "World Languages", "Gifted Programs", "Magnet Programs", "Equity Initiatives", "Research",
    "Program Evaluation", "Internal Audit", "Financial Reporting", "Accounts Payable", "Purchasing",
    "Warehouse Operations", "Fleet Operations", "Printing Services", "Records Management", "Translation Services",
    "Compliance", "Labor Relations", "Compensation", "Staffing", "Leadership Development", "School Improvement",
    "Strategic Planning", "Performance Management", "Customer Service", "Board Relations", "Ombudsman Services",
    "Interscholastic Programs", "Outdoor Education", "Virtual Learning", "Summer Programs", "Extended Learning",
    "Testing Operations", "Textbook Management", "Real Estate Management", "Site Acquisition", "Indoor Air Quality",
    "Plant Operations", "Grounds Maintenance", "Mail Services", "Help Desk Operations", "Network Operations",
)

QUALIFIERS = (
    "Elementary", "Secondary", "Middle School", "High School", "Regional", "Northern", "Southern", "Eastern",
    "Western", "Central", "Countywide", "Districtwide", "Systemwide", "Field", "Community", "School-based",
    "Integrated", "Strategic", "Operational", "Technical", "Instructional", "Family", "Student", "Staff",
    "Innovative", "Alternative", "Specialized", "Enterprise", "Capital", "Program", "Quality", "Business",
)

# (unit pattern, head title pattern) per tree level; deeper levels reuse the last entry.
LEVELS = (
    ("Office of the Superintendent of Schools", "Superintendent of Schools"),
    ("Office of {a}", "Chief of {a}"),
    ("Department of {a}", "Director of {a}"),
    ("Division of {a}", "Director, Division of {a}"),
    ("{a} Unit", "Supervisor of {a}"),
    ("{a} Section", "Manager, {a}"),
    ("{a} Team", "Team Leader, {a}"),
    ("{a} Group", "Lead, {a}"),
    ("{a} Program", "Program Manager, {a}"),
)

STAFF_TITLES = ("Coordinator", "Specialist", "Analyst", "Instructional Specialist", "Program Specialist",
                "Technician", "Assistant", "Administrative Secretary", "Project Manager", "Data Analyst",
                "Officer", "Liaison", "Consultant", "Planner", "Auditor", "Accountant", "Engineer")

HEAD_GRADES = ("NS", "P", "O", "N", "M", "L", "K", "J", "H")
STAFF_GRADES = ("27", "26", "25", "24", "23", "22", "21", "20", "19", "18", "17", "16", "15", "14", "13")

KNOWLEDGE = (
    "Montgomery County Public Schools (MCPS) policies and procedures", "state and federal laws and regulations",
    "budget preparation and monitoring", "principles of supervision and evaluation", "curriculum and instruction",
    "adult learning theory", "data analysis and reporting methods", "procurement regulations",
    "risk management principles", "employee relations practices", "school operations", "project management",
    "public school finance", "emergency preparedness", "records retention requirements", "program evaluation",
    "facility maintenance practices", "transportation safety regulations", "student information systems",
    "equity and culturally responsive practices", "labor contracts and negotiated agreements",
    "grant management", "construction practices", "information security standards", "nutrition standards",
)
ABILITIES = (
    "communicate effectively orally and in writing", "establish and maintain effective working relationships",
    "supervise and evaluate staff", "manage multiple projects and meet deadlines", "analyze complex problems",
    "prepare clear and concise reports", "work independently with minimal supervision",
    "lead large and small group meetings", "interpret policies and regulations", "exercise sound judgment",
    "maintain confidentiality", "work effectively with diverse groups", "plan and organize work",
    "resolve conflicts", "use technology to improve operations", "develop and monitor budgets",
)
SKILLS = ("human relations", "oral and written communication", "organizational", "interpersonal",
          "presentation", "analytical", "customer service", "negotiation", "facilitation", "time management")
TOOLS = ("Microsoft Excel", "Microsoft Word", "Google Workspace", "Tableau", "Oracle", "Synergy", "SharePoint")
FIELDS = ("education", "business administration", "public administration", "finance", "accounting",
          "human resources management", "information technology", "engineering", "educational leadership",
          "counseling", "social work", "communications", "nutrition", "a closely related field")
DEGREES = ("Bachelor's degree", "Master's degree", "Doctorate", "High school diploma or equivalent",
           "Associate's degree")
CERTIFICATES = ("Maryland Administrator I certification", "Maryland Administrator II certification",
                "Valid driver's license", "Certified Public Accountant (CPA) license",
                "Maryland professional teaching certificate", "Commercial driver's license",
                "Certified Professional in Human Resources", "Project Management Professional certification",
                "Certified School Nutrition Specialist credential", "First aid and CPR certification")
EXPERIENCE = ("Three years of professional experience in {f}", "Five years of progressively responsible experience in {f}",
              "Two years of supervisory experience", "Five years of successful teaching experience",
              "Seven years of leadership experience in {f}", "One year of experience in {f}")

EXTERNAL_ORGS = ("Montgomery County Police Department", "Maryland State Department of Education",
                 "Montgomery County Government", "Department of Health and Human Services",
                 "Montgomery College", "Maryland Department of Transportation", "Fire and Rescue Service",
                 "Montgomery County Council", "Maryland Emergency Management Agency")
