"""The annex of the 2019 CFS form: the multistakeholder event behind a submission."""

from __future__ import annotations

from fairmilk.register.cfs_options import AFFILIATIONS
from fairmilk.register.form import Field, Heading, Section, text_field


def annex_section() -> Section:
    """The annex: date, place, participants and organisers of a multistakeholder event."""
    return Section(
        "annex",
        "Annex: multistakeholder event",
        "Annexe : événement multipartite",
        (
            Heading("Annex: to be filled if"),
            Field(
                "annex_date",
                "date",
                "Date of the multistakeholder event",
                "Date de l'événement multipartite",
                "Date of the multistakeholder event",
            ),
            text_field(
                "annex_location",
                "Location of the event",
                "Location of the event",
                "Lieu de l'événement",
            ),
            Field(
                "annex_participants",
                "boxes",
                "Groups of stakeholders who participated",
                "Groupes de parties prenantes ayant participé",
                "Which groups of stakeholders participated",
                options=AFFILIATIONS,
                other_field="annex_participants_other",
            ),
            text_field(
                "annex_participants_other",
                None,
                "Participants: other (please specify)",
                "Participants : autre (préciser)",
            ),
            Field(
                "annex_organizers",
                "boxes",
                "Who organized the event",
                "Organisateurs de l'événement",
                "Who organized the event",
                options=AFFILIATIONS,
                other_field="annex_organizers_other",
            ),
            text_field(
                "annex_organizers_other",
                None,
                "Organizers: other (please specify)",
                "Organisateurs : autre (préciser)",
            ),
        ),
    )
