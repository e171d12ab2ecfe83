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
    "Region": "backedu.region",
    "course": "backedu.content",
    "current_region": "backedu.region",
    "lesson_end": "backedu.pages",
    "lesson_intro": "backedu.pages",
    "safety_notice": "backedu.pages",
    "answer_key": "backedu.widgets.answer_key",
    "appointment_planner": "backedu.widgets.planner",
    "article_check": "backedu.widgets.article_check",
    "cause_explorer": "backedu.widgets.explorer",
    "course_overview": "backedu.teaching",
    "how_common_chart": "backedu.cause_cards",
    "lesson_check": "backedu.widgets.quiz",
    "lesson_plans": "backedu.teaching",
    "prevention_tips": "backedu.prevention",
    "red_flag_steps": "backedu.teaching",
    "self_quiz": "backedu.widgets.quiz",
    "symptom_checklist": "backedu.widgets.checklist",
    "teacher_dashboard": "backedu.widgets.dashboard",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'backedu' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
