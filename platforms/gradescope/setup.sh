#!/usr/bin/env bash
# Gradescope runs this once, when it builds the autograder's image from the zip of this course
# (the zip's contents land in /autograder/source).
set -euo pipefail
apt-get update -qq
apt-get install -y -qq python3 python3-venv python3-pip
python3 -m venv /autograder/venv
/autograder/venv/bin/pip install -q -r /autograder/source/requirements.txt
