#!/bin/sh
# Tests editors/vim with Vim headless: filetype detection, the filetype plugin, syntax
# items at chosen places of the samples, re-indenting every sample (gg=G) to itself, and
# the errorformat for `scout check`. Run from anywhere; exits 0 when all checks pass.
set -u
cd "$(dirname "$0")/../.." || exit 2
if ! command -v vim >/dev/null 2>&1; then
  echo "vim_test: vim is not installed; install it with: apt-get install vim-nox" >&2
  exit 2
fi
if ! vim -es -N -u NONE -i NONE -c 'if has("eval") && has("syntax") | qall! | else | cquit! | endif' </dev/null >/dev/null 2>&1; then
  echo "vim_test: this vim has no +eval or +syntax (vim-tiny?); install a full one: apt-get install vim-nox" >&2
  exit 2
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# The timeout guards against a hang: on a busy machine (and under the suite's nice) the
# checks take minutes.
SCOUT_VIM_TEST_LOG="$log" timeout 1200 vim -es -N -u NONE -i NONE --cmd 'let &rtp = getcwd() . "/editors/vim," . &rtp' \
  -S editors/tests/vim_test.vim </dev/null >/dev/null 2>&1
status=$?
cat "$log"
if [ "$status" -ne 0 ] && ! grep -q '^FAIL' "$log"; then
  echo "FAIL: vim exited with status $status without a report"
fi
exit "$status"
