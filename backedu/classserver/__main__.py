"""``python -m backedu.classserver``: what ``backedu class`` starts (see ``app.py``).

First of all, standard error goes to the log file ``backedu class`` named: start-up logs and
routine warnings (the server's and every kernel's, which inherit it) stay out of the teacher's
terminal, which keeps standard output.
"""

import os
import sys

from backedu.classroom.config import ENV_LOG


def _log_to(path: str) -> None:
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(descriptor, 2)
    os.close(descriptor)


if os.environ.get(ENV_LOG):
    _log_to(os.environ[ENV_LOG])

from backedu.classserver.app import main  # noqa: E402  (after the redirection, on purpose)

main(sys.argv[1:])
