"""Box options and numbered items of the 2019 CFS form, with EN/FR labels."""

from __future__ import annotations

from fairmilk.register.form import Option

AFFILIATIONS: tuple[Option, ...] = (
    Option("government", "Government", "Gouvernement"),
    Option("un", "UN organization", "Organisation des Nations Unies"),
    Option("civil_society", "Civil Society / NGO", "Société civile / ONG"),
    Option("private_sector", "Private Sector", "Secteur privé"),
    Option("academia", "Academia", "Milieu universitaire"),
    Option("donor", "Donor", "Donateur"),
    Option("other", "Other", "Autre"),
)
YES_NO: tuple[Option, ...] = (Option("no", "No", "Non"), Option("yes", "Yes", "Oui"))
SETS: tuple[tuple[int, str, str], ...] = (
    (
        1,
        "Investing in Smallholder Agriculture for Food Security and Nutrition",
        "Investir dans l'agriculture paysanne pour la sécurité alimentaire et la nutrition",
    ),
    (2, "Connecting Smallholders to Markets", "Relier les petits producteurs aux marchés"),
    (
        3,
        "Sustainable Agricultural Development for Food Security and Nutrition: "
        "What Roles for Livestock?",
        "Développement agricole durable au service de la sécurité alimentaire et de la "
        "nutrition : quels rôles pour l'élevage ?",
    ),
)
SDGS: tuple[tuple[int, str, str], ...] = (
    (1, "no poverty", "pas de pauvreté"),
    (2, "zero hunger", "faim « zéro »"),
    (8, "decent work and economic growth", "travail décent et croissance économique"),
    (10, "reduced inequalities", "inégalités réduites"),
    (13, "climate action", "mesures relatives à la lutte contre les changements climatiques"),
)
