#!/bin/sh
# Tests editors/emacs/scout-mode.el with Emacs in batch mode: it byte-compiles without
# warnings, and emacs_test.el checks file associations, faces, indentation and the
# compilation regexps. Run from anywhere; exits 0 when all checks pass.
set -u
cd "$(dirname "$0")/../.." || exit 2
if ! command -v emacs >/dev/null 2>&1; then
  echo "emacs_test: emacs is not installed; install it with: apt-get install emacs-nox" >&2
  exit 2
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp editors/emacs/scout-mode.el "$dir/"
if ! out=$(cd "$dir" && timeout 1200 emacs --batch -Q --eval '(setq byte-compile-error-on-warn t)' \
    -f batch-byte-compile scout-mode.el 2>&1); then
  echo "$out"
  echo "FAIL: scout-mode.el does not byte-compile without warnings"
  exit 1
fi
echo "ok: scout-mode.el byte-compiles without warnings"
timeout 1200 emacs --batch -Q -L editors/emacs -l editors/emacs/scout-mode.el -l editors/tests/emacs_test.el 2>&1
