"""backedu: an evidence-based classroom module about lower back spasms.

The notebooks call these functions, one per code cell. Each is imported on first use, so
``import backedu`` stays light and the pure modules never pull in ipywidgets.
"""

from __future__ import annotations

import importlib
from typing import Any

# public name -> module that defines it, imported on first access (PEP 562). Keeps
# `import backedu` cheap: pydantic, the content files and ipywidgets load when a page needs them.
_LAZY: dict[str, str] = {
    "ContentError": "backedu.content",
    "Region": "backedu.logic.region",
    "course": "backedu.content",
    "current_region": "backedu.logic.region",
    "lesson_end": "backedu.views.pages",
    "lesson_intro": "backedu.views.pages",
    "safety_notice": "backedu.views.pages",
    "answer_key": "backedu.widgets.teaching",
    "appointment_planner": "backedu.widgets.planner",
    "article_check": "backedu.widgets.claims",
    "cause_explorer": "backedu.widgets.causes",
    "course_overview": "backedu.views.teaching",
    "how_common_chart": "backedu.views.causes",
    "lesson_check": "backedu.widgets.quiz",
    "lesson_plans": "backedu.views.teaching",
    "picture": "backedu.views.pictures",
    "prevention_tips": "backedu.views.prevention",
    "red_flag_steps": "backedu.views.teaching",
    "self_care_plan": "backedu.widgets.planner",
    "self_quiz": "backedu.widgets.quiz",
    "symptom_checklist": "backedu.widgets.triage",
    "teacher_dashboard": "backedu.widgets.dashboard",
    "warning_signs": "backedu.views.pages",
    "young_people_signs": "backedu.views.pages",
    "what_to_do": "backedu.views.pages",
    "service_words": "backedu.views.pages",
    "physio_help": "backedu.views.pages",
    "get_help": "backedu.views.pages",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'backedu' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
