"""pedesk: teachers' professional-development courses under Order No. 95 (2016) / No. 137 (2020)."""

__version__ = "0.1.0"
