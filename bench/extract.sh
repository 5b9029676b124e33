#!/usr/bin/env bash
# Extraction speed and memory of `vitae extract`, beside two references run
# in the same way on the same files:
#   wc -w          a plain-text floor (reads and splits the bytes);
#   python regex   a simple pipeline: a regex tokenizer and sentence splitter
#                  in Python (bench/extract.sh's $PYREF), one file at a time.
# Each figure is printed with its ratio to the references.
#
#   bench/extract.sh [--quick] [--out DIR] [--runs N] [--keep]
#
#   --quick   a small corpus (2 MB in 50 documents, sets of 1/10/100 docs)
#             for a smoke run; the full run generates about 50 MB in 1000
#             documents plus sets of 1, 10, 100 and 1000 documents
#   --out DIR where the corpora and the report go (default bench/out in the
#             build tree when run by make, else in the source tree)
#   --runs N  timed runs per measurement, the fastest kept (default 1; the
#             small sets always get 3)
#
# The corpus is also run with `extract -j 2` (two worker processes, not
# pinned), whose wall-clock figure is the one to read.
#
# Builds nothing: uses $VITAE, else src/vitae of the build tree.  Needs
# python3 and /usr/bin/time (GNU time); taskset is used when present.
# Writes the table to stdout and, as markdown, to DIR/extract.md.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
srcdir=$(cd "$here/.." && pwd)
builddir=${top_builddir:-$srcdir}
quick=0 runs=1 out=""
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=1 ;;
    --out) out=$2; shift ;;
    --runs) runs=$2; shift ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "extract.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
out=${out:-$builddir/bench/out}
VITAE=${VITAE:-$builddir/src/vitae}
[ -x "$VITAE" ] || { echo "extract.sh: no vitae at $VITAE (build it first, or set VITAE)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "extract.sh: needs GNU time at /usr/bin/time" >&2; exit 1; }
export VITAE_DATADIR=${VITAE_DATADIR:-$srcdir}
PYTHON=${PYTHON:-python3}
# the interpreter itself, not a wrapper script (pyenv shims cost ~0.1 s a call)
PYTHON=$("$PYTHON" -c 'import sys; print(sys.executable)')
TASKSET=""
command -v taskset >/dev/null 2>&1 && taskset -c 0 true 2>/dev/null && TASKSET="taskset -c 0"

mkdir -p "$out"
# measure a private copy, so that a rebuild of src/vitae during the run (other
# work in the same tree) neither breaks the run nor mixes two builds
# (and of its data files, for the same reason)
cp "$VITAE" "$out/vitae-under-test"
VITAE=$out/vitae-under-test
rm -rf "$out/data"
mkdir -p "$out/data"
for d in ontology queries; do
  [ -d "$VITAE_DATADIR/$d" ] && cp -R "$VITAE_DATADIR/$d" "$out/data/"
done
VITAE_DATADIR=$out/data
gen="$PYTHON $here/gen-bios.py"

# ---- corpora (kept between runs: regenerated only when the recipe changes)
make_set() { # DIR ARGS...: generate unless DIR/.recipe says it is there already
  local dir=$1; shift
  local recipe="$* $(cksum < "$here/gen-bios.py")"
  if [ -f "$dir/.recipe" ] && [ "$(cat "$dir/.recipe")" = "$recipe" ]; then return; fi
  rm -rf "$dir"
  $gen "$@" --out "$dir"
  echo "$recipe" > "$dir/.recipe"
}
if [ $quick = 1 ]; then
  corpus_args=(--docs 50 --mb 2 --seed 7); sets=(1 10 100)
else
  corpus_args=(--docs 1000 --mb 50 --seed 7); sets=(1 10 100 1000)
fi
corpus=$out/corpus
[ $quick = 1 ] && corpus=$out/corpus-quick
make_set "$corpus" "${corpus_args[@]}"
for n in "${sets[@]}"; do make_set "$out/docs$n" --docs "$n" --seed 11; done

# The bundled biography, as N documents: doubled until one run takes >= 1 s of CPU.
tokayev=$srcdir/triples/tokayev.txt
tk=$out/tokayev
mkdir -p "$tk"

# ---- the reference pipeline
PYREF='
import re, sys
TOKEN = re.compile(r"\w+(?:[-\x27\u2019.]\w+)*|[^\w\s]")
SENT = re.compile(r"(?<=[.!?])[\"\u201d)]?\s+(?=[\"\u201c(]?[A-Z0-9])")
sentences = tokens = 0
for path in sys.argv[1:]:
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    for line in text.split("\n"):
        for s in SENT.split(line):
            if s.strip():
                sentences += 1
                tokens += len(TOKEN.findall(s))
print(sentences, tokens)
'

# ---- timing
# measure NAME CMD...: runs CMD (stdout discarded), sets T (wall s), C (user+sys
# s) and M (peak RSS, KB) to the fastest of $R runs.
R=1
measure() {
  local best_t="" tf
  tf=$(mktemp)
  for ((i = 0; i < R; i++)); do
    if ! /usr/bin/time -f '%e %U %S %M' -o "$tf" "$@" > /dev/null 2> "$tf.err"; then
      echo "extract.sh: failed: $(echo "$*" | cut -c1-300)..." >&2; sed -n '1,5p' "$tf.err" >&2; exit 1
    fi
    read -r t u s m < <(tail -n 1 "$tf")
    if [ -z "$best_t" ] || awk "BEGIN{exit !($t < $best_t)}"; then
      best_t=$t; T=$t; C=$(awk "BEGIN{print $u + $s}"); M=$m
    fi
  done
  rm -f "$tf" "$tf.err"
}

bytes_of() { cat "$@" | wc -c; }
mbps() { awk -v b="$1" -v t="$2" 'BEGIN{ if (t < 0.005) t = 0.005; printf "%.2f", b / 1e6 / t }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b <= 0) print "-"; else printf "%.3g", a / b }'; }
mb() { awk -v k="$1" 'BEGIN{ printf "%.1f", k / 1024 }'; }

rows=()
JOBS="" # e.g. "-j 2": vitae's own processes
# row LABEL DOCS FILES...: vitae (and, with PIN=1, vitae under taskset) and the references
row() {
  local label=$1 docs=$2; shift 2
  local bytes; bytes=$(bytes_of "$@")
  measure $TASKSET "$VITAE" -q extract $JOBS --format ntriples -o /dev/null "$@"
  local vt=$T vc=$C vm=$M
  measure $TASKSET wc -w "$@"
  local wc=$C
  measure $TASKSET "$PYTHON" -c "$PYREF" "$@"
  local pc=$C pm=$M
  local vw vs ws ps
  vw=$(mbps "$bytes" "$vt"); vs=$(mbps "$bytes" "$vc"); ws=$(mbps "$bytes" "$wc"); ps=$(mbps "$bytes" "$pc")
  rows+=("$label|$docs|$(awk -v b="$bytes" 'BEGIN{printf "%.2f", b/1e6}')|$vt|$vc|$vw|$vs|$(mb "$vm")|$ws|$(ratio "$vs" "$ws")|$ps|$(ratio "$vs" "$ps")|$(mb "$pm")|$(ratio "$vm" "$pm")")
  printf '%-22s %5s docs %8.2f MB  vitae %7.2f s wall %7.2f s cpu %7s MB/s (wall %s) %6s MB RSS | wc -w %8s MB/s | python %6s MB/s %6s MB RSS\n' \
    "$label" "$docs" "$(awk -v b="$bytes" 'BEGIN{print b/1e6}')" "$vt" "$vc" "$vs" "$vw" "$(mb "$vm")" "$ws" "$ps" "$(mb "$pm")" >&2
}

echo "extract.sh: vitae = $VITAE; ${TASKSET:-no taskset}; corpora in $out" >&2

# the bundled biography: grow the number of copies until vitae takes >= 1 s of CPU
n=1
while :; do
  files=()
  for ((i = 0; i < n; i++)); do
    [ -e "$tk/tokayev-$i.txt" ] || cp "$tokayev" "$tk/tokayev-$i.txt"
    files+=("$tk/tokayev-$i.txt")
  done
  R=1 measure "$VITAE" -q extract --format ntriples -o /dev/null "${files[@]}"
  if awk "BEGIN{exit !($C >= 1.0)}" || [ $n -ge 4096 ]; then break; fi
  n=$((n * 2))
done
R=$runs row "tokayev.txt x$n" "$n" "${files[@]}"

mapfile -t cfiles < <(find "$corpus" -name '*.txt' | sort)
R=$runs row "corpus ($(basename "$corpus"))" "${#cfiles[@]}" "${cfiles[@]}"
saved=$TASKSET; TASKSET=""
if [ -n "$saved" ]; then
  # unpinned, to show what the scheduler does (one process)
  R=1 row "corpus, no taskset" "${#cfiles[@]}" "${cfiles[@]}"
fi
# two worker processes (extract -j 2), unpinned: read its wall-clock MB/s
# (its CPU MB/s adds up both processes' time)
if "$VITAE" extract --help | grep -q -- '-j N'; then # (an older build has no -j)
  JOBS="-j 2" R=$runs row "corpus, -j 2" "${#cfiles[@]}" "${cfiles[@]}"
fi
TASKSET=$saved
for n in "${sets[@]}"; do
  mapfile -t sfiles < <(find "$out/docs$n" -name '*.txt' | sort)
  R=3 row "docs$n" "${#sfiles[@]}" "${sfiles[@]}"
done

# ---- the report
{
  echo "# vitae extract: speed and memory"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -m), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
       "vitae $(git -C "$srcdir" rev-parse --short HEAD 2>/dev/null || echo '?'), ${TASKSET:-no taskset}." \
       "$(if [ $quick = 1 ]; then echo 'Quick run (small corpus).'; fi)"
  echo
  echo "Throughput is MB (10^6 bytes) of input text per second of CPU time (user +"
  echo "system) of one process on one core (taskset -c 0 where available; the fastest"
  echo "of the runs), which other load on the machine disturbs less than wall time;"
  echo "vitae's wall-clock figure is shown too.  Every run starts the program afresh,"
  echo "so the figures include start-up (vitae loads its lexicon and rules, about"
  echo "0.1 s).  The -j 2 row runs two worker processes unpinned: its wall-clock MB/s"
  echo "is the one to read there (its CPU MB/s sums both processes' time), and it is"
  echo "only as good as the second core is free (see the load average above)."
  echo "Ratios are vitae's figure over the reference's: wc -w is a floor (read"
  echo "and split the bytes); python is a regex tokenizer and sentence splitter."
  echo
  echo "| input | docs | MB | vitae wall s | vitae cpu s | vitae MB/s (wall) | vitae MB/s | vitae peak RSS MB | wc -w MB/s | vitae/wc | python MB/s | vitae/python | python peak RSS MB | RSS vitae/python |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for r in "${rows[@]}"; do echo "| ${r//|/ | } |"; done
} > "$out/extract.md"
echo >&2
cat "$out/extract.md"
echo >&2
echo "extract.sh: written to $out/extract.md" >&2
