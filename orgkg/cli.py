"""The `orgkg` command line: one sub-command per module in `orgkg/commands/`.

Each command module exposes `register(subparsers)`; its handler returns an exit
code. User errors print one line on stderr (`orgkg: ...`) and never a traceback.
Exit codes: 0 ok, 1 done with some inputs skipped, 2 usage or input error.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from orgkg import commands
from orgkg.errors import UserError
from orgkg.loaders.errors import printable

EXIT_OK, EXIT_PARTIAL, EXIT_ERROR = 0, 1, 2


def parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command; given the command about to run, the parser of that one alone when its
    module bears its name (`serve-sparql`: serve_sparql.py). A sub-command parses its arguments by itself,
    and importing and registering the other commands cost ~10 % of a small build's instructions."""
    names = sorted(info.name for info in pkgutil.iter_modules(commands.__path__) if not info.name.startswith("_"))
    own = command.replace("-", "_") if command else None
    if own in names:
        ap, sub = _parser([own])
        if command in sub.choices:
            return ap
    return _parser(names)[0]  # help, an unknown command, or one its module does not name


def _parser(names: list[str]) -> tuple[argparse.ArgumentParser, argparse.Action]:
    ap = argparse.ArgumentParser(
        prog="orgkg",
        description="Turn job descriptions into an evidence-backed organisation graph; query it with "
                    "Cypher and SPARQL. With no command, runs the demo on the bundled sample data.")
    ap.add_argument("--version", action="store_true", help="print the version")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")
    for name in names:
        importlib.import_module(f"orgkg.commands.{name}").register(sub)
    return ap, sub


def run() -> None:
    """The console command (`orgkg`, `python -m orgkg`)."""
    sys.exit(main())


def main(argv: list[str] | None = None) -> int:
    argv = (sys.argv[1:] if argv is None else argv) or ["demo"]
    ap = parser(argv[0])
    args = ap.parse_args(argv)
    if args.version:
        from orgkg import __version__

        print(f"orgkg {__version__}")
        return EXIT_OK
    if not getattr(args, "func", None):
        parser().print_help()  # every command, as with no command
        return EXIT_ERROR
    try:
        from orgkg.commands._common import merge_graph_args

        merge_graph_args(args)  # GRAPH positional, where a command keeps one, is an alias of --graph
        return int(args.func(args) or 0)
    except UserError as e:  # one line, whatever bytes a file name in it holds
        print(f"orgkg: {printable(str(e))}", file=sys.stderr)
        return e.code
    except KeyboardInterrupt:
        print("orgkg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
