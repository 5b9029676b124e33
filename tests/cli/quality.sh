#!/bin/sh
# Extraction quality on the development set and on tests/bios/, scored by
# ../shared/eval/score.py
# (rdflib): every document above its floor in tests/quality-floors.tsv, full
# provenance, no contract violation.  Skips where ../shared is absent.
. "$(dirname "$0")/lib.sh"
need_shared
need_oracle
SCORE=$SHARED/eval/score.py
# the scorer pairs some entities in set order: one hash seed, one answer
PYTHONHASHSEED=0; export PYTHONHASHSEED
[ -f "$SCORE" ] || { echo "SKIP: no scorer"; exit 77; }
grep -v '^#' "$top_srcdir/tests/quality-floors.tsv" | while IFS='	' read -r name ff ef df; do
  text=$SHARED/corpus/$name.txt gold=$SHARED/eval/gold/$name.tsv
  if [ -f "$top_srcdir/tests/bios/$name.txt" ]; then
    text=$top_srcdir/tests/bios/$name.txt gold=$top_srcdir/tests/bios/$name.tsv
  fi
  [ -f "$text" ] && [ -f "$gold" ] || continue
  "$VITAE" --quiet extract "$text" -o "$T/$name.ttl" || { echo "FAIL: extract $name"; echo x >>"$T/failed"; continue; }
  "$PYTHON_ORACLE" "$SCORE" --ontology "$top_srcdir/ontology/vitae.ttl" --json "$T/$name.json" \
    "$T/$name.ttl" "$gold" | tail -1
  "$PYTHON_ORACLE" - "$T/$name.json" "$ff" "$ef" "$df" <<'PY' || echo x >>"$T/failed"
import json, sys
s = json.load(open(sys.argv[1]))
ff, ef, df = map(float, sys.argv[2:5])
bad = []
if s["facts_f1"] < ff: bad.append(f"facts F1 {s['facts_f1']:.3f} < {ff}")
if s["entities_f1"] < ef: bad.append(f"entities F1 {s['entities_f1']:.3f} < {ef}")
if s["dates"] < df: bad.append(f"dates {s['dates']:.3f} < {df}")
if s["provenance"] < 1.0: bad.append(f"provenance {s['provenance']:.3f} < 1")
if s["violations"]: bad.append(f"{s['violations']} contract violations")
for b in bad: print(f"FAIL: {s['name']}: {b}")
sys.exit(1 if bad else 0)
PY
done
[ -f "$T/failed" ] && exit 1
exit 0
