"""How application code reaches DynamoDB through dynantic's seam.

Runs offline: it only shows which client ``get_client()`` resolves to; no call
is sent anywhere.
"""

from __future__ import annotations

import boto3

from dynantic import get_client, set_client, using_client


def main() -> None:
    session = boto3.session.Session(
        region_name="eu-west-1", aws_access_key_id="example", aws_secret_access_key="example"
    )
    production = session.client("dynamodb")
    set_client(production)
    print("default client installed:", get_client() is production)

    other = session.client("dynamodb", endpoint_url="http://127.0.0.1:8000")
    with using_client(other):
        print("inside using_client:", get_client() is other)
    print("after the block:", get_client() is production)


if __name__ == "__main__":
    main()
