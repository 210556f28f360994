"""What the sections share: the list page and form dialog, the paged table model, the background-work runner,
date edits and choices, and the editors of reference records."""
