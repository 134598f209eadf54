"""English and French text of the register pages (the form labels live in fairmilk.register)."""

from __future__ import annotations

from collections.abc import Callable

TEXT: dict[str, tuple[str, str]] = {
    "register": ("Register of experiences", "Registre des expériences"),
    "intro": (
        "Experiences in using the CFS policy recommendations on smallholder agriculture, and "
        "field observations of milk prices and labels. Everything is checked by a moderator "
        "before it is published; contact details are never published.",
        "Expériences d'utilisation des recommandations politiques du CSA sur l'agriculture "
        "paysanne, et observations de terrain des prix et étiquettes du lait. Tout est vérifié "
        "par un modérateur avant publication ; les coordonnées ne sont jamais publiées.",
    ),
    "fill_form": ("Fill in the form", "Remplir le formulaire"),
    "upload_form": (
        "Upload a filled form (.docx, .pdf, .txt)",
        "Téléverser un formulaire rempli (.docx, .pdf, .txt)",
    ),
    "search": ("Search the experiences", "Rechercher dans les expériences"),
    "synthesis": ("Synthesis", "Synthèse"),
    "observe": ("Report a market observation", "Signaler une observation de marché"),
    "moderate": ("Moderation", "Modération"),
    "save_draft": ("Save draft", "Enregistrer le brouillon"),
    "submit": ("Submit", "Envoyer"),
    "draft_saved": (
        "Draft saved: your answers are kept in this browser for 30 days.",
        "Brouillon enregistré : vos réponses sont gardées dans ce navigateur 30 jours.",
    ),
    "draft_note": (
        "Your answers are saved as a draft at each button you press (and as you type when "
        "JavaScript is on), so nothing is lost.",
        "Vos réponses sont gardées en brouillon à chaque bouton pressé (et pendant la saisie "
        "si JavaScript est actif) : rien n'est perdu.",
    ),
    "fix_errors": ("Some answers need attention; nothing was lost.",
                   "Certaines réponses sont à revoir ; rien n'a été perdu."),
    "required_mark": ("required", "obligatoire"),
    "thanks": ("Thank you. Your submission is waiting for a moderator.",
               "Merci. Votre contribution attend la validation d'un modérateur."),
    "reference": ("Reference", "Référence"),
    "warnings": ("Points a moderator will check", "Points qu'un modérateur vérifiera"),
    "file": ("File", "Fichier"),
    "upload": ("Upload", "Téléverser"),
    "blank_form": ("Download the blank form (text, in English) to fill in",
                   "Télécharger le formulaire vierge (texte, en anglais) à remplir"),
    "query": ("Words", "Mots"),
    "any": ("any", "tous"),
    "set": ("Set", "Ensemble"),
    "recommendation": ("Recommendation (e.g. PR-18, VII.A)", "Recommandation (ex. PR-18, VII.A)"),
    "sdg": ("SDG", "ODD"),
    "country": ("Country or region (e.g. SN, west-africa)", "Pays ou région (ex. SN, west-africa)"),
    "affiliation": ("Affiliation", "Affiliation"),
    "year": ("Year", "Année"),
    "go": ("Search", "Rechercher"),
    "results": ("Results", "Résultats"),
    "no_results": (
        "No published submission matches.",
        "Aucune contribution publiée ne correspond.",
    ),
    "title": ("Title", "Titre"),
    "count": ("Count", "Nombre"),
    "total": ("Published submissions", "Contributions publiées"),
    "citations": ("Recommendations cited", "Recommandations citées"),
    "facts": ("Quantitative facts reported", "Faits chiffrés déclarés"),
    "not_in_catalogue": ("not in the catalogue yet", "pas encore au catalogue"),
    "kind_people": ("people", "personnes"),
    "kind_countries": ("countries", "pays"),
    "kind_organisations": ("organisations", "organisations"),
    "download": ("Download", "Télécharger"),
    "observe_thanks": ("Thank you. Your observation is waiting for a moderator.",
                       "Merci. Votre observation attend la validation d'un modérateur."),
    "login": ("Moderator login", "Connexion des modérateurs"),
    "username": ("User name", "Nom d'utilisateur"),
    "password": ("Password", "Mot de passe"),
    "log_in": ("Log in", "Se connecter"),
    "log_out": ("Log out", "Se déconnecter"),
    "bad_login": ("Wrong user name or password.", "Nom d'utilisateur ou mot de passe incorrect."),
    "pending": ("Waiting for moderation", "En attente de modération"),
    "publish": ("Publish", "Publier"),
    "confirm_publish": ("Publish this item? It becomes public at once.",
                        "Publier cet élément ? Il devient public aussitôt."),
    "confirm_reject": ("Reject this item? It will not be published.",
                       "Rejeter cet élément ? Il ne sera pas publié."),
    "confirm": ("Yes, confirm", "Oui, confirmer"),
    "cancel": ("Cancel", "Annuler"),
    "moderators": ("Moderator accounts", "Comptes des modérateurs"),
    "disable": ("Disable", "Désactiver"),
    "enable": ("Enable", "Réactiver"),
    "active": ("active", "actif"),
    "disabled": ("disabled", "désactivé"),
    "admin_only": ("This page is for administrators.",
                   "Cette page est réservée aux administrateurs."),
    "reject": ("Reject", "Rejeter"),
    "note": ("Note for the audit trail", "Note pour le journal"),
    "contact": ("Contact (private)", "Contact (privé)"),
    "held_back": ("Contact details found in the answers, held back from the public record",
                  "Coordonnées trouvées dans les réponses, retenues hors de la fiche publique"),
    "observations": ("Field observations", "Observations de terrain"),
    "nothing_pending": ("Nothing is waiting.", "Rien n'est en attente."),
    "audit": ("Audit trail", "Journal des actions"),
    "read_only": ("This server is read-only: it does not accept submissions.",
                  "Ce serveur est en lecture seule : il n'accepte pas de contributions."),
    "too_many": ("Too many submissions from your address; please try again in a few minutes. "
                 "Your answers were kept as a draft.",
                 "Trop de contributions depuis votre adresse ; réessayez dans quelques minutes. "
                 "Vos réponses ont été gardées en brouillon."),
    "expired": ("Your form session expired (are cookies allowed?). Your answers are shown "
                "again: please submit once more.",
                "Votre session de formulaire a expiré (les cookies sont-ils autorisés ?). Vos "
                "réponses sont affichées à nouveau : envoyez-les encore une fois."),
    "too_large": (
        "The file or form is too large.",
        "Le fichier ou le formulaire est trop volumineux.",
    ),
    "forbidden": ("This page is for moderators; please log in.",
                  "Cette page est réservée aux modérateurs ; connectez-vous."),
    "withheld": ("[contact withheld]", "[coordonnées retenues]"),
    "gap": ("–", "–"),
    "yes": ("yes", "oui"),
    "no": ("no", "non"),
}  # fmt: skip

# Codes shown on the moderation pages (statuses, audit actions, kinds of item).
WORDS: dict[str, tuple[str, str]] = {
    "pending": ("pending", "en attente"),
    "published": ("published", "publié"),
    "rejected": ("rejected", "rejeté"),
    "login": ("login", "connexion"),
    "login-failed": ("failed login", "connexion refusée"),
    "create-moderator": ("moderator created", "modérateur créé"),
    "create-administrator": ("administrator created", "administrateur créé"),
    "enable": ("enabled", "réactivé"),
    "disable": ("disabled", "désactivé"),
    "submission": ("submission", "contribution"),
    "observation": ("observation", "observation"),
    "moderator": ("moderator", "modérateur"),
}

PRODUCT_NAMES: dict[str, tuple[str, str]] = {
    "liquid_milk": ("Liquid milk", "Lait liquide"),
    "cream": ("Cream", "Crème"),
    "smp": ("Skimmed milk powder", "Lait écrémé en poudre"),
    "wmp": ("Whole milk powder", "Lait entier en poudre"),
    "ffmp": ("Fat-filled milk powder", "Poudre de lait réengraissée"),
    "butter": ("Butter", "Beurre"),
    "cheese": ("Cheese", "Fromage"),
    "whey": ("Whey", "Lactosérum"),
    "condensed": ("Condensed milk", "Lait concentré"),
    "yoghurt": ("Yoghurt", "Yaourt"),
    "infant_formula": ("Infant formula", "Préparation pour nourrissons"),
    "other": ("Other", "Autre"),
}


def text_for(lang: str) -> Callable[[str], str]:
    """A lookup of page text by key in ``lang`` (en or fr)."""
    index = 1 if lang == "fr" else 0

    def t(key: str) -> str:
        return TEXT[key][index]

    return t


def label(item: object, lang: str, name: str = "label") -> str:
    """The ``label_en``/``label_fr`` (or ``title_...``) attribute of a declared thing."""
    return str(getattr(item, f"{name}_{'fr' if lang == 'fr' else 'en'}"))
