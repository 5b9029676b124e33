#!/usr/bin/env python3
"""bench/plot.py RESULTS.tsv OUTDIR HOST STARTED COMMAND

Turns the records of bench/bench.sh (kind, size, candidate, metric, value)
into OUTDIR/bench.md (the side-by-side tables) and a plot of how each figure
grows with size: OUTDIR/bench.png through gnuplot when it is installed, else
OUTDIR/bench.svg drawn here.  Standard library only.
"""
import math
import os
import shutil
import statistics
import subprocess
import sys
from collections import defaultdict

tsv, out, host, started, command = sys.argv[1:6]
rec = defaultdict(list)  # (kind, size, cand, metric) -> [values]
timeouts = set()
cap = os.environ.get("BENCH_CAP", "30")
for line in open(tsv, encoding="utf-8"):
    kind, size, cand, metric, value = line.rstrip("\n").split("\t")
    if value == "TIMEOUT":
        timeouts.add((kind, int(size), cand, metric))
    try:
        rec[(kind, int(size), cand, metric)].append(float(value))
    except ValueError:
        pass  # NA: the tool could not run it


def get(kind, size, cand, metric):
    v = rec.get((kind, size, cand, metric))
    return statistics.median(v) if v else None


def f(x, fmt="{:.2f}"):
    return "n/a" if x is None else fmt.format(x)


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


sizes = sorted({k[1] for k in rec if k[0] == "load"})
bios = sorted({k[1] for k in rec if k[0] == "bios"})
md = []
md.append(f"Run {started} on {host}; command: `{command}`.\n")
md.append("### Load (hashes/Berkeley DB, contexts on)\n")
md.append("Wall seconds of the whole command.  vitae's includes its inference step "
          "(computing and storing the inferred graph, which rdfproc does not do); "
          "'speed-up' = rdfproc s ÷ vitae s (above 1: vitae is faster).\n")
md.append("| triples | rapper -c s | rdfproc s | vitae s | of which inference s | vitae without inference s "
          "| speed-up | speed-up without inference | rdfproc triples/s | vitae triples/s |")
md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for n in sizes:
    ra, rp, vi = get("load", n, "rapper", "seconds"), get("load", n, "rdfproc", "seconds"), get("load", n, "vitae", "seconds")
    inf = get("load", n, "vitae", "infer-seconds")
    bare = vi - inf if vi is not None and inf is not None else None
    md.append(f"| {n} | {f(ra)} | {f(rp)} | {f(vi)} | {f(inf)} | {f(bare)} | {f(ratio(rp, vi))}× "
              f"| {f(ratio(rp, bare))}× | {f(ratio(n, rp), '{:.0f}')} | {f(ratio(n, vi), '{:.0f}')} |")
md.append("\n### On disk\n")
md.append("| triples | vitae MB | rdfproc MB | vitae MB per 1M triples | rdfproc MB per 1M triples |")
md.append("|---:|---:|---:|---:|---:|")
for n in sizes:
    v, r = get("size", n, "vitae", "MB"), get("size", n, "rdfproc", "MB")
    md.append(f"| {n} | {f(v, '{:.1f}')} | {f(r, '{:.1f}')} | {f(ratio(v, n / 1e6), '{:.0f}')} | {f(ratio(r, n / 1e6), '{:.0f}')} |")
if bios:
    md.append("\n### Generated biographies: extraction + load end to end\n")
    md.append("| biographies | extract --load s | of which inference s | triples | store MB |")
    md.append("|---:|---:|---:|---:|---:|")
    for k in bios:
        md.append(f"| {k} | {f(get('bios', k, 'vitae', 'extract-load-seconds'))} | {f(get('bios', k, 'vitae', 'infer-seconds'))} "
                  f"| {f(get('bios', k, 'vitae', 'triples'), '{:.0f}')} | {f(get('bios', k, 'vitae', 'MB'), '{:.1f}')} |")

cols = [("demo", 1, "bundled biography")] + [("triples", n, f"{n} triples") for n in sizes] + \
       [("bios", k, f"{k} bios") for k in bios]
cols = [c for c in cols if any(key[0] == c[0] and key[1] == c[1] for key in rec)]
names = sorted({k[3].split(":", 1)[1] for k in rec if k[3].startswith("query:")})
md.append("\n### Queries: median ms, process start included / excluded (minus an empty ASK) / rdfproc on its own store\n")
md.append("rdfproc runs the query text as it is (with the PREFIX lines vitae declares); "
          "n/a where rasqal refuses it.  The generated triples are not biographies: "
          "most showcase queries find nothing there, which still times the store.\n")
md.append("| query | " + " | ".join(c[2] for c in cols) + " |")
md.append("|---|" + "---:|" * len(cols))
for q in names:
    cells = []
    for kind, size, _ in cols:
        t = get(kind, size, "vitae", "query:" + q)
        x = get(kind, size, "vitae", "query-start-excluded:" + q)
        r = get(kind, size, "rdfproc", "query:" + q)
        has_r = any(k[0] == kind and k[1] == size and k[2] == "rdfproc" for k in rec)
        def ms(v, key):
            return f"> {cap} s" if key in timeouts else f(None if v is None else v * 1000, "{:.0f}")
        cells.append(f"{ms(t, (kind, size, 'vitae', 'query:' + q))} / {ms(x, (kind, size, 'vitae', 'query-start-excluded:' + q))}"
                     + (f" / {ms(r, (kind, size, 'rdfproc', 'query:' + q))}" if has_r else ""))
    md.append(f"| {q} | " + " | ".join(cells) + " |")

# ---- the plot: seconds against size, log-log ----
series = [("vitae load", [(n, get("load", n, "vitae", "seconds")) for n in sizes]),
          ("rdfproc load", [(n, get("load", n, "rdfproc", "seconds")) for n in sizes]),
          ("rapper -c", [(n, get("load", n, "rapper", "seconds")) for n in sizes]),
          ("vitae inference", [(n, get("load", n, "vitae", "infer-seconds")) for n in sizes])]
if bios:
    tri = {k: get("bios", k, "vitae", "triples") for k in bios}
    series.append(("bios: extract+load", [(tri[k], get("bios", k, "vitae", "extract-load-seconds")) for k in bios if tri[k]]))
series = [(name, [(x, y) for x, y in pts if x and y]) for name, pts in series]
series = [(name, pts) for name, pts in series if pts]
plot = None
if series and shutil.which("gnuplot"):
    dat = os.path.join(out, "bench-plot.dat")
    with open(dat, "w") as d:
        for name, pts in series:
            d.write(f'"{name}"\n' + "".join(f"{x} {y}\n" for x, y in pts) + "\n\n")
    plot = os.path.join(out, "bench.png")
    script = (f'set terminal png size 900,600; set output "{plot}"; set logscale xy; '
              'set xlabel "triples"; set ylabel "seconds"; set key top left; set grid; '
              f'plot for [i=0:{len(series) - 1}] "{dat}" index i with linespoints title columnheader(1)')
    if subprocess.run(["gnuplot", "-e", script]).returncode != 0:
        plot = None
if series and plot is None:
    plot = os.path.join(out, "bench.svg")
    W, H, L, B, T, R = 900, 600, 80, 60, 30, 200
    xs = [x for _, p in series for x, _ in p]
    ys = [y for _, p in series for _, y in p]
    x0, x1 = math.floor(math.log10(min(xs))), math.ceil(math.log10(max(xs)) + 1e-9)
    y0, y1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)) + 1e-9)
    x1, y1 = max(x1, x0 + 1), max(y1, y0 + 1)
    px = lambda x: L + (math.log10(x) - x0) / (x1 - x0) * (W - L - R)
    py = lambda y: H - B - (math.log10(y) - y0) / (y1 - y0) * (H - B - T)
    colors = ["#1f77b4", "#d62728", "#7f7f7f", "#2ca02c", "#9467bd"]
    s = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
         f'<rect width="{W}" height="{H}" fill="white"/>']
    for e in range(x0, x1 + 1):
        s.append(f'<line x1="{px(10**e):.1f}" y1="{T}" x2="{px(10**e):.1f}" y2="{H - B}" stroke="#ddd"/>')
        s.append(f'<text x="{px(10**e):.1f}" y="{H - B + 18}" text-anchor="middle">1e{e}</text>')
    for e in range(y0, y1 + 1):
        s.append(f'<line x1="{L}" y1="{py(10**e):.1f}" x2="{W - R}" y2="{py(10**e):.1f}" stroke="#ddd"/>')
        s.append(f'<text x="{L - 6}" y="{py(10**e) + 4:.1f}" text-anchor="end">{10**e:g} s</text>')
    s.append(f'<text x="{(L + W - R) / 2}" y="{H - 15}" text-anchor="middle">triples (log)</text>')
    s.append(f'<text x="{L}" y="{T - 10}">seconds (log); {started}</text>')
    for i, (name, pts) in enumerate(series):
        c = colors[i % len(colors)]
        pts = sorted(pts)
        s.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>' %
                 (c, " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in pts)))
        s += [f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{c}"/>' for x, y in pts]
        s.append(f'<rect x="{W - R + 15}" y="{T + 20 * i}" width="12" height="12" fill="{c}"/>')
        s.append(f'<text x="{W - R + 32}" y="{T + 20 * i + 11}">{name}</text>')
    s.append("</svg>")
    with open(plot, "w") as g:
        g.write("\n".join(s) + "\n")
if plot:
    md.append(f"\nPlot: `{os.path.basename(plot)}` (seconds against triples, log-log).")
with open(os.path.join(out, "bench.md"), "w", encoding="utf-8") as g:
    g.write("\n".join(md) + "\n")
