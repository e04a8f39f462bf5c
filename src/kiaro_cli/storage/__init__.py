"""Storage: where the database is, its schema and migrations, and the two ways in.

- :mod:`.location` resolves ``--db`` / ``KIARO_DB`` / the per-user default (light).
- :mod:`.reader` runs the named read queries of :mod:`.queries`: the stdlib
  ``sqlite3`` driver on a SQLite file, SQLAlchemy ``text()`` for any other URL (light).
- :mod:`.engine` owns the SQLAlchemy engine, pragmas, write transactions and
  migrations; :mod:`.schema` defines the tables (both import SQLModel: writes only).
"""
