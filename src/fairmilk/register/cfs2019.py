"""The 2019 CFS call for experiences on three sets of smallholder recommendations, as data.

English prompts are those printed on the 2019 template (they find the answers in a filled
form); French labels are the project's translation.
"""

from __future__ import annotations

from fairmilk.register.cfs2019_annex import annex_section
from fairmilk.register.cfs2019_outcomes import outcome_sections, sdgs_section
from fairmilk.register.cfs2019_printed import PRINTED
from fairmilk.register.cfs_options import AFFILIATIONS, SETS, YES_NO
from fairmilk.register.form import Field, Form, Heading, Section, text_field


def _header() -> Section:
    return Section(
        "submission",
        "Submission",
        "Contribution",
        (
            text_field(
                "title",
                "Title of your submission",
                "Title of your submission",
                "Titre de votre contribution",
                required=True,
            ),
            text_field(
                "coverage",
                "Geographical coverage",
                "Geographical coverage",
                "Couverture géographique",
                help_en="Indicate if your submission covers several levels, e.g. "
                "national level and regional level",
                help_fr="Indiquez si votre contribution couvre plusieurs niveaux, par "
                "exemple national et régional",
            ),
            text_field(
                "countries",
                "Country(ies)",
                "Country(ies)/ Region(s) covered by your submission",
                "Pays / régions couverts par votre contribution",
                required=True,
            ),
            Heading("Contact person"),
            text_field(
                "contact_name",
                "Name:",
                "Contact person: name",
                "Personne de contact : nom",
                required=True,
            ),
            Field(
                "contact_email",
                "email",
                "Contact person: email address",
                "Personne de contact : adresse électronique",
                "Email address:",
                required=True,
            ),
            Field(
                "affiliation",
                "boxes",
                "Affiliation",
                "Affiliation",
                "Affiliation",
                required=True,
                options=AFFILIATIONS,
                other_field="affiliation_other",
            ),
            text_field(
                "affiliation_other",
                None,
                "Affiliation: other (please specify)",
                "Affiliation : autre (préciser)",
            ),
        ),
    )


def _awareness() -> Section:
    return Section(
        "awareness",
        "(i) Awareness of CFS policy recommendations",
        "(i) Connaissance des recommandations politiques du CSA",
        (
            Heading("Awareness of CFS policy recommendations"),
            text_field(
                "awareness_how",
                "How have you heard of these policy recommendations",
                "How have you heard of these policy recommendations?",
                "Comment avez-vous eu connaissance de ces recommandations politiques ?",
            ),
            Field(
                "awareness_actions",
                "yesno",
                "Have you taken any actions to make these policy recommendations known?",
                "Avez-vous mené des actions pour faire connaître ces recommandations ?",
                "Have you taken any actions to make these policy recommendations known",
                options=YES_NO,
            ),
            text_field(
                "awareness_activities",
                "If yes, please explain",
                "If yes, what were the different activities?",
                "Si oui, quelles ont été les différentes activités ?",
                explains="awareness_actions",
            ),
            text_field(
                "awareness_recommend",
                "What would you recommend to CFS member states",
                "What would you recommend to make CFS policy products more widely known?",
                "Que recommanderiez-vous pour mieux faire connaître les produits du CSA ?",
            ),
        ),
    )


def _set_fields(number: int, en: str, fr: str) -> tuple[Field, Field]:
    tick = Field(
        f"set_{number}",
        "tick",
        f"Set {number}: {en}",
        f"Ensemble {number} : {fr}",
        f"Set {number}:",
    )
    purpose = text_field(
        f"set_{number}_purpose",
        "Main purpose(s):",
        f"Set {number}: main purpose(s)",
        f"Ensemble {number} : objectif(s) principal(aux)",
        explains=f"set_{number}",
    )
    return tick, purpose


def _use() -> Section:
    items: list[Field | Heading] = [
        Heading("Use of the three sets of policy recommendations"),
        Heading("Which set(s) of policy recommendations have been used"),
    ]
    for number, en, fr in SETS:
        items.extend(_set_fields(number, en, fr))
    items.append(
        text_field(
            "recommendations_useful",
            "Which policy recommendations were found particularly useful",
            "Which policy recommendations were found particularly useful?",
            "Quelles recommandations ont été particulièrement utiles ?",
        )
    )
    return Section(
        "use",
        "(ii) Use of the three sets of policy recommendations",
        "(ii) Utilisation des trois ensembles de recommandations politiques",
        tuple(items),
        boilerplate=(
            "[If these policy recommendations have not been used",
            "For each set that has been used, please indicate",
        ),
    )


def _benefits() -> Section:
    return Section(
        "benefits",
        "(iii–v) Present and expected benefits for smallholders",
        "(iii–v) Bénéfices actuels et attendus pour les petits producteurs",
        (
            Heading("Present and expected benefits for smallholders"),
            Heading("How have smallholders benefitted"),
            text_field(
                "results_short",
                "Results in the short term",
                "(iv) Results in the short term (qualitative and quantitative)",
                "(iv) Résultats à court terme (qualitatifs et quantitatifs)",
                help_en="(In addition to providing a qualitative assessment, please "
                "indicate where feasible the number of smallholders",
                help_fr="Indiquez si possible le nombre de petits producteurs directement "
                "concernés",
            ),
            text_field(
                "results_medium",
                "Results in the medium to long term",
                "(v) Results in the medium to long term (qualitative and quantitative)",
                "(v) Résultats à moyen et long terme (qualitatifs et quantitatifs)",
                help_en="(In addition to providing a qualitative assessment, please "
                "indicate where feasible the number of smallholders",
                help_fr="Indiquez si possible le nombre de petits producteurs "
                "indirectement concernés",
            ),
        ),
        boilerplate=("Indicate the results obtained",),
    )


def _people(sid: str, title_en: str, title_fr: str, who: str, en: str, fr: str) -> Section:
    act = "Have any specific actions been taken (in line with these policy recommendations)"
    return Section(
        sid,
        title_en,
        title_fr,
        (
            Heading(f"Present and expected benefits for {who}"),
            text_field(
                f"{sid}_actions",
                act,
                f"Specific actions taken for {en}",
                f"Actions spécifiques menées pour {fr}",
            ),
            text_field(
                f"{sid}_benefits",
                f"How have {who.split()[-1] if sid == 'youth' else who}",
                f"How have {en} benefitted (or are expected to benefit)?",
                f"Quels bénéfices pour {fr} (actuels ou attendus) ?",
            ),
        ),
    )


CFS_2019 = Form(
    id="cfs-smallholders-2019",
    year=2019,
    title_en="Call for experiences in the use and application of three sets of CFS policy "
    "recommendations on smallholder agriculture in the context of food security and nutrition",
    title_fr="Appel à expériences sur l'utilisation et l'application de trois ensembles de "
    "recommandations politiques du CSA sur l'agriculture paysanne dans le contexte de la "
    "sécurité alimentaire et de la nutrition",
    sections=(
        _header(),
        _awareness(),
        _use(),
        _benefits(),
        _people(
            "women",
            "(vi) Benefits for female smallholders",
            "(vi) Bénéfices pour les petites productrices",
            "female smallholders",
            "women",
            "les femmes",
        ),
        _people(
            "youth",
            "(vii) Benefits for the youth",
            "(vii) Bénéfices pour les jeunes",
            "the youth",
            "youth",
            "les jeunes",
        ),
        sdgs_section(),
        *outcome_sections(),
        annex_section(),
    ),
    boilerplate=(
        "Please choose a title for your submission",
        "If the information provided in your submission results from a multistakeholder",
        "Call for experiences in the use and application",
        "Template for submissions",
        "Please use this submission form",
        "For the necessary background and guidance",
        "You can upload the completed form",
    ),
    printed=PRINTED,
)
