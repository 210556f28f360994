"""The Reference data section: regions, districts, schools (and their import), providers and trainers."""
