"""The relation rules, as data: one entry per rule, in one table.

A rule is (name, relation type, trigger pattern, options). The trigger is a
case-insensitive regex that ends where the rule's targets begin; the options
say which targets it accepts and how sure it is. Adding a rule is adding one
entry to RULES; `check` runs at import, so a malformed rule (a bad regex, an
unknown type or option) stops the program with the rule's name.

Example:
    >>> RULES_BY_NAME["udo.reports_to"].type
    'UNDER_DIRECTION_OF'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

try:
    from re import _parser as _sre  # Python >= 3.11
except ImportError:  # pragma: no cover - older Pythons name it sre_parse
    import sre_parse as _sre  # type: ignore[no-redef]

from orgkg.ontology.schema import (
    COLLABORATES_WITH,
    EDGE_TYPES,
    MEMBER_OF,
    ORGANIZATION,
    PART_OF,
    ROLE,
    SUPERVISES,
    UNDER_DIRECTION_OF,
    UNIT,
)

from .lexicon import CO_VERBS


class RuleError(ValueError):
    """A malformed rule: the message starts with the rule's name."""


_VERBS = "|".join(sorted(CO_VERBS, key=len, reverse=True))
# "supervises, coaches, and evaluates X": co-verbs between the trigger and its targets
COVERB_TAIL = rf"(?:(?:\s*,\s*|\s+)(?:and\s+|or\s+)?(?:{_VERBS})\b)*"
DIRECTION = r"(?:direction|supervision|guidance|leadership|oversight)"
_ADJ_WORDS = ("general|direct|immediate|administrative|overall|broad|close|functional|technical|limited|additional|"
              "day-to-day|daily|programmatic|minimal|professional|line|operational|policy|executive|clinical|"
              "managerial|organizational|organisational|strategic")
ADJ = rf"(?:(?:{_ADJ_WORDS})\s*,?\s+(?:and\s+)?)"  # "technical and functional", "general, administrative"
_ENTITIES = (ROLE, UNIT, ORGANIZATION)
# a body one sits on: read ahead (bounded) so "serves on", "participates in", "attends" say membership only there
_BODIES = (r"(?:committee|subcommittee|team|board|council|panel|task\s+force|commission|group|workgroup|guild|"
           r"forum|network|senate|cabinet|consortium|collaborative)s?\b")
BODY_AHEAD = rf"(?=(?:the\s+|a\s+|an\s+|our\s+|its\s+|their\s+|his\s+|her\s+|various\s+)?[\w\-'\u2019 ()&.,]{{0,90}}?{_BODIES})"
# "a staff of 11: three analysts, two statisticians ...": the group before the colon is skipped for its members
STAFF_OF_COLON = (r"(?:(?:a|an)\s+(?:[\w\-]+\s+)?(?:staff|team|branch|unit|section|crew|group|workforce)\s+of\s+"
                  r"(?:[\w\-]+\s+){0,2}?[\w\-]+\s*:\s*)?")
# "works closely with, and advises, the Mayor": a second verb set off by commas before the shared object
INTERPOSED = r"(?:\s*,\s*(?:and|or)\s+[a-z]+(?:\s+to)?\s*,)?\s+"  # ends where the object starts
_COUNT_AHEAD = r"(?=\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\b)"
_UNITS = (UNIT, ORGANIZATION)


@dataclass(frozen=True)
class Rule:
    """One relation rule. `pattern` is compiled by `check` (IGNORECASE)."""

    name: str  # "<family>.<what>": travels with every relation's evidence
    type: str  # a relation type of ontology.schema.EDGE_TYPES
    trigger: str  # regex up to where the targets start
    list_context: bool = False  # "the offices of A, B and C": bare capitalised names are units
    allowed: tuple[str, ...] = _ENTITIES  # target node types the rule may yield
    strict: bool = False  # only clearly named units or qualified staff (common verbs like "leads")
    needs_subject: bool = False  # only when the described role is the clause's subject
    confidence: float = 1.0  # an explicit verb: 1.0; readings that infer more: lower
    targets_before: bool = False  # "four analysts, who will report to you": the names stand before the trigger
    inverse: bool = False  # "the X Department, which includes A and B": each target holds the relation to the subject
    single: bool = False  # one target only: "one of the branches of the X Division, OCFO" (a place, then its place)
    role_subject: bool = False  # only when the clause opens with a role as its subject: "The Kitchen Manager runs ..."
    pattern: re.Pattern = field(default=None, compare=False, repr=False)  # type: ignore[assignment]
    keys: tuple[str, ...] = field(default=(), compare=False, repr=False)  # set by check: see required_literals


RULES: tuple[Rule, ...] = (
    # reporting lines
    Rule("udo.under_direction", UNDER_DIRECTION_OF,
         rf"\bunder\s+(?:the\s+)?{ADJ}*{DIRECTION}(?:\s*,?\s*and\s+{ADJ}*{DIRECTION})?\s+(?:of|from|given\s+by)\s+"),
    Rule("udo.at_direction", UNDER_DIRECTION_OF, r"\bat\s+the\s+direction\s+of\s+"),
    Rule("udo.receives", UNDER_DIRECTION_OF,
         rf"\b(?:receives?|recieves?)\s+{ADJ}*{DIRECTION}(?:\s*,?\s*and\s+{ADJ}*{DIRECTION})?\s+(?:from|by)\s+"),
    Rule("udo.reports_to", UNDER_DIRECTION_OF,
         r"\b(?:reports|reporting|report)\s+(?:directly\s+|administratively\s+|functionally\s+|operationally\s+)?"
         r"to\s+", needs_subject=True),
    # "The incumbent serves as a senior analyst and reports to the Branch Chief": a second predicate of the subject
    # (not "analyzes data and reports to the director": what is reported)
    Rule("udo.and_reports_to", UNDER_DIRECTION_OF,
         r"\b(?:serves|works|acts|is\s+employed)\s+(?:as|in|at|from|for)\s+(?:[\w\-']+\s+){1,8}?(?:and|but)\s+"
         r"reports\s+(?:directly\s+|administratively\s+)?to\s+(?=(?:the|a|an|our)\s)", confidence=0.9),
    # "The Kitchen Manager runs the back of house and reports to the General Manager": a role's second predicate,
    # "reports" right before "to" and a capitalised name ("and reports problems to the desk" is no reporting line)
    Rule("udo.role_and_reports_to", UNDER_DIRECTION_OF,
         r"\band\s+reports\s+(?:directly\s+|administratively\s+)?to\s+(?=(?:the|a|an|our)\s+(?-i:[A-Z]))",
         role_subject=True, confidence=0.8),
    # "Reports to and works closely with the Chief Operating Officer": one object for both verbs
    Rule("udo.reports_to_and", UNDER_DIRECTION_OF,
         r"\breports\s+(?:directly\s+)?to\s+and\s+(?:works|collaborates|partners|consults)\s+(?:\w+ly\s+)?with"
         + INTERPOSED, role_subject=True),
    Rule("udo.will_report", UNDER_DIRECTION_OF,
         r"\b(?:will|shall|would|typically|usually|normally|generally)\s+(?:\w+ly\s+)?report\s+(?:\w+ly\s+)?to\s+"),
    Rule("udo.responsible_to", UNDER_DIRECTION_OF,
         r"\b(?:is|are)\s+(?:directly\s+)?(?:responsible|accountable)\s+to\s*(?:,?\s*and\s+serves?\s+at\s+the\s+"
         r"pleasure\s+of\s*,?\s+)?(?=(?:the\s+)?[A-Z])", needs_subject=True),
    Rule("udo.pleasure_of", UNDER_DIRECTION_OF, r"\b(?:serves?|serving)\s+at\s+the\s+pleasure\s+of\s+"),
    Rule("udo.received_from", UNDER_DIRECTION_OF,
         rf"\b{DIRECTION}\s+(?:is\s+)?(?:received|provided|given)\s+(?:from|by)\s+"),
    Rule("udo.supervision_from", UNDER_DIRECTION_OF, rf"\b{ADJ}+(?:and\s+{ADJ}*)?supervision\s+from\s+"),
    Rule("udo.supervisor_is", UNDER_DIRECTION_OF,
         r"\b(?:the|my|your|its)\s+(?:immediate\s+|direct\s+|first-line\s+|line\s+)?supervisor"
         r"\s+(?:is|will\s+be)\s+(?=(?:the\s+|a\s+|an\s+)?(?-i:[A-Z]))", confidence=0.9),
    Rule("udo.supervised_by", UNDER_DIRECTION_OF,
         r"\b(?:is\s+)?(?:supervised|directed|managed)\s+by\s+", needs_subject=True),
    # supervision
    Rule("sup.supervises", SUPERVISES,
         rf"\b(?:directly\s+)?supervis(?:es|e|ing)\b{COVERB_TAIL}\s+(?:(?:the\s+)?work\s+of\s+|"
         r"(?:a|an)\s+(?:assigned\s+|designated\s+|small\s+|large\s+)?(?:set|number|pool)\s+of\s+)?" + STAFF_OF_COLON),
    # "four analysts, who will report to you", "Two Program Coordinators report directly to this position"
    Rule("sup.report_to_you", SUPERVISES,
         r"(?:,\s*(?:who|that)\s+)?\b(?:(?:will|would|shall|currently|also)\s+)?(?:\w+ly\s+)?reports?\s+(?:\w+ly\s+)?"
         r"to\s+(?:you|this\s+(?:position|role|job|post)|the\s+incumbent)\b", targets_before=True),
    Rule("sup.provides_supervision", SUPERVISES,
         rf"\bprovides?\s+(?:\w+\s+){{0,2}}?{ADJ}*supervision\s+(?:of|for|to)\s+"),
    Rule("sup.line_manages", SUPERVISES,
         r"\bline[\s\-]manag(?:es|e|ing)\s+|\bline\s+management\s+(?:responsibility\s+)?(?:of|for)\s+"),
    Rule("sup.management_of", SUPERVISES,
         r"\bresponsib(?:le|ility|ilities)\s+for\s+(?:the\s+)?(?:overall\s+|day-to-day\s+|operational\s+)?"
         r"(?:management|leadership|running)\s+of\s+", confidence=0.9),
    Rule("sup.leadership_for", SUPERVISES,
         rf"\bprovides?\s+(?:\w+\s+)?{ADJ}*leadership\s+(?:for|to|of)\s+", strict=True,
         confidence=0.8),
    Rule("sup.responsible_supervision", SUPERVISES,
         r"\bresponsible\s+for\s+(?:the\s+)?(?:supervision\s+of|supervising)\s+(?:and\s+\w+\s+)?"),
    Rule("sup.supervision_of", SUPERVISES,
         r"\b(?:include|includes)\s+(?:the\s+)?supervision\s+(?:and\s+\w+\s+)?(?:of|for)\s+"),
    Rule("sup.all_aspects", SUPERVISES,
         r"\b(?:guides|directs|manages|oversees|leads|administers|coordinates)\s+all\s+aspects\s+of\s+", strict=True),
    Rule("sup.exercises", SUPERVISES,
         rf"\bexercises?\s+{ADJ}?(?:and\s+{ADJ})?supervision\s+(?:over|of)\s+|\bsupervision\s+is\s+exercised\s+over\s+"),
    Rule("sup.oversees", SUPERVISES,
         rf"\boversees?\b{COVERB_TAIL}\s+(?:the\s+(?:administration|management|operations?|work|activities)\s+of\s+"
         r"(?:the\s+)?)?"),
    Rule("sup.provides_oversight", SUPERVISES,
         rf"\bprovides?\s+(?:\w+\s+)?{ADJ}*oversight\s+(?:for|of|to)\s+(?!the\s+(?:offices|divisions|departments|"
         r"units|sections|branches|bureaus)\s+of\b)", strict=True, confidence=0.9),
    Rule("sup.oversight_for", SUPERVISES,
         r"\bprovides?\s+(?:\w+\s+)?(?:oversight|leadership)\s+(?:for|of|to)\s+(?=the\s+(?:offices|divisions|"
         r"departments|units|sections|branches|bureaus)\s+of\b)", confidence=0.8),
    Rule("sup.team_of", SUPERVISES,
         r"\b(?:manages|leads|supervises|oversees|directs|heads|manage|lead|supervise|oversee|direct|head)\s+"
         r"(?:a|the)\s+(?:\w+\s+)?(?:team|staff|group|crew)\s+of\s+"
         rf"(?:(?:up\s+to|about|approximately|around|over|some)\s+)?{_COUNT_AHEAD}", confidence=0.9),
    # "the Finance organization led by our CFO": the named unit just before is supervised by the role after
    Rule("sup.led_by", SUPERVISES, r"\b(?:led|headed|managed|directed|overseen|run)\s+by\s+", allowed=(ROLE,),
         inverse=True, confidence=0.9),
    # imperative duties ("Lead the Customer Insights Team", "You will manage one Marketing Coordinator"): the
    # clause's own subject, a named unit or a qualified role only
    Rule("sup.lead_the", SUPERVISES, r"\b(?:lead|run|manage)\s+(?:the|our|your|one|two|three|four|five|six)\s+",
         strict=True, needs_subject=True,
         confidence=0.9),
    Rule("sup.leads_work_of", SUPERVISES,
         r"\b(?:leads|directs|manages)\s+the\s+work\s+of\s+(?:the\s+)?(?:offices?\s+of\s+)?" + STAFF_OF_COLON,
         list_context=True),
    Rule("sup.manages", SUPERVISES,
         rf"\b(?:manages|directs|leads|heads){COVERB_TAIL}\s+(?:the\s+(?:(?:day-to-day|daily)\s+)?"
         r"(?:work|operations?|activities)\s+of\s+(?:the\s+)?)?",
         strict=True, confidence=0.9),
    # collaboration: a capitalised name without a head after these verbs names a function ("works closely with
    # Accounting", "partners with Supply Chain"), read as a unit at a lower confidence (list_context)
    Rule("collab.collaborates", COLLABORATES_WITH,
         r"\bcollaborat(?:es|e|ing|ively)\s+(?:\w+ly\s+)?(?:with|alongside)" + INTERPOSED, list_context=True),
    Rule("collab.works_with", COLLABORATES_WITH,
         r"\bwork(?:s|ing)?\s*(?:\w+ly\s+)?(?:with|alongside)" + INTERPOSED, list_context=True),
    Rule("collab.in_collaboration", COLLABORATES_WITH,
         r"\bin\s+(?:close\s+)?(?:collaboration|consultation|partnership|cooperation|coordination|conjunction|"
         r"liaison)\s+with\s+", list_context=True),
    # "coordinates bed turnover with X", "coordinates setups for athletics, events and meetings with X": what is
    # coordinated may sit between the verb and "with" (not a new clause: ", keeping radio contact with drivers")
    Rule("collab.coordinates_with", COLLABORATES_WITH,
         r"\bcoordinat(?:es|e|ing)\s+(?:[\w'\u2019\-]+(?:,\s+(?!\w+ing\b)|\s+)){0,12}?with\s+", list_context=True),
    Rule("collab.together_with", COLLABORATES_WITH, r"\b(?:together|jointly|engag(?:es|e|ing))\s+(?:\w+ly\s+)?with\s+",
         list_context=True, confidence=0.9),
    Rule("collab.consults", COLLABORATES_WITH,
         r"\b(?:consults|confers|partners|partner|partnering|cooperates|liaises|liaise|liaising|interfaces)"
         r"(?:,?\s+as\s+needed,?|\s+\w+ly)?\s+with\s+", list_context=True),
    Rule("collab.partner_to", COLLABORATES_WITH,  # "acts as finance business partner to the CFO"
         r"\b(?:business|strategic|trusted|finance|people|thought)\s+partner\s+(?:to|for)\s+"
         r"(?=(?:the\s+|our\s+|a\s+)?(?-i:[A-Z]))", list_context=True),
    Rule("collab.collaborative_process", COLLABORATES_WITH,
         r"\b(?:a\s+)?collaborative\s+(?:process|approach|effort|manner|partnership)\s+with\s+", list_context=True),
    Rule("collab.liaison", COLLABORATES_WITH,
         r"\b(?:serves?|acts?|functions?)\s+as\s+(?:a|an|the)?\s*(?:[\w'\-]+\s+){0,3}?liaison\s+(?:to|with|for|between)\s+"
         r"|\b(?:provides?|maintains?)\s+(?:\w+\s+)?liaison\s+(?:to|with|for)\s+", list_context=True),
    Rule("collab.relationships", COLLABORATES_WITH,
         r"\b(?:establishes|maintains|builds|develops|fosters)\s+(?:\w+\s+){0,3}?(?:collaborative|working|"
         r"partnership|productive)\s+(?:\w+\s+)?relationships?\s+with\s+"),
    # units the role belongs to
    Rule("part.part_of", PART_OF, r"\b(?:is|are)\s+(?:a\s+)?(?:part\s+of|within)\s+(?=(?:the\s+)?[A-Z])",
         allowed=_UNITS, needs_subject=True),
    # "The Records Unit is one of three units in the Support Services Division" (the clause prefilter needs "one"
    # or "each": "is a unit of" would run the rule on every clause that holds "community")
    Rule("part.one_of", PART_OF,
         r"\b(?:is|are)\s+(?:one|each)\s+of\s+(?:the\s+|its\s+|our\s+)?(?:\w+\s+)?(?:[\w\-]+\s+){0,2}?"
         r"(?:sections|units|branches|divisions|offices|teams|bureaus|departments|programs|programmes|"
         r"areas|centers|centres|facilities|clinics|wards|services|groups|refuges|sites|campuses)"
         r"\s+(?:of|in|within|under|at)\s+(?=(?:the\s+|our\s+)?(?-i:[A-Z]))", allowed=_UNITS, needs_subject=True,
         single=True, confidence=0.9),
    # "the Programs Department, which includes the Mentoring Program and Academic Support": each unit is part of it
    Rule("part.includes", PART_OF,
         r",\s*which\s+(?:includes|include|comprises|encompasses|houses|consists\s+of|is\s+made\s+up\s+of|"
         r"is\s+(?:composed|comprised)\s+of)\s+", allowed=_UNITS, list_context=True, inverse=True, confidence=0.8),
    Rule("part.sits_within", PART_OF,
         r"\b(?:sits|falls|resides)\s+(?:within|under|in)\s+(?=(?:the\s+|our\s+)?(?-i:[A-Z]))", allowed=_UNITS,
         needs_subject=True),
    Rule("part.joins", PART_OF, r"\b(?:join|joins|joining)\s+(?=(?:the|our)\s+(?-i:[A-Z]))", allowed=(UNIT,),
         needs_subject=True, confidence=0.9),
    Rule("part.apposition", PART_OF,
         r",\s+(?:a|an|one)\s+(?:\w+\s+)?(?:section|unit|branch|division|office|team|bureau|department|directorate|"
         r"facility|center|centre)"
         r"\s+(?:of|in|within)\s+(?=(?:the\s+)?[A-Z])", allowed=_UNITS, needs_subject=True),
    Rule("part.located_in", PART_OF,
         r"\b(?:(?:is|are)\s+)?(?:organi[sz]ationally\s+)?(?:located|housed|based|situated|placed)\s+"
         r"(?:in|within|at)\s+|\b(?:is|are)\s+assigned\s+to\s+|\boperates?\s+(?:within|under)\s+",
         allowed=_UNITS, needs_subject=True),
    # membership
    Rule("member.member_of", MEMBER_OF, r"\b(?:as|is|and)\s+(?:a|an)\s+(?:[\w\-]+\s+){0,2}?member\s+of\s+", allowed=_UNITS),
    Rule("member.member_bare", MEMBER_OF, r"\b(?:active\s+|voting\s+|standing\s+|ex[\s\-]officio\s+)?member\s+of\s+",
         allowed=_UNITS, needs_subject=True),
    Rule("member.serves_on", MEMBER_OF,
         rf"\b(?:serves|sits|serve|sit|serving|sitting|holds\s+a\s+seat)\s+on\s+{BODY_AHEAD}", allowed=(UNIT,)),
    Rule("member.participant_on", MEMBER_OF,  # "serves as an active participant on the school leadership team"
         rf"\bparticipants?\s+(?:on|in|of)\s+{BODY_AHEAD}", allowed=(UNIT,), confidence=0.9),
    Rule("member.participates_in", MEMBER_OF,
         rf"\b(?:participates|participate|participating|takes?\s+part)\s+(?:\w+ly\s+)?(?:in|on)\s+{BODY_AHEAD}",
         allowed=(UNIT,), confidence=0.9),
    Rule("member.attends", MEMBER_OF, rf"\b(?:attends|attend|attending)\s+{BODY_AHEAD}", allowed=(UNIT,), confidence=0.8),
    Rule("member.representative_on", MEMBER_OF,
         rf"\brepresentative\s+(?:on|to)\s+{BODY_AHEAD}|\brepresents?\s+(?:[\w'\u2019\-]+\s+){{1,3}}?(?:on|at)\s+{BODY_AHEAD}",
         allowed=(UNIT,), confidence=0.9),
    Rule("member.office_holder", MEMBER_OF,
         rf"\b(?:serves?|acts?|serving|acting)\s+as\s+(?:the\s+)?(?:chair|co-chair|vice-chair|chairperson|secretary|"
         rf"treasurer|convener|convenor)\s+(?:of|for|to)\s+{BODY_AHEAD}", allowed=(UNIT,)),
    Rule("member.chairs", MEMBER_OF,
         rf"\b(?:chairs|co-chairs|convenes|chair|co-chair)\s+{BODY_AHEAD}", allowed=(UNIT,), confidence=0.9),)


_NAME = re.compile(r"^[a-z]+\.[a-z_]+$")


def check(rule: Rule) -> Rule:
    """The rule with its pattern compiled; RuleError naming the rule when any part of it is malformed."""
    def fail(problem: str) -> RuleError:
        return RuleError(f"rule {rule.name!r}: {problem}")

    if not isinstance(rule.name, str) or not _NAME.match(rule.name):
        raise fail("name must read '<family>.<what>' in lower case")
    if rule.type not in EDGE_TYPES or rule.type not in (UNDER_DIRECTION_OF, SUPERVISES, COLLABORATES_WITH,
                                                         MEMBER_OF, PART_OF):
        raise fail(f"unknown relation type {rule.type!r}")
    if not rule.trigger or not isinstance(rule.trigger, str):
        raise fail("empty trigger")
    try:
        pattern = re.compile(rule.trigger, re.IGNORECASE)
    except re.error as e:
        raise fail(f"trigger is no regex: {e}") from None
    if pattern.match(""):
        raise fail("trigger matches the empty string")
    keys = required_literals(rule.trigger)
    if not keys or min(map(len, keys)) < 3:
        raise fail("trigger needs a literal word of 3+ letters in every match (the clause prefilter reads it)")
    if not rule.allowed or any(t not in _ENTITIES for t in rule.allowed):
        raise fail(f"allowed target types must be among {_ENTITIES}")
    if not isinstance(rule.confidence, (int, float)) or not 0 < rule.confidence <= 1:
        raise fail("confidence must lie in (0, 1]")
    object.__setattr__(rule, "pattern", pattern)
    object.__setattr__(rule, "keys", keys)
    return rule


def required_literals(trigger: str) -> tuple[str, ...]:
    """Lower-cased literals one of which every match of the IGNORECASE regex holds: a clause whose lower-cased
    text holds none of them cannot match, so its regex is not run (most clauses fire no rule). Derived from
    the parsed regex itself, so it cannot disagree with the trigger.

    Example: required_literals(r"\\b(?:leads|heads)\\s+") -> ('leads', 'heads')
    """
    got = _required(_sre.parse(trigger))
    return tuple(sorted(got, key=len, reverse=True)) if got else ()


def _required(seq) -> frozenset[str] | None:
    """For a parsed sequence: the best set of alternatives that every match holds one of (None: none found).
    Consecutive literal characters form a run; of all runs and sub-requirements the most selective wins."""
    best: frozenset[str] | None = None
    run = ""

    def better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
        if a is None or b is None:
            return a or b
        return a if _selectivity(a) >= _selectivity(b) else b

    for op, arg in seq:
        if op is _sre.LITERAL and chr(arg).isalpha():
            run += chr(arg).lower()
            continue
        if run:  # letters only: a key then lies within one word of the clause
            best, run = better(best, frozenset({run})), ""
        if op is _sre.SUBPATTERN:
            best = better(best, _required(arg[-1]))
        elif op is _sre.BRANCH:
            alts = [_required(b) for b in arg[1]]
            if all(alts):
                best = better(best, frozenset().union(*alts))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and arg[0] >= 1:
            best = better(best, _required(arg[2]))
    return better(best, frozenset({run})) if run else best


# stems in a large share of any job description's clauses ("manager", "leadership", "the"): between two key sets
# whose shortest keys are as long, the one without them filters more clauses out
COMMON_STEMS = frozenset("manag management manage lead leadership direct provide work serv sit operation responsib "
                         "the our your with for and".split())


def _selectivity(keys: frozenset[str]) -> tuple[int, bool]:
    """How well a key set filters clauses: its shortest key's length, then having no common stem."""
    return (min(map(len, keys)), not any(k in COMMON_STEMS for k in keys))


def required_sets(trigger: str) -> tuple[frozenset[str], ...]:
    """Every set of lower-cased literals of which each match of the IGNORECASE regex holds one, each literal
    of 3+ letters (a set with a shorter one says too little): a clause fires the rule only when it holds
    one literal of every set. Look-aheads count: what they require lies after the trigger, in the clause.

    Example: required_sets(r"\\bwill\\s+report\\s+to\\s+") -> (frozenset({'will'}), frozenset({'report'}))
    """
    return tuple(s for s in _musts(_sre.parse(trigger)) if min(map(len, s)) >= 3)


def _musts(seq) -> list[frozenset[str]]:
    """The requirement sets of a parsed sequence: one per letter run and per element every match passes."""
    out: list[frozenset[str]] = []
    run = ""
    for op, arg in seq:
        if op is _sre.LITERAL and chr(arg).isalpha():
            run += chr(arg).lower()
            continue
        if run:
            out.append(frozenset({run}))
            run = ""
        if op is _sre.SUBPATTERN:
            out += _musts(arg[-1])
        elif op is _sre.ASSERT and arg[0] == 1:  # a positive look-ahead
            out += _musts(arg[1])
        elif op is _sre.BRANCH:
            alts = [_required(b) for b in arg[1]]
            if all(alts):
                out.append(frozenset().union(*alts))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and arg[0] >= 1:
            out += _musts(arg[2])
    if run:
        out.append(frozenset({run}))
    return out


def checked(rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
    """Every rule checked, names unique."""
    seen: set[str] = set()
    for r in rules:
        if r.name in seen:
            raise RuleError(f"rule {r.name!r}: name used twice")
        seen.add(r.name)
    return tuple(check(r) for r in rules)


RULES = checked(RULES)
RULES_BY_NAME = {r.name: r for r in RULES}

__all__ = ["ADJ", "COVERB_TAIL", "DIRECTION", "RULES", "RULES_BY_NAME", "Rule", "RuleError", "check", "checked",
           "required_literals", "required_sets"]
