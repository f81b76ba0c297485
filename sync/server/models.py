"""Pydantic models of the wire contract; they exist to document it in ``sync/openapi.json``.

Requests are validated with them; answers are built as plain dicts and checked
against these shapes by the contract and schemathesis tests.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SHA256_PATTERN = r"^[0-9a-f]{64}$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BatchLimits(BaseModel):
    max_changes: int = Field(description="Most changes one `POST /changes:batch` may carry")
    max_bytes: int = Field(description="Largest request body of `POST /changes:batch`, in bytes")


class Health(BaseModel):
    status: Literal["ok", "maintenance"]
    server_time: datetime
    go_live: date
    maintenance_until: datetime | None = None
    batch: BatchLimits | None = Field(
        None, description="Present when `POST /changes:batch` is offered; absent or null: post one by one"
    )


class SessionRequest(Strict):
    username: str = Field(min_length=1, max_length=200)
    password: str = Field(max_length=1000)


class SessionToken(BaseModel):
    token: str
    expires_at: datetime


class FieldError(BaseModel):
    field: str = Field(description="Top-level request field, or the schema path inside `data`")
    message: str


class ErrorBody(BaseModel):
    """Every error answer: a machine code and a Turkish sentence, plus code-specific fields."""

    model_config = ConfigDict(extra="allow")
    error: str
    message: str


class InvalidBody(ErrorBody):
    error: Literal["invalid"]
    errors: list[FieldError]


class MaintenanceBody(ErrorBody):
    maintenance_until: datetime | None = None


class ConflictItem(BaseModel):
    key: str
    base: Any = None
    server: Any = None


class ChangeRefused(ErrorBody):
    """409 answers; which fields are present depends on ``error``."""

    error: Literal["conflict", "duplicate", "stale", "idempotency_mismatch"]
    conflicts: list[ConflictItem] | None = Field(None, description="conflict: changed keys")
    current: dict[str, Any] | None = Field(None, description="conflict: every base key now")
    version: int | None = Field(None, description="conflict: current record version")
    kind: Literal["member", "assembly", "vkn", "union"] | None = Field(
        None, description="duplicate: what already exists"
    )
    existing: dict[str, Any] | None = Field(None, description="duplicate: the existing row")
    status: str | None = Field(None, description="stale: the cooperative's status")
    receipt: str | None = Field(None, description="idempotency_mismatch: the original receipt")


class Member(BaseModel):
    member_id: str
    full_name: str
    shares: int
    joined_on: str | None = None


class BoardMember(BaseModel):
    id_no: str
    full_name: str
    role: str
    term_years: int | None = None


class Auditor(BaseModel):
    id_no: str
    full_name: str
    term_years: int | None = None


class Assembly(BaseModel):
    date: str
    kind: str
    fiscal_year: int | None = None
    place: str | None = None
    result: str | None = None


class Article(BaseModel):
    article_no: int
    text: str


class UnionMembership(BaseModel):
    union_registry_id: str
    union_title: str


Status = Literal["active", "in_liquidation", "dissolved", "merged", "dormant", "dissolving", "other"]


class Cooperative(BaseModel):
    """A cooperative record, exactly as ``koopbis_desktop.domain.records`` describes it."""

    id: str
    title: str
    cooperative_type: str
    province_code: str
    district: str
    address: str
    phone: str | None = None
    vkn: str | None = None
    mersis_no: str | None = None
    trade_registry_no: str | None = None
    status: Status
    founded_on: str | None = None
    # Present when known (domain.records.OPTIONAL_KEYS): decimal strings and ISO dates.
    share_value: str | None = None
    capital: str | None = None
    board_elected_on: str | None = None
    auditors_elected_on: str | None = None
    type_as_written: str | None = None
    status_as_written: str | None = None
    version: int
    members: list[Member]
    board: list[BoardMember]
    audit_board: list[Auditor]
    assemblies: list[Assembly]
    articles: list[Article]
    unions: list[UnionMembership]


class CooperativePage(BaseModel):
    items: list[Cooperative]
    next_cursor: str | None


class CooperativePatch(Strict):
    """Head-office edit (admin): any record field except ``id`` and ``version``."""

    title: str | None = None
    cooperative_type: str | None = None
    province_code: str | None = None
    district: str | None = None
    address: str | None = None
    phone: str | None = None
    vkn: str | None = None
    mersis_no: str | None = None
    trade_registry_no: str | None = None
    status: Status | None = None
    founded_on: str | None = None
    share_value: str | None = None
    capital: str | None = None
    board_elected_on: str | None = None
    auditors_elected_on: str | None = None
    members: list[Member] | None = None
    board: list[BoardMember] | None = None
    audit_board: list[Auditor] | None = None
    assemblies: list[Assembly] | None = None
    articles: list[Article] | None = None
    unions: list[UnionMembership] | None = None


class ChangeRequest(Strict):
    type: str = Field(description="Change type id, e.g. `member.admit`")
    cooperative: str | None = Field(None, description="Server id of the cooperative")
    cooperative_ref: str | None = Field(
        None,
        description="Idempotency key of an earlier, applied `cooperative.register` change; "
        "used when the cooperative's id is not known yet",
    )
    effective_date: date
    base: dict[str, Any] = Field(
        default_factory=dict,
        description="Snapshot key → value as the clerk saw it (`base_value` of the record)",
    )
    data: dict[str, Any] = Field(description="The entry payload; validated by its schema")
    author: str = Field(min_length=1, max_length=200)
    approver: str = Field(min_length=1, max_length=200)
    attachments: list[str] = Field(
        default_factory=list, description="SHA-256 (hex) of attachments uploaded before"
    )


class ChangeApplied(BaseModel):
    status: Literal["applied"]
    receipt: str = Field(pattern=r"^KB-\d{4}-\d{6}$")
    cooperative: str
    version: int
    applied_at: datetime
    replayed: bool | None = Field(None, description="true when this answers a repeated key")


class BatchChange(BaseModel):
    idempotency_key: str | None = Field(
        None, max_length=200, description="The entry's uuid, as the `Idempotency-Key` of `POST /changes`"
    )
    change: dict[str, Any] = Field(description="A `POST /changes` body (ChangeRequest), checked per item")


class ChangeBatchRequest(Strict):
    items: list[BatchChange] = Field(
        min_length=1, description="Applied in this order; at most `batch.max_changes` of `/health`"
    )


class BatchOutcome(BaseModel):
    idempotency_key: str | None
    status: int = Field(description="The HTTP status `POST /changes` answers for this change alone")
    answer: dict[str, Any] = Field(
        description="The body `POST /changes` answers: ChangeApplied, ChangeRefused, InvalidBody, ErrorBody"
    )


class ChangeBatchAnswer(BaseModel):
    items: list[BatchOutcome] = Field(description="One per request item, in the same order")


class AttachmentStored(BaseModel):
    sha256: str
    size: int


class MaintenanceRequest(Strict):
    until: datetime | None


class MaintenanceState(BaseModel):
    maintenance_until: datetime | None


class AppliedChange(BaseModel):
    idempotency_key: str
    receipt: str
    type: str
    cooperative: str
    version: int
    applied_at: datetime


class AppliedChanges(BaseModel):
    items: list[AppliedChange]


class FaultsRequest(Strict):
    spec: str = Field(description="e.g. `500=0.1,timeout_after=0.05`; empty turns faults off")
    seed: int | None = None
    delay: float | None = Field(None, ge=0, le=600)


class FaultsState(BaseModel):
    spec: str
    seed: int | None
    delay: float


class ResetDone(BaseModel):
    cooperatives: int
