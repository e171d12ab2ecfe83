"""The class server that ``backedu class`` runs: the static lessons for students' browsers, the
answer endpoint, the teacher dashboard, and a terminal a teacher can read (see ``app.py``).

    api.py       the session and answer routes; the teacher-only guard
    site.py      building the static site for a class, and serving its files
    terminal.py  what the teacher's terminal says; what goes to the log file
    app.py       the server (a Voilà app), either way of running a class
"""
