#!/bin/sh
# tools/virtuoso-bench.sh: vitae's virtuoso: store against the embedded
# store on the same generated files: load (parse + one PUT per graph +
# the inferred graph), and the showcase queries on the bundled biography.
#
#   tools/virtuoso-bench.sh [SIZES]     default "100000 1000000"
#
# Starts its own throwaway Virtuoso (tools/virtuoso-local.sh), prints a
# markdown table on stdout; run from a built tree.  Needs virtuoso-t.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
VITAE=${VITAE:-$here/src/vitae}
export VITAE_DATADIR=${VITAE_DATADIR:-$here}
sizes=${1:-"100000 1000000"}
W=$(mktemp -d "${TMPDIR:-/tmp}/vitae-vbench.XXXXXX")
trap '"$here/tools/virtuoso-local.sh" stop "$W/vt" 2>/dev/null; rm -rf "$W"' EXIT
S=$("$here/tools/virtuoso-local.sh" start "$W/vt") || exit 1
secs() { /usr/bin/time -f %e -o "$W/t" "$@" >/dev/null 2>"$W/err" || { cat "$W/err" >&2; echo fail; return; }; cat "$W/t"; }
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(virtuoso-t +version 2>&1 | grep -o 'Version [0-9.]*' | head -1)"
echo
echo "| triples | vitae load, embedded (hashes) | vitae load, virtuoso (PUT + inferred graph) | one GSP PUT of the file alone (curl) | rate of that PUT |"
echo "|---|---|---|---|---|"
for n in $sizes; do
  python3 "$here/bench/gen-triples.py" "$n" >"$W/d.nt"
  e=$(secs "$VITAE" --store "$W/local-$n" load --graph urn:bench:$n "$W/d.nt")
  v=$(secs "$VITAE" --store "$S" load --graph urn:bench:$n "$W/d.nt")
  # the PUT alone, as vitae sends it (curl, the same N-Triples)
  pw=$(cat "$W/vt/password")
  p=$(secs curl -s -f --digest -u "dba:$pw" -X PUT -H 'Content-Type: application/n-triples' \
    --data-binary @"$W/d.nt" "http://127.0.0.1:$(cat "$W/vt/http.port")/sparql-graph-crud-auth?graph-uri=urn:bench:put$n")
  rate=$(python3 -c "print(f'{$n/$p/1000:.0f}k triples/s')" 2>/dev/null || echo -)
  echo "| $n | $e s | $v s | $p s | $rate |"
  "$VITAE" --quiet --store "$S" drop --all
done
echo
"$VITAE" --quiet --store "$W/bio" extract --load "$here/triples/tokayev.txt"
"$VITAE" --quiet --store "$S" extract --load "$here/triples/tokayev.txt"
echo "| showcase query (tokayev, process start included, median of 5) | embedded | virtuoso |"
echo "|---|---|---|"
med() { for i in 1 2 3 4 5; do secs "$@"; done | sort -n | sed -n 3p; }
for q in "$here"/queries/*.rq "$here"/queries/paths/*.rq; do
  name=${q#"$here"/queries/}
  case $name in paths/*) e="(refused)" ;; *) e=$(med "$VITAE" --store "$W/bio" query "$q") ;; esac
  v=$(med "$VITAE" --store "$S" query "$q")
  echo "| $name | $e s | $v s |"
done
