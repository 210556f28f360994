"""Handlers of the command line, one module per area; each takes the parsed arguments and an opener."""

from pedesk.commands.core import backup, cohorts_list, db_upgrade, demo, iin_check, run_gui

__all__ = ["backup", "cohorts_list", "db_upgrade", "demo", "iin_check", "run_gui"]
