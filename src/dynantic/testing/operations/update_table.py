"""UpdateTable: check everything, then apply everything, then answer as the service does.

The in-memory service applies a change at once, so DescribeTable shows it
straight away. The UpdateTable response, like the service's, is taken while
the change is still in progress: UPDATING for capacity, billing, stream,
class and index creation or deletion; the old capacity for a capacity
change; the old class for a class change; old warm throughput marked
UPDATING; an on-demand cap the request removes still reading ``-1``; a new
index CREATING, a deleted one DELETING, an updated one UPDATING with its old
capacity.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, cast

from dynantic.testing.operations.capacity_rules import on_demand_members
from dynantic.testing.operations.describe import table_description
from dynantic.testing.operations.registry import operation
from dynantic.testing.operations.timestamps import now
from dynantic.testing.operations.update_capacity import (
    apply_table_capacity,
    billing_mode_after,
    check_table_capacity,
)
from dynantic.testing.operations.update_indexes import apply_index_updates, check_index_updates
from dynantic.testing.operations.update_rules import changes_of, check_update_request
from dynantic.testing.operations.update_settings import apply_settings, check_settings

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import OnDemandThroughputTypeDef, UpdateTableInputTypeDef

    from dynantic.testing.engine.database import Database

__all__ = ["update_table"]

Description = dict[str, object]

# Changes during which the service reports the table UPDATING.
_TABLE_UPDATING = {"ProvisionedThroughput", "BillingMode", "StreamSpecification", "TableClass"}


def _index_actions(request: UpdateTableInputTypeDef) -> dict[str, str]:
    """Index name → ``Create``, ``Delete`` or ``Update``."""
    actions: dict[str, str] = {}
    for update in request.get("GlobalSecondaryIndexUpdates", ()):
        create, delete, change = update.get("Create"), update.get("Delete"), update.get("Update")
        if create is not None:
            actions[create["IndexName"]] = "Create"
        elif delete is not None:
            actions[delete["IndexName"]] = "Delete"
        elif change is not None:
            actions[change["IndexName"]] = "Update"
    return actions


def _member(description: Description, name: str) -> Description:
    """A structure member of a description (present where it is asked for)."""
    return cast("Description", description[name])


def _global_indexes(description: Description) -> dict[str, Description]:
    indexes = cast("list[Description]", description.get("GlobalSecondaryIndexes", []))
    return {str(index["IndexName"]): index for index in indexes}


def _indexes_in_progress(
    before: Description, after: Description, actions: dict[str, str]
) -> list[Description]:
    """New indexes CREATING, deleted ones DELETING, updated ones UPDATING as they were."""
    old = _global_indexes(before)
    described: list[Description] = []
    for name, index in _global_indexes(after).items():
        action = actions.get(name)
        if action == "Create":
            created = {**index, "IndexStatus": "CREATING", "Backfilling": False}
            del created["WarmThroughput"]
            described.append(created)
        elif action == "Update":
            described.append({**old[name], "IndexStatus": "UPDATING"})
        else:
            described.append(index)
    described.extend(
        {**old[name], "IndexStatus": "DELETING"}
        for name, action in actions.items()
        if action == "Delete"
    )
    return described


def _old_capacity(before: Description, after: Description) -> Description:
    """The new capacity record with the old units and count: the change is under way."""
    old = _member(before, "ProvisionedThroughput")
    return {
        **_member(after, "ProvisionedThroughput"),
        "ReadCapacityUnits": old["ReadCapacityUnits"],
        "WriteCapacityUnits": old["WriteCapacityUnits"],
        "NumberOfDecreasesToday": old["NumberOfDecreasesToday"],
    }


def _on_demand_echo(requested: OnDemandThroughputTypeDef, before: Description) -> Description:
    """The caps as the request left them, a removed one still reading ``-1``."""
    old = _member(before, "OnDemandThroughput") if "OnDemandThroughput" in before else {}
    return {**old, **on_demand_members(requested)}


def _response(
    request: UpdateTableInputTypeDef, before: Description, after: Description
) -> Description:
    changes = changes_of(request)
    actions = _index_actions(request)
    described = copy.deepcopy(after)
    in_progress = changes & _TABLE_UPDATING or {"Create", "Delete"} & set(actions.values())
    described["TableStatus"] = "UPDATING" if in_progress else "ACTIVE"
    if "ProvisionedThroughput" in changes and "BillingMode" not in changes:
        described["ProvisionedThroughput"] = _old_capacity(before, after)
        described["WarmThroughput"] = before["WarmThroughput"]
    if "BillingMode" in changes and "BillingModeSummary" in described:
        described["BillingModeSummary"] = {
            "BillingMode": _member(described, "BillingModeSummary")["BillingMode"]
        }
    if actions:
        described["GlobalSecondaryIndexes"] = _indexes_in_progress(before, after, actions)
        if "Delete" in actions.values():
            described["AttributeDefinitions"] = before["AttributeDefinitions"]
    if "TableClass" in changes:
        described.pop("TableClassSummary", None)
        if "TableClassSummary" in before:
            described["TableClassSummary"] = before["TableClassSummary"]
    on_demand = request.get("OnDemandThroughput")
    if on_demand is not None and "OnDemandThroughput" in changes:
        described["OnDemandThroughput"] = _on_demand_echo(on_demand, before)
    if "WarmThroughput" in changes:
        described["WarmThroughput"] = {**_member(before, "WarmThroughput"), "Status": "UPDATING"}
    if "SSESpecification" in changes:
        old_sse = _member(before, "SSEDescription") if "SSEDescription" in before else {}
        described["SSEDescription"] = {**old_sse, "Status": "UPDATING"}
    return described


@operation("UpdateTable")
def update_table(database: Database, request: UpdateTableInputTypeDef) -> dict[str, object]:
    check_update_request(request)
    with database.lock:
        table = database.table(request["TableName"], named=True)
        definition = table.definition
        moment = now(database.clock)
        mode = billing_mode_after(request, definition)
        check_table_capacity(request, definition, moment, database.region)
        check_index_updates(request, definition, moment, mode=mode, region=database.region)
        check_settings(request, definition, database, moment)
        before = table_description(table, moment)
        switching = mode != definition.billing_mode
        apply_table_capacity(request, definition, moment)
        apply_index_updates(
            request, table, moment, provisioned=mode == "PROVISIONED", switching=switching
        )
        apply_settings(request, definition, database, moment)
        after = table_description(table, moment)
    return {"TableDescription": _response(request, before, after)}
