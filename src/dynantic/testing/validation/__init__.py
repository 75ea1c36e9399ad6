"""Request checks derived from botocore's service model."""

from __future__ import annotations

from collections.abc import Mapping

from botocore.exceptions import ParamValidationError
from botocore.validate import ParamValidator

from dynantic.testing.model import operation_model

__all__ = ["check_constraints", "check_request"]

_VALIDATOR = ParamValidator()


def check_request(operation_name: str, params: Mapping[str, object]) -> None:
    """Raise botocore's ``ParamValidationError`` where a real client would."""
    shape = operation_model(operation_name).input_shape
    assert shape is not None
    report = _VALIDATOR.validate(params, shape)
    if report.has_errors():
        raise ParamValidationError(report=report.generate_report())


def check_constraints(operation_name: str, params: Mapping[str, object]) -> None:
    """The service's own constraint checks (max, enum, pattern)."""
    del operation_name, params
