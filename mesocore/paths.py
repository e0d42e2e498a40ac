"""Addresses of a part of the consultation, so a widget can be bound to any field, a list item
included: ``patient.name``, ``treatments[area=face].numbing``, ``history.other_allergies[0]``.

A segment is a field name, optionally followed by one selector: ``[2]`` (the item at that
position) or ``[field=value]`` (the item whose field has that value: stable when items are added
or removed before it, as a session record or an area's treatment is). `put` returns a new,
validated Consultation and never changes the one it is given.
"""

from __future__ import annotations

import re
from typing import Any

from mesocore.models import Consultation

_SEGMENT = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:\[(?P<selector>[^\]]+)\])?$")


class PathError(ValueError):
    """The path names no part of the consultation (a programming error, said plainly)."""


def _segments(path: str) -> list[tuple[str, str | None]]:
    parsed = []
    for segment in path.split("."):
        match = _SEGMENT.match(segment)
        if match is None:
            raise PathError(f"{path}: '{segment}' is not a field, field[n] or field[key=value]")
        parsed.append((match["name"], match["selector"]))
    return parsed


def _item(items: Any, selector: str, path: str) -> tuple[int, Any]:
    """The position and value of the selected list item."""
    if not isinstance(items, list):
        raise PathError(
            f"{path}: [{selector}] selects from a list, not from {type(items).__name__}"
        )
    if selector.isdigit():
        position = int(selector)
        if position >= len(items):
            raise PathError(f"{path}: there is no item {position} (the list has {len(items)})")
        return position, items[position]
    field, equals, wanted = selector.partition("=")
    if not equals:
        raise PathError(f"{path}: [{selector}] is neither a position nor field=value")
    for position, item in enumerate(items):
        found = item.get(field) if isinstance(item, dict) else getattr(item, field, None)
        if str(found) == wanted:
            return position, item
    raise PathError(f"{path}: no item has {field} = {wanted}")


def _child(node: Any, name: str, path: str) -> Any:
    if isinstance(node, dict):
        if name not in node:
            raise PathError(f"{path}: no field '{name}'")
        return node[name]
    if not hasattr(node, name):
        raise PathError(f"{path}: no field '{name}'")
    return getattr(node, name)


def get(consultation: Consultation, path: str) -> Any:
    """The value at `path` (a model, a list, or a plain value)."""
    node: Any = consultation
    for name, selector in _segments(path):
        node = _child(node, name, path)
        if selector is not None:
            node = _item(node, selector, path)[1]
    return node


def put(consultation: Consultation, path: str, value: Any) -> Consultation:
    """A new consultation with `value` at `path`, validated as a whole (pydantic's
    ValidationError names the field when the value is refused)."""
    data = consultation.model_dump()
    segments = _segments(path)
    parent: Any = None
    key: Any = None
    node: Any = data
    for name, selector in segments:
        parent, key, node = node, name, _child(node, name, path)
        if selector is not None:
            position, node = _item(node, selector, path)
            parent, key = parent[name], position
    if parent is None:
        raise PathError(f"{path}: an empty path")
    parent[key] = value
    return Consultation.model_validate(data)


__all__ = ["PathError", "get", "put"]
