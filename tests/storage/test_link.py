"""A driver's errors said in one line: the server, the user, the reason."""

from __future__ import annotations

from kiaro_cli.storage.location import resolve


def test_a_server_without_the_user_says_the_role_does_not_exist() -> None:
    from kiaro_cli.storage.driver_errors import describe_driver_error

    url = "postgresql+psycopg://kiaro@db.example/kiaro"
    error = Exception(
        'connection failed: connection to server at "10.0.0.5", port 5432 failed: '
        'FATAL:  role "kiaro" does not exist'
    )
    assert describe_driver_error(error, resolve(url)) == (
        "the database server of postgresql+psycopg://***@db.example/kiaro has no such user: "
        'role "kiaro" does not exist; '
        "create it or name another"
    )
