"""What may leave the user's hands: `--redact` drops every item marked `sensitive: true`."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from briefgen.dossier.model import Item

M = TypeVar("M", bound=BaseModel)


def redact(model: M) -> M:
    """A copy of `model` without any sensitive item, at any depth."""
    changes: dict[str, Any] = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, list):
            kept = [
                redact(v) if isinstance(v, BaseModel) else v
                for v in value
                if not (isinstance(v, Item) and v.sensitive)
            ]
            if kept != value:
                changes[name] = kept
        elif isinstance(value, Item) and value.sensitive:
            changes[name] = None
        elif isinstance(value, BaseModel):
            cleaned = redact(value)
            if cleaned is not value:
                changes[name] = cleaned
    return model.model_copy(update=changes) if changes else model
