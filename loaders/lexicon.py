"""Word lists the extraction rules read: what heads a role or a unit, what is too vague to be one.

General English; an organisation's own names come from its profile (loaders/profiles/).
"""

from __future__ import annotations

from .profiles import ORGANIZATION_MARKERS as PROFILE_MARKERS
from .profiles import VAGUE_PHRASES as PROFILE_VAGUE

ROLE_HEADS = frozenset("""
superintendent superintendents director directors chief chiefs officer officers principal principals
coordinator coordinators supervisor supervisors manager managers specialist specialists assistant assistants
counsel negotiator negotiators dean deans teacher teachers counselor counselors counsellor counsellors
leader leaders administrator administrators president presidents vice-president vice-presidents
liaison liaisons consultant consultants developer developers analyst analysts worker workers engineer engineers
technician technicians attendant attendants operator operators buyer buyers registrar registrars paralegal
paralegals secretary secretaries clerk clerks executive executives coach coaches sponsor sponsors trainer
trainers architect architects planner planners contractor contractors vendor vendors provider providers
deputy deputies head heads lawyer lawyers attorney attorneys nurse nurses psychologist psychologists
inspector inspectors investigator investigators auditor auditors accountant accountants librarian librarians
custodian custodians driver drivers mechanic mechanics apprentice apprentices aide aides paraeducator
paraeducators therapist therapists commissioner commissioners chair chairs chairperson treasurer controller
comptroller auditor-general clinician clinicians instructor instructors professor professors lecturer
lecturers faculty provost chancellor dean registrar steward stewards foreman foremen forewoman crew
members member designee designees representative representatives agent agents advisor advisors adviser
advisers mentor mentors facilitator facilitators programmer programmers scientist scientists officials
official fellows planner superintendents' police firefighters firefighter deputy-director ombudsman
vp vps svp evp avp ceo cfo coo cto cio cno cmo captain captains major lieutenant lieutenants sergeant sergeants
commander commanders matron matrons physician physicians pharmacist pharmacists psychiatrist psychiatrists
lead leads locator locators horticulturist horticulturists arborist arborists labourer labourers laborer laborers
handler handlers loader loaders custodians paramedic paramedics dispatcher dispatchers ranger rangers
mayor governor tutor tutors volunteer volunteers examiner examiners groundskeeper groundskeepers
gardener gardeners trimmer trimmers picker pickers packer packers journeyman journeymen electrician electricians
plumber plumbers carpenter carpenters
pathologist pathologists detective detectives statistician statisticians geriatrician geriatricians physiotherapist
physiotherapists epidemiologist epidemiologists biologist biologists researcher researchers caseworker caseworkers
marshal marshals councillor councillors councilor councilors midwife midwives doctor doctors surgeon surgeons
dietitian dietitians hygienist hygienists chaplain chaplains receptionist receptionists cashier cashiers recruiter
recruiters designer designers editor editors economist economists surveyor surveyors appraiser appraisers assessor
assessors estimator estimators underwriter underwriters adjuster adjusters navigator navigators interpreter
interpreters translator translators trooper troopers warden wardens guard guards porter porters housekeeper
housekeepers cook cooks chef chefs associate associates practitioner practitioners radiographer radiographers
sonographer sonographers phlebotomist phlebotomists audiologist audiologists optometrist optometrists owner owners
gp gps clinicians hydrologist hydrologists geologist geologists chemist chemists
intern interns dishwasher dishwashers bartender bartenders cleaner cleaners janitor janitors courier couriers
storekeeper storekeepers caretaker caretakers baker bakers bookkeeper bookkeepers typist typists machinist machinists
welder welders painter painters installer installers lineworker lineworkers teller tellers technologist
technologists scheduler schedulers paraprofessional paraprofessionals
""".split())

# "staff", "personnel", "leadership", "management", "administration" head a role only with a qualifier
QUALIFIED_ROLE_HEADS = frozenset("staff personnel leadership administration".split())

UNIT_HEADS = frozenset("""
office offices department departments division divisions unit units team teams committee committees
board boards council councils panel panels center centers centre centres foundation academy agency agencies
commission commissions bureau bureaus branch section program programs programme services facility
depot association associations union unions group groups cluster clusters government police institute
university college court authority authorities partnership partnerships corporation company hospital district
ministry service system forum guild directorate
subcommittee subcommittees workgroup workgroups senate cabinet consortium society network networks hub ward wards
clinic clinics laboratory laboratories shop shops organization organisation trust force forces complex campus campuses
""".split())

# a unit head that is also an ordinary word: counts only when capitalised or with a qualifier
WEAK_UNIT_HEADS = frozenset("program programs programme services service group groups system district partnership "
                            "partnerships cluster clusters facility depot section branch society network networks hub ward wards "
                            "clinic clinics laboratory laboratories shop shops organization organisation trust cabinet "
                            "complex campus campuses".split())

ORGANIZATION_MARKERS = (
    "police department", "fire department", "county council", "county executive", "county government",
    "state department of education", "department of education", "university", "college", "foundation",
    "police", "sheriff", "health department", "department of health", "state of ", "federal ",
    "association", "union", "court",
) + PROFILE_MARKERS

VAGUE = frozenset("""
stakeholder stakeholders staff students student parents parent families family community communities public
employees employee others other offices individuals people groups organizations organization partners
constituents constituencies media personnel everyone all anyone teams departments divisions units variety
school schools it them they those this that these agencies users customers clients citizens residents
visitors members leadership management levels level areas area persons person
representatives officials entities institutions designee designees assigned nil none n/a colleagues peers
""".split())

DETERMINERS = ("the ", "all ", "other ", "various ", "a ", "an ", "any ", "each ", "appropriate ", "relevant ",
               "assigned ", "our ", "its ", "their ", "his ", "her ", "both ", "several ", "multiple ",
               "respective ", "designated ", "this ", "these ", "that ", "those ",
               "one ", "two ", "three ", "four ", "five ", "six ", "seven ", "eight ",
               "nine ", "ten ", "numerous ", "up to ", "such ")

# a head alone names no one: "the division", "the chief" (the described role's own unit is said with its name)
BARE_HEADS = frozenset("""
division department office unit section branch bureau team committee board council agency chief head lead deputy
executive officer member members representative lead leads force
""".split())

# verbs that may be listed together with a relation verb ("supervises, coaches, and evaluates X")
CO_VERBS = frozenset("""
evaluates evaluate evaluating coaches coach coaching supports support supporting manages manage managing
guides guide guiding leads lead leading directs direct directing trains train training mentors mentor
mentoring organizes organize organizing develops develop developing monitors monitor monitoring facilitates
facilitate facilitating assigns assign assigning schedules schedule scheduling observes observe observing
supervises supervise supervising oversees oversee overseeing hires hire hiring selects select selecting
assists assist assisting provides provide providing works work working collaborates collaborate collaborating
coordinates coordinate coordinating consults consult consulting plans plan planning motivates motivate
motivating inspires advises advise advising communicates communicate communicating meets meet meeting partners
partner partnering cooperates cooperate liaises administers administer administering reviews review reviewing
""".split())

# third-person verbs that end a noun phrase ("the superintendent of schools leads ...")
VERBS = frozenset("""
leads ensures provides engages researches facilitates supervises coordinates develops manages oversees directs
plans implements maintains establishes serves works assists supports administers monitors evaluates reviews
prepares conducts performs assures guides communicates advises collaborates organizes identifies analyzes
analyses assesses creates designs builds promotes represents responds acts determines sets carries helps makes
takes uses applies writes trains attends participates recommends approves submits meets handles operates tracks
utilizes uses maintains delivers improves implements increases reduces coordinates oversees completes
produces generates collects distributes interprets selects
conducts schedules resolves investigates negotiates drafts compiles
processes assigns oversees enforces inspects procures purchases issues ensures articulates elevates removes
co-chairs co-leads convenes
will shall may must can should would is are was were has have had be being been do does did
""".split())

VAGUE_PHRASES = frozenset("""
district personnel|district staff|school staff|school-based staff|school based staff|appropriate staff|staff member
|staff members|central services|school system|school system staff
|community members|community partners|community groups|other offices|internal and external stakeholders
|school system employees|all staff|support staff|the public|public|local community|central office and school staff
|school-based and central office staff|diverse stakeholders|significant stakeholders|business partners
|employee groups|system leaders|team members|family members|service providers
|opposing counsel|staff members of the team|other team members|all team members|peers|colleagues
""".replace("\n", "").split("|")) | PROFILE_VAGUE
