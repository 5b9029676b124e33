#!/bin/sh
# tools/virtuoso-bench.sh: vitae's virtuoso: store beside Virtuoso's own
# bulk loader, on generated files of the same size, in the same run: load
# (parse + chunked upload + the inferred graph), and the showcase queries
# on the bundled biography, against the embedded store.
#
#   tools/virtuoso-bench.sh [SIZES]     default "100000 1000000"
#
# For each size: a fresh throwaway Virtuoso (tools/virtuoso-local.sh), then
# the bulk loader (ld_dir + rdf_loader_run over isql-vt, no checkpoint) on
# one generated file and `vitae load` on another of the same size (other
# seed and IRIs, so that neither finds the other's terms in the server's
# dictionary).  Wall seconds, and the server's CPU seconds (utime+stime of
# virtuoso-t), which a busy machine distorts less.  "upload" is vitae's
# parse + upload, i.e. the whole load minus the inference step it reports.
# Prints markdown on stdout; run from a built tree.  Needs virtuoso-t and
# isql-vt (Debian: virtuoso-opensource).  VITAE_VIRTUOSO_STREAMS and
# VITAE_VIRTUOSO_CHUNK_KB are passed on to vitae.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
VITAE=${VITAE:-$here/src/vitae}
export VITAE_DATADIR=${VITAE_DATADIR:-$here}
sizes=${1:-"100000 1000000"}
W=$(mktemp -d "${TMPDIR:-/tmp}/vitae-vbench.XXXXXX")
trap '"$here/tools/virtuoso-local.sh" stop "$W/vt" 2>/dev/null; rm -rf "$W"' EXIT
command -v isql-vt >/dev/null || { echo "virtuoso-bench: needs isql-vt (virtuoso-opensource)" >&2; exit 2; }
now() { date +%s.%N; }
secs() { /usr/bin/time -f %e -o "$W/t" "$@" >/dev/null 2>"$W/err" || { cat "$W/err" >&2; echo fail; return; }; cat "$W/t"; }
cpu() { awk '{printf "%.2f\n", ($14+$15)/100}' "/proc/$(cat "$W/vt/virtuoso.pid")/stat"; }
sub() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a-b}'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN{ if (s>0) printf "%.0fk", n/s/1000; else print "-"}'; }
count() { curl -s "http://127.0.0.1:$(cat "$W/vt/http.port")/sparql" -H 'Accept: text/csv' \
  --data-urlencode "query=SELECT (COUNT(*) AS ?n) WHERE { GRAPH <$1> { ?s ?p ?o } }" | tail -1; }
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(virtuoso-t +version 2>&1 | grep -o 'Version [0-9.]*' | head -1); streams ${VITAE_VIRTUOSO_STREAMS:-2}, chunks ${VITAE_VIRTUOSO_CHUNK_KB:-4096} KB"
echo
echo "| triples | bulk loader: wall s (triples/s), server CPU s | vitae upload: wall s (triples/s) | vitae load with inferred graph: wall s, server CPU s | bulk loader ÷ vitae upload, wall |"
echo "|---|---|---|---|---|"
for n in $sizes; do
  "$here/tools/virtuoso-local.sh" stop "$W/vt" 2>/dev/null; rm -rf "$W/vt"
  S=$("$here/tools/virtuoso-local.sh" start "$W/vt" 2>/dev/null) || { echo "virtuoso-bench: no server" >&2; exit 1; }
  P=$(cat "$W/vt/sql.port")
  python3 "$here/bench/gen-triples.py" "$n" --seed 11 --base http://example.org/ld/ >"$W/vt/ld.nt"
  python3 "$here/bench/gen-triples.py" "$n" --seed 12 --base http://example.org/vl/ >"$W/vl.nt"
  c0=$(cpu); t0=$(now)
  isql-vt "127.0.0.1:$P" dba "$(cat "$W/vt/password")" exec="ld_dir('$W/vt', 'ld.nt', 'urn:bench:ld'); rdf_loader_run();" >"$W/isql.log" 2>&1
  t1=$(now); c1=$(cpu)
  [ "$(count urn:bench:ld)" = "$n" ] || { echo "virtuoso-bench: the bulk loader did not load $n triples" >&2; cat "$W/isql.log" >&2; }
  c2=$(cpu); t2=$(now)
  "$VITAE" --store "$S" load --graph urn:bench:vitae "$W/vl.nt" >/dev/null 2>"$W/err" || { cat "$W/err" >&2; exit 1; }
  t3=$(now); c3=$(cpu)
  [ "$(count urn:bench:vitae)" = "$n" ] || echo "virtuoso-bench: vitae did not load $n triples" >&2
  inf=$(sed -n 's/.*(read \([0-9.]*\) s, fixpoint \([0-9.]*\) s, write \([0-9.]*\) s).*/\1 \2 \3/p' "$W/err" | awk '{print $1+$2+$3}')
  ld=$(sub "$t1" "$t0"); ldc=$(sub "$c1" "$c0"); vl=$(sub "$t3" "$t2"); vlc=$(sub "$c3" "$c2"); up=$(sub "$vl" "${inf:-0}")
  echo "| $n | $ld s ($(rate "$n" "$ld")), $ldc s | $up s ($(rate "$n" "$up")) | $vl s, $vlc s | $(awk -v a="$up" -v b="$ld" 'BEGIN{printf "%.2f", b/a}')× |"
done
"$VITAE" --quiet --store "$S" drop --all # the queries below are on the biography alone
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
