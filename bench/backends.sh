#!/usr/bin/env bash
# bench/backends.sh: measure vitae's on-disk Redland backends (hashes with
# Berkeley DB, and sqlite) for load speed, query latency, size on disk and
# behaviour under kill -9.  See docs/store-backends.md for the figures and
# the conclusions drawn from them.
#
#   bench/backends.sh [--sizes 10000,100000,1000000] [--out FILE] [options]
#   bench/backends.sh --crash [--out FILE] [options]
#
# Run it from a built tree (./autogen.sh && ./configure && make).  Nothing
# here runs during `make check`.
set -u
export LC_ALL=C

usage() {
  cat <<'EOF'
Usage: bench/backends.sh [options]          load and query benchmark
       bench/backends.sh --crash [options]  kill -9 tests

Load benchmark: for each size, generate N triples (bench/gen-triples.py), then
load them, interleaved, with
  rapper -q -c -i ntriples          (parsing alone: the floor)
  vitae --store hashes:DIR load     and  rdfproc -n -c -s hashes ... parse
  vitae --store sqlite:DIR load     and  rdfproc -n -c -s sqlite ... parse
timed with /usr/bin/time (wall s, peak RSS); then time three queries as whole
commands on the stores that vitae loaded.

Options:
  --sizes LIST     comma-separated triple counts (default 10000,100000,1000000)
  --backends LIST  hashes,sqlite (default both)
  --out FILE       markdown report (default bench/out/backends.md, or
                   bench/out/crash.md with --crash); a .tsv of every run is
                   written beside it
  --runs N         repetitions of each load and query; the median is reported
                   (default 3).  A load whose first run takes longer than
                   --long seconds is run once.
  --long S         see --runs (default 60)
  --cap S          time cap of one load; sqlite is superlinear (default 900)
  --qcap S         time cap of one query (default 300)
  --work DIR       scratch directory (default: a new one under ${TMPDIR:-/tmp});
                   needs about 2.5 GB per million triples
  --keep           keep the scratch directory
  --crash          run the kill -9 tests instead of the benchmark
  --crash-hashes N triples for the hashes crash test (default 1000000)
  --crash-sqlite N triples for the sqlite crash test (default 20000)
  --kill-at LIST   seconds after the start at which to kill -9 (default 1,3,6,10,15);
                   50 % and 80 % of an uninterrupted load are added
  -h, --help       this text

Environment: VITAE (the vitae binary; default ./src/vitae of this tree),
PYTHON (default /usr/bin/python3, else python3).
EOF
}

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)

sizes=10000,100000,1000000
backends=hashes,sqlite
out=
runs=3
long_s=60
cap=900
qcap=300
work=
keep=0
mode=bench
crash_hashes=1000000
crash_sqlite=20000
kill_at=1,3,6,10,15
argv_text="$0 $*"

die() { echo "backends.sh: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --sizes) sizes=${2:?}; shift ;;
    --backends) backends=${2:?}; shift ;;
    --out) out=${2:?}; shift ;;
    --runs) runs=${2:?}; shift ;;
    --long) long_s=${2:?}; shift ;;
    --cap) cap=${2:?}; shift ;;
    --qcap) qcap=${2:?}; shift ;;
    --work) work=${2:?}; shift ;;
    --keep) keep=1 ;;
    --crash) mode=crash ;;
    --crash-hashes) crash_hashes=${2:?}; shift ;;
    --crash-sqlite) crash_sqlite=${2:?}; shift ;;
    --kill-at) kill_at=${2:?}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option '$1'" ;;
  esac
  shift
done
for v in "$runs" "$long_s" "$cap" "$qcap" "$crash_hashes" "$crash_sqlite"; do
  case $v in ''|*[!0-9]*) die "'$v' is not a whole number" ;; esac
done
case $sizes in ''|*[!0-9,]*) die "--sizes takes numbers separated by commas" ;; esac
case $kill_at in ''|*[!0-9.,]*) die "--kill-at takes seconds separated by commas" ;; esac
[ "$runs" -ge 1 ] || die "--runs must be at least 1"
IFS=, read -r -a SIZES <<<"$sizes"
IFS=, read -r -a BACKENDS <<<"$backends"
IFS=, read -r -a KILLS <<<"$kill_at"
for b in "${BACKENDS[@]}"; do
  case $b in hashes|sqlite) ;; *) die "unknown backend '$b' (hashes, sqlite)" ;; esac
done
if [ -z "$out" ]; then
  if [ $mode = crash ]; then out=$here/out/crash.md; else out=$here/out/backends.md; fi
fi

# ---- tools ----
missing=0
need() { # need TOOL WHY
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "backends.sh: '$1' not found: $2" >&2
    missing=1
  fi
}
VITAE=${VITAE:-$top/src/vitae}
if [ ! -x "$VITAE" ]; then
  echo "backends.sh: no vitae binary at $VITAE: build first (./autogen.sh && ./configure && make)," >&2
  echo "  or set VITAE=/path/to/vitae (for a build outside the source tree)" >&2
  missing=1
fi
if [ -z "${PYTHON:-}" ]; then
  if [ -x /usr/bin/python3 ]; then PYTHON=/usr/bin/python3; else PYTHON=python3; fi
fi
need "$PYTHON" "gen-triples.py needs Python 3 (Debian: python3)"
need rdfproc "the librdf reference loader (Debian: redland-utils)"
need rapper "the parse-only floor (Debian: raptor2-utils)"
need timeout "time caps (coreutils)"
need du "sizes on disk (coreutils)"
need awk "arithmetic"
[ -x /usr/bin/time ] || { echo "backends.sh: /usr/bin/time not found: wall time and peak RSS (Debian: time)" >&2; missing=1; }
[ $missing = 0 ] || exit 2
have_sqlite3=0; command -v sqlite3 >/dev/null 2>&1 && have_sqlite3=1
DB_VERIFY=
for t in db_verify db5.3_verify; do command -v $t >/dev/null 2>&1 && { DB_VERIFY=$t; break; }; done

if [ -z "$work" ]; then
  work=$(mktemp -d "${TMPDIR:-/tmp}/vitae-bench.XXXXXX") || die "cannot make a scratch directory"
else
  mkdir -p "$work" || die "cannot make $work"
fi
work=$(cd "$work" && pwd)
# A private copy of the binary: a rebuild of the tree during a long run must
# not change what is being measured halfway.
cp "$VITAE" "$work/vitae" || die "cannot copy $VITAE"
VITAE_ORIG=$VITAE
VITAE_BUILT=$(date -u -r "$VITAE" '+%Y-%m-%d %H:%M UTC')
VITAE=$work/vitae
cleanup() {
  if [ $keep = 1 ]; then echo "backends.sh: scratch kept in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$(dirname "$out")" || die "cannot make $(dirname "$out")"
tsv=${out%.md}.tsv
: >"$tsv"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# guarded CMD...: runs a reader of a possibly damaged store with a time cap
# (--qcap) and 4 GB of address space: on a Berkeley DB store damaged by a
# crash, a reader can loop and grow without end (seen: vitae stats, 9.6 GB
# in 5 minutes).
guarded() { (ulimit -v 4194304 2>/dev/null; exec timeout -k 5 "$qcap" "$@"); }

# The sqlite storage is a separate Debian package (librdf-storage-sqlite).
if [[ " ${BACKENDS[*]} " == *" sqlite "* ]]; then
  printf '<http://example.org/a> <http://example.org/b> "c" .\n' >"$work/probe.nt"
  if ! "$VITAE" --quiet --store "sqlite:$work/probe" load "$work/probe.nt" >/dev/null 2>"$work/probe.err"; then
    echo "backends.sh: the sqlite backend does not work here ($(head -1 "$work/probe.err"));" >&2
    echo "  install Debian's librdf-storage-sqlite, or pass --backends hashes" >&2
    exit 2
  fi
  rm -rf "$work/probe"
fi

# ---- helpers ----

# gen N: the data file of N triples (made once per scratch directory)
gen() {
  local f=$work/d$1.nt
  if [ ! -s "$f" ] || [ "$(wc -l <"$f")" != "$1" ]; then
    log "generating $1 triples"
    { "$PYTHON" "$here/gen-triples.py" "$1" >"$f.tmp" && mv "$f.tmp" "$f"; } || die "gen-triples.py failed"
  fi
  echo "$f"
}

# timed CAP LOG CMD...: runs CMD with a time cap; sets T_S (wall s), T_KB
# (peak RSS), T_RC (exit status; 124 or 137 when the cap hit)
timed() {
  local c=$1 lg=$2; shift 2
  local tf=$work/time.$$
  /usr/bin/time -f '%e %M' -o "$tf" timeout -k 10 "$c" "$@" >"$lg" 2>&1
  T_RC=$?
  read -r T_S T_KB < <(tail -n 1 "$tf")
  rm -f "$tf"
}

median() { # median of the arguments
  printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR==0) print ""; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'
}
fmt() { awk -v x="$1" -v d="${2:-2}" 'BEGIN { printf "%.*f", d, x }'; }
div() {
  awk -v a="$1" -v b="$2" -v d="${3:-2}" 'BEGIN {
    num = "^[0-9.]+([eE][-+]?[0-9]+)?$"
    if (a !~ num || b !~ num || b + 0 == 0) print "n/a"; else printf "%.*f", d, a / b }'
}

iri_of() { echo "file://$1"; }
hashes_opts() { echo "hash-type='bdb',dir='$1',contexts='yes'"; }
P_PREFIX='PREFIX vt: <https://w3id.org/vitae/ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> '

# data_dir DIR: where the backend's files are.  A vitae store of format 2
# keeps them in the generation its marker names (DIR/gen-NNNNNN); format 1
# and rdfproc's stores keep them in DIR itself.
data_dir() {
  local g
  g=$(awk '$1 == "generation" {print $2; exit}' "$1/vitae-store" 2>/dev/null)
  case $g in
    ''|*[!0-9]*) echo "$1" ;;
    *) printf '%s/gen-%06d\n' "$1" "$((10#$g))" ;;
  esac
}

run_load() { # run_load CAND FILE DIR LOG
  local c=$1 f=$2 d=$3 lg=$4 iri; iri=$(iri_of "$2")
  rm -rf "$d"
  case $c in
    rapper) timed "$cap" "$lg" rapper -q -c -i ntriples "$f" ;;
    vitae/hashes) timed "$cap" "$lg" "$VITAE" --quiet --store "hashes:$d" load "$f" ;;
    vitae/sqlite) timed "$cap" "$lg" "$VITAE" --quiet --store "sqlite:$d" load "$f" ;;
    rdfproc/hashes) mkdir -p "$d"
      timed "$cap" "$lg" rdfproc -q -n -c -s hashes -t "$(hashes_opts "$d")" vitae parse "$f" ntriples "$iri" "$iri" ;;
    rdfproc/sqlite) mkdir -p "$d"
      timed "$cap" "$lg" rdfproc -q -n -c -s sqlite -t "contexts='yes',synchronous='normal'" "$d/vitae.sqlite" parse "$f" ntriples "$iri" "$iri" ;;
  esac
}

machine_md() {
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- machine: $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(uname -sr)"
  echo "- memory (\`free -g\`):"
  echo '```'
  free -g
  echo '```'
  echo "- scratch file system: $(df -h "$work" | awk 'NR==2 {print $1", "$2" total, "$4" free"}')"
  echo "- vitae: $("$VITAE" --version 2>&1 | head -1), $VITAE_ORIG (tree at $(cd "$top" && git describe --always --dirty 2>/dev/null || echo 'no git'), binary built $VITAE_BUILT)"
  echo "- $(rdfproc -v 2>&1 | head -1 | sed 's/^/rdfproc (librdf) /'), rapper (raptor2) $(rapper -v 2>&1 | head -1)$( [ $have_sqlite3 = 1 ] && echo ", sqlite3 $(sqlite3 --version | cut -d' ' -f1)")"
  echo "- load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) (other work was running on the machine)"
  echo "- command: \`$argv_text\`"
}

# ================= crash mode =================

# dir_bytes DIR: bytes of the store files
dir_bytes() { du -sb "$1" 2>/dev/null | cut -f1; }

# kill_run BACKEND FILE DIR T [after-write]: starts a vitae load of FILE
# into DIR and kill -9s it T s after the start, or with after-write, T s
# after the first write to the store's files.  Sets K_FINISHED (1 when the
# load ended first), K_WRITE_AT (seconds at which the first store file
# changed, or -), K_KILL_AT (seconds, or -), K_BYTES (store bytes at the end).
kill_run() {
  local b=$1 f=$2 d=$3 t=$4 rel=${5:-}
  local stamp=$work/kill.stamp t0 now el
  touch "$stamp"; sleep 0.01
  "$VITAE" --quiet --store "$b:$d" load "$f" >"$work/kill.log" 2>&1 &
  local pid=$!
  t0=$(date +%s.%N)
  K_WRITE_AT=-; K_KILL_AT=-; K_FINISHED=0
  while :; do
    now=$(date +%s.%N); el=$(awk -v a="$now" -v b="$t0" 'BEGIN {print a-b}')
    if [ "$K_WRITE_AT" = - ] &&
       [ -n "$(find "$d" -type f ! -name lock ! -name vitae-store -newer "$stamp" 2>/dev/null | head -1)" ]; then
      K_WRITE_AT=$(fmt "$el" 1)
    fi
    if ! kill -0 "$pid" 2>/dev/null; then K_FINISHED=1; break; fi
    if { [ -z "$rel" ] && awk -v e="$el" -v t="$t" 'BEGIN {exit !(e >= t)}'; } ||
       { [ -n "$rel" ] && [ "$K_WRITE_AT" != - ] &&
         awk -v e="$el" -v w="$K_WRITE_AT" -v t="$t" 'BEGIN {exit !(e >= w + t)}'; }; then
      kill -9 "$pid" 2>/dev/null
      K_KILL_AT=$(fmt "$el" 1)
      break
    fi
    sleep 0.1
  done
  wait "$pid" 2>/dev/null
  K_BYTES=$(dir_bytes "$d")
}

# count_graph BACKEND DIR IRI: triples in one graph, counted without vitae:
# sqlite3 for sqlite, else rdfproc find (not SPARQL: rasqal counts 1 for
# COUNT(*) over GRAPH <g> when g is empty, and gives no row at all for a
# COUNT over an empty store), or "error: why"
count_graph() {
  local b=$1 d=$2 g=$3 n rc dd; dd=$(data_dir "$2")
  if [ "$b" = sqlite ] && [ $have_sqlite3 = 1 ]; then
    n=$(sqlite3 -cmd '.timeout 10000' "$dd/vitae.sqlite" \
          "select count(*) from triples t join uris u on t.contextUri = u.id where u.uri = '$g'" 2>"$work/count.err")
    rc=$?
  else
    if [ "$b" = hashes ]; then
      guarded rdfproc -c -s hashes -t "$(hashes_opts "$dd")" vitae find - - - "$g" >/dev/null 2>"$work/count.err"
    else
      guarded rdfproc -c -s sqlite -t "contexts='yes'" "$dd/vitae.sqlite" find - - - "$g" >/dev/null 2>"$work/count.err"
    fi
    rc=$?
    n=$(sed -n 's/.*matching triples: \([0-9]*\).*/\1/p' "$work/count.err")
  fi
  if [ $rc != 0 ] || [ -z "$n" ] || grep -v -e Warning -e 'matching triples' "$work/count.err" | grep -q -i -E 'error|BDB[0-9]'; then
    echo "error: $(grep -v -e Warning -e 'matching triples' "$work/count.err" | head -1 | cut -c1-70)"
  else
    echo "$n"
  fi
}

file_check() { # file_check BACKEND DIR: sets I_VERIFY
  local b=$1 d f bad=0
  d=$(data_dir "$2")
  I_VERIFY=n/a
  if [ "$b" = hashes ] && [ -n "$DB_VERIFY" ]; then
    I_VERIFY=ok
    for f in "$d"/vitae-*.db; do
      [ -e "$f" ] || continue
      if ! guarded "$DB_VERIFY" -q "$f" >/dev/null 2>&1; then
        [ $bad = 0 ] && I_VERIFY="FAILED:" || I_VERIFY="$I_VERIFY,"
        bad=1; I_VERIFY="$I_VERIFY $(basename "$f" .db | sed 's/^vitae-//')"
      fi
    done
  elif [ "$b" = sqlite ] && [ $have_sqlite3 = 1 ]; then
    I_VERIFY="integrity_check: $(sqlite3 "$d/vitae.sqlite" 'pragma integrity_check' 2>&1 | head -1 | cut -c1-60)"
  fi
}

# inspect BACKEND DIR N BIGIRI: after a crash.  The store held the other
# graph (SEED_N triples, SEED_IRI) and was loading BIGIRI (N triples).
# Sets I_VERIFY, I_OTHER, I_BIG, I_STATS, I_OPEN_TEXT, I_VERDICT.
inspect() {
  local b=$1 d=$2 n=$3 big=$4 v1 v2
  file_check "$b" "$d"
  I_OTHER=$(count_graph "$b" "$d" "$SEED_IRI")
  I_BIG=$(count_graph "$b" "$d" "$big")
  I_STATS=$(guarded "$VITAE" --store "$b:$d" stats 2>&1)
  case $? in
    0) I_STATS=$(printf '%s\n' "$I_STATS" | awk '$1 == "triples" {print $2; f=1} END {if (!f) print "?"}') ;;
    124|137) I_STATS="did not finish in ${qcap} s / 4 GB" ;;
    *) I_STATS="failed: $(printf '%s\n' "$I_STATS" | head -1 | cut -c1-60)" ;;
  esac
  if guarded "$VITAE" --quiet --store "$b:$d" load "$work/probe.nt" >"$work/probe.log" 2>&1; then
    I_OPEN_TEXT=yes
  else
    I_OPEN_TEXT="no: $(head -1 "$work/probe.log" | cut -c1-80)"
  fi
  case $I_OTHER in
    error*) v1="other graph UNREADABLE" ;;
    "$SEED_N") v1="other graph intact" ;;
    *) v1="other graph LOST ($I_OTHER of $SEED_N left)" ;;
  esac
  case $I_BIG in
    error*) v2="loaded graph unreadable" ;;
    0) v2="loaded graph empty" ;;
    "$n") v2="loaded graph complete" ;;
    *) v2="loaded graph PARTIAL ($I_BIG of $n)" ;;
  esac
  I_VERDICT="$v1; $v2"
  case $I_VERIFY in
    FAILED*) I_VERDICT="$I_VERDICT; BDB files corrupt" ;;
    ok|integrity_check:\ ok|n/a) ;;
    *) I_VERDICT="$I_VERDICT; file corrupt" ;;
  esac
}

crash_row() { # crash_row BACKEND N SCENARIO T
  echo "| $1 | $2 | $3 | $4 | $([ "$K_FINISHED" = 1 ] && echo 'had finished' || echo "killed at $K_KILL_AT s") | $K_WRITE_AT | $(fmt "$(div "${K_BYTES:-0}" 1048576 4)" 1) | $I_VERIFY | $I_OTHER | $I_BIG | $I_STATS | $I_OPEN_TEXT | $I_VERDICT |" >>"$md"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$K_FINISHED" "$K_WRITE_AT" "${K_BYTES:-0}" "$I_VERIFY" "$I_OTHER" "$I_BIG" "$I_STATS" "$I_OPEN_TEXT" "$I_VERDICT" >>"$tsv"
}

crash_mode() {
  local b n f d t big c rc
  md=$work/crash.md
  SEED_N=1000
  "$PYTHON" "$here/gen-triples.py" $SEED_N --seed 7 --base http://example.org/other/ >"$work/other.nt" || die "gen-triples.py failed"
  SEED_IRI=$(iri_of "$work/other.nt")
  printf '<http://example.org/probe> <http://example.org/p> "after the crash" .\n' >"$work/probe.nt"
  {
    echo "# vitae store backends: kill -9 during a load"
    echo
    machine_md
    echo "- method: a store holding one graph of $SEED_N triples (the 'other graph'); then"
    echo "  \`vitae --store BACKEND:DIR load FILE\` of a big file in the background, \`kill -9\` after T s; then"
    echo "  check the files (${DB_VERIFY:-no db_verify here} on each BDB file; $([ $have_sqlite3 = 1 ] && echo 'sqlite3 pragma integrity_check' || echo 'no sqlite3 here')),"
    echo "  count each graph with rdfproc (SPARQL COUNT in GRAPH <g>, independent of vitae), ask \`vitae stats\`,"
    echo "  and load a one-triple file into a third graph with vitae (does the store still take writes?)."
    echo "  'first write' is when a store file first changed (vitae parses the whole file before it"
    echo "  touches the store).  Kill points: those given, then 50 % and 80 % of the reference load time."
    echo "  'reload' kills a second load of the same big file into a complete store (vitae parses, removes"
    echo "  the old graph, then adds the new one) 2 s, and 40 % of the reference time, after its first write."
    echo
    echo "| backend | triples | scenario | kill at s | load state | first write at s | store MB | file check | other graph ($SEED_N) | loaded graph | vitae stats: triples | one-triple load | verdict |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  } >"$md"
  printf 'backend\tn\tscenario\tkill_s\tfinished\twritten_at\tbytes\tverify\tother\tloaded\tvitae_stats\tprobe_load\tverdict\n' >"$tsv"
  for b in "${BACKENDS[@]}"; do
    if [ "$b" = hashes ]; then n=$crash_hashes; else n=$crash_sqlite; fi
    f=$(gen "$n")
    big=$(iri_of "$f")
    d=$work/crash-$b
    # a reference: the same load, not interrupted
    log "crash $b: reference load of $n triples (cap ${cap}s)"
    rm -rf "$d"
    "$VITAE" --quiet --store "$b:$d" load "$work/other.nt" || die "cannot load the other graph"
    timed "$cap" "$work/ref.log" "$VITAE" --quiet --store "$b:$d" load "$f"
    c="finished in $T_S s, exit $T_RC"
    { [ "$T_RC" = 124 ] || [ "$T_RC" = 137 ]; } && c="> $cap s (cap hit)"
    echo "| $b | $n | reference: no kill | - | $c | | $(fmt "$(div "$(dir_bytes "$d")" 1048576 4)" 1) | | $(count_graph "$b" "$d" "$SEED_IRI") | $(count_graph "$b" "$d" "$big") | | | |" >>"$md"
    # kill points: the given ones, then half-way and 80 % into the reference
    # load (the add phase), so that every backend is also killed late
    local -a points=("${KILLS[@]}")
    local last=${KILLS[$((${#KILLS[@]} - 1))]} x
    for x in 0.5 0.8; do
      x=$(awk -v r="$T_S" -v x="$x" 'BEGIN {printf "%.1f", r * x}')
      awk -v x="$x" -v l="$last" 'BEGIN {exit !(x > l + 1)}' && { points+=("$x"); last=$x; }
    done
    local -a reload_after=(2)
    x=$(awk -v r="$T_S" 'BEGIN {printf "%.1f", r * 0.4}')
    awk -v x="$x" 'BEGIN {exit !(x > 3)}' && reload_after+=("$x")
    for t in "${points[@]}"; do
      rm -rf "$d"
      "$VITAE" --quiet --store "$b:$d" load "$work/other.nt" || die "cannot load the other graph"
      log "crash $b: kill -9 at ${t}s"
      kill_run "$b" "$f" "$d" "$t"
      inspect "$b" "$d" "$n" "$big"
      crash_row "$b" "$n" "load into a store with another graph" "$t"
    done
    # recovery: does loading the file again repair the last crashed store?
    log "crash $b: reload the file into the crashed store"
    timed "$cap" "$work/recover.log" "$VITAE" --quiet --store "$b:$d" load "$f"
    rc=$T_RC
    file_check "$b" "$d"
    c=$(count_graph "$b" "$d" "$big")
    echo "| $b | $n | reload the big file into the last crashed store | - | exit $rc after $T_S s$([ "$rc" != 0 ] && echo ": $(head -1 "$work/recover.log" | cut -c1-60)") | | $(fmt "$(div "$(dir_bytes "$d")" 1048576 4)" 1) | $I_VERIFY | $(count_graph "$b" "$d" "$SEED_IRI") | $c | | | $([ "$c" = "$n" ] && echo "loaded graph complete again" || echo 'loaded graph NOT recovered') |" >>"$md"
    # a reload killed halfway: are the old graph and the other graph kept?
    for t in "${reload_after[@]}"; do
      rm -rf "$d"
      "$VITAE" --quiet --store "$b:$d" load "$work/other.nt" "$f" || die "cannot load the graphs"
      log "crash $b: kill -9 a reload ${t}s after its first write"
      kill_run "$b" "$f" "$d" "$t" after-write
      inspect "$b" "$d" "$n" "$big"
      crash_row "$b" "$n" "reload over a complete store" "first write + $t"
    done
    rm -rf "$d"
  done
  {
    echo
    echo "An atomic load leaves the loaded graph either as it was before (empty; for a reload: complete) or"
    echo "complete, and never touches the other graph.  kill -9 tests a process crash only, not a power"
    echo "loss: what reached the OS page cache survives a process crash."
  } >>"$md"
  cp "$md" "$out"
  cat "$out"
}

if [ $mode = crash ]; then
  crash_mode
  exit 0
fi

# ================= benchmark mode =================

CANDS=(rapper)
for b in "${BACKENDS[@]}"; do CANDS+=("vitae/$b" "rdfproc/$b"); done

declare -A TIMES RSS RC CAPPED COUNT BYTES LONG QT QROWS QTOOL QCAP SMALL SMALLFAIL
small=$work/small.nt
"$PYTHON" "$here/gen-triples.py" 1000 --seed 11 --base http://example.org/small/ >"$small" || die "gen-triples.py failed"
printf 'size\tcandidate\trun\twall_s\tpeak_kb\texit\n' >"$tsv"

# q_cmd TOOL BACKEND DIR QUERY: run one query, print the number of result rows
QNAMES=(point join group)
query_text() {
  case $1 in
    point) echo "${P_PREFIX}SELECT ?l WHERE { <http://example.org/vitae/person/p100> rdfs:label ?l }" ;;
    join) echo "${P_PREFIX}SELECT ?ol WHERE { ?t vt:holder <http://example.org/vitae/person/p100> ; vt:office ?o . ?o rdfs:label ?ol }" ;;
    group) echo "${P_PREFIX}SELECT ?c (COUNT(?p) AS ?n) WHERE { ?p a vt:Person ; vt:nationality ?c } GROUP BY ?c ORDER BY DESC(?n) LIMIT 5" ;;
  esac
}
run_query() { # run_query TOOL BACKEND DIR QNAME LOG
  local tool=$1 b=$2 d=$3 q; q=$(query_text "$4")
  if [ "$tool" = vitae ]; then
    timed "$qcap" "$5" "$VITAE" --store "$b:$d" query --format csv -e "$q"
    Q_ROWS=$(( $(grep -c . "$5") - 1 ))
  elif [ "$b" = hashes ]; then
    timed "$qcap" "$5" rdfproc -q -c -s hashes -t "$(hashes_opts "$(data_dir "$d")")" vitae query sparql - "$q"
    Q_ROWS=$(grep -c '^\[' "$5")
  else
    timed "$qcap" "$5" rdfproc -q -c -s sqlite -t "contexts='yes'" "$(data_dir "$d")/vitae.sqlite" query sparql - "$q"
    Q_ROWS=$(grep -c '^\[' "$5")
  fi
}

for n in "${SIZES[@]}"; do
  f=$(gen "$n")
  # ---- loads, interleaved: run r of every candidate before run r+1 ----
  for ((r = 1; r <= runs; r++)); do
    for c in "${CANDS[@]}"; do
      k="$n|$c"
      [ -n "${LONG[$k]:-}" ] && continue
      d=$work/s$n-${c//\//-}
      log "load $n with $c (run $r)"
      run_load "$c" "$f" "$d" "$work/load.log"
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$c" "$r" "$T_S" "$T_KB" "$T_RC" >>"$tsv"
      TIMES[$k]="${TIMES[$k]:-} $T_S"
      RSS[$k]="${RSS[$k]:-} $T_KB"
      if [ "$T_RC" = 124 ] || [ "$T_RC" = 137 ]; then
        CAPPED[$k]=1; LONG[$k]=1
      elif [ "$T_RC" != 0 ]; then
        RC[$k]="exit $T_RC: $(grep -v Warning "$work/load.log" | head -1 | cut -c1-80)"; LONG[$k]=1
      fi
      # the first run decides whether a load is too long to repeat
      [ "$r" = 1 ] && awk -v t="$T_S" -v l="$long_s" 'BEGIN {exit !(t > l)}' && LONG[$k]=1
      if [ "$c" != rapper ] && [ -z "${COUNT[$k]:-}" ]; then
        COUNT[$k]=$(count_graph "${c#*/}" "$d" "$(iri_of "$f")")
        BYTES[$k]=$(dir_bytes "$d")
      fi
      # keep the stores vitae made (for the queries); drop the others
      case $c in rdfproc/*) rm -rf "$d" ;; esac
    done
  done
  # ---- queries on the stores vitae loaded, interleaved ----
  qtool=rdfproc
  for b in "${BACKENDS[@]}"; do
    d=$work/s$n-vitae-$b
    if [ -d "$d" ] && "$VITAE" --store "$b:$d" query --format csv -e "$(query_text point)" >/dev/null 2>&1; then
      qtool=vitae
    fi
    break
  done
  for ((r = 1; r <= runs; r++)); do
    for q in "${QNAMES[@]}"; do
      for b in "${BACKENDS[@]}"; do
        k="$n|$q|$b"; d=$work/s$n-vitae-$b
        [ -d "$d" ] || continue
        [ -n "${QCAP[$k]:-}" ] && continue
        log "query $q on $b, $n (run $r, $qtool)"
        run_query "$qtool" "$b" "$d" "$q" "$work/query.log"
        printf '%s\tquery-%s/%s\t%s\t%s\t%s\t%s\n' "$n" "$q" "$b" "$r" "$T_S" "$T_KB" "$T_RC" >>"$tsv"
        QTOOL[$n]=$qtool
        if [ "$T_RC" = 124 ] || [ "$T_RC" = 137 ]; then QCAP[$k]=1; continue; fi
        [ "$T_RC" != 0 ] && { QCAP[$k]="exit $T_RC"; continue; }
        QT[$k]="${QT[$k]:-} $T_S"
        QROWS[$k]=$Q_ROWS
      done
    done
  done
  # ---- a small load (1000 triples, its own graph) into the stores vitae
  # built: what each extracted document costs once the store is big ----
  for ((r = 1; r <= runs; r++)); do
    for b in "${BACKENDS[@]}"; do
      k="$n|$b"; d=$work/s$n-vitae-$b
      [ -d "$d" ] || continue
      [ -n "${SMALLFAIL[$k]:-}" ] && continue
      log "small load into $b, $n (run $r)"
      timed "$cap" "$work/small.log" "$VITAE" --quiet --store "$b:$d" load "$small"
      printf '%s\tsmall-load/%s\t%s\t%s\t%s\t%s\n' "$n" "$b" "$r" "$T_S" "$T_KB" "$T_RC" >>"$tsv"
      if [ "$T_RC" != 0 ]; then SMALLFAIL[$k]="exit $T_RC"; continue; fi
      SMALL[$k]="${SMALL[$k]:-} $T_S"
    done
  done
  [ $keep = 1 ] || rm -rf "$work"/s"$n"-*
done

# ---- report ----
rate_of() { # rate_of N CANDIDATE: triples/s, or n/a
  local k="$1|$2"
  if [ -n "${CAPPED[$k]:-}" ]; then
    case ${COUNT[$k]:-} in ''|*[!0-9]*) echo n/a ;; *) div "${COUNT[$k]}" "$cap" 0 ;; esac
  elif [ -n "${RC[$k]:-}" ] || [ -z "${TIMES[$k]:-}" ]; then echo n/a
  else
    # shellcheck disable=SC2086
    div "$1" "$(median ${TIMES[$k]})" 0
  fi
}
md=$work/report.md
{
  echo "# vitae store backends: load and query"
  echo
  machine_md
  echo "- data: \`bench/gen-triples.py N\` (vitae-shaped: countries, offices, persons with label, birth date,"
  echo "  nationality, metWith, an ~80-character evidence sentence, tenures); one named graph per load"
  echo "- runs: $runs per candidate, interleaved (run r of every candidate before run r+1); medians reported;"
  echo "  a load whose first run took longer than ${long_s} s ran once; time cap ${cap} s per load, ${qcap} s per query"
  echo
  echo "## Load"
  echo
  echo "Rate = triples ÷ wall seconds of the whole command (parse + store + sync + close)."
  echo "'vs rdfproc' = this rate ÷ rdfproc's rate into the same backend (above 1: faster than rdfproc)."
  echo "'rapper ×' = how many times slower than parsing alone."
  echo
  echo "| triples | loader | runs | wall s (median) | triples/s | vs rdfproc | rapper × | peak RSS MB | store MB | MB per 1M triples | triples in store |"
  echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for n in "${SIZES[@]}"; do
    for c in "${CANDS[@]}"; do
      k="$n|$c"
      # shellcheck disable=SC2086
      set -- ${TIMES[$k]:-}
      nr=$#
      t=$(median "$@")
      # shellcheck disable=SC2086
      kb=$(median ${RSS[$k]:-})
      rate=$(rate_of "$n" "$c")
      if [ -n "${CAPPED[$k]:-}" ]; then
        tcell="> $cap (cap hit)"; ratecell="≈ $rate (only ${COUNT[$k]:-?} of $n in)"
      elif [ -n "${RC[$k]:-}" ]; then
        tcell="failed (${RC[$k]})"; ratecell=n/a
      else
        tcell=$(fmt "$t" 2); ratecell=$rate
      fi
      vs=""; fl=""
      case $c in
        vitae/*)
          other=rdfproc/${c#*/}
          vs=$(div "$rate" "$(rate_of "$n" "$other")" 2)
          [ -n "${CAPPED[$k]:-}${CAPPED[$n|$other]:-}" ] && [ "$vs" != n/a ] && vs="≈ $vs" ;;
      esac
      [ "$c" != rapper ] && fl=$(div "$(rate_of "$n" rapper)" "$rate" 1)
      store=""; per=""
      if [ -n "${BYTES[$k]:-}" ]; then
        store=$(fmt "$(div "${BYTES[$k]}" 1048576 4)" 1)
        cntn=${COUNT[$k]:-$n}; [[ $cntn =~ ^[0-9]+$ ]] || cntn=$n
        per=$(awk -v b="${BYTES[$k]}" -v c="$cntn" 'BEGIN { if (c > 0) printf "%.0f", b / 1048576 / c * 1000000 }')
      fi
      echo "| $n | $c | $nr | $tcell | $ratecell | $vs | $fl | $(fmt "$(div "${kb:-0}" 1024 4)" 0) | $store | $per | ${COUNT[$k]:-} |"
    done
  done
  echo
  echo "## Queries"
  echo
  echo "Whole commands (open the store, run, print), median wall seconds, on the stores that vitae loaded."
  echo "point: the label of person p100; join: person ← tenure → office label; group: persons per"
  echo "nationality, top 5 (GROUP BY over all persons)."
  echo
  hdr="| triples | query | tool |"; sep="|---:|---|---|"
  for b in "${BACKENDS[@]}"; do hdr="$hdr $b s | rows |"; sep="$sep---:|---:|"; done
  [ ${#BACKENDS[@]} = 2 ] && { hdr="$hdr sqlite ÷ hashes |"; sep="$sep---:|"; }
  echo "$hdr"; echo "$sep"
  for n in "${SIZES[@]}"; do
    for q in "${QNAMES[@]}"; do
      line="| $n | $q | ${QTOOL[$n]:-} |"
      declare -A med=()
      for b in "${BACKENDS[@]}"; do
        k="$n|$q|$b"
        if [ "${QCAP[$k]:-}" = 1 ]; then cell="> $qcap (cap)"; med[$b]=""
        elif [ -n "${QCAP[$k]:-}" ]; then cell="failed (${QCAP[$k]})"; med[$b]=""
        else
          # shellcheck disable=SC2086
          m=$(median ${QT[$k]:-}); med[$b]=$m; cell=$(fmt "${m:-0}" 2)
        fi
        partial=""
        if [ -n "${CAPPED[$n|vitae/$b]:-}" ]; then partial=" (store partial: ${COUNT[$n|vitae/$b]:-?})"; fi
        line="$line $cell$partial | ${QROWS[$k]:-} |"
      done
      if [ ${#BACKENDS[@]} = 2 ]; then
        if [ -n "${med[hashes]:-}" ] && [ -n "${med[sqlite]:-}" ]; then
          line="$line $(div "${med[sqlite]}" "${med[hashes]}" 1) |"
        else line="$line |"; fi
      fi
      echo "$line"
      unset med
    done
  done
  echo
  echo "## A small load into a big store"
  echo
  echo "\`vitae load\` of a 1000-triple file into its own graph in the store vitae loaded above (the"
  echo "first run adds the graph, later runs replace it): what one more document costs once the store"
  echo "is big. Median wall seconds of the whole command."
  echo
  hdr="| triples in store |"; sep="|---:|"
  for b in "${BACKENDS[@]}"; do hdr="$hdr $b s |"; sep="$sep---:|"; done
  [ ${#BACKENDS[@]} = 2 ] && { hdr="$hdr sqlite ÷ hashes |"; sep="$sep---:|"; }
  echo "$hdr"; echo "$sep"
  for n in "${SIZES[@]}"; do
    line="| $n |"; mh=""; ms=""
    for b in "${BACKENDS[@]}"; do
      k="$n|$b"
      if [ -n "${SMALLFAIL[$k]:-}" ]; then cell="failed (${SMALLFAIL[$k]})"; m=""
      else
        # shellcheck disable=SC2086
        m=$(median ${SMALL[$k]:-}); cell=$(fmt "${m:-0}" 2)
      fi
      [ -n "${CAPPED[$n|vitae/$b]:-}" ] && cell="$cell (store partial: ${COUNT[$n|vitae/$b]:-?})"
      [ "$b" = hashes ] && mh=$m; [ "$b" = sqlite ] && ms=$m
      line="$line $cell |"
    done
    [ ${#BACKENDS[@]} = 2 ] && line="$line $( [ -n "$mh" ] && [ -n "$ms" ] && div "$ms" "$mh" 1) |"
    echo "$line"
  done
  echo
  echo "Every run is in $(basename "$tsv") beside this file."
} >"$md"
cp "$md" "$out"
cat "$out"
