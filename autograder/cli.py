"""The instructor's command line: ``python -m autograder COMMAND``.

release    regenerate lessons/ from solutions/ (nbgrader generate_assignment)
grade      autograde every submission under SUBMITTED/<student>/<lesson>/<lesson>.ipynb
check      run one notebook and list each failing check with its message
feedback   write per-student HTML feedback that never shows hidden tests
export     write the gradebook as CSV (wide: one row per student; long: one row per check)
totext     print a notebook in the plain-text authoring form
fromtext   build a notebook from the plain-text authoring form
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _release(args: argparse.Namespace) -> int:
    from autograder.release import release

    for folder in release(args.lessons or None):
        print(f"released {folder}")
    return 0


def _totext(args: argparse.Namespace) -> int:
    import nbformat

    from autograder.nbtext import to_text

    sys.stdout.write(to_text(nbformat.read(args.notebook, as_version=4)))
    return 0


def _fromtext(args: argparse.Namespace) -> int:
    import nbformat

    from autograder.nbtext import from_text

    nb = from_text(Path(args.text).read_text())
    nbformat.validate(nb)
    Path(args.notebook).parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, args.notebook)
    print(f"wrote {args.notebook} ({len(nb.cells)} cells)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m autograder",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("release", help="regenerate lessons/ from solutions/")
    p.add_argument("lessons", nargs="*", help="lesson names (default: all)")
    p.set_defaults(run=_release)

    p = commands.add_parser("totext", help="print a notebook in the authoring text form")
    p.add_argument("notebook")
    p.set_defaults(run=_totext)

    p = commands.add_parser("fromtext", help="build a notebook from the authoring text form")
    p.add_argument("text")
    p.add_argument("notebook")
    p.set_defaults(run=_fromtext)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)
