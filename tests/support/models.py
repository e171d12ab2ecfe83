"""Content items for tests, built the way the check builds them: validated by pydantic into the
models, so strings become enums and lists become tuples exactly as in a real course."""

from __future__ import annotations

import functools
from typing import Any, TypeVar

from pydantic import TypeAdapter

_Model = TypeVar("_Model")


@functools.cache
def _adapter(model: type[Any]) -> TypeAdapter[Any]:
    return TypeAdapter(model)


def validated(model: type[_Model], **fields: Any) -> _Model:
    """``model(**fields)`` as the content check would make it (and refuse it)."""
    return _adapter(model).validate_python(fields)  # type: ignore[no-any-return]
