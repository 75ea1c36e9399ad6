"""Request validation derived from botocore's DynamoDB service model.

Two checks, each compiled once per operation from the model and cheap for a
valid request:

- :func:`check_request` refuses what a real boto3 client refuses before it
  sends anything, with botocore's own ``ParamValidationError`` report;
- :func:`check_constraints` refuses what the service refuses for a request the
  client let through (or that arrived as raw JSON): the model's ``max``,
  ``enum``, ``pattern``, ``min`` and required members, as one
  ``ValidationException`` worded and ordered as the service words it.
"""

from __future__ import annotations

from dynantic.testing.validation.client_side import check_request
from dynantic.testing.validation.service_side import check_constraints

__all__ = ["check_constraints", "check_request"]
