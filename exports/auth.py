"""Credentials for a secured SPARQL store: who we are, where that came from.

A store asks for HTTP basic or digest authentication (a user and a password)
or for a bearer token. Secrets never come from the command line, where other
users of the machine could read them: a password comes from an environment
variable or from the netrc file (``~/.netrc``, or the file ``$NETRC`` names) for
the store's host, a token from an environment variable. ``exports/push.py``
sends them: unless the scheme is given, with the one the store's first ``401``
asks for in its ``WWW-Authenticate`` header.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from geokg.graph.errors import UsageError

SCHEMES = ("basic", "digest")
PASSWORD_ENV = "GEOKG_PASSWORD"
NEEDS_CREDENTIALS = (
    "pass --user NAME (the password in $GEOKG_PASSWORD, the variable --password-env "
    "names, or ~/.netrc) or --token-env VAR (a bearer token)"
)


@dataclass(frozen=True)
class Credentials:
    """A user and password or a token, the scheme to send them with, and whence."""

    user: str | None = None
    password: str = field(default="", repr=False)
    token: str = field(default="", repr=False)
    scheme: str | None = None  # basic, digest; None: what the store asks for
    source: str = ""  # what to check when the store refuses them


def credentials(
    endpoint: str,
    *,
    user: str | None = None,
    scheme: str | None = None,
    password_env: str | None = None,
    token_env: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Credentials | None:
    """The credentials for `endpoint` from the options, the environment and netrc.

    A token comes from `token_env`; a password for `user` from `password_env`
    (default ``$GEOKG_PASSWORD``), else from netrc; with no user, netrc's login
    for the host is used when there is one. None: send no credentials.
    """
    env = os.environ if environ is None else environ
    _check_options(user, scheme, password_env, token_env)
    if token_env is not None:
        token = _env(env, token_env, "--token-env", "the store's token")
        return Credentials(token=token, source=f"the token in ${token_env}")
    if user is not None and (password_env is not None or env.get(PASSWORD_ENV)):
        name = password_env or PASSWORD_ENV
        password = _env(env, name, "--password-env", f"the password of {user!r}")
        return Credentials(user, password, scheme=scheme,
                           source=f"user {user!r} and the password in ${name}")
    found = _from_netrc(endpoint, user, env)
    if found is not None:
        return Credentials(*found[:2], scheme=scheme, source=found[2])
    if user is not None:
        host = urlsplit(endpoint).hostname or endpoint
        raise UsageError(
            f"no password for user {user!r}: set ${PASSWORD_ENV} (or the variable "
            f"--password-env names), or add 'machine {host} login {user} password …' "
            "to ~/.netrc"
        )
    if scheme is not None:
        raise UsageError(f"--auth {scheme} needs credentials; {NEEDS_CREDENTIALS}")
    return None


def _check_options(
    user: str | None, scheme: str | None, password_env: str | None,
    token_env: str | None,
) -> None:
    """Refuse combinations that cannot mean anything."""
    if scheme is not None and scheme not in SCHEMES:
        raise UsageError(
            f"unknown --auth {scheme!r}; choose one of: {', '.join(SCHEMES)}"
        )
    if token_env is not None and any(
        x is not None for x in (user, password_env, scheme)
    ):
        raise UsageError(
            "--token-env sends a bearer token; leave out --user, --password-env "
            "and --auth, which are for a user and password"
        )
    if user is None and password_env is not None:
        raise UsageError(f"--password-env {password_env} needs --user NAME")


def _env(env: Mapping[str, str], name: str, option: str, what: str) -> str:
    value = env.get(name)
    if not value:
        raise UsageError(
            f"the environment variable {name!r} is not set or empty; export it with "
            f"{what}, or name another variable with {option} VAR"
        )
    return value


def _from_netrc(
    endpoint: str, user: str | None, env: Mapping[str, str]
) -> tuple[str, str, str] | None:
    """Login, password and a description from netrc for the endpoint's host."""
    import netrc

    host = urlsplit(endpoint).hostname
    path = env.get("NETRC") or None  # None: ~/.netrc, with netrc's permission check
    shown = path or "~/.netrc"
    if host is None:
        return None
    try:
        entry = netrc.netrc(path).authenticators(host)
    except FileNotFoundError:
        if path is not None:
            raise UsageError(f"$NETRC names {path!r}, which does not exist") from None
        return None
    except (netrc.NetrcParseError, OSError) as exc:
        raise UsageError(f"cannot read the netrc file {shown!r}: {exc}") from None
    if entry is None or not entry[2] or (user is not None and entry[0] != user):
        return None
    return entry[0], entry[2], f"the login {entry[0]!r} for {host} in {shown}"


def challenge(response: Any) -> str:
    """The scheme a 401 asks for (``Digest``, ``Basic``, ``Bearer``), or ``""``."""
    header = response.headers.get("www-authenticate", "")
    return header.split(None, 1)[0] if header.strip() else ""


def refusal(
    service: str, action: str, reply: Any, given: Credentials | None
) -> str | None:
    """What to say when a store answers 401 or 403 (None: some other failure)."""
    status = reply.status_code
    if status not in (401, 403):
        return None
    asks = challenge(reply) if status == 401 else ""
    code = f"HTTP {status}" + (f", it asks for {asks} authentication" if asks else "")
    head = f"{service} refused {action} ({code})"
    if status == 403:
        who = given.source if given else "a client without credentials"
        return (f"{head}: {who} may not do that there; check the rights the store "
                "gives it, or use the store's URL for signed-in writes (Virtuoso: "
                "/sparql-graph-crud-auth, with --user)")
    if given is None:
        return f"{head}: it needs credentials; {NEEDS_CREDENTIALS}"
    forced = given.scheme and asks.lower() != given.scheme
    other = (f" ({given.scheme} credentials were sent; without --auth, geokg uses "
             "the scheme the store asks for)") if forced else ""
    return f"{head}: check {given.source}{other}"
