"""The Post-course section: works, monitoring visits, worklists, cards and reports (п.33-37)."""
