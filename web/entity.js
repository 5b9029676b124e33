// An entity page: the timeline (one lane per office, then visits, meetings
// and the rest of life's dated facts) and the network (meetings, family,
// appointments, successions, congratulations) of the entity, drawn as SVG
// from /api/timeline and /api/network, which are `vitae timeline` and
// `vitae network --format json`.  Every mark links to its fact in the list
// under the drawing, which quotes the evidence sentence and links to it.
"use strict";
(() => {
  const { el, svg, info, getJSON, href } = vitae;

  // "2019-06-12", "2019-06", "2019", "-0044" -> a fractional year; null.
  function year(d) {
    const m = /^(-?\d{1,4})(?:-(\d\d))?(?:-(\d\d))?/.exec(d || "");
    if (!m) return null;
    return Number(m[1]) + (m[2] ? (Number(m[2]) - 1) / 12 : 0) + (m[3] ? (Number(m[3]) - 1) / 365 : 0);
  }

  function names(refs, base) {
    const out = [];
    refs.forEach((r, i) => {
      if (i) out.push(", ");
      out.push(r.iri ? el("a", { href: href(r.iri, base) }, r.label) : r.label);
    });
    return out;
  }

  function evidenceItems(evidence, base) {
    return evidence.map((e) => el("div", { class: "quote" },
      "“", el("q", null, e.text || "(sentence text not stored)"), "” ",
      el("a", { href: href(e.sentence, base), class: "sentence" }, "sentence"),
      e.source ? el("small", null, " in " + e.source) : null));
  }

  // ---- timeline ----

  function laneOf(f) {
    if (f.kind === "tenure") return { key: "o:" + (f.objects[0] ? f.objects[0].label : "office"), label: f.objects[0] ? f.objects[0].label : "office", order: 0 };
    if (f.kind === "visit") return { key: "visits", label: "Visits", order: 1 };
    if (f.kind === "meeting") return { key: "meetings", label: "Meetings", order: 2 };
    return { key: "life", label: "Life", order: 3 };
  }

  function drawTimeline(section, t, base) {
    // the events point to facts (a tenure twice: took office, left office)
    const facts = [], seen = new Map();
    for (const ev of t.events) {
      const f = ev.fact;
      const key = JSON.stringify([f.kind, f.node, f.relation, f.value, f.start, f.end, f.objects.map((o) => o.iri)]);
      if (!seen.has(key)) { seen.set(key, facts.length); facts.push(f); }
    }
    const dated = facts.filter((f) => year(f.start) !== null || year(f.end) !== null);
    if (!dated.length) return false;
    let lo = Infinity, hi = -Infinity;
    for (const f of dated) for (const d of [f.start, f.end]) {
      const y = year(d);
      if (y !== null) { lo = Math.min(lo, y); hi = Math.max(hi, y); }
    }
    lo = Math.floor(lo); hi = Math.floor(hi) + 1;
    // lanes: offices by their first start, then visits, meetings, life
    const lanes = new Map();
    for (const f of dated) {
      const l = laneOf(f);
      if (!lanes.has(l.key)) lanes.set(l.key, { ...l, first: Infinity, facts: [] });
      const lane = lanes.get(l.key);
      lane.facts.push(f);
      lane.first = Math.min(lane.first, year(f.start) ?? year(f.end));
    }
    const order = [...lanes.values()].sort((a, b) => a.order - b.order || a.first - b.first);
    const labelW = 300, plotW = 760, laneH = 24, top = 28, W = labelW + plotW + 20;
    const H = top + order.length * laneH + 10;
    const x = (y) => labelW + ((y - lo) / (hi - lo)) * plotW;
    const chart = svg("svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "timeline" });
    chart.append(svg("defs", null, svg("linearGradient", { id: "open-end" },
      svg("stop", { offset: "0.7", "stop-color": "#3b7dd8" }), svg("stop", { offset: "1", "stop-color": "#3b7dd8", "stop-opacity": "0.15" }))));
    const bands = svg("g");
    order.forEach((lane, i) => bands.append(svg("rect", { class: "band", x: 0, y: top + i * laneH, width: W, height: laneH })));
    chart.append(bands);
    // the axis: a tick every 1, 2, 5 or 10 years
    const span = hi - lo, step = span <= 10 ? 1 : span <= 25 ? 2 : span <= 60 ? 5 : 10;
    for (let y = Math.ceil(lo / step) * step; y <= hi; y += step) {
      chart.append(svg("line", { class: "axis", x1: x(y), x2: x(y), y1: top - 4, y2: H - 10 }));
      chart.append(svg("text", { class: "tick", x: x(y), y: top - 8, "text-anchor": "middle" }, String(y)));
    }
    const list = section.querySelector("ol.evidence");
    list.replaceChildren();
    let n = 0;
    order.forEach((lane, i) => {
      const ly = top + i * laneH;
      chart.append(svg("text", { class: "lane-label", x: 8, y: ly + laneH / 2 + 4 }, lane.label.length > 44 ? lane.label.slice(0, 42) + "…" : lane.label,
        svg("title", null, lane.label)));
      for (const f of lane.facts) {
        const id = "tl-" + ++n;
        const s = year(f.start), e = year(f.end);
        const what = (f.relation || f.kind) + (f.objects.length ? " " + f.objects.map((o) => o.label).join(", ") : "") + (f.value && f.kind === "fact" ? " " + f.value : "");
        const when = (f.start || "?") + (f.kind === "tenure" ? " – " + (f.end || "") : "");
        const tip = when + ": " + what + (f.evidence[0] && f.evidence[0].text ? "\n“" + f.evidence[0].text + "”" : "");
        let mark;
        if (f.kind === "tenure" && s !== null) {
          const open = e === null;
          const end = open ? Math.max(hi, s + 0.5) : Math.max(e, s) + (f.end && f.end.length === 4 ? 1 : 0);
          const x0 = x(s), x1 = Math.max(x(end), x0 + 3);
          mark = svg("rect", { class: "tenure" + (open ? " open" : "") + (/acting/.test(f.notes) ? " acting" : ""), x: x0, y: ly + 5, width: x1 - x0, height: laneH - 10, rx: 3 });
        } else {
          const cls = f.kind === "tenure" ? "tenure" : f.kind === "visit" ? "visit" : f.kind === "meeting" ? "meeting" : "life";
          mark = svg("circle", { class: cls, cx: x(s ?? e), cy: ly + laneH / 2, r: 5 });
        }
        chart.append(svg("a", { href: "#" + id, "data-fact": id }, mark, svg("title", null, tip)));
        list.append(el("li", { id },
          el("b", null, when), " ", f.relation || f.kind, " ", names(f.objects, base),
          f.value && f.kind === "fact" ? " " + f.value : "", f.place ? " in " + f.place : "",
          f.notes ? el("small", null, " (" + f.notes + ")") : null,
          f.inferred ? el("small", null, " (inferred)") : null,
          evidenceItems(f.evidence, base)));
      }
    });
    section.querySelector(".chart").replaceChildren(chart);
    return true;
  }

  // ---- network ----

  const KINDS = [
    { name: "met", test: (r) => r === "met", color: "#d9822b" },
    { name: "family", test: (r) => /spouse|sibling|relative|child|parent/.test(r), color: "#2a9d6f" },
    { name: "appointed / dismissed", test: (r) => /appointed|dismissed/.test(r), color: "#3b7dd8" },
    { name: "succession", test: (r) => /succeeded/.test(r), color: "#7a5cc4" },
    { name: "other", test: () => true, color: "#8a94a6" },
  ];
  const kindOf = (r) => KINDS.find((k) => k.test(r || ""));

  function drawNetwork(section, net, base) {
    const people = net.people;
    if (people.length < 2) return false;
    const byIri = new Map(people.map((p, i) => [p.iri, i]));
    // one line per pair of people; its ties listed under the drawing
    const pairs = new Map();
    const list = section.querySelector("ol.evidence");
    list.replaceChildren();
    net.ties.forEach((t, i) => {
      const a = byIri.get(t.from), b = byIri.get(t.to);
      if (a === undefined || b === undefined) return;
      const key = Math.min(a, b) + "-" + Math.max(a, b);
      if (!pairs.has(key)) pairs.set(key, { a, b, ties: [], first: i + 1 });
      pairs.get(key).ties.push(t);
      const who = (iri) => { const p = people[byIri.get(iri)]; return el("a", { href: href(p.iri, base) }, p.label); };
      list.append(el("li", { id: "nw-" + (i + 1) }, who(t.from), " " + t.relation + " ", who(t.to),
        t.date ? " (" + t.date + ")" : "", t.office ? " as " + t.office : "", t.place ? " in " + t.place : "",
        t.inferred ? el("small", null, " (inferred)") : null, evidenceItems(t.evidence, base)));
    });
    // rings by distance; on each ring, people grouped by how they are tied
    const rings = new Map();
    people.forEach((p, i) => {
      if (!rings.has(p.distance)) rings.set(p.distance, []);
      rings.get(p.distance).push(i);
    });
    const firstKind = (i) => {
      for (const pr of pairs.values()) if (pr.a === i || pr.b === i) return KINDS.indexOf(kindOf(pr.ties[0].relation));
      return KINDS.length;
    };
    const W = 1000, H = 760, cx = W / 2, cy = H / 2;
    const pos = new Array(people.length);
    const maxD = Math.max(...people.map((p) => p.distance));
    for (const [d, members] of rings) {
      if (d === 0) { members.forEach((i) => (pos[i] = [cx, cy])); continue; }
      members.sort((p, q) => firstKind(p) - firstKind(q) || people[p].label.localeCompare(people[q].label));
      const r = (Math.min(W, H) / 2 - 70) * (d / maxD);
      members.forEach((i, k) => {
        const ang = -Math.PI / 2 + (2 * Math.PI * k) / members.length + (d % 2 ? 0 : Math.PI / members.length);
        pos[i] = [cx + r * 1.25 * Math.cos(ang), cy + r * Math.sin(ang)];
      });
    }
    const chart = svg("svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "network" });
    const edges = svg("g"), nodes = svg("g");
    for (const pr of pairs.values()) {
      const k = kindOf(pr.ties[0].relation);
      const [x1, y1] = pos[pr.a], [x2, y2] = pos[pr.b];
      const tip = pr.ties.map((t) => people[byIri.get(t.from)].label + " " + t.relation + " " + people[byIri.get(t.to)].label + (t.date ? " (" + t.date + ")" : "")).join("\n");
      edges.append(svg("a", { href: "#nw-" + pr.first, "data-relation": pr.ties.map((t) => t.relation).join(",") },
        svg("line", { class: "edge", x1, y1, x2, y2, stroke: k.color, "stroke-width": Math.min(1.5 + pr.ties.length, 6) }),
        svg("title", null, tip)));
    }
    people.forEach((p, i) => {
      const [px, py] = pos[i];
      const left = px < cx - 1, centre = p.distance === 0;
      nodes.append(svg("a", { href: href(p.iri, base), class: "node" + (centre ? " centre" : "") },
        svg("circle", { cx: px, cy: py, r: centre ? 9 : 6 }),
        svg("text", { x: centre ? px : px + (left ? -10 : 10), y: centre ? py - 14 : py + 4, "text-anchor": centre ? "middle" : left ? "end" : "start", "font-weight": centre ? "bold" : null }, p.label),
        svg("title", null, p.label)));
    });
    chart.append(edges, nodes);
    const legend = el("div", { class: "legend" }, KINDS.slice(0, 4).map((k) => el("span", null, el("i", { style: "background:" + k.color }), k.name)));
    section.querySelector(".chart").replaceChildren(chart);
    section.querySelector(".chart").before(legend);
    return true;
  }

  async function showNetwork(section, iri, depth, base) {
    const net = await getJSON("/api/network?depth=" + depth + "&iri=" + encodeURIComponent(iri));
    section.querySelectorAll(".legend").forEach((l) => l.remove());
    section.hidden = !drawNetwork(section, net, base);
  }

  async function main() {
    const root = document.getElementById("entity");
    if (!root) return;
    const iri = root.dataset.iri;
    const { base } = await info();
    const tl = document.getElementById("timeline"), nw = document.getElementById("network");
    const [t] = await Promise.all([
      getJSON("/api/timeline?iri=" + encodeURIComponent(iri)),
      showNetwork(nw, iri, 1, base).catch((e) => { nw.hidden = false; nw.querySelector(".chart").textContent = e.message; }),
    ]);
    tl.hidden = !drawTimeline(tl, t, base);
    if (!nw.hidden) {
      const sel = el("select", { "aria-label": "depth" }, el("option", { value: 1 }, "people he or she is tied to"), el("option", { value: 2 }, "and their ties (2 steps)"));
      sel.addEventListener("change", () => showNetwork(nw, iri, sel.value, base));
      nw.querySelector("h2").after(el("div", { class: "controls" }, "Show ", sel));
    }
    document.body.dataset.ready = "1";
  }

  document.addEventListener("DOMContentLoaded", () => {
    main().catch((e) => {
      document.body.dataset.ready = "error";
      document.getElementById("entity")?.prepend(el("p", { class: "error" }, "cannot draw: " + e.message));
    });
  });
})();
