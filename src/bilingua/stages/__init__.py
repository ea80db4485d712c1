"""The cleaning stages, one module per job, each proposing edits to the document."""
