"""What the use of the recommendations achieved, sections (viii) to (xiv) of the 2019 CFS form.

Contribution to the SDGs and UN Decades, catalysts and constraints, good practices, lessons,
potential use, links.
"""

from __future__ import annotations

from fairmilk.register.cfs_options import SDGS
from fairmilk.register.form import Field, Heading, Section, text_field


def sdgs_section() -> Section:
    """Section (viii): one tick box and one explanation per SDG."""
    items: list[Field | Heading] = [
        Heading("Contribution of the use of these policy recommendations to SDGs"),
        Heading("How has the use of these policy recommendations contributed"),
    ]
    for number, en, fr in SDGS:
        items.append(
            Field(
                f"sdg_{number}",
                "tick",
                f"SDG {number} ({en})",
                f"ODD {number} ({fr})",
                f"SDG {number} ({en})",
            )
        )
        items.append(
            text_field(
                f"sdg_{number}_explain",
                "Please explain",
                f"SDG {number}: explanation",
                f"ODD {number} : explication",
                explains=f"sdg_{number}",
                overflow_to="sdg_general" if number == SDGS[-1][0] else None,
            )
        )
    items.append(
        text_field(
            "sdg_general",
            None,
            "Contribution to the SDGs and policy coherence",
            "Contribution aux ODD et à la cohérence des politiques",
        )
    )
    return Section(
        "sdgs", "(viii) Contribution to the SDGs", "(viii) Contribution aux ODD", tuple(items)
    )


def _single(
    sid: str, title_en: str, title_fr: str, head: str, fields: tuple[tuple[str, str, str, str], ...]
) -> Section:
    items: list[Field | Heading] = [Heading(head)]
    items += [text_field(fid, anchor, en, fr) for fid, anchor, en, fr in fields]
    return Section(sid, title_en, title_fr, tuple(items))


def outcome_sections() -> tuple[Section, ...]:
    """Sections (ix) to (xiv): UN Decades, catalysts, practices, lessons, potential, links."""
    return (
        _single(
            "decades",
            "(ix) UN Decade of Family Farming and Decade of Action on Nutrition",
            "(ix) Décennie des Nations Unies pour l'agriculture familiale et pour la nutrition",
            "Relevance and expected benefits of the use of these policy recommendations",
            (
                (
                    "un_decades",
                    "How could these policy recommendations contribute",
                    "Contribution to the UN Decades",
                    "Contribution aux Décennies des Nations Unies",
                ),
            ),
        ),
        _single(
            "catalysts",
            "(x) Catalysts and constraints",
            "(x) Catalyseurs et contraintes",
            "Catalysts and constraints",
            (
                (
                    "catalysts",
                    "What were the key catalysts",
                    "Key catalysts",
                    "Principaux catalyseurs",
                ),
                (
                    "constraints",
                    "What were the main constraints",
                    "Main constraints and challenges",
                    "Principales contraintes et difficultés",
                ),
            ),
        ),
        _single(
            "good_practices",
            "(xi) Good practices",
            "(xi) Bonnes pratiques",
            "Good practices",
            (
                (
                    "good_practices",
                    "What good practices would you recommend",
                    "Good practices recommended",
                    "Bonnes pratiques recommandées",
                ),
            ),
        ),
        _single(
            "lessons",
            "(xii) Lessons learned",
            "(xii) Enseignements tirés",
            "Lessons learned",
            (
                (
                    "lessons_learned",
                    "Do you have any suggestions to make to CFS",
                    "Lessons learned and suggestions to CFS",
                    "Enseignements et suggestions au CSA",
                ),
            ),
        ),
        _single(
            "potential",
            "(xiii) Potential use of the policy recommendations",
            "(xiii) Utilisation potentielle des recommandations",
            "Potential use of the policy recommendations",
            (
                (
                    "potential_use",
                    "If these policy recommendations have not been used",
                    "How could they be (further) used?",
                    "Comment pourraient-elles être (mieux) utilisées ?",
                ),
                (
                    "potential_women",
                    "What actions could be taken (in line with these policy "
                    "recommendations) to promote the realization of women",
                    "Possible actions for women's empowerment",
                    "Actions possibles pour l'autonomisation des femmes",
                ),
                (
                    "potential_youth",
                    "What actions could be taken (in line with these policy "
                    "recommendations) to promote the involvement of youth",
                    "Possible actions for youth involvement",
                    "Actions possibles pour l'implication des jeunes",
                ),
            ),
        ),
        Section(
            "links",
            "(xiv) Links to additional information",
            "(xiv) Liens vers des informations complémentaires",
            (
                Field(
                    "links",
                    "links",
                    "Links to additional information",
                    "Liens vers des informations complémentaires",
                    "Link to additional information",
                ),
            ),
        ),
    )
