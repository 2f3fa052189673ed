"""How HR writes each kind of statement: many wordings per relation, chosen at random per sentence.

Each template has `{t}` for the target mention (always "the X" or an acronym, added by the writer) and
may have `{d}` (a duty clause) or `{i}` (an infinitive clause). Wordings come from reading real class
descriptions, not from the extractor, so the F1 the benchmark reports is an honest one.
"""

from __future__ import annotations

# Opening sentence of the summary: the role's own supervisor.
BOSS = (
    "Under the direction of {t}, {d}.",
    "Under direction of {t}, {d}.",
    "Under the general direction of {t}, {d}.",
    "Under the administrative direction of {t}, {d}.",
    "Working under the direction of {t}, {d}.",
    "Under the supervision of {t}, {d}.",
    "Under the general supervision of {t}, {d}.",
    "At the direction of {t}, {d}.",
    "Reports to {t} and {d}.",
    "This position reports directly to {t}.",
    "The position works under the direction of {t} and {d}.",
)
# A second, dotted-line supervisor.
DOTTED = (
    "Also works under the direction of {t} on matters of {x}.",
    "For {x}, works under the direction of {t}.",
    "Additionally reports to {t} for {x}.",
    "Receives additional direction from {t} regarding {x}.",
)
# The role belongs to a unit.
UNIT = (
    "This position is located in {t}.",
    "The position is part of {t}.",
    "Located within {t}, the position {d}.",
    "Works within {t} to {i}.",
    "The incumbent is assigned to {t}.",
    "This is a central office position in {t}.",
    "This position is based in {t} and {d}.",
)
# A unit belongs to a parent unit ({s} is the sub-unit mention).
PARENT_UNIT = (
    "{s} is part of {t}.",
    "{s} operates within {t}.",
    "{s} is a unit of {t}.",
    "{s}, which is part of {t}, {dd}.",
    "Within {t}, {s} {dd}.",
)
SUPERVISES_ROLE = (
    "Supervises {t}.",
    "Directly supervises {t}.",
    "Provides supervision to {t}.",
    "Supervises and evaluates {t}.",
    "Oversees the work of {t}.",
    "Is responsible for supervising {t}.",
    "Leads and evaluates the work of {t}.",
    "Manages and evaluates {t}.",
)
SUPERVISES_UNIT = (
    "Oversees {t}.",
    "Provides leadership and direction to {t}.",
    "Leads the work of {t}.",
    "Supervises the staff of {t}.",
    "Manages the operations of {t}.",
)
COLLAB = (
    "Collaborates with {t} to {i}.",
    "Works collaboratively with {t} to {i}.",
    "Works closely with {t} on {x}.",
    "In collaboration with {t}, {d}.",
    "Coordinates with {t} on {x}.",
    "Serves as liaison to {t} for {x}.",
    "Works in consultation with {t} to {i}.",
    "Partners with {t} to {i}.",
    "Consults and collaborates with {t} regarding {x}.",
    "Collaborates closely with {t} in matters of {x}.",
)
# Sentences that name units or groups but state no relation a careful reader would extract.
DISTRACTORS = (
    "Prepares reports and presentations on {x} for district leadership.",
    "Communicates with internal and external stakeholders about {x}.",
    "Responds to inquiries from parents, staff, and community members regarding {x}.",
    "Keeps abreast of state and federal legislation affecting {x}.",
    "Maintains accurate records of {x} in accordance with MCPS policies.",
    "Represents the district at community meetings as assigned.",
)

VERBS = ("plans", "develops", "implements", "coordinates", "monitors", "evaluates", "manages", "directs",
         "administers", "supports", "oversees the delivery of", "designs", "improves", "organizes")
INFS = ("plan", "develop", "implement", "coordinate", "monitor", "evaluate", "improve", "align", "deliver",
        "support", "streamline", "strengthen")
OBJECTS = ("programs and services", "operations", "budget and staffing plans", "initiatives", "procedures",
           "compliance activities", "training and professional learning", "data collection and reporting",
           "projects", "customer service practices", "resources", "long-range plans")
SPECIAL = ("Ability to work evenings and weekends as needed.", "Use of personal vehicle required.",
           "Ability to work overtime, as required.", "Frequent travel to schools and offices.", "None")
