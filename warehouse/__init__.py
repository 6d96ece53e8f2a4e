"""The only package that talks to DuckDB: connection, migrations, batch writes, named queries, views."""
