#!/usr/bin/env bash
# requirements.lock: the runtime pins of requirements.txt with their sha256 hashes, for
# deployment (`pip install --require-hashes -r requirements.lock`). Run it after any change
# of requirements.txt; tests/test_packaging.py fails while the two disagree.
# Made by pip-tools (pip-compile --generate-hashes) in a throw-away venv.
set -euo pipefail
cd "$(dirname "$0")/.."
tools="$(mktemp -d)"
trap 'rm -rf "$tools"' EXIT
python3 -m venv "$tools"
"$tools/bin/pip" install -q --disable-pip-version-check pip-tools==7.6.2
"$tools/bin/pip-compile" --quiet --generate-hashes --allow-unsafe --strip-extras \
  --no-emit-index-url --no-emit-find-links --no-header \
  --output-file=requirements.lock requirements.txt
sed -i '1i # The runtime pins of requirements.txt with hashes. Made by scripts/lock.sh: do not edit.' \
  requirements.lock
