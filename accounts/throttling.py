"""Password guessing: the limits that every sign-in (the login page and the API's
`POST /auth/token`) goes through, counted in Django's cache.

Three counts of failed attempts, each in a window of LOCKOUT_SECONDS from its
first failure:

- per client address, whatever the usernames (LOGIN_FAILURES_PER_ADDRESS):
  password spraying, many accounts tried from one place, is refused;
- per account *and* address (FAILURES_PER_ACCOUNT_ADDRESS): one place guessing one
  account is refused, but only there; a stranger cannot lock a user out, because
  the user's own address keeps its own count;
- per account from every address (FAILURES_PER_ACCOUNT): past it the account is
  under attack from many places, and each address gets a single failed attempt at
  it until the window ends. The right password from an address that has not
  failed is still accepted, so the slowdown never denies the account's owner.

A refused attempt checks no password, and a refusal is the same for a known and an
unknown username. The address is core.http.client_address, as for every other
limit. The counts live in the "default" cache: with CACHE_URL (Redis) every worker
and server shares them, with the embedded LocMem each process counts apart."""

import hashlib

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.cache import cache
from django.http import HttpRequest

from accounts.models import User
from core.http import client_address

LOCKOUT_SECONDS = 15 * 60  # the refusal's message names 15 minutes
FAILURES_PER_ACCOUNT_ADDRESS = 10
FAILURES_PER_ACCOUNT = 50


class TooManyAttempts(Exception):
    """Refused without checking the password: too many failures from here."""


def authenticate_limited(
    request: HttpRequest | None, *, username: str, password: str
) -> User | None:
    """The active account with these credentials, or None (counted as a failure);
    raises TooManyAttempts while a limit holds for this address or account."""
    keys = _keys(request, username)
    if _is_refused(keys):
        raise TooManyAttempts
    user = authenticate(request, username=username, password=password)
    if user is None:
        for key in keys.values():
            _count(key)
        return None
    # Only this place's own count of the account ends: a success says nothing
    # about the other addresses, and resetting the address's count would let one
    # valid account reopen password spraying.
    cache.delete(keys["account_address"])
    return user


def _is_refused(keys: dict[str, str]) -> bool:
    counts = cache.get_many(keys.values())
    address = counts.get(keys["address"], 0)
    account = counts.get(keys["account"], 0)
    here = counts.get(keys["account_address"], 0)
    return (
        address >= settings.LOGIN_FAILURES_PER_ADDRESS
        or here >= FAILURES_PER_ACCOUNT_ADDRESS
        or (account >= FAILURES_PER_ACCOUNT and here >= 1)
    )


def _count(key: str) -> None:
    # add() starts the window at the first failure, incr() keeps its expiry
    # (LocMem and Redis alike) and is atomic on Redis.
    cache.add(key, 0, LOCKOUT_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 1, LOCKOUT_SECONDS)


def _keys(request: HttpRequest | None, username: str) -> dict[str, str]:
    account = _digest(username.strip().lower())
    # Django's login form may be built without a request: one unknown address.
    address = _digest(client_address(request) if request is not None else "")
    return {
        "address": f"login:address:{address}",
        "account": f"login:account:{account}",
        "account_address": f"login:account-address:{_digest(account + address)}",
    }


def _digest(text: str) -> str:
    # Usernames and addresses are arbitrary text: a digest is a safe cache key.
    return hashlib.sha256(text.encode()).hexdigest()[:32]
