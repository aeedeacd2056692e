"""Where a push's credentials come from: options, environment variables, netrc."""

from __future__ import annotations

import pytest
from geokg.exports.auth import credentials
from geokg.graph.errors import UsageError


@pytest.mark.parametrize("options, environ, user, source", [
    ({"user": "alice"}, {"GEOKG_PASSWORD": "pw"}, "alice", "$GEOKG_PASSWORD"),
    ({"user": "alice", "password_env": "MY_PW"}, {"MY_PW": "pw"}, "alice", "$MY_PW"),
    ({"token_env": "TOK"}, {"TOK": "pw"}, None, "the token in $TOK"),
    ({}, {}, "bob", "in "),  # the netrc entry for the host
    ({"user": "bob"}, {}, "bob", "in "),
])
def test_credentials_come_from_env_or_netrc(tmp_path, options, environ, user, source):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine store.example login bob password pw\n")
    given = credentials("https://store.example/data", **options,
                        environ={**environ, "NETRC": str(netrc)})
    assert given.user == user and source in given.source
    assert "pw" in (given.password, given.token)
    assert "pw" not in repr(given)


@pytest.mark.parametrize("options, environ, message", [
    ({"user": "alice"}, {}, "no password for user 'alice'"),
    ({"user": "alice", "password_env": "MY_PW"}, {}, "'MY_PW' is not set"),
    ({"token_env": "TOK"}, {}, "'TOK' is not set"),
    ({"token_env": "TOK", "user": "alice"}, {"TOK": "t"}, "leave out --user"),
    ({"password_env": "MY_PW"}, {"MY_PW": "x"}, "needs --user"),
    ({"scheme": "digest"}, {"NETRC": "/dev/null"}, "needs credentials"),
    ({"user": "carol"}, {}, "no password for user 'carol'"),  # netrc is bob's
    ({"user": "alice"}, {"NETRC": "/nonexistent/netrc"}, "does not exist"),
])
def test_missing_or_mixed_credentials_are_usage_errors(
    tmp_path, options, environ, message
):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine store.example login bob password pw\n")
    with pytest.raises(UsageError, match=message):
        credentials("https://store.example/data", **options,
                    environ={"NETRC": str(netrc), **environ})


def test_no_credentials_anywhere_sends_none(tmp_path):
    (tmp_path / "empty").write_text("")
    assert credentials("http://127.0.0.1/store",
                       environ={"NETRC": str(tmp_path / "empty")}) is None
