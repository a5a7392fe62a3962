"""The course's autograder: release lessons, grade submissions in a sandbox, report."""
