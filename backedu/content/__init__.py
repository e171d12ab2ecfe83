"""The course as validated data: YAML files shipped in the package, their models and loader."""

from backedu.content.loader import course, data_dir, load_course
from backedu.content.models import Course, Level
from backedu.errors import ContentError

__all__ = ["ContentError", "Course", "Level", "course", "data_dir", "load_course"]
