"""The instructor's command line: ``python -m autograder COMMAND``.

release    regenerate lessons/ from solutions/ (nbgrader generate_assignment)
publish    write a student-only copy of the course: released lessons, no answers
grade      autograde every submission under SUBMITTED/<student>/<lesson>/<lesson>.ipynb
check      run one notebook and list each failing check with its message
feedback   write per-student HTML feedback from the gradebook (it never grades)
export     write the gradebook as CSV: by student, and by check (it never grades)
report     write a class report per lesson: scores, checks failed, mistakes hit (no grading)
gradescope grade one Gradescope upload and write its results.json
similarity flag pairs of submissions whose answers are suspiciously alike (copydetect)

Grading keeps every file in one folder, grading/ unless --grading says otherwise
(see autograder/layout.py).
totext     print a notebook in the plain-text authoring form
fromtext   build a notebook from the plain-text authoring form
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from autograder.layout import DEFAULT, GradingFolder
from autograder.text import safe_text

ROOT = Path(__file__).resolve().parent.parent


def course_root() -> Path:
    """The course the commands work on: the current folder when it holds ``solutions/`` (a
    course checkout, or a copy of one), else the checkout this package was installed from."""
    here = Path.cwd()
    return here if (here / "solutions").is_dir() else ROOT


# Exit statuses of `grade`.
EXIT_BROKEN_REFERENCE = 2  # a lesson's own solution fails its tests: nothing was graded
EXIT_NOT_GRADED = 3  # some submissions could not be graded (the sandbox failed); run again
EXIT_NO_ISOLATION = 4  # the bwrap sandbox does not work here and --isolation process was not given


def _release(args: argparse.Namespace) -> int:
    from autograder.release import release

    for folder in release(args.lessons or None, root=course_root()):
        print(f"released {folder}")
    return 0


def _publish(args: argparse.Namespace) -> int:
    from autograder.publish import publish

    try:
        written = publish(course_root(), args.lessons, Path(args.out))
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"published {', '.join(args.lessons)} to {args.out} ({len(written)} items)")
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
    p.add_argument(
        "--solutions", type=Path, help="the lessons' source (default: solutions/ of the course)"
    )
    p.add_argument("--workers", type=int, help="notebooks graded at once (default: cores)")
    p.add_argument("--dask", metavar="ADDRESS", help="grade on a Dask cluster's workers")
    p.add_argument(
        "--cold",
        action="store_true",
        help="start each notebook's sandbox when its turn comes, not ahead of time (slower; "
        "for comparisons: the grades are the same)",
    )
    p.add_argument("--force", action="store_true", help="regrade unchanged submissions too")
    p.add_argument("--student", help="grade only this student's submissions")
    p.add_argument("--lesson", help="grade only this lesson's submissions")
    p.add_argument(
        "--reproduce",
        action="store_true",
        help="regrade --student's --lesson with the seed its grade was made with, and say "
        "whether the score is the same",
    )
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


def _add_folder_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--grading",
        type=Path,
        default=DEFAULT,
        help="the course's grading folder: gradebook, grades, feedback, exports "
        "(default: grading/)",
    )


def _solutions(args: argparse.Namespace) -> Path:
    return Path(args.solutions) if args.solutions else course_root() / "solutions"


def _isolation(args: argparse.Namespace) -> str:
    from autograder.sandbox import IsolationUnavailable, detect_isolation

    try:
        return args.isolation or detect_isolation()
    except IsolationUnavailable as error:
        print(f"error: {error}", file=sys.stderr)
        raise SystemExit(EXIT_NO_ISOLATION) from None


def _submissions(args: argparse.Namespace):
    from autograder.grade import find_submissions
    from autograder.release import lesson_names

    lessons = lesson_names(_solutions(args))
    if args.lesson and args.lesson not in lessons:
        print(f"error: no lesson {args.lesson!r}; the lessons are {', '.join(lessons)}")
        raise SystemExit(1)
    submissions, misplaced = find_submissions(Path(args.submitted), lessons)
    for line in misplaced:
        print(f"skipped {line}", file=sys.stderr)
    return [
        s
        for s in submissions
        if (args.student is None or s.student == args.student)
        and (args.lesson is None or s.lesson == args.lesson)
    ]


def _grader(args: argparse.Namespace, gradebook, isolation: str):
    from autograder.grade import Grader
    from autograder.sandbox import Limits

    limits = Limits(
        cell_seconds=args.cell_timeout, notebook_seconds=args.timeout, memory_mb=args.memory_mb
    )
    executor = None
    if args.dask:
        from distributed import Client

        executor = Client(args.dask).get_executor()
    grader = Grader(
        _solutions(args),
        gradebook,
        isolation,
        limits,
        executor=executor,
        workers=args.workers or os.cpu_count() or 1,
        warm=not args.cold,
    )
    if args.seed is not None:
        grader.seed = args.seed
    return grader


def _grade(args: argparse.Namespace) -> int:
    from autograder.grade import BrokenReference, format_table, main_progress, write_grades_csv
    from autograder.gradebook import NOT_GRADED, Gradebook
    from autograder.sandbox import describe

    if args.reproduce and not (args.student and args.lesson):
        print("error: --reproduce needs --student and --lesson", file=sys.stderr)
        return 1
    folder = GradingFolder(args.grading)
    isolation = _isolation(args)
    submissions = _submissions(args)
    gradebook = Gradebook(folder.gradebook)
    grader = _grader(args, gradebook, isolation)
    before = {(g.student, g.lesson): g for g in gradebook.grades()}
    if args.reproduce:
        old = before.get((args.student, args.lesson))
        if old is None or old.seed is None:
            print(f"error: no grade of {args.student}/{args.lesson} with a seed to reproduce")
            return 1
        grader.seed, args.force = old.seed, True
    print(f"grading {len(submissions)} submissions in a {describe(isolation)}", file=sys.stderr)
    try:
        grader.grade(submissions, force=args.force, progress=main_progress(len(submissions)))
    except BrokenReference as error:  # the lesson is broken, not a submission: say so plainly
        print(f"\nerror: {error}", file=sys.stderr)
        return EXIT_BROKEN_REFERENCE
    finally:
        keys = {(safe_text(s.student, 200), safe_text(s.lesson, 200)) for s in submissions}
        grades = [g for g in gradebook.grades() if (g.student, g.lesson) in keys]
        gradebook.close()
    write_grades_csv(grades, folder.grades_csv)
    print(format_table(grades))
    print(f"wrote {folder.grades_csv} (gradebook: {folder.gradebook})", file=sys.stderr)
    if args.reproduce:
        return _reproduced(before[args.student, args.lesson], grades[0])
    not_graded = [g for g in grades if g.status == NOT_GRADED]
    if not_graded:
        print(
            f"{len(not_graded)} submissions could not be graded (the grader failed, not the "
            "student); run grade again to retry them",
            file=sys.stderr,
        )
        return EXIT_NOT_GRADED
    return 0


def _reproduced(old, new) -> int:
    same = (old.score, old.max_score) == (new.score, new.max_score)
    print(
        f"{old.student}/{old.lesson} with seed {old.seed}: {old.score:g}/{old.max_score:g} "
        f"before, {new.score:g}/{new.max_score:g} now: {'the same' if same else 'DIFFERENT'}"
    )
    return 0 if same else 1


def _open_gradebook(folder: GradingFolder):
    from autograder.gradebook import Gradebook

    if not folder.gradebook.is_file():
        print(f"no gradebook at {folder.gradebook}: run grade first", file=sys.stderr)
        raise SystemExit(1)
    return Gradebook(folder.gradebook)


def _feedback(args: argparse.Namespace) -> int:
    from autograder.grade import stale_submissions
    from autograder.report import write_feedback

    folder = GradingFolder(args.grading)
    with _open_gradebook(folder) as gradebook:
        pages = write_feedback(gradebook, _solutions(args), folder.feedback)
        stale = []
        if args.submitted:
            stale = stale_submissions(gradebook, Path(args.submitted), _solutions(args))
    print(f"wrote {len(pages)} feedback pages under {folder.feedback}", file=sys.stderr)
    for line in stale:
        print(f"not in this feedback: {line}", file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    from autograder.platforms import write_canvas_csv
    from autograder.report import export_long, export_wide

    folder = GradingFolder(args.grading)
    with _open_gradebook(folder) as gradebook:
        export_wide(gradebook, folder.by_student_csv)
        export_long(gradebook, folder.by_check_csv)
        write_canvas_csv(gradebook, folder.canvas_csv)
    print(
        f"wrote {folder.by_student_csv} (one row per student), {folder.by_check_csv} "
        f"(one row per check) and {folder.canvas_csv} (Canvas's gradebook import)",
        file=sys.stderr,
    )
    return 0


def _gradescope(args: argparse.Namespace) -> int:
    import json
    import tempfile

    from autograder.platforms import grade_upload

    isolation = _isolation(args)
    with tempfile.TemporaryDirectory(prefix="gradescope-") as scratch:
        results = grade_upload(
            Path(args.upload),
            _solutions(args),
            lambda gradebook: _grader(args, gradebook, isolation),
            Path(scratch),
        )
    Path(args.results).parent.mkdir(parents=True, exist_ok=True)
    Path(args.results).write_text(json.dumps(results, indent=2))
    print(f"wrote {args.results}: {results['score']:g} points", file=sys.stderr)
    return 0


def _similarity(args: argparse.Namespace) -> int:
    from autograder.similarity import write_similarity

    folder = GradingFolder(args.grading)
    with _open_gradebook(folder) as gradebook:
        pairs = write_similarity(gradebook, course_root() / "lessons", folder.similarity_csv)
    for pair in pairs:
        print(f"{pair.lesson}: {pair.first} and {pair.second} ({pair.similarity:.0%} alike)")
    print(
        f"wrote {folder.similarity_csv}: {len(pairs)} pairs to look at (a flag, not a verdict)",
        file=sys.stderr,
    )
    return 0


def _report(args: argparse.Namespace) -> int:
    from autograder.class_report import write_reports

    folder = GradingFolder(args.grading)
    with _open_gradebook(folder) as gradebook:
        pages = write_reports(gradebook, folder.report)
    print(f"wrote {len(pages)} class reports under {folder.report}", file=sys.stderr)
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

    p = commands.add_parser("publish", help="write a student-only copy of the course")
    p.add_argument("lessons", nargs="+", help="the lessons to publish")
    p.add_argument("--out", required=True, help="the student copy's folder (its own repository)")
    p.set_defaults(run=_publish)

    p = commands.add_parser("grade", help="autograde every submission in a folder")
    p.add_argument("submitted", help="folder of <student>/<lesson>/<lesson>.ipynb")
    _add_folder_option(p)
    _add_grading_options(p)
    p.set_defaults(run=_grade)

    p = commands.add_parser("feedback", help="write HTML feedback from the gradebook")
    p.add_argument(
        "submitted",
        nargs="?",
        help="the submitted folder: list what is missing from the gradebook or changed since",
    )
    p.add_argument(
        "--solutions", type=Path, help="the lessons' source (default: solutions/ of the course)"
    )
    _add_folder_option(p)
    p.set_defaults(run=_feedback)

    p = commands.add_parser("export", help="write the gradebook as CSV")
    _add_folder_option(p)
    p.set_defaults(run=_export)

    p = commands.add_parser("gradescope", help="grade one Gradescope upload into results.json")
    p.add_argument("upload", help="the submission folder (/autograder/submission)")
    p.add_argument("--results", required=True, help="where results.json goes")
    _add_grading_options(p)
    p.set_defaults(run=_gradescope)

    p = commands.add_parser("report", help="write a class report per lesson from the gradebook")
    _add_folder_option(p)
    p.set_defaults(run=_report)

    p = commands.add_parser("similarity", help="flag pairs of suspiciously alike answers")
    _add_folder_option(p)
    p.set_defaults(run=_similarity)

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
