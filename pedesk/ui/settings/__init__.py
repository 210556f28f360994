"""The Settings section: the office's own settings."""
