"""Every registered comparison of the book: importing the claim modules fills ``CLAIMS``."""

from . import claims_ch05_ch11, claims_others, claims_own, claims_solutions_2_3  # noqa: F401 (they register)
from .comparison_claims import CLAIMS
from .claims_others import PENDING

__all__ = ["CLAIMS", "PENDING"]
