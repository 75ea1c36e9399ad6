"""dynantic: typed DynamoDB for Python.

The typed seam lives here; the in-memory DynamoDB for tests is
:mod:`dynantic.testing`.
"""

from dynantic.client import DynamoDBClient, clear_client, get_client, set_client, using_client

__all__ = ["DynamoDBClient", "clear_client", "get_client", "set_client", "using_client"]
__version__ = "0.1.0"
