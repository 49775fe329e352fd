# Fixtures shared across test modules: a throwaway PostgreSQL server (tests/pgserver.py).
pytest_plugins = ["pgserver"]
