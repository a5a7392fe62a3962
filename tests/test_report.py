"""autograder.report: feedback pages and exports, from the gradebook alone."""

from autograder.gradebook import Grade
from autograder.report import feedback_html


def test_feedback_shows_each_answer_with_its_checks_and_escapes_everything():
    grade = Grade("<b>eve</b>", "05_activations", "sha", 1.0, 3.0, "note <i>")
    checks = [
        ("eve", "05_activations", "sigmoid_values", 0.0, 2.0, "sigmoid(0): wrong <value>"),
        ("eve", "05_activations", "sigmoid_prime_values", 1.0, 1.0, ""),
        ("eve", "05_activations", "gallery_check", 0.0, 0.0, ""),
    ]
    answers = {"sigmoid": "def sigmoid(z):\n    return '<script>alert(1)</script>'\n"}
    page = feedback_html(
        grade, checks, {"sigmoid_values": "sigmoid on <arrays>"}, answers,
        ["sigmoid", "sigmoid_prime"],
    )  # fmt: skip
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<b>eve</b>" not in page and "&lt;b&gt;eve&lt;/b&gt;" in page
    assert "wrong &lt;value&gt;" in page and "sigmoid on &lt;arrays&gt;" in page
    assert page.index("<code>sigmoid</code>") < page.index("sigmoid_values")
    assert page.index("<code>sigmoid_prime</code>") < page.index("sigmoid_prime_values")
    assert "Other checks" in page  # a check that grades no answer cell
    assert "Total: 1 / 3" in page
