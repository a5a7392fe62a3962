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
import os
import sys
from pathlib import Path

from autograder.text import safe_text

ROOT = Path(__file__).resolve().parent.parent
# Exit statuses of `grade` (and of `feedback`, which grades what is new first).
EXIT_BROKEN_REFERENCE = 2  # a lesson's own solution fails its tests: nothing was graded
EXIT_NOT_GRADED = 3  # some submissions could not be graded (the sandbox failed); run again
EXIT_NO_ISOLATION = 4  # the bwrap sandbox does not work here and --isolation process was not given


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


def _add_grading_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--gradebook", help="SQLite gradebook (default: gradebook.db beside --out)")
    p.add_argument("--solutions", default=str(ROOT / "solutions"), help="the lessons' source")
    p.add_argument("--workers", type=int, help="notebooks graded at once (default: cores)")
    p.add_argument("--dask", metavar="ADDRESS", help="grade on a Dask cluster's workers")
    p.add_argument("--force", action="store_true", help="regrade unchanged submissions too")
    p.add_argument(
        "--isolation",
        choices=["bwrap", "process"],
        help="bwrap (the default; grading refuses to run without it) or process, the weak "
        "fallback for trusted notebooks, which must be asked for by name",
    )
    p.add_argument("--seed", type=int, help="hidden tests' seed (default: a fresh random one)")
    p.add_argument("--timeout", type=float, default=300, help="seconds per notebook")
    p.add_argument("--cell-timeout", type=float, default=60, help="seconds per cell")
    p.add_argument("--memory-mb", type=int, default=3072, help="memory per notebook")


def _run_grading(args: argparse.Namespace, gradebook_path: Path):
    """Grade what is new or changed under ``args.submitted``; return the gradebook and keys."""
    from autograder.grade import BrokenReference, Grader, find_submissions, main_progress
    from autograder.gradebook import Gradebook
    from autograder.release import lesson_names
    from autograder.sandbox import IsolationUnavailable, Limits, describe, detect_isolation

    try:
        isolation = args.isolation or detect_isolation()
    except IsolationUnavailable as error:
        print(f"error: {error}", file=sys.stderr)
        raise SystemExit(EXIT_NO_ISOLATION) from None
    solutions = Path(args.solutions)
    submissions, misplaced = find_submissions(Path(args.submitted), lesson_names(solutions))
    for line in misplaced:
        print(f"skipped {line}", file=sys.stderr)
    gradebook = Gradebook(gradebook_path)
    limits = Limits(
        cell_seconds=args.cell_timeout, notebook_seconds=args.timeout, memory_mb=args.memory_mb
    )
    print(f"grading {len(submissions)} submissions in a {describe(isolation)}", file=sys.stderr)
    executor = None
    if args.dask:
        from distributed import Client

        executor = Client(args.dask).get_executor()
    grader = Grader(
        solutions,
        gradebook,
        isolation,
        limits,
        executor=executor,
        workers=args.workers or os.cpu_count() or 1,
    )
    if args.seed is not None:
        grader.seed = args.seed
    try:
        grader.grade(submissions, force=args.force, progress=main_progress(len(submissions)))
    except BrokenReference as error:  # the lesson is broken, not a submission: say so plainly
        gradebook.close()
        print(f"\nerror: {error}", file=sys.stderr)
        raise SystemExit(EXIT_BROKEN_REFERENCE) from None
    return gradebook, {(safe_text(s.student, 200), safe_text(s.lesson, 200)) for s in submissions}


def _grade(args: argparse.Namespace) -> int:
    from autograder.grade import format_table, write_grades_csv
    from autograder.gradebook import NOT_GRADED

    gradebook, keys = _run_grading(
        args, Path(args.gradebook or Path(args.out).parent / "gradebook.db")
    )
    try:
        grades = [g for g in gradebook.grades() if (g.student, g.lesson) in keys]
        write_grades_csv(grades, Path(args.out))
        print(format_table(grades))
        print(f"wrote {args.out}", file=sys.stderr)
    finally:
        gradebook.close()
    not_graded = [g for g in grades if g.status == NOT_GRADED]
    if not_graded:
        print(
            f"{len(not_graded)} submissions could not be graded (the grader failed, not the "
            "student); run grade again to retry them",
            file=sys.stderr,
        )
        return EXIT_NOT_GRADED
    return 0


def _feedback(args: argparse.Namespace) -> int:
    from autograder.report import write_feedback

    gradebook, keys = _run_grading(args, Path(args.gradebook or "gradebook.db"))
    try:
        pages = write_feedback(gradebook, keys, Path(args.solutions), Path(args.out))
    finally:
        gradebook.close()
    print(f"wrote {len(pages)} feedback pages under {args.out}", file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    from autograder.gradebook import Gradebook
    from autograder.report import export_long, export_wide

    path = Path(args.gradebook)
    if not path.is_file():
        print(f"no gradebook at {path}: grade first", file=sys.stderr)
        return 1
    gradebook = Gradebook(path)
    out = Path(args.out)
    long = Path(args.long) if args.long else out.with_name(out.stem + "_long" + out.suffix)
    try:
        export_wide(gradebook, out)
        export_long(gradebook, long)
    finally:
        gradebook.close()
    print(f"wrote {out} (one row per student) and {long} (one row per check)", file=sys.stderr)
    return 0


def _check(args: argparse.Namespace) -> int:
    from autograder.check import check_notebook

    return check_notebook(Path(args.notebook), isolation=args.isolation)


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

    p = commands.add_parser("grade", help="autograde every submission in a folder")
    p.add_argument("submitted", help="folder of <student>/<lesson>/<lesson>.ipynb")
    p.add_argument("--out", default="grades.csv", help="CSV of grades (default: grades.csv)")
    _add_grading_options(p)
    p.set_defaults(run=_grade)

    p = commands.add_parser("feedback", help="write HTML feedback for every submission")
    p.add_argument("submitted", help="folder of <student>/<lesson>/<lesson>.ipynb")
    p.add_argument("--out", default="feedback", help="folder for <student>/<lesson>/<lesson>.html")
    _add_grading_options(p)
    p.set_defaults(run=_feedback)

    p = commands.add_parser("export", help="write the gradebook as CSV")
    p.add_argument("--out", default="grades.csv", help="one row per student (default: grades.csv)")
    p.add_argument("--long", help="one row per check (default: <out>_long.csv)")
    p.add_argument("--gradebook", default="gradebook.db", help="default: gradebook.db")
    p.set_defaults(run=_export)

    p = commands.add_parser("check", help="run one notebook and list its failing checks")
    p.add_argument("notebook")
    p.add_argument("--isolation", choices=["bwrap", "process"], help="default: the strongest")
    p.set_defaults(run=_check)

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
