"""``python -m autograder similarity``: pairs of submissions whose answers are suspiciously alike.

For each lesson, every graded student's answer code (kept in the gradebook) is written out as
one file, and copydetect (winnowed fingerprints of tokens, the method of MOSS) compares every
pair, with the released lesson's stubs as boilerplate, so the scaffolding every student starts
from does not count. Names are normalised by copydetect's tokenizer, so renaming variables
does not hide a copy. The report flags pairs for a person to look at; it judges nobody.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from autograder import notebook as nb
from autograder.gradebook import GRADED, Gradebook
from autograder.report import atomic_csv

THRESHOLD = 0.6  # the share of one submission's fingerprints found in the other's


@dataclass(frozen=True)
class Pair:
    lesson: str
    first: str
    second: str
    similarity: float  # the larger of the two directions' shares


def _stubs(lessons: Path, lesson: str) -> str:
    released = json.loads((lessons / lesson / f"{lesson}.ipynb").read_text())
    return "\n\n".join(nb.source(c) or "" for c in released["cells"] if nb.is_solution(c))


def similar_pairs(
    gradebook: Gradebook, lessons: Path, lesson: str, threshold: float = THRESHOLD
) -> list[Pair]:
    """The pairs of ``lesson``'s graded submissions at or above ``threshold``, most alike first."""
    from copydetect import CopyDetector

    students = sorted(
        g.student for g in gradebook.grades() if g.lesson == lesson and g.status == GRADED
    )
    with tempfile.TemporaryDirectory(prefix="similarity-") as scratch:
        code, boilerplate = Path(scratch) / "code", Path(scratch) / "boilerplate"
        code.mkdir()
        boilerplate.mkdir()
        (boilerplate / "stubs.py").write_text(_stubs(lessons, lesson))
        names = {}
        for i, student in enumerate(students):
            answers = gradebook.answers(student, lesson)
            path = code / f"s{i}.py"  # file names the student does not choose
            path.write_text("\n\n".join(answers[a] for a in sorted(answers)))
            names[str(path)] = student
        if len(names) < 2:
            return []
        detector = CopyDetector(
            test_dirs=[str(code)], boilerplate_dirs=[str(boilerplate)], extensions=["py"],
            display_t=threshold, autoopen=False, silent=True, force_language="python",
        )  # fmt: skip
        detector.run()
        pairs = {}
        for first_share, second_share, first, second, *_ in detector.get_copied_code_list():
            key = tuple(sorted((names[first], names[second])))
            pairs[key] = max(pairs.get(key, 0.0), float(first_share), float(second_share))
    found = [Pair(lesson, a, b, share) for (a, b), share in pairs.items() if share >= threshold]
    return sorted(found, key=lambda p: -p.similarity)


def write_similarity(gradebook: Gradebook, lessons: Path, path: Path) -> list[Pair]:
    """Every lesson's flagged pairs in one CSV; returns them."""
    pairs = []
    for lesson in sorted({g.lesson for g in gradebook.grades()}):
        if (lessons / lesson).is_dir():
            pairs += similar_pairs(gradebook, lessons, lesson)
    rows = [[p.lesson, p.first, p.second, f"{p.similarity:.2f}"] for p in pairs]
    atomic_csv(path, ["lesson", "student", "other student", "similarity"], rows)
    return pairs
