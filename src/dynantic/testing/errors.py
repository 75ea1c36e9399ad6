"""Service errors inside the in-memory DynamoDB.

The engine and the operations raise :class:`ServiceError`, which knows nothing
of botocore or HTTP. The client turns it into the botocore ``ClientError``
subclass a real client raises; the HTTP endpoint turns it into the service's
JSON error body. Message texts live in :mod:`dynantic.testing.messages`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dynantic.testing import messages

__all__ = ["ServiceError", "transaction_cancelled", "validation_error"]


class ServiceError(Exception):
    """An error the DynamoDB service would answer with.

    ``code`` is the service's error code (``ConditionalCheckFailedException``),
    ``message`` its text, ``fields`` the modeled members the error carries
    besides the message (``Item``, ``CancellationReasons``), in boto3's shape.
    ``message_member`` names the body's message member where the service spells
    it otherwise than the error's shape in the model (``None``: as the shape).
    """

    def __init__(
        self,
        code: str,
        message: str,
        fields: Mapping[str, object] | None = None,
        *,
        status: int = 400,
        message_member: str | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.fields: dict[str, object] = dict(fields) if fields else {}
        self.status = status
        self.message_member = message_member

    def __repr__(self) -> str:
        return f"ServiceError({self.code!r}, {self.message!r})"


def validation_error(message: str) -> ServiceError:
    """A ``ValidationException`` with ``message``."""
    return ServiceError("ValidationException", message)


def transaction_cancelled(reasons: Sequence[Mapping[str, object]]) -> ServiceError:
    """The ``TransactionCanceledException`` for ``reasons``, one per element in
    request order (``{"Code": "None"}`` for the elements that were fine)."""
    codes = ", ".join(str(reason["Code"]) for reason in reasons)
    return ServiceError(
        "TransactionCanceledException",
        messages.TRANSACTION_CANCELLED.format(codes=codes),
        {"CancellationReasons": [dict(reason) for reason in reasons]},
    )
