"""UpdateTable's rules about the request itself, before the table is looked up.

An UpdateTable request must change something, and the service takes most
changes one per request: encryption, table class, deletion protection and
warm throughput each alone (named in that order of precedence); on-demand
caps only with a billing mode; a stream switch or an index creation or
deletion not with a capacity change, nor with each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dynantic.testing import messages
from dynantic.testing.errors import ServiceError, validation_error
from dynantic.testing.operations.capacity_rules import (
    check_capacity_bounds,
    on_demand_members,
    warm_members,
)
from dynantic.testing.operations.settings_rules import (
    check_sse,
    check_stream_on_update,
    check_table_class,
)

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import UpdateTableInputTypeDef

__all__ = ["changes_of", "check_update_request"]

# The members "At least one of ... is required" names, in its order; the
# service leaves out those the request already has (an empty list it has not).
_NAMED_MEMBERS = (
    "ProvisionedThroughput",
    "BillingMode",
    "UpdateStreamEnabled",
    "GlobalSecondaryIndexUpdates",
    "SSESpecification",
    "ReplicaUpdates",
    "MultiAccountReplicaReady",
    "ReplicaTransitRoleArn",
    "MultiRegionConsistency",
    "DeletionProtectionEnabled",
    "OnDemandThroughput",
    "WarmThroughput",
)
# Members that ask for a change of this table (the stream's is StreamSpecification).
_CHANGES = (
    "ProvisionedThroughput",
    "BillingMode",
    "StreamSpecification",
    "GlobalSecondaryIndexUpdates",
    "SSESpecification",
    "DeletionProtectionEnabled",
    "OnDemandThroughput",
    "WarmThroughput",
    "TableClass",
)
_ONLY_ONE = (
    ("SSESpecification", messages.UPDATE_ONLY_OPERATION.format(change="Server-Side Encryption")),
    ("TableClass", messages.UPDATE_ONLY_OPERATION.format(change="TableClass")),
    (
        "DeletionProtectionEnabled",
        messages.UPDATE_ONLY_OPERATION.format(change="DeletionProtection"),
    ),
)


def changes_of(request: UpdateTableInputTypeDef) -> set[str]:
    """The members of ``request`` that ask for a change; empty lists and structures ask
    for none."""
    present = {name for name in _CHANGES if name in request}
    if not request.get("GlobalSecondaryIndexUpdates"):
        present.discard("GlobalSecondaryIndexUpdates")
    warm = request.get("WarmThroughput")
    if warm is not None and not warm_members(warm):
        present.discard("WarmThroughput")
    on_demand = request.get("OnDemandThroughput")
    if on_demand is not None and not on_demand_members(on_demand):
        present.discard("OnDemandThroughput")
    return present


def _unsupported(request: UpdateTableInputTypeDef) -> str | None:
    """The first member asking for global tables or vector indexes, which the
    in-memory service has not."""
    members: tuple[tuple[str, object], ...] = (
        ("ReplicaUpdates", request.get("ReplicaUpdates")),
        ("GlobalTableWitnessUpdates", request.get("GlobalTableWitnessUpdates")),
        ("GlobalTableSettingsReplicationMode", request.get("GlobalTableSettingsReplicationMode")),
        ("DisassociationProtectionEnabled", request.get("DisassociationProtectionEnabled")),
        ("VectorIndexUpdates", request.get("VectorIndexUpdates")),
    )
    return next((name for name, value in members if value), None)


def _index_actions(request: UpdateTableInputTypeDef) -> set[str]:
    return {
        action
        for update in request.get("GlobalSecondaryIndexUpdates", ())
        for action in ("Create", "Delete", "Update")
        if action in update
    }


def _check_something_to_do(request: UpdateTableInputTypeDef, changes: set[str]) -> None:
    unsupported = _unsupported(request)
    if unsupported is not None:
        raise validation_error(messages.UNSUPPORTED_MEMBER.format(member=unsupported))
    if changes:
        return
    if "WarmThroughput" in request or "OnDemandThroughput" in request:
        # The service fails on an empty structure sent as the only change.
        raise ServiceError("InternalFailure", "", status=500)
    given: dict[str, object] = dict(request)
    members = [name for name in _NAMED_MEMBERS if not given.get(name)]
    raise validation_error(messages.UPDATE_NOTHING.format(members=", ".join(members)))


def _check_index_updates(request: UpdateTableInputTypeDef) -> None:
    updates = request.get("GlobalSecondaryIndexUpdates")
    if updates is None:
        return
    if not updates:
        raise validation_error(
            messages.INDEX_LIST_EMPTY.format(member="GlobalSecondaryIndexUpdates")
        )
    seen: set[str] = set()
    for update in updates:
        names = [
            action["IndexName"]
            for action in (update.get("Update"), update.get("Create"), update.get("Delete"))
            if action is not None
        ]
        if not names:
            raise validation_error(messages.INDEX_UPDATE_EMPTY)
        if len(names) > 1:
            raise validation_error(messages.INDEX_UPDATE_MANY_ACTIONS)
        name = names[0]
        if name in seen:
            raise validation_error(messages.INDEX_UPDATE_SAME_INDEX.format(index=name))
        seen.add(name)
        warm = update.get("Update", {}).get("WarmThroughput")
        if warm is not None and not warm_members(warm):
            raise validation_error(messages.INDEX_WARM_EMPTY.format(index=name))


def _check_one_change_at_a_time(request: UpdateTableInputTypeDef, changes: set[str]) -> None:
    for name, message in _ONLY_ONE:
        if name in changes and len(changes) > 1:
            raise validation_error(message)
    index_changes = _index_actions(request) & {"Create", "Delete"}
    if "WarmThroughput" in changes:
        if "Create" in index_changes:
            raise validation_error(messages.UPDATE_INDEX_WITH_WARM)
        if len(changes) > 1:
            raise validation_error(messages.UPDATE_WARM_ONLY_OPERATION)
    if "OnDemandThroughput" in changes and changes - {"OnDemandThroughput", "BillingMode"}:
        raise validation_error(messages.UPDATE_ON_DEMAND_WITH_BILLING_ONLY)
    capacity = "ProvisionedThroughput" in changes or request.get("BillingMode") == "PROVISIONED"
    if "StreamSpecification" in changes and capacity:
        raise validation_error(messages.UPDATE_STREAM_WITH_CAPACITY)
    if index_changes and "ProvisionedThroughput" in changes:
        raise validation_error(messages.UPDATE_INDEX_WITH_CAPACITY)
    if index_changes and "StreamSpecification" in changes:
        raise validation_error(messages.UPDATE_INDEX_WITH_STREAM)


def _check_values(request: UpdateTableInputTypeDef) -> None:
    stream = request.get("StreamSpecification")
    if stream is not None:
        check_stream_on_update(stream)
    sse = request.get("SSESpecification")
    if sse is not None:
        check_sse(sse)
    table_class = request.get("TableClass")
    if table_class is not None:
        check_table_class(table_class)
    throughput = request.get("ProvisionedThroughput")
    billing_mode = request.get("BillingMode")
    if throughput is not None and billing_mode == "PAY_PER_REQUEST":
        raise validation_error(messages.ON_DEMAND_REQUEST_WITH_THROUGHPUT)
    if throughput is None and billing_mode == "PROVISIONED":
        raise validation_error(messages.PROVISIONED_WITHOUT_THROUGHPUT)
    if throughput is not None:
        check_capacity_bounds(throughput)


def check_update_request(request: UpdateTableInputTypeDef) -> None:
    """Raise the service's refusal of what ``request`` asks, whatever the table."""
    changes = changes_of(request)
    _check_something_to_do(request, changes)
    _check_index_updates(request)
    _check_one_change_at_a_time(request, changes)
    _check_values(request)
