"""The account passwords' argon2id hasher: argon2-cffi's, its check run on the PC's cores.

An argon2 hash's output depends on its lanes (``p=4`` in the stored hash), not on how many
threads fill them: the reference implementation's ``threads`` is only how many lanes run at
once. argon2-cffi's check starts one thread per lane, so on a two-core office PC four threads
take turns at each of the algorithm's twelve synchronisation points (four per pass); two
threads, one per core, give the same answer ≈ 12 % sooner (a person's sign-in: 117 → 102 ms
inside the program; docs/benchmarks.md, "Start-up, thirteenth pass").

Only the check changes: hashing, the cost and ``check_needs_rehash`` are argon2-cffi's. The
check computes the hash with argon2's own ``argon2_ctx`` (argon2-cffi's documented low-level
binding) from the stored parameters and salt, and compares it with the stored digest in
constant time. A hash it cannot read, or one with no more lanes than the PC has cores, goes to
argon2-cffi's own check, so every answer is that library's: ``VerifyMismatchError`` for a wrong
password, ``VerificationError`` or ``InvalidHashError`` for a hash it cannot use.
"""

from __future__ import annotations

import base64
import binascii
import os
from typing import Any, Literal

from argon2 import PasswordHasher, extract_parameters
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from argon2.low_level import core, error_to_str, ffi

# argon2.h's codes and flags (the C library's ABI, the same in every release of it).
ARGON2_OK = 0
ARGON2_VERIFY_MISMATCH = -35
ARGON2_DEFAULT_FLAGS = 0


def processor_cores() -> int:
    """The processor cores this process may run on (its affinity where the system tells it)."""
    affinity = getattr(os, "sched_getaffinity", None)
    if affinity is not None:
        return max(1, len(affinity(0)))
    return max(1, os.cpu_count() or 1)


def threads_for(lanes: int, cores: int) -> int:
    """How many threads fill ``lanes`` lanes on ``cores`` cores: one per core, never more than the lanes."""
    return max(1, min(lanes, cores))


def _phc_b64(text: str) -> bytes:
    """A PHC string's base64 field (standard alphabet, no padding), in its one canonical spelling."""
    try:
        raw = base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise InvalidHashError from None
    if base64.b64encode(raw).decode("ascii").rstrip("=") != text:
        raise InvalidHashError  # padding, stray bits: not a field argon2 wrote
    return raw


class CoreBoundHasher(PasswordHasher):
    """argon2-cffi's :class:`PasswordHasher` whose ``verify`` runs at most one thread per core.

    ``cores``: how many to use (default: :func:`processor_cores`, read once here).
    """

    def __init__(self, *args: Any, cores: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cores = cores if cores is not None else processor_cores()

    def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
        try:
            encoded = hash.decode("ascii") if isinstance(hash, bytes) else hash
            parameters = extract_parameters(encoded)
            *_, salt_text, digest_text = encoded.split("$")
            salt, digest = _phc_b64(salt_text), _phc_b64(digest_text)
        except (UnicodeDecodeError, InvalidHashError):
            return super().verify(hash, password)  # what it cannot read: the library's own answer
        threads = threads_for(parameters.parallelism, self.cores)
        if threads >= parameters.parallelism:
            return super().verify(hash, password)  # a thread per lane anyway: the library's own check
        secret = password.encode(self.encoding) if isinstance(password, str) else password
        out = ffi.new("uint8_t[]", len(digest))
        c_secret = ffi.new("uint8_t[]", secret)
        c_salt = ffi.new("uint8_t[]", salt)
        context = ffi.new(
            "argon2_context *",
            {
                "out": out,
                "outlen": len(digest),
                "pwd": c_secret,
                "pwdlen": len(secret),
                "salt": c_salt,
                "saltlen": len(salt),
                "secret": ffi.NULL,
                "secretlen": 0,
                "ad": ffi.NULL,
                "adlen": 0,
                "t_cost": parameters.time_cost,
                "m_cost": parameters.memory_cost,
                "lanes": parameters.parallelism,
                "threads": threads,
                "version": parameters.version,
                "allocate_cbk": ffi.NULL,
                "free_cbk": ffi.NULL,
                "flags": ARGON2_DEFAULT_FLAGS,
            },
        )
        result = core(context, parameters.type.value)
        computed = bytes(ffi.buffer(out, len(digest)))
        ffi.memmove(c_secret, bytes(len(secret)), len(secret))  # the typed password leaves this copy
        if result != ARGON2_OK:
            raise VerificationError(error_to_str(result))
        # Here, not at import: hmac brings OpenSSL's hashes (≈ 5 ms), which the login's preloading
        # loads last, beside the check, not in its first step with the accounts.
        import hmac

        if not hmac.compare_digest(computed, digest):
            raise VerifyMismatchError(error_to_str(ARGON2_VERIFY_MISMATCH))
        return True
