"""Pure logic: content in, decisions and plain data out. No HTML, no widgets, no files.

One module per concept (triage, causes, quiz, claims, planner, teaching, region); the views and
widgets of a feature carry the same module name in ``backedu.views`` and ``backedu.widgets``.
"""
