"""The Assessments section: the final assessment sheet of a cohort, results entered or imported, retakes (п.27-31)."""
