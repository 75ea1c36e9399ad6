"""Listing what a request breaks, in the order the service lists it.

The walk follows the service: members in report order, each member's own
rules before what it holds; a required member that is missing is ``Value null
… Member must not be null``; list members are addressed ``name.1.member``
(counting from 1) and map values ``name.key.member``. A map's keys and its
values' own rules are reported on the map itself, as ``Map keys must satisfy
constraint: [...]`` and ``Map value must satisfy constraint: [...]``, once per
key or value that fails; the keys of a map in ``MAP_KEYS_ALONE`` only when
nothing else fails. An attribute name over its limit in UTF-8 bytes, as a key
or a value, is reported in the service's own words, naming neither. At most ten failures are listed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import cast

from botocore.model import Shape

from dynantic.testing import messages
from dynantic.testing.validation.constraints import Node, Rule
from dynantic.testing.validation.formatting import bracketed, constraint_failure
from dynantic.testing.validation.service_facts import MAP_KEYS_ALONE

__all__ = ["LISTED_AT_MOST", "Reworded", "constraint_failures"]

LISTED_AT_MOST = 10


Reworded = Callable[[str, str], "str | None"]
"""The newer words of one failure, from its path and constraint, where the
operation uses them; ``None`` keeps the older ``Value '…' at '…'`` form."""


def constraint_failures(
    root: Node, params: Mapping[str, object], reworded: Reworded | None = None
) -> list[str]:
    """Every constraint ``params`` breaks, as the service words them, at most ten."""
    failures = _Failures(reworded)
    _members(root, params, "", failures)
    return failures.messages or failures.withheld[:LISTED_AT_MOST]


class _Failures:
    def __init__(self, reworded: Reworded | None) -> None:
        self.messages: list[str] = []
        self.withheld: list[str] = []
        self._reworded = reworded

    @property
    def full(self) -> bool:
        return len(self.messages) >= LISTED_AT_MOST

    def add(self, value: object, shape: Shape, path: str, constraint: str) -> None:
        if self.full:
            return
        newer = self._reworded(path, constraint) if self._reworded is not None else None
        self.messages.append(
            newer if newer is not None else constraint_failure(value, shape, path, constraint)
        )

    def add_alone(self, text: str) -> None:
        """A failure in words of its own, naming neither value nor path."""
        if not self.full:
            self.messages.append(text)

    def withhold(self, value: object, shape: Shape, path: str, constraint: str) -> None:
        """A failure reported only if no other is."""
        self.withheld.append(constraint_failure(value, shape, path, constraint))


def _too_many_bytes(rules: tuple[Rule, ...], value: object) -> bool:
    """Whether ``value`` breaks a byte-length rule, which the service reports in
    a map in its own words (see ``BYTE_LENGTH_SHAPES``)."""
    return any(rule.kind == "max_bytes" and not rule.holds(value) for rule in rules)


def _members(node: Node, value: object, path: str, failures: _Failures) -> None:
    if not isinstance(value, Mapping):
        return
    fields = cast("Mapping[str, object]", value)
    for member in node.members:
        item = fields.get(member.name)
        member_path = f"{path}.{member.path_name}" if path else member.path_name
        if item is None:
            if member.required:
                failures.add(None, member.node.shape, member_path, messages.NOT_NULL)
        elif member.node.matters:
            _value(member.node, item, member_path, failures)


def _value(node: Node, value: object, path: str, failures: _Failures) -> None:
    for rule in node.rules_for(value):
        if not rule.holds(value):
            failures.add(value, node.shape, path, rule.text)
    _held(node, value, path, failures)


def _held(node: Node, value: object, path: str, failures: _Failures) -> None:
    """Failures inside ``value``: its members, list members or map entries."""
    if node.members:
        _members(node, value, path, failures)
    elif node.key is not None and isinstance(value, Mapping):
        _map(node, cast("Mapping[object, object]", value), path, failures)
    elif node.element is not None and node.element.matters and isinstance(value, (list, tuple)):
        items = cast("Sequence[object]", value)
        for index, item in enumerate(items, start=1):
            if item is not None:
                _value(node.element, item, f"{path}.{index}.member", failures)


def _map(node: Node, value: Mapping[object, object], path: str, failures: _Failures) -> None:
    key, element = node.key, node.element
    assert key is not None
    assert element is not None
    report = failures.withhold if node.shape.name in MAP_KEYS_ALONE else failures.add
    for name in value:
        rules = key.rules_for(name)
        if not all(rule.holds(name) for rule in rules):
            if _too_many_bytes(rules, name):
                failures.add_alone(messages.ATTRIBUTE_NAME_TOO_LARGE)
            else:
                constraints = messages.MAP_KEYS.format(constraints=bracketed(rules))
                report(value, node.shape, path, constraints)
    for item in value.values():
        rules = element.rules_for(item)
        if item is not None and not all(rule.holds(item) for rule in rules):
            if _too_many_bytes(rules, item):
                failures.add_alone(messages.ATTRIBUTE_NAME_TOO_LARGE)
            else:
                constraints = messages.MAP_VALUE.format(constraints=bracketed(rules))
                failures.add(value, node.shape, path, constraints)
    if element.matters:
        for name, item in value.items():
            if item is not None:
                _held(element, item, f"{path}.{name}.member", failures)
