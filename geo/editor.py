"""`python -m geo editor`: editor accounts of the review store (who may upload plans and correct the catalog).

    python -m geo editor add NAME [--password-stdin]   # asks for the password twice unless piped
    python -m geo editor list

The store is the one the app and the build use: SDCARBON_DB_URL, else data/store.sqlite (geo.store).
"""

from __future__ import annotations

import sys


def add_arguments(parser) -> None:
    sub = parser.add_subparsers(dest="editor_command", metavar="<add|list>", required=True)
    add = sub.add_parser("add", help="create an editor account (password hashed with scrypt)")
    add.add_argument("name", help="the editor's name, as it appears in the edit log")
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from the first line of stdin"
    )
    sub.add_parser("list", help="list the editor accounts")


def _password(from_stdin: bool) -> str:
    from getpass import getpass

    from geo.store import AuthError

    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass("password: ")
    if getpass("password again: ") != first:
        raise AuthError("the two passwords differ; nothing stored")
    return first


def run(args) -> int:
    from geo.store import Store, describe

    with Store.open() as store:
        if args.editor_command == "list":
            for name in store.editor_names():
                print(name)
            return 0
        name = store.add_editor(args.name, _password(args.password_stdin))
        print(f"editor {name} added to {describe(store.url)}")
    return 0
