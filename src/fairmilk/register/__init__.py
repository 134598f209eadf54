"""The experience register: the CFS call-for-experiences form as data, import of filled
forms, moderation, search, synthesis and field observations of prices and labels."""

from fairmilk.register.cfs2019 import CFS_2019
from fairmilk.register.importer import import_bytes, import_file
from fairmilk.register.published import published_price_observations
from fairmilk.register.reader import read_submission
from fairmilk.register.record import Submission
from fairmilk.register.search import Filters, search
from fairmilk.register.submissions import get_submission, save_submission, set_status
from fairmilk.register.synthesis import synthesis

__all__ = [
    "CFS_2019",
    "Filters",
    "Submission",
    "get_submission",
    "import_bytes",
    "import_file",
    "published_price_observations",
    "read_submission",
    "save_submission",
    "search",
    "set_status",
    "synthesis",
]
