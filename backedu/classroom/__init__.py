"""Class mode, split by job: settings, records, the SQLite store, the recorder the widgets call,
and the class results the teacher sees. No HTML, no widgets.

Import the module you need (``backedu.classroom.config``...): a lesson page that only asks "is
class mode on?" must not load sqlite3 or start threads.
"""
