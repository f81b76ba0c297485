"""Property-based tests of the API against its own OpenAPI document (schemathesis).

Schemathesis generates requests from ``sync/openapi.json`` — valid and invalid —
and checks that the server never fails with 5xx, answers only documented
status codes and content types, and that every answer matches its schema.
Admin endpoints are left out: reset and fault injection would change the rules
under the test's feet. Bounded to a few dozen examples per operation.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from sync.server.openapi import openapi_document
from tests.server.conftest import LiveServer

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def token(live: LiveServer) -> str:
    return live.token()


schema = schemathesis.openapi.from_dict(openapi_document()).exclude(path_regex="/admin/")


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_matches_its_openapi(case: Any, live: LiveServer, token: str) -> None:
    case.call_and_validate(base_url=live.url, headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
