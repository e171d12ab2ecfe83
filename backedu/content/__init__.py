"""The course as data: YAML files shipped in the package, their models, the check that validates
them (``check.py``, the only place with pydantic and yaml) and the light loader every page uses.

Importing this package loads the standard library only.
"""

from backedu.content.loader import course, data_dir, load_course
from backedu.content.models import Course, Level
from backedu.errors import ContentError

__all__ = ["ContentError", "Course", "Level", "course", "data_dir", "load_course"]
