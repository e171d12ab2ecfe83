"""What a valid content value is, written once as ``typing.Annotated`` metadata on the models.

The models (``models.py``) are plain standard-library dataclasses. The small objects here ride
along in their type hints, like ``Annotated[str, NotEmpty]``, and mean nothing at run time: a
lesson kernel builds the models from checked data and never looks at them. At check time
(``check.py``) pydantic validates the very same dataclasses, and asks each object for its part of
the schema through ``__get_pydantic_core_schema__``. So there is one definition of each model and
no second, hand-written schema; pydantic-core is imported inside that method, never at import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from types import ModuleType

    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema

KEBAB_CASE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
WEB_SCHEMES = ("http", "https")


class Constraint:
    """Base of the constraints: pydantic calls ``__get_pydantic_core_schema__`` at check time,
    and each constraint narrows the schema of the type it annotates."""

    __slots__ = ()

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic_core import core_schema  # check time only, never in a lesson kernel

        return self.narrow(handler(source), core_schema)

    def narrow(self, schema: CoreSchema, core_schema: ModuleType) -> CoreSchema:
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class MinLength(Constraint):
    """At least ``length`` characters (text) or items (a tuple)."""

    length: int

    def narrow(self, schema: CoreSchema, core_schema: ModuleType) -> CoreSchema:
        return _with(schema, min_length=self.length)


@dataclass(frozen=True, slots=True)
class Between(Constraint):
    """A number in a range: ``ge``/``gt`` below, ``le``/``lt`` above (None: no limit)."""

    ge: float | None = None
    gt: float | None = None
    le: float | None = None
    lt: float | None = None

    def narrow(self, schema: CoreSchema, core_schema: ModuleType) -> CoreSchema:
        limits = {"ge": self.ge, "gt": self.gt, "le": self.le, "lt": self.lt}
        return _with(schema, **{key: value for key, value in limits.items() if value is not None})


@dataclass(frozen=True, slots=True)
class Matches(Constraint):
    """Text that matches a regular expression from start to end."""

    pattern: str

    def narrow(self, schema: CoreSchema, core_schema: ModuleType) -> CoreSchema:
        return _with(schema, pattern=self.pattern)


@dataclass(frozen=True, slots=True)
class KebabCase(Constraint):
    """An id: lower-case words joined by hyphens, like ``saddle-numbness``."""

    def narrow(self, schema: CoreSchema, core_schema: ModuleType) -> CoreSchema:
        return core_schema.no_info_after_validator_function(check_kebab_case, schema)  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class WebAddress(Constraint):
    """An absolute http(s) address, stored as text in pydantic's normal form (a bare host gains
    its ``/``), so the page links exactly where the check looked."""

    def narrow(self, schema: CoreSchema, core_schema: ModuleType) -> CoreSchema:
        url = core_schema.url_schema(allowed_schemes=list(WEB_SCHEMES))
        return core_schema.chain_schema(  # type: ignore[no-any-return]
            [schema, url, core_schema.no_info_plain_validator_function(str)]
        )


def check_kebab_case(value: str) -> str:
    if not KEBAB_CASE.fullmatch(value):
        raise ValueError(f"ids are lower-case kebab-case (like 'saddle-numbness'), not {value!r}")
    return value


def _with(schema: CoreSchema, **limits: object) -> CoreSchema:
    """``schema`` with extra keys, checked to be ones its type knows (a typo must not pass)."""
    known = {
        "str": {"min_length", "pattern"},
        "tuple": {"min_length"},
        "int": {"ge", "gt", "le", "lt"},
        "float": {"ge", "gt", "le", "lt"},
    }.get(schema["type"], set())
    unknown = set(limits) - known
    if unknown:
        raise TypeError(f"cannot apply {sorted(unknown)} to a {schema['type']} field")
    return {**schema, **limits}  # type: ignore[typeddict-item]
