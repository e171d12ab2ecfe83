"""Views: pure functions from content and logic results to escaped HTML. No widgets.

Every piece of HTML a page shows is built here (``html.py`` escapes, ``theme.py`` holds the
colours and shared CSS), so Jupyter, Voilà, printed sheets and tests see the same markup.
"""
