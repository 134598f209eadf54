"""Settings and every path the program uses, each with its help text."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DB_ENV = "FAIRMILK_DB"
CACHE_ENV = "FAIRMILK_CACHE"
SPARK_MASTER_ENV = "FAIRMILK_SPARK_MASTER"
LANG_ENV = "FAIRMILK_LANG"


@dataclass(frozen=True, slots=True)
class Setting:
    """A declared setting: its name, environment variable, default and help in EN/FR."""

    name: str
    env: str
    default: str
    help_en: str
    help_fr: str


def _data_home() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "fairmilk"


def _cache_home() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "fairmilk"


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "db",
        DB_ENV,
        str(_data_home() / "fairmilk.duckdb"),
        "Path of the DuckDB store (one file).",
        "Chemin de la base DuckDB (un seul fichier).",
    ),
    Setting(
        "cache",
        CACHE_ENV,
        str(_cache_home() / "downloads"),
        "Folder where downloaded source files are cached; the web server also keeps its "
        "computed results in its results/ subfolder.",
        "Dossier où sont gardés les fichiers sources téléchargés ; le serveur web y garde "
        "aussi ses résultats calculés, dans le sous-dossier results/.",
    ),
    Setting(
        "spark_master",
        SPARK_MASTER_ENV,
        "local[*]",
        "Spark master for --engine spark (default: local mode on every core).",
        "Maître Spark pour --engine spark (par défaut : mode local sur tous les cœurs).",
    ),
    Setting(
        "lang",
        LANG_ENV,
        "en",
        "Language of command-line messages and errors: en or fr.",
        "Langue des messages et erreurs de la ligne de commande : en ou fr.",
    ),
)


def message_lang() -> str:
    """The language of command-line messages: ``FAIRMILK_LANG`` (fr, fr_FR.UTF-8 ... for
    French), English otherwise."""
    return "fr" if os.environ.get(LANG_ENV, "").strip().lower().startswith("fr") else "en"


def db_path(explicit: Path | None = None) -> Path:
    """The store path: ``--db`` if given, else ``FAIRMILK_DB``, else a per-user default."""
    if explicit is not None:
        return explicit
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env)
    return _data_home() / "fairmilk.duckdb"


def cache_dir(explicit: Path | None = None) -> Path:
    """The download cache: ``--cache``, else ``FAIRMILK_CACHE``, else a per-user default."""
    if explicit is not None:
        return explicit
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    return _cache_home() / "downloads"
