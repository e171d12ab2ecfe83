"""Interactive parts of the lessons: one ipywidgets component per file, imported on first use."""
