"""botocore's DynamoDB service model, loaded once per process.

The model is the single source for operation names, request and response
shapes, error shapes, paginators and waiters.
"""

from __future__ import annotations

import functools
import re
from typing import cast

import botocore.session
from botocore.model import OperationModel, ServiceModel, StructureShape

__all__ = [
    "input_shape",
    "operation_model",
    "partition_of",
    "python_name",
    "service_host",
    "service_model",
    "session",
]


@functools.cache
def session() -> botocore.session.Session:
    """A private botocore session: its loaders read the bundled model files."""
    return botocore.session.get_session()


@functools.cache
def service_model() -> ServiceModel:
    """DynamoDB's service model (``dynamodb`` / ``2012-08-10``)."""
    return session().get_service_model("dynamodb")


@functools.cache
def operation_model(name: str) -> OperationModel:
    """The model of one operation, by its API name (``"PutItem"``)."""
    return service_model().operation_model(name)


def input_shape(operation_name: str) -> StructureShape:
    """The shape of an operation's request (every DynamoDB operation has one)."""
    shape = operation_model(operation_name).input_shape
    if shape is None:
        raise ValueError(f"{operation_name} takes no input")
    return shape


_CAMEL_BOUNDARY = re.compile(r"(?<!^)(?=[A-Z])")


def python_name(operation_name: str) -> str:
    """``"BatchGetItem"`` → ``"batch_get_item"``, as boto3 names client methods."""
    return _CAMEL_BOUNDARY.sub("_", operation_name).lower()


@functools.cache
def partition_of(region: str) -> str:
    """The partition whose ARNs name ``region`` (``us-gov-west-1`` → ``aws-us-gov``),
    from botocore's partition data: its listed regions first, then its patterns;
    ``aws`` for a region no partition claims."""
    return str(_partition(region)["id"])


@functools.cache
def service_host(region: str) -> str:
    """The host name of DynamoDB's endpoint in ``region``, in its partition's DNS
    domain (``dynamodb.cn-north-1.amazonaws.com.cn``), from botocore's partition data."""
    outputs = cast("dict[str, object]", _partition(region)["outputs"])
    return f"dynamodb.{region}.{outputs['dnsSuffix']}"


def _partition(region: str) -> dict[str, object]:
    data = cast("dict[str, list[dict[str, object]]]", session().get_data("partitions"))
    partitions = data["partitions"]
    for partition in partitions:
        if region in cast("dict[str, object]", partition["regions"]):
            return partition
    for partition in partitions:
        if re.match(str(partition["regionRegex"]), region):
            return partition
    return next(partition for partition in partitions if partition["id"] == "aws")
