#!/bin/sh
# Progress bars (issue 6): `load` and `extract` over several files draw a bar
# with rate and ETA on stderr only when stderr is a terminal; piped, stderr
# carries messages and summaries but nothing of the bar; --quiet silences it
# on a terminal too.  The terminal is a pseudo-terminal from script(1)
# (util-linux); without it that part is skipped.
. "$(dirname "$0")/lib.sh"
S=$T/store
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "<http://example.org/s%d> <http://example.org/p> \"v%d\" .\n", i, i }' >"$T/t.nt"
printf 'Ann Example\n\nAnn Example (born 1950) is a politician.\n' >"$T/a.txt"
printf 'Bob Example\n\nBob Example (born 1960) is a diplomat.\n' >"$T/b.txt"
# the bar is redrawn in place: a carriage return, or its words
has_bar() { grep -q "$(printf '\r')\|ETA\|triples/s\|files/s" "$1"; }

# not a terminal: no bar
expect_exit 0 "load with stderr redirected" "$VITAE" --store "$S" load "$T/t.nt"
check "... draws no bar" sh -c "! { grep -q \"\$(printf '\\r')\" '$T/err' || grep -q 'ETA' '$T/err'; }"
check "... still prints its summary" grep -q "20000 triples in 1 graph" "$T/err"
expect_exit 0 "extract over two files, stderr redirected" "$VITAE" extract -o "$T/x.ttl" "$T/a.txt" "$T/b.txt"
check "... draws no bar" sh -c "! grep -q 'files/s' '$T/err'"

if ! command -v script >/dev/null 2>&1; then
  echo "SKIP (partly): no script(1) for the terminal case"; finish
fi
# a terminal: the bar is there, with a rate and an ETA
tty_run() { # tty_run LOG COMMAND: stderr (and stdout) of COMMAND on a pty, into LOG
  log=$1; shift
  script -qec "$*" /dev/null >"$log" 2>&1 </dev/null
}
tty_run "$T/tty1" "'$VITAE' --store '$S' load '$T/t.nt'"
check "load on a terminal draws a bar" grep -q "storing \[.*triples/s" "$T/tty1"
check "... with an ETA" grep -q "ETA" "$T/tty1"
tty_run "$T/tty2" "'$VITAE' --store '$S' --quiet load '$T/t.nt'"
check "--quiet on a terminal: no bar" sh -c "! grep -q 'triples/s' '$T/tty2'"
tty_run "$T/tty3" "'$VITAE' extract -o '$T/y.ttl' '$T/a.txt' '$T/b.txt'"
check "extract over two files on a terminal draws a bar" grep -q "extracting \[.*files/s" "$T/tty3"
finish
