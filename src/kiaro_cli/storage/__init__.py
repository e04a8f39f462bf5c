"""Storage: where the database is, its schema and migrations, and the two ways in.

- :mod:`.location` resolves ``--db`` / ``KIARO_DB`` / the per-user default (light).
- :mod:`.reader` runs the named read queries of :mod:`.queries`: the stdlib
  ``sqlite3`` driver on a SQLite file, SQLAlchemy ``text()`` for any other URL (light).
- :mod:`.unit` is the write doorway (``with write(target) as w:``) and the
  :class:`~.unit.Database` that opens read sessions and write units; a write finds rows
  through the repositories of :mod:`.repositories` (light on a file).
- :mod:`.engine` owns the SQLAlchemy engine and migrations; :mod:`.schema` defines the
  tables (both import SQLModel: creating and upgrading, servers).
"""
