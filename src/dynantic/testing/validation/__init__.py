"""Request validation derived from botocore's DynamoDB service model.

:func:`check_request` refuses what a real boto3 client refuses before it sends
anything, with botocore's own ``ParamValidationError`` report; it is compiled
once per operation from the model and cheap for a valid request.
"""

from __future__ import annotations

from dynantic.testing.validation.client_side import check_request

__all__ = ["check_request"]
