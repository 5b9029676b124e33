#!/usr/bin/env bash
# Whether `vitae extract` still writes exactly the same bytes: for work on the
# extractor's speed, which must not change what it extracts.
#
#   bench/extract-identical.sh save DIR    record the current build's outputs in DIR/ref
#   bench/extract-identical.sh check DIR   compare the current build's with DIR/ref
#
# Inputs: ../shared/corpus/*.txt (when present), tests/bios, tests/extract,
# the fuzz corpus of the extractor (--lenient), triples/tokayev.txt, and
# generated biographies (bench/gen-bios.py: 300 of about 8 KB and 20 of about
# 200 KB, made once in DIR/gen).  Each file but the 300 small generated ones
# is extracted on its own to Turtle (output, stderr and exit code are
# compared); then all of them at once to N-Triples, and the generated ones
# to N-Quads, TriG and JSON-LD (one process, many documents); the large
# generated ones with `extract --load` into a fresh store, compared by
# `vitae dump`.  When the build has `extract -j`, the multi-document runs
# are made with -j 2 too and must give the same bytes as -j 1.  Uses $VITAE,
# else src/vitae of the tree; VITAE_DATADIR is the source tree.  Exit 0
# when identical, 1 and the differing files when not.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
srcdir=$(cd "$here/.." && pwd)
[ $# = 2 ] && { [ "$1" = save ] || [ "$1" = check ]; } || { sed -n '2,20p' "$0"; exit 2; }
mode=$1
dir=$(mkdir -p "$2" && cd "$2" && pwd)
VITAE=${VITAE:-$srcdir/src/vitae}
[ -x "$VITAE" ] || { echo "extract-identical.sh: no vitae at $VITAE" >&2; exit 2; }
export VITAE_DATADIR=$srcdir
PYTHON=${PYTHON:-python3}

gen=$dir/gen
if [ ! -f "$gen/.done" ]; then
  rm -rf "$gen"
  "$PYTHON" "$here/gen-bios.py" --docs 300 --seed 3 --out "$gen/small" >/dev/null
  "$PYTHON" "$here/gen-bios.py" --docs 20 --mb 4 --seed 4 --out "$gen/large" >/dev/null
  touch "$gen/.done"
fi

inputs=()
for f in "$srcdir"/../shared/corpus/*.txt "$srcdir"/tests/bios/*.txt "$srcdir"/tests/extract/*.txt \
         "$srcdir"/tests/fuzz/corpus/extract/* "$srcdir"/triples/tokayev.txt; do
  [ -f "$f" ] && inputs+=("$f")
done
mapfile -t generated < <(find "$gen" -name '*.txt' | sort)
mapfile -t large < <(find "$gen/large" -name '*.txt' | sort)
each=("${inputs[@]}" "${large[@]}")
inputs+=("${generated[@]}")

out=$dir/new
[ "$mode" = save ] && out=$dir/ref
rm -rf "$out"
mkdir -p "$out/each"

# one file: NAME.ttl, NAME.err (paths made relative), NAME.rc
one() {
  local f=$1 out=$2 name rc=0
  name=$(echo "${f#"$3"/}" | tr '/' '_')
  "$VITAE" --quiet extract --lenient "$f" -o "$out/each/$name.ttl" 2> "$out/each/$name.err" || rc=$?
  echo "$rc" > "$out/each/$name.rc"
}
export -f one
export VITAE
printf '%s\n' "${each[@]}" | xargs -d '\n' -P 2 -I{} bash -c 'one "$1" "$2" "$3"' _ {} "$out" "$(dirname "$srcdir")"
# (a file refused on its own would make the whole run write nothing)
good=()
for f in "${inputs[@]}"; do
  name=$(echo "${f#"$(dirname "$srcdir")"/}" | tr '/' '_')
  [ ! -f "$out/each/$name.rc" ] || [ "$(cat "$out/each/$name.rc")" = 0 ] && good+=("$f")
done
"$VITAE" --quiet extract --lenient --format ntriples -o "$out/all.nt" "${good[@]}" 2> "$out/all.err" || echo "rc $?" >> "$out/all.err"
for fmt in nquads trig jsonld; do
  "$VITAE" --quiet extract --format $fmt -o "$out/generated.$fmt" "${generated[@]}" 2> "$out/generated-$fmt.err" || echo "rc $?" >> "$out/generated-$fmt.err"
done
# --load: what the store holds after it, as a dump (the store is made afresh)
rm -rf "$dir/store"
"$VITAE" --quiet --store "hashes:$dir/store" extract --load "${large[@]}" 2> "$out/load.err" || echo "rc $?" >> "$out/load.err"
"$VITAE" --quiet --store "hashes:$dir/store" dump -o "$out/load.nq" 2>> "$out/load.err" || echo "rc $?" >> "$out/load.err"
rm -rf "$dir/store"
# -j 2 must write what -j 1 writes (compared here, not with the reference,
# so that a build without -j is still checked on the rest)
if "$VITAE" extract --help | grep -q -- '-j N'; then
  for fmt in ntriples nquads; do
    "$VITAE" --quiet extract -j 2 --lenient --format $fmt -o "$dir/j2.$fmt" "${good[@]}" 2> "$dir/j2.err" || echo "rc $?" >> "$dir/j2.err"
    "$VITAE" --quiet extract -j 1 --lenient --format $fmt -o "$dir/j1.$fmt" "${good[@]}" 2> "$dir/j1.err" || echo "rc $?" >> "$dir/j1.err"
    cmp "$dir/j1.$fmt" "$dir/j2.$fmt" && cmp "$dir/j1.err" "$dir/j2.err" ||
      { echo "extract-identical.sh: -j 2 and -j 1 differ ($fmt)" >&2; exit 1; }
  done
  rm -f "$dir"/j[12].*
fi
sed -i "s|$srcdir|SRC|g; s|$dir|DIR|g" "$out"/each/*.err "$out"/*.err

n=$(find "$out/each" -name '*.ttl' | wc -l)
if [ "$mode" = save ]; then
  echo "extract-identical.sh: $n files' outputs recorded in $out"
  exit 0
fi
[ -d "$dir/ref" ] || { echo "extract-identical.sh: no reference in $dir/ref (run save first)" >&2; exit 2; }
[ -s "$out/all.nt" ] && [ -s "$out/generated.nquads" ] && [ -s "$out/load.nq" ] || { echo "extract-identical.sh: no multi-file output" >&2; exit 1; }
if diff -rq "$dir/ref" "$out" > "$dir/diff.txt"; then
  echo "extract-identical.sh: identical ($n files, $(cat "$out/all.nt" | wc -l) N-Triples lines)"
else
  echo "extract-identical.sh: DIFFERENT ($(wc -l < "$dir/diff.txt") files):" >&2
  head -20 "$dir/diff.txt" >&2
  exit 1
fi
