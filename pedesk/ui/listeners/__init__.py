"""The Listeners section: teachers' questionnaires, applications and documents, cohort lists and their import (п.7-8, 12, 14, 16)."""
