#!/bin/bash
# bench/bench.sh: `make bench` -- vitae side by side with the tools people
# would pick instead, on the same data in the same run, at growing sizes.
#
#   load       vitae load (hashes, contexts on, with its inference step) vs
#              rdfproc parse into the same backend (hashes/BDB, contexts on),
#              with rapper -c (parsing alone) as the floor;
#   inference  vitae's inference step alone (read, fixpoint, write), from the
#              line `vitae load` prints;
#   size       on-disk size per million triples, vitae vs rdfproc;
#   queries    each showcase query (queries/*.rq), median of BENCH_RUNS
#              runs of the whole command (process start included), and the
#              same minus an empty ASK on the same store (start excluded),
#              beside `rdfproc query` on rdfproc's store of the same file
#              where rasqal can run the query;
#   bios       1, 10, 100 (1000 with the full run) generated biographies
#              (bench/gen-bios.py): extraction + load end to end, and the
#              showcase queries on the result.
# Extraction throughput is bench/extract.sh (`make bench-extract`).
#
# Candidates are interleaved (vitae, rdfproc, rapper, then again), so that
# the load of a shared machine hits them alike: read the ratios.
#
# Knobs (environment):
#   BENCH_SIZES  triples, default "10000 100000"; the full run is
#                BENCH_SIZES="10000 100000 1000000" BENCH_BIOS="1 10 100 1000"
#   BENCH_BIOS   generated biographies, default "1 10 100"
#   BENCH_RUNS   runs of each query (median), default 5; loads run once
#                (BENCH_LOAD_RUNS, default 1)
#   BENCH_CAP    seconds one query may take (default 30); past it the
#                figure is "> CAP" (rasqal's nested loops make some showcase
#                queries quadratic on the generated data)
#   BENCH_OUT    output directory, default bench/out
# Writes BENCH_OUT/bench.md (the table) and BENCH_OUT/bench.png (gnuplot) or
# BENCH_OUT/bench.svg (drawn by bench/plot.py when gnuplot is missing).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=${top_srcdir:-$(dirname "$here")}
VITAE=${VITAE:-$top/src/vitae}
export VITAE_DATADIR=${VITAE_DATADIR:-$top}
SIZES=${BENCH_SIZES:-10000 100000}
BIOS=${BENCH_BIOS:-1 10 100}
RUNS=${BENCH_RUNS:-5}
LRUNS=${BENCH_LOAD_RUNS:-1}
OUT=${BENCH_OUT:-$top/bench/out}
CAP=${BENCH_CAP:-30}
PY=${PYTHON:-python3}
mkdir -p "$OUT"
W=$(mktemp -d "${TMPDIR:-/tmp}/vitae-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT
for t in rdfproc rapper "$PY"; do
  command -v "$t" >/dev/null || { echo "bench: needs $t (Debian: redland-utils, raptor2-utils, python3)" >&2; exit 2; }
done
[ -x "$VITAE" ] || { echo "bench: no vitae at $VITAE (run make first)" >&2; exit 2; }

R="$OUT/bench.tsv" # kind size candidate metric value
: >"$R"
rec() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >>"$R"; }
now() { date +%s%N; }
# secs CMD...: run, print wall seconds; the command's stderr goes to $W/err
secs() { local a b; a=$(now); "$@" >/dev/null 2>"$W/err"; local rc=$?; b=$(now)
  [ $rc = 0 ] || { echo "bench: failed ($rc): $* : $(head -2 "$W/err")" >&2; echo NA; return 1; }
  awk -v a="$a" -v b="$b" 'BEGIN{printf "%.4f\n", (b-a)/1e9}'; }
# qsecs CMD...: the same for a query, capped at CAP seconds (TIMEOUT past it)
qsecs() { local a b; a=$(now); timeout "$CAP" "$@" >/dev/null 2>"$W/err"; local rc=$?; b=$(now)
  [ $rc = 124 ] && { echo TIMEOUT; return 1; }
  [ $rc = 0 ] || { echo NA; return 1; }
  awk -v a="$a" -v b="$b" 'BEGIN{printf "%.4f\n", (b-a)/1e9}'; }
# median of numbers; TIMEOUT when any run timed out, NA when none ran
median() { local v; v=$(cat); case "$v" in *TIMEOUT*) echo TIMEOUT; return;; esac; echo "$v" | tr ' ' '\n' | grep -v '^$' | grep -v NA | sort -g | awk '{v[NR]=$1} END{if(!NR){print "NA";exit} print (NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2}'; }
mb() { du -sk "$1" | awk '{printf "%.1f\n", $1/1024}'; }
gen_dir() { ls -d "$1"/gen-* 2>/dev/null | sort | tail -1; }

PREFIXES="PREFIX vt: <https://w3id.org/vitae/ns#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> PREFIX owl: <http://www.w3.org/2002/07/owl#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX schema: <http://schema.org/> PREFIX org: <http://www.w3.org/ns/org#> PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX wdt: <http://www.wikidata.org/prop/direct/>"
RDFPROC_OPTS() { echo "hash-type='bdb',dir='$1',contexts='yes'"; }

# queries KIND SIZE VSTORE [RSTORE]: every showcase query on a vitae store
# (and rdfproc's store of the same data, when given)
# (the generated triples also get bench/queries-1m: point, two-hop, GROUP BY)
queries() {
  local kind=$1 size=$2 vs=$3 rs=${4:-} q name t ts floor extra=
  floor=$(for i in $(seq "$RUNS"); do secs "$VITAE" --store "$vs" query -e 'ASK {}'; done | median)
  rec "$kind" "$size" vitae "query:(empty ASK)" "$floor"
  [ "$kind" = triples ] && extra=$(ls "$here"/queries-1m/*.rq)
  for q in $extra "$top"/queries/*.rq; do
    name=$(basename "$q" .rq)
    ts=""; for i in $(seq "$RUNS"); do ts="$ts $(qsecs "$VITAE" --store "$vs" query "$q")"; [ "${ts##* }" = TIMEOUT ] && break; done
    t=$(echo "$ts" | median)
    rec "$kind" "$size" vitae "query:$name" "$t"
    rec "$kind" "$size" vitae "query-start-excluded:$name" "$(awk -v t="$t" -v f="$floor" 'BEGIN{ if (t=="NA") print "NA"; else if (t=="TIMEOUT") print t; else printf "%.4f\n", (t-f>0?t-f:0)}')"
    if [ -n "$rs" ]; then
      # rasqal reads the query as written; what it cannot parse is NA
      local text; text="$PREFIXES $(grep -v '^#' "$q")"
      ts=""; for i in $(seq "$RUNS"); do
        ts="$ts $(qsecs rdfproc -q -c -s hashes -t "$(RDFPROC_OPTS "$rs")" vitae query sparql - "$text" 2>/dev/null)"
        case "${ts##* }" in NA|TIMEOUT) break;; esac
      done
      rec "$kind" "$size" rdfproc "query:$name" "$(echo "$ts" | median)"
    fi
  done
}

host="$(uname -srm), $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
started=$(date -u +%Y-%m-%dT%H:%MZ)
echo "bench: sizes [$SIZES], bios [$BIOS], $RUNS query runs; results in $OUT" >&2

# ---- generated triples ----
for n in $SIZES; do
  f="$OUT/triples-$n.nt"
  [ -s "$f" ] || "$PY" "$here/gen-triples.py" "$n" >"$f" || exit 1
  iri="file://$f"
  for run in $(seq "$LRUNS"); do
    echo "bench: load $n triples (run $run)" >&2
    rm -rf "$W/v$n" "$W/r$n"; mkdir -p "$W/r$n"
    t=$(secs "$VITAE" --store "hashes:$W/v$n" load "$f"); rec load "$n" vitae seconds "$t"
    inf=$(grep '^inferred:' "$W/err" | sed -n 's/.*(read \([0-9.]*\) s, fixpoint \([0-9.]*\) s, write \([0-9.]*\) s).*/\1 \2 \3/p')
    [ -n "$inf" ] && rec load "$n" vitae infer-seconds "$(echo "$inf" | awk '{printf "%.2f", $1+$2+$3}')"
    t=$(secs rdfproc -q -n -c -s hashes -t "$(RDFPROC_OPTS "$W/r$n")" vitae parse "$f" ntriples "$iri" "$iri")
    rec load "$n" rdfproc seconds "$t"
    rec load "$n" rapper seconds "$(secs rapper -q -c -i ntriples "$f")"
  done
  rec size "$n" vitae MB "$(mb "$(gen_dir "$W/v$n")")"
  rec size "$n" rdfproc MB "$(mb "$W/r$n")"
  echo "bench: queries on $n triples" >&2
  queries triples "$n" "$W/v$n" "$W/r$n"
  rm -rf "$W/v$n" "$W/r$n"
done

# ---- the bundled biography ----
echo "bench: the bundled biography (vitae demo)" >&2
"$VITAE" --store "$W/demo" --quiet demo >/dev/null 2>&1 || echo "bench: vitae demo failed" >&2
queries demo 1 "$W/demo"

# ---- generated biographies: extraction + load, then the queries ----
for k in $BIOS; do
  d="$OUT/bios-$k"
  [ -d "$d" ] || "$PY" "$here/gen-bios.py" --docs "$k" --out "$d" >/dev/null || exit 1
  echo "bench: extract --load $k biographies" >&2
  rm -rf "$W/b$k"
  t=$(secs "$VITAE" --store "hashes:$W/b$k" extract --load "$d"/*.txt); rec bios "$k" vitae extract-load-seconds "$t"
  inf=$(grep '^inferred:' "$W/err" | sed -n 's/.*(read \([0-9.]*\) s, fixpoint \([0-9.]*\) s, write \([0-9.]*\) s).*/\1 \2 \3/p')
  [ -n "$inf" ] && rec bios "$k" vitae infer-seconds "$(echo "$inf" | awk '{printf "%.2f", $1+$2+$3}')"
  rec bios "$k" vitae triples "$("$VITAE" --store "$W/b$k" query -e 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' 2>/dev/null | tail -1 | tr -d '"' | sed 's/[^0-9].*//')"
  rec bios "$k" vitae MB "$(mb "$(gen_dir "$W/b$k")")"
  queries bios "$k" "$W/b$k"
  rm -rf "$W/b$k"
done

"$PY" "$here/plot.py" "$R" "$OUT" "$host" "$started" "${BENCH_CMD:-make bench}" || exit 1
cat "$OUT/bench.md"
