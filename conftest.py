"""Project-wide pytest options (tests/conftest.py holds the shared fixtures)."""


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite the golden files in tests/documents/golden/ from the current output.",
    )
